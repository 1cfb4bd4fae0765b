import { createSignature } from '@flitt-checkout/core';
import { getByLabelText, getByRole, queryByRole, waitFor } from '@testing-library/dom';
// @ts-expect-error jsdom ships no types and the workspace has no @types/jsdom: typed below.
import { JSDOM as UntypedJSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkoutJs } from './checkoutJs.ts';
import { createSandbox, type Sandbox } from './createSandbox.ts';
import { text } from './pages.ts';

/** The part of jsdom's API these tests use. */
const JSDOM = UntypedJSDOM as new (
  html: string,
  options?: { runScripts?: 'outside-only'; url?: string },
) => { window: Window & typeof globalThis };

// The sandbox's checkout.js run in a DOM (jsdom) whose fetch goes to the sandbox engine: the code
// step of verification_type=code as the payer meets it in the embedded form.

const BASE = 'https://pay.flitt.com';
const KEY = 'test';
let sandbox: Sandbox;
let seq = 0;
const windows: Window[] = [];

beforeEach(() => {
  sandbox = createSandbox({ baseUrl: BASE });
});
afterEach(() => {
  for (const window of windows.splice(0)) window.close();
  sandbox.close();
});

async function codeToken(extra: Record<string, unknown> = {}) {
  const params = {
    order_id: `widget-${++seq}`,
    merchant_id: 1549901,
    order_desc: 'Save a card',
    amount: 100,
    currency: 'GEL',
    verification: 'Y',
    verification_type: 'code',
    required_rectoken: 'Y',
    ...extra,
  };
  const response = await sandbox.handle(
    new Request(`${BASE}/api/checkout/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        request: { ...params, signature: await createSignature(params, KEY) },
      }),
    }),
  );
  const { token } = ((await response.json()) as { response: { token: string } }).response;
  return { orderId: params.order_id, token };
}

interface Mounted {
  readonly body: HTMLElement;
  readonly document: Document;
  readonly events: { name: string; order?: Record<string, unknown> }[];
  readonly ready: Promise<void>;
}

/** A shop page that mounts checkout('#app', { params: { token, lang } }) with a callback listener. */
function mount(token: string, lang?: string): Mounted {
  const dom = new JSDOM('<!doctype html><html lang="en"><body><div id="app"></div></body></html>', {
    runScripts: 'outside-only',
    url: 'https://shop.example/checkout',
  });
  windows.push(dom.window);
  const { window } = dom;
  Object.assign(window, {
    fetch: (input: string, init?: RequestInit) => sandbox.handle(new Request(input, init)),
  });
  window.eval(checkoutJs(BASE));
  const events: Mounted['events'] = [];
  let ready!: () => void;
  const readyPromise = new Promise<void>((resolve) => {
    ready = resolve;
  });
  type Model = { attr(path: string): unknown };
  const app = (
    window as unknown as {
      checkout(target: string, config: object): { $on(name: string, fn: (m: Model) => void): void };
    }
  ).checkout('#app', { params: { token, ...(lang ? { lang } : {}) } });
  app.$on('ready', () => ready());
  for (const name of ['success', 'callback', 'error'])
    app.$on(name, (model) =>
      events.push({ name, order: model.attr('order.order_data') as Record<string, unknown> }),
    );
  return { body: window.document.body, document: window.document, events, ready: readyPromise };
}

function type(field: HTMLElement, value: string) {
  (field as HTMLInputElement).value = value;
}

async function payWithCard(page: Mounted, locale: 'en' | 'ka' | 'ru' | 'uk' = 'en') {
  const t = text(locale);
  await page.ready;
  type(getByLabelText(page.body, t.cardNumber), '4444555511116666');
  type(getByLabelText(page.body, t.expiry), '12/30');
  type(getByLabelText(page.body, t.cvv), '123');
  getByRole(page.body, 'button', { name: new RegExp(`^${t.pay}`) }).click();
  // By role: hidden elements have none, so this waits until the code step is shown.
  return waitFor(() => getByRole(page.body, 'textbox', { name: t.verifyCode }), {
    container: page.body,
  });
}

describe('checkout.js: the verification code step', () => {
  it('swaps the card fields for a labelled code field, focused, in the payer’s language', async () => {
    const t = text('ka');
    const { orderId, token } = await codeToken();
    const page = mount(token, 'ka');
    const field = await payWithCard(page, 'ka');
    expect(page.document.activeElement).toBe(field);
    expect(queryByRole(page.body, 'textbox', { name: t.cardNumber })).toBeNull(); // hidden
    const described = String(field.getAttribute('aria-describedby'));
    expect(page.document.getElementById(described)?.textContent).toBe(t.verifyBody);
    const code = sandbox.control.order(orderId)?.verificationCode ?? 'none';
    expect(page.body.textContent).toContain(t.verifyHint.replace('{code}', code));
    expect(getByRole(page.body, 'button', { name: t.verifySubmit })).toBeTruthy();
    // Nothing final yet: no success, no callback.
    expect(page.events).toEqual([]);
  });

  it('says a wrong code is wrong (role=alert, the field invalid), then verifies with the right one', async () => {
    const t = text('en');
    const { orderId, token } = await codeToken();
    const page = mount(token);
    const field = await payWithCard(page);
    const code = sandbox.control.order(orderId)?.verificationCode ?? '';
    type(field, code === '0000' ? '1111' : '0000');
    getByRole(page.body, 'button', { name: t.verifySubmit }).click();
    const alert = await waitFor(() => getByRole(page.body, 'alert'), {
      container: page.body,
    });
    expect(alert.textContent).toBe(t.verifyWrong);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(page.document.activeElement).toBe(field);
    expect((field as HTMLInputElement).value).toBe('');

    type(field, code);
    getByRole(page.body, 'button', { name: t.verifySubmit }).click();
    await waitFor(() => expect(page.events.map((e) => e.name)).toEqual(['success', 'callback']), {
      container: page.body,
    });
    expect(page.events[1]?.order).toMatchObject({
      order_status: 'reversed',
      verification_status: 'verified',
    });
    expect(page.events[1]?.order?.rectoken).toMatch(/^[0-9A-Za-z]{46}$/);
    expect(page.body.querySelector('[role="alert"]:not([hidden])')).toBeNull();
  });

  it('opens at the code step when the page is loaded again, without moving the focus', async () => {
    const t = text('ru');
    const { token } = await codeToken();
    await payWithCard(mount(token, 'ru'), 'ru');
    const again = mount(token, 'ru');
    await again.ready;
    const field = getByRole(again.body, 'textbox', { name: t.verifyCode });
    expect(queryByRole(again.body, 'textbox', { name: t.cardNumber })).toBeNull();
    expect(again.document.activeElement).not.toBe(field);
  });

  it('reports a failed check (declined 1088) after the third wrong code', async () => {
    const t = text('uk');
    const { orderId, token } = await codeToken();
    const page = mount(token, 'uk');
    const field = await payWithCard(page, 'uk');
    const code = sandbox.control.order(orderId)?.verificationCode ?? '';
    for (let i = 0; i < 3; i++) {
      type(field, code === '0000' ? '1111' : '0000');
      const button = getByRole(page.body, 'button', { name: t.verifySubmit });
      button.click();
      expect(button.getAttribute('aria-busy')).toBe('true');
      await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('false'), {
        container: page.body,
      });
    }
    await waitFor(() => expect(page.events.at(-1)?.name).toBe('callback'), {
      container: page.body,
    });
    expect(page.events.at(-1)?.order).toMatchObject({
      order_status: 'declined',
      response_code: 1088,
      verification_status: 'failed',
    });
  });
});
