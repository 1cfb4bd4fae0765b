// The side-by-side rounds' statistics (BENCHMARKS.md §3c): ratios of totals over rounds in
// which every endpoint process served at once, and their bootstrap interval over sessions.
import { seededRandom } from '@flitt-checkout/test-kit/random';
import { round } from './stats.ts';

/** A ratio to the SDK's endpoints over the side-by-side rounds, with a 95 % interval. */
export interface RatioSummary {
  /** Of the totals over every round of every session (CPU time over requests served). */
  readonly value: number;
  /** Percentile bootstrap of `value` over the sessions (2,000 resamples, fixed seed). */
  readonly low: number;
  readonly high: number;
  /** The same ratio within each session (a set of fresh processes). */
  readonly sessions: readonly number[];
}

export type SideName = 'ours' | 'sdk' | 'twin' | 'client';
export const SIDE_NAMES: readonly SideName[] = ['ours', 'sdk', 'twin', 'client'];

/** One side-by-side round: each process's requests served and CPU milliseconds. */
export interface SideRound {
  readonly session: number;
  readonly seconds: number;
  readonly served: Record<SideName, number>;
  readonly cpuMs: Record<SideName, number>;
}

/** Each process's requests served and CPU milliseconds over `rounds`, and the rounds' seconds. */
export function sideTotals(rounds: readonly SideRound[]) {
  const served = { ours: 0, sdk: 0, twin: 0, client: 0 };
  const cpuMs = { ours: 0, sdk: 0, twin: 0, client: 0 };
  let seconds = 0;
  for (const r of rounds) {
    seconds += r.seconds;
    for (const name of SIDE_NAMES) {
      served[name] += r.served[name];
      cpuMs[name] += r.cpuMs[name];
    }
  }
  return { served, cpuMs, seconds };
}

/** Ratios of the totals over `rounds`, for ours, the experiment and the A/A control. */
function sideRatios(rounds: readonly SideRound[]) {
  const totals = sideTotals(rounds);
  const served = (name: SideName) => totals.served[name];
  const perRequest = (name: SideName) => totals.cpuMs[name] / totals.served[name];
  const [sdkServed, twinServed] = [served('sdk'), served('twin')];
  const [sdkCpu, twinCpu] = [perRequest('sdk'), perRequest('twin')];
  const over = (name: 'ours' | 'client') => ({
    rate: served(name) / ((sdkServed + twinServed) / 2),
    cpu: perRequest(name) / ((sdkCpu + twinCpu) / 2),
  });
  return {
    ours: over('ours'),
    client: over('client'),
    twin: { rate: twinServed / sdkServed, cpu: twinCpu / sdkCpu },
  };
}

/** Each ratio of the totals, its bootstrap interval and its value per session. */
export function sideSummaries(rounds: readonly SideRound[]) {
  const ids = [...new Set(rounds.map((r) => r.session))].sort((a, b) => a - b);
  const bySession = ids.map((id) => rounds.filter((r) => r.session === id));
  // Seeded, so the bootstrap gives the same interval on re-reads.
  const random = seededRandom(14);
  // A cluster bootstrap: whole sessions (sets of processes, with all their rounds) drawn with
  // replacement. A session's rounds share its processes and follow one another, so they are not
  // drawn one by one; the sessions' spread holds the rounds' noise as well.
  const resamples = Array.from({ length: 2000 }, () =>
    sideRatios(
      bySession.flatMap(() => bySession[Math.floor(random() * bySession.length)] as SideRound[]),
    ),
  );
  const whole = sideRatios(rounds);
  const perSession = bySession.map(sideRatios);
  const summary = (name: 'ours' | 'client' | 'twin', of: 'rate' | 'cpu'): RatioSummary => {
    const values = resamples.map((r) => r[name][of]).sort((a, b) => a - b);
    return {
      value: round(whole[name][of], 3),
      low: round(values[Math.floor(0.025 * values.length)] as number, 3),
      high: round(values[Math.ceil(0.975 * values.length) - 1] as number, 3),
      sessions: perSession.map((r) => round(r[name][of], 3)),
    };
  };
  const both = (of: 'rate' | 'cpu') => ({
    ours: summary('ours', of),
    twin: summary('twin', of),
    client: summary('client', of),
  });
  return { rateRatio: both('rate'), ratio: both('cpu') };
}
