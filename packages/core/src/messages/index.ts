// Every locale at once, for servers, the sandbox and tools: browser code imports one locale's
// table (`@flitt-checkout/core/messages/ka`) so that a payer downloads only their language.
import type { Locale, PayerMessageKey, PayerMessages } from '../payerMessages.ts';
import { languageOf, resolveLocale } from '../payerMessages.ts';
import { describeResponseCode, type PayerMessageOverrides } from '../responseCodes.ts';
import { az } from './az.ts';
import { en } from './en.ts';
import { hy } from './hy.ts';
import { ka } from './ka.ts';
import { kk } from './kk.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';
import { uz } from './uz.ts';

/**
 * All built-in payer message tables by locale; importing this pulls in every language.
 *
 * @example
 * MESSAGES.ka.approved; // 'გადახდა წარმატებით შესრულდა. გმადლობთ!'
 */
export const MESSAGES: Readonly<Record<Locale, PayerMessages>> = {
  en,
  ka,
  ru,
  uk,
  uz,
  ro,
  hy,
  kk,
  az,
};

/**
 * The payer message for a message key in a locale. The first non-empty text wins: the override
 * for the tag's language (`de` for `de-AT`, one a shop added), the override for the built-in
 * locale it resolves to (`ka` for `ge`), the built-in table, then English.
 *
 * @example
 * payerMessageForKey('network_error', 'ru');
 */
export function payerMessageForKey(
  key: PayerMessageKey,
  locale: Locale | (string & Record<never, never>),
  messages?: PayerMessageOverrides,
): string {
  const resolved = resolveLocale(locale);
  const own = messages && Object.hasOwn(messages, languageOf(locale));
  return (
    (own && messages?.[languageOf(locale)]?.[key]) ||
    messages?.[resolved]?.[key] ||
    MESSAGES[resolved][key] ||
    MESSAGES.en[key]
  );
}

/**
 * The payer-facing message for a Flitt response code in a locale (`ka-GE` works, unknown
 * locales fall back to English, a missing code gives the generic error message).
 *
 * @example
 * payerMessage(1037, 'ka'); // 'ბარათზე საკმარისი თანხა არ არის. …'
 */
export function payerMessage(
  code: number | string | undefined,
  locale: Locale | (string & Record<never, never>),
  messages?: PayerMessageOverrides,
): string {
  const key = code === undefined ? 'unknown_error' : describeResponseCode(code).messageKey;
  return payerMessageForKey(key, locale, messages);
}
