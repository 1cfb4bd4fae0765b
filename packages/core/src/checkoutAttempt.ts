/** How the payer pays: Flitt's hosted page (redirect) or the embedded form. */
export type CheckoutFlow = 'redirect' | 'embedded';

/** Stable codes of checkout failures that are not a bank's decline. */
export type CheckoutErrorCode =
  | 'network_error'
  | 'timeout'
  | 'server_error'
  | 'invalid_response'
  | 'unsafe_checkout_url'
  | 'invalid_token'
  | 'flitt_failure'
  | 'script_load_failed'
  | 'order_reversed'
  | 'order_not_found'
  | (string & Record<never, never>);

/**
 * Every state of one checkout attempt, as a union on `status`.
 *
 * `idle → creating → redirecting | ready (embedded) → processing → approved | declined | failed | expired`
 */
export type CheckoutState =
  | { readonly status: 'idle' }
  | { readonly status: 'creating'; readonly flow: CheckoutFlow }
  | { readonly status: 'redirecting'; readonly orderId: string; readonly checkoutUrl: string }
  | { readonly status: 'ready'; readonly orderId: string; readonly token: string }
  | { readonly status: 'processing'; readonly orderId: string; readonly token?: string | undefined }
  | {
      readonly status: 'approved';
      readonly orderId: string;
      readonly order?: Readonly<Record<string, unknown>>;
    }
  | {
      readonly status: 'declined';
      readonly orderId: string;
      /** Flitt's `response_code`; `describeResponseCode(code)` gives its category and message key. */
      readonly code: number;
      /** The reason, in the payer's words, once the merchant's server has confirmed the decline. */
      readonly payerMessage?: string | undefined;
      /** Set while the same order can still be paid (embedded form, `delayed: 'Y'`). */
      readonly token?: string | undefined;
    }
  | {
      readonly status: 'failed';
      readonly code: CheckoutErrorCode;
      /** Flitt's code when Flitt refused the request. */
      readonly flittCode?: number | undefined;
      /** What the merchant's server said to tell the payer (its own words, or its handlers'). */
      readonly payerMessage?: string | undefined;
      readonly orderId?: string | undefined;
    }
  | {
      readonly status: 'expired';
      readonly orderId?: string | undefined;
      /** What the merchant's server said to tell the payer, once it has confirmed the order. */
      readonly payerMessage?: string | undefined;
    };

/**
 * True while an attempt is under way (creating, redirecting, processing): a second start waits.
 *
 * @example
 * isBusy({ status: 'creating', flow: 'redirect' }); // true
 */
export const isBusy = (state: CheckoutState): boolean =>
  ['creating', 'redirecting', 'processing'].includes(state.status);

/**
 * True when the payer must be told something went wrong (declined, failed, expired).
 *
 * @example
 * isProblem({ status: 'expired', orderId: 'fc-1' }); // true
 */
export const isProblem = (
  state: CheckoutState,
): state is Extract<CheckoutState, { status: 'declined' | 'failed' | 'expired' }> =>
  ['declined', 'failed', 'expired'].includes(state.status);

/**
 * One attempt's state, subscribable (for `useSyncExternalStore`). `update` is how a flow moves it:
 * the session for both flows, `createEmbeddedCheckout` for what the embedded widget reports.
 */
export interface CheckoutAttempt {
  getState(): CheckoutState;
  subscribe(listener: () => void): () => void;
  /** Sets `change(state)` as the state (listeners hear of it when it differs) and returns it. */
  update(change: (state: CheckoutState) => CheckoutState): CheckoutState;
}
