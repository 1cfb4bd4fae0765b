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
    const ms = options.timeoutMs ?? 15_000;
    const timer = setTimeout(() => done(`timed out after ${ms} ms`), ms);
    function done(error?: string) {
      clearTimeout(timer);
      script.onload = script.onerror = null;
      const fn = (window as { checkout?: unknown }).checkout;
      if (!error && typeof fn === 'function') return resolve(fn as CheckoutFunction);
      script.remove(); // a failed script tag is dropped so a retry starts clean
      reject(new Error(`${src}: ${error ?? 'no window.checkout'}`));
    }
    script.onload = () => done();
    script.onerror = () => done('could not load');
    document.head.appendChild(
      Object.assign(script, { src, async: true, nonce: options.nonce ?? '' }),
    );
    script.dataset.flittCheckout = '';
  });
}

/**
 * Loads Flitt's `checkout.js` (and its CSS) once per URL, with a CSP nonce, a timeout and retries;
 * later calls share the same promise. A final failure is not cached, so a later call tries again.
 */
export function loadCheckoutScript(
  src: string,
  options: LoadScriptOptions = {},
): Promise<CheckoutFunction> {
  const cached = cache.get(src);
  if (cached) return cached;
  const existing = (window as { checkout?: unknown }).checkout;
  if (
    typeof existing === 'function' &&
    document.querySelector(`script[src="${CSS.escape(src)}"]`)
  ) {
    return Promise.resolve(existing as CheckoutFunction);
  }
  if (!document.querySelector(`link[data-flitt-checkout][href="${CSS.escape(styleUrlOf(src))}"]`)) {
    const link = document.createElement('link');
    document.head.appendChild(
      Object.assign(link, { rel: 'stylesheet', href: styleUrlOf(src), nonce: options.nonce ?? '' }),
    );
    link.dataset.flittCheckout = '';
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
