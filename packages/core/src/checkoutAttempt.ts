import { paymentOutcome } from './paymentOutcome.ts';
import type { OrderStatus } from './types.ts';

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
  | { readonly status: 'processing'; readonly orderId: string; readonly token?: string }
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
      readonly payerMessage?: string;
      /** Set while the same order can still be paid (embedded form, `delayed: 'Y'`). */
      readonly token?: string;
    }
  | {
      readonly status: 'failed';
      readonly code: CheckoutErrorCode;
      /** Flitt's code when Flitt refused the request. */
      readonly flittCode?: number;
      /** What the merchant's server said to tell the payer (its own words, or its handlers'). */
      readonly payerMessage?: string;
      readonly orderId?: string;
    }
  | {
      readonly status: 'expired';
      readonly orderId?: string;
      /** What the merchant's server said to tell the payer, once it has confirmed the order. */
      readonly payerMessage?: string;
    };

/** What can happen to an attempt. Events that do not fit the current state are ignored. */
export type CheckoutEvent =
  | { readonly type: 'start'; readonly flow: CheckoutFlow }
  | { readonly type: 'created'; readonly orderId: string; readonly checkoutUrl: string }
  | { readonly type: 'created'; readonly orderId: string; readonly token: string }
  | { readonly type: 'submit' }
  | {
      readonly type: 'result';
      readonly orderId: string;
      readonly orderStatus: OrderStatus;
      readonly responseCode?: number | undefined;
      readonly order?: Readonly<Record<string, unknown>>;
      /** The merchant server's words for this result (a confirmed decline). */
      readonly payerMessage?: string | undefined;
    }
  | {
      readonly type: 'fail';
      readonly code: CheckoutErrorCode;
      readonly flittCode?: number | undefined;
      readonly payerMessage?: string | undefined;
      readonly orderId?: string | undefined;
    }
  | { readonly type: 'retry' }
  | { readonly type: 'reset' };

const IDLE: CheckoutState = { status: 'idle' };

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

function fromResult(
  event: Extract<CheckoutEvent, { type: 'result' }>,
  token: string | undefined,
): CheckoutState {
  const { orderId, orderStatus } = event;
  // The widget reports an order that is open again (a card-field problem): back to the form.
  if (orderStatus === 'created')
    return token ? { status: 'ready', orderId, token } : { status: 'processing', orderId };
  const outcome = paymentOutcome({ status: orderStatus, responseCode: event.responseCode });
  switch (outcome.outcome) {
    case 'approved':
      return { status: 'approved', orderId, ...(event.order ? { order: event.order } : {}) };
    case 'expired':
      return {
        status: 'expired',
        orderId,
        ...(event.payerMessage ? { payerMessage: event.payerMessage } : {}),
      };
    case 'reversed':
      return { status: 'failed', code: 'order_reversed', orderId };
    case 'processing':
      return { status: 'processing', orderId, ...(token ? { token } : {}) };
    case 'declined':
      // A failed attempt on a delayed order ("processing" with a code): the payer may try again
      // with the same token until the order's lifetime ends.
      return {
        status: 'declined',
        orderId,
        code: outcome.code,
        ...(orderStatus === 'processing' && token ? { token } : {}),
        ...(event.payerMessage ? { payerMessage: event.payerMessage } : {}),
      };
  }
}

/**
 * The pure transition function of a checkout attempt; React (or anything else) only subscribes.
 *
 * @example
 * let state = checkoutReducer({ status: 'idle' }, { type: 'start', flow: 'redirect' }); // creating
 */
export function checkoutReducer(state: CheckoutState, event: CheckoutEvent): CheckoutState {
  switch (event.type) {
    case 'reset':
      return IDLE;
    case 'start':
      // One attempt at a time: a second click while one is in flight changes nothing.
      return isBusy(state) ? state : { status: 'creating', flow: event.flow };
    case 'created':
      if (state.status !== 'creating') return state;
      if ('checkoutUrl' in event)
        return { status: 'redirecting', orderId: event.orderId, checkoutUrl: event.checkoutUrl };
      return { status: 'ready', orderId: event.orderId, token: event.token };
    case 'submit':
      if (state.status === 'ready')
        return { status: 'processing', orderId: state.orderId, token: state.token };
      if (state.status === 'declined' && state.token)
        return { status: 'processing', orderId: state.orderId, token: state.token };
      return state;
    case 'result': {
      if (state.status === 'idle' || state.status === 'creating') return state;
      const token = 'token' in state ? state.token : undefined;
      // The attempt's order, whatever id the report carries (a widget's can be missing).
      const orderId = 'orderId' in state && state.orderId ? state.orderId : event.orderId;
      return fromResult({ ...event, orderId }, token);
    }
    case 'fail':
      if (state.status === 'idle' || state.status === 'approved') return state;
      return {
        status: 'failed',
        code: event.code,
        ...(event.flittCode === undefined ? {} : { flittCode: event.flittCode }),
        ...(event.payerMessage ? { payerMessage: event.payerMessage } : {}),
        ...(event.orderId === undefined ? {} : { orderId: event.orderId }),
      };
    case 'retry':
      if (state.status === 'declined' && state.token)
        return { status: 'ready', orderId: state.orderId, token: state.token };
      return isProblem(state) ? IDLE : state;
  }
}

/** A subscribable holder of one attempt's state (for `useSyncExternalStore`). */
export interface CheckoutAttempt {
  getState(): CheckoutState;
  dispatch(event: CheckoutEvent): CheckoutState;
  subscribe(listener: () => void): () => void;
}

/**
 * Creates a checkout attempt store around `checkoutReducer`.
 *
 * @example
 * const attempt = createCheckoutAttempt();
 * attempt.subscribe(() => console.log(attempt.getState().status));
 * attempt.dispatch({ type: 'start', flow: 'embedded' });
 */
export function createCheckoutAttempt(initial: CheckoutState = IDLE): CheckoutAttempt {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(event) {
      const next = checkoutReducer(state, event);
      if (next !== state) {
        state = next;
        for (const listener of [...listeners]) listener();
      }
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
