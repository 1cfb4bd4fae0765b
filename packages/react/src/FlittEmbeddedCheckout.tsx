import {
  canSubmit,
  createEmbeddedCheckout,
  embeddedFlow,
  isProblem,
  statusEndpoint,
} from '@flitt-checkout/core/checkout';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { checkProps, EMBEDDED_PROPS } from './checkProps.ts';
import { useFlittContext } from './FlittProvider.tsx';
import { type CheckoutApp, loadCheckoutScript } from './loadCheckoutScript.ts';
import { mountWidget, type WidgetSetup } from './mountWidget.ts';
import { ProblemAlert } from './ProblemAlert.tsx';
import { type UseFlittCheckoutOptions, useCheckout } from './useFlittCheckout.ts';

declare const process: { env: { NODE_ENV?: string } };

/** Widget options passed to Flitt's `checkout()` (snake_case, as Flitt documents them). */
export interface EmbeddedCheckoutOptions {
  methods?: readonly (
    | 'card'
    | 'most_popular'
    | 'banks'
    | 'wallets'
    | (string & Record<never, never>)
  )[];
  methods_disabled?: readonly string[];
  /**
   * Which wallets Flitt's form offers under `wallets` (Flitt's default: both). Each shows only in
   * a browser that can pay with it, and only on a domain registered for it (see the README's
   * going-live notes for Apple Pay and Google Pay).
   */
  wallet_methods_enabled?: readonly ('apple' | 'google')[];
  card_icons?: readonly string[];
  title?: string;
  logo_url?: string;
  theme?: {
    type?: 'light' | 'dark';
    preset?: string;
    layout?: 'default' | 'plain' | 'wallets_only' | 'inline';
  };
  show_menu_first?: boolean;
  show_email?: boolean;
  show_title?: boolean;
  show_link?: boolean;
  show_secure_message?: boolean;
  show_test_mode?: boolean;
  cvv2_requirement?: 'mandatory' | 'optional' | 'absent';
  /**
   * For a subscription order (your `resolveOrder` returned `subscription: 'Y'` and its
   * `recurring_data`): `shown_readonly` shows the payer the plan in the form, `hidden` (and
   * leaving it out, Flitt's `disable`) does not. Flitt's payer-editable modes (`shown_edit_on`,
   * `shown_edit_off`) are left out on purpose: the plan is your server's, and a form that lets the
   * payer change or untick it would charge something the server did not decide.
   */
  subscription?: { type: 'shown_readonly' | 'hidden' };
}

/** Props of `FlittEmbeddedCheckout`. */
export interface FlittEmbeddedCheckoutProps extends Omit<UseFlittCheckoutOptions, 'flow'> {
  /** Your order reference; read once. To pay for a different order, change the component's `key`. */
  order: unknown;
  /** Remounts the widget when its content changes (compared by value, not identity). */
  options?: EmbeddedCheckoutOptions;
  /** Flitt's `css_variable` (colours, `border_radius`); remounts like `options`. */
  cssVariables?: Readonly<Record<string, string | number>>;
  /** Live: label of the pay button. */
  submitLabel?: ReactNode;
  /** Live. */
  className?: string;
}

/**
 * Flitt's embedded card form inside your page: gets a token from your server, loads `checkout.js`
 * once, mounts once (StrictMode-safe), keeps the payer in the app through the `callback` event,
 * and feeds the same state machine as the redirect button.
 *
 * Live props: `onApproved`, `onDeclined`, `onError`, `submitLabel`, `className`.
 * Remounting props (by value): `options`, `cssVariables`. `order` is read once.
 *
 * @example
 * <FlittEmbeddedCheckout order={{ cartId }} onApproved={() => navigate('/thanks')} />
 */
export function FlittEmbeddedCheckout(props: FlittEmbeddedCheckoutProps) {
  if (process.env.NODE_ENV !== 'production')
    checkProps('FlittEmbeddedCheckout', props, EMBEDDED_PROPS);
  const { order, options, cssVariables, submitLabel, className } = props;
  const context = useFlittContext('FlittEmbeddedCheckout');
  const { ui, theme } = context;
  const checkout = useCheckout(embeddedFlow, props);
  const { state, session } = checkout;
  // The widget's reports, checked with the shop's server through the provider's transport (the
  // latest one, read when asking). The wallet buttons use the same as useEmbeddedReports; written
  // out here, where a hook of its own costs 22 B (min+gzip) of the embedded page's budget.
  const latest = useRef(context);
  useEffect(() => {
    latest.current = context;
  });
  const [embedded] = useState(() =>
    createEmbeddedCheckout(session, (orderId, signal) =>
      (latest.current.api?.getStatus ?? statusEndpoint(latest.current.transport))(orderId, signal),
    ),
  );
  useEffect(() => embedded.dispose, [embedded]);
  const container = useRef<HTMLDivElement>(null);
  const widget = useRef<CheckoutApp | null>(null);
  const [widgetReady, setWidgetReady] = useState(false);

  // Create the order once; a StrictMode re-run finds the attempt already creating and does nothing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `order` is read once (documented)
  useEffect(() => {
    if (session.getState().status === 'idle') session.start(order);
  }, [session]);

  // Fetch checkout.js while the server creates the order, not after: the two waits overlap.
  const { nonce, locale, allowedOrigins } = context;
  // Flitt's, or the sandbox's stand-in for it.
  const scriptUrl =
    context.checkoutScriptUrl ??
    `${allowedOrigins[0] ?? 'https://pay.flitt.com'}/latest/checkout-vue/checkout.js`;
  useEffect(() => {
    loadCheckoutScript(scriptUrl, nonce).catch(() => {
      // reported by the mounting effect, which loads (and retries) the same promise
    });
  }, [scriptUrl, nonce]);

  const token = 'token' in state ? state.token : undefined;
  // `css` is left out when there are none (JSON drops undefined).
  const config = JSON.stringify({ options: options ?? {}, css: cssVariables });

  // One widget per token and settings. StrictMode's double effect runs before there is a token,
  // and the widget mounts only after checkout.js has loaded (asynchronously), so it mounts once.
  useEffect(() => {
    if (!token) return;
    let gone = false;
    let app: CheckoutApp | null = null;
    setWidgetReady(false);
    mountWidget(scriptUrl, nonce, () => (gone ? null : container.current), {
      ...(JSON.parse(config) as Pick<WidgetSetup, 'options' | 'css'>),
      embedded,
      token,
      locale,
      theme,
      onReady: () => setWidgetReady(true),
    }).then(
      (mounted) => {
        app = mounted;
        if (gone) app?.$destroy();
        else widget.current = app;
      },
      () => {
        if (!gone) embedded.fail('script_load_failed');
      },
    );
    return () => {
      gone = true;
      app?.$destroy();
      if (widget.current === app) widget.current = null;
    };
  }, [token, scriptUrl, config, nonce, locale, theme, embedded]);

  const submittable = widgetReady && canSubmit(state);
  const submit = () => {
    const app = widget.current;
    if (app && submittable && embedded.submit()) app.submit();
  };
  const loading = state.status === 'creating' || (state.status === 'ready' && !widgetReady);

  return (
    <div
      className={className ? `flitt-embedded ${className}` : 'flitt-embedded'}
      data-flitt-theme={theme}
      data-status={state.status}
    >
      <div className="flitt-status" role="status" aria-live="polite">
        {loading
          ? ui.loadingForm
          : state.status === 'processing'
            ? ui.processing
            : state.status === 'approved'
              ? ui.approvedTitle
              : ''}
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Enter from the widget's own card fields, delegated; the fields are the interactive elements */}
      <div
        ref={container}
        className="flitt-embedded__form"
        hidden={state.status === 'approved'}
        tabIndex={-1}
        // Enter in a card field pays, as in any form (the widget has no pay button of its own).
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.target as Element).matches('input')) submit();
        }}
      />
      {token && state.status !== 'approved' && state.status !== 'expired' ? (
        <button
          type="button"
          className="flitt-button"
          onClick={submit}
          aria-disabled={!submittable}
          aria-busy={state.status === 'processing'}
        >
          {submitLabel ?? ui.pay}
        </button>
      ) : null}
      {isProblem(state) ? (
        <ProblemAlert
          message={state.message}
          ui={ui}
          onRetry={
            state.status === 'expired'
              ? undefined
              : () => {
                  embedded.retry();
                  // The alert (and the focus on it) goes: to the form's first field, or the form.
                  const form = container.current;
                  (form?.querySelector<HTMLElement>('input,select') ?? form)?.focus();
                }
          }
        />
      ) : null}
    </div>
  );
}
