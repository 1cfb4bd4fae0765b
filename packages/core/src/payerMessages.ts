/**
 * A language the built-in payer messages are written in: English, Georgian, Russian, Ukrainian,
 * Uzbek (Latin script), Romanian (as in Moldova), Armenian, Kazakh (Cyrillic) and Azerbaijani.
 *
 * @example
 * const locale: Locale = 'ka';
 */
export type Locale = 'en' | 'ka' | 'ru' | 'uk' | 'uz' | 'ro' | 'hy' | 'kk' | 'az';

/**
 * Every locale with a built-in message table; English comes first because it is the fallback.
 *
 * @example
 * LOCALES.includes('ru'); // true
 */
export const LOCALES: readonly Locale[] = ['en', 'ka', 'ru', 'uk', 'uz', 'ro', 'hy', 'kk', 'az'];

/**
 * Keys of payer-facing messages; many response codes share one message, and some keys
 * (`approved`, `processing`, `network_error`, …) are UI states with no Flitt code at all.
 *
 * @example
 * const key: PayerMessageKey = 'insufficient_funds';
 */
export type PayerMessageKey =
  // Outcomes and UI states that no decline code maps to.
  | 'approved'
  | 'processing'
  | 'awaiting_transfer'
  | 'cancelled'
  | 'expired'
  | 'already_paid'
  | 'network_error'
  | 'timeout'
  | 'unknown_error'
  | 'payment_not_found'
  // Saved cards: the payer must sign in, or enter a card whose token Flitt no longer takes.
  | 'sign_in_required'
  | 'saved_card_unusable'
  | 'card_verified'
  // The payer typed something wrong or must finish a step: the same card can work.
  | 'invalid_card_number'
  | 'invalid_expiry'
  | 'invalid_cvv'
  | 'invalid_details'
  | 'authentication_failed'
  | 'authentication_unavailable'
  | 'cookies_disabled'
  // The card or method cannot be used: another one is needed.
  | 'card_declined'
  | 'insufficient_funds'
  | 'limit_exceeded'
  | 'card_blocked'
  | 'card_not_supported'
  | 'contact_bank'
  | 'security_declined'
  | 'too_many_attempts'
  | 'authentication_required'
  // Nothing the payer can do: the shop or the payment service must act.
  | 'shop_error'
  | 'service_error';

/**
 * One complete table of payer messages for a locale.
 *
 * @example
 * const messages: PayerMessages = en;
 */
export type PayerMessages = Readonly<Record<PayerMessageKey, string>>;

// Sites often use the country code instead of the language code (Georgia, Ukraine, Armenia,
// Kazakhstan, Moldova); `mo` is the retired ISO 639 code for Romanian as written in Moldova.
const LOCALE_ALIASES: Readonly<Record<string, Locale>> = {
  ge: 'ka',
  ua: 'uk',
  am: 'hy',
  kz: 'kk',
  md: 'ro',
  mo: 'ro',
};

/**
 * The primary language subtag of a tag, lower case: `ka` for `ka-GE`, `ru` for ` RU_ru `.
 *
 * @example
 * languageOf('uz-Latn-UZ'); // 'uz'
 */
export function languageOf(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * Picks the supported locale for a language tag such as `ka-GE` or `ru`, falling back to `en`.
 *
 * @example
 * resolveLocale(navigator.language); // 'ka' for 'ka-GE', 'en' for 'de-DE'
 */
export function resolveLocale(tag: string | null | undefined): Locale {
  if (typeof tag !== 'string') return 'en';
  const primary = languageOf(tag);
  if ((LOCALES as readonly string[]).includes(primary)) return primary as Locale;
  return Object.hasOwn(LOCALE_ALIASES, primary) ? (LOCALE_ALIASES[primary] ?? 'en') : 'en';
}
