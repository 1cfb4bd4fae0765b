import { describe, expect, it } from 'vitest';
import { formatAmount, intlLocale } from './money.ts';

// Runs in Node (full ICU) and again in Chromium (the browser project), whose ICU has no data for
// several of these languages: the written result must be the same either way.
describe('formatAmount', () => {
  it('writes minor units with the narrow sign in English: ₾ for GEL, $ for USD, a minus', () => {
    expect(formatAmount(1150, 'GEL', 'en')).toBe('₾11.50');
    expect(formatAmount(123456, 'GEL', 'en-GB')).toBe('₾1,234.56');
    expect(formatAmount(-1150, 'GEL', 'en')).toBe('-₾11.50');
    expect(formatAmount(0, 'GEL', 'en')).toBe('₾0.00');
    expect(formatAmount(1150, 'USD', 'en')).toBe('$11.50');
  });

  it.each(['ka', 'ru', 'uk', 'uz', 'ro', 'hy', 'kk', 'az'])(
    'writes %s with a decimal comma and ₾ after the amount, never the code or ლ',
    (locale) => {
      expect(formatAmount(1150, 'GEL', locale)).toMatch(/^11,50\s₾$/u);
      // Georgian and Armenian group four digits only where Intl has no data of theirs (Russian).
      expect(formatAmount(123456, 'GEL', locale)).toMatch(/^1[\s.]?234,56\s₾$/u);
    },
  );
});

describe('intlLocale', () => {
  it('keeps a language the runtime has data for, and English for what is not a language tag', () => {
    expect(intlLocale('en-GB')).toBe('en-GB');
    expect(intlLocale('de')).toBe('de');
    expect(intlLocale('not a tag!')).toBe('en');
  });

  it.each(['ka', 'hy', 'kk', 'uz', 'az'])(
    'gives %s real month names and numbers, its own or Russian’s, never the root’s',
    (locale) => {
      const tag = intlLocale(locale);
      expect([locale, 'ru']).toContain(tag);
      const month = new Intl.DateTimeFormat(tag, { month: 'long', timeZone: 'UTC' }).format(0);
      expect(month).not.toMatch(/^M\d+$|^January$/);
      expect(new Intl.NumberFormat(tag).format(1234.5)).not.toBe('1,234.5');
    },
  );
});
