import codes from '@flitt-checkout/test-kit/fixtures/flitt-response-codes.json' with {
  type: 'json',
};
import { describe, expect, it } from 'vitest';
import { flittLang } from './flittLang.ts';
import { MESSAGES, payerMessage, payerMessageForKey } from './messages/index.ts';
import type { Locale, PayerMessageKey } from './payerMessages.ts';
import { LOCALES, resolveLocale } from './payerMessages.ts';
import { RESPONSE_CODE_MEANINGS, responseCodeMeaning } from './responseCodeMeanings.ts';
import type { ResponseCodeCategory } from './responseCodes.ts';
import { describeResponseCode, RESPONSE_CODES } from './responseCodes.ts';
import { FLITT_LANGS } from './validateOrder.ts';

const CATEGORIES: readonly ResponseCodeCategory[] = ['retry', 'other_method', 'merchant', 'flitt'];
const KEYS = Object.keys(MESSAGES.en) as PayerMessageKey[];

// UI states the React package shows without any Flitt code behind them.
const UI_KEYS: readonly PayerMessageKey[] = [
  'approved',
  'processing',
  'cancelled',
  'expired',
  'network_error',
  'timeout',
  'unknown_error',
];

// Script each translation must be written in, so a forgotten English string is caught.
const SCRIPT: Readonly<Record<Exclude<Locale, 'en'>, RegExp>> = {
  ka: /[\u10D0-\u10FF]/,
  ru: /[\u0400-\u04FF]/,
  uk: /[\u0400-\u04FF]/,
  kk: /[\u0400-\u04FF]/,
  hy: /[\u0531-\u058F]/,
  // Latin-script languages: letters English lacks (Uzbek's q and x are as telling as its oʻ).
  uz: /[ʻʼqx]/,
  ro: /[ăâîșț]/,
  az: /[əğıöüşç]/,
};

// Phrases that put the blame on the payer or their card; shop- or Flitt-side messages must not.
const BLAME: Readonly<Record<Locale, RegExp>> = {
  en: /your card|the card|card details|check (it|them)|you entered|incorrect|mistake/i,
  ka: /თქვენი ბარათ|ბარათის მონაცემ|ბარათის ნომერ|შეამოწმეთ (ბარათ|მონაცემ)|შეყვან|არასწორ/,
  ru: /ваш[аеуи]? карт|данные карты|проверьте (карт|данн|номер|код)|введ|неверн/i,
  uk: /ваш[аоуі]ї? картк|дані картки|перевірте (картк|дан|номер|код)|введ|неправильн/i,
  uz: /kartangiz|karta maʼlumot|karta raqam|(uni|ularni|kartani|kodni) tekshir|kiritil|notoʻgʻri/i,
  ro: /cardul dumneavoastră|datele cardului|verificați-l|verificați (cardul|datele|numărul|codul)|introdus|greșit/i,
  hy: /Ձեր քարտ|քարտի տվյալ|քարտի համար|ստուգել (այն|դրանք)|մուտքագր|սխալ/,
  kk: /картаңыз|карта деректер|карта нөмір|(оны|оларды) тексер|енгіз|қате/i,
  az: /kartınız|kart məlumat|kart nömrə|(onu|onları) yoxla|daxil etdiyiniz|yanlış/i,
};

// Technical words the payer should never see.
const TECHNICAL = /signature|parameter|\b1\d{3}\b|\b20\d{2}\b|3-?D ?S|acquirer|token|\bAPI\b/i;

describe('RESPONSE_CODES', () => {
  it('covers exactly the codes of the Flitt reference', () => {
    const expected = codes.codes.map((c) => c.code).sort((a, b) => a - b);
    expect(expected).toHaveLength(124);
    expect([...RESPONSE_CODES.keys()].sort((a, b) => a - b)).toEqual(expected);
  });

  it.each(codes.codes)('describes $code with a category and a message in every locale', (c) => {
    const info = describeResponseCode(c.code);
    expect(info.code).toBe(c.code);
    expect(CATEGORIES).toContain(info.category);
    for (const locale of LOCALES) expect(MESSAGES[locale][info.messageKey]).toBeTruthy();
    expect(info.messageKey).not.toBe('unknown_error');
  });

  it('follows the reference on who fixes it', () => {
    for (const c of codes.codes) {
      const { category } = describeResponseCode(c.code);
      // Every merchant-fixed code in the reference is 'merchant' here; no exceptions so far.
      if (c.fixed_by === 'merchant') expect([c.code, category]).toEqual([c.code, 'merchant']);
      if (c.fixed_by === 'issuer') expect(['retry', 'other_method']).toContain(category);
    }
  });

  it('classifies the codes the design calls out', () => {
    const cases: readonly [number, ResponseCodeCategory, PayerMessageKey][] = [
      [1003, 'retry', 'invalid_cvv'],
      [1037, 'other_method', 'insufficient_funds'],
      [2019, 'other_method', 'insufficient_funds'],
      [1014, 'merchant', 'shop_error'],
      [1013, 'merchant', 'shop_error'],
      [2004, 'merchant', 'shop_error'],
      [1006, 'flitt', 'shop_error'],
      [1002, 'flitt', 'service_error'],
      [1024, 'retry', 'authentication_failed'],
      [1051, 'other_method', 'security_declined'],
      [1052, 'retry', 'expired'],
      [2006, 'retry', 'expired'],
      [1036, 'merchant', 'already_paid'],
      [2009, 'merchant', 'already_paid'],
    ];
    for (const [code, category, messageKey] of cases) {
      expect(describeResponseCode(code)).toEqual({ code, category, messageKey });
    }
  });

  it('returns frozen entries so callers cannot corrupt the shared table', () => {
    expect(Object.isFrozen(describeResponseCode(1037))).toBe(true);
  });
});

describe('describeResponseCode', () => {
  it('accepts codes sent as strings', () => {
    expect(describeResponseCode('1037')).toBe(RESPONSE_CODES.get(1037));
    expect(describeResponseCode(' 2017 ')).toBe(RESPONSE_CODES.get(2017));
  });

  it('falls back for unknown and malformed codes without throwing', () => {
    const fallback = { category: 'flitt', messageKey: 'unknown_error' };
    expect(describeResponseCode(1001)).toEqual({ code: 1001, ...fallback });
    expect(describeResponseCode(0)).toEqual({ code: 0, ...fallback });
    for (const garbage of ['', 'abc', '1037x', '1e3', '-1037', 1037.5, Number.NaN]) {
      expect(describeResponseCode(garbage)).toMatchObject(fallback);
    }
    expect(describeResponseCode(null as unknown as string)).toMatchObject(fallback);
  });
});

describe('payerMessage', () => {
  it('gives the message of the code in the locale', () => {
    expect(payerMessage(1037, 'en')).toBe(MESSAGES.en.insufficient_funds);
    expect(payerMessage('1037', 'ka')).toBe(MESSAGES.ka.insufficient_funds);
    expect(payerMessage(2019, 'ru')).toBe(MESSAGES.ru.insufficient_funds);
    expect(payerMessage(1014, 'uk')).toBe(MESSAGES.uk.shop_error);
  });

  it('falls back to English for unknown locales and resolves language tags', () => {
    expect(payerMessage(1037, 'de')).toBe(MESSAGES.en.insufficient_funds);
    expect(payerMessage(1037, '')).toBe(MESSAGES.en.insufficient_funds);
    expect(payerMessage(1037, 'ka-GE')).toBe(MESSAGES.ka.insufficient_funds);
    expect(payerMessage(1037, 'RU_ru')).toBe(MESSAGES.ru.insufficient_funds);
    expect(payerMessage(1037, 'ua')).toBe(MESSAGES.uk.insufficient_funds);
    expect(payerMessage(1037, 'constructor')).toBe(MESSAGES.en.insufficient_funds);
    expect(resolveLocale(undefined)).toBe('en');
  });

  it('gives the generic message for missing or unknown codes', () => {
    expect(payerMessage(undefined, 'ru')).toBe(MESSAGES.ru.unknown_error);
    expect(payerMessage(9999, 'ka')).toBe(MESSAGES.ka.unknown_error);
    expect(payerMessage('garbage', 'en')).toBe(MESSAGES.en.unknown_error);
  });

  it('prefers non-empty overrides and falls back past empty ones', () => {
    const overrides = { ka: { shop_error: 'დაგვირეკეთ.' }, en: { shop_error: '' } };
    expect(payerMessage(1014, 'ka', overrides)).toBe('დაგვირეკეთ.');
    expect(payerMessage(1014, 'en', overrides)).toBe(MESSAGES.en.shop_error);
    expect(payerMessageForKey('network_error', 'uk')).toBe(MESSAGES.uk.network_error);
  });

  it("speaks the languages of Flitt's markets, from language or country codes", () => {
    expect(payerMessage(1037, 'uz-Latn-UZ')).toBe(MESSAGES.uz.insufficient_funds);
    expect(payerMessage(1037, 'ro-MD')).toBe(MESSAGES.ro.insufficient_funds);
    expect(payerMessage(1037, 'hy-AM')).toBe(MESSAGES.hy.insufficient_funds);
    expect(payerMessage(1037, 'kk-KZ')).toBe(MESSAGES.kk.insufficient_funds);
    expect(payerMessage(1037, 'az-Latn-AZ')).toBe(MESSAGES.az.insufficient_funds);
    for (const [alias, locale] of [
      ['am', 'hy'],
      ['kz', 'kk'],
      ['md', 'ro'],
      ['mo', 'ro'],
    ] as const) {
      expect(resolveLocale(alias)).toBe(locale);
    }
  });

  it("follows the chain: the tag's own override, its locale's override, the table, English", () => {
    // A language the shop added, complete or partial: what it lacks is said in English.
    const overrides = {
      de: { insufficient_funds: 'Nicht genug Guthaben.' },
      hy: { shop_error: 'Զանգահարեք մեզ։' },
    };
    expect(payerMessage(1037, 'de-AT', overrides)).toBe('Nicht genug Guthaben.');
    expect(payerMessage(1014, 'de', overrides)).toBe(MESSAGES.en.shop_error);
    expect(payerMessage(1014, 'am', overrides)).toBe('Զանգահարեք մեզ։');
    expect(payerMessage(1037, 'hy', overrides)).toBe(MESSAGES.hy.insufficient_funds);
    // An own override must be the object's own key, not Object.prototype's.
    expect(payerMessage(1037, 'constructor', overrides)).toBe(MESSAGES.en.insufficient_funds);
  });
});

describe('flittLang', () => {
  it("gives Flitt the payer's language when Flitt speaks it", () => {
    for (const locale of ['en', 'ka', 'ru', 'uk', 'ro', 'az'] as const) {
      expect(flittLang(locale)).toBe(locale);
      expect(flittLang(locale, 'widget')).toBe(locale);
    }
    expect(flittLang('ro-MD')).toBe('ro');
    expect(flittLang('ge')).toBe('ka');
    expect(flittLang('md')).toBe('ro');
    // A language a shop added that Flitt has, though we have no texts for it.
    expect(flittLang('de-DE')).toBe('de');
  });

  it('falls back to Russian for Armenian and Kazakh, and for Uzbek on the hosted page only', () => {
    expect(flittLang('hy')).toBe('ru');
    expect(flittLang('hy', 'widget')).toBe('ru');
    expect(flittLang('kk-KZ')).toBe('ru');
    expect(flittLang('kk', 'widget')).toBe('ru');
    expect(flittLang('uz')).toBe('ru');
    expect(flittLang('uz-Latn', 'widget')).toBe('uz');
  });

  it('falls back to English for anything else, always with a lang validateOrder accepts', () => {
    expect(flittLang('sw')).toBe('en');
    expect(flittLang('')).toBe('en');
    expect(flittLang('constructor')).toBe('en');
    for (const locale of LOCALES) expect(FLITT_LANGS).toContain(flittLang(locale));
  });
});

describe('payer messages', () => {
  it('include the UI states the React package needs', () => {
    for (const key of UI_KEYS) expect(KEYS).toContain(key);
  });

  it.each(LOCALES)('%s defines every key with a short, non-empty message', (locale) => {
    const table = MESSAGES[locale];
    expect(Object.keys(table).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      const text = table[key];
      expect(text.trim(), `${locale}.${key}`).not.toBe('');
      expect(text.length, `${locale}.${key}`).toBeLessThanOrEqual(140);
      expect(text, `${locale}.${key}`).not.toMatch(TECHNICAL);
    }
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has no leftover English', (locale) => {
    for (const key of KEYS) {
      expect(MESSAGES[locale][key], `${locale}.${key}`).toMatch(SCRIPT[locale]);
      expect(MESSAGES[locale][key], `${locale}.${key}`).not.toBe(MESSAGES.en[key]);
    }
  });

  it('keeps Ukrainian distinct from Russian', () => {
    for (const key of KEYS) expect(MESSAGES.uk[key], key).not.toBe(MESSAGES.ru[key]);
    // Letters only Ukrainian has: a Russian string with word swaps would lack them all.
    expect(Object.values(MESSAGES.uk).join('')).toMatch(/[іїєґ]/);
    expect(Object.values(MESSAGES.uk).join('')).not.toMatch(/[ыэъё]/);
  });

  it('keeps Kazakh distinct from Russian', () => {
    for (const key of KEYS) expect(MESSAGES.kk[key], key).not.toBe(MESSAGES.ru[key]);
    // Letters only Kazakh has, in nearly every sentence.
    for (const key of KEYS) expect(MESSAGES.kk[key], key).toMatch(/[әғқңөұүһі]/);
  });

  it('writes Armenian sentences with the verjaket and Uzbek with the okina, not ASCII stand-ins', () => {
    for (const key of KEYS) {
      expect(MESSAGES.hy[key], key).toMatch(/։$/);
      expect(MESSAGES.hy[key], key).not.toMatch(/[\u0531-\u058F]\.(\s|$)/);
      expect(MESSAGES.uz[key], key).not.toMatch(/[og]['‘’`]/i);
    }
  });

  it('never blame the payer for shop- or Flitt-side problems', () => {
    const keys = new Set<PayerMessageKey>(['unknown_error', 'network_error', 'timeout']);
    for (const info of RESPONSE_CODES.values()) {
      if (info.category === 'merchant' || info.category === 'flitt') keys.add(info.messageKey);
    }
    expect(keys.size).toBeGreaterThan(3);
    for (const locale of LOCALES) {
      for (const key of keys) {
        expect(MESSAGES[locale][key], `${locale}.${key}`).not.toMatch(BLAME[locale]);
      }
    }
  });

  it('are not reused across incompatible categories', () => {
    // A key shown for "try again" must not also be shown for "use another card", or the UI's
    // buttons would contradict the text.
    const payerSide = new Map<PayerMessageKey, Set<string>>();
    for (const { category, messageKey } of RESPONSE_CODES.values()) {
      if (category === 'merchant' || category === 'flitt') continue;
      payerSide.set(messageKey, (payerSide.get(messageKey) ?? new Set()).add(category));
    }
    for (const [key, categories] of payerSide) expect([key, categories.size]).toEqual([key, 1]);
  });
});

describe('responseCodeMeaning', () => {
  it('has a developer meaning for every code', () => {
    expect(Object.keys(RESPONSE_CODE_MEANINGS)).toHaveLength(codes.codes.length);
    for (const c of codes.codes) expect(responseCodeMeaning(c.code), String(c.code)).toBeTruthy();
  });

  it('accepts strings and returns undefined for unknown input', () => {
    expect(responseCodeMeaning('1037')).toBe(RESPONSE_CODE_MEANINGS[1037]);
    expect(responseCodeMeaning(1001)).toBeUndefined();
    expect(responseCodeMeaning('constructor')).toBeUndefined();
    expect(responseCodeMeaning('1e3')).toBeUndefined();
    expect(responseCodeMeaning(undefined)).toBeUndefined();
  });
});
