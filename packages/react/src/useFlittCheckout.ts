import { type CheckoutFlow, type CheckoutState, createCheckoutAttempt } from '@flitt-checkout/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CreateCheckoutResult } from './api.ts';
import type { createRunner, RunnerInput } from './engine.ts';
import { useFlittContext } from './FlittProvider.tsx';
import { loadEngine } from './loadEngine.ts';

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
  const live = useRef<RunnerInput & { options: UseFlittCheckoutOptions }>(null as never);
  // react-query runs each creation (devtools and a MutationCache see it); the engine says what.
  const mutation = useMutation({
    mutationKey: ['@flitt-checkout/create', flow],
    mutationFn: (run: () => Promise<CreateCheckoutResult>) => run(),
    retry: false,
  });
  live.current = { context, options, flow, mutate: mutation.mutateAsync };

  // Built once: every method reads the latest props through `live`, so none needs dependencies.
  const [methods] = useState(() => {
    const attempt = createCheckoutAttempt();
    let runner: ReturnType<typeof createRunner> | undefined;
    let lastOrder: unknown;
    let generation = 0; // a reset or unmount cancels a start still waiting for the engine
    // Runs `use` once the engine chunk is there. For a click (`click`), a chunk that cannot load,
    // or does not load within the transport's timeout, is a failure the payer can retry.
    const withRunner = (use: (runner: ReturnType<typeof createRunner>) => void, click = false) => {
      const mine = generation;
      const give = (code: 'network_error' | 'timeout') => {
        if (!click || mine !== generation) return;
        generation += 1;
        attempt.dispatch({ type: 'fail', code });
      };
      const timer = click
        ? setTimeout(() => give('timeout'), live.current.context.transport.timeoutMs ?? 20_000)
        : undefined;
      loadEngine().then(
        (engine) => {
          clearTimeout(timer);
          runner ??= engine.createRunner(attempt, live);
          if (mine === generation) use(runner);
        },
        () => {
          clearTimeout(timer);
          give('network_error'); // offline, or the app was redeployed under the payer
        },
      );
    };
    const abortAll = (forget?: boolean) => {
      generation += 1;
      runner?.abort(forget);
    };
    const start = (order: unknown) => {
      const before = attempt.getState();
      if (attempt.dispatch({ type: 'start', flow: live.current.flow }) === before) return; // busy: one click, one order
      lastOrder = order;
      withRunner((r) => r.run(order), true);
    };
    return {
      attempt,
      abortAll,
      start,
      prefetch(order: unknown) {
        if (attempt.getState().status === 'idle') withRunner((r) => r.prefetch(order));
      },
      retry() {
        if (attempt.dispatch({ type: 'retry' }).status === 'idle' && lastOrder !== undefined)
          start(lastOrder);
      },
      reset() {
        abortAll(true);
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
      pendingAbort.current = setTimeout(() => abortAll(), 0);
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
