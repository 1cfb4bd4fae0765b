import { describe, expect, it } from 'vitest';
import { firstChargeAt } from './subscriptionPlan.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('firstChargeAt', () => {
  it('is one period after the approval without start_time, months clamped to their end', () => {
    expect(firstChargeAt({ every: 1, period: 'month', amount: 1 }, day('2026-01-31'))).toBe(
      day('2026-02-28'),
    );
    expect(firstChargeAt({ every: 2, period: 'week', amount: 1 }, day('2026-01-01'))).toBe(
      day('2026-01-15'),
    );
    expect(firstChargeAt({ every: 3, period: 'day', amount: 1 }, day('2026-01-01'))).toBe(
      day('2026-01-04'),
    );
  });

  it('is start_time when given (UTC), and a trial counts from it', () => {
    const plan = { every: 1, period: 'month' as const, amount: 1, start_time: '2026-03-02' };
    expect(firstChargeAt(plan, day('2026-01-01'))).toBe(day('2026-03-02'));
    expect(firstChargeAt({ ...plan, start_time: '2026-03-02 10:30:00' }, day('2026-01-01'))).toBe(
      Date.UTC(2026, 2, 2, 10, 30),
    );
    expect(
      firstChargeAt({ ...plan, trial_period: 'week', trial_quantity: 1 }, day('2026-01-01')),
    ).toBe(day('2026-03-09'));
  });

  it('is the trial’s end after the approval, as the sandbox charges', () => {
    const plan = {
      every: 1,
      period: 'month' as const,
      amount: 1,
      trial_period: 'day' as const,
      trial_quantity: 14,
    };
    expect(firstChargeAt(plan, day('2026-01-31'))).toBe(day('2026-02-14'));
    expect(
      firstChargeAt({ ...plan, trial_period: 'month', trial_quantity: 1 }, day('2026-01-31')),
    ).toBe(day('2026-02-28'));
  });
});
