import {
  type CheckoutFlow,
  type CheckoutFlowSteps,
  type CheckoutSession,
  type CheckoutState,
  checkoutEndpoint,
  createFlowSession,
  embeddedFlow,
  type FlowSessionOptions,
  isBusy,
  type MerchantApi,
  redirectFlow,
  withPrefetch,
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

/** Options of `useFlittCheckout`. */
export interface UseFlittCheckoutOptions {
  /** `redirect` (Flitt's hosted page, default) or `embedded` (a token for `<FlittEmbeddedCheckout>`). */
  flow?: CheckoutFlow;
  /**
   * Asks your server to keep the card for the signed-in payer (`saveCard: true` in the request;
   * see `FlittSaveCardCheckbox`). The embedded form reads it once, with `order`.
   */
  saveCard?: boolean | undefined;
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
  /** After a decline or error: a new attempt with the last order (the embedded form goes back to a still-open order itself). */
  retry(): void;
  reset(): void;
  /** The framework-free session behind the hook (its options are the hook's); the embedded widget's reports move it. */
  readonly session: Omit<CheckoutSession, 'setOptions'>;
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
export const useFlittCheckout = (options: UseFlittCheckoutOptions = {}): FlittCheckout =>
  useCheckout(options.flow === 'embedded' ? embeddedFlow : redirectFlow, options, withPrefetch);

/**
 * `useFlittCheckout` of one flow, carrying no other flow's code (what the components use);
 * `prefetch` works when `ahead` is given (`withPrefetch`).
 */
export function useCheckout(
  steps: CheckoutFlowSteps,
  options: Omit<UseFlittCheckoutOptions, 'flow'>,
  ahead?: typeof withPrefetch,
): FlittCheckout {
  const {
    api: custom,
    transport,
    navigate,
    allowedOrigins,
    ui,
  } = useFlittContext('useFlittCheckout');
  // Only the checkout call: a page with just a button carries no status code.
  const { saveCard } = options;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `ahead` is fixed per component
  const api = useMemo(() => {
    const endpoint = custom ?? { createCheckout: checkoutEndpoint(transport) };
    // Only when asked: a page that saves no cards sends the request as it was.
    const sent: Pick<MerchantApi, 'createCheckout'> = saveCard
      ? {
          createCheckout: (request, signal) =>
            endpoint.createCheckout({ ...request, saveCard }, signal),
        }
      : endpoint;
    return ahead ? ahead(sent) : sent;
  }, [custom, transport, saveCard]);
  const sessionOptions: FlowSessionOptions = {
    api,
    flow: steps,
    navigate,
    allowedOrigins,
    locale: transport.locale,
    // Once per status reached, with this render's callbacks and labels.
    onStatus(now) {
      const told = { ...now, message: messageOf(now, ui) } as FlittCheckoutState;
      if (told.status === 'approved') options.onApproved?.(told);
      else if (told.status === 'declined') options.onDeclined?.(told);
      else if (told.status === 'failed' || told.status === 'expired') options.onError?.(told);
    },
  };
  const [session] = useState(() => createFlowSession(sessionOptions));
  // The latest options, after each render (never written during render).
  useEffect(() => session.setOptions(sessionOptions));
  const raw = useSyncExternalStore(session.subscribe, session.getState, session.getState);

  const pendingAbort = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    // Abort on unmount, deferred: StrictMode's mount-unmount-mount must not cancel a live request.
    clearTimeout(pendingAbort.current);
    return () => {
      pendingAbort.current = setTimeout(session.abort, 0);
    };
  }, [session]);

  const state = useMemo(
    () => ({ ...raw, message: messageOf(raw, ui) }) as FlittCheckoutState,
    [raw, ui],
  );

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
