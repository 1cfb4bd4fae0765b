import type { CheckoutErrorCode } from './checkoutAttempt.ts';
import { FlittError } from './errors.ts';
import {
  CHECKOUT_ROUTE,
  type CreateCheckoutRequest,
  type CreateCheckoutResponse,
  isCreateCheckoutResponse,
  isMerchantErrorBody,
  isOrderStatusResponse,
  isSubscriptionActionResponse,
  type OrderStatusResponse,
  STATUS_ROUTE,
  SUBSCRIPTION_ROUTE,
  type SubscriptionActionRequest,
  type SubscriptionActionResponse,
} from './merchantContract.ts';

/**
 * How the browser reaches the merchant's endpoints; `createMerchantApi` is the fetch one, and a
 * custom one (server actions, an app's own client) must answer the same contract.
 *
 * @example
 * const api: MerchantApi = createMerchantApi({ apiBase: '/api/flitt', locale: 'ka' });
 */
export interface MerchantApi {
  createCheckout(
    request: CreateCheckoutRequest,
    signal: AbortSignal,
  ): Promise<CreateCheckoutResponse>;
  getStatus(orderId: string, signal: AbortSignal): Promise<OrderStatusResponse>;
  /** `POST {apiBase}/subscription`: stop or start a subscription (only the manage view calls it). */
  subscription?(
    request: SubscriptionActionRequest,
    signal: AbortSignal,
  ): Promise<SubscriptionActionResponse>;
}

/**
 * A merchant endpoint could not be reached or refused; `code` is a `CheckoutErrorCode` (or the
 * merchant's own code from its error body), `details.payerMessage` what its server said to say.
 *
 * @example
 * throw new MerchantApiError('server_error', 'HTTP 500 from /api/flitt/checkout');
 */
export class MerchantApiError extends FlittError {
  override name = 'MerchantApiError';
  declare readonly code: CheckoutErrorCode;
  constructor(
    code: CheckoutErrorCode,
    message: string,
    readonly details: {
      readonly status?: number;
      readonly flittCode?: number | undefined;
      readonly payerMessage?: string | undefined;
    } = {},
  ) {
    super(code, message);
  }
}

/**
 * True for an answer that asking again will not change: a 4xx from a merchant endpoint (no such
 * order, not yours, a bad id). Network failures, timeouts and 5xx are worth another try.
 *
 * @example
 * const retry = (failures: number, error: unknown) => !isRefusal(error) && failures < 2;
 */
export const isRefusal = (error: unknown): boolean =>
  error instanceof MerchantApiError && Math.floor((error.details.status ?? 0) / 100) === 4;

/** Options of `createMerchantApi`. */
export interface MerchantApiOptions {
  /** Where the `@flitt-checkout/server` handlers are mounted. Default `/api/flitt`. */
  apiBase?: string | undefined;
  /** The payer's language, sent with every call so the server answers in it. */
  locale?: string | undefined;
  /** Per call. Default 20 000 ms. */
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
  /** `'include'` to send cookies to an `apiBase` on another origin. Default `'same-origin'`. */
  credentials?: RequestCredentials | undefined;
}

// The handlers' own codes for "the shop's code failed": the browser reports them as `server_error`.
// Every other code in an error body is kept (the shop's own `FlittHttpError` codes, `timeout`…).
const GENERIC = ['internal_error', 'invalid_order'];

/** One JSON call to an endpoint, read through `accept`; every failure a `MerchantApiError`. */
export async function call<T>(
  options: MerchantApiOptions,
  path: string,
  signal: AbortSignal,
  accept: (data: unknown) => data is T,
  body?: CreateCheckoutRequest | SubscriptionActionRequest,
): Promise<T> {
  const url = `${(options.apiBase ?? '/api/flitt').replace(/\/+$/, '')}/${path}`;
  const fail = (code: CheckoutErrorCode, why: string, details?: MerchantApiError['details']) =>
    new MerchantApiError(code, `[flitt-checkout] ${url}: ${why}`, details);
  const ms = options.timeoutMs ?? 20_000;
  // One controller per call, aborted by the caller or the timer (no AbortSignal.any needed).
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (signal.aborted) throw signal.reason;
  signal.addEventListener('abort', abort);
  const timer = setTimeout(abort, ms);
  let response: Response | undefined;
  let data: unknown;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: body ? 'POST' : 'GET',
      ...(body && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: controller.signal,
      credentials: options.credentials ?? 'same-origin',
    });
    data = await response.json();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (controller.signal.aborted) throw fail('timeout', `no answer in ${ms} ms`);
    if (!response) throw fail('network_error', `${error}`);
    data = undefined; // not JSON
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
  if (response.ok) {
    if (accept(data)) return data;
    throw fail('invalid_response', `HTTP ${response.status}, not the contract's answer`);
  }
  const error = isMerchantErrorBody(data) ? data.error : undefined;
  const code = error?.code ?? '';
  throw fail(
    // A contract body's 502 is the shop→Flitt leg (Flitt refused, was unreachable, answered nonsense).
    !error || GENERIC.includes(code)
      ? 'server_error'
      : response.status === 502 && code !== 'timeout'
        ? 'flitt_failure'
        : code,
    `HTTP ${response.status} (${code || 'no error body'})`,
    { status: response.status, flittCode: error?.flittCode, payerMessage: error?.payerMessage },
  );
}

/**
 * `POST {apiBase}/checkout` of the contract, on its own (what a checkout button needs).
 *
 * @example
 * const createCheckout = checkoutEndpoint({ apiBase: '/api/flitt', locale: 'ka' });
 */
export function checkoutEndpoint(options: MerchantApiOptions = {}): MerchantApi['createCheckout'] {
  return (request, signal) =>
    call(
      options,
      CHECKOUT_ROUTE,
      signal,
      (data): data is CreateCheckoutResponse => isCreateCheckoutResponse(data, request.flow),
      options.locale ? { ...request, locale: options.locale } : request,
    );
}

/**
 * `GET {apiBase}/status?order_id=&locale=` of the contract, on its own (what a result page needs).
 *
 * @example
 * const getStatus = statusEndpoint({ apiBase: '/api/flitt', locale: 'ka' });
 */
export function statusEndpoint(options: MerchantApiOptions = {}): MerchantApi['getStatus'] {
  return (orderId, signal) =>
    call(
      options,
      `${STATUS_ROUTE}?order_id=${encodeURIComponent(orderId)}&locale=${encodeURIComponent(options.locale ?? '')}`,
      signal,
      isOrderStatusResponse,
    );
}

/**
 * `POST {apiBase}/subscription` of the contract, on its own (what a subscription manage view needs).
 *
 * @example
 * const stop = subscriptionEndpoint({ apiBase: '/api/flitt', locale: 'ka' });
 * const answer = await stop({ orderId: 'fc-1', action: 'stop' }, new AbortController().signal);
 */
export function subscriptionEndpoint(
  options: MerchantApiOptions = {},
): NonNullable<MerchantApi['subscription']> {
  return (request, signal) =>
    call(
      options,
      // The handler reads the payer's language from the URL, as the status endpoint does.
      `${SUBSCRIPTION_ROUTE}?locale=${encodeURIComponent(options.locale ?? '')}`,
      signal,
      isSubscriptionActionResponse,
      { orderId: request.orderId, action: request.action },
    );
}

/**
 * The fetch transport of the merchant contract: `POST {apiBase}/checkout`, `GET {apiBase}/status`.
 * Every answer is read through the contract's guards; every failure is a `MerchantApiError`.
 *
 * @example
 * const api = createMerchantApi({ apiBase: '/api/flitt', locale: 'ka', timeoutMs: 15_000 });
 * const answer = await api.getStatus('fc-1', new AbortController().signal);
 */
export function createMerchantApi(options: MerchantApiOptions = {}): MerchantApi {
  return { createCheckout: checkoutEndpoint(options), getStatus: statusEndpoint(options) };
}
