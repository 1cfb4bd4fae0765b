import type { RecurringData } from './types.ts';

const DAY = 86_400_000;

/**
 * `YYYY-MM-DD[ HH:MM:SS]` of a plan's `start_time` / `end_time`, read as UTC (Flitt's docs do not
 * name the time zone); undefined for anything else. The sandbox schedules with the same reading.
 *
 * @example
 * planTime('2026-03-01'); // Date.UTC(2026, 2, 1)
 */
export function planTime(value: unknown): number | undefined {
  const m =
    typeof value === 'string'
      ? /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(value)
      : null;
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

/**
 * `count` periods after `from` (ms); months keep the day, or the month's last day (31 Jan → 28 Feb).
 *
 * @example
 * new Date(addPeriods(Date.UTC(2026, 0, 31), 'month', 1)); // 28 Feb 2026
 */
export function addPeriods(from: number, period: RecurringData['period'], count: number): number {
  if (period !== 'month') return from + count * (period === 'week' ? 7 : 1) * DAY;
  const date = new Date(from);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + count);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date.getTime();
}

/**
 * When a plan's first scheduled charge falls, for a first payment approved at `approvedAt` (ms):
 * `start_time`, else `every` periods after the approval; a trial (`trial_quantity` ×
 * `trial_period`) counts from the same anchor instead. Flitt's docs leave the trial's anchor open:
 * this is the sandbox's reading, so what the payer is told is what the sandbox does.
 *
 * @example
 * new Date(firstChargeAt({ every: 1, period: 'month', amount: 990 }, Date.UTC(2026, 0, 31))); // 28 Feb 2026
 */
export function firstChargeAt(plan: RecurringData, approvedAt: number): number {
  const start = planTime(plan.start_time);
  const from = start ?? approvedAt;
  if (plan.trial_period && plan.trial_quantity)
    return addPeriods(from, plan.trial_period, plan.trial_quantity);
  return start ?? addPeriods(from, plan.period, plan.every);
}
