// `/api/transaction_list`: what happened to an order, one row per transaction. Flitt answers a
// bare JSON array with amounts in decimal major units (`20.0`); here every amount is an integer
// of minor units again, converted by its digits, never by `x * 100`.
import { FlittError } from '@flitt-checkout/core';
import { majorToMinor as minorOf } from './amounts.ts';

/** One transaction of an order, as `client.transactionList()` gives it. */
export interface FlittTransaction {
  /** Flitt's transaction id, as text. */
  readonly id: string;
  /** Flitt's `tran_type`: `purchase`, `capture`, `reverse`, `p2p credit`, `chargeback` … */
  readonly type: string;
  /** Flitt's `transaction_status` (`approved`, `declined` …); empty when it sends none. */
  readonly status: string;
  /** Minor units (2010 = 20.10), converted exactly from Flitt's `20.1`. */
  readonly amount: number;
  readonly currency: string;
  /** Flitt's `timestart` (`DD.MM.YYYY hh:mm:ss`), when it sends one. */
  readonly time: string | undefined;
  /** The row as Flitt sent it (its amount still in major units). */
  readonly raw: Readonly<Record<string, unknown>>;
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

const invalid = (message: string) =>
  new FlittError(
    'invalid_response',
    `[flitt-checkout] Flitt's reply to /api/transaction_list ${message}`,
  );

/**
 * The rows of Flitt's transaction list for `orderId`, checked and in minor units; throws a
 * `FlittError` (`invalid_response`) for a row that is not an object, has no amount in major
 * units with at most two decimals, or names another order.
 */
export function transactionsOf(rows: readonly unknown[], orderId: string): FlittTransaction[] {
  return rows.map((row, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw invalid(`has a row that is not an object (row ${index}).`);
    const raw = row as Record<string, unknown>;
    if (raw.order_id !== undefined && text(raw.order_id) !== orderId)
      throw invalid(`lists a transaction of order "${text(raw.order_id)}", not "${orderId}".`);
    const amount = minorOf(raw.amount);
    if (amount === undefined)
      throw invalid(
        `has an amount that is not a decimal of major units (row ${index}: ${JSON.stringify(raw.amount)}).`,
      );
    return {
      id: text(raw.id ?? raw.transaction_id),
      type: text(raw.tran_type),
      status: text(raw.transaction_status ?? raw.status),
      amount,
      currency: text(raw.currency),
      time: text(raw.timestart) || undefined,
      raw,
    };
  });
}
