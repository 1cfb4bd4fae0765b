// Loaded when something needs saying: the response-code table and the message lookup stay out of
// the page's first download, which a payer who pays without trouble never needs.
import { checkoutMessageKey, describeResponseCode, type PayerMessages } from '@flitt-checkout/core';
import type { Sayable } from './useSay.ts';

/** The payer message for a state, code or key in one locale ('' for states with nothing to say). */
export function sayWith(payer: PayerMessages) {
  return (subject: Sayable): string => {
    const key =
      typeof subject === 'number'
        ? describeResponseCode(subject).messageKey
        : typeof subject === 'string'
          ? subject
          : checkoutMessageKey(subject);
    return key ? payer[key] : '';
  };
}
