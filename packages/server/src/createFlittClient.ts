import {
  type CaptureResult,
  type CreateOrderParams,
  FlittError,
  type FlittOrder,
  type FlittResult,
  FlittValidationError,
  type ReverseResult,
  requireAmount,
  requireCurrency,
  requireText,
  validateOrder,
} from '@flitt-checkout/core';
import { type CallOptions, createFlittCaller, orderOf, signedOrder } from './createFlittCaller.ts';
import { FlittSignatureError } from './errors.ts';
import { createPayoutMethods, type Payout, type PayoutInput } from './payouts.ts';
import {
  type ClientConfig,
  type FlittClientOptions,
  readClientConfig,
} from './readClientConfig.ts';
import {
  type SettleInput,
  type SettlementResult,
  type SplitRefundReceiver,
  sendSettlement,
  splitRefundReceiver,
  splitRefundResult,
} from './settlement.ts';
import { type FlittTransaction, transactionsOf } from './transactions.ts';

export type { CallOptions } from './createFlittCaller.ts';
export type { FlittClientOptions } from './readClientConfig.ts';

/** What the merchant decides for a new order; `merchant_id` comes from the client. */
export type OrderInput = Omit<CreateOrderParams, 'merchant_id'>;

/** A hosted checkout page was created. */
export interface CheckoutUrl {
  readonly orderId: string;
  readonly checkoutUrl: string;
  readonly paymentId: string | undefined;
}

/** A token for the embedded checkout was created. */
export interface CheckoutToken {
  readonly orderId: string;
  readonly token: string;
}

/** Parameters of a (full or partial) refund. */
export interface ReverseInput {
  orderId: string;
  /** Minor units; equal to the paid amount for a full refund. */
  amount: number;
  currency: CreateOrderParams['currency'];
  /** Idempotency key (≤ 50 characters): reuse it when retrying the same partial refund. */
  reverseId?: string;
  comment?: string;
  /**
   * A split refund of a split order (sent in protocol 2.0): how much each receiver gives back; the
   * parts add up to `amount`. A part Flitt declines (1108: not one of the order's receivers)
   * rejects with a `FlittApiError`.
   */
  receivers?: readonly SplitRefundReceiver[];
}

/** Parameters of a capture of a pre-authorised order. */
export interface CaptureInput {
  orderId: string;
  amount: number;
  currency: CreateOrderParams['currency'];
}

/** What `/api/subscription` answered: the subscription charges on schedule (`active`) or not. */
export interface SubscriptionState {
  /** The first (parent) order of the subscription. */
  readonly orderId: string;
  readonly status: 'active' | 'disabled';
}

/** A typed client for Flitt's API, created once per process with the secret key. */
export interface FlittClient {
  readonly merchantId: number;
  readonly baseUrl: string;
  /** `/api/checkout/url`: create an order and get the hosted page URL. */
  createCheckoutUrl(order: OrderInput, options?: CallOptions): Promise<CheckoutUrl>;
  /** `/api/checkout/token`: create an order and get a token for the embedded checkout. */
  createCheckoutToken(order: OrderInput, options?: CallOptions): Promise<CheckoutToken>;
  /** `/api/status/order_id`: the verified order (retried when safe). */
  getOrderStatus(orderId: string, options?: CallOptions): Promise<FlittOrder>;
  /** `/api/reverse/order_id`: refund fully or partly. */
  reverse(input: ReverseInput, options?: CallOptions): Promise<ReverseResult>;
  /** `/api/capture/order_id`: capture a `preauth: 'Y'` order. */
  capture(input: CaptureInput, options?: CallOptions): Promise<CaptureResult>;
  /**
   * `/api/settlement` (protocol 2.0): split a paid order between merchants; the parts are checked
   * against `amount` before sending. Resolves to the split Flitt confirmed.
   */
  settle(input: SettleInput, options?: CallOptions): Promise<SettlementResult>;
  /** `/api/recurring`: charge a saved card by `rectoken`; resolves to the final (verified) order. */
  recurring(order: OrderInput & { rectoken: string }, options?: CallOptions): Promise<FlittOrder>;
  /**
   * `/api/subscription`: stop a subscription's scheduled charges, or start them again (from the
   * next due date). Flitt sends no callback for this: the verified reply is how you learn it.
   */
  subscription(
    orderId: string,
    action: 'start' | 'stop',
    options?: CallOptions,
  ): Promise<SubscriptionState>;
  /**
   * Checks an order object Flitt posted (callback or `response_url`; flat, `{response: …}` or
   * protocol 2.0): signed with our key, for our merchant. `null` for anything else.
   */
  verifyOrder(posted: unknown): Promise<FlittOrder | null>;
  /**
   * `/api/p2pcredit`: pays `amount` out to a card token, signed with `creditKey` (never the
   * payment key; without it a `FlittConfigError` `missing_credit_key`); resolves to the reply
   * verified with that key. Never retried: send the same `orderId` again only after reading 1013.
   */
  payout(input: PayoutInput, options?: CallOptions): Promise<Payout>;
  /**
   * Checks a payout callback Flitt posted (`tran_type: 'p2p credit'`): signed with `creditKey`,
   * for our merchant. `null` for anything else; the callback handler calls it for you.
   */
  verifyPayout(posted: unknown): Promise<FlittOrder | null>;
  /**
   * `/api/transaction_list`: the order's transactions (payment, capture, each refund …), oldest
   * first, every amount in integer minor units; `[]` for an order with none.
   */
  transactionList(orderId: string, options?: CallOptions): Promise<FlittTransaction[]>;
}

/** The order object of a reply (declined or not), if it is one. */
function expectOrder(result: FlittResult, path: string): FlittOrder {
  const order = orderOf(result);
  if (order) return order;
  throw new FlittError(
    'invalid_response',
    `[flitt-checkout] Flitt's reply to ${path} holds no order object.`,
  );
}

/**
 * Creates a typed Flitt API client: validates before sending, signs with the secret key, verifies
 * signed replies, times out, and retries only what is safe to repeat. Connections are kept alive
 * between calls, so create one client and reuse it.
 *
 * The configuration is checked on first use (a call, or reading `merchantId` / `baseUrl`), with the
 * same `FlittConfigError`s: a module that creates the client at import (Next.js route handlers)
 * can be built without the secrets, and a missing key fails the first payment, loudly.
 *
 * @example
 * const flitt = createFlittClient({ merchantId: 1549901, secretKey: process.env.FLITT_SECRET_KEY! });
 * const { checkoutUrl } = await flitt.createCheckoutUrl({ order_id: 'o-1', order_desc: 'Tea', amount: 1500, currency: 'GEL' });
 */
export function createFlittClient(options: FlittClientOptions): FlittClient {
  let client: FlittClient | undefined;
  // Read once, when first needed; a configuration error is thrown again on every use.
  const real = () => {
    client ??= clientOf(readClientConfig(options));
    return client;
  };
  // Async methods reject (never throw synchronously) when the configuration is wrong; once it is
  // read, each call goes straight to the method (no async wrapper's frame and extra ticks).
  const failed = (): Promise<never> | undefined => {
    try {
      real();
      return undefined;
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const ready = () => client as FlittClient;
  return {
    get merchantId() {
      return real().merchantId;
    },
    get baseUrl() {
      return real().baseUrl;
    },
    createCheckoutUrl: (order, call) => failed() ?? ready().createCheckoutUrl(order, call),
    createCheckoutToken: (order, call) => failed() ?? ready().createCheckoutToken(order, call),
    getOrderStatus: (orderId, call) => failed() ?? ready().getOrderStatus(orderId, call),
    reverse: (input, call) => failed() ?? ready().reverse(input, call),
    capture: (input, call) => failed() ?? ready().capture(input, call),
    settle: (input, call) => failed() ?? ready().settle(input, call),
    recurring: (order, call) => failed() ?? ready().recurring(order, call),
    subscription: (orderId, action, call) =>
      failed() ?? ready().subscription(orderId, action, call),
    verifyOrder: (posted) => failed() ?? ready().verifyOrder(posted),
    payout: (input, call) => failed() ?? ready().payout(input, call),
    verifyPayout: (posted) => failed() ?? ready().verifyPayout(posted),
    transactionList: (orderId, call) => failed() ?? ready().transactionList(orderId, call),
  };
}

/** The client's methods over a checked configuration. */
function clientOf(config: ClientConfig): FlittClient {
  const { secretKey } = config;
  const { send, sendList, withRetries } = createFlittCaller(config);
  const payouts = createPayoutMethods(config);

  function orderParams(order: unknown, what: string) {
    // JavaScript callers may pass anything: spreading a string or array would invent parameters.
    const isObject = typeof order === 'object' && order !== null && !Array.isArray(order);
    // A literal key first: on Node 20's V8 a key added after a leading spread costs about 1 µs.
    const params = isObject ? { merchant_id: config.merchantId, ...order } : order;
    // The configured merchant, whatever the order says.
    if (isObject) (params as Record<string, unknown>).merchant_id = config.merchantId;
    const recurring = isObject ? (order as OrderInput).recurring_data : undefined;
    const nested = typeof recurring === 'object' && recurring !== null;
    const result = validateOrder(params, { protocol: nested ? '2.0' : '1.0' });
    if (!result.ok) throw new FlittValidationError(result.error.issues, what);
    return params as Record<string, unknown>;
  }

  return {
    merchantId: config.merchantId,
    baseUrl: config.baseUrl,

    async createCheckoutUrl(order, call) {
      const params = orderParams(order, 'order parameters');
      const result = await send('/api/checkout/url', params, call);
      if (result.status !== 'success' || result.kind !== 'checkout_url') {
        throw new FlittError(
          'invalid_response',
          "[flitt-checkout] Flitt's reply to /api/checkout/url has no checkout_url.",
        );
      }
      return {
        orderId: order.order_id,
        checkoutUrl: result.checkoutUrl,
        paymentId: result.paymentId,
      };
    },

    async createCheckoutToken(order, call) {
      const params = orderParams(order, 'order parameters');
      const result = await send('/api/checkout/token', params, call);
      if (result.status !== 'success' || result.kind !== 'token') {
        throw new FlittError(
          'invalid_response',
          "[flitt-checkout] Flitt's reply to /api/checkout/token has no token.",
        );
      }
      return { orderId: order.order_id, token: result.token };
    },

    async getOrderStatus(orderId, call = {}) {
      const order_id = requireText(orderId, 'order_id');
      const path = '/api/status/order_id';
      const result = await withRetries(
        () => send(path, { order_id, merchant_id: config.merchantId }, call),
        call,
      );
      const order = expectOrder(result, path);
      if (String(order.order_id) !== order_id) {
        throw new FlittSignatureError(
          `[flitt-checkout] Flitt answered the status of "${order_id}" with order "${order.order_id}".`,
        );
      }
      return order;
    },

    async reverse(input, call) {
      const params: Record<string, unknown> = {
        order_id: requireText(input?.orderId, 'order_id'),
        merchant_id: config.merchantId,
        amount: requireAmount(input.amount),
        currency: requireCurrency(input.currency),
      };
      if (input.reverseId !== undefined)
        params.reverse_id = requireText(input.reverseId, 'reverse_id', 50);
      if (input.comment !== undefined) params.comment = requireText(input.comment, 'comment', 1024);
      // Nested: send() signs it in protocol 2.0.
      if (input.receivers !== undefined)
        params.receiver = splitRefundReceiver(input.receivers, params.amount as number);
      const result = await send('/api/reverse/order_id', params, call);
      if (result.status !== 'success' || result.kind !== 'reverse') {
        throw new FlittError(
          'invalid_response',
          "[flitt-checkout] Flitt's reply to /api/reverse/order_id has no reverse_status.",
        );
      }
      return input.receivers === undefined ? result : splitRefundResult(result);
    },

    settle: (input, call) => sendSettlement(send, config.merchantId, input, call),

    payout: payouts.payout,
    verifyPayout: payouts.verifyPayout,

    async transactionList(orderId, call = {}) {
      const order_id = requireText(orderId, 'order_id');
      const params = { order_id, merchant_id: config.merchantId };
      const rows = await withRetries(() => sendList('/api/transaction_list', params, call), call);
      return transactionsOf(rows, order_id);
    },

    async capture(input, call) {
      const params = {
        order_id: requireText(input?.orderId, 'order_id'),
        merchant_id: config.merchantId,
        amount: requireAmount(input.amount),
        currency: requireCurrency(input.currency),
      };
      const result = await send('/api/capture/order_id', params, call);
      if (result.status !== 'success' || result.kind !== 'capture') {
        throw new FlittError(
          'invalid_response',
          "[flitt-checkout] Flitt's reply to /api/capture/order_id has no capture_status.",
        );
      }
      return result;
    },

    verifyOrder: (posted) => signedOrder(posted, secretKey, config.merchantId),

    async recurring(order, call) {
      const params = orderParams(order, 'recurring parameters');
      requireText(params.rectoken, 'rectoken', 100);
      return expectOrder(await send('/api/recurring', params, call), '/api/recurring');
    },

    async subscription(orderId, action, call) {
      const order_id = requireText(orderId, 'order_id');
      if (action !== 'start' && action !== 'stop') {
        throw new FlittValidationError(
          [
            {
              param: 'action',
              kind: 'format',
              message: `must be "start" or "stop", got ${typeof action === 'string' ? `"${action}"` : typeof action}.`,
              flittCode: 1007,
            },
          ],
          'subscription parameters',
        );
      }
      const path = '/api/subscription';
      const result = await send(path, { order_id, merchant_id: config.merchantId, action }, call);
      if (result.status !== 'success' || result.kind !== 'subscription') {
        throw new FlittError(
          'invalid_response',
          `[flitt-checkout] Flitt's reply to ${path} has no subscription status (active or disabled).`,
        );
      }
      const answered = result.response.order_id;
      if (answered !== undefined && String(answered) !== order_id) {
        throw new FlittSignatureError(
          `[flitt-checkout] Flitt answered the subscription of "${order_id}" with order "${String(answered)}".`,
        );
      }
      return { orderId: order_id, status: result.subscriptionStatus };
    },
  };
}
