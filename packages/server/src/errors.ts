import { FlittError } from '@flitt-checkout/core';

/**
 * Flitt could not be reached (DNS, connection refused or reset, TLS).
 *
 * @example
 * if (error instanceof FlittNetworkError) return new Response('Flitt is unreachable; try again.', { status: 503 });
 */
export class FlittNetworkError extends FlittError {
  override name = 'FlittNetworkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('network_error', message, options);
  }
}

/**
 * Flitt did not answer within `timeoutMs`.
 *
 * @example
 * if (error instanceof FlittTimeoutError) console.warn(error.timeoutMs);
 */
export class FlittTimeoutError extends FlittError {
  override name = 'FlittTimeoutError';
  constructor(
    readonly timeoutMs: number,
    path: string,
  ) {
    super(
      'timeout',
      `[flitt-checkout] Flitt did not answer ${path} within ${timeoutMs} ms. The request may still have been processed: check the order status before creating it again.`,
    );
  }
}

/**
 * Flitt refused the request (`response_status: failure`); `flittCode` is its `error_code`.
 *
 * @example
 * if (error instanceof FlittApiError && error.flittCode === 1013) orderId = crypto.randomUUID(); // id taken
 */
export class FlittApiError extends FlittError {
  override name = 'FlittApiError';
  constructor(
    readonly flittCode: number,
    readonly flittMessage: string,
    readonly requestId: string | undefined,
    path: string,
  ) {
    super(
      'flitt_failure',
      `[flitt-checkout] Flitt refused ${path} with error ${flittCode}: ${flittMessage || 'no message'}${requestId ? ` (request_id ${requestId})` : ''}.`,
    );
  }
}

/**
 * A reply claimed to be signed by Flitt but its signature does not match: never trust its content.
 *
 * @example
 * if (error instanceof FlittSignatureError) log('[flitt] a reply failed its signature check', error.message);
 */
export class FlittSignatureError extends FlittError {
  override name = 'FlittSignatureError';
  constructor(message: string) {
    super('signature_mismatch', message);
  }
}

/**
 * Throw from `resolveOrder` to refuse a checkout with your own status, stable code and a message
 * for the payer: the browser shows `message` as it is and `onError` receives `code`. Write it in
 * the payer's language (`resolveOrder` gets the request, with its Accept-Language).
 *
 * @example
 * function refuseEmptyCart(cart: { items: unknown[] }) {
 *   if (cart.items.length === 0) throw new FlittHttpError(400, 'empty_cart', 'Your cart is empty.');
 * }
 */
export class FlittHttpError extends FlittError {
  override name = 'FlittHttpError';
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}
