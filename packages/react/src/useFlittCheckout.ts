import {
  type CheckoutFlow,
  type CheckoutState,
  createCheckoutAttempt,
  isFlittToken,
  isSafeCheckoutUrl,
} from '@flitt-checkout/core';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { type CreateCheckoutResult, FlittCheckoutError } from './api.ts';
import { useFlittContext } from './FlittProvider.tsx';

/** A checkout state plus the payer message for it in the current locale ('' when none). */
export type FlittCheckoutState = CheckoutState & { readonly message: string };

/** Options of `useFlittCheckout`. */
export interface UseFlittCheckoutOptions {
  /** `redirect` (Flitt's hosted page, default) or `embedded` (a token for `<FlittEmbeddedCheckout>`). */
  flow?: CheckoutFlow;
  onApproved?(state: Extract<FlittCheckoutState, { status: 'approved' }>): void;
  onDeclined?(state: Extract<FlittCheckoutState, { status: 'declined' }>): void;
  onError?(state: Extract<FlittCheckoutState, { status: 'failed' | 'expired' }>): void;
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
  const [attempt] = useState(() => createCheckoutAttempt());
  const raw = useSyncExternalStore(attempt.subscribe, attempt.getState, attempt.getState);
  const controller = useRef<AbortController | null>(null);
  const lastOrder = useRef<unknown>(undefined);
  const prefetched = useRef<{
    key: string;
    at: number;
    promise: Promise<CreateCheckoutResult>;
    abort: AbortController;
  } | null>(null);
  const callbacks = useRef(options);
  callbacks.current = options;
  const contextRef = useRef(context);
  contextRef.current = context;

  const mutation = useMutation({
    mutationKey: ['@flitt-checkout/create', flow],
    mutationFn: ({ order, signal }: { order: unknown; signal: AbortSignal }) =>
      contextRef.current.api.createCheckout({ flow, order }, signal),
    retry: false,
  });
  const mutate = useRef(mutation.mutateAsync);
  mutate.current = mutation.mutateAsync;

  /** The prefetched creation for this order, if fresh; it keeps its own abort controller. */
  const takePrefetched = useCallback((order: unknown) => {
    const ahead = prefetched.current;
    prefetched.current = null;
    if (ahead && ahead.key === keyOf(order) && Date.now() - ahead.at < PREFETCH_MAX_AGE)
      return ahead;
    ahead?.abort.abort();
    return null;
  }, []);

  const start = useCallback(
    (order: unknown) => {
      const before = attempt.getState();
      if (attempt.dispatch({ type: 'start', flow }) === before) return; // busy: one click, one order
      lastOrder.current = order;
      const ahead = takePrefetched(order);
      controller.current?.abort();
      const abort = ahead?.abort ?? new AbortController();
      controller.current = abort;
      (ahead?.promise ?? mutate.current({ order, signal: abort.signal })).then(
        (result) => {
          if (abort.signal.aborted) return;
          const { allowedOrigins, navigate } = contextRef.current;
          if (result.flow === 'redirect') {
            // A compromised or buggy endpoint must not send the payer anywhere but Flitt.
            if (!isSafeCheckoutUrl(result.checkoutUrl, allowedOrigins)) {
              attempt.dispatch({
                type: 'fail',
                code: 'unsafe_checkout_url',
                orderId: result.orderId,
              });
              return;
            }
            attempt.dispatch({
              type: 'created',
              orderId: result.orderId,
              checkoutUrl: result.checkoutUrl,
            });
            navigate(result.checkoutUrl);
            return;
          }
          if (!isFlittToken(result.token)) {
            attempt.dispatch({ type: 'fail', code: 'invalid_token', orderId: result.orderId });
            return;
          }
          attempt.dispatch({ type: 'created', orderId: result.orderId, token: result.token });
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          const code = error instanceof FlittCheckoutError ? error.code : 'network_error';
          const flittCode = error instanceof FlittCheckoutError ? error.flittCode : undefined;
          attempt.dispatch({ type: 'fail', code, flittCode });
        },
      );
    },
    [attempt, takePrefetched, flow],
  );

  const prefetch = useCallback(
    (order: unknown) => {
      if (attempt.getState().status !== 'idle') return;
      const key = keyOf(order);
      if (prefetched.current?.key === key) return;
      prefetched.current?.abort.abort();
      const abort = new AbortController();
      const promise = mutate.current({ order, signal: abort.signal });
      promise.catch(() => {
        // A failed prefetch is forgotten; the click will try again and report errors.
        if (prefetched.current?.promise === promise) prefetched.current = null;
      });
      prefetched.current = { key, at: Date.now(), promise, abort };
    },
    [attempt],
  );

  const retry = useCallback(() => {
    const state = attempt.dispatch({ type: 'retry' });
    if (state.status === 'idle' && lastOrder.current !== undefined) start(lastOrder.current);
  }, [attempt, start]);

  /** Cancels the creation in flight and any prefetched one. */
  const abortAll = useCallback(() => {
    controller.current?.abort();
    prefetched.current?.abort.abort();
  }, []);

  const reset = useCallback(() => {
    abortAll();
    prefetched.current = null;
    attempt.dispatch({ type: 'reset' });
  }, [attempt, abortAll]);

  // Back from Flitt's page with the browser's Back button, the page may come from the
  // back/forward cache still "redirecting": make the button usable again.
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted && attempt.getState().status === 'redirecting') {
        attempt.dispatch({ type: 'reset' });
      }
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, [attempt]);

  // Abort on unmount; deferred so StrictMode's mount-unmount-mount does not cancel a live request.
  const pendingAbort = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    clearTimeout(pendingAbort.current);
    return () => {
      pendingAbort.current = setTimeout(abortAll, 0);
    };
  }, [abortAll]);

  const notified = useRef<CheckoutState | null>(null);
  const { text } = context;
  const state = useMemo(() => {
    const message =
      'messageKey' in raw
        ? text.payer[raw.messageKey]
        : raw.status === 'expired'
          ? text.payer.expired
          : '';
    return { ...raw, message } as FlittCheckoutState;
  }, [raw, text]);
  useEffect(() => {
    if (notified.current === raw) return;
    notified.current = raw;
    if (state.status === 'approved') callbacks.current.onApproved?.(state);
    else if (state.status === 'declined') callbacks.current.onDeclined?.(state);
    else if (state.status === 'failed' || state.status === 'expired')
      callbacks.current.onError?.(state);
  }, [raw, state]);

  const busy =
    raw.status === 'creating' || raw.status === 'redirecting' || raw.status === 'processing';
  return { state, start, prefetch, retry, reset, attempt, busy };
}
