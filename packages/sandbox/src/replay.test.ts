import {
  createSignature,
  decodeProtocol2,
  signProtocol2,
  verifyProtocol2,
  verifySignature,
} from '@flitt-checkout/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackAttempt } from './callbacks.ts';
import { createSandbox, type Sandbox } from './createSandbox.ts';
import { tamperCallback } from './replay.ts';

const BASE = 'http://127.0.0.1:8610';
const KEY = 'test';
let sandbox: Sandbox;
let seq = 0;

afterEach(() => sandbox?.close());

/**
 * A sandbox whose callbacks reach a merchant that checks Flitt's signature (1.0 flat or 2.0
 * envelope): 200 when it holds, 400 when it does not, as the server package's handler answers.
 */
function withMerchant() {
  const received: Record<string, unknown>[] = [];
  sandbox = createSandbox({
    baseUrl: BASE,
    fetch: async (_url, init) => {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      received.push(body);
      const genuine =
        typeof body.response === 'object'
          ? await verifyProtocol2(body.response, KEY)
          : await verifySignature(body, KEY);
      return new Response(genuine ? 'OK' : 'forged', { status: genuine ? 200 : 400 });
    },
  });
  return received;
}

async function paidOrder(protocol: '1.0' | '2.0' = '1.0') {
  const params = {
    order_id: `replay-${Date.now()}-${++seq}`,
    merchant_id: 1549901,
    order_desc: 'Khachapuri',
    amount: 1500,
    currency: 'GEL',
    server_callback_url: 'http://127.0.0.1:9/callback',
  };
  const request =
    protocol === '2.0'
      ? await signProtocol2(params, KEY)
      : { ...params, signature: await createSignature(params, KEY) };
  const created = await sandbox.handle(
    new Request(`${BASE}/api/checkout/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request }),
    }),
  );
  expect(created.status).toBe(200);
  await sandbox.control.pay(params.order_id);
  await sandbox.control.callbacksIdle();
  return params.order_id;
}

function control(body: unknown, headers: Record<string, string> = {}) {
  return sandbox.handle(
    new Request(`${BASE}/sandbox/control/redeliver`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function redeliver(body: unknown) {
  const response = await control(body);
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('POST /sandbox/control/redeliver', () => {
  it('sends the same signed callback again as the next attempt; the merchant accepts it', async () => {
    const received = withMerchant();
    const orderId = await paidOrder();
    expect(received).toHaveLength(1);
    const { status, json } = await redeliver({ order_id: orderId });
    expect(status).toBe(200);
    expect(json.attempt).toMatchObject({
      orderId,
      orderStatus: 'approved',
      attempt: 2,
      status: 200,
      redelivery: 'same',
      durationMs: expect.any(Number),
    });
    expect(received).toHaveLength(2);
    expect(received[1]).toEqual(received[0]);
    expect(sandbox.control.callbacks().map((c) => [c.attempt, c.status])).toEqual([
      [1, 200],
      [2, 200],
    ]);
  });

  it('sends one field tampered with the original signature; the merchant refuses it with 400', async () => {
    const received = withMerchant();
    const orderId = await paidOrder();
    const { status, json } = await redeliver({
      order_id: orderId,
      tamper: { field: 'amount', value: '1' },
    });
    expect(status).toBe(200);
    expect(json.attempt).toMatchObject({
      attempt: 2,
      status: 400,
      redelivery: { field: 'amount', value: '1' },
    });
    const [genuine, forged] = received as [Record<string, unknown>, Record<string, unknown>];
    expect(forged.amount).toBe('1');
    expect(forged.signature).toBe(genuine.signature);
    expect({ ...forged, amount: genuine.amount }).toEqual(genuine);
    // The next plain redelivery starts from Flitt's callback, not from the forgery.
    const again = await redeliver({ order_id: orderId });
    expect(again.json.attempt).toMatchObject({ attempt: 3, status: 200 });
    expect(received[2]).toEqual(genuine);
  });

  it('tampers inside the base64 data of a protocol 2.0 callback, keeping its signature', async () => {
    const received = withMerchant();
    const orderId = await paidOrder('2.0');
    const { json } = await redeliver({
      order_id: orderId,
      tamper: { field: 'order_status', value: 'declined' },
    });
    expect((json.attempt as CallbackAttempt).status).toBe(400);
    type Envelope = { response: { data: string; signature: string } };
    const [genuine, forged] = received as unknown as [Envelope, Envelope];
    expect(forged.response.signature).toBe(genuine.response.signature);
    expect(decodeProtocol2(forged.response.data)).toEqual({
      ...decodeProtocol2(genuine.response.data),
      order_status: 'declined',
    });
  });

  it('answers 404 for an order with no callback, and 400 naming what is wrong in the body', async () => {
    withMerchant();
    const orderId = await paidOrder();
    expect(await redeliver({ order_id: 'nobody' })).toMatchObject({
      status: 404,
      json: { error: expect.stringMatching(/no callback yet/) },
    });
    const bad: [unknown, RegExp][] = [
      [{}, /order_id/],
      [{ order_id: orderId, merchant_id: 'abc' }, /merchant_id/],
      [{ order_id: orderId, tamper: 'amount=1' }, /tamper must be/],
      [{ order_id: orderId, tamper: { field: 'a b', value: '1' } }, /tamper.field/],
      [{ order_id: orderId, tamper: { field: 'amount', value: 1 } }, /tamper.value/],
      [{ order_id: orderId, tamper: { field: 'nope', value: '1' } }, /no field nope/],
      [{ order_id: orderId, tamper: { field: 'amount', value: '1500' } }, /already 1500/],
    ];
    for (const [body, message] of bad) {
      const answer = await redeliver(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(String(answer.json.error)).toMatch(message);
    }
    expect(sandbox.control.callbacks()).toHaveLength(1);
  });

  it('keeps the control API guards: JSON only, this machine only, 16 KiB bodies', async () => {
    const received = withMerchant();
    const orderId = await paidOrder();
    const body = JSON.stringify({ order_id: orderId });
    const cases: [Record<string, string>, string, number][] = [
      [{ 'content-type': 'text/plain' }, body, 415],
      [{ origin: 'https://evil.example' }, body, 403],
      [{ host: 'evil.example:8610' }, body, 403],
      [{}, JSON.stringify({ order_id: orderId, pad: 'x'.repeat(20_000) }), 413],
    ];
    for (const [headers, text, status] of cases) {
      const response = await control(text, headers);
      expect(response.status, JSON.stringify(headers)).toBe(status);
    }
    expect(received).toHaveLength(1);
    const local = await control(body, { origin: 'http://localhost:5173' });
    expect(local.status).toBe(200);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('is control.redeliver in process too', async () => {
    withMerchant();
    const orderId = await paidOrder();
    const attempt = await sandbox.control.redeliver(orderId, {
      tamper: { field: 'currency', value: 'USD' },
    });
    expect(attempt).toMatchObject({ attempt: 2, status: 400 });
    await expect(sandbox.control.redeliver('nobody')).rejects.toThrow(/no callback yet/);
  });
});

describe('tamperCallback', () => {
  it('changes the envelope’s own signature when asked, and nothing else', () => {
    const body = {
      response: { version: '2.0', data: btoa('{"order":{"a":"1"}}'), signature: 'ab' },
    };
    expect(tamperCallback(body, { field: 'signature', value: 'cd' })).toEqual({
      response: { ...body.response, signature: 'cd' },
    });
  });

  it('refuses a name the callback only inherits (toString, constructor), flat or 2.0', () => {
    const flat = { order_id: 'o-1', order_status: 'approved', signature: 'ab' };
    const v2 = { response: { version: '2.0', data: btoa('{"order":{"a":"1"}}'), signature: 'ab' } };
    for (const body of [flat, v2])
      for (const field of ['toString', 'constructor'])
        expect(() => tamperCallback(body, { field, value: 'x' })).toThrow(/has no field/);
  });
});
