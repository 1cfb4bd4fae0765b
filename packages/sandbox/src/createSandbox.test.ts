import {
  createSignature,
  decodeProtocol2,
  parseFlittResponse,
  signProtocol2,
  verifyProtocol2,
  verifySignature,
} from '@flitt-checkout/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './createSandbox.ts';

const BASE = 'https://pay.flitt.com';
const KEY = 'test';
let sandbox: Sandbox;
let seq = 0;

afterEach(() => sandbox?.close());

function fresh(options: Parameters<typeof createSandbox>[0] = {}) {
  sandbox = createSandbox({ baseUrl: BASE, ...options });
  return sandbox;
}

const orderParams = (extra: Record<string, unknown> = {}) => ({
  order_id: `t-${Date.now()}-${++seq}`,
  merchant_id: 1549901,
  order_desc: 'Khachapuri',
  amount: 1500,
  currency: 'GEL',
  ...extra,
});

async function call(
  path: string,
  params: Record<string, unknown>,
  {
    key = KEY,
    sign = true,
    format = 'json',
  }: { key?: string; sign?: boolean; format?: 'json' | 'form' } = {},
) {
  const signed = sign ? { ...params, signature: await createSignature(params, key) } : params;
  const init: RequestInit =
    format === 'json'
      ? {
          body: JSON.stringify({ request: signed }),
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }
      : {
          body: new URLSearchParams(
            Object.entries(signed).map(([k, v]) => [k, String(v)]),
          ).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        };
  const response = await sandbox.handle(new Request(`${BASE}${path}`, { method: 'POST', ...init }));
  expect(response.status).toBe(200);
  const text = await response.text();
  return format === 'json'
    ? (JSON.parse(text).response as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(text));
}

async function embedded(path: string, body: Record<string, unknown>) {
  const response = await sandbox.handle(
    new Request(`${BASE}/sandbox/embedded/${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    }),
  );
  // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON keeps these assertions short
  return (await response.json()) as Record<string, any>;
}

const card = (number: string) => ({ card_number: number, expiry_date: '12/30', cvv2: '123' });

async function createToken(extra: Record<string, unknown> = {}) {
  const params = orderParams(extra);
  const response = await call('/api/checkout/token', params);
  return { params, token: String(response.token) };
}

describe('sandbox API: creating orders', () => {
  it('answers /api/checkout/url with a checkout_url on its own origin and a payment_id', async () => {
    fresh();
    const response = await call('/api/checkout/url', orderParams());
    const result = parseFlittResponse({ response });
    expect(result).toMatchObject({ status: 'success', kind: 'checkout_url' });
    expect(String(response.checkout_url)).toMatch(
      /^https:\/\/pay\.flitt\.com\/merchants\/[0-9a-f]+\/default\/index\.html\?token=[0-9a-f]{40}$/,
    );
    expect(String(response.payment_id)).toMatch(/^\d+$/);
  });

  it('answers /api/checkout/token with a 40-hex token', async () => {
    fresh();
    expect((await call('/api/checkout/token', orderParams())).token).toMatch(/^[0-9a-f]{40}$/);
  });

  it('answers a form request in form encoding', async () => {
    fresh();
    const response = await call('/api/checkout/url', orderParams({ lang: 'ka' }), {
      format: 'form',
    });
    expect(response.response_status).toBe('success');
    expect(response.checkout_url).toContain('token=');
  });

  it('accepts protocol 2.0 and answers with a signed 2.0 envelope', async () => {
    fresh();
    const params = orderParams();
    const request = await signProtocol2(params, KEY);
    const res = await sandbox.handle(
      new Request(`${BASE}/api/checkout/token`, {
        method: 'POST',
        body: JSON.stringify({ request }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    const { response } = (await res.json()) as { response: Record<string, unknown> };
    expect(response.version).toBe('2.0');
    expect(await verifyProtocol2(response, KEY)).toBe(true);
    expect(parseFlittResponse({ response })).toMatchObject({ kind: 'token', protocol: '2.0' });
    const forged = await signProtocol2(params, 'wrong');
    const bad = await sandbox.handle(
      new Request(`${BASE}/api/checkout/token`, {
        method: 'POST',
        body: JSON.stringify({ request: forged }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(((await bad.json()) as { response: { error_code: number } }).response.error_code).toBe(
      1014,
    );
  });

  it('calls a 2.0 merchant back in 2.0: an envelope inside "response", with Flitt’s headers', async () => {
    const posted: { body: string; headers: Headers }[] = [];
    fresh({
      callbackTimeScale: 0.0001,
      fetch: async (_url, init) => {
        posted.push({ body: String(init?.body), headers: new Headers(init?.headers) });
        return new Response('OK');
      },
    });
    const params = orderParams({ server_callback_url: 'https://shop.example/cb' });
    const res = await sandbox.handle(
      new Request(`${BASE}/api/checkout/token`, {
        method: 'POST',
        body: JSON.stringify({ request: await signProtocol2(params, KEY) }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    const { response } = (await res.json()) as { response: { data: string } };
    const { token } = decodeProtocol2(response.data) as { token: string };
    await sandbox.control.pay(token);
    await sandbox.control.callbacksIdle();
    expect(posted).toHaveLength(1);
    const body = JSON.parse(posted[0]?.body ?? '') as { response: Record<string, unknown> };
    // Fails on the sandbox that sent 2.0 merchants a flat 1.0 order (fidelity 5.8).
    expect(Object.keys(body)).toEqual(['response']);
    expect(body.response).toMatchObject({ version: '2.0', data: expect.any(String) });
    expect(await verifyProtocol2(body.response, KEY)).toBe(true);
    expect(decodeProtocol2(String(body.response.data))).toMatchObject({
      order_id: params.order_id,
      order_status: 'approved',
    });
    expect(sandbox.control.callbacks()[0]).toMatchObject({
      orderId: params.order_id,
      orderStatus: 'approved',
    });
    expect(posted[0]?.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(posted[0]?.headers.get('user-agent')).toMatch(
      /^Mozilla\/5\.0 \(X11; Linux x86_64; Twisted\)/,
    );
    // A 1.0 merchant still gets the flat signed order.
    posted.length = 0;
    const flat = orderParams({ server_callback_url: 'https://shop.example/cb' });
    const created = await call('/api/checkout/token', flat);
    await sandbox.control.pay(String(created.token));
    await sandbox.control.callbacksIdle();
    const order = JSON.parse(posted[0]?.body ?? '') as Record<string, unknown>;
    expect(order).toMatchObject({ order_id: flat.order_id, order_status: 'approved' });
    expect(await verifySignature(order, KEY)).toBe(true);
  });

  it('signs order objects like Flitt: verifiable, zero kept, key masked in response_signature_string', async () => {
    fresh();
    const params = orderParams({ order_id: 'test-masking-test' });
    await call('/api/checkout/url', params);
    const order = await call('/api/status/order_id', {
      order_id: params.order_id,
      merchant_id: 1549901,
    });
    expect(order.order_status).toBe('created');
    expect(await verifySignature(order, KEY)).toBe(true);
    expect(await verifySignature({ ...order, amount: '1' }, KEY)).toBe(false);
    expect(order.reversal_amount).toBe('0');
    expect(String(order.response_signature_string)).toMatch(/^\*{10}\|/);
    expect(String(order.response_signature_string)).toContain('**********-masking-**********');
    expect(typeof order.additional_info).toBe('string');
    expect(String(order.additional_info)).toContain('", "');
  });
});

describe('sandbox API: checks what Flitt checks', () => {
  const failure = async (response: Record<string, unknown>) => {
    expect(response.response_status).toBe('failure');
    expect(String(response.request_id)).toMatch(/^[A-Za-z0-9]{13}$/);
    return { code: response.error_code, message: String(response.error_message) };
  };

  it('1014 for a bad signature, quoting the masked string it hashed', async () => {
    fresh();
    const params = orderParams();
    const response = await call('/api/checkout/url', params, { key: 'not-the-key' });
    expect(await failure(response)).toMatchObject({ code: 1014 });
    expect(response.response_signature_string).toBe(
      `**********|1500|GEL|1549901|Khachapuri|${params.order_id}`,
    );
    expect(JSON.stringify(response)).not.toMatch(/\|test\||"test\|/);
  });

  it.each([
    // As in Flitt's create-order example: a string code (fidelity 1.5).
    [
      '"1008" for a missing parameter',
      { amount: undefined },
      '1008',
      /^Parameter `amount` is mandatory$/,
    ],
    ['1009 for an empty parameter', { order_desc: '' }, 1009, /`order_desc` is empty/],
    ['1023 for a fractional amount', { amount: 10.5 }, 1023, /amount/i],
    ['1023 for a negative amount', { amount: -5 }, 1023, /amount/i],
    ['1007 for a wrong format', { lang: 'georgian' }, 1007, /`lang` is incorrect/],
    [
      '1007 for a too long value',
      { order_desc: 'x'.repeat(1025) },
      1007,
      /`order_desc` is incorrect/,
    ],
    ['1007 for a bad URL', { response_url: 'shop/return' }, 1007, /`response_url`/],
    ['1034 for | in a value', { order_desc: 'a|b' }, 1034, /symbol \|/],
    ['1012 for a currency not enabled', { currency: 'UZS' }, 1012, /Currency/],
    ['1012 for an unknown currency', { currency: 'gel' }, 1012, /Currency/],
  ])('%s', async (_, extra, code, message) => {
    fresh();
    const params = orderParams(extra);
    for (const [k, v] of Object.entries(params))
      if (v === undefined) delete (params as Record<string, unknown>)[k];
    const result = await failure(await call('/api/checkout/url', params));
    expect(result.code).toBe(code);
    expect(result.message).toMatch(message);
  });

  it('/api/checkout/redirect: a signed form post gets a 302 to the hosted page; a refusal an HTML page with a 2xxx code', async () => {
    fresh();
    const post = async (params: Record<string, unknown>, key = KEY) =>
      sandbox.handle(
        new Request(`${BASE}/api/checkout/redirect/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(
            Object.entries({ ...params, signature: await createSignature(params, key) }).map(
              ([k, v]) => [k, String(v)],
            ),
          ).toString(),
          redirect: 'manual',
        }),
      );
    const params = orderParams();
    const created = await post(params);
    expect(created.status).toBe(302);
    const location = new URL(String(created.headers.get('location')));
    expect(location.origin).toBe(BASE);
    const token = String(location.searchParams.get('token'));
    await sandbox.control.pay(token);
    expect(sandbox.control.order(params.order_id)).toMatchObject({ status: 'approved' });
    for (const [bad, key, code] of [
      [orderParams(), 'not-the-key', 2007],
      [params, KEY, 2004],
      [orderParams({ currency: 'UZS' }), KEY, 2001],
      [orderParams({ amount: 0 }), KEY, 2014],
      [orderParams({ lang: 'georgian' }), KEY, 2008],
    ] as const) {
      const refused = await post(bad, key);
      expect(refused.status).toBe(200);
      expect(refused.headers.get('location')).toBeNull();
      expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await refused.text()).toMatch(new RegExp(`\\(${code}; request [A-Za-z0-9]{13}\\)`));
    }
  });

  it('accepts amount as a digit string (Flitt does) but still checks it', async () => {
    fresh();
    expect((await call('/api/checkout/url', orderParams({ amount: '1500' }))).response_status).toBe(
      'success',
    );
    expect((await call('/api/checkout/url', orderParams({ amount: '15.00' }))).error_code).toBe(
      1023,
    );
  });

  it('1013 for a duplicate order_id', async () => {
    fresh();
    const params = orderParams();
    await call('/api/checkout/url', params);
    expect((await failure(await call('/api/checkout/url', params))).code).toBe(1013);
  });

  it('1016 for an unknown merchant, 1018 for an unknown order', async () => {
    fresh();
    expect(
      (await failure(await call('/api/checkout/url', orderParams({ merchant_id: 999 })))).code,
    ).toBe(1016);
    expect(
      (
        await failure(
          await call('/api/status/order_id', { order_id: 'nope', merchant_id: 1549901 }),
        )
      ).code,
    ).toBe(1018);
  });

  it('accepts API paths with a trailing slash, as Flitt’s docs write them', async () => {
    fresh();
    expect((await call('/api/checkout/url/', orderParams())).response_status).toBe('success');
  });

  it('answers a JS boolean or an object in a 1.0 request with HTTP 200 and a failure naming it, as Flitt does', async () => {
    fresh();
    for (const [name, value] of [
      ['preauth', true],
      ['merchant_data', { cart: 'c-1' }],
      ['products', ['tea']],
    ] as const) {
      const res = await sandbox.handle(
        new Request(`${BASE}/api/checkout/url`, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({
            request: { ...orderParams(), [name]: value, signature: 'a'.repeat(40) },
          }),
        }),
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        response: { error_code: number; error_message: string };
      };
      expect(body.response).toMatchObject({
        error_code: 1007,
        error_message: `Parameter \`${name}\` is incorrect`,
      });
    }
  });

  it('answers an API path Flitt does not have with a failure body in Flitt’s shape (404), not plain text', async () => {
    fresh();
    const res = await sandbox.handle(
      new Request(`${BASE}/api/no_such_method`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request: orderParams() }),
      }),
    );
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as {
      response: { response_status: string; error_code: number };
    };
    expect(body.response).toMatchObject({ response_status: 'failure', error_code: 1002 });
  });

  it('1021 for another content type, 1010 for an empty request', async () => {
    fresh();
    const post = (body: string, type: string) =>
      sandbox
        .handle(
          new Request(`${BASE}/api/checkout/url`, {
            method: 'POST',
            body,
            headers: { 'content-type': type },
          }),
        )
        .then((r) => r.json() as Promise<{ response: { error_code: number } }>);
    expect((await post('<xml/>', 'text/xml')).response.error_code).toBe(1021);
    expect((await post('', 'application/json')).response.error_code).toBe(1010);
    expect((await post('{"request":{}}', 'application/json')).response.error_code).toBe(1010);
    expect((await post('{"req":{}}', 'application/json')).response.error_code).toBe(1011);
  });

  it('uses other configured merchants and their keys', async () => {
    fresh({ merchants: [{ merchantId: 777, secretKey: 'sekret', currencies: ['USD'] }] });
    const params = orderParams({ merchant_id: 777, currency: 'USD' });
    expect((await call('/api/checkout/url', params, { key: 'sekret' })).response_status).toBe(
      'success',
    );
    expect(
      (await call('/api/checkout/url', orderParams({ merchant_id: 777, currency: 'USD' })))
        .error_code,
    ).toBe(1014);
  });
});

describe('sandbox payments (the engine behind the hosted page and checkout.js)', () => {
  it('approves a non-3DS test card and reports it through the status API', async () => {
    fresh();
    const { params, token } = await createToken({ delayed: 'N' });
    const result = await embedded('pay', { token, ...card('4444555511116666') });
    expect(result.status).toBe('done');
    expect(result.order).toMatchObject({
      order_status: 'approved',
      masked_card: '444455XXXXXX6666',
      card_bin: 444455,
      eci: '7',
    });
    expect(await verifySignature(result.order, KEY)).toBe(true);
    const status = await call('/api/status/order_id', {
      order_id: params.order_id,
      merchant_id: 1549901,
    });
    expect(status).toMatchObject({ order_status: 'approved', actual_amount: '1500' });
  });

  it('declines a declining test card with 1004 (delayed=N: final)', async () => {
    fresh();
    const { token } = await createToken({ delayed: 'N' });
    const result = await embedded('pay', { token, ...card('4444111155556666') });
    expect(result.order).toMatchObject({ order_status: 'declined', response_code: 1004 });
  });

  it('keeps a delayed order open after a decline so the payer can retry, then declines it at lifetime', async () => {
    fresh();
    const { params, token } = await createToken({ lifetime: 600 });
    const first = await embedded('pay', { token, ...card('4000001037000007') });
    expect(first.order).toMatchObject({ order_status: 'processing', response_code: 1037 });
    expect(first.message).toMatch(/enough funds/);
    sandbox.control.advanceClock(601);
    expect(sandbox.control.order(params.order_id)?.status).toBe('declined');
    const late = await embedded('pay', { token, ...card('4444555511116666') });
    expect(late).toMatchObject({ status: 'error', error: { code: 1019 } });
  });

  it('lets a delayed order succeed on a second attempt', async () => {
    fresh();
    const { token } = await createToken();
    await embedded('pay', { token, ...card('4444111155556666') });
    const second = await embedded('pay', { token, ...card('4444555511116666') });
    expect(second.order).toMatchObject({ order_status: 'approved', response_code: '' });
  });

  it('asks 3-D Secure cards to confirm on the ACS page: confirm approves, fail declines with 1024', async () => {
    fresh();
    for (const [confirm, status, code] of [
      ['confirm', 'approved', ''],
      ['fail', 'declined', 1024],
    ] as const) {
      const { token } = await createToken({ delayed: 'N' });
      const step = await embedded('pay', { token, ...card('4444555566661111') });
      expect(step.status).toBe('3ds');
      // While the payer is with the bank, Flitt reports the order as processing, not created.
      expect(sandbox.control.orders().at(-1)).toMatchObject({ status: 'processing' });
      const acs = await sandbox.handle(new Request(step.url));
      expect(await acs.text()).toContain('444455XXXXXX1111');
      const done = await sandbox.handle(
        new Request(step.url, {
          method: 'POST',
          body: `result=${confirm}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      );
      expect(await done.text()).toContain('3ds-complete');
      const result = await embedded('result', { token });
      expect(result.order).toMatchObject({ order_status: status, response_code: code, eci: '5' });
    }
  });

  it('refuses bad card data with the field and the widget’s 2xxx code (fidelity 6.4), without using up the order', async () => {
    fresh();
    const { token } = await createToken({ delayed: 'N' });
    expect(await embedded('pay', { token, ...card('4444555511116667') })).toMatchObject({
      status: 'error',
      error: { code: 2013, field: 'card_number' },
    });
    expect(
      await embedded('pay', { token, ...card('4444555511116666'), expiry_date: '01/20' }),
    ).toMatchObject({
      error: { code: 2016, field: 'expiry_date' },
    });
    expect(await embedded('pay', { token, ...card('4444555511116666'), cvv2: '12' })).toMatchObject(
      {
        error: { code: 2017, field: 'cvv2' },
      },
    );
    expect((await embedded('pay', { token, ...card('4444555511116666') })).order.order_status).toBe(
      'approved',
    );
  });

  it('declines unknown (Luhn-valid) cards like a real issuer and gives sandbox-only codes', async () => {
    fresh();
    for (const [number, code] of [
      ['4111111111111111', 1004],
      ['4000001051000008', 1051],
      ['4000001040000002', 1040],
    ] as const) {
      const { token } = await createToken({ delayed: 'N' });
      expect((await embedded('pay', { token, ...card(number) })).order.response_code).toBe(code);
    }
  });

  it('expires an unpaid order at its lifetime; paying it then answers 1019', async () => {
    fresh();
    const { params, token } = await createToken({ lifetime: 60 });
    sandbox.control.advanceClock(61);
    const status = await call('/api/status/order_id', {
      order_id: params.order_id,
      merchant_id: 1549901,
    });
    expect(status.order_status).toBe('expired');
    expect(await embedded('pay', { token, ...card('4444555511116666') })).toMatchObject({
      status: 'error',
      error: { code: 1019 },
    });
  });

  it('refuses to pay an approved order twice', async () => {
    fresh();
    const { token } = await createToken();
    await embedded('pay', { token, ...card('4444555511116666') });
    expect((await embedded('pay', { token, ...card('4444555511116666') })).error.code).toBe(2009);
  });
});

describe('sandbox API: reverse, capture, recurring', () => {
  async function paid(extra: Record<string, unknown> = {}) {
    const { params, token } = await createToken({ delayed: 'N', ...extra });
    const result = await embedded('pay', { token, ...card('4444555511116666') });
    return { params, order: result.order as Record<string, unknown> };
  }
  const reverse = (order_id: string, amount: number, extra: Record<string, unknown> = {}) =>
    call('/api/reverse/order_id', {
      order_id,
      merchant_id: 1549901,
      amount,
      currency: 'GEL',
      ...extra,
    });

  it('reverses partially, idempotently by reverse_id, and fully', async () => {
    fresh();
    const { params } = await paid();
    const first = await reverse(params.order_id, 500, { reverse_id: 'r-1' });
    expect(first).toMatchObject({
      reverse_status: 'approved',
      reversal_amount: '500',
      reverse_id: 'r-1',
    });
    expect(await verifySignature(first, KEY)).toBe(true);
    expect(await reverse(params.order_id, 500, { reverse_id: 'r-1' })).toEqual(first);
    expect((await reverse(params.order_id, 1001)).error_code).toBe(1023);
    expect((await reverse(params.order_id, 1000, { reverse_id: 'r-2' })).reversal_amount).toBe(
      '1500',
    );
    const status = await call('/api/status/order_id', {
      order_id: params.order_id,
      merchant_id: 1549901,
    });
    expect(status).toMatchObject({ order_status: 'reversed', reversal_amount: '1500' });
  });

  it('refuses to reverse an unpaid order', async () => {
    fresh();
    const params = orderParams();
    await call('/api/checkout/url', params);
    expect((await reverse(params.order_id, 100)).error_code).toBe(1007);
  });

  it('captures a pre-authorised order once; the same amount again is a safe retry', async () => {
    fresh();
    const { params, order } = await paid({ preauth: 'Y' });
    expect(String(order.additional_info)).toContain('"capture_status": "hold"');
    const capture = (amount: number) =>
      call('/api/capture/order_id', {
        order_id: params.order_id,
        merchant_id: 1549901,
        amount,
        currency: 'GEL',
      });
    const first = await capture(1000);
    expect(first).toMatchObject({ capture_status: 'captured', order_id: params.order_id });
    expect(first).not.toHaveProperty('amount'); // not among the documented reply fields
    expect((await capture(1000)).capture_status).toBe('captured');
    expect((await capture(900)).error_code).toBe(1109);
    const status = await call('/api/status/order_id', {
      order_id: params.order_id,
      merchant_id: 1549901,
    });
    // A partial capture keeps the authorised amount in actual_amount (fidelity 4.6); the capture
    // is in additional_info, in major units.
    expect(status.actual_amount).toBe('1500');
    expect(String(status.additional_info)).toContain('"capture_amount": 10,');
    expect(String(status.additional_info)).toContain('"capture_status": "captured"');
  });

  it('refuses to capture an order that was not pre-authorised', async () => {
    fresh();
    const { params } = await paid();
    const result = await call('/api/capture/order_id', {
      order_id: params.order_id,
      merchant_id: 1549901,
      amount: 1500,
      currency: 'GEL',
    });
    expect(result.error_code).toBe(1007);
  });

  it('charges a saved card by the rectoken it issued, and refuses unknown rectokens', async () => {
    fresh();
    const { order } = await paid({ required_rectoken: 'Y' });
    // Flitt's documented token (API reference §1, vector 2) is 46 letters and digits, mixed case.
    expect(order.rectoken).toMatch(/^[0-9A-Za-z]{46}$/);
    const charge = orderParams({ rectoken: order.rectoken, order_desc: 'Monthly tea box' });
    const result = await call('/api/recurring', charge);
    expect(result).toMatchObject({ order_status: 'approved', masked_card: '444455XXXXXX6666' });
    expect(await verifySignature(result, KEY)).toBe(true);
    expect(
      (await call('/api/recurring', orderParams({ rectoken: 'f'.repeat(40) }))).error_code,
    ).toBe(1035);
    expect((await call('/api/recurring', charge)).error_code).toBe(1013);
  });
});

describe('sandbox control and faults', () => {
  it('fails the next N requests as asked: 500, malformed, reset, timeout', async () => {
    fresh();
    sandbox.control.failNext(1, 'http500');
    const post = (signal?: AbortSignal) =>
      sandbox.handle(
        new Request(`${BASE}/api/checkout/url`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
          ...(signal ? { signal } : {}),
        }),
      );
    expect((await post()).status).toBe(500);
    sandbox.control.failNext(1, 'malformed');
    expect(() => JSON.parse('')).toThrow();
    await expect(post().then((r) => r.json())).rejects.toThrow();
    sandbox.control.failNext(1, 'reset');
    await expect(post()).rejects.toThrow(/connection reset/);
    sandbox.control.failNext(1, 'timeout');
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 30);
    const started = Date.now();
    expect((await post(abort.signal)).status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect((await post().then((r) => r.json())).response.error_code).toBe(1010);
  });

  it('answers a Flitt failure with the asked error_code, like Flitt (HTTP 200), then recovers', async () => {
    fresh();
    sandbox.control.failNext(2, 'flitt_error', '/api/checkout/url', 1014);
    const post = () =>
      sandbox.handle(
        new Request(`${BASE}/api/checkout/url`, {
          method: 'POST',
          body: JSON.stringify({ request: {} }),
          headers: { 'content-type': 'application/json' },
        }),
      );
    for (let i = 0; i < 2; i++) {
      const response = await post();
      expect(response.status).toBe(200);
      expect((await response.json()).response).toMatchObject({
        response_status: 'failure',
        error_code: 1014,
        error_message: 'Request signature is invalid.',
      });
    }
    // Used up: the next request is checked for real (here: no parameters → 1010).
    expect((await post().then((r) => r.json())).response.error_code).toBe(1010);
    const res = await sandbox.handle(
      new Request(`${BASE}/sandbox/control/faults`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'flitt_error', code: 1002 }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(await res.json()).toMatchObject({ faults: [{ kind: 'flitt_error', code: 1002 }] });
  });

  it('adds latency to API calls', async () => {
    fresh();
    sandbox.control.setLatency(80);
    const started = Date.now();
    await call('/api/checkout/url', orderParams());
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('lets only pages on this machine use the control API from a browser (CORS)', async () => {
    fresh();
    const ask = (origin: string, method = 'GET') =>
      sandbox.handle(
        new Request(`${BASE}/sandbox/control/orders`, { method, headers: { origin } }),
      );
    expect((await ask('http://localhost:6006')).headers.get('access-control-allow-origin')).toBe(
      'http://localhost:6006',
    );
    expect(
      (await ask('https://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    expect(
      (await ask('https://evil.example', 'OPTIONS')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    expect(
      (await ask('http://127.0.0.1:5173', 'OPTIONS')).headers.get('access-control-allow-origin'),
    ).toBe('http://127.0.0.1:5173');
  });

  it('lists orders and resets through the HTTP control API', async () => {
    fresh();
    const params = orderParams();
    await call('/api/checkout/url', params);
    const list = await (await sandbox.handle(new Request(`${BASE}/sandbox/control/orders`))).json();
    expect(list).toEqual([
      expect.objectContaining({ orderId: params.order_id, status: 'created' }),
    ]);
    const reset = await sandbox.handle(
      new Request(`${BASE}/sandbox/control/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(reset.status).toBe(200);
    expect(sandbox.control.orders()).toEqual([]);
  });
});

describe('control.pay', () => {
  it('pays by token or by order id with a test card, like the card form', async () => {
    fresh();
    const created = async (orderId: string) => {
      const params = orderParams({ order_id: orderId, delayed: 'N' });
      const body = await call('/api/checkout/token', params);
      return body.token as string;
    };
    const token = await created('pay-by-token');
    expect(await sandbox.control.pay(token)).toMatchObject({
      order: { order_id: 'pay-by-token', order_status: 'approved' },
    });
    await created('pay-by-id');
    expect(await sandbox.control.pay('pay-by-id', '4444111155556666')).toMatchObject({
      order: { order_id: 'pay-by-id', order_status: 'declined' },
    });
    expect(sandbox.control.order('pay-by-id')?.status).toBe('declined');
  });
});
