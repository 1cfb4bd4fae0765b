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

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

async function request(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal: AbortSignal,
  doFetch: typeof fetch,
  credentials: RequestCredentials,
) {
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await doFetch(url, {
      ...init,
      signal: AbortSignal.any([signal, timeout]),
      credentials,
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (timeout.aborted)
      throw new FlittCheckoutError('timeout', `${url} did not answer within ${timeoutMs} ms.`);
    throw new FlittCheckoutError(
      'network_error',
      `${url} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    if (signal.aborted) throw signal.reason;
    throw new FlittCheckoutError(
      response.ok ? 'invalid_response' : 'server_error',
      `${url} answered HTTP ${response.status} without JSON.`,
    );
  }
  if (!response.ok) {
    const error = isRecord(body) && isRecord(body.error) ? body.error : {};
    const code = typeof error.code === 'string' ? error.code : 'server_error';
    const flittCode = typeof error.flittCode === 'number' ? error.flittCode : undefined;
    // The handlers' own codes for an unreachable or slow Flitt keep their meaning for the payer.
    const mapped =
      code === 'timeout' || code === 'network_error' || code === 'flitt_failure'
        ? code
        : 'server_error';
    throw new FlittCheckoutError(
      mapped,
      `${url} answered HTTP ${response.status} (${code}).`,
      flittCode,
    );
  }
  return body;
}

/**
 * The default transport: JSON over `fetch` to the handlers of `@flitt-checkout/server`
 * (`POST {apiBase}/checkout`, `GET {apiBase}/status?order_id=`).
 *
 * @example
 * const api = createFetchApi({ apiBase: '/api/flitt' });
 */
export function createFetchApi(
  options: {
    apiBase?: string;
    timeoutMs?: number;
    fetch?: typeof fetch;
    /** Send cookies to another origin's `apiBase` with `'include'`. Default `'same-origin'`. */
    credentials?: RequestCredentials;
  } = {},
): FlittApi {
  const credentials = options.credentials ?? 'same-origin';
  const base = (options.apiBase ?? '/api/flitt').replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 20_000;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  return {
    async createCheckout(input, signal) {
      const body = await request(
        `${base}/checkout`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        },
        timeoutMs,
        signal,
        doFetch,
        credentials,
      );
      if (!isRecord(body) || typeof body.orderId !== 'string') {
        throw new FlittCheckoutError(
          'invalid_response',
          'The checkout handler answered without an orderId.',
        );
      }
      if (input.flow === 'redirect') {
        if (typeof body.checkoutUrl !== 'string')
          throw new FlittCheckoutError(
            'invalid_response',
            'The checkout handler answered without a checkoutUrl.',
          );
        return { flow: 'redirect', orderId: body.orderId, checkoutUrl: body.checkoutUrl };
      }
      if (typeof body.token !== 'string')
        throw new FlittCheckoutError(
          'invalid_response',
          'The checkout handler answered without a token.',
        );
      return { flow: 'embedded', orderId: body.orderId, token: body.token };
    },
    async getStatus(orderId, signal) {
      const body = await request(
        `${base}/status?order_id=${encodeURIComponent(orderId)}`,
        { method: 'GET' },
        timeoutMs,
        signal,
        doFetch,
        credentials,
      );
      if (
        !isRecord(body) ||
        typeof body.orderId !== 'string' ||
        !(ORDER_STATUSES as readonly unknown[]).includes(body.status)
      ) {
        throw new FlittCheckoutError(
          'invalid_response',
          'The status handler answered without a known status.',
        );
      }
      return {
        orderId: body.orderId,
        status: body.status as OrderStatus,
        responseCode: typeof body.responseCode === 'number' ? body.responseCode : null,
        ...(typeof body.amount === 'number' ? { amount: body.amount } : {}),
        ...(typeof body.currency === 'string' ? { currency: body.currency } : {}),
      };
    },
  };
}
