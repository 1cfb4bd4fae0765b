// The shop's server for stories, running in the browser: it prices the cart, signs requests with
// the public test merchant's key and creates orders in an in-browser sandbox, answering like the
// handlers of @flitt-checkout/server (which refuses browser bundles, so it cannot be used here).
// msw routes the page's requests: `/api/flitt/*` to this shop, Flitt's URLs (hosted page,
// checkout.js and its calls) to the sandbox. Stories mock the network only through these.
import {
  createSignature,
  FlittError,
  type FlittResult,
  parseFlittResponse,
  verifySignature,
} from '@flitt-checkout/core';
import {
  createSandbox,
  type Sandbox,
  SandboxConnectionReset,
  TEST_MERCHANT,
} from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { HttpResponse, http, type RequestHandler } from 'msw';

/** Prices of the story shop, in tetri: the browser sends sku and quantity, never an amount. */
export const PRICES: Readonly<Record<string, number>> = { tea: 700, honey: 1800, churchkhela: 450 };

/** What the browser sends as `order`: a cart reference the server prices. */
export interface StoryCart {
  readonly items: readonly { readonly sku: string; readonly qty: number }[];
  /** The payer's language, passed on as Flitt's `lang` (the sandbox's form follows it). */
  readonly lang?: 'en' | 'ka' | 'ru' | 'uk';
}

/** One honey and two teas: 32.00 ₾. */
export const CART: StoryCart = {
  items: [
    { sku: 'honey', qty: 1 },
    { sku: 'tea', qty: 2 },
  ],
};

/** Where the shop's handlers are mounted (FlittProvider's default `apiBase`). */
export const API_BASE = '/api/flitt';

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
  /** The shop's own code fails (database down): the handlers answer 500 `internal_error`. */
  readonly broken?: 'checkout' | 'status';
  /** A compromised endpoint answers this instead of Flitt's `checkout_url`. */
  readonly checkoutUrl?: string;
  /** How long the shop waits for Flitt. Default 15 000 ms, like `createFlittClient`. */
  readonly flittTimeoutMs?: number;
  /** Flitt's API answers this much later (sandbox control `setLatency`). */
  readonly latencyMs?: number;
}

/** The story's shop: its handlers for msw, the sandbox behind it, and a clean-up. */
export interface StoryMerchant {
  readonly sandbox: Sandbox;
  /** FlittProvider props for a sandbox that is not at Flitt's own origin ({} otherwise). */
  readonly providerProps: { sandboxOrigin?: string; checkoutScriptUrl?: string };
  readonly handlers: readonly RequestHandler[];
  /** Requests to the shop's handlers not answered yet. */
  inFlight(): number;
  close(): void;
}

/** The sandbox under the page's own origin, for checkout.js loaded by a `<script>` tag. */
export function sameOriginSandboxUrl(): string {
  return `${window.location.origin}/flitt-sandbox`;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const errorResponse = (error: HttpError) =>
  HttpResponse.json(
    { error: { code: error.code, message: error.message, ...error.extra } },
    { status: error.status, headers: { 'cache-control': 'no-store' } },
  );

function priceCart(order: unknown): number {
  const items = (order as Partial<StoryCart> | null)?.items;
  if (!Array.isArray(items) || items.length === 0)
    throw new HttpError(400, 'empty_cart', 'The cart is empty.');
  return items.reduce((sum, item) => {
    const price = PRICES[item.sku];
    if (price === undefined || !Number.isInteger(item.qty) || item.qty < 1)
      throw new HttpError(400, 'invalid_cart', `Unknown item or quantity: ${item.sku}.`);
    return sum + price * item.qty;
  }, 0);
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
  });
  if (options.latencyMs) sandbox.control.setLatency(options.latencyMs);
  const secretKey = options.secretKey ?? TEST_MERCHANT.secretKey;
  const merchantId = TEST_MERCHANT.merchantId;
  const flittTimeoutMs = options.flittTimeoutMs ?? 15_000;

  /** Signs and posts to Flitt, like createFlittClient: failures become 502 / 504 with Flitt's code. */
  async function callFlitt(path: string, params: Record<string, unknown>): Promise<FlittResult> {
    const request = { ...params, signature: await createSignature(params, secretKey) };
    const timeout = AbortSignal.timeout(flittTimeoutMs);
    let response: Response;
    try {
      // Server to server, so not through the page's network: the shop reaches its own sandbox
      // in-process, as createFlittClient would with its `fetch` option. A request an earlier story
      // left in flight therefore never creates orders in this story's sandbox.
      response = await sandbox.handle(
        // The engine routes by path alone, so a mount point (same-origin sandbox) is left out.
        new Request(new URL(path, sandbox.baseUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ request }),
          signal: timeout,
        }),
      );
    } catch {
      throw new HttpError(502, 'network_error', 'Flitt could not be reached.');
    }
    if (timeout.aborted) throw new HttpError(504, 'timeout', 'Flitt did not answer in time.');
    if (response.status !== 200)
      throw new HttpError(502, 'http_error', 'Flitt answered unexpectedly.');
    const result = parseFlittResponse(await response.json());
    if (result.status === 'failure') {
      throw new HttpError(502, 'flitt_failure', result.errorMessage, {
        flittCode: result.errorCode,
      });
    }
    // Order objects are signed by Flitt; an unsigned or altered one is not trusted.
    if ('order' in result && !(await verifySignature(result.response, secretKey)))
      throw new HttpError(502, 'invalid_signature', 'Flitt’s reply could not be verified.');
    return result;
  }

  let inFlight = 0;
  const counted =
    (resolver: (request: Request) => Promise<Response>) =>
    async ({ request }: { request: Request }) => {
      inFlight += 1;
      try {
        return await resolver(request);
      } finally {
        inFlight -= 1;
      }
    };

  const createCheckout = http.post(
    `*${API_BASE}/checkout`,
    counted(async (request) => {
      try {
        const body = (await request.json().catch(() => null)) as {
          flow?: unknown;
          order?: unknown;
        } | null;
        const flow = body?.flow ?? 'redirect';
        if (flow !== 'redirect' && flow !== 'embedded')
          throw new HttpError(400, 'invalid_request', 'flow must be "redirect" or "embedded".');
        if (options.broken === 'checkout') throw new Error('the shop’s database is down');
        const amount = priceCart(body?.order);
        const lang = (body?.order as Partial<StoryCart> | undefined)?.lang;
        const orderId = `story-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
        const params = {
          order_id: orderId,
          merchant_id: merchantId,
          order_desc: 'Story shop order',
          amount,
          currency: 'GEL',
          lifetime: ORDER_LIFETIME,
          // One payment attempt per order: a decline ends it, and "Try again" starts a new one.
          delayed: 'N',
          ...(lang && ['en', 'ka', 'ru', 'uk'].includes(lang) ? { lang } : {}),
        };
        const result = await callFlitt(
          flow === 'redirect' ? '/api/checkout/url' : '/api/checkout/token',
          params,
        );
        if (result.status === 'success' && result.kind === 'checkout_url')
          return HttpResponse.json({
            flow,
            orderId,
            checkoutUrl: options.checkoutUrl ?? result.checkoutUrl,
            paymentId: result.paymentId ?? null,
          });
        if (result.status === 'success' && result.kind === 'token')
          return HttpResponse.json({ flow, orderId, token: result.token });
        throw new HttpError(502, 'invalid_response', 'Flitt answered without a checkout.');
      } catch (error) {
        if (error instanceof HttpError) return errorResponse(error);
        // A garbled reply from Flitt (parseFlittResponse refuses it) is Flitt's failure, not ours.
        if (error instanceof FlittError)
          return errorResponse(new HttpError(502, error.code, 'Flitt answered unexpectedly.'));
        return errorResponse(
          new HttpError(500, 'internal_error', 'The shop could not start the payment.'),
        );
      }
    }),
  );

  const status = http.get(
    `*${API_BASE}/status`,
    counted(async (request) => {
      const orderId = new URL(request.url).searchParams.get('order_id') ?? '';
      try {
        if (orderId === '') throw new HttpError(400, 'invalid_request', 'Pass ?order_id=.');
        if (options.broken === 'status') throw new Error('the shop’s database is down');
        const result = await callFlitt('/api/status/order_id', {
          order_id: orderId,
          merchant_id: merchantId,
        });
        if (!('order' in result))
          throw new HttpError(502, 'invalid_response', 'Flitt answered without an order.');
        const order = result.order;
        const code = Number(order.response_code);
        return HttpResponse.json({
          orderId: String(order.order_id),
          status: order.order_status,
          responseCode: order.response_code === '' || Number.isNaN(code) ? null : code,
          amount: Number(order.amount),
          currency: order.currency,
        });
      } catch (error) {
        if (error instanceof HttpError && error.extra.flittCode === 1018)
          return errorResponse(new HttpError(404, 'order_not_found', 'Flitt has no such order.'));
        if (error instanceof HttpError) return errorResponse(error);
        if (error instanceof FlittError)
          return errorResponse(new HttpError(502, error.code, 'Flitt answered unexpectedly.'));
        return errorResponse(new HttpError(500, 'internal_error', 'The status is unavailable.'));
      }
    }),
  );

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
      createCheckout,
      status,
      ...(sameOrigin ? mountedSandboxHandlers(sandbox) : sandboxHandlers(sandbox)),
    ],
    inFlight: () => inFlight,
    close: () => sandbox.close(),
  };
}

/**
 * Like `sandboxHandlers`, for a sandbox mounted under a path of the page's origin: the engine
 * routes by path, so the mount point is cut off before it sees the request.
 */
function mountedSandboxHandlers(sandbox: Sandbox): RequestHandler[] {
  const mount = new URL(sandbox.baseUrl).pathname;
  return [
    http.all(`${sandbox.baseUrl}/*`, async ({ request }) => {
      const url = new URL(request.url);
      url.pathname = url.pathname.slice(mount.length);
      try {
        const body = ['GET', 'HEAD'].includes(request.method) ? null : await request.arrayBuffer();
        return await sandbox.handle(
          new Request(url, {
            method: request.method,
            headers: request.headers,
            body,
            signal: request.signal,
          }),
        );
      } catch (error) {
        if (error instanceof SandboxConnectionReset) return HttpResponse.error();
        throw error;
      }
    }),
  ];
}
