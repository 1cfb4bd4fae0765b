import { createSignature, type FlittOrder, signProtocol2 } from '@flitt-checkout/core';
import { MESSAGES } from '@flitt-checkout/core/messages';
import { createSandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallbackStore, ClaimResult } from './callbackStore.ts';
import { createFlittClient } from './createFlittClient.ts';
import { createFlittHandlers, type FlittHandlersOptions } from './createFlittHandlers.ts';
import { FlittHttpError } from './errors.ts';
import type { FlittEvent } from './events.ts';

const SHOP = 'https://shop.example';
let handlers: ReturnType<typeof createFlittHandlers>;
// Callbacks from the sandbox go straight into the Web handler, as on a Workers/Next.js deployment.
const sandbox = createSandbox({
  baseUrl: 'https://pay.flitt.com',
  callbackTimeScale: 0.0001,
  fetch: async (input, init) => handlers.callback(new Request(input, init)),
});
const server = setupServer(...sandboxHandlers(sandbox));
const logger = { warn: vi.fn(), error: vi.fn() };
const received: FlittOrder[] = [];
const events: FlittEvent[] = [];

function setup(overrides: Partial<FlittHandlersOptions> = {}) {
  handlers = createFlittHandlers({
    client: createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      timeoutMs: 300,
      retryDelayMs: 1,
    }),
    resolveOrder: ({ order }) => {
      const cart = order as { items?: { sku: string; qty: number }[] };
      if (!cart?.items?.length) throw new FlittHttpError(400, 'empty_cart', 'The cart is empty.');
      const prices: Record<string, number> = { tea: 700, honey: 1800 };
      const amount = cart.items.reduce((sum, i) => sum + (prices[i.sku] ?? 0) * i.qty, 0);
      return {
        amount,
        currency: 'GEL',
        order_desc: `Order of ${cart.items.length} items`,
        delayed: 'N',
      };
    },
    onEvent: (event) => {
      events.push(event);
      if ('order' in event) received.push(event.order);
    },
    callbackUrl: `${SHOP}/api/flitt/callback`,
    returnUrl: `${SHOP}/api/flitt/return`,
    resultUrl: '/checkout/result',
    logger,
    ...overrides,
  });
  return handlers;
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  sandbox.control.reset();
  received.length = 0;
  events.length = 0;
  vi.clearAllMocks();
});
afterAll(() => {
  server.close();
  sandbox.close();
});

const post = (
  handler: (r: Request) => Promise<Response>,
  body: unknown,
  type = 'application/json',
) =>
  handler(
    new Request(`${SHOP}/api/flitt/x`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
const cart = {
  items: [
    { sku: 'tea', qty: 2 },
    { sku: 'honey', qty: 1 },
  ],
};

/** An approved order object as Flitt posts it (form fields are strings), unsigned. */
const approvedOrder = (orderId: string) => ({
  order_id: orderId,
  merchant_id: '1549901',
  amount: '100',
  currency: 'GEL',
  order_status: 'approved',
  response_status: 'success',
});

/** The order as a form body, signed with the test key. */
const signedForm = async (order: Record<string, string>) =>
  new URLSearchParams({ ...order, signature: await createSignature(order, 'test') }).toString();

async function payToken(token: string, card?: string) {
  await sandbox.control.pay(token, card);
  await sandbox.control.callbacksIdle();
}

describe('createCheckout', () => {
  it('prices the order on the server and answers a checkout URL (redirect)', async () => {
    const res = await post(setup().createCheckout, {
      flow: 'redirect',
      order: { ...cart, amount: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { orderId: string; checkoutUrl: string; paymentId: string };
    expect(body.checkoutUrl).toMatch(/^https:\/\/pay\.flitt\.com\/merchants\//);
    expect(body.orderId).toMatch(/^fc-[0-9a-z]+-[0-9a-f]{20}$/);
    expect(sandbox.control.order(body.orderId)).toMatchObject({ amount: 3200, currency: 'GEL' });
  });

  it('answers a token for the embedded flow', async () => {
    const res = await post(setup().createCheckout, { flow: 'embedded', order: cart });
    expect(await res.json()).toMatchObject({
      flow: 'embedded',
      token: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
  });

  it('gives Flitt the payer’s language, or Russian where Flitt has no page in it', async () => {
    const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', timeoutMs: 300 });
    const redirect = vi.spyOn(client, 'createCheckoutUrl');
    const embedded = vi.spyOn(client, 'createCheckoutToken');
    const h = setup({ client });
    for (const [locale, lang] of [
      ['ro', 'ro'],
      ['az', 'az'],
      ['hy', 'ru'],
      ['kk', 'ru'],
      ['uz', 'ru'],
      ['de', 'en'],
    ] as const) {
      await post(h.createCheckout, { flow: 'redirect', order: cart, locale });
      await post(h.createCheckout, { flow: 'embedded', order: cart, locale });
      expect(redirect.mock.lastCall?.[0], locale).toMatchObject({ lang });
      expect(embedded.mock.lastCall?.[0], locale).toMatchObject({ lang });
    }
  });

  it('answers in a language the shop added, and in the shop’s own words', async () => {
    const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', timeoutMs: 300 });
    const redirect = vi.spyOn(client, 'createCheckoutUrl');
    const resolveOrder = vi.fn(() => ({
      amount: 100,
      currency: 'GEL' as const,
      order_desc: 'Tee',
    }));
    const payerMessages = {
      de: { shop_error: 'Der Shop nimmt gerade keine Zahlungen an.' },
      hy: { shop_error: 'Խանութը հիմա վճարումներ չի ընդունում։' },
    };
    const h = setup({ client, resolveOrder, payerMessages });
    // A body the handler refuses before reading its locale: the language is Accept-Language's.
    const refusal = async (language: string) => {
      const res = await h.createCheckout(
        new Request(`${SHOP}/api/flitt/x`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-language': language },
          body: JSON.stringify({ flow: 'popup' }),
        }),
      );
      return ((await res.json()) as { error: { payerMessage: string } }).error.payerMessage;
    };
    expect(await refusal('de-AT,de;q=0.9')).toBe(payerMessages.de.shop_error);
    expect(await refusal('fr, hy;q=0.8')).toBe(payerMessages.hy.shop_error);
    expect(await refusal('ka')).toBe(MESSAGES.ka.shop_error);
    // What the shop did not write is English; its language reaches resolveOrder and Flitt.
    await post(h.createCheckout, { flow: 'redirect', order: cart, locale: 'de' });
    expect(resolveOrder).toHaveBeenLastCalledWith(expect.objectContaining({ locale: 'de' }));
    expect(redirect.mock.lastCall?.[0]).toMatchObject({ lang: 'de' });
    // Without payerMessages, German is not spoken: English, and Flitt's page in English.
    const plain = setup({ client, resolveOrder });
    await post(plain.createCheckout, { flow: 'redirect', order: cart, locale: 'de' });
    expect(resolveOrder).toHaveBeenLastCalledWith(expect.objectContaining({ locale: 'en' }));
  });

  it('gives every checkout a new unique order id', async () => {
    const h = setup();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++)
      ids.add(
        ((await (await post(h.createCheckout, { order: cart })).json()) as { orderId: string })
          .orderId,
      );
    expect(ids.size).toBe(5);
  });

  it.each([
    ['GET', undefined, 'application/json', 405, 'method_not_allowed'],
    ['POST', 'flow=redirect', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    ['POST', '{"flow":', 'application/json', 400, 'invalid_request'],
    ['POST', '[1]', 'application/json', 400, 'invalid_request'],
    ['POST', '{"flow":"popup"}', 'application/json', 400, 'invalid_request'],
    [
      'POST',
      JSON.stringify({ order: 'x'.repeat(70_000) }),
      'application/json',
      413,
      'payload_too_large',
    ],
    ['POST', '{"order":{"items":[]}}', 'application/json', 400, 'empty_cart'],
  ])('%s %s → %i %s', async (method, body, type, status, code) => {
    const res = await setup().createCheckout(
      new Request(`${SHOP}/api/flitt/checkout`, {
        method,
        headers: { 'content-type': type },
        ...(body ? { body } : {}),
      }),
    );
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    expect(sandbox.control.orders()).toHaveLength(0);
  });

  it('answers 500 invalid_order when resolveOrder builds an order Flitt would refuse, sending nothing', async () => {
    const h = setup({ resolveOrder: () => ({ amount: 10.5, currency: 'GEL', order_desc: 'x' }) });
    const res = await post(h.createCheckout, { order: cart });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_order' } });
    expect(logger.error).toHaveBeenCalled();
    expect(sandbox.control.orders()).toHaveLength(0);
  });

  it('maps Flitt failures to 502 with Flitt’s code, timeouts to 504, resets to 502', async () => {
    const h = setup({
      resolveOrder: () => ({ amount: 100, currency: 'GEL', order_desc: 'x', order_id: 'fixed-id' }),
    });
    expect((await post(h.createCheckout, { order: cart })).status).toBe(200);
    const dup = await post(h.createCheckout, { order: cart });
    expect(dup.status).toBe(502);
    expect(await dup.json()).toMatchObject({ error: { code: 'flitt_failure', flittCode: 1013 } });
    sandbox.control.failNext(1, 'timeout');
    const slow = await post(setup().createCheckout, { order: cart });
    expect(slow.status).toBe(504);
    expect(await slow.json()).toMatchObject({ error: { code: 'timeout' } });
    sandbox.control.failNext(1, 'reset');
    expect((await post(setup().createCheckout, { order: cart })).status).toBe(502);
  });

  it('takes resolveOrder answering at once, with a Promise or with another thenable alike', async () => {
    const order = { amount: 1234, currency: 'GEL' as const, order_desc: 'Same order' };
    // Not a native Promise: what a library's own promise type looks like to the handlers.
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, as a library's promise is.
    const thenable = { then: (resolve: (value: typeof order) => void) => resolve(order) };
    for (const resolveOrder of [() => order, async () => order, () => thenable as never]) {
      const res = await post(setup({ resolveOrder }).createCheckout, { order: cart });
      expect(res.status).toBe(200);
      const { orderId } = (await res.json()) as { orderId: string };
      expect(sandbox.control.order(orderId)).toMatchObject({ amount: 1234, currency: 'GEL' });
    }
    for (const resolveOrder of [
      async () => {
        throw new Error('db password is hunter2');
      },
      () => null as never,
    ]) {
      const res = await post(setup({ resolveOrder }).createCheckout, { order: cart });
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('hunter2');
    }
  });

  it("starts the checkout with a merchant's own client that answers plainly or with its own promise", async () => {
    const created = {
      orderId: 'x',
      checkoutUrl: 'https://pay.flitt.com/merchants/x/default/index.html?token=t',
      paymentId: '7',
    };
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, as a library's promise is.
    const thenable = { then: (resolve: (value: typeof created) => void) => resolve(created) };
    for (const answer of [() => created, () => thenable]) {
      const client = {
        merchantId: 1549901,
        baseUrl: 'https://pay.flitt.com',
        createCheckoutUrl: answer,
      };
      const res = await post(setup({ client: client as never }).createCheckout, { order: cart });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ checkoutUrl: created.checkoutUrl, paymentId: '7' });
    }
  });

  it('answers 500 internal_error without details when resolveOrder crashes', async () => {
    const h = setup({
      resolveOrder: () => {
        throw new Error('db password is hunter2');
      },
    });
    const res = await post(h.createCheckout, { order: cart });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('hunter2');
  });
});

describe('callback', () => {
  async function paidOrder(card?: string) {
    const res = await post(setup().createCheckout, { flow: 'embedded', order: cart });
    const { token, orderId } = (await res.json()) as { token: string; orderId: string };
    await payToken(token, card);
    return orderId;
  }

  it('receives the sandbox callback, verifies it and calls onEvent once with payment.approved', async () => {
    const orderId = await paidOrder();
    expect(events).toEqual([
      {
        type: 'payment.approved',
        id: `${orderId}|approved|0||`,
        orderId,
        amount: 3200,
        currency: 'GEL',
        held: false,
        order: expect.objectContaining({ order_id: orderId, order_status: 'approved' }),
      },
    ]);
    expect(sandbox.control.callbacks().map((c) => c.status)).toEqual([200]);
  });

  it('calls onEvent for declines too: payment.declined with the code, final', async () => {
    await paidOrder('4444111155556666');
    expect(events).toEqual([
      expect.objectContaining({ type: 'payment.declined', responseCode: 1004, final: true }),
    ]);
  });

  it('turns a hold, its capture and refunds into one event each', async () => {
    const h = setup({
      resolveOrder: () => ({ amount: 5000, currency: 'GEL', order_desc: 'Held', preauth: 'Y' }),
    });
    const { token, orderId } = (await (
      await post(h.createCheckout, { flow: 'embedded', order: cart })
    ).json()) as { token: string; orderId: string };
    await payToken(token);
    const client = createFlittClient({ merchantId: 1549901, secretKey: 'test' });
    await client.capture({ orderId, amount: 4000, currency: 'GEL' });
    await sandbox.control.callbacksIdle();
    await client.reverse({ orderId, amount: 1000, currency: 'GEL', reverseId: 'r1' });
    await sandbox.control.callbacksIdle();
    await client.reverse({ orderId, amount: 3000, currency: 'GEL', reverseId: 'r2' });
    await sandbox.control.callbacksIdle();
    expect(
      events.map((e) => ({
        type: e.type,
        ...('held' in e ? { held: e.held } : {}),
        ...('capturedAmount' in e ? { capturedAmount: e.capturedAmount } : {}),
        ...('refundedAmount' in e ? { refundedAmount: e.refundedAmount, full: e.full } : {}),
      })),
    ).toEqual([
      { type: 'payment.approved', held: true },
      { type: 'payment.captured', capturedAmount: 4000 },
      { type: 'payment.refunded', refundedAmount: 1000, full: false },
      { type: 'payment.refunded', refundedAmount: 4000, full: true },
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
  });

  it('answers 500 when the callback store fails, so Flitt retries, and delivers on the retry', async () => {
    const orderId = await paidOrder();
    const [attempt] = sandbox.control.callbacks();
    received.length = 0;
    let down = true;
    const claimed = new Set<string>();
    const store: CallbackStore = {
      async claim(key) {
        if (down) throw new Error('redis down');
        if (claimed.has(key)) return 'done';
        claimed.add(key);
        return 'claimed';
      },
      complete() {},
      release(key) {
        claimed.delete(key);
      },
    };
    setup({ store });
    const failed = await post(handlers.callback, attempt?.body);
    expect(failed.status).toBe(500);
    expect(received).toHaveLength(0);
    down = false;
    expect((await post(handlers.callback, attempt?.body)).status).toBe(200);
    expect(received).toEqual([expect.objectContaining({ order_id: orderId })]);
  });

  it('treats a repeated callback as a duplicate: 200, onEvent not called again', async () => {
    await paidOrder();
    const [attempt] = sandbox.control.callbacks();
    const replay = await post(handlers.callback, attempt?.body);
    expect(replay.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('rejects forged and altered callbacks with 400 and never calls onEvent', async () => {
    setup();
    const order = {
      order_id: 'x-1',
      merchant_id: 1549901,
      amount: '3200',
      currency: 'GEL',
      order_status: 'approved',
      response_status: 'success',
    };
    const genuine = { ...order, signature: await createSignature(order, 'test') };
    for (const body of [
      { ...order, signature: await createSignature(order, 'guess') },
      { ...genuine, amount: '1' },
      { ...genuine, order_status: 'declined' },
      { ...order },
      'not json at all',
    ]) {
      const res = await post(handlers.callback, body);
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
    expect(received).toEqual([]);
  });

  it('accepts form-encoded and protocol 2.0 callbacks', async () => {
    const orderId = await paidOrder();
    const body = sandbox.control.callbacks()[0]?.body as Record<string, unknown>;
    const { signature, ...genuine } = body;
    const fields = Object.fromEntries(
      Object.entries(genuine).map(([k, v]) => [k, v === null ? '' : String(v)]),
    );
    setup(); // a fresh store: each encoding is a first delivery
    const form = new URLSearchParams({ ...fields, signature: String(signature) }).toString();
    expect((await post(handlers.callback, form, 'application/x-www-form-urlencoded')).status).toBe(
      200,
    );
    setup();
    expect(
      (await post(handlers.callback, { response: await signProtocol2(genuine, 'test') })).status,
    ).toBe(200);
    expect(received.map((o) => o.order_id)).toEqual([orderId, orderId, orderId]);
  });

  it('passes on Flitt’s status reply, so a reshaped genuine callback cannot fake a new event', async () => {
    const orderId = await paidOrder();
    const genuine = sandbox.control.callbacks()[0]?.body as Record<string, unknown>;
    // Values are signed, not names: merging two neighbours with "|" keeps the signature valid.
    const { rrn, ...rest } = genuine;
    const reshaped = { ...rest, reversal_amount: `${genuine.reversal_amount}|${rrn}` };
    expect((await post(handlers.callback, reshaped)).status).toBe(400);
    // A genuine object with a changed-but-unsigned meaning still reaches onEvent only as Flitt sees it.
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      order_id: orderId,
      order_status: 'approved',
      reversal_amount: '0',
    });
  });

  it('rejects a signed callback for an order Flitt does not know', async () => {
    setup();
    const order = {
      order_id: 'never-created',
      merchant_id: 1549901,
      amount: '100',
      currency: 'GEL',
      order_status: 'approved',
      response_status: 'success',
    };
    const res = await post(handlers.callback, {
      ...order,
      signature: await createSignature(order, 'test'),
    });
    expect(res.status).toBe(400);
    expect(received).toEqual([]);
  });

  it('answers 500 when onEvent fails, so Flitt retries, and processes the retry', async () => {
    let fail = true;
    setup({
      onEvent: (event) => {
        if (fail) {
          fail = false;
          throw new Error('database down');
        }
        if ('order' in event) received.push(event.order);
      },
    });
    const { token } = (await (
      await post(handlers.createCheckout, { flow: 'embedded', order: cart })
    ).json()) as { token: string };
    await payToken(token);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(sandbox.control.callbacks().map((c) => c.status)).toEqual([500, 200]);
  });

  it('uses the store to decide duplicates, so several instances can share one', async () => {
    const claims: [string, number][] = [];
    const completed: string[] = [];
    const store: CallbackStore = {
      claim: (key, leaseMs) => {
        const seen = claims.some(([k]) => k === key);
        claims.push([key, leaseMs]);
        return seen ? 'done' : 'claimed';
      },
      complete: (key) => {
        completed.push(key);
      },
      release: () => {},
    };
    await paidOrder();
    setup({ store, eventLeaseMs: 30_000 });
    const body = sandbox.control.callbacks()[0]?.body;
    expect((await post(handlers.callback, body)).status).toBe(200);
    expect((await post(handlers.callback, body)).status).toBe(200);
    const id = expect.stringMatching(/\|approved\|0\|\|$/);
    expect(claims).toEqual([
      [id, 30_000],
      [id, 30_000],
    ]);
    expect(completed).toEqual([id]);
  });

  it('answers 503 while another instance holds the event, and runs it once that lease is gone', async () => {
    await paidOrder();
    const body = sandbox.control.callbacks()[0]?.body;
    let answer: ClaimResult = 'busy';
    const store: CallbackStore = { claim: () => answer, complete: () => {}, release: () => {} };
    received.length = 0;
    setup({ store });
    expect((await post(handlers.callback, body)).status).toBe(503);
    expect(received).toEqual([]);
    answer = 'claimed';
    expect((await post(handlers.callback, body)).status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('lets concurrent copies in one instance share the running handler’s answer', async () => {
    await paidOrder();
    const body = sandbox.control.callbacks()[0]?.body;
    let finish: ((ok: boolean) => void) | undefined;
    received.length = 0;
    setup({
      onEvent: (event) =>
        new Promise<void>((resolve, reject) => {
          finish = (ok) => (ok ? resolve() : reject(new Error('database down')));
        }).then(() => {
          if ('order' in event) received.push(event.order);
        }),
    });
    // Let the copies' status checks (in-process, a few ms) reach the running one.
    const settleWhenAllWait = async (ok: boolean) => {
      await vi.waitFor(() => expect(finish).toBeDefined());
      await new Promise((resolve) => setTimeout(resolve, 100));
      finish?.(ok);
      finish = undefined;
    };
    const failing = Array.from({ length: 5 }, () => post(handlers.callback, body));
    await settleWhenAllWait(false);
    const statuses = (await Promise.all(failing)).map((r) => r.status).sort();
    // The one that ran says 500; its copies say 503: all of them come back on Flitt's retry.
    expect(statuses).toEqual([500, 503, 503, 503, 503]);
    const retried = Array.from({ length: 5 }, () => post(handlers.callback, body));
    await settleWhenAllWait(true);
    expect((await Promise.all(retried)).map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(received).toHaveLength(1);
  });

  it('answers 200 when onEvent succeeded but the store could not mark it done (no second run)', async () => {
    await paidOrder();
    const body = sandbox.control.callbacks()[0]?.body;
    received.length = 0;
    setup({
      store: {
        claim: () => 'claimed',
        complete: () => Promise.reject(new Error('redis down')),
        release: () => {},
      },
    });
    expect((await post(handlers.callback, body)).status).toBe(200);
    expect(received).toHaveLength(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/could not mark .* done/),
      expect.any(Error),
    );
  });

  it('refuses the removed options and a store without the three calls, naming the fix', () => {
    const base = {
      client: createFlittClient({ merchantId: 1549901, secretKey: 'test' }),
      resolveOrder: () => ({ amount: 100, currency: 'GEL' as const, order_desc: 'x' }),
      resultUrl: '/result',
    };
    expect(() => createFlittHandlers({ ...base, onOrder: () => {} } as never)).toThrow(
      /onOrder` was replaced by `onEvent/,
    );
    expect(() => createFlittHandlers({ ...base, confirmWithStatusApi: false } as never)).toThrow(
      /confirmWithStatusApi` was removed/,
    );
    expect(() =>
      createFlittHandlers({ ...base, store: { claim: () => true, release: () => {} } } as never),
    ).toThrow(/claim\(key, leaseMs\), complete\(key\) and release\(key\)/);
    expect(() => createFlittHandlers({ ...base, eventLeaseMs: 0 })).toThrow(/eventLeaseMs/);
    expect(() => createFlittHandlers({ ...base, onEvent: 'x' } as never)).toThrow(
      /onEvent must be a function/,
    );
  });
});

describe('paymentReturn', () => {
  it('verifies the posted order and sends the payer to the result page with 303', async () => {
    const h = setup();
    const order = approvedOrder('r-1');
    const form = await signedForm(order);
    const res = await post(h.paymentReturn, form, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/checkout/result?order_id=r-1');
    const forged = new URLSearchParams({ ...order, signature: 'f'.repeat(40) }).toString();
    expect((await post(h.paymentReturn, forged, 'application/x-www-form-urlencoded')).status).toBe(
      400,
    );
  });

  it('redirects a GET return (no parameters) to the result page, keeping our order_id hint', async () => {
    const res = await setup().paymentReturn(new Request(`${SHOP}/api/flitt/return?order_id=r-2`));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/checkout/result?order_id=r-2');
  });

  it('never sends the payer to the host a request names (Host header injection)', async () => {
    // Behind a proxy that passes Host on, request.url carries whatever Host the sender chose.
    const res = await setup().paymentReturn(
      new Request('http://evil.example/api/flitt/return?order_id=r-3'),
    );
    expect(res.headers.get('location')).toBe('/checkout/result?order_id=r-3');
    const form = await signedForm(approvedOrder('r-4'));
    const posted = await setup().paymentReturn(
      new Request('http://evil.example/api/flitt/return', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      }),
    );
    expect(posted.headers.get('location')).toBe('/checkout/result?order_id=r-4');
    // An absolute resultUrl is the merchant's own choice, and stays as configured.
    const absolute = await setup({ resultUrl: 'https://shop.example/result' }).paymentReturn(
      new Request('http://evil.example/api/flitt/return?order_id=r-5'),
    );
    expect(absolute.headers.get('location')).toBe('https://shop.example/result?order_id=r-5');
  });
});

describe('status', () => {
  it('answers the verified status from Flitt, not from the browser', async () => {
    const h = setup();
    const { token, orderId } = (await (
      await post(h.createCheckout, { flow: 'embedded', order: cart })
    ).json()) as {
      token: string;
      orderId: string;
    };
    const ask = () =>
      h.status(new Request(`${SHOP}/api/flitt/status?order_id=${orderId}&status=approved`));
    expect(await (await ask()).json()).toMatchObject({
      orderId,
      status: 'created',
      responseCode: null,
    });
    await payToken(token, '4000001037000007');
    expect(await (await ask()).json()).toMatchObject({
      status: 'declined',
      responseCode: 1037,
      amount: 3200,
      currency: 'GEL',
    });
  });

  it('answers 404 for an unknown order, 400 without order_id, 403 when not authorised', async () => {
    const h = setup({ authorizeStatus: (_, id) => id !== 'someone-elses' });
    expect((await h.status(new Request(`${SHOP}/s?order_id=missing`))).status).toBe(404);
    expect((await h.status(new Request(`${SHOP}/s`))).status).toBe(400);
    expect((await h.status(new Request(`${SHOP}/s?order_id=someone-elses`))).status).toBe(403);
  });

  it('answers a failing authorizeStatus with a JSON 500 and logs it, instead of throwing', async () => {
    const h = setup({
      authorizeStatus: async () => {
        throw new Error('session store down');
      },
    });
    const res = await h.status(new Request(`${SHOP}/s?order_id=o-1`));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: {
        code: 'internal_error',
        message: 'The shop could not read the order status.',
        // Not "failed": the payment may well have gone through.
        payerMessage: expect.stringMatching(/still being processed/),
      },
    });
    expect(logger.error).toHaveBeenCalledWith('[flitt-checkout] status failed', expect.any(Error));
  });
});

describe('createFlittHandlers configuration', () => {
  it('refuses missing code at creation; a bad URL (from the environment) only on first use', () => {
    const client = createFlittClient({ merchantId: 1549901, secretKey: 'test' });
    const ok = {
      client,
      resolveOrder: () => ({ amount: 1, currency: 'GEL' as const, order_desc: 'x' }),
      resultUrl: '/r',
    };
    expect(() => createFlittHandlers({ ...ok, client: undefined as never })).toThrow(/client/);
    expect(() => createFlittHandlers({ ...ok, resolveOrder: undefined as never })).toThrow(
      /resolveOrder/,
    );
    expect(() => createFlittHandlers({ ...ok, resultUrl: '' })).toThrow(/resultUrl/);
    // badInput.test.ts checks the 500 and the log line of the first checkout.
    expect(() => createFlittHandlers({ ...ok, callbackUrl: '/api/flitt/callback' })).not.toThrow();
  });
});

describe('a client configured wrong, found on first use', () => {
  // As in a deployment whose FLITT_SECRET_KEY is missing: the module loads (next build passes),
  // and every handler says so loudly instead of blaming Flitt or the payer.
  const misconfigured = () =>
    setup({
      client: createFlittClient({
        merchantId: 1549901,
        secretKey: process.env.FLITT_NO_SUCH_VARIABLE as string,
      }),
    });

  it('answers create checkout and status with 500, naming the setting only in the log', async () => {
    const h = misconfigured();
    const res = await h.createCheckout(
      new Request(`${SHOP}/api/flitt/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ order: { items: [{ sku: 'tea', qty: 1 }] } }),
      }),
    );
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; payerMessage: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.payerMessage).not.toBe('');
    expect(JSON.stringify(body)).not.toMatch(/secretKey|missing_secret_key/);
    expect(logger.error).toHaveBeenCalledWith(expect.stringMatching(/secretKey is empty/));
    const status = await h.status(new Request(`${SHOP}/api/flitt/status?order_id=o-1`));
    expect(status.status).toBe(500);
    expect(sandbox.control.orders()).toEqual([]);
  });

  it('answers a callback and a payment return with 500, so Flitt tries again once it is fixed', async () => {
    const h = misconfigured();
    const form = new URLSearchParams({ order_id: 'o-1', signature: 'a'.repeat(40) }).toString();
    for (const handler of [h.callback, h.paymentReturn]) {
      const res = await handler(
        new Request(`${SHOP}/api/flitt/callback`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        }),
      );
      expect(res.status).toBe(500);
    }
  });
});

describe('callback: what onEvent gets is what Flitt confirms', () => {
  /** A checkout made through the handlers, with its order id and token (not yet paid). */
  async function checkout(overrides: Partial<FlittHandlersOptions> = {}) {
    const res = await post(setup(overrides).createCheckout, { flow: 'embedded', order: cart });
    return (await res.json()) as { token: string; orderId: string };
  }

  /** Whoever holds the key (or a signed callback to reshape) posts this object, signed. */
  const signedCallback = async (fields: Record<string, string>) => ({
    ...fields,
    signature: await createSignature(fields, 'test'),
  });

  it('gives onEvent the order from Flitt’s status reply, and dedupes on its id, however the signed body reads', async () => {
    const { token, orderId } = await checkout();
    await payToken(token);
    expect(events).toHaveLength(1);
    // A signed body that claims a decline and a refund: Flitt still says approved, nothing new.
    const claims = await signedCallback({
      ...approvedOrder(orderId),
      order_status: 'declined',
      response_code: '1004',
      reversal_amount: '3200',
      note: 'not from Flitt',
    });
    expect((await post(handlers.callback, claims)).status).toBe(200);
    expect(events).toHaveLength(1);
    // A fresh instance (empty store) that sees that body first hands on Flitt's order.
    events.length = 0;
    setup();
    expect((await post(handlers.callback, claims)).status).toBe(200);
    expect(events).toEqual([
      expect.objectContaining({ type: 'payment.approved', id: `${orderId}|approved|0||` }),
    ]);
    const confirmed = events[0] && 'order' in events[0] ? events[0].order : undefined;
    expect(confirmed).toMatchObject({ order_status: 'approved', reversal_amount: '0' });
    expect(confirmed).not.toHaveProperty('note');
  });

  it('delivers a signed callback for an order not yet paid as payment.processing', async () => {
    const { orderId } = await checkout();
    const res = await post(
      handlers.callback,
      await signedCallback({ ...approvedOrder(orderId), order_status: 'created' }),
    );
    expect(res.status).toBe(200);
    expect(events).toEqual([
      expect.objectContaining({ type: 'payment.processing', id: `${orderId}|created|0||` }),
    ]);
  });

  it('gives each declined attempt on a delayed order its own event, with its code', async () => {
    const { token, orderId } = await checkout({
      resolveOrder: () => ({ amount: 700, currency: 'GEL', order_desc: 'Tea', delayed: 'Y' }),
    });
    await payToken(token, '4000001037000007');
    await payToken(token, '4000001051000008');
    expect(events.map((e) => e.type === 'payment.declined' && [e.responseCode, e.final])).toEqual([
      [1037, false],
      [1051, false],
    ]);
    expect(events.map((e) => e.id)).toEqual([
      `${orderId}|processing|0||1037`,
      `${orderId}|processing|0||1051`,
    ]);
  });

  it('answers 503 when Flitt’s status check fails (outage, or any refusal but 1018), so Flitt retries', async () => {
    const client = createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      retries: 0,
      timeoutMs: 300,
    });
    const { token, orderId } = await checkout({ client });
    await payToken(token);
    const [attempt] = sandbox.control.callbacks();
    events.length = 0;
    setup({ client }); // a fresh instance: the event is not done yet
    for (const [kind, code] of [
      ['http500', undefined],
      ['reset', undefined],
      ['flitt_error', 1013],
    ] as const) {
      sandbox.control.failNext(1, kind, '/api/status/order_id', code);
      const res = await post(handlers.callback, attempt?.body);
      expect(res.status, `${kind} ${code ?? ''}`).toBe(503);
      expect(events).toEqual([]);
    }
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('status check failed'));
    // Flitt's retry, once the status API answers again, is delivered.
    expect((await post(handlers.callback, attempt?.body)).status).toBe(200);
    expect(events).toEqual([expect.objectContaining({ type: 'payment.approved', orderId })]);
  });
});

describe('callback bodies', () => {
  it('reads a signed JSON callback whatever its content type says, with whitespace around it', async () => {
    const { token } = (await (
      await post(setup().createCheckout, { flow: 'embedded', order: cart })
    ).json()) as { token: string };
    await payToken(token);
    const genuine = sandbox.control.callbacks()[0]?.body;
    events.length = 0;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      setup(); // a fresh instance each time: not a duplicate
      const res = await post(handlers.callback, `\n  ${JSON.stringify(genuine)}\n`, type);
      expect(res.status, type).toBe(200);
    }
    expect(events.map((e) => e.type)).toEqual(['payment.approved', 'payment.approved']);
  });

  it.each(['null', '[{"order_id":"x"}]', '"order"', '42', '{"order_id":', ''])(
    'answers 400 to the body %j and calls no onEvent',
    async (body) => {
      setup();
      const res = await post(handlers.callback, body);
      expect(res.status).toBe(400);
      expect(sandbox.control.orders()).toEqual([]);
      expect(events).toEqual([]);
    },
  );
});

describe('callback and status edge cases a merchant meets', () => {
  it('answers 200 to a genuine callback when no onEvent is configured', async () => {
    handlers = createFlittHandlers({
      client: createFlittClient({ merchantId: 1549901, secretKey: 'test' }),
      resolveOrder: () => ({ amount: 700, currency: 'GEL', order_desc: 'Tea' }),
      callbackUrl: `${SHOP}/api/flitt/callback`,
      resultUrl: '/checkout/result',
      logger,
    });
    const { token } = (await (
      await post(handlers.createCheckout, { flow: 'embedded', order: cart })
    ).json()) as { token: string };
    await payToken(token);
    expect(sandbox.control.callbacks().map((c) => c.status)).toEqual([200]);
  });

  it('answers 503 to every copy in this instance while another instance holds the event', async () => {
    const { token } = (await (
      await post(setup().createCheckout, { flow: 'embedded', order: cart })
    ).json()) as { token: string };
    await payToken(token);
    const body = sandbox.control.callbacks()[0]?.body;
    let claims = 0;
    const store: CallbackStore = {
      claim: async (): Promise<ClaimResult> => {
        claims++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return 'busy';
      },
      complete: () => {},
      release: () => {},
    };
    received.length = 0;
    setup({ store });
    const answers = await Promise.all([1, 2, 3].map(() => post(handlers.callback, body)));
    expect(answers.map((a) => a.status)).toEqual([503, 503, 503]);
    expect(claims).toBe(1);
    expect(received).toEqual([]);
  });

  it('answers the status endpoint’s Flitt outage as an outage, never as “no such order”', async () => {
    const h = setup({
      client: createFlittClient({
        merchantId: 1549901,
        secretKey: 'test',
        retries: 0,
        timeoutMs: 300,
      }),
      authorizeStatus: () => true,
    });
    const { orderId } = (await (
      await post(h.createCheckout, { flow: 'embedded', order: cart })
    ).json()) as { orderId: string };
    sandbox.control.failNext(1, 'http500', '/api/status');
    const res = await h.status(new Request(`${SHOP}/s?order_id=${orderId}`));
    expect(res.status).toBe(502);
    sandbox.control.failNext(1, 'flitt_error', '/api/status', 1013);
    expect((await h.status(new Request(`${SHOP}/s?order_id=${orderId}`))).status).toBe(502);
  });
});
