// The server benchmark's side-by-side statistics (scripts/bench/sideBySide.ts): ratios of the
// totals over rounds in which every endpoint process served at once, with a two-level bootstrap
// interval (sessions of fresh processes, then rounds).
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
  it('takes the ratio of the totals, so a round with a collection in it counts in full', () => {
    const served = same(100);
    const rounds = [11, 11, 33].map((ours) =>
      round(0, served, { ours, sdk: 12, twin: 12, client: 12 }),
    );
    const { ratio, rateRatio } = sideSummaries(rounds, 1);
    // (11 + 11 + 33) / 300 requests over 36 / 300: the median round would say 0.917.
    expect(ratio.ours.value).toBeCloseTo(55 / 36, 3);
    expect(ratio.twin.value).toBe(1);
    expect(rateRatio.ours.value).toBe(1);
  });

  it('puts a faster endpoint above 1.0× in rate and below it in CPU', () => {
    const rounds = Array.from({ length: 6 }, (_, i) =>
      round(i % 2, { ours: 110, sdk: 100, twin: 100, client: 105 }, same(15)),
    );
    const { ratio, rateRatio } = sideSummaries(rounds, 2);
    expect(rateRatio.ours).toEqual({ value: 1.1, low: 1.1, high: 1.1, sessions: [1.1, 1.1] });
    expect(ratio.ours.value).toBeCloseTo(100 / 110, 3);
    expect(rateRatio.client.value).toBe(1.05);
    expect(rateRatio.twin.value).toBe(1);
  });

  it("widens the interval to how far one session's processes move the ratio", () => {
    // Within each session every round agrees, so only resampling the sessions shows the spread.
    const rounds = [0, 0, 0, 1, 1, 1].map((session) =>
      round(
        session,
        { ours: session === 0 ? 120 : 100, sdk: 100, twin: 100, client: 100 },
        same(10),
      ),
    );
    const first = sideSummaries(rounds, 2);
    expect(first.rateRatio.ours).toEqual({ value: 1.1, low: 1, high: 1.2, sessions: [1.2, 1] });
    // Seeded: the same rounds give the same interval on every run.
    expect(sideSummaries(rounds, 2)).toEqual(first);
  });
});
