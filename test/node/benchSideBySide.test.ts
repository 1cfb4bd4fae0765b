// The server benchmark's side-by-side statistics (scripts/bench/sideBySide.ts): ratios of the
// totals over rounds in which every endpoint process served at once, with a bootstrap interval
// over sessions of fresh processes.
import { describe, expect, it } from 'vitest';
import { type SideName, type SideRound, sideSummaries } from '../../scripts/bench/sideBySide.ts';

type PerSide = Record<SideName, number>;
const round = (session: number, served: PerSide, cpuMs: PerSide): SideRound => ({
  session,
  seconds: 2,
  served,
  cpuMs,
});
const same = (value: number): PerSide => ({ ours: value, sdk: value, twin: value, client: value });

describe('side-by-side statistics', () => {
  it('takes the ratio of the totals, not the mean or median of the rounds', () => {
    // Ours: 0.1 ms per request in the first round, 0.2 ms in a busier second one (a collection).
    const rounds = [
      round(0, { ours: 100, sdk: 100, twin: 100, client: 100 }, { ...same(12), ours: 10 }),
      round(0, { ours: 300, sdk: 100, twin: 100, client: 100 }, { ...same(12), ours: 60 }),
    ];
    const { ratio, rateRatio } = sideSummaries(rounds);
    // 70 ms over 400 requests against 0.12 ms: the rounds' mean and median would say 1.25.
    expect(ratio.ours.value).toBeCloseTo(0.175 / 0.12, 3);
    expect(rateRatio.ours.value).toBe(2);
    expect(ratio.twin.value).toBe(1);
  });

  it("compares with the mean of the two SDK processes' own figures", () => {
    // sdk: 0.1 ms per request, twin: 0.15 ms; their mean is 0.125 ms (pooled: 28 / 220).
    const rounds = [0, 1].map((session) =>
      round(
        session,
        { ours: 110, sdk: 100, twin: 120, client: 100 },
        { ours: 11, sdk: 10, twin: 18, client: 12.5 },
      ),
    );
    const { ratio, rateRatio } = sideSummaries(rounds);
    expect(ratio.ours.value).toBe(0.8);
    expect(rateRatio.ours.value).toBe(1);
    expect(ratio.client.value).toBe(1);
    expect(rateRatio.client.value).toBeCloseTo(100 / 110, 3);
    // The A/A control: the second process over the first.
    expect(ratio.twin.value).toBe(1.5);
    expect(rateRatio.twin.value).toBe(1.2);
    expect(ratio.ours.sessions).toEqual([0.8, 0.8]);
  });

  it('gives a 95 % interval of how far the sessions move a ratio, the same on every run', () => {
    // Twenty sessions whose rounds agree within each: ours at 0.90×, 0.91× … 1.09× the rate.
    // Drawing whole sessions, the ratio is the mean of twenty draws from values with a standard
    // deviation of 0.0577: about 0.995 ± 1.96 × 0.0129.
    const rounds = Array.from({ length: 20 }, (_, k) => k * 3 + 1).flatMap((session, k) =>
      [0, 1, 2].map(() =>
        round(session, { ours: 900 + 10 * k, sdk: 1000, twin: 1000, client: 1000 }, same(100)),
      ),
    );
    const first = sideSummaries(rounds);
    expect(first.rateRatio.ours.value).toBe(0.995);
    expect(first.rateRatio.ours.sessions).toHaveLength(20);
    expect(first.rateRatio.ours.low).toBeGreaterThan(0.965);
    expect(first.rateRatio.ours.low).toBeLessThan(0.9725);
    expect(first.rateRatio.ours.high).toBeGreaterThan(1.0175);
    expect(first.rateRatio.ours.high).toBeLessThan(1.025);
    // Identical sessions: no spread at all.
    expect(first.rateRatio.twin).toMatchObject({ value: 1, low: 1, high: 1 });
    // Seeded: the same rounds give the same interval on every run.
    expect(sideSummaries(rounds)).toEqual(first);
  });
});
