import {
  createSignature,
  FlittConfigError,
  FlittValidationError,
  signProtocol2,
} from '@flitt-checkout/core';
import { createSandbox, type Sandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFlittClient, type FlittClientOptions } from './createFlittClient.ts';
import {
  FlittApiError,
  FlittNetworkError,
  FlittSignatureError,
  FlittTimeoutError,
} from './errors.ts';

const SECRET = 'a-long-secret-key-42';
const sandbox: Sandbox = createSandbox({
  baseUrl: 'https://pay.flitt.com',
  merchants: [{ merchantId: 4242, secretKey: SECRET, currencies: ['GEL'] }],
});
const server = setupServer(...sandboxHandlers(sandbox));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sandbox.control.reset());
afterAll(() => {
  server.close();
  sandbox.close();
});

let seq = 0;
const order = (extra: Record<string, unknown> = {}) => ({
  order_id: `c-${Date.now()}-${++seq}`,
  order_desc: 'Sulguni',
  amount: 1250,
  currency: 'GEL' as const,
  ...extra,
});
const client = (options: Partial<FlittClientOptions> = {}) =>
  createFlittClient({ merchantId: 1549901, secretKey: 'test', retryDelayMs: 1, ...options });

const pay = async (token: string, card?: string) =>
  (await sandbox.control.pay(token, card)) as { order: Record<string, unknown> };

describe('createFlittClient configuration', () => {
  it.each([
    [{ secretKey: '' }, 'missing_secret_key', /secretKey is empty/],
    [{ secretKey: '   ' }, 'missing_secret_key', /secretKey/],
    [{ merchantId: 'abc' }, 'invalid_merchant_id', /numeric Flitt merchant id/],
    [{ merchantId: -1 }, 'invalid_merchant_id', /merchantId/],
    [{ baseUrl: 'http://pay.flitt.com' }, 'insecure_base_url', /https/],
    [{ baseUrl: 'not a url' }, 'invalid_base_url', /not a URL/],
    [{ timeoutMs: 0 }, 'invalid_timeout', /timeoutMs/],
  ] as const)('refuses %o on first use with %s', async (options, code, message) => {
    // Created without complaint (a build that imports the module has no secrets), refused on use.
    const bad = createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      ...options,
    } as FlittClientOptions);
    const error = await bad.getOrderStatus('o-1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FlittConfigError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(() => bad.merchantId).toThrow(message);
    await expect(bad.createCheckoutUrl(order())).rejects.toMatchObject({ code });
  });

  it('rejects, never throws, from every method of a misconfigured client', async () => {
    const bad = createFlittClient({ merchantId: 1549901, secretKey: '' } as FlittClientOptions);
    const calls: Record<string, () => Promise<unknown>> = {
      createCheckoutUrl: () => bad.createCheckoutUrl(order()),
      createCheckoutToken: () => bad.createCheckoutToken(order()),
      getOrderStatus: () => bad.getOrderStatus('o-1'),
      reverse: () => bad.reverse({ orderId: 'o-1', amount: 100, currency: 'GEL' }),
      capture: () => bad.capture({ orderId: 'o-1', amount: 100, currency: 'GEL' }),
      settle: () => bad.settle({} as never),
      recurring: () => bad.recurring({} as never),
      subscription: () => bad.subscription('o-1', 'stop'),
      verifyOrder: () => bad.verifyOrder({}),
      payout: () => bad.payout({} as never),
      verifyPayout: () => bad.verifyPayout({}),
      transactionList: () => bad.transactionList('o-1'),
    };
    for (const [name, call] of Object.entries(calls)) {
      let thrown: unknown;
      let promise: Promise<unknown> | undefined;
      try {
        promise = call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown, name).toBeUndefined();
      await expect(promise, name).rejects.toBeInstanceOf(FlittConfigError);
    }
  });

  it('can be created with no configuration at all, as a build that imports it does', () => {
    expect(() => createFlittClient(undefined as unknown as FlittClientOptions)).not.toThrow();
    expect(() =>
      createFlittClient({
        merchantId: undefined,
        secretKey: undefined,
      } as unknown as FlittClientOptions),
    ).not.toThrow();
  });

  it('allows plain http only for the local sandbox, and merchant ids as digit strings', () => {
    expect(client({ baseUrl: 'http://127.0.0.1:8610' }).baseUrl).toBe('http://127.0.0.1:8610');
    expect(client({ baseUrl: 'http://localhost:8610/' }).baseUrl).toBe('http://localhost:8610');
    expect(client({ merchantId: '1549901' }).merchantId).toBe(1549901);
  });

  it('never reveals the secret in its enumerable state or JSON', () => {
    const c = createFlittClient({ merchantId: 4242, secretKey: SECRET });
    expect(JSON.stringify(c)).not.toContain(SECRET);
    expect(Object.values(c).map(String).join(' ')).not.toContain(SECRET);
  });
});

describe('FlittClient against the sandbox', () => {
  it('creates a hosted checkout URL and a token', async () => {
    const c = client();
    const first = order();
    const created = await c.createCheckoutUrl(first);
    expect(created).toMatchObject({
      orderId: first.order_id,
      paymentId: expect.stringMatching(/^\d+$/),
    });
    expect(created.checkoutUrl).toMatch(
      /^https:\/\/pay\.flitt\.com\/merchants\/.+token=[0-9a-f]{40}$/,
    );
    const token = await c.createCheckoutToken(order());
    expect(token.token).toMatch(/^[0-9a-f]{40}$/);
    expect(sandbox.control.orders()).toHaveLength(2);
  });

  it('validates before sending: a bad order never reaches Flitt', async () => {
    const promise = client().createCheckoutUrl(
      order({ amount: 12.5, currency: 'gel', order_desc: 'a|b' }),
    );
    await expect(promise).rejects.toBeInstanceOf(FlittValidationError);
    await expect(promise).rejects.toThrow(/amount[\s\S]*currency|order_desc/);
    expect(sandbox.control.orders()).toHaveLength(0);
  });

  it('turns a Flitt refusal into FlittApiError with its code and request id', async () => {
    const c = client();
    const first = order();
    await c.createCheckoutUrl(first);
    const error = await c.createCheckoutUrl(first).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlittApiError);
    expect(error).toMatchObject({
      code: 'flitt_failure',
      flittCode: 1013,
      requestId: expect.any(String),
    });
  });

  it('reports a wrong key as Flitt error 1014 without echoing the key', async () => {
    const error = await createFlittClient({ merchantId: 4242, secretKey: `${SECRET}-wrong` })
      .createCheckoutUrl(order())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ flittCode: 1014 });
    expect(JSON.stringify(error) + String(error)).not.toContain(SECRET);
  });

  it('times out through AbortSignal with FlittTimeoutError', async () => {
    sandbox.control.failNext(1, 'timeout');
    const started = Date.now();
    const error = await client({ timeoutMs: 150 })
      .createCheckoutUrl(order())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlittTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('passes a caller abort through as the caller’s reason', async () => {
    sandbox.control.failNext(1, 'timeout');
    const abort = new AbortController();
    setTimeout(() => abort.abort(new Error('user left')), 30);
    await expect(client().createCheckoutUrl(order(), { signal: abort.signal })).rejects.toThrow(
      'user left',
    );
  });

  it('reports a connection reset as FlittNetworkError and a garbled reply as invalid_response', async () => {
    sandbox.control.failNext(1, 'reset');
    await expect(client().createCheckoutUrl(order())).rejects.toBeInstanceOf(FlittNetworkError);
    sandbox.control.failNext(1, 'malformed');
    await expect(client().createCheckoutUrl(order())).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });

  it('does not retry order creation (not safe to repeat) after a 500', async () => {
    sandbox.control.failNext(1, 'http500');
    await expect(client({ retries: 3 }).createCheckoutUrl(order())).rejects.toMatchObject({
      code: 'http_error',
    });
    expect(sandbox.control.orders()).toHaveLength(0);
  });

  it('retries status reads with backoff, up to `retries`', async () => {
    const c = client({ retries: 2 });
    const first = order();
    await c.createCheckoutUrl(first);
    sandbox.control.failNext(2, 'http500', '/api/status');
    expect((await c.getOrderStatus(first.order_id)).order_status).toBe('created');
    sandbox.control.failNext(3, 'http500', '/api/status');
    await expect(c.getOrderStatus(first.order_id)).rejects.toMatchObject({ code: 'http_error' });
    await expect(c.getOrderStatus('missing-order')).rejects.toMatchObject({ flittCode: 1018 });
  });

  it('rejects a status reply whose signature was altered on the way', async () => {
    const tampering: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const body = (await res.json()) as { response: Record<string, unknown> };
      if (body.response.order_status) body.response.order_status = 'approved';
      return Response.json(body);
    };
    const c = client({ fetch: tampering });
    const first = order();
    await c.createCheckoutUrl(first);
    await expect(c.getOrderStatus(first.order_id)).rejects.toBeInstanceOf(FlittSignatureError);
  });

  it('always sends the configured merchant_id and its own signature, whatever the order says', async () => {
    const sent: Record<string, unknown>[] = [];
    const recording: typeof fetch = async (input, init) => {
      sent.push((JSON.parse(String(init?.body)) as { request: Record<string, unknown> }).request);
      return fetch(input, init);
    };
    const c = client({ fetch: recording });
    const { checkoutUrl } = await c.createCheckoutUrl({
      ...order(),
      merchant_id: 4242,
    } as unknown as Parameters<typeof c.createCheckoutUrl>[0]);
    expect(checkoutUrl).toMatch(/^https:/);
    expect(sent[0]?.merchant_id).toBe(1549901);
    expect(sent[0]?.signature).toBe(await createSignature({ ...sent[0], signature: '' }, 'test'));
  });

  it('rejects a forged protocol 2.0 reply, wrapped or bare', async () => {
    const order = {
      order_id: 'o-1',
      merchant_id: 1549901,
      amount: '100',
      currency: 'GEL',
      order_status: 'approved',
    };
    const forged = { ...(await signProtocol2(order, 'not-the-key')), response_status: 'success' };
    for (const body of [{ response: forged }, forged]) {
      const c = client({ fetch: async () => Response.json(body) });
      await expect(c.getOrderStatus('o-1')).rejects.toBeInstanceOf(FlittSignatureError);
    }
  });

  it('refunds partially and idempotently, captures a pre-authorisation, charges a saved card', async () => {
    const c = client();
    const paid = order({ required_rectoken: 'Y', delayed: 'N' });
    const { token } = await c.createCheckoutToken(paid);
    const rectoken = String((await pay(token)).order.rectoken);
    const refund = {
      orderId: paid.order_id,
      amount: 250,
      currency: 'GEL' as const,
      reverseId: 'r1',
    };
    expect((await c.reverse(refund)).reversalAmount).toBe(250);
    expect((await c.reverse(refund)).reversalAmount).toBe(250);
    expect((await c.getOrderStatus(paid.order_id)).reversal_amount).toBe('250');

    const held = order({ preauth: 'Y', delayed: 'N' });
    await pay((await c.createCheckoutToken(held)).token);
    expect(
      (await c.capture({ orderId: held.order_id, amount: 1000, currency: 'GEL' })).captureStatus,
    ).toBe('captured');

    const charged = await c.recurring({ ...order(), rectoken });
    expect(charged).toMatchObject({ order_status: 'approved', rectoken });
  });

  it('checks reverse and capture input before sending', async () => {
    const c = client();
    await expect(c.reverse({ orderId: '', amount: 1, currency: 'GEL' })).rejects.toThrow(
      /order_id/,
    );
    await expect(c.reverse({ orderId: 'x', amount: 1.5, currency: 'GEL' })).rejects.toThrow(
      /amount/,
    );
    await expect(c.capture({ orderId: 'x', amount: 0, currency: 'GEL' })).rejects.toThrow(/amount/);
  });

  it('sends nested recurring_data with protocol 2.0 and verifies the 2.0 reply', async () => {
    const created = await client().createCheckoutUrl(
      order({
        subscription: 'Y',
        recurring_data: { every: 1, period: 'month', amount: 1250, start_time: '2030-01-01' },
      }),
    );
    expect(created.checkoutUrl).toContain('token=');
  });
});

describe('FlittClient.verifyOrder', () => {
  const base = {
    order_id: 'v-1',
    merchant_id: 1549901,
    amount: '100',
    currency: 'GEL',
    order_status: 'approved',
    response_status: 'success',
  };

  it('accepts a genuine order: flat, wrapped in response, or protocol 2.0', async () => {
    const c = client();
    const signed = { ...base, signature: await createSignature(base, 'test') };
    expect(await c.verifyOrder(signed)).toMatchObject({ order_id: 'v-1' });
    expect(await c.verifyOrder({ response: signed })).toMatchObject({ order_id: 'v-1' });
    expect(await c.verifyOrder(await signProtocol2(base, 'test'))).toMatchObject({
      order_status: 'approved',
    });
  });

  it('returns null for forged, altered, foreign or malformed bodies', async () => {
    const c = client();
    const signed = { ...base, signature: await createSignature(base, 'test') };
    const foreign = { ...base, merchant_id: 4242 };
    for (const body of [
      { ...signed, amount: '1' },
      { ...signed, signature: signed.signature.toUpperCase() },
      { ...base, signature: await createSignature(base, 'other') },
      { ...foreign, signature: await createSignature(foreign, 'test') },
      await signProtocol2(base, 'other'),
      { ...signed, extra: 'x' },
      null,
      'order',
      [signed],
      {},
    ]) {
      expect(await c.verifyOrder(body)).toBeNull();
    }
  });
});

describe('FlittClient replies from another merchant', () => {
  it('refuses a reply signed with its key but for another merchant (the test key "test" is everyone’s)', async () => {
    sandbox.control.addMerchant({ merchantId: 1700001, secretKey: 'test', currencies: ['GEL'] });
    const other = createFlittClient({ merchantId: 1700001, secretKey: 'test' });
    const created = order();
    await other.createCheckoutUrl(created);
    // Something between us and Flitt answers with the other merchant's genuine, signed reply.
    const misrouted = createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      retries: 0,
      fetch: async (input, init) => {
        const { request } = JSON.parse(String(init?.body)) as {
          request: Record<string, unknown>;
        };
        const fields: Record<string, unknown> = { ...request, merchant_id: 1700001 };
        delete fields.signature;
        const body = JSON.stringify({
          request: { ...fields, signature: await createSignature(fields, 'test') },
        });
        return fetch(input, { ...init, body });
      },
    });
    await expect(misrouted.getOrderStatus(created.order_id)).rejects.toBeInstanceOf(
      FlittSignatureError,
    );
    // The same reply to the merchant it belongs to is accepted.
    expect(await other.getOrderStatus(created.order_id)).toMatchObject({
      order_id: created.order_id,
      merchant_id: 1700001,
    });
  });
});

describe('FlittClient on a bad connection', () => {
  it('retries a status read after a reset, a garbled reply or a timeout, but never after a refusal', async () => {
    const c = client({ retries: 1, timeoutMs: 200 });
    const first = order();
    await c.createCheckoutUrl(first);
    for (const kind of ['reset', 'malformed', 'timeout', 'http500'] as const) {
      sandbox.control.failNext(1, kind, '/api/status');
      expect((await c.getOrderStatus(first.order_id)).order_status, kind).toBe('created');
    }
    // A refusal is Flitt's answer: asking again would get the same one.
    sandbox.control.failNext(1, 'flitt_error', '/api/status', 1013);
    await expect(c.getOrderStatus(first.order_id)).rejects.toMatchObject({ flittCode: 1013 });
  });

  it('refuses an order reply that carries no signature (Flitt always signs orders)', async () => {
    const stripping: typeof fetch = async (input, init) => {
      const body = (await (await fetch(input, init)).json()) as {
        response: Record<string, unknown>;
      };
      delete body.response.signature;
      return Response.json(body);
    };
    const c = client({ fetch: stripping });
    const first = order();
    // Checkout URLs and tokens come unsigned from Flitt: accepted.
    expect((await c.createCheckoutUrl(first)).checkoutUrl).toContain('token=');
    await expect(c.getOrderStatus(first.order_id)).rejects.toBeInstanceOf(FlittSignatureError);
  });

  it.each([
    ['a long key', 'a-long-secret-key-42'],
    ['a 6-character key', 'abc123'],
  ])('keeps %s out of a network error’s message', async (_, secretKey) => {
    const error = await createFlittClient({
      merchantId: 1549901,
      secretKey,
      retries: 0,
      fetch: async () => {
        throw new Error(`proxy refused https://u:${secretKey}@proxy`);
      },
    })
      .getOrderStatus('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlittNetworkError);
    expect((error as Error).message).toContain('***');
    expect((error as Error).message).not.toContain(secretKey);
  });
});
