import type { FlittOrder } from '@flitt-checkout/core';

/** What every event carries. Amounts are in minor units (tetri, tiyin, luma …), like Flitt's. */
interface EventBase<Type extends string> {
  readonly type: Type;
  /**
   * The same for every delivery of the same change, and different for each change: use it as
   * your idempotency key. Built from the order Flitt's status API returned, never from the
   * callback body, so nobody can mint a new id by reshaping a signed callback.
   */
  readonly id: string;
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
  /** The order as Flitt's status API returned it to the server, after the callback was verified. */
  readonly order: FlittOrder;
}

/** The payment succeeded. With `preauth`, `held` is true: the amount is reserved until you capture it. */
export interface PaymentApprovedEvent extends EventBase<'payment.approved'> {
  readonly held: boolean;
}

/**
 * An attempt was declined. `final` is false while the order stays open for another attempt (Flitt's
 * `delayed` orders keep `processing`); then the payer may still pay, so do not cancel the order.
 */
export interface PaymentDeclinedEvent extends EventBase<'payment.declined'> {
  readonly responseCode: number;
  readonly final: boolean;
}

/** The order's lifetime ran out without a payment. */
export type PaymentExpiredEvent = EventBase<'payment.expired'>;

/** Flitt has the order but no result yet (created, or waiting for 3-D Secure). */
export type PaymentProcessingEvent = EventBase<'payment.processing'>;

/** A held (pre-authorised) amount was captured; `capturedAmount` may be less than `amount`. */
export interface PaymentCapturedEvent extends EventBase<'payment.captured'> {
  readonly capturedAmount: number;
}

/**
 * Money went back to the payer. `refundedAmount` is the total refunded so far; `full` is true when
 * the whole order is reversed (`order_status: reversed`).
 */
export interface PaymentRefundedEvent extends EventBase<'payment.refunded'> {
  readonly refundedAmount: number;
  readonly full: boolean;
}

/**
 * A card check (`verification: 'Y'`, how a payer adds a card without buying) passed: Flitt held
 * the amount and gave it back (the order is `reversed`, no money moved). With a vault, the card
 * was saved for the payer before this event.
 */
export type CardVerifiedEvent = EventBase<'card.verified'>;

/**
 * A scheduled charge of a subscription was approved. The charge is its own order (`orderId`);
 * `parentOrderId` is the subscription's first order, the one `client.subscription()` stops.
 */
export interface SubscriptionChargedEvent extends EventBase<'subscription.charged'> {
  readonly parentOrderId: string;
}

/**
 * A scheduled charge of a subscription was declined (`responseCode`, e.g. 1037 insufficient
 * funds). The subscription stays active: stop it with `client.subscription(parentOrderId, 'stop')`.
 */
export interface SubscriptionChargeDeclinedEvent extends EventBase<'subscription.charge_declined'> {
  readonly parentOrderId: string;
  readonly responseCode: number;
}

/**
 * A split of a paid order (`client.settle` with a `callbackUrl`) was confirmed: `orderId` is the
 * split's own order, `operationId` the paid order it divided. Refunds of a split order come as
 * `payment.refunded` on the paid order.
 */
export interface SettlementApprovedEvent extends EventBase<'settlement.approved'> {
  readonly operationId: string;
}

/**
 * A payout (`client.payout`) reached the card. Payout events come from Flitt's payout callback,
 * verified with the payout key (`creditKey`), and `order` is that callback's order: Flitt
 * documents no status read for payouts, and a payout's signed object never passes a browser.
 */
export type PayoutApprovedEvent = EventBase<'payout.approved'>;

/** A payout was declined (`responseCode`, e.g. 1058: the receiving card's issuer refused it). */
export interface PayoutDeclinedEvent extends EventBase<'payout.declined'> {
  readonly responseCode: number;
}

/**
 * The payer's bank took back `chargebackAmount` of a paid order (Flitt's notice to
 * `chargebackCallbackUrl`, verified, and the order confirmed through Flitt's status API).
 */
export interface PaymentChargebackEvent extends EventBase<'payment.chargeback'> {
  readonly chargebackAmount: number;
}

/** What the two subscription status events carry: no order (Flitt's reply to a stop has none). */
interface SubscriptionStatusBase<Type extends string, Status extends 'active' | 'disabled'> {
  readonly type: Type;
  /** Unique per confirmed request (a second stop is a second event, with the same status). */
  readonly id: string;
  /** The subscription's first order. */
  readonly orderId: string;
  /** What Flitt's signed reply says the subscription is now. */
  readonly status: Status;
}

/**
 * A payer stopped a subscription through `handlers.subscription` (after `authorizeSubscription`
 * allowed it), and Flitt's signed reply confirmed it: no further charges. Flitt posts no callback
 * for a stop, so this event comes from that handler alone, once per request Flitt confirmed; a stop
 * of a stopped subscription comes again, and recording "stopped" twice is harmless. Stopping one
 * yourself with `client.subscription(orderId, 'stop')` sends no event: your code already knows.
 */
export type SubscriptionStoppedEvent = SubscriptionStatusBase<'subscription.stopped', 'disabled'>;

/** Like `subscription.stopped`, for a subscription started again: charges resume on schedule. */
export type SubscriptionStartedEvent = SubscriptionStatusBase<'subscription.started', 'active'>;

/** The event for Flitt's confirmed answer to a stop or start through `handlers.subscription`. */
export function subscriptionStatusEvent(
  orderId: string,
  status: 'active' | 'disabled',
): SubscriptionStoppedEvent | SubscriptionStartedEvent {
  const id = `${orderId}|subscription|${status}|${crypto.randomUUID()}`;
  return status === 'disabled'
    ? { type: 'subscription.stopped', id, orderId, status }
    : { type: 'subscription.started', id, orderId, status };
}

/**
 * A verified, confirmed and deduplicated change of an order, delivered once to `onEvent` (and a
 * subscription stopped or started through `handlers.subscription`). Switch on
 * `type`; later versions add types (subscriptions, saved cards, chargebacks), so keep a default
 * branch.
 *
 * @example
 * import type { FlittEvent } from '@flitt-checkout/server';
 *
 * // createFlittHandlers({ onEvent, … })
 * async function onEvent(event: FlittEvent) {
 *   switch (event.type) {
 *     case 'payment.approved': return orders.markPaid(event.orderId, event.amount, event.id);
 *     case 'payment.refunded': return orders.markRefunded(event.orderId, event.refundedAmount);
 *     default: return; // processing, declined attempts …: nothing to do
 *   }
 * }
 */
export type FlittEvent =
  | PaymentApprovedEvent
  | PaymentDeclinedEvent
  | PaymentExpiredEvent
  | PaymentProcessingEvent
  | PaymentCapturedEvent
  | PaymentRefundedEvent
  | SubscriptionChargedEvent
  | SubscriptionChargeDeclinedEvent
  | CardVerifiedEvent
  | SettlementApprovedEvent
  | PayoutApprovedEvent
  | PayoutDeclinedEvent
  | PaymentChargebackEvent
  | SubscriptionStoppedEvent
  | SubscriptionStartedEvent;

/** Flitt's `additional_info`: a JSON string on the status reply (capture fields in major units). */
function captureOf(order: FlittOrder): { status: string; amount: number | null } {
  try {
    const info = JSON.parse(String(order.additional_info ?? '{}')) as {
      capture_status?: unknown;
      capture_amount?: unknown;
    };
    const amount = Number(info.capture_amount);
    return {
      status: typeof info.capture_status === 'string' ? info.capture_status : '',
      // capture_amount is in major units (10.5 GEL): back to minor units like every other amount.
      amount:
        info.capture_amount === null ||
        info.capture_amount === undefined ||
        !Number.isFinite(amount)
          ? null
          : Math.round(amount * 100),
    };
  } catch {
    // additional_info is optional and not always JSON
    return { status: '', amount: null };
  }
}

const minor = (value: unknown): number => {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
};

/**
 * The event a confirmed order stands for. Its id covers everything that makes a new event: status,
 * refunded total (a partial refund keeps "approved"), capture state (a capture keeps "approved")
 * and the decline code (several failed attempts on a delayed order keep "processing").
 */
export function eventOf(
  order: FlittOrder,
): Exclude<FlittEvent, SubscriptionStoppedEvent | SubscriptionStartedEvent> {
  const capture = captureOf(order);
  const refunded = minor(order.reversal_amount);
  const code = Number(order.response_code);
  const hasCode =
    order.response_code !== '' &&
    order.response_code !== undefined &&
    order.response_code !== null &&
    Number.isSafeInteger(code);
  const base = {
    id: [
      String(order.order_id),
      order.order_status,
      refunded,
      capture.status,
      order.response_code ?? '',
    ].join('|'),
    orderId: String(order.order_id),
    amount: minor(order.amount),
    currency: String(order.currency ?? ''),
    order,
  };
  // Each event literal starts with `type`, before `...base`: on Node 20's V8 keys added after a
  // leading spread cost about 1 µs each (BENCHMARKS.md §3c).
  // A scheduled charge names its subscription's first order; its refunds stay payment.refunded.
  const parentOrderId = typeof order.parent_order_id === 'string' ? order.parent_order_id : '';
  if (parentOrderId !== '' && refunded === 0) {
    if (order.order_status === 'approved')
      return { type: 'subscription.charged', ...base, parentOrderId };
    if (order.order_status === 'declined')
      return {
        type: 'subscription.charge_declined',
        ...base,
        parentOrderId,
        responseCode: hasCode ? code : 1000,
      };
  }
  // A split is an order of its own (tran_type settlement), not a second payment.
  if (order.tran_type === 'settlement' && order.order_status === 'approved')
    return {
      type: 'settlement.approved',
      ...base,
      operationId: typeof order.operation_id === 'string' ? order.operation_id : '',
    };
  if (order.order_status === 'reversed' && order.verification_status === 'verified')
    return { type: 'card.verified', ...base };
  switch (order.order_status) {
    case 'reversed':
      return { type: 'payment.refunded', ...base, refundedAmount: refunded, full: true };
    case 'approved':
      if (refunded > 0)
        return {
          type: 'payment.refunded',
          ...base,
          refundedAmount: refunded,
          full: refunded >= base.amount,
        };
      if (capture.status === 'captured')
        return {
          type: 'payment.captured',
          ...base,
          capturedAmount: capture.amount ?? minor(order.actual_amount ?? order.amount),
        };
      return { type: 'payment.approved', ...base, held: capture.status === 'hold' };
    case 'declined':
      return {
        type: 'payment.declined',
        ...base,
        responseCode: hasCode ? code : 1000,
        final: true,
      };
    case 'expired':
      return { type: 'payment.expired', ...base };
    default:
      // created / processing: a code means an attempt failed while the order stays open.
      return hasCode
        ? { type: 'payment.declined', ...base, responseCode: code, final: false }
        : { type: 'payment.processing', ...base };
  }
}
