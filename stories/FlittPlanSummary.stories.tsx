import { FlittPlanSummary, FlittProvider } from '@flitt-checkout/react';
import { en, enSubscription } from '@flitt-checkout/react/locales/en';
import { ka, kaSubscription } from '@flitt-checkout/react/locales/ka';
import { ru, ruSubscription } from '@flitt-checkout/react/locales/ru';
import { uk, ukSubscription } from '@flitt-checkout/react/locales/uk';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';

// What the payer reads before paying for a subscription. Dates count from a fixed day (31 Jan
// 2026, UTC), so each story always says the same thing.
const TEXTS = { en: enSubscription, ka: kaSubscription, ru: ruSubscription, uk: ukSubscription };
const LOCALES = { en, ka, ru, uk };

const meta = {
  title: 'Components/FlittPlanSummary',
  component: FlittPlanSummary,
  args: {
    plan: { every: 1, period: 'month', amount: 990 },
    currency: 'GEL',
    firstPayment: 990,
    texts: enSubscription,
    now: Date.UTC(2026, 0, 31, 12),
    timeZone: 'UTC',
  },
  // The toolbar's language (or the story's) picks the texts, and the provider's language, which
  // Intl formats the amounts and dates in.
  render: (args, { globals }) => {
    const code =
      (globals.locale as keyof typeof TEXTS) in TEXTS
        ? (globals.locale as keyof typeof TEXTS)
        : 'en';
    return (
      <FlittProvider locale={LOCALES[code]}>
        <FlittPlanSummary {...args} texts={TEXTS[code]} />
      </FlittProvider>
    );
  },
} satisfies Meta<typeof FlittPlanSummary>;

export default meta;
type Story = StoryObj<typeof meta>;

const lines = (canvasElement: HTMLElement) =>
  within(canvasElement)
    .getAllByRole('listitem')
    .map((li) => (li.textContent ?? '').replace(/[\u00a0\u202f]/g, ' '));

/** Paid today, then every month; the first charge a month after (31 Jan → 28 Feb). */
export const Monthly: Story = {
  play: async ({ canvasElement }) => {
    await expect(lines(canvasElement)).toEqual([
      'Today: ₾9.90',
      'Then ₾9.90 every month',
      'First charge on February 28, 2026',
    ]);
  },
};

/** Every two weeks, six charges, from a start date. */
export const Weekly: Story = {
  args: {
    plan: { every: 2, period: 'week', amount: 500, quantity: 6, start_time: '2026-02-02' },
    firstPayment: 500,
  },
  play: async ({ canvasElement }) => {
    await expect(lines(canvasElement)).toContain('Then ₾5.00 every 2 weeks');
    await expect(lines(canvasElement)).toContain('6 charges in total');
  },
};

/** A 14-day trial: a small card check today, the first charge when the trial ends. */
export const WithTrial: Story = {
  args: {
    plan: { every: 1, period: 'month', amount: 1500, trial_period: 'day', trial_quantity: 14 },
    firstPayment: 100,
  },
  play: async ({ canvasElement }) => {
    await expect(lines(canvasElement)).toEqual([
      'Today: ₾1.00',
      'Then ₾15.00 every month',
      'Free trial: 14 days',
      'First charge on February 14, 2026',
    ]);
  },
};

/**
 * Georgian: the noun singular after a number, and the lari's sign. Where Intl has Georgian (Node,
 * Firefox) a long date; in Chrome, whose ICU has none, Russian's `15,00 ₾` and `14.02.2026`.
 */
export const Georgian: Story = {
  ...WithTrial,
  globals: { locale: 'ka' },
  play: async ({ canvasElement }) => {
    await expect(lines(canvasElement)).toContain('უფასო საცდელი პერიოდი: 14 დღე');
    await expect(lines(canvasElement)[1]).toMatch(/^შემდეგ 15,00 ₾ ყოველთვე$/);
    await expect(lines(canvasElement)[3]).toMatch(/14/);
    await expect(lines(canvasElement)[3]).not.toMatch(/February/);
  },
};

/** Russian: plural forms from Intl.PluralRules (14 дней). */
export const Russian: Story = {
  ...WithTrial,
  globals: { locale: 'ru' },
  play: async ({ canvasElement }) => {
    await expect(lines(canvasElement)).toContain('Бесплатный пробный период: 14 дней');
  },
};

/** Ukrainian. */
export const Ukrainian: Story = {
  ...WithTrial,
  globals: { locale: 'uk' },
  play: async ({ canvasElement }) => {
    await expect(lines(canvasElement)).toContain('Безкоштовний пробний період: 14 днів');
  },
};
