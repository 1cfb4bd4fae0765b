// Loaded when something needs saying: the response-code table and the message lookup stay out of
// the page's first download, which a payer who pays without trouble never needs.
import type { CheckoutState, PayerMessageKey, PayerMessages } from '@flitt-checkout/core/checkout';
import { checkoutMessageKey, describeResponseCode } from '@flitt-checkout/core/responseCodes';

/** Something the payer can be told about: a checkout state, a Flitt code or a message key. */
export type Sayable = CheckoutState | number | PayerMessageKey;

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
