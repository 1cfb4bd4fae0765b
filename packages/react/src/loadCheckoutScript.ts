/** The embedded checkout's entry point, `window.checkout`. */
export type CheckoutFunction = (
  target: Element | string,
  config: Record<string, unknown>,
) => CheckoutApp;

/** The widget instance `checkout()` returns (the subset this package uses). */
export interface CheckoutApp {
  $on(
    event: 'ready' | 'success' | 'error' | 'callback',
    listener: (model: CheckoutModel) => void,
  ): CheckoutApp;
  submit(): CheckoutApp;
  $destroy(): void;
}

/** An event payload of the widget (js-sdk Response model). */
export interface CheckoutModel {
  readonly data?: unknown;
  attr(path: string): unknown;
}

/** Options of `loadCheckoutScript`. */
export interface LoadScriptOptions {
  nonce?: string | undefined;
  /** Per attempt. Default 15 000 ms. */
  timeoutMs?: number;
  /** Further attempts after a failure. Default 2. */
  retries?: number;
}

const cache = new Map<string, Promise<CheckoutFunction>>();

function styleUrlOf(src: string): string {
  return src.replace(/\.js(\?.*)?$/, '.css$1');
}

function attempt(src: string, options: LoadScriptOptions): Promise<CheckoutFunction> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    if (options.nonce) script.nonce = options.nonce;
    script.dataset.flittCheckout = '';
    const timer = setTimeout(
      () => done(new Error(`timed out after ${options.timeoutMs ?? 15_000} ms`)),
      options.timeoutMs ?? 15_000,
    );
    function done(error?: Error) {
      clearTimeout(timer);
      script.onload = null;
      script.onerror = null;
      const fn = (window as unknown as { checkout?: unknown }).checkout;
      if (!error && typeof fn === 'function') return resolve(fn as CheckoutFunction);
      script.remove(); // a failed script tag is dropped so a retry starts clean
      reject(error ?? new Error('the script loaded but defines no window.checkout'));
    }
    script.onload = () => done();
    script.onerror = () => done(new Error(`could not load ${src}`));
    document.head.appendChild(script);
  });
}

/**
 * Loads Flitt's `checkout.js` (and its CSS) once per URL, with a CSP nonce, a timeout and retries;
 * later calls share the same promise. A final failure is not cached, so a later call tries again.
 *
 * @example
 * const checkout = await loadCheckoutScript('https://pay.flitt.com/latest/checkout-vue/checkout.js', { nonce });
 */
export function loadCheckoutScript(
  src: string,
  options: LoadScriptOptions = {},
): Promise<CheckoutFunction> {
  const cached = cache.get(src);
  if (cached) return cached;
  const existing = (window as unknown as { checkout?: unknown }).checkout;
  if (
    typeof existing === 'function' &&
    document.querySelector(`script[src="${CSS.escape(src)}"]`)
  ) {
    return Promise.resolve(existing as CheckoutFunction);
  }
  if (!document.querySelector(`link[data-flitt-checkout][href="${CSS.escape(styleUrlOf(src))}"]`)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = styleUrlOf(src);
    link.dataset.flittCheckout = '';
    if (options.nonce) link.nonce = options.nonce;
    document.head.appendChild(link);
  }
  const retries = options.retries ?? 2;
  const promise = (async () => {
    for (let i = 0; ; i++) {
      try {
        return await attempt(src, options);
      } catch (error) {
        if (i >= retries) throw error;
        await new Promise((r) => setTimeout(r, 300 * 2 ** i));
      }
    }
  })();
  cache.set(src, promise);
  promise.catch(() => cache.delete(src));
  return promise;
}
