import type { CheckoutAttempt, OrderStatus } from '@flitt-checkout/core/checkout';
import { type CheckoutApp, type CheckoutModel, loadCheckoutScript } from './loadCheckoutScript.ts';

type OrderData = { order_id?: unknown; order_status?: unknown; response_code?: unknown };

/** What `FlittEmbeddedCheckout` hands over to mount Flitt's widget. */
export interface WidgetSetup {
  readonly attempt: CheckoutAttempt;
  readonly token: string;
  readonly locale: string;
  readonly theme: 'light' | 'dark';
  /** Flitt's widget `options` and `css_variable`, as the merchant gave them. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly css: Readonly<Record<string, unknown>>;
  readonly onReady: () => void;
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
  const app = checkout(element, {
    options: {
      // The provider's theme, unless the merchant chose one for the widget.
      theme: { type: setup.theme },
      ...setup.options,
      full_screen: false,
      show_pay_button: false,
    },
    params: { token: setup.token, lang: setup.locale },
    ...(Object.keys(setup.css).length ? { css_variable: setup.css } : {}),
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
    // A card-field problem, which the widget shows at the field: the order is still open, back
    // to the form.
    const state = attempt.getState();
    if (state.status === 'processing')
      attempt.dispatch({ type: 'result', orderId: state.orderId, orderStatus: 'created' });
  });
  return app;
}
