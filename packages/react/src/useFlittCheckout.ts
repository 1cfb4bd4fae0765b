import {
  type CheckoutFlow,
  type CheckoutState,
  createCheckoutAttempt,
  isFlittToken,
  isSafeCheckoutUrl,
} from '@flitt-checkout/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { type CreateCheckoutResult, FlittCheckoutError } from './api.ts';
import { useFlittContext } from './FlittProvider.tsx';

/** A checkout state plus the payer message for it in the current locale ('' when none). */
export type FlittCheckoutState = CheckoutState & { readonly message: string };

/** Options of `useFlittCheckout`. */
export interface UseFlittCheckoutOptions {
  /** `redirect` (Flitt's hosted page, default) or `embedded` (a token for `<FlittEmbeddedCheckout>`). */
  flow?: CheckoutFlow;
  onApproved?: ((state: Extract<FlittCheckoutState, { status: 'approved' }>) => void) | undefined;
  onDeclined?: ((state: Extract<FlittCheckoutState, { status: 'declined' }>) => void) | undefined;
  onError?:
    | ((state: Extract<FlittCheckoutState, { status: 'failed' | 'expired' }>) => void)
    | undefined;
}

/** What `useFlittCheckout` returns. */
export interface FlittCheckout {
  readonly state: FlittCheckoutState;
  /** Creates the order through your server and goes on (navigates, or becomes `ready`). One order per call; ignored while busy. */
  start(order: unknown): void;
  /** Creates the order ahead (hover / focus) without leaving; the next `start` with the same order uses it. */
  prefetch(order: unknown): void;
  /** After a decline or error: back to the form (same open order) or a new attempt with the last order. */
  retry(): void;
  reset(): void;
  /** Feeds checkout events from the embedded widget into the same state machine. */
  readonly attempt: ReturnType<typeof createCheckoutAttempt>;
  readonly busy: boolean;
}

// Short, so a cart that changed behind the same `order` reference is not paid at an old total.
const PREFETCH_MAX_AGE = 60 * 1000;

type Input = { order: unknown; signal: AbortSignal };
type Prefetched = {
  key: string;
  at: number;
  promise: Promise<CreateCheckoutResult>;
  abort: AbortController;
};

function keyOf(order: unknown): string {
  try {
    return JSON.stringify(order) ?? 'undefined';
  } catch {
    return String(Math.random()); // unserialisable: never reuse
  }
}

/**
 * One checkout attempt as a typed state machine over a react-query mutation: no double orders,
 * safe under StrictMode, aborted on unmount, payer messages in the provider's language.
 *
 * @example
 * const { state, start, retry } = useFlittCheckout({ onApproved: () => router.push('/thanks') });
 * <button onClick={() => start({ cartId })} disabled={state.status === 'creating'}>Pay</button>
 */
export function useFlittCheckout(options: UseFlittCheckoutOptions = {}): FlittCheckout {
  const flow = options.flow ?? 'redirect';
  const context = useFlittContext('useFlittCheckout');
  const live = useRef<{
    context: typeof context;
    options: UseFlittCheckoutOptions;
    mutate: (input: Input) => Promise<CreateCheckoutResult>;
  }>(null as never);
  const mutation = useMutation({
    mutationKey: ['@flitt-checkout/create', flow],
    mutationFn: ({ order, signal }: Input) =>
      live.current.context.createCheckout({ flow, order }, signal),
    retry: false,
  });
  live.current = { context, options, mutate: mutation.mutateAsync };

  // Built once: every method reads the latest props through `live`, so none needs dependencies.
  const [methods] = useState(() => {
    const attempt = createCheckoutAttempt();
    let current: AbortController | undefined;
    let lastOrder: unknown;
    let ahead: Prefetched | undefined;
    const send = (order: unknown, abort: AbortController) =>
      live.current.mutate({ order, signal: abort.signal });
    const abortAll = () => {
      current?.abort();
      ahead?.abort.abort();
    };
    const start = (order: unknown) => {
      const before = attempt.getState();
      if (attempt.dispatch({ type: 'start', flow }) === before) return; // busy: one click, one order
      lastOrder = order;
      // A prefetched creation of the same order, if fresh, is used; it has its own abort controller.
      const taken =
        ahead?.key === keyOf(order) && Date.now() - ahead.at < PREFETCH_MAX_AGE && ahead;
      if (!taken) ahead?.abort.abort();
      ahead = undefined;
      current?.abort();
      const abort = taken ? taken.abort : new AbortController();
      current = abort;
      (taken ? taken.promise : send(order, abort)).then(
        (result) => {
          if (abort.signal.aborted) return;
          const { allowedOrigins, navigate } = live.current.context;
          const { orderId } = result;
          if (result.flow === 'redirect') {
            // A compromised or buggy endpoint must not send the payer anywhere but Flitt.
            if (!isSafeCheckoutUrl(result.checkoutUrl, allowedOrigins))
              return void attempt.dispatch({ type: 'fail', code: 'unsafe_checkout_url', orderId });
            attempt.dispatch({ type: 'created', orderId, checkoutUrl: result.checkoutUrl });
            navigate(result.checkoutUrl);
          } else if (isFlittToken(result.token))
            attempt.dispatch({ type: 'created', orderId, token: result.token });
          else attempt.dispatch({ type: 'fail', code: 'invalid_token', orderId });
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          const known = error instanceof FlittCheckoutError;
          attempt.dispatch({
            type: 'fail',
            code: known ? error.code : 'network_error',
            flittCode: known ? error.flittCode : undefined,
          });
        },
      );
    };
    return {
      attempt,
      abortAll,
      start,
      prefetch(order: unknown) {
        const key = keyOf(order);
        if (attempt.getState().status !== 'idle' || ahead?.key === key) return;
        ahead?.abort.abort();
        const abort = new AbortController();
        const entry: Prefetched = { key, at: Date.now(), promise: send(order, abort), abort };
        // A failed prefetch is forgotten; the click will try again and report errors.
        entry.promise.catch(() => {
          if (ahead === entry) ahead = undefined;
        });
        ahead = entry;
      },
      retry() {
        if (attempt.dispatch({ type: 'retry' }).status === 'idle' && lastOrder !== undefined)
          start(lastOrder);
      },
      reset() {
        abortAll();
        ahead = undefined;
        attempt.dispatch({ type: 'reset' });
      },
    };
  });
  const { attempt, abortAll } = methods;
  const raw = useSyncExternalStore(attempt.subscribe, attempt.getState, attempt.getState);
  const pendingAbort = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    // Back from Flitt's page with the browser's Back button, the page may come from the
    // back/forward cache still "redirecting": make the button usable again.
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted && attempt.getState().status === 'redirecting')
        attempt.dispatch({ type: 'reset' });
    };
    addEventListener('pageshow', onShow);
    // Abort on unmount; deferred so StrictMode's mount-unmount-mount does not cancel a live request.
    clearTimeout(pendingAbort.current);
    return () => {
      removeEventListener('pageshow', onShow);
      pendingAbort.current = setTimeout(abortAll, 0);
    };
  }, [attempt, abortAll]);

  const { say } = context;
  const state = useMemo(() => ({ ...raw, message: say(raw) }) as FlittCheckoutState, [raw, say]);
  const notified = useRef<CheckoutState>(raw);
  useEffect(() => {
    if (notified.current === raw) return;
    notified.current = raw;
    const { onApproved, onDeclined, onError } = live.current.options;
    if (state.status === 'approved') onApproved?.(state);
    else if (state.status === 'declined') onDeclined?.(state);
    else if (state.status === 'failed' || state.status === 'expired') onError?.(state);
  }, [raw, state]);

  const busy =
    raw.status === 'creating' || raw.status === 'redirecting' || raw.status === 'processing';
  return { ...methods, state, busy };
}
