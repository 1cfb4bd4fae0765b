import {
  createMerchantApi,
  type Locale,
  type MerchantApi,
  resolveLocale,
} from '@flitt-checkout/core/checkout';
import {
  QueryClient,
  QueryClientContext,
  QueryClientProvider,
  useQuery,
} from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { checkProps, PROVIDER_PROPS } from './checkProps.ts';
import type { LocaleText, UiText } from './locales/types.ts';
import { UI_TEXTS } from './texts.ts';

declare const process: { env: { NODE_ENV?: string } };

/** Props of `FlittProvider`. */
export interface FlittProviderProps {
  children?: ReactNode;
  /** Where the `@flitt-checkout/server` handlers are mounted: `POST {apiBase}/checkout`, `GET {apiBase}/status`. Default `/api/flitt`. */
  apiBase?: string;
  /** Your own transport of the same contract instead of `apiBase` (server actions, your client). */
  api?: MerchantApi;
  /** The payer's language: `en`, `ka`, `ru` or `uk` (tags like `ka-GE` work). Default `en`. */
  locale?: Locale | (string & Record<never, never>);
  /** The texts for `locale`, imported (`ka` from `@flitt-checkout/react/locales/ka`): server-rendered labels, no text requests. */
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
  readonly api: MerchantApi;
  readonly locale: Locale;
  /** Labels in the payer's language; undefined until they load (a few ms after mount). */
  readonly ui: UiText | undefined;
  /** The texts passed as `messages`, if any. */
  readonly messages: LocaleText | undefined;
  /** Origins besides Flitt's that `checkout_url` and `checkout.js` may come from (the sandbox). */
  readonly allowedOrigins: readonly string[];
  readonly checkoutScriptUrl: string | undefined;
  readonly nonce: string | undefined;
  readonly theme: 'light' | 'dark';
  readonly navigate: ((url: string) => void) | undefined;
}

const FlittContext = createContext<FlittContextValue | null>(null);

function originOf(sandboxOrigin: string | undefined): readonly string[] {
  if (!sandboxOrigin) return [];
  let url: URL | undefined;
  try {
    url = new URL(sandboxOrigin);
  } catch {}
  // Only http(s): an opaque origin ("null") would also match data: and blob: URLs.
  if (!url || !/^https?:$/.test(url.protocol))
    throw new Error(`[flitt-checkout] sandboxOrigin "${sandboxOrigin}" is not an http(s) URL.`);
  return [url.origin];
}

function FlittContextProvider(props: FlittProviderProps) {
  if (process.env.NODE_ENV !== 'production') checkProps('FlittProvider', props, PROVIDER_PROPS);
  const locale = resolveLocale(props.locale ?? 'en');
  const { messages, api, apiBase, timeoutMs, credentials, sandboxOrigin } = props;
  const { data: loaded } = useQuery({
    queryKey: ['@flitt-checkout/ui', locale],
    queryFn: UI_TEXTS[locale],
    enabled: !messages,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: 3,
  });
  const ui = messages?.ui ?? loaded;
  const transport = useMemo(
    () => api ?? createMerchantApi({ apiBase, timeoutMs, credentials }),
    [api, apiBase, timeoutMs, credentials],
  );
  const allowedOrigins = useMemo(() => originOf(sandboxOrigin), [sandboxOrigin]);
  const { checkoutScriptUrl, nonce, theme = 'light', navigate } = props;
  const value = useMemo<FlittContextValue>(
    () => ({
      api: transport,
      locale,
      ui,
      messages,
      allowedOrigins,
      checkoutScriptUrl,
      nonce,
      theme,
      navigate,
    }),
    [transport, locale, ui, messages, allowedOrigins, checkoutScriptUrl, nonce, theme, navigate],
  );
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
  // Every query here sets its own retry policy, so a default client will do.
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
