// What runs after the first render: creating orders (and prefetching them), checking what the
// shop's endpoint answered, the fetch transport, payer messages and checkout.js. The provider loads
// this chunk right after it mounts, so the app's entry chunk holds only what renders and the state
// machine that keeps one click to one order.
import {
  type CheckoutAttempt,
  type CheckoutFlow,
  isFlittToken,
  isSafeCheckoutUrl,
  type OrderStatus,
} from '@flitt-checkout/core';
import { type CreateCheckoutResult, FlittCheckoutError, fetchCheckout } from './api.ts';
import type { EmbeddedCheckoutOptions } from './FlittEmbeddedCheckout.tsx';
import type { FlittContextValue } from './FlittProvider.tsx';
import { type CheckoutApp, type CheckoutModel, loadCheckoutScript } from './loadCheckoutScript.ts';

export { fetchStatus } from './api.ts';
export { sayWith } from './say.ts';
export { loadCheckoutScript };

/** What the runner reads at call time: the provider's latest value and react-query's mutation. */
export interface RunnerInput {
  readonly context: FlittContextValue;
  readonly flow: CheckoutFlow;
  readonly mutate: (run: () => Promise<CreateCheckoutResult>) => Promise<CreateCheckoutResult>;
}

// Short, so a cart that changed behind the same `order` reference is not paid at an old total.
const PREFETCH_MAX_AGE = 60 * 1000;

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
 * Creates orders for one checkout attempt: `run` after the attempt has entered `creating`,
 * `prefetch` on intent, `abort` on reset and unmount (`forget` also drops a prefetched order).
 */
export function createRunner(attempt: CheckoutAttempt, live: { readonly current: RunnerInput }) {
  let current: AbortController | undefined;
  let ahead: Prefetched | undefined;
  const send = (order: unknown, abort: AbortController) => {
    const { context, flow } = live.current;
    return live.current.mutate(() =>
      (context.createCheckout ?? fetchCheckout(context.transport))({ flow, order }, abort.signal),
    );
  };
  return {
    run(order: unknown) {
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
          try {
            const { allowedOrigins, navigate } = live.current.context;
            const { orderId } = result;
            if (result.flow === 'redirect') {
              // A compromised or buggy endpoint must not send the payer anywhere but Flitt.
              if (!isSafeCheckoutUrl(result.checkoutUrl, allowedOrigins))
                return void attempt.dispatch({
                  type: 'fail',
                  code: 'unsafe_checkout_url',
                  orderId,
                });
              attempt.dispatch({ type: 'created', orderId, checkoutUrl: result.checkoutUrl });
              navigate(result.checkoutUrl);
            } else if (isFlittToken(result.token))
              attempt.dispatch({ type: 'created', orderId, token: result.token });
            else attempt.dispatch({ type: 'fail', code: 'invalid_token', orderId });
          } catch {
            // A custom createCheckout that resolved nothing usable, or a navigate that threw:
            // a failure with a retry, never a spinner that turns forever.
            attempt.dispatch({ type: 'fail', code: 'invalid_response' });
          }
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
    },
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
    abort(forget?: boolean) {
      current?.abort();
      ahead?.abort.abort();
      if (forget) ahead = undefined;
    },
  };
}

type OrderData = { order_id?: unknown; order_status?: unknown; response_code?: unknown };

/** What `FlittEmbeddedCheckout` hands over to mount Flitt's widget. */
export interface WidgetSetup {
  readonly attempt: CheckoutAttempt;
  readonly token: string;
  readonly locale: string;
  readonly theme: 'light' | 'dark';
  /** JSON of `{ options, css }` (compared by value by the component). */
  readonly config: string;
  readonly onReady: () => void;
  /** A card-field problem (Flitt's code): the order stays open, the payer fixes the field. */
  readonly onFieldError: (code: number) => void;
}

/**
 * Loads checkout.js and mounts the widget into `target()` (null: the component went away), wired
 * to the attempt: `callback` and final `error` events become results, field errors go back to the
 * form. Resolves the widget, or null when there was nowhere to mount it.
 */
export async function mountWidget(
  scriptUrl: string,
  nonce: string | undefined,
  target: () => Element | null,
  setup: WidgetSetup,
): Promise<CheckoutApp | null> {
  const checkout = await loadCheckoutScript(scriptUrl, { nonce });
  const element = target();
  if (!element) return null;
  const { attempt } = setup;
  const parsed = JSON.parse(setup.config) as {
    options: EmbeddedCheckoutOptions;
    css: Record<string, unknown>;
  };
  const app = checkout(element, {
    options: {
      // The provider's theme, unless the merchant chose one for the widget.
      theme: { type: setup.theme },
      ...parsed.options,
      full_screen: false,
      show_pay_button: false,
    },
    params: { token: setup.token, lang: setup.locale },
    ...(Object.keys(parsed.css).length ? { css_variable: parsed.css } : {}),
  });
  const finalOrder = (model: CheckoutModel) =>
    model.attr('order.order_data') as OrderData | undefined;
  const report = (data: OrderData) => {
    const code = Number(data.response_code);
    attempt.dispatch({
      type: 'result',
      orderId: String(data.order_id),
      orderStatus: data.order_status as OrderStatus,
      responseCode: Number.isFinite(code) && data.response_code !== '' ? code : undefined,
      order: data as Readonly<Record<string, unknown>>,
    });
  };
  app.$on('ready', setup.onReady);
  // Registering `callback` keeps the payer in the app instead of a form POST to response_url.
  app.$on('callback', (model) => {
    const data = finalOrder(model);
    if (data) report(data);
  });
  app.$on('error', (model) => {
    const data = finalOrder(model);
    if (data?.order_status && data.order_status !== 'created') return report(data);
    // A card-field problem: the order is still open, back to the form.
    const code = Number(model.attr('error.code'));
    setup.onFieldError(Number.isFinite(code) ? code : 1000);
    const state = attempt.getState();
    if (state.status === 'processing')
      attempt.dispatch({ type: 'result', orderId: state.orderId, orderStatus: 'created' });
  });
  return app;
}
