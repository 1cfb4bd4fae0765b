// The embedded flow's part of an attempt: what Flitt's widget reports, checked with the merchant's
// server, which asks Flitt. Only the embedded form imports this, so a redirect page carries none of it.
import type { CheckoutAttempt, CheckoutErrorCode, CheckoutState } from './checkoutAttempt.ts';
import type { CheckoutFlowSteps, CheckoutSession } from './checkoutSession.ts';
import { isFlittToken } from './checkoutUrl.ts';
import { isRefusal, type MerchantApi } from './merchantApi.ts';
import { paymentOutcome } from './paymentOutcome.ts';
import type { OrderStatus } from './types.ts';

/**
 * The embedded flow: the order's token, for Flitt's widget (`ready`); `createEmbeddedCheckout`
 * then carries what the widget reports.
 *
 * @example
 * const session = createFlowSession({ api: createMerchantApi(), flow: embeddedFlow });
 */
export const embeddedFlow: CheckoutFlowSteps = {
  flow: 'embedded',
  open(result, session) {
    if (result.flow !== 'embedded' || !isFlittToken(result.token)) return 'invalid_token';
    const { orderId, token } = result;
    session.update(() => ({ status: 'ready', orderId, token }));
  },
};

/** What the widget (or the merchant's server) says about the order of an attempt. */
export interface PaymentReport {
  /** The order the report is about; the attempt's own order is kept when they differ or this is missing. */
  readonly orderId?: string | undefined;
  readonly status: OrderStatus;
  readonly responseCode?: number | null | undefined;
  /** Flitt's order data, passed on to `approved` (the widget's `order_data`). */
  readonly order?: Readonly<Record<string, unknown>> | undefined;
  /** The merchant server's words for the payer about this status. */
  readonly payerMessage?: string | undefined;
}

/**
 * The state an attempt reaches on `report` (pure). `created` while processing is the order open
 * again (a card-field problem: back to the form); `processing` with a code is a failed attempt on a delayed order,
 * which keeps the token so the payer may try again. Nothing changes before the order exists or
 * once it is paid.
 *
 * @example
 * afterReport({ status: 'processing', orderId: 'fc-1' }, { status: 'declined', responseCode: 1037 });
 * // { status: 'declined', orderId: 'fc-1', code: 1037 }
 */
export function afterReport(state: CheckoutState, report: PaymentReport): CheckoutState {
  if (state.status === 'idle' || state.status === 'creating' || state.status === 'approved')
    return state;
  const orderId = ('orderId' in state && state.orderId) || report.orderId || '';
  const token = 'token' in state ? state.token : undefined;
  const { status, payerMessage } = report;
  if (status === 'created')
    return state.status === 'processing' && token ? { status: 'ready', orderId, token } : state;
  const outcome = paymentOutcome(report);
  switch (outcome.outcome) {
    case 'approved':
      return { status: 'approved', orderId, ...(report.order && { order: report.order }) };
    case 'expired':
      return { status: 'expired', orderId, payerMessage };
    case 'reversed':
      return { status: 'failed', code: 'order_reversed', orderId };
    case 'processing':
      return { status: 'processing', orderId, token };
    case 'declined':
      return {
        status: 'declined',
        orderId,
        code: outcome.code,
        payerMessage,
        token: status === 'processing' ? token : undefined,
      };
  }
}

/**
 * True when the embedded form may be submitted: the order is open (`ready`), or a failed attempt
 * left a delayed order open.
 *
 * @example
 * canSubmit({ status: 'ready', orderId: 'fc-1', token: 'a'.repeat(40) }); // true
 */
export const canSubmit = (state: CheckoutState): boolean =>
  state.status === 'ready' || (state.status === 'declined' && Boolean(state.token));

/** Options of `createEmbeddedCheckout`. */
export interface EmbeddedCheckoutTiming {
  /** A processing widget that says nothing this long is asked about (then with backoff up to 15 s, for 5 minutes). Default 3 000 ms. */
  readonly quietMs?: number;
  /** How long a decline or expiry the widget reports waits for the server's confirmation and words before it is shown without them. Default 1 500 ms. */
  readonly confirmMs?: number;
}

/** The embedded flow of one session: submit, and the widget's reports. */
export interface EmbeddedCheckout {
  /** `ready` (or a retryable decline) → `processing`; false when the form cannot be submitted now. */
  submit(): boolean;
  /** What the widget reported (its `callback` and `error` events). */
  report(report: PaymentReport): void;
  /** After a problem: back to the form when the order is still open (delayed), else a new attempt. */
  retry(): void;
  /** The widget could not be loaded or mounted. */
  fail(code: CheckoutErrorCode): void;
  /** Stops its timers and requests (the form went away); a later call starts them again. */
  dispose(): void;
}

/**
 * The embedded flow over a session, framework-free. The widget's word is not the last one: a
 * decline or expiry it reports is confirmed with the merchant's server, which asks Flitt and
 * answers why in the payer's language, before it is shown (for at most `confirmMs`; the server's
 * answer still wins when it comes later), and a widget that goes quiet while processing (a lost
 * reply, a pending method) is asked about with backoff. Whatever the server says is the state.
 *
 * @example
 * const session = createCheckoutSession({ api: createMerchantApi(), flow: 'embedded' });
 * const embedded = createEmbeddedCheckout(session, createMerchantApi().getStatus);
 * embedded.report({ status: 'declined', responseCode: 1037 }); // from the widget's `callback` event
 */
export function createEmbeddedCheckout(
  attempt: CheckoutAttempt & Pick<CheckoutSession, 'retry'>,
  getStatus: MerchantApi['getStatus'],
  timing: EmbeddedCheckoutTiming = {},
): EmbeddedCheckout {
  // One watch at a time: a submit, a report that settles, a retry or a failure aborts the last
  // one's questions and its held decline.
  let watch = new AbortController();
  let hold: ReturnType<typeof setTimeout> | undefined;
  // Has this order failed an attempt already? Then `processing` keeps that attempt's code while
  // the next one runs, and only a settled status answers a quiet widget.
  let failedOrder: string | undefined;

  const stop = () => {
    watch.abort();
    clearTimeout(hold);
    watch = new AbortController();
    return watch.signal;
  };
  const set = (next: CheckoutState) => {
    if (next.status === 'declined') failedOrder = next.orderId;
    return attempt.update(() => next);
  };

  /**
   * Asks the server about `orderId` (after `wait`, then with backoff up to 15 s) for at most
   * `maxMs`, while the watch lives and the attempt is still this order's (processing, or the
   * decline or expiry being confirmed), until it answers (a 4xx ends it too): a settled status, or
   * `processing` with a code (a failed attempt on a delayed order; only `expect`'s code when
   * given, none when null). The server's answer, read from `from`, is then the state.
   */
  async function ask(
    signal: AbortSignal,
    from: CheckoutState,
    orderId: string,
    wait: number,
    maxMs: number,
    expect: number | null | undefined,
  ) {
    const on = () => {
      const now = attempt.getState();
      return (
        !signal.aborted &&
        // `failed` with a live watch is only a reversal shown while its confirmation is late.
        ['processing', 'declined', 'expired', 'failed'].includes(now.status) &&
        (now as { orderId?: string }).orderId === orderId
      );
    };
    const until = Date.now() + maxMs;
    for (let next = Math.max(wait, 1000); on(); wait = next, next = Math.min(next * 2, 15_000)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        signal.onabort = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (!on()) return;
      try {
        const answer = await getStatus(orderId, signal);
        const code = answer.responseCode;
        if (
          answer.status === 'processing'
            ? code !== null && (expect === undefined || code === expect)
            : answer.status !== 'created'
        ) {
          if (on()) {
            clearTimeout(hold);
            set(afterReport(from, answer));
          }
          return;
        }
      } catch (error) {
        if (isRefusal(error)) return;
      }
      if (Date.now() > until) return;
    }
  }

  return {
    submit() {
      const state = attempt.getState();
      if (!canSubmit(state)) return false;
      const signal = stop();
      const { orderId, token } = state as Extract<CheckoutState, { status: 'ready' }>;
      const retried = failedOrder === orderId;
      const processing = set({ status: 'processing', orderId, token });
      void ask(
        signal,
        processing,
        orderId,
        timing.quietMs ?? 3000,
        300_000,
        retried ? null : undefined,
      );
      return true;
    },
    report(report) {
      const before = attempt.getState();
      const next = afterReport(before, report);
      if (next === before) return;
      // Still processing (3-D Secure, a pending method): the quiet widget is still asked about.
      if (next.status === 'processing') return void set(next);
      const signal = stop();
      // Back to the form, or paid: nothing to confirm. Else a decline, an expiry or a reversal.
      const { orderId } = next as { orderId?: string };
      if (next.status === 'ready' || next.status === 'approved' || !orderId) return void set(next);
      // Shown once the server has confirmed it (the same decline: a new attempt on a delayed
      // order keeps `processing` with its code) or `confirmMs` have passed, whichever is first;
      // a later answer of the server still replaces it.
      // An expiry or a reversal has no numeric code: any settled answer confirms it (a card check
      // that adds a card ends reversed, and its server reads that as the success it is, even
      // after `confirmMs` has shown the reversal).
      void ask(signal, before, orderId, 0, 10_000, (next as { code?: number }).code);
      hold = setTimeout(() => {
        if (attempt.getState() === before) set(next);
      }, timing.confirmMs ?? 1500);
    },
    retry() {
      stop();
      const state = attempt.getState();
      if (state.status === 'declined' && state.token)
        set({ status: 'ready', orderId: state.orderId, token: state.token });
      else attempt.retry();
    },
    fail(code) {
      stop();
      const state = attempt.getState();
      set({ status: 'failed', code, orderId: 'orderId' in state ? state.orderId : undefined });
    },
    dispose: stop,
  };
}
