import {
  type CheckoutAttempt,
  type CheckoutErrorCode,
  type CheckoutFlow,
  type CheckoutState,
  isBusy,
  isProblem,
} from './checkoutAttempt.ts';
import type { MerchantApi } from './merchantApi.ts';
import { MerchantApiError } from './merchantApi.ts';
import {
  type CreateCheckoutRequest,
  type CreateCheckoutResponse,
  isCreateCheckoutResponse,
} from './merchantContract.ts';
import type { PrefetchingCheckout } from './prefetch.ts';

/** Options of `createCheckoutSession`; `setOptions` replaces them while the session lives. */
export interface CheckoutSessionOptions {
  /**
   * The merchant's checkout endpoint (`createMerchantApi(...)`, `checkoutEndpoint(...)` wrapped, or
   * your own); `prefetch` works when it can create ahead (`withPrefetch`).
   */
  readonly api: Pick<MerchantApi, 'createCheckout'> &
    Partial<Pick<PrefetchingCheckout, 'prefetch'>>;
  /** `redirect` (Flitt's hosted page, default) or `embedded` (a token for Flitt's widget). */
  readonly flow?: CheckoutFlow | undefined;
  /** How to leave for Flitt's hosted page. Default `location.assign`. */
  readonly navigate?: ((url: string) => void) | undefined;
  /** Origins besides Flitt's that `checkoutUrl` may point to (the local sandbox). */
  readonly allowedOrigins?: readonly string[] | undefined;
  /** The payer's language, sent with the order so the server answers in it (a custom `api` too). */
  readonly locale?: string | undefined;
  /** The clock, for the age of a prefetched order (`createCheckoutSession`). Default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /**
   * Told when the attempt reaches another status or another decline code, after subscribers: once
   * per decline, approval or failure (a state that only gains the server's words is not new).
   */
  readonly onStatus?: ((state: CheckoutState) => void) | undefined;
}

/** Options of `createFlowSession`: the flow is its steps (`redirectFlow`, `embeddedFlow`). */
export type FlowSessionOptions = Omit<CheckoutSessionOptions, 'flow'> & {
  readonly flow: CheckoutFlowSteps;
};

/**
 * What one flow does with the order the merchant's server created: `redirectFlow` (Flitt's hosted
 * page) or `embeddedFlow` (the widget's token). A page carries the code of the flows it uses only.
 */
export interface CheckoutFlowSteps {
  readonly flow: CheckoutFlow;
  /**
   * Goes on with the created order (the server's answer for this flow, its shape already checked):
   * sets the next state with `session.update`, or returns why it cannot go on.
   */
  open(
    result: CreateCheckoutResponse,
    session: Omit<CheckoutSession, 'setOptions'>,
    options: FlowSessionOptions,
  ): CheckoutErrorCode | undefined;
}

/**
 * One payer's checkout, framework-free: the attempt's state plus the work that moves it (create
 * the order through the merchant's server, prefetch it, navigate, retry, abort).
 */
export interface CheckoutSession extends CheckoutAttempt {
  /** Creates the order and goes on (navigates, or becomes `ready`); ignored while busy: one click, one order. */
  start(order: unknown): void;
  /** Creates the order ahead (hover, focus) without leaving; the next `start` of the same order uses it (an `api` of `withPrefetch`). */
  prefetch(order: unknown): void;
  /**
   * After a decline or failure: a new attempt with the last order (`start(order)` starts one with
   * the cart as it is now; the embedded form's `retry` goes back to the same open order first).
   */
  retry(): void;
  /** Aborts everything and returns to `idle`. */
  reset(): void;
  /** Aborts requests in flight (unmount) and forgets a prefetched order; an attempt still creating goes back to `idle`. */
  abort(): void;
  setOptions(options: CheckoutSessionOptions): void;
}

/** The session of `createFlowSession`, whose options name the flow by its steps. */
export type FlowSession = Omit<CheckoutSession, 'setOptions'> & {
  setOptions(options: FlowSessionOptions): void;
};

const IDLE: CheckoutState = { status: 'idle' };

/**
 * A checkout session of the flow `options.flow` gives the steps of, carrying no other flow's code
 * (what the React components use); `createCheckoutSession` names the flow instead.
 *
 * @example
 * const session = createFlowSession({ api: createMerchantApi(), flow: redirectFlow });
 */
export function createFlowSession(initial: FlowSessionOptions): FlowSession {
  let options = initial;
  let state: CheckoutState = IDLE;
  const listeners = new Set<() => void>();
  let current: AbortController | undefined;
  let last: { order: unknown } | undefined;

  const update = (change: (state: CheckoutState) => CheckoutState) => {
    const before = state;
    state = change(state);
    if (state !== before) {
      for (const listener of [...listeners]) listener();
      // A new status, or another decline (a second payment in the widget), not a state that only
      // gains the server's words.
      const code = (x: CheckoutState) => (x as { code?: unknown }).code;
      if (state.status !== before.status || code(state) !== code(before)) options.onStatus?.(state);
    }
    return state;
  };
  const set = (next: CheckoutState) => update(() => next);
  const flow = () => options.flow.flow;
  const request = (order: unknown): CreateCheckoutRequest => ({
    flow: flow(),
    order,
    ...(options.locale && { locale: options.locale }),
  });
  const fail = (code: CheckoutErrorCode, orderId?: string, details?: MerchantApiError['details']) =>
    set({
      status: 'failed',
      code,
      flittCode: details?.flittCode,
      payerMessage: details?.payerMessage,
      orderId,
    });

  function start(order: unknown) {
    // One attempt at a time: a second click while one is in flight changes nothing.
    if (isBusy(state)) return;
    set({ status: 'creating', flow: flow() });
    last = { order };
    current?.abort();
    const abort = new AbortController();
    current = abort;
    // Async, so a custom api that throws at once fails like one that rejects.
    (async () => options.api.createCheckout(request(order), abort.signal))().then(
      (result: unknown) => {
        if (abort.signal.aborted) return;
        // A custom `api` can resolve anything: the contract's guard decides, not the type.
        if (!isCreateCheckoutResponse(result, flow())) return fail('invalid_response');
        const code = options.flow.open(result, session, options);
        if (code) fail(code, result.orderId);
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        // A custom api's own error: most likely the connection.
        if (error instanceof MerchantApiError) fail(error.code, undefined, error.details);
        else fail('network_error');
      },
    );
  }

  function abortAll() {
    current?.abort();
    current = undefined;
    options.api.prefetch?.();
    // Its answer will never come: an attempt left `creating` would refuse every later start.
    if (state.status === 'creating') set(IDLE);
  }

  const session: FlowSession = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update,
    start,
    prefetch(order) {
      if (state.status === 'idle') options.api.prefetch?.(request(order));
    },
    retry() {
      if (!isProblem(state)) return;
      set(IDLE);
      if (last) start(last.order);
    },
    reset() {
      abortAll();
      set(IDLE);
    },
    abort: abortAll,
    setOptions(next) {
      // Another endpoint: the order it created ahead will not be used.
      if (next.api !== options.api) options.api.prefetch?.();
      options = next;
    },
  };
  return session;
}
