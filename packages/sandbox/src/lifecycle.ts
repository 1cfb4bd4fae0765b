import { type OrderStatus, signProtocol2 } from '@flitt-checkout/core';
import { type CardInput, cardBehaviour, maskCard, readCard, type TestCard } from './cards.ts';
import {
  describeCode,
  flittTime,
  orderObject,
  randomAlphanumeric,
  randomHex,
  type SandboxOrder,
  signLikeFlitt,
} from './orders.ts';
import type { SandboxMerchant, SandboxState } from './state.ts';
import type { StatusChange } from './statusHistory.ts';

/** A summary of one order for the control API and tests. */
export interface SandboxOrderSummary {
  readonly merchantId: number;
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly amount: number;
  readonly currency: string;
  readonly token: string;
  readonly paymentId: number;
  readonly responseCode: number | '';
  readonly attempts: number;
  readonly reversalAmount: number;
  readonly captureStatus?: 'hold' | 'captured';
  /** Its first status and each change, at the sandbox clock's time. */
  readonly statusHistory: readonly StatusChange[];
}

/** What a payment attempt (card form, checkout.js, 3-D Secure page) came to. */
export type PayOutcome =
  | { kind: 'invalid'; code: number; field?: string; order?: SandboxOrder }
  | { kind: '3ds'; id: string; order: SandboxOrder; card: CardInput }
  | { kind: 'done'; order: SandboxOrder };

/** The order life cycle: lifetimes, payment attempts, 3-D Secure, outcomes and callbacks. */
export type Lifecycle = ReturnType<typeof createLifecycle>;

/** How orders move from `created` to their outcome, over `state`. */
export function createLifecycle(state: SandboxState) {
  /** Applies `lifetime`: an unpaid order expires; a delayed order with a failed attempt is declined. */
  function settle(order: SandboxOrder): void {
    if (state.now() < order.expiresAt) return;
    if (order.status === 'created') {
      order.status = 'expired';
    } else if (order.status === 'processing') {
      order.status = 'declined';
      void notify(order);
    }
  }

  function summary(order: SandboxOrder): SandboxOrderSummary {
    settle(order);
    return {
      merchantId: order.merchantId,
      orderId: order.orderId,
      status: order.status,
      amount: order.params.amount,
      currency: order.params.currency,
      token: order.token,
      paymentId: order.paymentId,
      responseCode: order.responseCode,
      attempts: order.attempts,
      reversalAmount: order.reversalAmount,
      ...(order.captureStatus ? { captureStatus: order.captureStatus } : {}),
      statusHistory: [...order.statusHistory],
    };
  }

  async function signedOrder(order: SandboxOrder): Promise<Record<string, unknown>> {
    const merchant = state.merchants.get(order.merchantId) as SandboxMerchant;
    return signLikeFlitt(orderObject(order), merchant.secretKey);
  }

  /**
   * The server callback. A 2.0 merchant gets a 2.0 envelope, `{"response": {version, data,
   * signature}}` with the order inside the base64 (API reference §1.2; Flitt's PHP SDK reads
   * nothing else in 2.0 mode), so a handler that only knows the flat form fails here too.
   */
  async function notify(
    order: SandboxOrder,
    url: unknown = order.params.server_callback_url,
  ): Promise<void> {
    if (typeof url !== 'string' || url === '') return;
    const merchant = state.merchants.get(order.merchantId) as SandboxMerchant;
    const body =
      order.protocol === '2.0'
        ? { response: await signProtocol2(orderObject(order), merchant.secretKey) }
        : await signedOrder(order);
    state.callbacks.send(url, body, { orderId: order.orderId, orderStatus: order.status });
  }

  /** A refused attempt; delayed=Y (Flitt's default) keeps the order open until its lifetime ends. */
  function decline(order: SandboxOrder, code: number) {
    order.responseCode = code;
    order.responseDescription = describeCode(code);
    order.status = order.params.delayed === 'N' ? 'declined' : 'processing';
  }

  function approve(order: SandboxOrder) {
    order.status = 'approved';
    order.responseCode = '';
    order.responseDescription = '';
    order.approvalCode = String(100000 + Math.floor(Math.random() * 900000));
    order.rrn = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
  }

  function finish(order: SandboxOrder, card: CardInput, behaviour: TestCard, passed3ds: boolean) {
    order.card = {
      masked: maskCard(card.number),
      bin: Number(card.number.slice(0, 6)),
      brand: behaviour.brand,
    };
    order.eci = behaviour.threeDs === 'none' ? 7 : 5;
    if (!passed3ds || behaviour.result === 'declined') {
      decline(order, passed3ds ? (behaviour.declineCode ?? 1004) : 1024);
      return;
    }
    approve(order);
    if (order.params.preauth === 'Y') order.captureStatus = 'hold';
    if (order.params.required_rectoken === 'Y') {
      // 46 letters and digits like Flitt's (not hex): a 40-character column breaks live.
      order.rectoken = randomAlphanumeric(46);
      order.rectokenLifetime = flittTime(state.now() + 3 * 365 * 86400_000);
      state.rectokens.set(order.rectoken, {
        merchantId: order.merchantId,
        card: order.card,
        behaviour,
      });
    }
    if (order.params.subscription === 'Y' && order.params.recurring_data) {
      state.subscriptions.set(state.keyOf(order.merchantId, order.orderId), {
        orderKey: state.keyOf(order.merchantId, order.orderId),
        behaviour,
        card: order.card,
        approvedAt: state.now(),
        active: true,
        nextSlot: 0,
        charges: 0,
      });
    }
    if (order.params.verification === 'Y') {
      order.reversalAmount = order.params.amount;
      order.status = 'reversed';
    }
  }

  async function pay(token: string, raw: Record<string, unknown>): Promise<PayOutcome> {
    const key = state.byToken.get(token);
    const order = key ? state.orders.get(key) : undefined;
    if (!order) return { kind: 'invalid', code: 1018 };
    settle(order);
    if (order.status === 'expired') return { kind: 'invalid', code: 1019, order };
    if (order.status !== 'created' && order.status !== 'processing') {
      return { kind: 'invalid', code: order.status === 'approved' ? 2009 : 1019, order };
    }
    const card = readCard(raw, new Date(state.now()));
    if ('field' in card) return { kind: 'invalid', code: card.code, field: card.field, order };
    const behaviour = cardBehaviour(card.number);
    order.attempts += 1;
    if (behaviour.threeDs === 'challenge') {
      // With the bank: Flitt reports the order as processing until 3-D Secure ends (issue 15).
      order.status = 'processing';
      const id = randomHex(24);
      state.pending3ds.set(id, {
        orderKey: state.keyOf(order.merchantId, order.orderId),
        card,
        behaviour,
      });
      return { kind: '3ds', id, order, card };
    }
    finish(order, card, behaviour, true);
    await notify(order);
    return { kind: 'done', order };
  }

  async function complete3ds(id: string, confirmed: boolean): Promise<PayOutcome> {
    const pending = state.pending3ds.get(id);
    const order = pending ? state.orders.get(pending.orderKey) : undefined;
    if (!pending || !order) return { kind: 'invalid', code: 1018 };
    state.pending3ds.delete(id);
    settle(order);
    if (order.status !== 'created' && order.status !== 'processing') {
      return { kind: 'invalid', code: order.status === 'expired' ? 1052 : 1019, order };
    }
    finish(order, pending.card, pending.behaviour, confirmed);
    await notify(order);
    return { kind: 'done', order };
  }

  return { settle, summary, signedOrder, notify, decline, approve, pay, complete3ds };
}
