import type { MerchantApi } from './merchantApi.ts';
import type { CreateCheckoutRequest, CreateCheckoutResponse } from './merchantContract.ts';

// Short, so a cart that changed behind the same `order` reference is not paid at an old total.
const MAX_AGE = 60_000;

/** A checkout endpoint that can create an order ahead (`withPrefetch`). */
export interface PrefetchingCheckout extends Pick<MerchantApi, 'createCheckout'> {
  /**
   * Creates the order of `request` ahead (hover, focus); the next `createCheckout` of the same
   * request within a minute gets its answer instead of creating a second order. Without a
   * request: forgets (and aborts) the order created ahead.
   */
  prefetch(request?: CreateCheckoutRequest): void;
}

/**
 * Wraps a checkout endpoint so that orders can be created ahead; a session over it makes its
 * `prefetch(order)` work (`createCheckoutSession` does this itself). A failed prefetch is forgotten:
 * the click asks again and reports what goes wrong.
 *
 * @example
 * const api = withPrefetch(createMerchantApi());
 * const session = createFlowSession({ api, flow: redirectFlow });
 * session.prefetch({ cartId: 'c-42' }); // on hover; the click then leaves at once
 */
export function withPrefetch(
  api: Pick<MerchantApi, 'createCheckout'>,
  now: () => number = Date.now,
): PrefetchingCheckout {
  let ahead:
    | { key: string; at: number; abort: AbortController; promise: Promise<CreateCheckoutResponse> }
    | undefined;
  const keyOf = (request: CreateCheckoutRequest) => {
    try {
      return JSON.stringify(request);
    } catch {
      return `${Math.random()}`; // unserialisable: never reused
    }
  };
  return {
    createCheckout(request, signal) {
      const taken = ahead?.key === keyOf(request) && now() - ahead.at < MAX_AGE ? ahead : undefined;
      if (!taken) ahead?.abort.abort();
      ahead = undefined;
      if (!taken) return api.createCheckout(request, signal);
      // The caller's abort (reset, unmount) now ends the creation made ahead.
      signal.addEventListener('abort', () => taken.abort.abort());
      return taken.promise;
    },
    prefetch(request) {
      const key = request && keyOf(request);
      if (key && ahead?.key === key && now() - ahead.at < MAX_AGE) return;
      ahead?.abort.abort();
      ahead = undefined;
      if (!request || !key) return;
      const abort = new AbortController();
      // Async, so an endpoint that throws at once fails like one that rejects.
      const promise = (async () => api.createCheckout(request, abort.signal))();
      promise.catch(() => {
        if (ahead?.promise === promise) ahead = undefined;
      });
      ahead = { key, at: now(), abort, promise };
    },
  };
}
