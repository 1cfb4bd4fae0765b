import { isProblem, type OrderStatusResponse, paymentOutcome } from '@flitt-checkout/core/checkout';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { checkProps, EMBEDDED_PROPS } from './checkProps.ts';
import { useFlittContext } from './FlittProvider.tsx';
import { type CheckoutApp, loadCheckoutScript } from './loadCheckoutScript.ts';
import { mountWidget } from './mountWidget.ts';
import { ProblemAlert } from './ProblemAlert.tsx';
import { type UseFlittCheckoutOptions, useFlittCheckout } from './useFlittCheckout.ts';
import { useOrderStatus } from './useOrderStatus.ts';

declare const process: { env: { NODE_ENV?: string } };

/** Flitt's embedded checkout script. */
const FLITT_CHECKOUT_SCRIPT = 'https://pay.flitt.com/latest/checkout-vue/checkout.js';

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
  const { order, options, cssVariables, submitLabel, className, onApproved, onDeclined, onError } =
    props;
  const context = useFlittContext('FlittEmbeddedCheckout');
  const { ui, theme } = context;
  const checkout = useFlittCheckout({ flow: 'embedded', onApproved, onDeclined, onError });
  const { state, session } = checkout;
  const container = useRef<HTMLDivElement>(null);
  const widget = useRef<{
    key: string;
    app: CheckoutApp;
    destroy?: ReturnType<typeof setTimeout>;
  } | null>(null);
  const [widgetReady, setWidgetReady] = useState(false);
  const orderRef = useRef(order);

  // Create the order once; a StrictMode re-run finds the attempt already creating and does nothing.
  const startRef = useRef(checkout.start);
  useEffect(() => {
    if (session.getState().status === 'idle') startRef.current(orderRef.current);
  }, [session]);

  // Fetch checkout.js while the server creates the order, not after: the two waits overlap.
  const { nonce, locale, allowedOrigins } = context;
  const scriptUrl =
    context.checkoutScriptUrl ??
    (allowedOrigins[0]
      ? `${allowedOrigins[0]}/latest/checkout-vue/checkout.js`
      : FLITT_CHECKOUT_SCRIPT);
  useEffect(() => {
    loadCheckoutScript(scriptUrl, { nonce }).catch(() => {
      // reported by the mounting effect, which loads (and retries) the same promise
    });
  }, [scriptUrl, nonce]);

  const token = 'token' in state ? state.token : undefined;
  const config = JSON.stringify({ options: options ?? {}, css: cssVariables ?? {} });

  useEffect(() => {
    if (!token) return;
    const key = `${token}|${scriptUrl}|${config}|${locale}|${theme}|${nonce ?? ''}`;
    const current = widget.current;
    if (current?.key === key) {
      // StrictMode unmount-remount: keep the widget that is already there.
      clearTimeout(current.destroy);
      return () => scheduleDestroy(current);
    }
    if (current) {
      // Other settings: the old widget goes before the new one mounts into the same node.
      clearTimeout(current.destroy);
      current.app.$destroy();
      widget.current = null;
    }
    let cancelled = false;
    let mounted: typeof current = null;
    setWidgetReady(false);
    const { options: widgetOptions, css } = JSON.parse(config) as {
      options: Record<string, unknown>;
      css: Record<string, unknown>;
    };
    mountWidget(scriptUrl, nonce, () => (cancelled ? null : container.current), {
      attempt: session,
      token,
      locale,
      theme,
      options: widgetOptions,
      css,
      onReady: () => setWidgetReady(true),
    }).then(
      (app) => {
        if (!app) return;
        mounted = { key, app };
        widget.current = mounted;
      },
      () => {
        if (!cancelled) session.dispatch({ type: 'fail', code: 'script_load_failed' });
      },
    );
    function scheduleDestroy(entry: NonNullable<typeof current>) {
      entry.destroy = setTimeout(() => {
        entry.app.$destroy();
        if (widget.current === entry) widget.current = null;
      }, 0);
    }
    return () => {
      cancelled = true;
      if (mounted) scheduleDestroy(mounted);
    };
  }, [token, scriptUrl, config, nonce, locale, theme, session]);

  // Ask the shop's server, which asks Flitt: when the widget goes quiet while processing (a lost
  // reply, a pending method: after 3 s, then with backoff up to 15 s, for at most 5 minutes), and
  // at once when the widget reports a decline or an expiry, to confirm it and learn why, in the
  // payer's language. Each payment attempt (`submits`) asks afresh; from the second attempt on a
  // delayed order, `processing` keeps the failed attempt's code, which `afterFailedAttempt` knows.
  const [submits, setSubmits] = useState(0);
  const processingOrder = state.status === 'processing' ? state.orderId : null;
  const watching = processingOrder && `${processingOrder}#${submits}`;
  const [quiet, setQuiet] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuiet(watching || null), 3000);
    return () => clearTimeout(timer);
  }, [watching]);
  const unexplained =
    (state.status === 'declined' || state.status === 'expired') && !state.payerMessage
      ? (state.orderId ?? null)
      : null;
  // Has this order failed an attempt already (a delayed order: the payer may try again)?
  const [failedBefore, setFailedBefore] = useState(false);
  useEffect(() => {
    if (state.status === 'declined') setFailedBefore(true);
  }, [state.status]);
  // What counts as the server's answer: to a reported decline, the same decline (a new attempt
  // on a delayed order keeps `processing` with the new code); to a quiet widget, a settled order.
  const isFinal = (result: OrderStatusResponse | undefined) =>
    result !== undefined &&
    (state.status === 'declined'
      ? result.status !== 'processing' || result.responseCode === state.code
      : paymentOutcome(result, { afterFailedAttempt: failedBefore }).outcome !== 'processing');
  const { data: answer } = useOrderStatus(
    unexplained ?? (watching && quiet === watching ? processingOrder : null),
    {
      firstMs: unexplained ? 1000 : 3000,
      capMs: 15_000,
      maxWaitMs: unexplained ? 10_000 : 300_000,
      round: submits,
      isFinal,
    },
  );
  useEffect(() => {
    const now = session.getState();
    const open =
      now.status === 'processing' ||
      ((now.status === 'declined' || now.status === 'expired') && !now.payerMessage);
    if (answer && open && answer.orderId === now.orderId && isFinal(answer))
      session.dispatch({
        type: 'result',
        orderId: answer.orderId,
        orderStatus: answer.status,
        responseCode: answer.responseCode ?? undefined,
        payerMessage: answer.payerMessage,
      });
  });
  // The alert waits (briefly) for that reason, so it is announced once, with the reason.
  const [gaveUp, setGaveUp] = useState<string | null>(null);
  const waitingFor = unexplained && `${unexplained}#${submits}`;
  useEffect(() => {
    if (!waitingFor) return;
    const timer = setTimeout(() => setGaveUp(waitingFor), 1500);
    return () => clearTimeout(timer);
  }, [waitingFor]);

  const canSubmit =
    widgetReady &&
    (state.status === 'ready' || (state.status === 'declined' && Boolean(state.token)));
  const submit = () => {
    const app = widget.current?.app;
    if (!app || !canSubmit) return;
    setSubmits((n) => n + 1);
    session.dispatch({ type: 'submit' });
    app.submit();
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
      <div ref={container} className="flitt-embedded__form" hidden={state.status === 'approved'} />
      {token && state.status !== 'approved' && state.status !== 'expired' ? (
        <button
          type="button"
          className="flitt-button"
          onClick={submit}
          disabled={!canSubmit}
          aria-busy={state.status === 'processing'}
        >
          {submitLabel ?? ui.pay}
        </button>
      ) : null}
      {isProblem(state) && (!waitingFor || gaveUp === waitingFor) ? (
        <ProblemAlert
          message={state.message}
          ui={ui}
          onRetry={state.status === 'expired' ? undefined : checkout.retry}
        />
      ) : null}
    </div>
  );
}
