import {
  type CheckoutFlowSteps,
  embeddedFlow,
  isProblem,
  type OrderStatus,
} from '@flitt-checkout/core/checkout';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { checkProps, WALLET_PROPS } from './checkProps.ts';
import { useFlittContext } from './FlittProvider.tsx';
import { loadScript } from './loadCheckoutScript.ts';
import { ProblemAlert } from './ProblemAlert.tsx';
import { useEmbeddedReports } from './useEmbeddedReports.ts';
import { type UseFlittCheckoutOptions, useCheckout } from './useFlittCheckout.ts';

declare const process: { env: { NODE_ENV?: string } };

/** A wallet Flitt takes: Apple Pay or Google Pay. */
export type WalletMethod = 'apple' | 'google';

/** The wallet buttons' look, as Flitt's js-sdk `PaymentButton` takes it. */
export interface WalletButtonStyle {
  readonly color?: 'black' | 'white';
  /** Flitt's button `mode` (`default`, `plain` …, as its button frame takes them). */
  readonly mode?: string;
  /** Pixels. Default 38. */
  readonly height?: number;
}

/** Props of `FlittWalletButtons`. */
export interface FlittWalletButtonsProps extends Omit<UseFlittCheckoutOptions, 'flow'> {
  /** Your order reference; read once (change the component's `key` for another order). */
  order: unknown;
  /** Default both. A wallet shows only where the payer's browser can pay with it. */
  methods?: readonly WalletMethod[];
  style?: WalletButtonStyle;
  /** The payer closed the wallet sheet: not an error; the buttons stay for another try. */
  onCancel?: () => void;
  /**
   * Shown instead once no wallet turned out to be usable here (no button within `waitMs` of the
   * script's loading). Default: nothing.
   */
  fallback?: ReactNode;
  /** How long to wait for a wallet button before showing `fallback`. Default 4000 ms. */
  waitMs?: number;
  /**
   * Flitt's js-sdk. Default: the sandbox's stand-in when the provider has `sandboxOrigin`, else
   * jsDelivr's copy of `@flittpayments/js-sdk` 2.0.10. In production, host a reviewed copy
   * yourself, or pass `integrity` with a CDN's.
   */
  scriptUrl?: string;
  /** The script's Subresource Integrity hash (`sha384-…`); it is then loaded with CORS. */
  integrity?: string;
  className?: string;
}

/** The js-sdk's `PaymentButton` (the subset used here). */
interface PaymentButton {
  on(event: 'success' | 'error', listener: (...args: unknown[]) => void): PaymentButton;
  /** Drops the listeners (Flitt's); the sandbox's also takes its buttons away. */
  destroy?(): void;
}
type Sdk = { get(name: 'PaymentButton', params: Record<string, unknown>): PaymentButton };

const JSDELIVR = 'https://cdn.jsdelivr.net/npm/@flittpayments/js-sdk@2.0.10/dist/umd/checkout.js';
const sdk = () => (window as { $checkout?: Sdk }).$checkout;

/** The js-sdk's answer among an event's arguments (after its context): what has `attr`. */
const modelOf = (args: unknown[]) =>
  args.find((a) => typeof (a as { attr?: unknown })?.attr === 'function') as
    | { attr(path: string): unknown }
    | undefined;

/**
 * Apple Pay and Google Pay buttons for an order your server prices: a token from your server,
 * Flitt's js-sdk loaded lazily and once, a button only for a wallet the payer's browser can pay
 * with (nothing at all, or `fallback`, where none can), and the outcome through the same state
 * machine as the embedded form: approved, declined with the reason (confirmed by your server),
 * or cancelled by the payer, which is no error.
 *
 * @example
 * <FlittWalletButtons order={{ cartId }} onApproved={(s) => router.push(`/result?order_id=${s.orderId}`)} />
 */
export function FlittWalletButtons(props: FlittWalletButtonsProps) {
  if (process.env.NODE_ENV !== 'production') checkProps('FlittWalletButtons', props, WALLET_PROPS);
  const { order, methods = ['apple', 'google'], style, fallback, className, integrity } = props;
  const context = useFlittContext('FlittWalletButtons');
  const { ui, theme, nonce, locale, allowedOrigins } = context;
  // The merchant id comes with the token: the js-sdk needs both.
  const merchant = useRef<number>(undefined);
  const [steps] = useState<CheckoutFlowSteps>(() => ({
    flow: 'embedded',
    open(result, session, options) {
      if (result.flow === 'embedded') merchant.current = result.merchantId;
      return embeddedFlow.open(result, session, options);
    },
  }));
  const checkout = useCheckout(steps, props);
  const { state, session } = checkout;
  const embedded = useEmbeddedReports(session, context);
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });
  const container = useRef<HTMLDivElement>(null);
  // A button is in the container: some wallet can pay here. `none`: none came in time.
  const [shown, setShown] = useState(false);
  const [none, setNone] = useState(false);
  // Flitt answered an error without an order (its service failed): said, with the order kept.
  const [trouble, setTrouble] = useState(false);
  const waitMs = props.waitMs ?? 4000;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `order` is read once (documented)
  useEffect(() => {
    if (session.getState().status === 'idle') session.start(order);
  }, [session]);

  const scriptUrl =
    props.scriptUrl ??
    (allowedOrigins[0] ? `${allowedOrigins[0]}/latest/js-sdk/checkout.js` : JSDELIVR);
  const token = 'token' in state ? state.token : undefined;
  const config = JSON.stringify({ methods, style: style ?? {} });

  useEffect(() => {
    const box = container.current;
    if (!token || !box) return;
    let gone = false;
    let button: PaymentButton | undefined;
    let wait: ReturnType<typeof setTimeout> | undefined;
    /** Reports the order in a js-sdk answer; false when it has none. */
    const report = (model: { attr(path: string): unknown } | undefined) => {
      const data = model?.attr('order.order_data') as
        | { order_status?: OrderStatus; response_code?: unknown }
        | undefined;
      if (!data?.order_status) return false;
      setTrouble(false);
      embedded.report({
        status: data.order_status,
        responseCode: Number(data.response_code) || undefined,
        order: data,
      });
      return true;
    };
    const watch = new MutationObserver(() => setShown(box.childElementCount > 0));
    watch.observe(box, { childList: true });
    const script = integrity
      ? { src: scriptUrl, integrity, crossOrigin: 'anonymous' }
      : { src: scriptUrl };
    loadScript(script, nonce, sdk).then(
      ($checkout) => {
        if (gone) return;
        wait = setTimeout(() => setNone(box.childElementCount === 0), waitMs);
        const { methods: wanted, style: look } = JSON.parse(config) as {
          methods: WalletMethod[];
          style: WalletButtonStyle;
        };
        button = $checkout
          .get('PaymentButton', {
            element: box,
            methods: wanted,
            style: look,
            data: { merchant_id: merchant.current, token, lang: locale },
            // The sheet opens only for an open order, and once: the attempt is then processing.
            before: (defer: { resolve(): void; reject(): void }) => {
              setTrouble(false);
              return embedded.submit() ? defer.resolve() : defer.reject();
            },
          })
          .on('success', (...args) => report(modelOf(args)))
          .on('error', (...args) => {
            const model = modelOf(args);
            // Flitt's answer with its order (paid already, declined …): that order decides.
            if (report(model)) return;
            // Still open at Flitt: the same order can be paid again (a second try of a paid one
            // is refused with that order, which is then reported), so never a new order here.
            embedded.report({ status: 'created' });
            // Not Flitt's answer: the wallet's sheet closed without paying (Apple's cancel is
            // { code: 20 }, Google's has no code at all). Nothing reached Flitt: not an error.
            if (!model) callbacks.current.onCancel?.();
            else setTrouble(true);
          });
      },
      () => {
        if (!gone) embedded.fail('script_load_failed');
      },
    );
    return () => {
      gone = true;
      clearTimeout(wait);
      watch.disconnect();
      button?.destroy?.();
      // Flitt's SDK also leaves its hidden gateway frame in <body> and that frame's listener.
      const api = (button as { api?: { iframe?: Element; connector?: { destroy?(): void } } })?.api;
      api?.connector?.destroy?.();
      api?.iframe?.remove();
      box.replaceChildren();
      setShown(false);
      setNone(false);
    };
  }, [token, scriptUrl, integrity, nonce, locale, config, embedded, waitMs]);

  const busy = state.status === 'processing';
  return (
    <div
      className={className ? `flitt-wallets ${className}` : 'flitt-wallets'}
      data-flitt-theme={theme}
      data-status={state.status}
    >
      {/* Filled by Flitt's js-sdk (which styles that box itself); hidden until a wallet can pay
          here, after an approval, and after a problem ("Try again" makes a new order). */}
      <div hidden={!shown || state.status === 'approved' || isProblem(state)}>
        <div ref={container} className="flitt-wallets__buttons" aria-busy={busy} />
      </div>
      {none && !shown && !isProblem(state) ? fallback : null}
      <div className="flitt-status" role="status" aria-live="polite">
        {busy ? ui.processing : state.status === 'approved' ? ui.approvedTitle : ''}
      </div>
      {trouble && !isProblem(state) ? (
        <ProblemAlert message="" ui={ui} onRetry={() => setTrouble(false)} />
      ) : null}
      {isProblem(state) ? (
        <ProblemAlert
          message={checkout.state.message}
          ui={ui}
          onRetry={state.status === 'expired' ? undefined : () => embedded.retry()}
        />
      ) : null}
    </div>
  );
}
