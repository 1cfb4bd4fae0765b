import type { MerchantApi, MerchantApiOptions } from '@flitt-checkout/core/checkout';
import type { QueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { checkProps, PROVIDER_PROPS } from './checkProps.ts';
import type { LocaleText, UiText } from './locales/types.ts';

declare const process: { env: { NODE_ENV?: string } };

/** Props of `FlittProvider`. */
export interface FlittProviderProps {
  children?: ReactNode;
  /** Where the `@flitt-checkout/server` handlers are mounted: `POST {apiBase}/checkout`, `GET {apiBase}/status`. Default `/api/flitt`. */
  apiBase?: string;
  /** Your own transport of the same contract instead of `apiBase` (server actions, your client). */
  api?: MerchantApi;
  /**
   * The payer's language, imported: `import { ka } from '@flitt-checkout/react/locales/ka'`. The
   * page carries only this language; your server writes its messages in it, and Flitt's form too.
   */
  locale: LocaleText;
  /**
   * The QueryClient of the result page's status queries; by default the app's one, or a private
   * one when the app has none. (A checkout page makes no queries and loads no react-query code of ours.)
   */
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
  /** The custom transport, if given; otherwise the components call `transport` themselves. */
  readonly api: MerchantApi | undefined;
  /** Options of the fetch transport: `apiBase`, timeout, credentials, the payer's language. */
  readonly transport: MerchantApiOptions;
  readonly locale: LocaleText['code'];
  readonly ui: UiText;
  /** Origins besides Flitt's that `checkout_url` and `checkout.js` may come from (the sandbox). */
  readonly allowedOrigins: readonly string[];
  readonly checkoutScriptUrl: string | undefined;
  readonly nonce: string | undefined;
  readonly theme: 'light' | 'dark';
  readonly navigate: ((url: string) => void) | undefined;
  /** The `queryClient` prop. */
  readonly queryClient: QueryClient | undefined;
  /** The private QueryClient, made by the first status query when there is no other (useOrderStatus). */
  readonly own: { client?: QueryClient };
}

/** The provider's value; `FlittAddCard` gives the checkout components below it its own. */
export const FlittContext = createContext<FlittContextValue | null>(null);

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

/**
 * Configures flitt-checkout for the components below it: where your server handlers are and the
 * payer's language.
 *
 * @example
 * <FlittProvider apiBase="/api/flitt" locale={ka}>
 *   <FlittCheckoutButton order={{ cartId }}>Pay</FlittCheckoutButton>
 * </FlittProvider>
 */
export function FlittProvider(props: FlittProviderProps) {
  if (process.env.NODE_ENV !== 'production') checkProps('FlittProvider', props, PROVIDER_PROPS);
  const { api, apiBase, timeoutMs, credentials, sandboxOrigin, locale } = props;
  const { checkoutScriptUrl, nonce, theme = 'light', navigate, queryClient } = props;
  const [own] = useState({});
  // Its own memo: a new `navigate` or theme must not make a new endpoint (and drop a prefetch).
  const transport = useMemo(
    () => ({ apiBase, timeoutMs, credentials, locale: locale.code }),
    [apiBase, timeoutMs, credentials, locale.code],
  );
  const value = useMemo<FlittContextValue>(
    () => ({
      api,
      transport,
      locale: locale.code,
      ui: locale.ui,
      allowedOrigins: originOf(sandboxOrigin),
      checkoutScriptUrl,
      nonce,
      theme,
      navigate,
      queryClient,
      own,
    }),
    [
      api,
      transport,
      locale,
      sandboxOrigin,
      checkoutScriptUrl,
      nonce,
      theme,
      navigate,
      queryClient,
      own,
    ],
  );
  return <FlittContext.Provider value={value}>{props.children}</FlittContext.Provider>;
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
