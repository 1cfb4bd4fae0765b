import { createSignature, verifySignature } from '@flitt-checkout/core';
import { getByRole, queryAllByRole, queryByRole, waitFor } from '@testing-library/dom';
// @ts-expect-error jsdom ships no types and the workspace has no @types/jsdom: typed below.
import { JSDOM as UntypedJSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './createSandbox.ts';
import type { SandboxMerchant } from './state.ts';

/** The part of jsdom's API these tests use. */
const JSDOM = UntypedJSDOM as new (
  html: string,
  options?: { runScripts?: 'outside-only'; url?: string; pretendToBeVisual?: boolean },
) => { window: Window & typeof globalThis };

// The sandbox's js-sdk stand-in (PaymentButton) run in a DOM (jsdom) whose fetch goes to the
// sandbox engine: the wallet buttons' availability, the stand-in sheet and the order it settles.

const BASE = 'https://pay.flitt.com';
const KEY = 'test';
const CALLBACK_URL = 'https://shop.example/flitt/callback';
const NO_WALLETS: SandboxMerchant = { merchantId: 1700002, secretKey: 'nowallet', wallets: [] };
let sandbox: Sandbox;
let callbacks: Record<string, unknown>[];
let seq = 0;
const windows: Window[] = [];
const modules: { destroy(): void }[] = [];

beforeEach(() => {
  callbacks = [];
  sandbox = createSandbox({
    baseUrl: BASE,
    merchants: [{ merchantId: 1700001, secretKey: 'apple-only', wallets: ['apple'] }, NO_WALLETS],
    callbackTimeScale: 0.0001,
    fetch: async (_url, init) => {
      callbacks.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
      return new Response('OK');
    },
  });
});
afterEach(() => {
  for (const module of modules.splice(0)) module.destroy();
  for (const window of windows.splice(0)) window.close();
  sandbox.close();
});

async function walletToken(
  extra: Record<string, unknown> = {},
  merchant: Pick<SandboxMerchant, 'merchantId' | 'secretKey'> = {
    merchantId: 1549901,
    secretKey: KEY,
  },
) {
  const params = {
    order_id: `wallet-${++seq}`,
    merchant_id: merchant.merchantId,
    order_desc: 'Khachapuri',
    amount: 1550,
    currency: 'GEL',
    server_callback_url: CALLBACK_URL,
    ...extra,
  };
  const response = await sandbox.handle(
    new Request(`${BASE}/api/checkout/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        request: { ...params, signature: await createSignature(params, merchant.secretKey) },
      }),
    }),
  );
  const { token } = ((await response.json()) as { response: { token: string } }).response;
  return { orderId: params.order_id, token, merchantId: merchant.merchantId };
}

type Model = { attr(path: string): unknown };
interface Page {
  readonly window: Window & typeof globalThis;
  readonly body: HTMLElement;
  readonly document: Document;
  readonly events: { name: string; payload: unknown }[];
  readonly module: { destroy(): void; update(data?: object): unknown };
  readonly befores: number[];
}

/**
 * A shop page that simulates the browser's wallets (`__flittSandboxWallets`, unless `wallets` is
 * null) and mounts `$checkout.get('PaymentButton', …)` into `#wallets`.
 */
function mount(
  order: { token: string; merchantId: number },
  wallets: { apple?: boolean; google?: boolean } | null = { apple: true, google: true },
  lang = 'en',
  globals: Record<string, unknown> = {},
): Page {
  const dom = new JSDOM(
    '<!doctype html><html lang="en"><body><button>Before</button><div id="wallets"></div></body></html>',
    { runScripts: 'outside-only', url: 'https://shop.example/checkout' },
  );
  windows.push(dom.window);
  const { window } = dom;
  Object.assign(window, {
    fetch: (input: string, init?: RequestInit) => sandbox.handle(new Request(input, init)),
    ...(wallets ? { __flittSandboxWallets: wallets } : {}),
    ...globals,
  });
  window.eval(scriptText);
  const events: Page['events'] = [];
  const befores: number[] = [];
  type Defer = { resolve(value?: unknown): void };
  const $checkout = (window as unknown as { $checkout: { get(name: string, p: object): never } })
    .$checkout;
  const module = $checkout.get('PaymentButton', {
    element: '#wallets',
    methods: ['apple', 'google'],
    data: { merchant_id: order.merchantId, token: order.token, lang },
    before(defer: Defer) {
      befores.push(Date.now());
      defer.resolve();
    },
  }) as Page['module'] & { on(name: string, fn: (payload: unknown) => void): Page['module'] };
  modules.push(module);
  for (const name of ['show', 'success', 'error'])
    module.on(name, (payload) => events.push({ name, payload }));
  return { window, body: window.document.body, document: window.document, events, module, befores };
}

let scriptText = '';
beforeEach(async () => {
  const response = await sandbox.handle(new Request(`${BASE}/latest/js-sdk/checkout.js`));
  scriptText = await response.text();
});

const orderOf = (payload: unknown) =>
  (payload as Model).attr('order.order_data') as Record<string, unknown>;

/** Waits until the order's wallet buttons are rendered, by their `show` events. */
async function shown(page: Page, count: number) {
  await waitFor(() => expect(page.events.filter((e) => e.name === 'show')).toHaveLength(count), {
    container: page.body,
  });
}

async function openSheet(page: Page, name: RegExp) {
  const button = await waitFor(() => getByRole(page.body, 'button', { name }), {
    container: page.body,
  });
  button.click();
  return getByRole(page.body, 'dialog');
}

async function outcome(page: Page) {
  await waitFor(
    () => expect(page.events.some((e) => e.name === 'success' || e.name === 'error')).toBe(true),
    { container: page.body },
  );
  return page.events.find((e) => e.name === 'success' || e.name === 'error') as {
    name: string;
    payload: unknown;
  };
}

describe('jsSdk: the stand-in PaymentButton', () => {
  it('is served at /latest/js-sdk/checkout.js as a script pages on any origin may load', async () => {
    const response = await sandbox.handle(new Request(`${BASE}/latest/js-sdk/checkout.js`));
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('renders a button per wallet the browser supports and Flitt allows, each a real button', async () => {
    const order = await walletToken();
    const page = mount(order);
    await shown(page, 2);
    const buttons = queryAllByRole(page.body, 'button', { name: /pay$/i });
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Apple Pay', 'Google Pay']);
    expect(buttons.every((b) => b.getAttribute('type') === 'button')).toBe(true);
    expect(page.events.map((e) => e.payload)).toEqual([{ method: 'apple' }, { method: 'google' }]);
  });

  it('renders Apple Pay only where the simulated browser has only Apple Pay', async () => {
    const page = mount(await walletToken(), { apple: true });
    await shown(page, 1);
    expect(getByRole(page.body, 'button', { name: 'Apple Pay' })).toBeTruthy();
    expect(queryByRole(page.body, 'button', { name: 'Google Pay' })).toBeNull();
  });

  it('renders none where the browser has no wallet, nor for a merchant without wallets', async () => {
    const none = mount(await walletToken(), {});
    const barred = mount(await walletToken({}, NO_WALLETS));
    const allowed = await sandbox.handle(
      new Request(`${BASE}/sandbox/wallet/methods`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: (await walletToken({}, NO_WALLETS)).token }),
      }),
    );
    expect(await allowed.json()).toMatchObject({ allowed: [], amount: 1550, currency: 'GEL' });
    await new Promise((r) => setTimeout(r, 50));
    for (const page of [none, barred]) {
      expect(page.body.querySelector('.flitt-sandbox-wallet-button')).toBeNull();
      expect(page.events).toEqual([]);
    }
  });

  it('leaves out a wallet the merchant does not allow, though the browser has it', async () => {
    const page = mount(await walletToken({}, { merchantId: 1700001, secretKey: 'apple-only' }));
    await shown(page, 1);
    expect(queryByRole(page.body, 'button', { name: 'Google Pay' })).toBeNull();
    expect(getByRole(page.body, 'button', { name: 'Apple Pay' })).toBeTruthy();
  });

  it('asks the browser (ApplePaySession.canMakePayments) when the page simulates nothing', async () => {
    const order = await walletToken();
    const page = mount(order, null);
    await shown(page, 1);
    expect(getByRole(page.body, 'button', { name: 'Google Pay' })).toBeTruthy();
    expect(queryByRole(page.body, 'button', { name: 'Apple Pay' })).toBeNull();
    const safari = mount(await walletToken(), null, 'en', {
      ApplePaySession: { canMakePayments: () => true },
    });
    await shown(safari, 2);
    expect(getByRole(safari.body, 'button', { name: 'Apple Pay' })).toBeTruthy();
  });

  it('approves: before(), the sheet, then success with the signed approved order and a callback', async () => {
    const { orderId, ...order } = await walletToken();
    const page = mount(order, { google: true }, 'ka');
    await shown(page, 1);
    const sheet = await openSheet(page, /Google Pay/);
    expect(page.befores).toHaveLength(1);
    expect(sheet.textContent).toContain('Khachapuri');
    expect(sheet.textContent).toContain(
      new Intl.NumberFormat('ka', { style: 'currency', currency: 'GEL' }).format(15.5),
    );
    getByRole(sheet, 'button', { name: 'Pay' }).click();
    const result = await outcome(page);
    expect(result.name).toBe('success');
    const data = orderOf(result.payload);
    expect(data).toMatchObject({
      order_id: orderId,
      order_status: 'approved',
      amount: '1550',
      currency: 'GEL',
      masked_card: '444455XXXXXX6666',
      payment_system: 'card',
    });
    expect(String(data.additional_info)).toContain('"payment_method": "googlepay"');
    expect(await verifySignature(data, KEY)).toBe(true);
    await sandbox.control.callbacksIdle();
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ order_id: orderId, order_status: 'approved' });
    expect(queryByRole(page.body, 'dialog')).toBeNull();
  });

  it('declines: success with the order declined 1004 (delayed=N), and its callback', async () => {
    const order = await walletToken({ delayed: 'N' });
    const page = mount(order);
    const sheet = await openSheet(page, /Apple Pay/);
    getByRole(sheet, 'button', { name: 'Decline (sandbox)' }).click();
    const result = await outcome(page);
    expect(result.name).toBe('success');
    expect(orderOf(result.payload)).toMatchObject({
      order_status: 'declined',
      response_code: 1004,
    });
    await sandbox.control.callbacksIdle();
    expect(callbacks[0]).toMatchObject({ order_status: 'declined', response_code: 1004 });
  });

  it('declines a delayed order (Flitt’s default) as a failed attempt: processing with 1004, still payable', async () => {
    const order = await walletToken();
    const page = mount(order);
    getByRole(await openSheet(page, /Apple Pay/), 'button', { name: 'Decline (sandbox)' }).click();
    expect(orderOf((await outcome(page)).payload)).toMatchObject({
      order_status: 'processing',
      response_code: 1004,
    });
    expect(await sandbox.control.payWallet(order.token, 'apple')).toMatchObject({
      order: { order_status: 'approved' },
    });
  });

  it('passes 3-D Secure in a second step of the sheet: approved with eci 5', async () => {
    const order = await walletToken();
    const page = mount(order);
    const sheet = await openSheet(page, /Google Pay/);
    getByRole(sheet, 'button', { name: 'Pay with 3-D Secure' }).click();
    const bank = getByRole(page.body, 'dialog', { name: '3-D Secure (sandbox)' });
    expect(page.document.activeElement).toBe(getByRole(bank, 'button', { name: 'Confirm' }));
    getByRole(bank, 'button', { name: 'Confirm' }).click();
    const result = await outcome(page);
    expect(orderOf(result.payload)).toMatchObject({ order_status: 'approved', eci: '5' });
  });

  it('declines with 1024 when 3-D Secure fails, also when Escape abandons the bank’s step', async () => {
    for (const how of ['button', 'escape'] as const) {
      const order = await walletToken({ delayed: 'N' });
      const page = mount(order);
      getByRole(await openSheet(page, /Google Pay/), 'button', {
        name: 'Pay with 3-D Secure',
      }).click();
      const bank = getByRole(page.body, 'dialog');
      if (how === 'button') getByRole(bank, 'button', { name: 'Fail 3-D Secure' }).click();
      else
        page.document.activeElement?.dispatchEvent(
          new page.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
        );
      const result = await outcome(page);
      expect(result.name).toBe('success');
      expect(orderOf(result.payload)).toMatchObject({
        order_status: 'declined',
        response_code: 1024,
      });
    }
  });

  it('cancels as each wallet does: Apple Pay { code: 20, message: "cancel" }, no request, the order still open', async () => {
    const { orderId, ...order } = await walletToken();
    const page = mount(order);
    const sheet = await openSheet(page, /Apple Pay/);
    getByRole(sheet, 'button', { name: 'Cancel' }).click();
    const result = await outcome(page);
    expect(result).toEqual({ name: 'error', payload: { code: 20, message: 'cancel' } });
    expect(sandbox.control.order(orderId)).toMatchObject({ status: 'created', attempts: 0 });
    expect(page.document.activeElement).toBe(getByRole(page.body, 'button', { name: 'Apple Pay' }));
  });

  it('is a named modal dialog that takes the focus, keeps Tab inside and closes on Escape', async () => {
    const { orderId, ...order } = await walletToken();
    const page = mount(order);
    const sheet = await openSheet(page, /Google Pay/);
    expect(getByRole(page.body, 'dialog', { name: 'Google Pay (sandbox)' })).toBe(sheet);
    expect(sheet.getAttribute('aria-modal')).toBe('true');
    const buttons = queryAllByRole(sheet, 'button');
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Pay',
      'Pay with 3-D Secure',
      'Decline (sandbox)',
      'Cancel',
    ]);
    expect(page.document.activeElement).toBe(buttons[0]);
    const last = buttons.at(-1) as HTMLElement;
    last.focus();
    last.dispatchEvent(new page.window.KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    expect(page.document.activeElement).toBe(buttons[0]);
    // A second click on a wallet button while the sheet is open does nothing.
    getByRole(page.body, 'button', { name: 'Apple Pay' }).click();
    expect(queryAllByRole(page.body, 'dialog')).toHaveLength(1);
    expect(page.befores).toHaveLength(1);
    buttons[0]?.dispatchEvent(
      new page.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
    );
    expect(queryByRole(page.body, 'dialog')).toBeNull();
    // Google's cancel reaches the SDK's listeners with neither a code nor a message.
    expect((await outcome(page)).payload).toEqual({ code: undefined, message: undefined });
    expect(sandbox.control.order(orderId)?.status).toBe('created');
  });

  it('answers a paid or expired token with error 1019 and renders no button', async () => {
    const paid = await walletToken();
    await sandbox.control.payWallet(paid.token, 'google');
    const expired = await walletToken({ lifetime: 60 });
    sandbox.control.advanceClock(120);
    for (const order of [paid, expired]) {
      const page = mount(order);
      const result = await outcome(page);
      expect(result.name).toBe('error');
      expect((result.payload as Model).attr('error.code')).toBe(1019);
      expect(page.body.querySelector('.flitt-sandbox-wallet-button')).toBeNull();
    }
  });

  it('reports a failed payment request (HTTP 500) as error, the order unpaid', async () => {
    const { orderId, ...order } = await walletToken();
    const page = mount(order);
    const sheet = await openSheet(page, /Apple Pay/);
    sandbox.control.failNext(1, 'http500', '/sandbox/wallet/pay');
    getByRole(sheet, 'button', { name: 'Pay' }).click();
    const result = await outcome(page);
    expect(result.name).toBe('error');
    expect((result.payload as Model).attr('error.code')).toBe(1002);
    expect(sandbox.control.order(orderId)?.status).toBe('created');
  });

  it('waits for update({ token }) when created without one; $checkout(name) is one instance', async () => {
    const order = await walletToken();
    const page = mount(order);
    await shown(page, 2);
    type Module = { on(n: string, f: (p: unknown) => void): Module; update(d: object): unknown };
    const $checkout = (page.window as unknown as { $checkout(n: string, p?: object): Module })
      .$checkout;
    const host = page.document.createElement('div');
    page.body.append(host);
    const later = $checkout('PaymentButton', {
      element: host,
      data: { merchant_id: order.merchantId },
    });
    expect($checkout('PaymentButton')).toBe(later);
    const shows: unknown[] = [];
    later.on('show', (payload) => shows.push(payload));
    await new Promise((r) => setTimeout(r, 20));
    expect(host.childElementCount).toBe(0);
    later.update({ token: (await walletToken()).token });
    await waitFor(() => expect(shows).toHaveLength(2), { container: page.body });
    expect(queryAllByRole(host, 'button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Apple Pay',
      'Google Pay',
    ]);
  });

  it('destroy() removes its buttons and an open sheet, and stops its events', async () => {
    const page = mount(await walletToken());
    await openSheet(page, /Apple Pay/);
    page.module.destroy();
    expect(page.body.querySelector('.flitt-sandbox-wallet-button')).toBeNull();
    expect(queryByRole(page.body, 'dialog')).toBeNull();
  });
});

describe('control.payWallet', () => {
  it('pays an order by order id as the sheet does, without a browser', async () => {
    const { orderId } = await walletToken();
    const answer = await sandbox.control.payWallet(orderId, 'apple', '3ds_pass');
    expect(answer).toMatchObject({ order: { order_id: orderId, order_status: 'approved' } });
    expect(await sandbox.control.payWallet(orderId, 'apple')).toMatchObject({
      error: { code: 2009 },
    });
  });
});
