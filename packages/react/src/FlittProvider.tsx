import { type Locale, resolveLocale } from '@flitt-checkout/core';
import {
  QueryClient,
  QueryClientContext,
  QueryClientProvider,
  useQuery,
} from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import {
  type CreateCheckoutResult,
  createFetchApi,
  type FlittApi,
  type OrderStatusResult,
} from './api.ts';
import { en } from './locales/en.ts';
import type { LocaleText } from './locales/types.ts';

/** Flitt's embedded checkout script. */
export const FLITT_CHECKOUT_SCRIPT = 'https://pay.flitt.com/latest/checkout-vue/checkout.js';

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
  readonly api: FlittApi;
  readonly locale: Locale;
  readonly text: LocaleText;
  readonly allowedOrigins: readonly string[];
  readonly scriptUrl: string;
  readonly nonce: string | undefined;
  readonly theme: 'light' | 'dark';
  readonly navigate: (url: string) => void;
}

const FlittContext = createContext<FlittContextValue | null>(null);

// Non-English texts are split into their own chunks, so a shop only downloads its payers' language.
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<LocaleText>> = {
  ka: () => import('./locales/ka.ts').then((m) => m.ka),
  ru: () => import('./locales/ru.ts').then((m) => m.ru),
  uk: () => import('./locales/uk.ts').then((m) => m.uk),
};

function FlittContextProvider(props: FlittProviderProps & { children?: ReactNode }) {
  const locale = resolveLocale(props.locale ?? 'en');
  const loaded = useQuery({
    queryKey: ['@flitt-checkout/locale', locale],
    queryFn: () => loaders[locale as Exclude<Locale, 'en'>](),
    enabled: !props.messages && locale !== 'en',
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  const text = props.messages ?? (locale === 'en' ? en : (loaded.data ?? en));
  const {
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
  } = props;
  const value = useMemo<FlittContextValue>(() => {
    const fetchApi = createFetchApi({
      ...(apiBase ? { apiBase } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(credentials ? { credentials } : {}),
    });
    let allowedOrigins: string[] = [];
    if (sandboxOrigin) {
      try {
        allowedOrigins = [new URL(sandboxOrigin).origin];
      } catch {
        throw new Error(
          `[flitt-checkout] sandboxOrigin "${sandboxOrigin}" is not a URL, e.g. "http://127.0.0.1:8610".`,
        );
      }
    }
    return {
      api: {
        createCheckout: createCheckout ?? fetchApi.createCheckout,
        getStatus: getStatus ?? fetchApi.getStatus,
      },
      locale,
      text,
      allowedOrigins,
      scriptUrl:
        checkoutScriptUrl ??
        (sandboxOrigin
          ? `${allowedOrigins[0]}/latest/checkout-vue/checkout.js`
          : FLITT_CHECKOUT_SCRIPT),
      nonce,
      theme: theme ?? 'light',
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
    text,
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
  const [own] = useState(
    () =>
      props.queryClient ??
      existing ??
      new QueryClient({
        defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
      }),
  );
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
