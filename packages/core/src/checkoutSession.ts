import {
  type CheckoutAttempt,
  type CheckoutFlow,
  type CheckoutState,
  createCheckoutAttempt,
} from './checkoutAttempt.ts';
import { isFlittToken, isSafeCheckoutUrl } from './checkoutUrl.ts';
import type { MerchantApi } from './merchantApi.ts';
import { MerchantApiError } from './merchantApi.ts';
import { type CreateCheckoutResponse, isCreateCheckoutResponse } from './merchantContract.ts';

/** Options of `createCheckoutSession`; `setOptions` replaces them while the session lives. */
export interface CheckoutSessionOptions {
  /** The merchant's checkout endpoint (`createMerchantApi(...)`, `checkoutEndpoint(...)` wrapped, or your own). */
  readonly api: Pick<MerchantApi, 'createCheckout'>;
  /** `redirect` (Flitt's hosted page, default) or `embedded` (a token for Flitt's widget). */
  readonly flow?: CheckoutFlow | undefined;
  /** How to leave for Flitt's hosted page. Default `location.assign`. */
  readonly navigate?: ((url: string) => void) | undefined;
  /** Origins besides Flitt's that `checkoutUrl` may point to (the local sandbox). */
  readonly allowedOrigins?: readonly string[] | undefined;
  /** The payer's language, sent with the order so the server answers in it (a custom `api` too). */
  readonly locale?: string | undefined;
  /** The clock, for the age of a prefetched order. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/**
 * One payer's checkout, framework-free: the attempt's state plus the work that moves it (create
 * the order through the merchant's server, prefetch it, navigate, retry, abort).
 */
export interface CheckoutSession extends CheckoutAttempt {
  /** Creates the order and goes on (navigates, or becomes `ready`); ignored while busy: one click, one order. */
  start(order: unknown): void;
  /** Creates the order ahead (hover, focus) without leaving; the next `start` of the same order uses it. */
  prefetch(order: unknown): void;
  /**
   * After a decline or failure: back to the form (same open order), or a new attempt with the last
   * order. (`start(order)` after a failure starts one with the cart as it is now.)
   */
  retry(): void;
  /** Aborts everything and returns to `idle`. */
  reset(): void;
  /** Aborts requests in flight (unmount) and forgets a prefetched order; an attempt still creating goes back to `idle`. */
  abort(): void;
  setOptions(options: CheckoutSessionOptions): void;
}

// Short, so a cart that changed behind the same `order` reference is not paid at an old total.
const PREFETCH_MAX_AGE = 60_000;

type Pending = {
  readonly key: string | number;
  readonly at: number;
  readonly promise: Promise<CreateCheckoutResponse>;
  readonly abort: AbortController;
};

/**
 * Creates a checkout session; React's `useFlittCheckout` is a thin subscription to one.
 *
 * @example
 * const session = createCheckoutSession({ api: createMerchantApi(), flow: 'redirect' });
 * session.subscribe(() => console.log(session.getState().status));
 * session.start({ cartId: 'c-42' });
 */
export function createCheckoutSession(initial: CheckoutSessionOptions): CheckoutSession {
  let options = initial;
  const attempt = createCheckoutAttempt();
  let current: AbortController | undefined;
  let ahead: Pending | undefined;
  let last: { order: unknown } | undefined;

  const flow = () => options.flow ?? 'redirect';
  const now = () => (options.now ?? Date.now)();
  const keyOf = (order: unknown) => {
    try {
      return flow() + JSON.stringify(order);
    } catch {
      return Math.random(); // unserialisable: never reused
    }
  };
  // Async, so a custom api that throws at once fails like one that rejects.
  const send = async (order: unknown, abort: AbortController) =>
    options.api.createCheckout(
      { flow: flow(), order, ...(options.locale && { locale: options.locale }) },
      abort.signal,
    );
  const fail = (code: string, orderId?: string) =>
    attempt.dispatch({ type: 'fail', code, orderId });

  function created(result: unknown) {
    // A custom `api` can resolve anything: the contract's guard decides, not the type.
    if (!isCreateCheckoutResponse(result, flow())) return fail('invalid_response');
    const { orderId } = result;
    if (result.flow === 'embedded') {
      if (!isFlittToken(result.token)) return fail('invalid_token', orderId);
      return attempt.dispatch({ type: 'created', orderId, token: result.token });
    }
    // A compromised or buggy endpoint must not send the payer anywhere but Flitt.
    if (!isSafeCheckoutUrl(result.checkoutUrl, options.allowedOrigins))
      return fail('unsafe_checkout_url', orderId);
    attempt.dispatch({ type: 'created', orderId, checkoutUrl: result.checkoutUrl });
    try {
      (options.navigate ?? ((url) => globalThis.location.assign(url)))(result.checkoutUrl);
    } catch {
      fail('invalid_response', orderId);
    }
  }

  function start(order: unknown) {
    const before = attempt.getState();
    if (attempt.dispatch({ type: 'start', flow: flow() }) === before) return;
    last = { order };
    const key = keyOf(order);
    // A fresh prefetched creation of the same order is used, with its own abort controller.
    const taken = ahead?.key === key && now() - ahead.at < PREFETCH_MAX_AGE ? ahead : undefined;
    if (!taken) ahead?.abort.abort();
    ahead = undefined;
    current?.abort();
    const abort = taken?.abort ?? new AbortController();
    current = abort;
    (taken?.promise ?? send(order, abort)).then(
      (result) => {
        if (!abort.signal.aborted) created(result);
      },
      (error: unknown) => {
        if (!abort.signal.aborted)
          attempt.dispatch({
            type: 'fail',
            code: 'network_error', // a custom api's own error: most likely the connection
            ...(error instanceof MerchantApiError && { ...error.details, code: error.code }),
          });
      },
    );
  }

  function abortAll() {
    current?.abort();
    ahead?.abort.abort();
    current = ahead = undefined;
    // Its answer will never come: an attempt left `creating` would refuse every later start.
    if (attempt.getState().status === 'creating') attempt.dispatch({ type: 'reset' });
  }

  return {
    ...attempt,
    start,
    prefetch(order) {
      const key = keyOf(order);
      if (attempt.getState().status !== 'idle' || ahead?.key === key) return;
      ahead?.abort.abort();
      const abort = new AbortController();
      const promise = send(order, abort);
      // A failed prefetch is forgotten; the click tries again and reports what goes wrong.
      promise.catch(() => {
        if (ahead?.promise === promise) ahead = undefined;
      });
      ahead = { key, at: now(), abort, promise };
    },
    retry() {
      const next: CheckoutState = attempt.dispatch({ type: 'retry' });
      if (next.status === 'idle' && last) start(last.order);
    },
    reset() {
      abortAll();
      attempt.dispatch({ type: 'reset' });
    },
    abort: abortAll,
    setOptions(next) {
      options = next;
    },
  };
}
