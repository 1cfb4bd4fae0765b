// The demo shop's backend: prices the cart (the browser never sets the amount), creates Flitt
// orders, receives and verifies callbacks, answers status, and serves the app.

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  productOf,
  type ShopTestCard,
  type Subscription,
  shopLocale,
  TEA_CLUB,
} from '../src/catalog.ts';
import { createAdmin } from './admin.ts';
import {
  createFlittClient,
  createFlittHandlers,
  createMemoryCardVault,
  FLITT_LANGS_SUPPORTED,
  FlittHttpError,
  type FlittOrder,
} from './flitt.ts';

/** Where the shop takes payments. */
export type ShopFlitt =
  | { mode: 'sandbox'; baseUrl: string; testCards: readonly ShopTestCard[] }
  | { mode: 'live'; merchantId: string; secretKey: string };

/** Options of `createShopServer`. */
export interface ShopOptions {
  port: number;
  host?: string;
  flitt: ShopFlitt;
  /** The shop's public URL for Flitt's callbacks and returns (default: its local URL). */
  publicUrl?: string;
  /** Serves the app for any path that is not an API route. */
  app?: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  log?: (line: string) => void;
  /** The admin page's password; without it the admin is off. */
  adminPassword?: string;
}

/** The browser asks for the tea club with `{ subscribe: 'tea-club', lang }`: no price in it. */
const wantsSubscription = (order: unknown): boolean =>
  typeof order === 'object' &&
  order !== null &&
  (order as { subscribe?: unknown }).subscribe === TEA_CLUB.sku;

interface CartLine {
  sku: string;
  qty: number;
}

/**
 * The demo's one account, to show saved cards: a real shop has its own sign-in. Everyone who
 * signs in to the demo is Nino, so on a shared deployment they share her saved (test) cards.
 * The session is an unguessable HttpOnly, SameSite=Lax cookie; the server alone maps it to the
 * customer.
 */
const TEST_CUSTOMER = { id: 'customer-nino', name: 'Nino' } as const;
const SESSION_COOKIE = 'shop_session';

function sessionOf(cookie: string | null | undefined): string | undefined {
  for (const part of (cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/**
 * The cart's amount from the catalogue's prices, and the order's description for Flitt's page in
 * the payer's language (the cart's `lang`, one of the shop's nine; English for any other):
 * "ჩურჩხელა ×2, საფერავი ×1". No product's name has `|`, which Flitt refuses in `order_desc`, and
 * the description is cut to 1000 characters, under its 1024 (every name is in the BMP, so the cut
 * never splits a character).
 */
function priceCart(order: unknown): { amount: number; summary: string; lang: string | undefined } {
  const body = (order ?? {}) as { items?: unknown; lang?: unknown };
  if (!Array.isArray(body.items) || body.items.length === 0 || body.items.length > 50) {
    throw new FlittHttpError(400, 'invalid_cart', 'The cart is empty or too large.');
  }
  const locale = shopLocale(body.lang);
  let amount = 0;
  const names: string[] = [];
  for (const line of body.items as CartLine[]) {
    const product = typeof line?.sku === 'string' ? productOf(line.sku, locale) : undefined;
    if (!product || !Number.isInteger(line.qty) || line.qty < 1 || line.qty > 99) {
      throw new FlittHttpError(
        400,
        'invalid_cart',
        `Unknown product or quantity: ${JSON.stringify(line)}.`,
      );
    }
    amount += product.price * line.qty;
    names.push(`${product.name} ×${line.qty}`);
  }
  const lang =
    typeof body.lang === 'string' && FLITT_LANGS_SUPPORTED.includes(body.lang)
      ? body.lang
      : undefined;
  return { amount, summary: names.join(', ').slice(0, 1000), lang };
}

/**
 * Starts the shop's HTTP server.
 *
 * @example
 * const shop = await createShopServer({ port: 3000, flitt: { mode: 'sandbox', baseUrl, testCards } });
 */
export async function createShopServer(options: ShopOptions) {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const localUrl = `http://${host}:${port}`;
  const publicUrl = (options.publicUrl ?? localUrl).replace(/\/+$/, '');
  const paid = new Map<string, FlittOrder>();
  const subscriptions = new Map<string, Subscription>();
  const flitt = options.flitt;
  const client =
    flitt.mode === 'sandbox'
      ? createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: flitt.baseUrl })
      : createFlittClient({ merchantId: flitt.merchantId, secretKey: flitt.secretKey });
  // Flitt must reach the callback URL: locally that is only true for the sandbox.
  const canReceiveCallbacks = flitt.mode === 'sandbox' || options.publicUrl !== undefined;

  const admin = createAdmin({
    client,
    password: options.adminPassword,
    records: () => paid.values(),
    ...(flitt.mode === 'sandbox'
      ? {
          sandboxOrderIds: async () => {
            const answer = await fetch(`${flitt.baseUrl}/sandbox/control/orders`);
            // Purchases only: a payout or a split is not for capturing or refunding here.
            return ((await answer.json()) as { orderId: string; tranType?: string }[])
              .filter((o) => o.tranType === undefined || o.tranType === 'purchase')
              .map((o) => o.orderId);
          },
        }
      : {}),
    secure: publicUrl.startsWith('https:'),
    log,
  });

  // Signed-in sessions: cookie value → customer id (in memory, like the rest of the demo).
  const sessions = new Map<string, string>();
  const customerOfCookie = (cookie: string | null | undefined) => {
    const session = sessionOf(cookie);
    return session === undefined ? null : (sessions.get(session) ?? null);
  };

  const handlers = createFlittHandlers({
    client,
    vault: createMemoryCardVault(),
    // Who pays is the session's, never the request body's.
    customerOf: (request) => customerOfCookie(request.headers.get('cookie')),
    // Adding a card without buying: 1 GEL held and given back at once.
    cardCheck: { amount: 100, currency: 'GEL', description: 'Tbilisi Pantry card check' },
    resolveOrder: ({ order }) => {
      if (wantsSubscription(order)) {
        const lang = (order as { lang?: unknown }).lang;
        return {
          amount: TEA_CLUB.firstPayment,
          currency: 'GEL',
          order_desc: TEA_CLUB.text[shopLocale(lang)].order,
          delayed: 'N',
          // Protocol 2.0 follows from the nested plan; Flitt echoes merchant_data in the status,
          // which is how the paid callback below knows this order is a subscription.
          subscription: 'Y',
          recurring_data: { ...TEA_CLUB.plan },
          merchant_data: TEA_CLUB.sku,
          // The hosted page's way back: to the plan, not yet subscribed.
          cancel_url: `${publicUrl}/subscribe`,
          ...(typeof lang === 'string' && FLITT_LANGS_SUPPORTED.includes(lang)
            ? { lang: lang as 'en' }
            : {}),
        };
      }
      const { amount, summary, lang } = priceCart(order);
      return {
        amount,
        currency: 'GEL',
        order_desc: summary,
        // One attempt per order: a decline ends on the shop's result page.
        delayed: 'N',
        // The admin's choice: hold the amount, and capture it on dispatch.
        ...(admin.hold() ? { preauth: 'Y' as const } : {}),
        // The hosted page's way back: to the cart, which keeps its items until a payment is approved.
        cancel_url: `${publicUrl}/cart`,
        ...(lang ? { lang: lang as 'en' } : {}),
      };
    },
    onEvent: (event) => {
      if (event.type === 'subscription.stopped' || event.type === 'subscription.started') {
        // Flitt posts no callback for these: the subscription handler reports Flitt's reply.
        const known = subscriptions.get(event.orderId);
        if (known) known.status = event.status;
        log(`[shop] subscription ${event.orderId} is now ${event.status}`);
        return;
      }
      log(
        `[shop] callback verified and confirmed: ${event.type} ${event.orderId}` +
          `${'responseCode' in event ? ` (code ${event.responseCode})` : ''}, ${event.amount / 100} ${event.currency}`,
      );
      if (event.type === 'subscription.charged' || event.type === 'subscription.charge_declined') {
        // Delivered once per charge (its own order id), so a push is one line per charge.
        subscriptions.get(event.parentOrderId)?.charges.push({
          orderId: event.orderId,
          status: event.type === 'subscription.charged' ? 'approved' : 'declined',
          amount: event.amount,
          responseCode: 'responseCode' in event ? event.responseCode : null,
        });
        return;
      }
      paid.set(event.orderId, event.order);
      if (event.type === 'payment.approved' && event.order.merchant_data === TEA_CLUB.sku)
        subscriptions.set(event.orderId, { orderId: event.orderId, status: 'active', charges: [] });
    },
    // The demo has no accounts, so "the payer's own" is: a subscription this shop sold (its
    // first payment approved, so it is in the shop's records). Any other order id, someone else's
    // shop's or a made-up one, gets 403. A real shop checks that the signed-in customer owns it.
    authorizeSubscription: (_request, orderId) => subscriptions.has(orderId),
    ...(canReceiveCallbacks ? { callbackUrl: `${publicUrl}/api/flitt/callback` } : {}),
    returnUrl: `${publicUrl}/api/flitt/return`,
    resultUrl: '/result',
    orderIdPrefix: 'shop-',
  });

  const { toNodeHandler } = await import('@flitt-checkout/server/node');
  const routes: Record<string, ReturnType<typeof toNodeHandler>> = {
    '/api/flitt/checkout': toNodeHandler(handlers.createCheckout),
    '/api/flitt/callback': toNodeHandler(handlers.callback),
    '/api/flitt/return': toNodeHandler(handlers.paymentReturn),
    '/api/flitt/status': toNodeHandler(handlers.status),
    '/api/flitt/subscription': toNodeHandler(handlers.subscription),
    '/api/flitt/cards': toNodeHandler(handlers.cards),
  };
  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  server.on('request', (req, res) => {
    const path = new URL(req.url ?? '/', localUrl).pathname;
    if (path.startsWith('/api/shop/admin/'))
      return void admin.handle(req, res, path).catch(() => res.writeHead(500).end());
    const route = routes[path];
    if (route) return void route(req, res);
    if (path === '/api/shop/config') {
      return json(res, {
        mode: flitt.mode,
        ...(flitt.mode === 'sandbox'
          ? { sandboxUrl: flitt.baseUrl, testCards: flitt.testCards }
          : {}),
      });
    }
    if (path === '/api/shop/callbacks') {
      return json(
        res,
        [...paid.values()].map((o) => ({
          orderId: o.order_id,
          status: o.order_status,
          amount: Number(o.amount),
        })),
      );
    }
    if (path === '/api/shop/subscriptions') return json(res, [...subscriptions.values()]);
    if (path === '/api/shop/me') {
      const signedIn = customerOfCookie(req.headers.cookie) === TEST_CUSTOMER.id;
      return json(res, { customer: signedIn ? TEST_CUSTOMER.name : null });
    }
    // JSON POSTs only: a link, an image or another site's form cannot sign anyone in or out (a
    // form can only send form types; JSON from another origin needs a preflight this server never
    // answers). A fresh session each time.
    const jsonPost =
      req.method === 'POST' && /^application\/json\b/i.test(req.headers['content-type'] ?? '');
    if ((path === '/api/shop/sign-in' || path === '/api/shop/sign-out') && !jsonPost) {
      res.writeHead(415, { 'content-type': 'application/json' });
      return void res.end('{"error":{"code":"unsupported_media_type"}}');
    }
    if (path === '/api/shop/sign-in') {
      const session = randomBytes(24).toString('base64url');
      sessions.set(session, TEST_CUSTOMER.id);
      res.setHeader(
        'set-cookie',
        `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Lax; Path=/${publicUrl.startsWith('https:') ? '; Secure' : ''}`,
      );
      return json(res, { customer: TEST_CUSTOMER.name });
    }
    if (path === '/api/shop/sign-out') {
      const session = sessionOf(req.headers.cookie);
      if (session !== undefined) sessions.delete(session);
      res.setHeader('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`);
      return json(res, { customer: null });
    }
    // Sandbox only: moves the sandbox's clock a month on, so its scheduled charges fall due now.
    if (path === '/api/shop/sandbox/advance-month' && req.method === 'POST') {
      if (flitt.mode !== 'sandbox') return void res.writeHead(404).end();
      return void fetch(`${flitt.baseUrl}/sandbox/control/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seconds: 31 * 86_400 }),
      }).then(
        async (answer) => json(res, await answer.json()),
        () => res.writeHead(502).end(),
      );
    }
    if (path.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end('{"error":{"code":"not_found"}}');
    }
    if (options.app) return options.app(req, res, () => res.writeHead(404).end());
    res.writeHead(404).end();
  });

  return {
    url: localUrl,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
