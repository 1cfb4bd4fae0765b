// Option checks the shared callback stores (Redis, Postgres) have in common.
import { FlittConfigError } from '@flitt-checkout/core';

/** 30 days: Flitt retries for 24 hours, and a payer may replay an old callback much later. */
const DEFAULT_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** What a value is, for an error that must not print it (it may be a URL with a password). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** `retentionSeconds` as given (a positive number) or the default, else a FlittConfigError. */
export function retentionSecondsOf(value: unknown, factory: string): number {
  if (value === undefined) return DEFAULT_RETENTION_SECONDS;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  throw new FlittConfigError(
    'invalid_retention',
    `[flitt-checkout] ${factory}: retentionSeconds must be a positive number of seconds (got ${typeof value === 'number' ? value : describeValue(value)}); leave it out for 30 days, longer than Flitt's 24 hours of retries.`,
  );
}
