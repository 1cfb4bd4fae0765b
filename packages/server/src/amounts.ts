// Amounts between Flitt's two spellings: integer minor units (the API's `amount`) and decimal
// major units (captures, the transaction list, reports). By the digits, never by `x * 100`.
import { requireAmount } from '@flitt-checkout/core';

/**
 * A decimal amount in major units (`6`, `6.5`, `"20.10"`) as integer minor units (650, 2010),
 * by its digits, never by floating-point multiplication (`20.1 * 100` is `2010.0000000000002`).
 * Flitt's minor unit is a hundredth for every currency it takes. Undefined for anything that is
 * not such a number, or has a fraction of a minor unit.
 *
 * @example
 * majorToMinor(6.5); // 650
 */
export function majorToMinor(value: unknown): number | undefined {
  const text =
    typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value ?? '');
  const match = /^(\d+)(?:\.(\d{1,2})0*)?$/.exec(text.trim());
  if (!match) return undefined;
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(minor) ? minor : undefined;
}

/**
 * Integer minor units as the decimal major-unit text Flitt's reports use (`2010` → `"20.10"`).
 *
 * @example
 * minorToMajor(2010); // '20.10'
 */
export function minorToMajor(minor: number): string {
  const amount = minor === 0 ? 0 : requireAmount(minor);
  return `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}
