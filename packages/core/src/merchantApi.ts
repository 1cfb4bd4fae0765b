import type { CheckoutErrorCode } from './checkoutAttempt.ts';
import { FlittError } from './errors.ts';
import {
  type CreateCheckoutRequest,
  type CreateCheckoutResponse,
  isCreateCheckoutResponse,
  isMerchantErrorBody,
  isOrderStatusResponse,
  MERCHANT_ROUTES,
  type OrderStatusResponse,
} from './merchantContract.ts';

/**
 * How the browser reaches the merchant's endpoints; `createMerchantApi` is the fetch one, and a
 * custom one (server actions, an app's own client) must answer the same contract.
 *
 * @example
 * const api: MerchantApi = createMerchantApi({ apiBase: '/api/flitt' });
 */
export interface MerchantApi {
  createCheckout(
    request: CreateCheckoutRequest,
    signal: AbortSignal,
  ): Promise<CreateCheckoutResponse>;
  getStatus(orderId: string, signal: AbortSignal): Promise<OrderStatusResponse>;
}

/**
 * A merchant endpoint could not be reached or refused; `code` is a `CheckoutErrorCode` (or the
 * merchant's own code, when it sent `payerMessage`).
 *
 * @example
 * throw new MerchantApiError('server_error', 'HTTP 500 from /api/flitt/checkout');
 */
export class MerchantApiError extends FlittError {
  override name = 'MerchantApiError';
  constructor(
    override readonly code: CheckoutErrorCode,
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

/** Options of `createMerchantApi`. */
export interface MerchantApiOptions {
  /** Where the `@flitt-checkout/server` handlers are mounted. Default `/api/flitt`. */
  apiBase?: string | undefined;
  /** Per call. Default 20 000 ms. */
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
  /** `'include'` to send cookies to an `apiBase` on another origin. Default `'same-origin'`. */
  credentials?: RequestCredentials | undefined;
}

/**
 * The fetch transport of the merchant contract: `POST {apiBase}/checkout`, `GET {apiBase}/status`.
 * Every answer is read through the contract's guards; every failure is a `MerchantApiError`.
 *
 * @example
 * const api = createMerchantApi({ apiBase: '/api/flitt', timeoutMs: 15_000 });
 * const answer = await api.getStatus('fc-1', new AbortController().signal);
 */
export function createMerchantApi(options: MerchantApiOptions = {}): MerchantApi {
  const base = (options.apiBase ?? '/api/flitt').replace(/\/+$/, '');
  const ms = options.timeoutMs ?? 20_000;

  async function call(path: string, signal: AbortSignal, body?: unknown): Promise<unknown> {
    const url = `${base}/${path}`;
    const fail = (code: CheckoutErrorCode, why: string, details?: MerchantApiError['details']) =>
      new MerchantApiError(code, `[flitt-checkout] ${url}: ${why}`, details);
    // One controller per call, aborted by the caller or the timer (no AbortSignal.any needed).
    const controller = new AbortController();
    const abort = () => controller.abort(signal.reason);
    if (signal.aborted) throw signal.reason;
    signal.addEventListener('abort', abort);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, ms);
    try {
      let response: Response;
      try {
        response = await (options.fetch ?? fetch)(url, {
          method: body ? 'POST' : 'GET',
          ...(body
            ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
            : {}),
          signal: controller.signal,
          credentials: options.credentials ?? 'same-origin',
        });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        throw timedOut
          ? fail('timeout', `no answer in ${ms} ms`)
          : fail('network_error', `${error}`);
      }
      let data: unknown;
      try {
        data = await response.json();
      } catch {
        if (signal.aborted) throw signal.reason;
        throw timedOut
          ? fail('timeout', `no answer in ${ms} ms`)
          : fail(
              response.ok ? 'invalid_response' : 'server_error',
              `HTTP ${response.status}, not JSON`,
            );
      }
      if (response.ok) return data;
      const error = isMerchantErrorBody(data) ? data.error : undefined;
      const details = { status: response.status, flittCode: error?.flittCode };
      const why = `HTTP ${response.status} (${error?.code ?? 'no error body'})`;
      // The shop's own refusal, written for the payer, reaches the payer as it is.
      if (error?.payerMessage)
        throw fail(error.code, why, { ...details, payerMessage: error.payerMessage });
      // 504: Flitt was too slow; 502: Flitt refused, could not be reached or answered nonsense
      // (the shop→Flitt leg, not the payer's connection); 404 on status: no such order.
      throw fail(
        error?.code === 'timeout'
          ? 'timeout'
          : error?.code === 'order_not_found'
            ? 'order_not_found'
            : response.status === 502
              ? 'flitt_failure'
              : 'server_error',
        why,
        details,
      );
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    }
  }

  return {
    async createCheckout(request, signal) {
      const data = await call(MERCHANT_ROUTES.checkout, signal, request);
      if (!isCreateCheckoutResponse(data, request.flow))
        throw new MerchantApiError(
          'invalid_response',
          `[flitt-checkout] ${base}/${MERCHANT_ROUTES.checkout}: not a ${request.flow} checkout`,
        );
      return data;
    },
    async getStatus(orderId, signal) {
      const data = await call(
        `${MERCHANT_ROUTES.status}?order_id=${encodeURIComponent(orderId)}`,
        signal,
      );
      if (!isOrderStatusResponse(data))
        throw new MerchantApiError(
          'invalid_response',
          `[flitt-checkout] ${base}/${MERCHANT_ROUTES.status}: not an order status`,
        );
      return data;
    },
  };
}
