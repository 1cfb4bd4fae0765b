// What each handler sends Flitt and answers the browser or Flitt, in the cases the main handler
// tests leave out: the URLs an order carries, ids across the random pool, the request's signal on
// each read from Flitt, the status answer for each kind of order, and refusals by their code.
// Flitt is the sandbox, or a client whose replies a test chooses.
import { createSignature, FlittConfigError, type FlittOrder } from '@flitt-checkout/core';
import { payerMessage, payerMessageForKey } from '@flitt-checkout/core/messages';
import { createSandbox } from '@flitt-checkout/sandbox';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  type CallOptions,
  createFlittClient,
  type FlittClient,
  type OrderInput,
} from './createFlittClient.ts';
import { createFlittHandlers, type FlittHandlersOptions } from './createFlittHandlers.ts';
import { FlittApiError } from './errors.ts';

const SHOP = 'https://shop.example';
const sandbox = createSandbox();
afterAll(() => sandbox.close());
const real = createFlittClient({
  merchantId: 1549901,
  secretKey: 'test',
  baseUrl: sandbox.baseUrl,
  retryDelayMs: 1,
  fetch: (input, init) => sandbox.handle(new Request(input, init)),
});

/** What the handlers asked of Flitt: each call's order (or order id) and its call options. */
const asked: { method: string; input: unknown; call: CallOptions | undefined }[] = [];
/** The sandbox's client, recording every call; `replies` replaces some of its methods. */
function client(replies: Partial<FlittClient> = {}): FlittClient {
  const record =
    <A, R>(method: string, run: (input: A, call?: CallOptions) => Promise<R>) =>
    (input: A, call?: CallOptions) => {
      asked.push({ method, input, call });
      return run(input, call);
    };
  return {
    ...real,
    verifyOrder: real.verifyOrder,
    createCheckoutUrl: record(
      'createCheckoutUrl',
      replies.createCheckoutUrl ?? real.createCheckoutUrl,
    ),
    createCheckoutToken: record(
      'createCheckoutToken',
      replies.createCheckoutToken ?? real.createCheckoutToken,
    ),
    getOrderStatus: record('getOrderStatus', replies.getOrderStatus ?? real.getOrderStatus),
    subscription: async (orderId, action, call) => {
      asked.push({ method: 'subscription', input: { orderId, action }, call });
      return (replies.subscription ?? real.subscription)(orderId, action, call);
    },
  };
}

const logger = { warn: vi.fn(), error: vi.fn() };
function handlers(overrides: Partial<FlittHandlersOptions> = {}) {
  asked.length = 0;
  return createFlittHandlers({
    client: client(),
    resolveOrder: () => ({ amount: 700, currency: 'GEL', order_desc: 'Tea' }),
    callbackUrl: `${SHOP}/api/flitt/callback`,
    returnUrl: `${SHOP}/api/flitt/return`,
    resultUrl: '/checkout/result',
    logger,
    ...overrides,
  });
}

const checkout = (body: unknown, init: RequestInit = {}) =>
  new Request(`${SHOP}/api/flitt/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
const orderSent = () =>
  asked.find((a) => a.method.startsWith('createCheckout'))?.input as OrderInput;

describe('createCheckout, what Flitt is sent', () => {
  it('the return URL with the order id, kept apart from the return URL’s own query', async () => {
    const h = handlers({ returnUrl: `${SHOP}/api/flitt/return?shop=7&order_id=old#top` });
    const { orderId } = await (await h.createCheckout(checkout({ order: {} }))).json();
    expect(orderSent().response_url).toBe(
      `${SHOP}/api/flitt/return?shop=7&order_id=${encodeURIComponent(orderId)}`,
    );
    const plain = handlers();
    const second = await (await plain.createCheckout(checkout({ order: {} }))).json();
    expect(orderSent()).toMatchObject({
      response_url: `${SHOP}/api/flitt/return?order_id=${encodeURIComponent(second.orderId)}`,
      server_callback_url: `${SHOP}/api/flitt/callback`,
    });
  });

  it('a subscription callback URL only with a subscription order', async () => {
    const plain = handlers();
    await plain.createCheckout(checkout({ order: {} }));
    expect(orderSent()).not.toHaveProperty('subscription_callback_url');
    const subscribing = handlers({
      resolveOrder: () => ({
        amount: 700,
        currency: 'GEL',
        order_desc: 'Tea every month',
        subscription: 'Y',
        recurring_data: { every: 1, period: 'month', amount: 700, start_time: '2030-01-01' },
      }),
    });
    await subscribing.createCheckout(checkout({ order: {} }));
    expect(orderSent().subscription_callback_url).toBe(`${SHOP}/api/flitt/callback`);
  });

  it('no return URL when none is set: Flitt shows its own page', async () => {
    const h = handlers({ returnUrl: undefined as never });
    expect((await h.createCheckout(checkout({ order: {} }))).status).toBe(200);
    expect(orderSent()).not.toHaveProperty('response_url');
  });

  it('a fresh 80-bit id for each of many checkouts, across refills of the random pool', async () => {
    const h = handlers({
      client: client({
        createCheckoutToken: async () => ({ token: 'a'.repeat(40) }) as never,
      }),
    });
    const ids: string[] = [];
    for (let i = 0; i < 230; i++)
      ids.push((await (await h.createCheckout(checkout({ flow: 'embedded' }))).json()).orderId);
    for (const id of ids) expect(id).toMatch(/^fc-[0-9a-z]+-[0-9a-f]{20}$/);
    expect(new Set(ids.map((id) => id.slice(-20))).size).toBe(ids.length);
  });
});

describe('createCheckout, what the browser gets', () => {
  it('a redirect checkout for a body that names no flow', async () => {
    const answer = await (await handlers().createCheckout(checkout({ order: {} }))).json();
    expect(answer).toMatchObject({ flow: 'redirect', checkoutUrl: expect.any(String) });
  });

  it('paymentId null when Flitt names no payment', async () => {
    const h = handlers({
      client: client({
        createCheckoutUrl: async () => ({ checkoutUrl: `${sandbox.baseUrl}/pay` }) as never,
      }),
    });
    expect(await (await h.createCheckout(checkout({ order: {} }))).json()).toMatchObject({
      paymentId: null,
    });
  });
});

// Creating an order is not cut off when the payer leaves (Flitt may have made it already); reading
// one is.
describe('the reads from Flitt carry the request’s signal, so a payer who leaves stops them', () => {
  it('status', async () => {
    const request = new Request(`${SHOP}/api/flitt/status?order_id=none`);
    await handlers().status(request);
    expect(asked.map((a) => a.call?.signal)).toEqual([request.signal]);
  });

  it('callback, a signed JSON body even without a content-type', async () => {
    const onEvent = vi.fn();
    const h = handlers({ onEvent });
    const { orderId } = await (await h.createCheckout(checkout({ flow: 'embedded' }))).json();
    asked.length = 0;
    const order = { order_id: orderId, merchant_id: '1549901', order_status: 'approved' };
    const body = JSON.stringify({ ...order, signature: await createSignature(order, 'test') });
    const request = new Request(`${SHOP}/api/flitt/callback`, {
      method: 'POST',
      body: new TextEncoder().encode(body),
    });
    expect(request.headers.get('content-type')).toBeNull();
    expect((await h.callback(request)).status).toBe(200);
    expect(asked.map((a) => a.call?.signal)).toEqual([request.signal]);
    expect(onEvent).toHaveBeenCalledTimes(1);
  });
});

describe('the status endpoint', () => {
  const statusOf = async (order: Partial<FlittOrder> | Error, orderId = 'o-1') => {
    const h = handlers({
      client: client({
        getOrderStatus: async () => {
          if (order instanceof Error) throw order;
          return { order_id: orderId, merchant_id: 1549901, ...order } as FlittOrder;
        },
      }),
    });
    const res = await h.status(
      new Request(`${SHOP}/api/flitt/status?order_id=${encodeURIComponent(orderId)}`),
    );
    return { status: res.status, body: await res.json() };
  };

  it('tells the payer a reversed order was cancelled, with the amount given back', async () => {
    const { body } = await statusOf({
      order_status: 'reversed',
      amount: '1500',
      currency: 'GEL',
      reversal_amount: '1500',
      response_code: '',
    });
    expect(body).toEqual({
      orderId: 'o-1',
      status: 'reversed',
      responseCode: null,
      amount: 1500,
      currency: 'GEL',
      reversalAmount: 1500,
      payerMessage: payerMessageForKey('cancelled', 'en'),
    });
  });

  it('names a declined order’s reason, and leaves other outcomes their own message', async () => {
    const declined = await statusOf({ order_status: 'declined', response_code: 1051, amount: 1 });
    expect(declined.body).toMatchObject({
      responseCode: 1051,
      payerMessage: payerMessage(1051, 'en'),
    });
    const approved = await statusOf({ order_status: 'approved', amount: 1 });
    expect(approved.body.payerMessage).toBe(payerMessageForKey('approved', 'en'));
  });

  it('answers responseCode null for a null code, and 0 for a reversal_amount left out', async () => {
    const { body } = await statusOf({
      order_status: 'processing',
      response_code: null as never,
      amount: 'x' as never,
    });
    expect(body).toMatchObject({
      responseCode: null,
      amount: 0,
      reversalAmount: 0,
      currency: '',
      payerMessage: payerMessageForKey('processing', 'en'),
    });
  });

  it('asks Flitt about an order id of 1024 characters, and refuses 1025 without asking', async () => {
    expect((await statusOf({ order_status: 'approved' }, 'x'.repeat(1024))).status).toBe(200);
    const long = await statusOf({ order_status: 'approved' }, 'x'.repeat(1025));
    expect(long.status).toBe(400);
    expect(asked).toEqual([]);
  });

  it('says order_not_found for Flitt’s 1018 only; another refusal is Flitt’s failure', async () => {
    const missing = await statusOf(
      new FlittApiError(1018, 'Order not found', 'r-1', '/api/status'),
    );
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'order_not_found' } } });
    const refused = await statusOf(new FlittApiError(1013, 'Duplicate', 'r-2', '/api/status'));
    expect(refused).toMatchObject({
      status: 502,
      body: { error: { code: 'flitt_failure', flittCode: 1013 } },
    });
  });

  it('answers 403 forbidden when authorizeStatus says no, before asking Flitt', async () => {
    const h = handlers({ authorizeStatus: () => false });
    const res = await h.status(new Request(`${SHOP}/api/flitt/status?order_id=o-1`));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: { code: 'forbidden', payerMessage: payerMessageForKey('payment_not_found', 'en') },
    });
    expect(asked).toEqual([]);
  });
});

describe('Flitt’s callback and the payer’s return', () => {
  it('answer 405 to a method other than POST', async () => {
    const h = handlers();
    expect((await h.callback(new Request(`${SHOP}/api/flitt/callback`))).status).toBe(405);
    const put = new Request(`${SHOP}/api/flitt/return`, { method: 'PUT', body: 'x' });
    expect((await h.paymentReturn(put)).status).toBe(405);
  });

  it('the return without an order id sends the payer to the bare result page', async () => {
    const res = await handlers().paymentReturn(new Request(`${SHOP}/api/flitt/return`));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/checkout/result');
  });
});

describe('a callback whose store or onEvent fails', () => {
  /** A signed callback for a fresh sandbox order, through handlers with `overrides`. */
  async function deliver(overrides: Partial<FlittHandlersOptions>) {
    const h = handlers(overrides);
    const { orderId } = await (await h.createCheckout(checkout({ flow: 'embedded' }))).json();
    const order = { order_id: orderId, merchant_id: '1549901', order_status: 'approved' };
    const body = JSON.stringify({ ...order, signature: await createSignature(order, 'test') });
    const res = await h.callback(
      new Request(`${SHOP}/api/flitt/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    );
    return res.status;
  }
  const released: string[] = [];
  const store = (fail: { claim?: boolean; release?: boolean }) => ({
    claim: async () => {
      if (fail.claim) throw new Error('store down');
      return 'claimed' as const;
    },
    complete: async () => {},
    release: async (key: string) => {
      released.push(key);
      if (fail.release) throw new Error('store gone');
    },
  });

  it('does not release a claim it never got, and the log blames the store', async () => {
    released.length = 0;
    logger.error.mockClear();
    expect(await deliver({ store: store({ claim: true }) })).toBe(500);
    expect(released).toEqual([]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/the callback store failed for payment\.\w+ fc-/),
      expect.objectContaining({ message: 'store down' }),
    );
  });

  it('releases the claim when onEvent fails, logs a release that fails too, and blames onEvent', async () => {
    released.length = 0;
    logger.error.mockClear();
    const onEvent = () => {
      throw new Error('fulfilment down');
    };
    expect(await deliver({ store: store({ release: true }), onEvent })).toBe(500);
    expect(released).toHaveLength(1);
    expect(logger.error).toHaveBeenCalledWith(
      `[flitt-checkout] the store could not release ${released[0]}`,
      expect.objectContaining({ message: 'store gone' }),
    );
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/onEvent failed for payment\.\w+ fc-/),
      expect.objectContaining({ message: 'fulfilment down' }),
    );
  });
});

describe('createCheckout with a resolveOrder that returns no object', () => {
  it.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['an array', [{ amount: 700 }], 'an array'],
    ['a number', 700, 'number'],
  ])('answers 500 invalid_order for %s, and the log says what it got', async (_, value, got) => {
    logger.error.mockClear();
    const h = handlers({ resolveOrder: () => value as never });
    const res = await h.createCheckout(checkout({ order: {} }));
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_order' } });
    expect(asked).toEqual([]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('create checkout'),
      expect.stringContaining(
        `resolveOrder must return an object such as { amount: 1500, currency: 'GEL', order_desc: 'Tea' }, got ${got}.`,
      ),
    );
  });
});

describe('the subscription endpoint', () => {
  const action = async (body: unknown, reply: FlittClient['subscription']) => {
    const h = handlers({
      client: client({ subscription: reply }),
      authorizeSubscription: () => true,
    });
    const res = await h.subscription(checkout(body));
    return { status: res.status, body: await res.json() };
  };
  const stopped: FlittClient['subscription'] = async (orderId) =>
    ({ orderId, status: 'stopped' }) as never;

  it('answers 400 invalid_request for a body that names no order, without asking Flitt', async () => {
    expect(await action({ orderId: '', action: 'stop' }, stopped)).toMatchObject({
      status: 400,
      body: {
        error: { code: 'invalid_request', payerMessage: payerMessageForKey('shop_error', 'en') },
      },
    });
    expect(asked).toEqual([]);
  });

  it('answers Flitt’s answer when the shop has no onEvent', async () => {
    expect(await action({ orderId: 'o-1', action: 'stop' }, stopped)).toEqual({
      status: 200,
      body: { orderId: 'o-1', status: 'stopped' },
    });
  });

  it('says order_not_found for Flitt’s 1018 only; another refusal is Flitt’s failure', async () => {
    const refusing = (code: number) => async () => {
      throw new FlittApiError(code, 'refused', 'r-1', '/api/subscription');
    };
    expect(await action({ orderId: 'o-1', action: 'stop' }, refusing(1018))).toMatchObject({
      status: 404,
      body: { error: { code: 'order_not_found' } },
    });
    expect(await action({ orderId: 'o-1', action: 'stop' }, refusing(1013))).toMatchObject({
      status: 502,
      body: { error: { code: 'flitt_failure', flittCode: 1013 } },
    });
  });
});

describe('createFlittHandlers’ options', () => {
  it.each<[string, unknown]>([
    ['no options', null],
    ['no client', { resolveOrder: () => ({}), resultUrl: '/r' }],
    ['no resolveOrder', { client: real, resultUrl: '/r' }],
    ['an empty resultUrl', { client: real, resolveOrder: () => ({}), resultUrl: '' }],
    [
      'the removed onOrder',
      { client: real, resolveOrder: () => ({}), resultUrl: '/r', onOrder() {} },
    ],
    [
      'the removed confirmWithStatusApi',
      { client: real, resolveOrder: () => ({}), resultUrl: '/r', confirmWithStatusApi: true },
    ],
    [
      'an onEvent that is no function',
      { client: real, resolveOrder: () => ({}), resultUrl: '/r', onEvent: 1 },
    ],
    [
      'an authorizeSubscription that is no function',
      { client: real, resolveOrder: () => ({}), resultUrl: '/r', authorizeSubscription: true },
    ],
    [
      'a lease of 0 ms',
      { client: real, resolveOrder: () => ({}), resultUrl: '/r', eventLeaseMs: 0 },
    ],
    [
      'a store without release',
      {
        client: real,
        resolveOrder: () => ({}),
        resultUrl: '/r',
        store: { claim() {}, complete() {} },
      },
    ],
  ])('refuses %s with the invalid_config code', (_, options) => {
    expect(() => createFlittHandlers(options as FlittHandlersOptions)).toThrow(
      expect.objectContaining({ code: 'invalid_config', constructor: FlittConfigError }),
    );
  });

  it('reports a callbackUrl that is not a URL on first use, naming the option and what it got', async () => {
    const h = handlers({ callbackUrl: ['https://shop.example/cb'] as never });
    const res = await h.createCheckout(checkout({ order: {} }));
    expect(res.status).toBe(500);
    expect(asked).toEqual([]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/callbackUrl must be an absolute http\(s\) URL .*got a list/),
    );
  });
});
