// Capture and refund without arithmetic mistakes: what an order holds, what has been captured and
// refunded, and what may still be, all read from Flitt's own confirmed order and kept in integer
// minor units (Flitt reports captures in decimal major units: `capture_amount: 6.5`).
import {
  type CaptureResult,
  type FlittOrder,
  FlittValidationError,
  type OrderStatus,
  type ReverseResult,
  requireAmount,
} from '@flitt-checkout/core';
import { majorToMinor } from './amounts.ts';
import type { CallOptions } from './createFlittCaller.ts';
import type { FlittClient, OrderInput } from './createFlittClient.ts';
import { FlittApiError } from './errors.ts';

/** What a paid order holds, has given back and may still give, in minor units. */
export interface OrderMoney {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly currency: string;
  /** What the payer authorised (Flitt's `amount`; `actual_amount` keeps it after a partial capture). */
  readonly amount: number;
  /**
   * A pre-authorisation (`preauth: 'Y'`): `hold` (nothing taken yet) or `captured`, with the
   * amount taken. Null for an order charged at once.
   */
  readonly capture: { readonly status: 'hold' | 'captured'; readonly amount: number } | null;
  /** Refunded so far (Flitt's `reversal_amount`, cumulative). */
  readonly refunded: number;
  /** What a capture may still take: the whole hold, or 0 (one capture per order). */
  readonly capturable: number;
  /**
   * What a refund may still give back: what was taken (the capture's amount, or the payment)
   * less what was refunded; for an uncaptured hold, the whole hold (only a full reverse is
   * allowed then). 0 for an order not approved.
   */
  readonly refundable: number;
}

function additionalInfo(order: FlittOrder): Record<string, unknown> {
  const raw = order.additional_info;
  if (typeof raw !== 'string' || raw === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Reads Flitt's confirmed order (`client.getOrderStatus`) as `OrderMoney`: the capture status in
 * minor units, what was refunded, and what may still be captured or refunded.
 *
 * @example
 * const money = orderMoney(await client.getOrderStatus(orderId));
 * if (money.refundable > 0) show(`Up to ${money.refundable / 100} can be refunded`);
 */
export function orderMoney(order: FlittOrder): OrderMoney {
  const minor = (value: unknown) => {
    const n = Number(value);
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  };
  const amount = minor(order.actual_amount) || minor(order.amount);
  const refunded = minor(order.reversal_amount);
  const info = additionalInfo(order);
  const held = info.capture_status;
  const capture: OrderMoney['capture'] =
    held === 'hold' || held === 'captured'
      ? {
          status: held,
          amount: held === 'captured' ? (majorToMinor(info.capture_amount) ?? amount) : 0,
        }
      : null;
  const paid = order.order_status === 'approved';
  const taken = capture ? (capture.status === 'captured' ? capture.amount : amount) : amount;
  return {
    orderId: String(order.order_id),
    status: order.order_status,
    currency: String(order.currency ?? ''),
    amount,
    capture,
    refunded,
    capturable: paid && capture?.status === 'hold' ? amount : 0,
    refundable: paid ? Math.max(0, taken - refunded) : 0,
  };
}

/** Refused before sending, with the code Flitt would answer (1023: over what is left, 1084 …). */
const refused = (message: string, flittCode: number) =>
  new FlittValidationError([{ param: 'amount', kind: 'range', message, flittCode }], 'operation');

/**
 * Captures what a pre-authorisation holds, in full: the amount read from Flitt, not typed by
 * hand. Refused before anything is sent when there is nothing to capture (not a hold, captured
 * already, not approved).
 *
 * @example
 * await captureInFull(client, orderId);
 */
export async function captureInFull(
  client: FlittClient,
  orderId: string,
  options?: CallOptions,
): Promise<CaptureResult> {
  const money = orderMoney(await client.getOrderStatus(orderId, options));
  // Captured already (a retry after a lost reply): the same capture again, which Flitt answers
  // with its state rather than a second one.
  if (money.capture?.status === 'captured' && money.capture.amount > 0)
    return client.capture(
      { orderId, amount: money.capture.amount, currency: money.currency as OrderInput['currency'] },
      options,
    );
  if (money.capturable === 0)
    throw refused(
      `order ${orderId} holds nothing to capture (${money.capture ? `capture ${money.capture.status}` : 'not a pre-authorisation'}, status ${money.status}).`,
      1109,
    );
  return client.capture(
    { orderId, amount: money.capturable, currency: money.currency as OrderInput['currency'] },
    options,
  );
}

/** Options of `refund`. */
export interface RefundInput {
  readonly orderId: string;
  /** Minor units. Leave it out to refund all that is left. */
  readonly amount?: number;
  /**
   * Idempotency key (≤ 50 characters): the same key again is the same refund, never a second
   * one; with a key, a repeat is sent to Flitt even when what is left no longer covers it, so
   * the retry of a refund whose reply was lost gets that refund's reply. Default for a full
   * refund: `full-<refunded so far>`; pass your own for each partial refund (the return's id in
   * your records).
   */
  readonly reverseId?: string;
  readonly comment?: string;
}

/**
 * Refunds an order in part or in full, checked against what Flitt says is still refundable
 * before anything is sent (a partial refund of an uncaptured hold too: only a full one is
 * allowed), unless it repeats a keyed refund (`reverseId`), which Flitt answers itself. The
 * currency is the order's own.
 *
 * @example
 * await refund(client, { orderId, amount: 500, reverseId: 'return-17' }); // 5.00 back
 * await refund(client, { orderId }); // the rest
 */
export async function refund(
  client: FlittClient,
  input: RefundInput,
  options?: CallOptions,
): Promise<ReverseResult> {
  const money = orderMoney(await client.getOrderStatus(input.orderId, options));
  const amount = input.amount === undefined ? money.refundable : requireAmount(input.amount);
  // A keyed repeat goes to Flitt, which answers it as the refund it already made (or refuses it).
  const repeat = input.reverseId !== undefined && input.amount !== undefined;
  if (money.refundable === 0 && !repeat)
    throw refused(
      `order ${input.orderId} has nothing left to refund (status ${money.status}, refunded ${money.refunded} of ${money.amount}).`,
      1023,
    );
  if (amount > money.refundable && !repeat)
    throw refused(
      `${amount} is more than the ${money.refundable} still refundable on order ${input.orderId}; pass at most ${money.refundable}.`,
      1023,
    );
  if (money.capture?.status === 'hold' && amount !== money.refundable)
    throw refused(
      `order ${input.orderId} is an uncaptured hold: only the full ${money.refundable} can be given back (Flitt refuses a partial one with 1084), or capture part of it.`,
      1084,
    );
  // Tied to what was refunded before: a full refund Flitt declined does not block the next one.
  const reverseId =
    input.reverseId ?? (input.amount === undefined ? `full-${money.refunded}` : undefined);
  const over = amount > money.refundable;
  try {
    return await client.reverse(
      {
        orderId: input.orderId,
        amount,
        currency: money.currency as OrderInput['currency'],
        ...(reverseId === undefined ? {} : { reverseId }),
        ...(input.comment === undefined ? {} : { comment: input.comment }),
      },
      options,
    );
  } catch (error) {
    // Not a repeat after all: a new key for more than is left, which Flitt refused (1023).
    if (over && error instanceof FlittApiError && error.flittCode === 1023)
      throw refused(
        `${amount} is more than the ${money.refundable} still refundable on order ${input.orderId}; pass at most ${money.refundable}.`,
        1023,
      );
    throw error;
  }
}
