// The shop's server for stories: the kit's test merchant (@flitt-checkout/server's own handlers,
// createFlittHandlers over createFlittClient), run inside the page with the public test merchant's
// key against a fresh in-browser sandbox. .storybook/main.ts lets this one browser bundle import the server package.
// msw routes the page's requests: `/api/flitt/*` to these handlers, Flitt's URLs (hosted page,
// checkout.js and its calls) to the sandbox. Stories mock the network only through these.

import { createSandbox, type Sandbox, SandboxConnectionReset } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import {
  type CardCheck,
  type CardVault,
  createMemoryCardVault,
  FlittHttpError,
  type ResolvedOrder,
  type WebHandler,
} from '@flitt-checkout/server';
import { createTestMerchant } from '@flitt-checkout/test-kit/merchant';
import { PRICES, CART as TEST_CART } from '@flitt-checkout/test-kit/orders';
import { HttpResponse, http, type RequestHandler } from 'msw';

/** What the browser sends as `order`: a cart reference the server prices. */
export interface StoryCart {
  readonly items: readonly { readonly sku: string; readonly qty: number }[];
  /** The payer's language, passed on as Flitt's `lang` (the sandbox's form follows it). */
  readonly lang?: 'en' | 'ka' | 'ru' | 'uk';
  /** Makes the cart a subscription: its amount monthly, after a 14-day trial (`SUBSCRIPTION_PLAN`). */
  readonly subscribe?: true;
}

/** The story shop's plan: 9.90 ₾ a month after 14 days free. */
const SUBSCRIPTION_PLAN = {
  every: 1,
  period: 'month',
  amount: 990,
  trial_period: 'day',
  trial_quantity: 14,
} as const;

/** One honey and two teas: 32.00 ₾ (the kit's `CART`). */
export const CART: StoryCart = { items: TEST_CART.items };

/** Where the shop's handlers are mounted (FlittProvider's default `apiBase`). */
export const API_BASE = '/api/flitt';

/** The story shop's signed-in customer: who its own sign-in says is paying (never the browser). */
export const STORY_CUSTOMER = 'story-customer';

/** Order lifetime the shop asks for, in seconds. */
export const ORDER_LIFETIME = 1800;

/** Options of `createStoryMerchant`: each is one way the shop or Flitt misbehaves. */
export interface StoryMerchantOptions {
  /**
   * Where the sandbox answers: at https://pay.flitt.com (the package's msw handlers; default), or
   * under `/flitt-sandbox` of the page's own origin, so that a `<script>` can load its checkout.js
   * through the service worker and its 3-D Secure frame stays on the page's origin.
   */
  readonly sandbox?: 'pay.flitt.com' | 'same-origin';
  /** The key the shop signs with; anything but `test` makes Flitt answer 1014. */
  readonly secretKey?: string;
  /**
   * The shop's own code throws (database down): `resolveOrder` for checkout (500
   * `internal_error`), `authorizeStatus` for status, the sign-in lookup (`customerOf`) for saved
   * cards. Either way the browser gets HTTP 500.
   */
  readonly broken?: 'checkout' | 'status' | 'cards';
  /** A compromised endpoint answers this instead of Flitt's `checkout_url`. */
  readonly checkoutUrl?: string;
  /** How long the shop waits for Flitt. Default 15 000 ms, like `createFlittClient`. */
  readonly flittTimeoutMs?: number;
  /** Flitt's API answers this much later (sandbox control `setLatency`). */
  readonly latencyMs?: number;
  /** Nobody is signed in at the shop: saved cards answer 401. */
  readonly signedOut?: boolean;
  /** The shop's `cards` endpoint answers this much later (its database is slow). */
  readonly cardsDelayMs?: number;
  /** Lets the signed-in customer add a card without buying (`FlittAddCard`): Flitt's card check. */
  readonly cardCheck?: CardCheck;
}

/** The story's shop: its handlers for msw, the sandbox behind it, and a clean-up. */
export interface StoryMerchant {
  readonly sandbox: Sandbox;
  /** FlittProvider props for a sandbox that is not at Flitt's own origin ({} otherwise). */
  readonly providerProps: { sandboxOrigin?: string; checkoutScriptUrl?: string };
  readonly handlers: readonly RequestHandler[];
  /** Where the shop keeps saved cards (for `STORY_CUSTOMER`). */
  readonly vault: CardVault;
  /** Requests to the shop's handlers not answered yet. */
  inFlight(): number;
  close(): void;
}

/** The sandbox under the page's own origin, for checkout.js loaded by a `<script>` tag. */
export function sameOriginSandboxUrl(): string {
  return `${window.location.origin}/flitt-sandbox`;
}

/**
 * The shop's pricing, on the server: only known items in whole quantities, never a browser amount.
 * A FlittHttpError's message is shown to the payer as it is.
 */
function resolveCart(order: unknown): ResolvedOrder {
  const cart = (typeof order === 'object' && order !== null ? order : {}) as Partial<StoryCart>;
  if (!Array.isArray(cart.items) || cart.items.length === 0)
    throw new FlittHttpError(400, 'empty_cart', 'Your cart is empty.');
  let amount = 0;
  for (const item of cart.items as unknown[]) {
    const { sku, qty } = (item ?? {}) as { sku?: unknown; qty?: unknown };
    const price = typeof sku === 'string' && Object.hasOwn(PRICES, sku) ? PRICES[sku] : undefined;
    if (price === undefined || !Number.isInteger(qty) || (qty as number) < 1)
      throw new FlittHttpError(400, 'invalid_cart', 'An item in your cart is not sold here.');
    amount += price * (qty as number);
  }
  const lang = ['en', 'ka', 'ru', 'uk'].includes(cart.lang as string) ? cart.lang : undefined;
  return {
    amount,
    currency: 'GEL',
    order_desc: 'Story shop order',
    lifetime: ORDER_LIFETIME,
    // One payment attempt per order: a decline ends it, and "Try again" starts a new one.
    delayed: 'N',
    ...(lang ? { lang } : {}),
    ...(cart.subscribe
      ? { subscription: 'Y' as const, recurring_data: { ...SUBSCRIPTION_PLAN } }
      : {}),
  };
}

/**
 * The request as the sandbox engine expects it: the engine routes by path alone, so the mount
 * point of a same-origin sandbox is cut off first.
 */
async function toEngine(sandbox: Sandbox, request: Request): Promise<Request> {
  const mount = new URL(sandbox.baseUrl).pathname.replace(/\/+$/, '');
  if (mount === '') return request;
  const url = new URL(request.url);
  url.pathname = url.pathname.slice(mount.length);
  const body = ['GET', 'HEAD'].includes(request.method) ? null : await request.arrayBuffer();
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
  });
}

/**
 * The shop's `fetch` to Flitt: straight into this story's sandbox, not through the page's network
 * (server-to-server traffic has no business in the service worker), so a request an earlier story
 * left in flight never creates orders here. It rejects like fetch: at once when aborted (the
 * client's timeout, or `close`), and with a TypeError when the sandbox resets the connection.
 */
function sandboxFetch(sandbox: Sandbox, closed: AbortSignal): typeof fetch {
  return async (input, init) => {
    const request = await toEngine(sandbox, new Request(input, init));
    const signals = [request.signal, closed];
    let stop = () => {};
    const aborted = new Promise<never>((_, reject) => {
      stop = () => {
        for (const signal of signals) signal.removeEventListener('abort', abort);
      };
      const abort = () => reject(request.signal.aborted ? request.signal.reason : closed.reason);
      for (const signal of signals) signal.addEventListener('abort', abort, { once: true });
      if (signals.some((signal) => signal.aborted)) abort();
    });
    try {
      return await Promise.race([sandbox.handle(request), aborted]);
    } catch (error) {
      if (error instanceof SandboxConnectionReset)
        throw new TypeError('Failed to fetch', { cause: error });
      throw error;
    } finally {
      stop();
    }
  };
}

/**
 * Creates a fresh sandbox and the shop's handlers over it (one per story, so stories never share
 * orders, faults or clocks).
 *
 * @example
 * const merchant = createStoryMerchant({ secretKey: 'wrong' });
 * worker.use(...merchant.handlers);
 */
export function createStoryMerchant(options: StoryMerchantOptions = {}): StoryMerchant {
  const sameOrigin = options.sandbox === 'same-origin';
  const sandbox = createSandbox({
    baseUrl: sameOrigin ? sameOriginSandboxUrl() : 'https://pay.flitt.com',
    // Flitt's callbacks, server to server, straight into the shop's handler (a saved card is kept
    // when its payment's callback arrives).
    fetch: async (input, init) => flitt.callback(new Request(input, init)),
  });
  if (options.latencyMs) sandbox.control.setLatency(options.latencyMs);
  const closed = new AbortController();
  const databaseDown = () => {
    throw new Error('the shop’s database is down');
  };
  const vault = createMemoryCardVault();

  const { handlers: flitt } = createTestMerchant(sandbox, {
    ...(options.secretKey !== undefined ? { secretKey: options.secretKey } : {}),
    timeoutMs: options.flittTimeoutMs ?? 15_000,
    fetch: sandboxFetch(sandbox, closed.signal),
    resolveOrder: ({ order }) =>
      options.broken === 'checkout' ? databaseDown() : resolveCart(order),
    // The shop's check that an order is the payer's own (a session lookup) is where status fails.
    ...(options.broken === 'status' ? { authorizeStatus: databaseDown } : {}),
    resultUrl: '/checkout/result',
    callbackUrl: `${window.location.origin}${API_BASE}/callback`,
    orderIdPrefix: 'story-',
    vault,
    ...(options.cardCheck ? { cardCheck: options.cardCheck } : {}),
    // The shop's own sign-in (a session cookie in a real shop).
    customerOf: () =>
      options.broken === 'cards' ? databaseDown() : options.signedOut ? null : STORY_CUSTOMER,
    // The story shop's own orders only: any other id is someone else's subscription (403).
    authorizeSubscription: (_request, orderId) => orderId.startsWith('story-'),
    // Problems show in the browser's console, as a shop's server logs them.
    logger: console,
  });

  // A compromised endpoint: Flitt's real answer, with the checkout URL swapped for another.
  const createCheckout: WebHandler =
    options.checkoutUrl === undefined
      ? flitt.createCheckout
      : async (request) => {
          const response = await flitt.createCheckout(request);
          if (!response.ok) return response;
          const body = (await response.json()) as Record<string, unknown>;
          if (!('checkoutUrl' in body)) return Response.json(body, response);
          return Response.json({ ...body, checkoutUrl: options.checkoutUrl }, response);
        };

  let inFlight = 0;
  const mount = (path: string, handler: WebHandler) =>
    http.all(`*${API_BASE}${path}`, async ({ request }) => {
      inFlight += 1;
      try {
        return await handler(request);
      } finally {
        inFlight -= 1;
      }
    });

  return {
    sandbox,
    // sandboxOrigin is an origin; the script's path under the mount point is given on its own.
    providerProps: sameOrigin
      ? {
          sandboxOrigin: window.location.origin,
          checkoutScriptUrl: `${sandbox.baseUrl}/latest/checkout-vue/checkout.js`,
        }
      : {},
    handlers: [
      mount('/checkout', createCheckout),
      mount('/status', flitt.status),
      mount('/subscription', flitt.subscription),
      mount('/cards', async (request) => {
        if (options.cardsDelayMs)
          await new Promise((resolve) => setTimeout(resolve, options.cardsDelayMs));
        return flitt.cards(request);
      }),
      ...(sameOrigin ? mountedSandboxHandlers(sandbox) : sandboxHandlers(sandbox)),
    ],
    vault,
    inFlight: () => inFlight,
    close: () => {
      closed.abort(new Error('the story ended'));
      sandbox.close();
    },
  };
}

/** Like `sandboxHandlers`, for a sandbox mounted under a path of the page's origin. */
function mountedSandboxHandlers(sandbox: Sandbox): RequestHandler[] {
  return [
    http.all(`${sandbox.baseUrl}/*`, async ({ request }) => {
      try {
        return await sandbox.handle(await toEngine(sandbox, request));
      } catch (error) {
        if (error instanceof SandboxConnectionReset) return HttpResponse.error();
        throw error;
      }
    }),
  ];
}
