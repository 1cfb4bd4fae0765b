// Money and dates as the payer's language writes them, through Intl, in one place for the shop's
// pages, the React components and the sandbox's pages.

/**
 * The locale Intl should format for `locale`: itself where the runtime has its data, else Russian,
 * whose conventions (`1 234,56`, `14.02.2026`) are the ones Georgia, Armenia, Kazakhstan and
 * Uzbekistan write. A browser without the data answers in the root locale (`1,234.5`, month
 * `M01`), and some even claim the language in `supportedLocalesOf` (Debian's Chromium: `kk`), so
 * the formatted output is what is checked. English for what is not a language tag.
 *
 * @example
 * new Intl.DateTimeFormat(intlLocale('ka'), { dateStyle: 'long' }).format(Date.now());
 */
export function intlLocale(locale: string): string {
  try {
    const month = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(0);
    // Digits for a month, or English's month name and number in another language: the runtime
    // fell back. (Not cached: a test or a polyfill may change Intl, and this costs microseconds.)
    return !/^M\d+$/.test(month) &&
      (/^en\b/i.test(locale) ||
        month !== 'January' ||
        new Intl.NumberFormat(locale).format(1234.5) !== '1,234.5')
      ? locale
      : 'ru';
  } catch {
    return 'en'; // not a language tag at all
  }
}

/**
 * An amount in minor units (Flitt's: tetri for GEL) as the payer's language writes it, with the
 * currency's narrow sign: `₾11.50` in English, `11,50 ₾` in Georgian and Russian. GEL always
 * shows ₾, also where Intl's data has ლ (Russian's, the sign before 2014) or the code.
 *
 * @example
 * formatAmount(1150, 'GEL', 'ka'); // '11,50 ₾'
 */
export function formatAmount(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
  })
    .formatToParts(minor / 100)
    .map((part) => (part.type === 'currency' && currency === 'GEL' ? '₾' : part.value))
    .join('');
}
