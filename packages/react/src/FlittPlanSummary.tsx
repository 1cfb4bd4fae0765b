import {
  firstChargeAt,
  formatAmount,
  intlLocale,
  type RecurringData,
} from '@flitt-checkout/core/checkout';
import { useId } from 'react';
import { useFlittContext } from './FlittProvider.tsx';
import type { SubscriptionText } from './locales/types.ts';

/** Props of `FlittPlanSummary`. */
export interface FlittPlanSummaryProps {
  /** The plan your server will send (`recurring_data`); amounts in minor units. */
  plan: RecurringData;
  /** ISO 4217 code of the plan's amounts (`GEL`, `UZS` …). */
  currency: string;
  /** What the payer pays now, the order's `amount` (minor units); left out, no "today" line. */
  firstPayment?: number;
  /** The texts in the provider's language: `import { kaSubscription } from '@flitt-checkout/react/locales/ka'`. */
  texts: SubscriptionText;
  /** When the payer approves, to date the first charge (ms). Default: now. */
  now?: number;
  /** Time zone of the dates shown. Default: the payer's. */
  timeZone?: string;
  /** The heading's level. Default 2. */
  headingLevel?: 2 | 3;
  className?: string;
}

// Amounts through core's formatAmount (minor units, the narrow sign, ₾ for GEL) and dates in
// the locale Intl has data for (intlLocale: Russian's conventions, 14.02.2026, where the browser
// falls back to the root's or English's), as the demo shop and the sandbox's pages write them.

const dateIn = (ms: number, locale: string, timeZone: string | undefined) => {
  const tag = intlLocale(locale);
  return new Intl.DateTimeFormat(
    tag,
    tag === locale
      ? { dateStyle: 'long', ...(timeZone && { timeZone }) }
      : { day: '2-digit', month: '2-digit', year: 'numeric', ...(timeZone && { timeZone }) },
  ).format(ms);
};

/**
 * What the payer agrees to before paying: the first payment, the amount and period of each
 * charge in words, the trial, the first charge's date and the plan's end, in the provider's
 * language (amounts and dates through Intl).
 *
 * @example
 * <FlittPlanSummary plan={{ every: 1, period: 'month', amount: 990, trial_period: 'day', trial_quantity: 14 }} currency="GEL" firstPayment={100} texts={kaSubscription} />
 */
export function FlittPlanSummary(props: FlittPlanSummaryProps) {
  const { plan, currency, firstPayment, texts, timeZone, className } = props;
  const { locale, theme } = useFlittContext('FlittPlanSummary');
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const titleId = useId();
  const date = (ms: number) => dateIn(ms, locale, timeZone);
  const end = plan.end_time ? Date.parse(`${plan.end_time.slice(0, 10)}T00:00:00Z`) : Number.NaN;
  const lines = [
    firstPayment !== undefined ? texts.today(formatAmount(firstPayment, currency, locale)) : '',
    texts.recurring(formatAmount(plan.amount, currency, locale), plan.every, plan.period),
    plan.trial_period && plan.trial_quantity
      ? texts.trial(plan.trial_quantity, plan.trial_period)
      : '',
    texts.firstCharge(date(firstChargeAt(plan, props.now ?? Date.now()))),
    plan.quantity ? texts.charges(plan.quantity) : '',
    Number.isNaN(end) ? '' : texts.until(date(end)),
  ].filter(Boolean);
  return (
    <section
      className={className ? `flitt-plan ${className}` : 'flitt-plan'}
      data-flitt-theme={theme}
      aria-labelledby={titleId}
    >
      <Heading id={titleId} className="flitt-plan__title">
        {texts.planTitle}
      </Heading>
      <ul className="flitt-plan__lines">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="flitt-plan__note">{texts.stopAnytime}</p>
    </section>
  );
}
