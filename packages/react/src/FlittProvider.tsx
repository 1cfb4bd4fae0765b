import { type Locale, resolveLocale } from '@flitt-checkout/core';
import {
  QueryClient,
  QueryClientContext,
  QueryClientProvider,
  useQuery,
} from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import type { CreateCheckoutResult, FetchApiOptions, FlittApi, OrderStatusResult } from './api.ts';
import { checkProps, PROVIDER_PROPS } from './checkProps.ts';
import { loadEngine } from './loadEngine.ts';
import type { LocaleText, UiText } from './locales/types.ts';
import type { Sayable } from './say.ts';

declare const process: { env: { NODE_ENV?: string } };

/** Props of `FlittProvider`. */
export interface FlittProviderProps {
  children?: ReactNode;
  /** Where the `@flitt-checkout/server` handlers are mounted: `POST {apiBase}/checkout`, `GET {apiBase}/status`. Default `/api/flitt`. */
  apiBase?: string;
  /** Your own transport instead of `apiBase` (server actions, a custom client). */
  createCheckout?: FlittApi['createCheckout'];
  getStatus?: FlittApi['getStatus'];
  /** The payer's language: `en`, `ka`, `ru` or `uk` (tags like `ka-GE` work). Default `en`. */
  locale?: Locale | (string & Record<never, never>);
  /** Preloaded texts for `locale` (import `ka` etc. from this package), e.g. for server rendering. */
  messages?: LocaleText;
  /** Use this QueryClient; by default the app's one, or a private one when the app has none. */
  queryClient?: QueryClient;
  /** An extra origin allowed for `checkout_url` and `checkout.js`: the local sandbox (e.g. `http://127.0.0.1:8610`). */
  sandboxOrigin?: string;
  /** URL of Flitt's `checkout.js`; the CSS next to it is loaded too. */
  checkoutScriptUrl?: string;
  /** CSP nonce for the script and stylesheet the embedded checkout adds. */
  nonce?: string;
  /** `data-flitt-theme` on the components; the optional stylesheet styles both. */
  theme?: 'light' | 'dark';
  /** `'include'` when `apiBase` is on another origin and needs your session cookie. Default `'same-origin'`. */
  credentials?: RequestCredentials;
  /** Timeout of calls to your handlers. Default 20 000 ms. */
  timeoutMs?: number;
  /** How to leave for Flitt's hosted page. Default `window.location.assign`. */
  navigate?: (url: string) => void;
}

/** What the components read from the provider. */
export interface FlittContextValue {
  /** The custom `createCheckout`, if given; otherwise `fetchCheckout(transport)`. */
  readonly createCheckout: FlittApi['createCheckout'] | undefined;
  /** The custom `getStatus`, if given; otherwise `fetchStatus(transport)`. */
  readonly getStatus: FlittApi['getStatus'] | undefined;
  readonly transport: FetchApiOptions;
  readonly locale: Locale;
  /** Labels in the payer's language; until its texts load, only the few English ones in `FALLBACK`. */
  readonly ui: UiText;
  /** The payer message for a checkout state, Flitt code or message key; '' until texts load. */
  readonly say: (subject: Sayable) => string;
  /** Origins besides Flitt's that `checkout_url` and `checkout.js` may come from (the sandbox). */
  readonly allowedOrigins: readonly string[];
  readonly checkoutScriptUrl: string | undefined;
  readonly nonce: string | undefined;
  readonly theme: 'light' | 'dark';
  readonly navigate: (url: string) => void;
}

const FlittContext = createContext<FlittContextValue | null>(null);

// The engine (order creation, transport, the code table) and the payer messages (English too) are
// lazy chunks, fetched right after the first render: the entry chunk stays small, and a shop
// downloads only its payers' language.
const loaders: Record<Locale, () => Promise<LocaleText>> = {
  en: () => import('./locales/en.ts').then((m) => m.en),
  ka: () => import('./locales/ka.ts').then((m) => m.ka),
  ru: () => import('./locales/ru.ts').then((m) => m.ru),
  uk: () => import('./locales/uk.ts').then((m) => m.uk),
};
const silent = () => '';
// Until the texts arrive (a few milliseconds after mount; never, if that chunk cannot load): the
// English labels shown before anything happens, and those a payer needs to act. The rest stay
// empty meanwhile; pass `messages` to render every label on the server. These repeat `en.ui` on
// purpose: importing them from the lazy English chunk would split them into a third chunk the
// entry waits for. A test keeps the two equal.
export const FALLBACK_UI = {
  pay: 'Pay',
  retry: 'Try again',
  failedTitle: 'Payment could not be completed',
  loadingForm: 'Loading the payment form…',
  checkingStatus: 'Checking your payment…',
} as UiText;

function FlittContextProvider(props: FlittProviderProps) {
  if (process.env.NODE_ENV !== 'production') checkProps('FlittProvider', props, PROVIDER_PROPS);
  const locale = resolveLocale(props.locale ?? 'en');
  const given = props.messages;
  const { data } = useQuery({
    queryKey: ['@flitt-checkout/texts', locale, Boolean(given)],
    queryFn: () =>
      Promise.all([loadEngine(), given ? null : loaders[locale]()]).then(([engine, text]) => ({
        sayWith: engine.sayWith,
        text,
      })),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: 2,
  });
  const text = given ?? data?.text;
  const ui = text?.ui ?? FALLBACK_UI;
  const payer = text?.payer;
  const sayWith = data?.sayWith;
  const say = useMemo(() => (sayWith && payer ? sayWith(payer) : silent), [sayWith, payer]);
  const { apiBase, timeoutMs, credentials, createCheckout, getStatus, sandboxOrigin } = props;
  const { checkoutScriptUrl, nonce, theme = 'light', navigate } = props;
  const value = useMemo<FlittContextValue>(() => {
    const transport = { apiBase, timeoutMs, credentials };
    let sandbox: string | undefined;
    if (sandboxOrigin) {
      let url: URL | undefined;
      try {
        url = new URL(sandboxOrigin);
      } catch {}
      // Only http(s): an opaque origin ("null") would also match data: and blob: URLs.
      if (!url || !/^https?:$/.test(url.protocol))
        throw new Error(`[flitt-checkout] sandboxOrigin "${sandboxOrigin}" is not an http(s) URL.`);
      sandbox = url.origin;
    }
    return {
      createCheckout,
      getStatus,
      transport,
      locale,
      ui,
      say,
      allowedOrigins: sandbox ? [sandbox] : [],
      checkoutScriptUrl,
      nonce,
      theme,
      navigate: navigate ?? ((url) => window.location.assign(url)),
    };
  }, [
    apiBase,
    timeoutMs,
    credentials,
    createCheckout,
    getStatus,
    sandboxOrigin,
    checkoutScriptUrl,
    nonce,
    theme,
    navigate,
    locale,
    ui,
    say,
  ]);
  return <FlittContext.Provider value={value}>{props.children}</FlittContext.Provider>;
}

/**
 * Configures flitt-checkout for the components below it: where your server handlers are, the
 * payer's language, and the QueryClient (the app's own, or a private one).
 *
 * @example
 * <FlittProvider apiBase="/api/flitt" locale="ka">
 *   <FlittCheckoutButton order={{ cartId }}>Pay</FlittCheckoutButton>
 * </FlittProvider>
 */
export function FlittProvider(props: FlittProviderProps) {
  const existing = useContext(QueryClientContext);
  // Every query and mutation here sets its own retry policy, so a default client will do.
  const [own] = useState(() => props.queryClient ?? existing ?? new QueryClient());
  return (
    <QueryClientProvider client={props.queryClient ?? existing ?? own}>
      <FlittContextProvider {...props} />
    </QueryClientProvider>
  );
}

/**
 * Reads the provider; throws a message naming both when used outside `<FlittProvider>`.
 *
 * @example
 * const { locale } = useFlittContext('MyComponent');
 */
export function useFlittContext(caller: string): FlittContextValue {
  const value = useContext(FlittContext);
  if (!value) throw new Error(`[flitt-checkout] ${caller} must be used inside <FlittProvider>.`);
  return value;
}

export type { CreateCheckoutResult, OrderStatusResult };
