import {
  type CheckoutErrorCode,
  type CheckoutFlow,
  FlittError,
  ORDER_STATUSES,
  type OrderStatus,
} from '@flitt-checkout/core';

/** What the merchant's create-checkout handler answers. */
export type CreateCheckoutResult =
  | { readonly flow: 'redirect'; readonly orderId: string; readonly checkoutUrl: string }
  | { readonly flow: 'embedded'; readonly orderId: string; readonly token: string };

/** What the merchant's status handler answers (verified with Flitt on the server). */
export interface OrderStatusResult {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly responseCode: number | null;
  readonly amount?: number;
  readonly currency?: string;
}

/** How the components reach the merchant's server. */
export interface FlittApi {
  createCheckout(
    input: { flow: CheckoutFlow; order: unknown },
    signal: AbortSignal,
  ): Promise<CreateCheckoutResult>;
  getStatus(orderId: string, signal: AbortSignal): Promise<OrderStatusResult>;
}

/**
 * A failure talking to the merchant's handlers; `code` is a `CheckoutErrorCode`.
 *
 * @example
 * throw new FlittCheckoutError('server_error', 'HTTP 500 from /api/flitt/checkout');
 */
export class FlittCheckoutError extends FlittError {
  override name = 'FlittCheckoutError';
  constructor(
    code: CheckoutErrorCode,
    message: string,
    readonly flittCode?: number,
  ) {
    super(code, message);
  }
}

/** Where and how the default transport calls the `@flitt-checkout/server` handlers. */
export interface FetchApiOptions {
  /** Default `/api/flitt`. */
  apiBase?: string | undefined;
  /** Per call. Default 20 000 ms. */
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
  /** Send cookies to another origin's `apiBase` with `'include'`. Default `'same-origin'`. */
  credentials?: RequestCredentials | undefined;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (code: CheckoutErrorCode, message: string, flittCode?: number) =>
  new FlittCheckoutError(code, message, flittCode);

/** One JSON call to a handler: typed errors for network, timeout, HTTP and non-JSON answers. */
async function call(
  options: FetchApiOptions,
  path: string,
  signal: AbortSignal,
  body?: unknown,
): Promise<Json> {
  const url = `${(options.apiBase ?? '/api/flitt').replace(/\/+$/, '')}/${path}`;
  const ms = options.timeoutMs ?? 20_000;
  const timeout = AbortSignal.timeout(ms);
  let response: Response;
  let data: unknown;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: body ? 'POST' : 'GET',
      ...(body
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
        : {}),
      signal: AbortSignal.any([signal, timeout]),
      credentials: options.credentials ?? 'same-origin',
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw timeout.aborted
      ? fail('timeout', `${url}: no answer in ${ms} ms`)
      : fail('network_error', `${url}: ${error}`);
  }
  try {
    data = await response.json();
  } catch {
    if (signal.aborted) throw signal.reason;
    throw fail(
      response.ok ? 'invalid_response' : 'server_error',
      `${url}: HTTP ${response.status}, not JSON`,
    );
  }
  if (!response.ok) {
    const error = isRecord(data) && isRecord(data.error) ? data.error : {};
    const code = String(error.code ?? 'server_error');
    // The handlers answer 504 when Flitt was too slow and 502 when it refused the order, could not
    // be reached or answered nonsense: the shop→Flitt leg, not the payer's own connection.
    throw fail(
      code === 'timeout' ? 'timeout' : response.status === 502 ? 'flitt_failure' : 'server_error',
      `${url}: HTTP ${response.status} (${code})`,
      typeof error.flittCode === 'number' ? error.flittCode : undefined,
    );
  }
  if (!isRecord(data) || typeof data.orderId !== 'string')
    throw fail('invalid_response', `${url}: no orderId`);
  return data;
}

/**
 * The default `createCheckout`: `POST {apiBase}/checkout` of `@flitt-checkout/server`.
 *
 * @example
 * const createCheckout = fetchCheckout({ apiBase: '/api/flitt' });
 */
export function fetchCheckout(options: FetchApiOptions = {}): FlittApi['createCheckout'] {
  return async (input, signal) => {
    const body = await call(options, 'checkout', signal, input);
    const value = input.flow === 'redirect' ? body.checkoutUrl : body.token;
    if (typeof value !== 'string')
      throw fail(
        'invalid_response',
        `checkout: no ${input.flow === 'redirect' ? 'checkoutUrl' : 'token'}`,
      );
    return input.flow === 'redirect'
      ? { flow: 'redirect', orderId: body.orderId as string, checkoutUrl: value }
      : { flow: 'embedded', orderId: body.orderId as string, token: value };
  };
}

/**
 * The default `getStatus`: `GET {apiBase}/status?order_id=` of `@flitt-checkout/server`.
 *
 * @example
 * const getStatus = fetchStatus({ apiBase: '/api/flitt' });
 */
export function fetchStatus(options: FetchApiOptions = {}): FlittApi['getStatus'] {
  return async (orderId, signal) => {
    const body = await call(options, `status?order_id=${encodeURIComponent(orderId)}`, signal);
    if (!(ORDER_STATUSES as readonly unknown[]).includes(body.status))
      throw fail('invalid_response', `status: unknown status ${body.status}`);
    return {
      orderId: body.orderId as string,
      status: body.status as OrderStatus,
      responseCode: typeof body.responseCode === 'number' ? body.responseCode : null,
      ...(typeof body.amount === 'number' ? { amount: body.amount } : {}),
      ...(typeof body.currency === 'string' ? { currency: body.currency } : {}),
    };
  };
}

/**
 * The default transport: JSON over `fetch` to the handlers of `@flitt-checkout/server`
 * (`POST {apiBase}/checkout`, `GET {apiBase}/status?order_id=`).
 *
 * @example
 * const api = createFetchApi({ apiBase: '/api/flitt' });
 */
export function createFetchApi(options: FetchApiOptions = {}): FlittApi {
  return { createCheckout: fetchCheckout(options), getStatus: fetchStatus(options) };
}
