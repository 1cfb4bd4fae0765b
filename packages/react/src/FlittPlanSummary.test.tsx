import type { RecurringData } from '@flitt-checkout/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FlittPlanSummary } from './FlittPlanSummary.tsx';
import { FlittProvider } from './FlittProvider.tsx';
import { en, enSubscription } from './locales/en.ts';
import { ka, kaSubscription } from './locales/ka.ts';
import { ru, ruSubscription } from './locales/ru.ts';
import type { LocaleText, SubscriptionText } from './locales/types.ts';
import { uk, ukSubscription } from './locales/uk.ts';

const NOW = Date.UTC(2026, 0, 31, 12);
const MONTHLY: RecurringData = { every: 1, period: 'month', amount: 990 };
const TRIAL: RecurringData = { ...MONTHLY, trial_period: 'day', trial_quantity: 14 };

function show(
  plan: RecurringData,
  locale: LocaleText = en,
  texts: SubscriptionText = enSubscription,
  currency = 'GEL',
  firstPayment?: number,
) {
  render(
    <FlittProvider locale={locale}>
      <FlittPlanSummary
        plan={plan}
        currency={currency}
        texts={texts}
        now={NOW}
        timeZone="UTC"
        {...(firstPayment !== undefined && { firstPayment })}
      />
    </FlittProvider>,
  );
  // Intl separates a code and groups with (narrow) no-break spaces: compared as plain ones.
  return screen
    .getAllByRole('listitem')
    .map((li) => (li.textContent ?? '').replace(/[\u00a0\u202f]/g, ' '));
}

describe('FlittPlanSummary', () => {
  it('says the amount, the period in words and the first charge a month after paying', () => {
    expect(show(MONTHLY, en, enSubscription, 'GEL', 990)).toEqual([
      'Today: ₾9.90',
      'Then ₾9.90 every month',
      'First charge on February 28, 2026',
    ]);
    expect(screen.getByRole('region', { name: 'Your subscription' })).toHaveTextContent(
      /stop the subscription at any time/,
    );
  });

  it('dates the first charge after the trial, and says the trial', () => {
    expect(show(TRIAL)).toEqual([
      'Then ₾9.90 every month',
      'Free trial: 14 days',
      'First charge on February 14, 2026',
    ]);
  });

  it('says a weekly plan with a count and an end, and start_time as the first charge', () => {
    expect(
      show({
        every: 2,
        period: 'week',
        amount: 500,
        quantity: 6,
        start_time: '2026-03-02',
        end_time: '2026-06-01',
      }),
    ).toEqual([
      'Then ₾5.00 every 2 weeks',
      'First charge on March 2, 2026',
      '6 charges in total',
      'Until June 1, 2026',
    ]);
  });

  it.each([
    [
      'ka',
      ka,
      kaSubscription,
      ['დღეს: 9,90 ₾', 'შემდეგ 9,90 ₾ ყოველთვე', 'უფასო საცდელი პერიოდი: 14 დღე'],
    ],
    [
      'ru',
      ru,
      ruSubscription,
      ['Сегодня: 9,90 ₾', 'Затем 9,90 ₾ каждый месяц', 'Бесплатный пробный период: 14 дней'],
    ],
    [
      'uk',
      uk,
      ukSubscription,
      ['Сьогодні: 9,90 ₾', 'Далі 9,90 ₾ щомісяця', 'Безкоштовний пробний період: 14 днів'],
    ],
  ] as const)(
    'speaks %s, with its plural forms and its own date format',
    (_code, locale, texts, start) => {
      const lines = show(TRIAL, locale, texts, 'GEL', 990);
      expect(lines.slice(0, 3)).toEqual(start);
      expect(lines[3]).toMatch(/14/);
      expect(lines[3]).toMatch(/2026/);
      expect(lines[3]).not.toMatch(/February/);
    },
  );

  it.each([
    [ru, ruSubscription, 2, 'раз в 2 месяца'],
    [ru, ruSubscription, 5, 'раз в 5 месяцев'],
    [ru, ruSubscription, 21, 'раз в 21 месяц'],
    [uk, ukSubscription, 3, 'раз на 3 місяці'],
    [uk, ukSubscription, 11, 'раз на 11 місяців'],
    [ka, kaSubscription, 3, 'ყოველ 3 თვეში'],
    [en, enSubscription, 3, 'every 3 months'],
  ] as const)('counts periods in %s: every %i', (locale, texts, every, words) => {
    expect(show({ ...MONTHLY, every }, locale, texts)[0]).toContain(words);
  });

  it.each([
    ['UZS', 125_000_000, en, enSubscription, 'UZS 1,250,000.00'],
    ['MDL', 15_050, en, enSubscription, 'MDL 150.50'],
    ['AMD', 500_000, en, enSubscription, '֏5,000.00'],
    ['KZT', 499_900, ru, ruSubscription, '4 999,00 ₸'],
    ['GEL', 1_234_567, ka, kaSubscription, '12 345,67 ₾'],
    ['GEL', 123_456, ka, kaSubscription, '1234,56 ₾'],
    ['AMD', 1_234_567, uk, ukSubscription, '12 345,67 ֏'],
  ] as const)(
    'formats %s from minor units in the payer’s language',
    (currency, amount, locale, texts, shown) => {
      const line = show({ ...MONTHLY, amount }, locale, texts, currency)[0];
      // Intl's (CLDR's) narrow symbol where there is one, else the ISO code; ₾ for GEL in every
      // language (Russian's data has ლ, the lari's sign before 2014).
      expect(line).toContain(shown);
    },
  );

  it.each([
    // Chrome's ICU: no ka, which comes out in the browser's English (`₾1,234.56`, `January`).
    ['English', () => 'en'],
    // Debian's Chromium lists kk, uz and az but has the root's data for them: `GEL 1,234.56`,
    // `M01` (which `supportedLocalesOf` does not tell; Node has the data, hence the stand-in).
    ['the root\u2019s', (options?: Intl.DateTimeFormatOptions) => (options?.month ? 'root' : 'en')],
  ] as const)(
    'writes Georgian in Russian\u2019s conventions, with ₾, where the browser has %s data for it',
    (_, stand) => {
      const { NumberFormat, DateTimeFormat } = Intl;
      const isKa = (l: Intl.LocalesArgument) => String(l).startsWith('ka');
      class RootDateTimeFormat extends DateTimeFormat {
        constructor(l?: Intl.LocalesArgument, o?: Intl.DateTimeFormatOptions) {
          super(isKa(l) ? 'en' : l, o);
          if (isKa(l) && stand(o) === 'root')
            Object.defineProperty(this, 'format', {
              value: (d: number) =>
                `M${new DateTimeFormat('en', { ...o, month: '2-digit' }).format(d)}`,
            });
        }
      }
      class RootNumberFormat extends NumberFormat {
        constructor(l?: Intl.LocalesArgument, o?: Intl.NumberFormatOptions) {
          super(isKa(l) ? 'en' : l, o);
        }
      }
      Intl.DateTimeFormat = RootDateTimeFormat as typeof Intl.DateTimeFormat;
      Intl.NumberFormat = RootNumberFormat as typeof Intl.NumberFormat;
      try {
        const lines = show(TRIAL, ka, kaSubscription, 'GEL', 123_456);
        expect(lines[0]).toBe('დღეს: 1 234,56 ₾');
        expect(lines.join('\n')).toContain('14.02.2026');
        expect(lines.join('\n')).not.toMatch(/1,234|M\d|February/);
      } finally {
        Intl.DateTimeFormat = DateTimeFormat;
        Intl.NumberFormat = NumberFormat;
      }
    },
  );
});
