import {
  type CheckoutFlow,
  type CheckoutSession,
  type CheckoutState,
  checkoutEndpoint,
  createCheckoutSession,
  isBusy,
} from '@flitt-checkout/core/checkout';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useFlittContext } from './FlittProvider.tsx';
import type { UiText } from './locales/types.ts';

/**
 * A checkout state plus what to tell the payer about it, in the provider's language: your
 * server's words (`payerMessage`), or the browser's own when the server could not say anything
 * ('' for states with nothing to say, and for an embedded decline until the server confirms it).
 */
export type FlittCheckoutState = CheckoutState & { readonly message: string };

/** `next` is the same state as `before`, now with the server's words for it. */
const explains = (before: CheckoutState, next: CheckoutState) =>
  before.status === next.status &&
  'orderId' in before &&
  'orderId' in next &&
  before.orderId === next.orderId &&
  'payerMessage' in next &&
  !('payerMessage' in before);

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
  /** The framework-free session behind the hook; the embedded widget feeds its events here. */
  readonly session: CheckoutSession;
  readonly busy: boolean;
}

/**
 * What the browser says by itself about a failure its server did not explain: only that the
 * server could not be reached ('' otherwise: the general title says the rest).
 */
export const ownWords = (code: string, ui: UiText): string =>
  code === 'network_error' || code === 'timeout' ? ui.networkError : '';

/** The server's words, or the browser's own when the server could not be reached. */
function messageOf(state: CheckoutState, ui: UiText): string {
  if (state.status === 'expired') return state.payerMessage ?? ui.expiredTitle;
  if (state.status === 'declined') return state.payerMessage ?? '';
  if (state.status !== 'failed') return '';
  return state.payerMessage ?? ownWords(state.code, ui);
}

/**
 * One checkout attempt, as a typed state machine: no double orders, safe under StrictMode,
 * aborted on unmount, payer messages in the provider's language.
 *
 * @example
 * function PayButton({ cartId }: { cartId: string }) {
 *   const { state, start } = useFlittCheckout({ onApproved: () => router.push('/thanks') });
 *   return <button onClick={() => start({ cartId })} disabled={state.status === 'creating'}>Pay</button>;
 * }
 */
export function useFlittCheckout(options: UseFlittCheckoutOptions = {}): FlittCheckout {
  const {
    api: custom,
    transport,
    navigate,
    allowedOrigins,
    ui,
  } = useFlittContext('useFlittCheckout');
  const flow = options.flow ?? 'redirect';
  // Only the checkout call: a page with just a button carries no status code.
  const api = useMemo(
    () => custom ?? { createCheckout: checkoutEndpoint(transport) },
    [custom, transport],
  );
  const { locale } = transport;
  const sessionOptions = { api, flow, navigate, allowedOrigins, locale };
  const [session] = useState(() => createCheckoutSession(sessionOptions));
  // biome-ignore lint/correctness/useExhaustiveDependencies: these values are the options
  useEffect(
    () => session.setOptions(sessionOptions),
    [session, api, flow, navigate, allowedOrigins, locale],
  );
  const raw = useSyncExternalStore(session.subscribe, session.getState, session.getState);

  const pendingAbort = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    // Back from Flitt's page with the browser's Back button, the page may come from the
    // back/forward cache still "redirecting": make the button usable again.
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted && session.getState().status === 'redirecting') session.reset();
    };
    addEventListener('pageshow', onShow);
    // Abort on unmount, deferred: StrictMode's mount-unmount-mount must not cancel a live request.
    clearTimeout(pendingAbort.current);
    return () => {
      removeEventListener('pageshow', onShow);
      pendingAbort.current = setTimeout(session.abort, 0);
    };
  }, [session]);

  const state = useMemo(
    () => ({ ...raw, message: messageOf(raw, ui) }) as FlittCheckoutState,
    [raw, ui],
  );

  // The latest callbacks, read when the state changes (never written during render).
  const callbacks = useRef(options);
  useEffect(() => {
    callbacks.current = options;
  });
  // Once per state reached: a decline that only gains the server's words is not a second decline.
  const notified = useRef<CheckoutState>(raw);
  useEffect(() => {
    const before = notified.current;
    notified.current = raw;
    if (before === raw || explains(before, raw)) return;
    const { onApproved, onDeclined, onError } = callbacks.current;
    if (state.status === 'approved') onApproved?.(state);
    else if (state.status === 'declined') onDeclined?.(state);
    else if (state.status === 'failed' || state.status === 'expired') onError?.(state);
  }, [raw, state]);

  return {
    state,
    session,
    busy: isBusy(raw),
    start: session.start,
    prefetch: session.prefetch,
    retry: session.retry,
    reset: session.reset,
  };
}
