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
  type VerificationStatus,
} from './orders.ts';
import type { SandboxMerchant, SandboxState } from './state.ts';
import type { StatusChange } from './statusHistory.ts';

/** A summary of one order for the control API and tests. */
export interface SandboxOrderSummary {
  readonly merchantId: number;
  readonly orderId: string;
  readonly status: OrderStatus;
  /** `purchase`, or what made the order: `p2p credit` (a payout), `settlement` (a split). */
  readonly tranType: SandboxOrder['tranType'];
  readonly amount: number;
  readonly currency: string;
  readonly token: string;
  readonly paymentId: number;
  readonly responseCode: number | '';
  readonly attempts: number;
  readonly reversalAmount: number;
  readonly captureStatus?: 'hold' | 'captured';
  /** The card token it issued (`required_rectoken=Y`). */
  readonly rectoken?: string;
  /** `verification_status` of a `verification=Y` order. */
  readonly verificationStatus?: VerificationStatus;
  /**
   * The code a `verification_type=code` payer must type, while it is awaited: what Flitt puts in
   * the card statement, which a test cannot read.
   */
  readonly verificationCode?: string;
  /** Its first status and each change, at the sandbox clock's time. */
  readonly statusHistory: readonly StatusChange[];
  /**
   * A split (`/api/settlement`), on the settlement order and on the paid order it split: each
   * receiver's part and what split refunds gave back of it, in minor units.
   */
  readonly split?: {
    readonly settlementOrderId: string;
    readonly operationId: string;
    readonly receivers: readonly { merchantId: number; amount: number; reversed: number }[];
  };
}

/** What a payment attempt (card form, checkout.js, 3-D Secure page) came to. */
export type PayOutcome =
  | { kind: 'invalid'; code: number; field?: string; order?: SandboxOrder }
  | { kind: '3ds'; id: string; order: SandboxOrder; card: CardInput }
  /** `verification_type=code`: the card is held and the payer must type the code (again, if `wrong`). */
  | { kind: 'verify'; order: SandboxOrder; wrong?: boolean }
  | { kind: 'done'; order: SandboxOrder };

/** What the payer picks in the stand-in wallet sheet. */
export type WalletOutcome = 'approve' | 'decline' | '3ds_pass' | '3ds_fail';

/**
 * The test card behind each wallet choice: a wallet hands Flitt a card (in test mode Flitt turns
 * the payer's real wallet card into a test one), so the order is paid, masked and called back like
 * a card payment. 3-D Secure choices use a challenge card (eci 5); a failed check declines 1024.
 */
const WALLET_CARDS: Readonly<Record<WalletOutcome, string>> = {
  approve: '4444555511116666',
  decline: '4444111155556666',
  '3ds_pass': '4444555566661111',
  '3ds_fail': '4444555566661111',
};

/** Wrong verification codes a payer may type; the last one fails the check (1088). */
const VERIFICATION_CODE_TRIES = 3;

/** The order life cycle: lifetimes, payment attempts, 3-D Secure, outcomes and callbacks. */
export type Lifecycle = ReturnType<typeof createLifecycle>;

/** How orders move from `created` to their outcome, over `state`. */
export function createLifecycle(state: SandboxState) {
  const keyOf = (order: SandboxOrder) => state.keyOf(order.merchantId, order.orderId);

  /** Applies `lifetime`: an unpaid order expires; a delayed order with a failed attempt is declined. */
  function settle(order: SandboxOrder): void {
    if (state.now() < order.expiresAt) return;
    if (order.status === 'created') {
      order.status = 'expired';
    } else if (order.status === 'processing') {
      // A code never typed in time fails the check; the held amount goes back with the decline.
      if (state.pendingCodes.delete(keyOf(order))) order.verificationStatus = 'failed';
      order.status = 'declined';
      void notify(order);
    }
  }

  function summary(order: SandboxOrder): SandboxOrderSummary {
    settle(order);
    const pending = state.pendingCodes.get(keyOf(order));
    return {
      merchantId: order.merchantId,
      orderId: order.orderId,
      status: order.status,
      tranType: order.tranType,
      amount: order.params.amount,
      currency: order.params.currency,
      token: order.token,
      paymentId: order.paymentId,
      responseCode: order.responseCode,
      attempts: order.attempts,
      reversalAmount: order.reversalAmount,
      ...(order.captureStatus ? { captureStatus: order.captureStatus } : {}),
      ...(order.rectoken ? { rectoken: order.rectoken } : {}),
      ...(order.verificationStatus ? { verificationStatus: order.verificationStatus } : {}),
      ...(pending ? { verificationCode: pending.code } : {}),
      statusHistory: [...order.statusHistory],
      ...(order.split
        ? {
            split: {
              settlementOrderId: order.split.settlementOrderId,
              operationId: order.split.operationId,
              receivers: order.split.parts.map((p) => ({ ...p })),
            },
          }
        : {}),
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
      if (order.params.verification === 'Y') order.verificationStatus = 'failed';
      return;
    }
    if (order.params.verification === 'Y' && order.params.verification_type === 'code') {
      // The amount is held and the payer types the code Flitt puts in the card statement; the
      // order is still in progress (no callback) until the code is right or the check fails.
      order.status = 'processing';
      order.responseCode = '';
      order.responseDescription = '';
      order.verificationStatus = 'created';
      const [random = 0] = crypto.getRandomValues(new Uint32Array(1));
      const code = String(random % 10_000).padStart(4, '0');
      state.pendingCodes.set(keyOf(order), { code, card, behaviour, wrong: 0 });
      return;
    }
    complete(order, card, behaviour);
  }

  /** An approved payment: the hold, the card token, the subscription, the verification's reverse. */
  function complete(order: SandboxOrder, card: CardInput, behaviour: TestCard) {
    approve(order);
    if (order.params.preauth === 'Y') order.captureStatus = 'hold';
    if (order.params.required_rectoken === 'Y') {
      // 46 letters and digits like Flitt's (not hex): a 40-character column breaks live.
      order.rectoken = randomAlphanumeric(46);
      const expiresAt =
        state.rectokenLifetimeSeconds === undefined
          ? Date.UTC(card.expiryYear, card.expiryMonth) // the first second after the expiry month
          : state.now() + state.rectokenLifetimeSeconds * 1000;
      order.rectokenLifetime = flittTime(expiresAt);
      state.rectokens.set(order.rectoken, {
        merchantId: order.merchantId,
        card: order.card,
        behaviour,
        expiresAt,
      });
    }
    if (order.params.subscription === 'Y' && order.params.recurring_data) {
      state.subscriptions.set(keyOf(order), {
        orderKey: keyOf(order),
        behaviour,
        card: order.card as NonNullable<SandboxOrder['card']>,
        approvedAt: state.now(),
        active: true,
        nextSlot: 0,
        charges: 0,
      });
    }
    if (order.params.verification === 'Y') {
      order.verificationStatus = 'verified';
      order.reversalAmount = order.params.amount;
      order.status = 'reversed';
    }
  }

  /** The outcome after a card went through: the code step of a code verification, or done. */
  async function outcomeOf(order: SandboxOrder): Promise<PayOutcome> {
    if (state.pendingCodes.has(keyOf(order))) return { kind: 'verify', order };
    await notify(order);
    return { kind: 'done', order };
  }

  /**
   * The payer types the verification code (`verification_type=code`): the right one verifies the
   * card (the hold is reversed, the token issued); each wrong one says so, and the
   * `VERIFICATION_CODE_TRIES`th fails the check with 1088 (code attempts exceeded).
   */
  async function enterCode(token: string, typed: unknown): Promise<PayOutcome> {
    const key = state.byToken.get(token);
    const order = key ? state.orders.get(key) : undefined;
    if (!order) return { kind: 'invalid', code: 1018 };
    settle(order);
    const pending = state.pendingCodes.get(keyOf(order));
    if (!pending) {
      if (order.status === 'created') return { kind: 'invalid', code: 1011, order };
      return { kind: 'done', order };
    }
    if (String(typed ?? '').trim() === pending.code) {
      state.pendingCodes.delete(keyOf(order));
      complete(order, pending.card, pending.behaviour);
      await notify(order);
      return { kind: 'done', order };
    }
    pending.wrong += 1;
    if (pending.wrong < VERIFICATION_CODE_TRIES) {
      order.verificationStatus = 'incorrect';
      return { kind: 'verify', order, wrong: true };
    }
    state.pendingCodes.delete(keyOf(order));
    order.verificationStatus = 'failed';
    order.status = 'declined';
    order.responseCode = 1088;
    order.responseDescription = describeCode(1088);
    await notify(order);
    return { kind: 'done', order };
  }

  /**
   * The order of `token` if it can still be paid; else what the payer is told: unknown (1018),
   * expired or settled (1019), paid (2009), or a card held for a code check (the code, not a card).
   */
  function payable(token: string): SandboxOrder | PayOutcome {
    const key = state.byToken.get(token);
    const order = key ? state.orders.get(key) : undefined;
    if (!order) return { kind: 'invalid', code: 1018 };
    settle(order);
    if (order.status === 'expired') return { kind: 'invalid', code: 1019, order };
    if (order.status !== 'created' && order.status !== 'processing') {
      return { kind: 'invalid', code: order.status === 'approved' ? 2009 : 1019, order };
    }
    if (state.pendingCodes.has(keyOf(order))) return { kind: 'verify', order };
    return order;
  }

  async function pay(token: string, raw: Record<string, unknown>): Promise<PayOutcome> {
    const order = payable(token);
    if ('kind' in order) return order;
    const card = readCard(raw, new Date(state.now()));
    if ('field' in card) return { kind: 'invalid', code: card.code, field: card.field, order };
    const behaviour = cardBehaviour(card.number);
    order.attempts += 1;
    delete order.wallet;
    if (behaviour.threeDs === 'challenge') {
      // With the bank: Flitt reports the order as processing until 3-D Secure ends (issue 15).
      order.status = 'processing';
      const id = randomHex(24);
      state.pending3ds.set(id, {
        orderKey: keyOf(order),
        card,
        behaviour,
      });
      return { kind: '3ds', id, order, card };
    }
    finish(order, card, behaviour, true);
    return outcomeOf(order);
  }

  /**
   * A payment from the stand-in wallet sheet: the same checks as the card form, then the outcome
   * the payer picked, through `finish` (3-D Secure already answered in the sheet) and the callback.
   */
  async function payWallet(
    token: string,
    wallet: 'apple' | 'google',
    outcome: WalletOutcome,
  ): Promise<PayOutcome> {
    const order = payable(token);
    if ('kind' in order) return order;
    const number = WALLET_CARDS[outcome];
    const card: CardInput = { number, expiryMonth: 12, expiryYear: 2030, cvv: '' };
    order.attempts += 1;
    order.wallet = wallet;
    finish(order, card, cardBehaviour(number), outcome !== '3ds_fail');
    return outcomeOf(order);
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
    return outcomeOf(order);
  }

  return {
    settle,
    summary,
    signedOrder,
    notify,
    decline,
    approve,
    pay,
    payWallet,
    complete3ds,
    enterCode,
  };
}
