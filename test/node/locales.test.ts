// Every language's texts, payer messages (core) and component texts (react), side by side: each
// has every key English has, and none is left in English.
import { LOCALES, type Locale, type PayerMessages } from '@flitt-checkout/core';
import { MESSAGES } from '@flitt-checkout/core/messages';
import * as az from '@flitt-checkout/react/locales/az';
import * as en from '@flitt-checkout/react/locales/en';
import * as hy from '@flitt-checkout/react/locales/hy';
import * as ka from '@flitt-checkout/react/locales/ka';
import * as kk from '@flitt-checkout/react/locales/kk';
import * as ro from '@flitt-checkout/react/locales/ro';
import * as ru from '@flitt-checkout/react/locales/ru';
import * as uk from '@flitt-checkout/react/locales/uk';
import * as uz from '@flitt-checkout/react/locales/uz';
import { describe, expect, it } from 'vitest';

const TEXTS = { en, ka, ru, uk, uz, ro, hy, kk, az } satisfies Record<Locale, unknown>;
const OTHERS = LOCALES.filter((l) => l !== 'en');
const PERIODS = ['day', 'week', 'month'] as const;

// Every argument shape each text function takes: amounts and dates arrive formatted.
const SAMPLES: Readonly<Record<string, readonly (readonly unknown[])[]>> = {
  today: [['9,90 ₾']],
  firstCharge: [['1.01.2027']],
  until: [['1.01.2027']],
  recurring: [
    ['9,90 ₾', 1, 'month'],
    ['9,90 ₾', 3, 'week'],
    ['9,90 ₾', 21, 'day'],
  ],
  trial: [
    [1, 'day'],
    [2, 'week'],
    [21, 'month'],
  ],
  charges: [[1], [2], [5], [21]],
  card: [
    ['VISA', '1111'],
    ['', '1111'],
  ],
};

/** Every text of a locale module by a path (`kaSavedCards.remove`), functions called with samples. */
function flatten(module: object): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string, name: string) => {
    if (typeof value === 'string') out.set(path, value);
    else if (typeof value === 'function') {
      // The rest take a card's last four digits.
      for (const [i, args] of (SAMPLES[name] ?? [['1111']]).entries())
        out.set(`${path}(${i})`, String((value as (...a: unknown[]) => unknown)(...args)));
    } else if (typeof value === 'object' && value !== null)
      for (const [key, inner] of Object.entries(value))
        walk(inner, path ? `${path}.${key}` : key, key);
  };
  walk(module, '', '');
  return out;
}

/** Module keys with the language prefix taken off (`kaResult` → `Result`), for comparing. */
const shape = (module: object, locale: string) =>
  [...flatten(module).keys()].map((k) => k.replace(new RegExp(`^${locale}`), '')).sort();

// What stays as it is in every language: brands, the codes on a card, units of a browser.
const EVERYWHERE = ['visa', 'mastercard', 'cvv', 'cvc', '3-d', 'secure', 'cookie', 'flitt'];
// Words the language shares with English, checked by hand: its own words, not English left over.
const LOANWORDS: Readonly<Partial<Record<Locale, readonly string[]>>> = {
  ro: ['card', 'online', 'internet', 'browser', 'link', 'moment', 'total'],
  uz: ['bank', 'internet', 'onlayn'],
  az: ['bank', 'internet', 'onlayn', 'aktiv', 'limit'],
};
// Every word of two letters or more in the English texts: a translation must share none of them.
const ENGLISH = new Set([...Object.values(MESSAGES.en), ...flatten(en).values()].flatMap(words));

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}][\p{L}\p{M}ʻʼ’']*/gu) ?? []).filter((w) => w.length > 1);
}

/** The words of `text` that are English, or Latin letters in a language written in another script. */
function leftoverEnglish(text: string, locale: Locale): string[] {
  const allowed = new Set([...EVERYWHERE, ...(LOANWORDS[locale] ?? [])]);
  const latinScript = ['uz', 'ro', 'az'].includes(locale);
  return words(text).filter(
    (w) => !allowed.has(w) && (ENGLISH.has(w) || (!latinScript && /[a-z]/.test(w))),
  );
}

describe('the locales', () => {
  it.each(OTHERS)('%s has every payer message key English has', (locale) => {
    expect(Object.keys(MESSAGES[locale]).sort()).toEqual(Object.keys(MESSAGES.en).sort());
  });

  it.each(OTHERS)('%s has every component text English has', (locale) => {
    expect(shape(TEXTS[locale], locale)).toEqual(shape(en, 'en'));
    expect((TEXTS[locale] as unknown as Record<string, { code: string }>)[locale]?.code).toBe(
      locale,
    );
  });

  it.each(OTHERS)('%s leaves no text in English', (locale) => {
    const texts: [string, string][] = [
      ...Object.entries(MESSAGES[locale] as PayerMessages),
      ...flatten(TEXTS[locale]),
    ];
    for (const [key, text] of texts) {
      if (key.endsWith('.code')) continue;
      expect(text.trim(), `${locale} ${key}`).not.toBe('');
      expect(leftoverEnglish(text, locale), `${locale} ${key}: ${text}`).toEqual([]);
    }
  });

  it('catches English, and Latin words in another script', () => {
    expect(leftoverEnglish('Plata a fost declined.', 'ro')).toEqual(['declined']);
    expect(leftoverEnglish('Վճարել with card', 'hy')).toEqual(['with', 'card']);
    expect(leftoverEnglish('Код CVV/CVC на карте VISA', 'ru')).toEqual([]);
  });
});

describe('plural forms', () => {
  it('follow CLDR in Romanian: one, few (2–19), other (20 on, with «de»)', () => {
    const t = ro.roSubscription;
    expect(t.charges(1)).toBe('În total 1 plată');
    expect(t.charges(2)).toBe('În total 2 plăți');
    expect(t.charges(19)).toBe('În total 19 plăți');
    expect(t.charges(20)).toBe('În total 20 de plăți');
    expect(t.charges(101)).toBe('În total 101 plăți');
    expect(t.charges(120)).toBe('În total 120 de plăți');
    expect(t.trial(1, 'day')).toBe('Perioadă de probă gratuită: 1 zi');
    expect(t.trial(14, 'day')).toBe('Perioadă de probă gratuită: 14 zile');
    expect(t.recurring('99 MDL', 1, 'month')).toBe('Apoi 99 MDL în fiecare lună');
    expect(t.recurring('99 MDL', 3, 'month')).toBe('Apoi 99 MDL o dată la 3 luni');
    expect(t.recurring('99 MDL', 30, 'day')).toBe('Apoi 99 MDL o dată la 30 de zile');
  });

  it('keep the noun singular after a number in Uzbek, Kazakh, Azerbaijani and Armenian', () => {
    for (const n of [1, 2, 5, 21]) {
      expect(uz.uzSubscription.trial(n, 'month')).toBe(`Bepul sinov muddati: ${n} oy`);
      expect(kk.kkSubscription.trial(n, 'month')).toBe(`Тегін сынақ мерзімі: ${n} ай`);
      expect(az.azSubscription.trial(n, 'month')).toBe(`Pulsuz sınaq müddəti: ${n} ay`);
      expect(hy.hySubscription.trial(n, 'month')).toBe(`Անվճար փորձաշրջան՝ ${n} ամիս`);
    }
    expect(uz.uzSubscription.recurring('99 000 soʻm', 2, 'week')).toBe(
      'Keyin har 2 haftada 99 000 soʻm',
    );
    expect(kk.kkSubscription.recurring('990 ₸', 1, 'month')).toBe('Содан кейін ай сайын 990 ₸');
    expect(kk.kkSubscription.recurring('990 ₸', 3, 'month')).toBe('Содан кейін 3 ай сайын 990 ₸');
    expect(az.azSubscription.recurring('9,90 ₼', 2, 'week')).toBe(
      'Sonra hər 2 həftədən bir 9,90 ₼',
    );
    expect(hy.hySubscription.recurring('990 ֏', 3, 'month')).toBe('Այնուհետև 990 ֏ 3 ամիսը մեկ');
  });

  it('say every period in every language', () => {
    for (const locale of LOCALES) {
      const t = (TEXTS[locale] as Record<string, unknown>)[
        `${locale}Subscription`
      ] as typeof en.enSubscription;
      const said = PERIODS.map((p) => t.recurring('1', 2, p));
      expect(new Set(said).size, locale).toBe(3);
    }
  });
});
