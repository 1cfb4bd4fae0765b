// What the browser and the merchant's server say to each other, declared once. The handlers of
// @flitt-checkout/server answer these types; the browser reads answers only through these guards.

import type { CardCheckStatus } from './cardCheck.ts';
import type { CheckoutFlow } from './checkoutAttempt.ts';
import { ORDER_STATUSES } from './parseFlittResponse.ts';
import type { OrderStatus } from './types.ts';

/**
 * Paths of the merchant endpoints under the mount point (`apiBase`, default `/api/flitt`).
 *
 * @example
 * fetch(`/api/flitt/${MERCHANT_ROUTES.status}?order_id=${orderId}`);
 */
// One constant per path, so a page carries only the paths it calls (the browser's checkout and
// status endpoints name theirs; the whole table below is for servers and docs).
export const CHECKOUT_ROUTE = 'checkout';
export const STATUS_ROUTE = 'status';
export const SUBSCRIPTION_ROUTE = 'subscription';

export const MERCHANT_ROUTES = {
  /** `POST` a `CreateCheckoutRequest` as JSON → `CreateCheckoutResponse`. */
  checkout: CHECKOUT_ROUTE,
  /** `GET ?order_id=&locale=` → `OrderStatusResponse`. */
  status: STATUS_ROUTE,
  /** `POST` from Flitt, server to server (`server_callback_url`). */
  callback: 'callback',
  /** `POST` (or `GET`) from the payer's browser coming back from Flitt (`response_url`). */
  return: 'return',
  /** `POST` a `SubscriptionActionRequest` as JSON → `SubscriptionActionResponse`. */
  subscription: SUBSCRIPTION_ROUTE,
  /**
   * The signed-in payer's saved cards: `GET` → `SavedCardsResponse`; `POST` a `SavedCardRequest`
   * as JSON (pay with one, remove one) → `SavedCardPaymentResponse` / `SavedCardsResponse`.
   */
  cards: 'cards',
} as const;

/**
 * The body of `POST {apiBase}/checkout`: the browser names what to pay for, never how much.
 *
 * @example
 * const body: CreateCheckoutRequest = { flow: 'redirect', order: { cartId: 'c-42' } };
 */
export interface CreateCheckoutRequest {
  readonly flow: CheckoutFlow;
  /** The merchant's own reference (cart id, items …); the server prices it. */
  readonly order: unknown;
  /** The payer's language (`ka`, `ru` …): the server writes `payerMessage` in it and passes it to Flitt. */
  readonly locale?: string;
  /**
   * Keep the card for one-click payments later (Flitt's `required_rectoken`). Only for a payer
   * the server knows (its `customerOf`); the card is saved for that customer when Flitt confirms
   * the payment.
   */
  readonly saveCard?: boolean;
}

/**
 * What `POST {apiBase}/checkout` answers: where to send the payer, or a token for the embedded form.
 *
 * @example
 * const answer: CreateCheckoutResponse = { flow: 'embedded', orderId: 'fc-1', token: 'a'.repeat(40) };
 */
export type CreateCheckoutResponse =
  | {
      readonly flow: 'redirect';
      readonly orderId: string;
      readonly checkoutUrl: string;
      /** Flitt's payment id, when Flitt gave one at creation. */
      readonly paymentId: string | null;
    }
  | {
      readonly flow: 'embedded';
      readonly orderId: string;
      readonly token: string;
      /**
       * Flitt's merchant id (public, not a secret): the wallet buttons hand it to Flitt's js-sdk
       * with the token. A server of your own may leave it out (then no wallet button shows).
       */
      readonly merchantId?: number;
    };

/**
 * What `GET {apiBase}/status?order_id=&locale=` answers: the order as the server's own status
 * request to Flitt found it (never what the browser was told), and what to tell the payer about
 * it, in their language. Amounts are in minor units.
 *
 * @example
 * const answer: OrderStatusResponse = { orderId: 'fc-1', status: 'approved', responseCode: null, amount: 2350, currency: 'GEL', reversalAmount: 0, payerMessage: 'Thank you! Your payment has been received.' };
 */
export interface OrderStatusResponse {
  readonly orderId: string;
  readonly status: OrderStatus;
  /** Flitt's `response_code` of the last attempt; null when there is none. */
  readonly responseCode: number | null;
  readonly amount: number;
  readonly currency: string;
  /** Refunded so far (0 when nothing). */
  readonly reversalAmount: number;
  /** The status (a decline: the reason for its code) in the payer's words and language. */
  readonly payerMessage: string;
  /**
   * Only for an order that checks a card without paying (adding a saved card): how the check
   * went. A `verified` check is a success although `status` reads `reversed` (Flitt gives the
   * amount back by itself); `orderOutcome` reads it so, and reads any other value as no card
   * check (the guard leaves it unchecked: a checkout page carries no card-check code).
   */
  readonly cardCheck?: CardCheckStatus;
}

/**
 * The body of `POST {apiBase}/subscription`: stop a subscription, or start it again. `orderId` is
 * the subscription's first order; the server decides whether this request may.
 *
 * @example
 * const body: SubscriptionActionRequest = { orderId: 'fc-1', action: 'stop' };
 */
export interface SubscriptionActionRequest {
  readonly orderId: string;
  readonly action: 'start' | 'stop';
}

/**
 * What `POST {apiBase}/subscription` answers: the status Flitt's signed reply gave.
 *
 * @example
 * const answer: SubscriptionActionResponse = { orderId: 'fc-1', status: 'disabled' };
 */
export interface SubscriptionActionResponse {
  readonly orderId: string;
  readonly status: 'active' | 'disabled';
}

/**
 * The body of every non-2xx answer of a merchant endpoint.
 *
 * `message` is for developers (logs). `payerMessage` is for the payer, in the request's `locale`:
 * the shop's own words (a `FlittHttpError` from `resolveOrder`) or the handlers' message for the
 * failure, which never blames the payer for the shop's or Flitt's problem. Shown as it is.
 *
 * @example
 * const body: MerchantErrorBody = { error: { code: 'empty_cart', message: 'Your cart is empty.', payerMessage: 'Your cart is empty.' } };
 */
export interface MerchantErrorBody {
  readonly error: {
    readonly code: string;
    /** For developers and logs; optional for shops that write their own endpoints. */
    readonly message?: string;
    readonly payerMessage?: string;
    /** Flitt's `error_code` when Flitt refused the request. */
    readonly flittCode?: number;
    /** Flitt's `request_id`, for Flitt's support. */
    readonly requestId?: string;
  };
}

type Json = Readonly<Record<string, unknown>>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = 4096): value is string =>
  typeof value === 'string' && value !== '' && value.length <= max;

/**
 * Narrows a request body to `CreateCheckoutRequest`; a missing `flow` means `redirect`.
 *
 * @example
 * const body = await request.json(); if (!isCreateCheckoutRequest(body)) return new Response(null, { status: 400 });
 */
export function isCreateCheckoutRequest(value: unknown): value is CreateCheckoutRequest {
  return (
    isRecord(value) &&
    (value.flow === undefined || value.flow === 'redirect' || value.flow === 'embedded') &&
    (value.locale === undefined || typeof value.locale === 'string') &&
    (value.saveCard === undefined || typeof value.saveCard === 'boolean')
  );
}

/**
 * Narrows an answer of `POST {apiBase}/checkout` to `CreateCheckoutResponse` (of the `flow` asked
 * for, when given). Does not judge where `checkoutUrl` points: see `isSafeCheckoutUrl`.
 *
 * @example
 * if (!isCreateCheckoutResponse(await response.json(), 'redirect')) throw new Error('bad answer');
 */
export function isCreateCheckoutResponse(
  value: unknown,
  flow?: CheckoutFlow,
): value is CreateCheckoutResponse {
  if (!isRecord(value) || !isText(value.orderId, 1024) || (flow && value.flow !== flow))
    return false;
  // Shape only: whether the URL is safe to visit and the token well-formed is the caller's check
  // (`isSafeCheckoutUrl`, `isFlittToken`), which can say which of the two went wrong.
  if (value.flow === 'redirect')
    return (
      typeof value.checkoutUrl === 'string' &&
      (value.paymentId === undefined || value.paymentId === null || isText(value.paymentId))
    );
  return value.flow === 'embedded' && typeof value.token === 'string';
}

/**
 * Narrows an answer of `GET {apiBase}/status` to `OrderStatusResponse`.
 *
 * @example
 * if (isOrderStatusResponse(body) && body.status === 'approved') showThanks();
 */
export function isOrderStatusResponse(value: unknown): value is OrderStatusResponse {
  return (
    isRecord(value) &&
    isText(value.orderId, 1024) &&
    (ORDER_STATUSES as readonly unknown[]).includes(value.status) &&
    (value.responseCode === null || Number.isSafeInteger(value.responseCode)) &&
    Number.isFinite(value.amount) &&
    typeof value.currency === 'string' &&
    Number.isFinite(value.reversalAmount) &&
    typeof value.payerMessage === 'string'
  );
}

/**
 * Narrows a non-2xx answer's body to `MerchantErrorBody`.
 *
 * @example
 * const code = isMerchantErrorBody(body) ? body.error.code : 'server_error';
 */
export function isMerchantErrorBody(value: unknown): value is MerchantErrorBody {
  const error = isRecord(value) ? value.error : undefined;
  return (
    isRecord(error) &&
    isText(error.code, 100) &&
    (error.message === undefined || typeof error.message === 'string') &&
    (error.payerMessage === undefined || typeof error.payerMessage === 'string') &&
    (error.flittCode === undefined || Number.isSafeInteger(error.flittCode)) &&
    (error.requestId === undefined || typeof error.requestId === 'string')
  );
}

/**
 * Narrows a request body to `SubscriptionActionRequest`.
 *
 * @example
 * if (!isSubscriptionActionRequest(await request.json())) return new Response(null, { status: 400 });
 */
export function isSubscriptionActionRequest(value: unknown): value is SubscriptionActionRequest {
  return (
    isRecord(value) &&
    isText(value.orderId, 1024) &&
    !value.orderId.includes('|') &&
    (value.action === 'start' || value.action === 'stop')
  );
}

/**
 * Narrows an answer of `POST {apiBase}/subscription` to `SubscriptionActionResponse`.
 *
 * @example
 * if (isSubscriptionActionResponse(body) && body.status === 'disabled') show('Stopped.');
 */
export function isSubscriptionActionResponse(value: unknown): value is SubscriptionActionResponse {
  return (
    isRecord(value) &&
    isText(value.orderId, 1024) &&
    (value.status === 'active' || value.status === 'disabled')
  );
}
