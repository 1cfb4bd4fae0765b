import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSignature, verifySignature } from '@flitt-checkout/core';
import { payerMessage } from '@flitt-checkout/core/messages';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';

// Real headless Chromium (playwright.config.ts launches it) against the sandbox's HTTP server and
// a merchant's server, both on 127.0.0.1: the hosted page, 3-D Secure, the return form POST,
// callbacks and checkout.js.

const KEY = 'test';
const CARD = { expiry: '12/30', cvv: '123' };
// Generous waits: this runs on busy 2-core CI machines next to other test files.
const WAIT = { timeout: 8000 };

interface Shop {
  readonly url: string;
  /** Form POSTs the payer's browser made to /return (response_url). */
  readonly returns: Record<string, string>[];
  /** JSON callbacks the sandbox made to /callback (server_callback_url). */
  readonly callbacks: Record<string, unknown>[];
  readonly callbackTypes: string[];
  readonly server: Server;
}

/** The merchant: records /return and /callback, serves the checkout.js page /embedded.html. */
async function startShop(sandboxUrl: string): Promise<Shop> {
  const returns: Record<string, string>[] = [];
  const callbacks: Record<string, unknown>[] = [];
  const callbackTypes: string[] = [];
  const embeddedHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<link rel="stylesheet" href="${sandboxUrl}/latest/checkout-vue/checkout.css">
<script src="${sandboxUrl}/latest/checkout-vue/checkout.js"></script></head>
<body><h1>Shop</h1><div id="app"></div><script>
window.errors = []; window.result = null; window.ready = false;
const query = new URLSearchParams(location.search);
const app = checkout('#app', { params: { token: query.get('token'), lang: query.get('lang') || undefined } });
window.app = app;
app.$on('ready', () => { window.ready = true; });
app.$on('error', (m) => window.errors.push(m.attr('error.code')));
if (!query.has('no-callback')) app.$on('callback', (m) => { window.result = m.attr('order.order_data'); });
</script></body></html>`;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://shop').pathname;
    if (req.method === 'POST' && path === '/return') {
      returns.push(Object.fromEntries(new URLSearchParams(body)));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Thank you</title><h1>Thank you</h1>');
    } else if (req.method === 'POST' && path === '/callback') {
      callbackTypes.push(req.headers['content-type'] ?? '');
      callbacks.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(200).end('OK');
    } else if (req.method === 'GET' && path === '/embedded.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(embeddedHtml);
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, returns, callbacks, callbackTypes, server };
}

let sandbox: RunningSandbox;
let shop: Shop;
let context: BrowserContext;
let page: Page;
let seq = 0;

test.beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, callbackTimeScale: 0.001 });
  shop = await startShop(sandbox.url);
});

test.afterAll(async () => {
  await sandbox?.stop();
  if (shop) {
    shop.server.closeAllConnections();
    await new Promise<void>((resolve) => shop.server.close(() => resolve()));
  }
});

test.beforeEach(async ({ browser }) => {
  context = await browser.newContext();
  context.setDefaultTimeout(WAIT.timeout);
  page = await context.newPage();
});

test.afterEach(async () => {
  await context.close();
});

async function api(path: string, params: Record<string, unknown>) {
  const signature = await createSignature(params, KEY);
  const response = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ request: { ...params, signature } }),
  });
  expect(response.status).toBe(200);
  const { response: body } = (await response.json()) as { response: Record<string, unknown> };
  expect(body.response_status).toBe('success');
  return body;
}

/** Creates an order whose response_url and server_callback_url point at the shop. */
async function createOrder(kind: 'url' | 'token', extra: Record<string, unknown> = {}) {
  const params = {
    order_id: `chromium-${Date.now()}-${++seq}`,
    merchant_id: 1549901,
    order_desc: 'Khachapuri for two',
    amount: 2350,
    currency: 'GEL',
    response_url: `${shop.url}/return`,
    server_callback_url: `${shop.url}/callback`,
    lang: 'en',
    delayed: 'N',
    ...extra,
  };
  const body = await api(`/api/checkout/${kind}`, params);
  return { orderId: params.order_id, url: String(body.checkout_url), token: String(body.token) };
}

async function statusOf(orderId: string) {
  const status = await api('/api/status/order_id', { order_id: orderId, merchant_id: 1549901 });
  expect(await verifySignature(status, KEY)).toBe(true);
  return status;
}

const returnOf = (orderId: string) => shop.returns.find((r) => r.order_id === orderId);
const callbacksOf = (orderId: string) => shop.callbacks.filter((c) => c.order_id === orderId);

/**
 * Types a card into the form and presses Pay: the hosted page's fields have fixed ids, checkout.js
 * generates its ids, so its fields are found by name inside the widget.
 */
async function payWith(target: Page, card: string, form: 'hosted' | 'embedded' = 'hosted') {
  const field = (name: string) =>
    target.locator(form === 'hosted' ? `#${name}` : `#app [name="${name}"]`);
  await field('card_number').fill(card);
  await field('expiry_date').fill(CARD.expiry);
  await field('cvv2').fill(CARD.cvv);
  await target.getByRole('button', { name: /^Pay / }).click();
}

/** Asserts the outcome the merchant sees three ways: return POST, callback, status API. */
async function expectOutcome(orderId: string, status: string, code: number | '') {
  const returned = returnOf(orderId);
  expect(returned).toMatchObject({ order_status: status, response_code: String(code) });
  expect(await verifySignature(returned ?? {}, KEY)).toBe(true);

  await expect(() => expect(callbacksOf(orderId)).toHaveLength(1)).toPass(WAIT);
  const [callback] = callbacksOf(orderId);
  expect(callback).toMatchObject({ order_status: status, response_code: code });
  expect(await verifySignature(callback ?? {}, KEY)).toBe(true);

  expect(await statusOf(orderId)).toMatchObject({ order_status: status, response_code: code });
}

interface CardCase {
  readonly name: string;
  readonly card: string;
  readonly acs?: 'Confirm' | 'Fail authentication';
  readonly status: 'approved' | 'declined';
  readonly code: number | '';
}

// Flitt's documented test cards (api-reference §5), one per outcome class.
// biome-ignore format: a table reads better
const CARD_CASES: readonly CardCase[] = [
  { name: 'Visa without 3-D Secure approves', card: '4444555511116666', status: 'approved', code: '' },
  { name: 'Visa without 3-D Secure declines', card: '4444111155556666', status: 'declined', code: 1004 },
  { name: '3-D Secure confirmed approves', card: '4444555566661111', acs: 'Confirm', status: 'approved', code: '' },
  { name: '3-D Secure failed declines with 1024', card: '4444555566661111', acs: 'Fail authentication', status: 'declined', code: 1024 },
  { name: '3-D Secure confirmed, issuer declines', card: '4444111166665555', acs: 'Confirm', status: 'declined', code: 1004 },
  { name: 'MasterCard with 3-D Secure approves', card: '5555666644441111', acs: 'Confirm', status: 'approved', code: '' },
  { name: 'frictionless 3DS2 approves without a challenge', card: '4444555566669999', status: 'approved', code: '' },
  { name: 'frictionless 3DS2 declines without a challenge', card: '4444999966665555', status: 'declined', code: 1004 },
];

test.describe('sandbox hosted page in Chromium', () => {
  test('speaks Georgian for lang=ka and shows the amount and description', async () => {
    const order = await createOrder('url', { lang: 'ka' });
    await page.goto(order.url);

    await expect.poll(() => page.locator('html').getAttribute('lang'), WAIT).toBe('ka');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('გადახდა');
    const amount = new Intl.NumberFormat('ka', { style: 'currency', currency: 'GEL' }).format(23.5);
    expect(await page.getByTestId('amount').textContent()).toBe(amount);
    expect(await page.getByTestId('order-desc').textContent()).toBe('Khachapuri for two');

    await page.getByLabel('ბარათის ნომერი').fill('4444555511116666');
    await page.getByLabel('მოქმედების ვადა (თთ/წწ)').fill(CARD.expiry);
    await page.getByLabel('CVV').fill(CARD.cvv);
    await page.getByRole('button', { name: `გადახდა ${amount}` }).click();
    await page.waitForURL(`${shop.url}/return`);
    await expectOutcome(order.orderId, 'approved', '');
  });

  for (const { name, card, acs, status, code } of CARD_CASES)
    test(`${card}: ${name}, reported by return POST, callback and status API`, async () => {
      const order = await createOrder('url');
      const visited: string[] = [];
      page.on('framenavigated', (frame) => visited.push(frame.url()));
      await page.goto(order.url);
      await payWith(page, card);
      if (acs) {
        await expect
          .poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT)
          .toBe('3-D Secure (test)');
        await page.getByRole('button', { name: acs }).click();
      }
      await page.waitForURL(`${shop.url}/return`);

      expect(visited.some((url) => url.includes('/sandbox/3ds/'))).toBe(acs !== undefined);
      expect(await page.getByRole('heading', { name: 'Thank you' }).isVisible()).toBe(true);
      await expectOutcome(order.orderId, status, code);
    });

  test('shows an invalid card number as an alert and leaves the order created', async () => {
    const order = await createOrder('url');
    await page.goto(order.url);
    await payWith(page, '4444555511116667');

    await expect
      .poll(() => page.getByRole('alert').textContent(), WAIT)
      .toBe(payerMessage(1015, 'en'));
    expect(await page.getByLabel('Card number').getAttribute('aria-invalid')).toBe('true');
    expect(page.url().startsWith(sandbox.url)).toBe(true);
    expect((await statusOf(order.orderId)).order_status).toBe('created');
    expect(returnOf(order.orderId)).toBeUndefined();
    expect(callbacksOf(order.orderId)).toEqual([]);
  });

  test('with delayed=Y shows a decline on the same page, and a second card then pays', async () => {
    const order = await createOrder('url', { delayed: 'Y' });
    await page.goto(order.url);
    await payWith(page, '4444111155556666');

    await expect
      .poll(() => page.getByRole('alert').textContent(), WAIT)
      .toBe(payerMessage(1004, 'en'));
    expect(page.url().startsWith(sandbox.url)).toBe(true);
    expect(await statusOf(order.orderId)).toMatchObject({
      order_status: 'processing',
      response_code: 1004,
    });
    expect(returnOf(order.orderId)).toBeUndefined();

    await payWith(page, '4444555511116666');
    await page.waitForURL(`${shop.url}/return`);
    expect(returnOf(order.orderId)).toMatchObject({ order_status: 'approved', response_code: '' });
    expect(await verifySignature(returnOf(order.orderId) ?? {}, KEY)).toBe(true);
    await expect(() => expect(callbacksOf(order.orderId)).toHaveLength(2)).toPass(WAIT);
    expect(callbacksOf(order.orderId).map((c) => c.order_status)).toEqual([
      'processing',
      'approved',
    ]);
    expect((await statusOf(order.orderId)).order_status).toBe('approved');
  });

  test('shows the expiry message instead of the form once the order has expired', async () => {
    const order = await createOrder('url', { lifetime: 600 });
    const moved = await fetch(`${sandbox.url}/sandbox/control/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: 601 }),
    });
    expect(moved.status).toBe(200);

    await page.goto(order.url);
    await expect
      .poll(() => page.getByRole('alert').textContent(), WAIT)
      .toBe(payerMessage(1052, 'en'));
    expect(await page.getByLabel('Card number').count()).toBe(0);
    expect(page.url()).toBe(order.url);
    expect(returnOf(order.orderId)).toBeUndefined();
    expect((await statusOf(order.orderId)).order_status).toBe('expired');
  });
});

interface ShopApp {
  $on: unknown;
  $el: unknown;
  $destroy(): void;
}

interface ShopWindow {
  ready: boolean;
  errors: unknown[];
  result: Record<string, unknown> | null;
  app: ShopApp;
  checkout(target: string, config: unknown): ShopApp;
}

async function openEmbedded(token: string, query = '') {
  await page.goto(`${shop.url}/embedded.html?token=${token}${query}`);
  await page.waitForFunction(() => (window as unknown as ShopWindow).ready);
}

async function embeddedResult() {
  await page.waitForFunction(() => (window as unknown as ShopWindow).result !== null);
  return (await page.evaluate(() => (window as unknown as ShopWindow).result)) ?? {};
}

test.describe('sandbox checkout.js in Chromium', () => {
  test('fires ready, and hands an approved payment to the callback listener without leaving the page', async () => {
    const order = await createOrder('token');
    await openEmbedded(order.token);
    expect(await page.getByRole('textbox', { name: 'Card number' }).isVisible()).toBe(true);

    await payWith(page, '4444555511116666', 'embedded');
    const result = await embeddedResult();
    expect(result).toMatchObject({ order_id: order.orderId, order_status: 'approved' });
    expect(await verifySignature(result, KEY)).toBe(true);
    expect(page.url()).toBe(`${shop.url}/embedded.html?token=${order.token}`);
    await expect(() => expect(callbacksOf(order.orderId)).toHaveLength(1)).toPass(WAIT);
    expect(shop.callbackTypes.at(-1)).toMatch(/^application\/json/);
    expect(returnOf(order.orderId)).toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as ShopWindow).errors)).toEqual([]);
  });

  test('opens the 3-D Secure overlay in an iframe; Confirm approves', async () => {
    const order = await createOrder('token');
    await openEmbedded(order.token);
    await payWith(page, '4444555566661111', 'embedded');

    await page.getByRole('dialog', { name: '3-D Secure' }).waitFor({ state: 'visible' });
    await page.frameLocator('.f-3ds iframe').getByRole('button', { name: 'Confirm' }).click();
    const result = await embeddedResult();
    expect(result).toMatchObject({ order_status: 'approved', eci: '5' });
    expect(await verifySignature(result, KEY)).toBe(true);
    expect(await page.locator('.f-3ds').count()).toBe(0);
    expect((await statusOf(order.orderId)).order_status).toBe('approved');
  });

  test('keeps the keyboard in the 3-D Secure dialog, named in the payer’s language; Escape fails the check and the focus comes back', async () => {
    const order = await createOrder('token');
    await openEmbedded(order.token, '&lang=ka');
    for (const [name, value] of [
      ['card_number', '4444555566661111'],
      ['expiry_date', CARD.expiry],
      ['cvv2', CARD.cvv],
    ])
      await page.locator(`#app [name="${name}"]`).fill(value as string);
    const pay = page.locator('#app button');
    await pay.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '3-D Secure (ტესტი)' });
    await dialog.waitFor({ state: 'visible' });
    expect(await page.locator('.f-3ds iframe').getAttribute('title')).toBe('3-D Secure (ტესტი)');
    const whereIsFocus = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        if (!active || active === document.body) return 'body';
        return active.closest('dialog') ? 'dialog' : `outside: ${active.outerHTML.slice(0, 60)}`;
      });
    expect(await whereIsFocus()).toBe('dialog');
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await whereIsFocus()).not.toMatch(/^outside/);
    }
    await page.keyboard.press('Escape');
    const result = await embeddedResult();
    expect(result).toMatchObject({ order_status: 'declined', response_code: 1024 });
    expect(await page.locator('.f-3ds').count()).toBe(0);
    await expect(async () =>
      expect(await pay.evaluate((b) => b === document.activeElement)).toBe(true),
    ).toPass(WAIT);
  });

  test('hands a declined payment (delayed=N) to the callback listener as declined', async () => {
    const order = await createOrder('token');
    await openEmbedded(order.token);
    await payWith(page, '4444111155556666', 'embedded');

    const result = await embeddedResult();
    expect(result).toMatchObject({ order_status: 'declined', response_code: 1004 });
    expect(await verifySignature(result, KEY)).toBe(true);
    expect((await statusOf(order.orderId)).order_status).toBe('declined');
  });

  test('reports a bad card number as the widget’s error 2013 and marks the field invalid', async () => {
    const order = await createOrder('token');
    await openEmbedded(order.token);
    await payWith(page, '1234567812345678', 'embedded');

    await page.waitForFunction(() => (window as unknown as ShopWindow).errors.length > 0);
    expect(await page.evaluate(() => (window as unknown as ShopWindow).errors)).toEqual([2013]);
    expect(await page.getByLabel('Card number').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').textContent()).toBe(payerMessage(2013, 'en'));
    expect(await page.evaluate(() => (window as unknown as ShopWindow).result)).toBeNull();
    expect((await statusOf(order.orderId)).order_status).toBe('created');
  });

  test('without a callback listener, form-POSTs an approved payment to response_url', async () => {
    const order = await createOrder('token');
    await openEmbedded(order.token, '&no-callback');
    await payWith(page, '4444555511116666', 'embedded');

    await page.waitForURL(`${shop.url}/return`);
    const returned = returnOf(order.orderId);
    expect(returned).toMatchObject({ order_status: 'approved' });
    expect(await verifySignature(returned ?? {}, KEY)).toBe(true);
  });

  test('replaces the widget mounted on the same selector, and removes its form on $destroy()', async () => {
    const order = await createOrder('token');
    await openEmbedded(order.token);
    expect(await page.locator('#app form').count()).toBe(1);

    await page.evaluate((token) => {
      const shopWindow = window as unknown as ShopWindow;
      shopWindow.app = shopWindow.checkout('#app', { params: { token } });
    }, order.token);
    await page.waitForFunction(() => (window as unknown as ShopWindow).app.$el !== null);
    expect(await page.locator('#app form').count()).toBe(1);

    await page.evaluate(() => (window as unknown as ShopWindow).app.$destroy());
    expect(await page.locator('#app form').count()).toBe(0);
    expect(await page.getByLabel('Card number').count()).toBe(0);
  });

  test('logs console.error and throws nothing for a missing selector or a config that is not an object', async () => {
    const order = await createOrder('token');
    await openEmbedded(order.token);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));

    const outcome = await page.evaluate(() => {
      const { checkout } = window as unknown as ShopWindow;
      try {
        const missing = checkout('#missing', { params: {} });
        const noConfig = checkout('#app', null);
        return [typeof missing.$on, typeof noConfig.$on];
      } catch (error) {
        return `threw ${String(error)}`;
      }
    });
    expect(outcome).toEqual(['function', 'function']);
    await expect
      .poll(() => errors, WAIT)
      .toEqual([
        expect.stringContaining('target not found'),
        expect.stringContaining('config must be a plain object'),
      ]);
    expect(pageErrors).toEqual([]);
    expect(await page.locator('#app form').count()).toBe(1);
  });
});
