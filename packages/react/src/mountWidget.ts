import type { EmbeddedCheckout, OrderStatus } from '@flitt-checkout/core/checkout';
import { type CheckoutApp, type CheckoutModel, loadCheckoutScript } from './loadCheckoutScript.ts';

type OrderData = { order_status?: unknown; response_code?: unknown };

/** What `FlittEmbeddedCheckout` hands over to mount Flitt's widget. */
export interface WidgetSetup {
  readonly embedded: EmbeddedCheckout;
  readonly token: string;
  readonly locale: string;
  readonly theme: 'light' | 'dark';
  /** Flitt's widget `options` and `css_variable`, as the merchant gave them. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly css?: Readonly<Record<string, unknown>>;
  readonly onReady: () => void;
}

/**
 * Loads checkout.js and mounts the widget into `target()` (null: the component went away), wired
 * to the embedded checkout: `callback` and final `error` events are reports, a card-field error
 * sends the payer back to the form. Resolves the widget, or null when there was nowhere to mount it.
 */
export async function mountWidget(
  scriptUrl: string,
  nonce: string | undefined,
  target: () => Element | null,
  setup: WidgetSetup,
): Promise<CheckoutApp | null> {
  const checkout = await loadCheckoutScript(scriptUrl, nonce);
  const element = target();
  if (!element) return null;
  const { embedded } = setup;
  const app = checkout(element, {
    options: {
      // The provider's theme, unless the merchant chose one for the widget.
      theme: { type: setup.theme },
      ...setup.options,
      full_screen: false,
      show_pay_button: false,
    },
    // Flitt's form has no Armenian or Kazakh: Russian, as on its hosted page (core's flittLang).
    params: { token: setup.token, lang: /^(hy|kk)\b/.test(setup.locale) ? 'ru' : setup.locale },
    ...(setup.css && { css_variable: setup.css }),
  });
  const report = (model: CheckoutModel, otherwise?: OrderStatus) => {
    const data = model.attr('order.order_data') as OrderData | undefined;
    const status = (data?.order_status as OrderStatus | undefined) || otherwise;
    // '' or null when there is none (0 is no Flitt code either).
    if (status)
      embedded.report({
        status,
        responseCode: Number(data?.response_code) || undefined,
        order: data,
      });
  };
  app.$on('ready', setup.onReady);
  // Registering `callback` keeps the payer in the app instead of a form POST to response_url.
  app.$on('callback', (model) => report(model));
  // Without a final order status: a card-field problem, which the widget shows at the field; the
  // order is still open.
  app.$on('error', (model) => report(model, 'created'));
  return app;
}
