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

/** The script tag's `src`, and for a script from a CDN its Subresource Integrity hash. */
type ScriptProps = Pick<HTMLScriptElement, 'src'> &
  Partial<Pick<HTMLScriptElement, 'integrity' | 'crossOrigin'>>;

const cache = new Map<string, Promise<unknown>>();

/** Adds `<tag data-flitt-checkout>` with `props` and the nonce to the document's head. */
function add<T extends HTMLElement>(tag: string, props: Partial<T>, nonce = ''): T {
  const element = document.createElement(tag) as T;
  element.dataset.flittCheckout = '';
  return document.head.appendChild(Object.assign(element, props, { nonce }));
}

/** One try: the script tag (`src` and any `integrity`), settled by its load or error event or after 15 s. */
const once = <T>(props: ScriptProps, nonce: string | undefined, read: () => T | undefined) =>
  new Promise<T>((resolve, reject) => {
    // A script added by code loads asynchronously already: no `async` to set.
    const script = add<HTMLScriptElement>('script', props, nonce);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      const global = read();
      if (ok && typeof global === 'function') return resolve(global);
      script.remove(); // so a retry starts clean
      reject(new Error(`${props.src} did not load`)); // in 15 s, or without its global
    };
    const timer = setTimeout(done, 15_000, false);
    script.onload = () => done(true);
    script.onerror = () => done(false);
  });

/**
 * Loads a script of Flitt's once per URL, with a CSP nonce, a timeout and two retries, resolving
 * the function it defines (`read`); later calls share the same promise. A final failure is not
 * kept, so a later call tries again.
 */
export function loadScript<T>(
  props: ScriptProps,
  nonce: string | undefined,
  read: () => T | undefined,
): Promise<T> {
  const { src } = props;
  let promise = cache.get(src) as Promise<T> | undefined;
  if (promise) return promise;
  const again = (ms: number) => () =>
    new Promise((resolve) => setTimeout(resolve, ms)).then(() => once(props, nonce, read));
  promise = once(props, nonce, read).catch(again(300)).catch(again(600));
  cache.set(src, promise);
  promise.catch(() => cache.delete(src));
  return promise;
}

/** Loads Flitt's `checkout.js` and its CSS once per URL (`loadScript`). */
export function loadCheckoutScript(src: string, nonce?: string): Promise<CheckoutFunction> {
  const href = src.replace(/\.js(\?.*)?$/, '.css$1');
  if (!document.querySelector(`link[data-flitt-checkout][href="${CSS.escape(href)}"]`))
    add<HTMLLinkElement>('link', { rel: 'stylesheet', href }, nonce);
  return loadScript({ src }, nonce, () => (window as { checkout?: CheckoutFunction }).checkout);
}
