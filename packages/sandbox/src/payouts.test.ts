import {
  createSignature,
  signProtocol2,
  verifyProtocol2,
  verifySignature,
} from '@flitt-checkout/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './createSandbox.ts';
import { startSandbox } from './node.ts';
import type { SandboxRequestInfo } from './wire.ts';

// Payouts as Flitt documents them (api-reference §2.8): by token only, signed with the payout key.

const BASE = 'http://127.0.0.1:8610';
const CREDIT = 'testcredit';
const SHOP = 'https://shop.example/payouts';
let sandbox: Sandbox;
let posted: { url: string; body: Record<string, unknown> }[] = [];
let seq = 0;

afterEach(() => sandbox?.close());

function fresh(options: Parameters<typeof createSandbox>[0] = {}) {
  posted = [];
  sandbox = createSandbox({
    baseUrl: BASE,
    callbackTimeScale: 0.0001,
    fetch: async (input, init) => {
      posted.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      return new Response('OK');
    },
    ...options,
  });
  return sandbox;
}

async function call(
  path: string,
  params: Record<string, unknown>,
  key: string,
  info?: SandboxRequestInfo,
) {
  const signed = { ...params, signature: await createSignature(params, key) };
  const response = await sandbox.handle(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request: signed }),
    }),
    info,
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { response: Record<string, unknown> }).response;
}

/** A card token the sandbox issued: an approved `required_rectoken=Y` payment. */
async function rectoken(): Promise<string> {
  const order = {
    order_id: `card-${++seq}`,
    merchant_id: 1549901,
    order_desc: 'Card',
    amount: 100,
    currency: 'GEL',
    required_rectoken: 'Y',
  };
  const { token } = await call('/api/checkout/token', order, 'test');
  const paid = (await sandbox.control.pay(String(token))) as { order: { rectoken: string } };
  return paid.order.rectoken;
}

const payout = (extra: Record<string, unknown> = {}) => ({
  order_id: `po-${++seq}`,
  merchant_id: 1549901,
  order_desc: 'Seller payout',
  amount: 1000,
  currency: 'GEL',
  ...extra,
});

describe('POST /api/p2pcredit', () => {
  it('signs like the documented payout request (vector 4, key testcredit)', async () => {
    const params = {
      order_id: 'test_1234312142',
      merchant_id: 1549901,
      order_desc: 'Test order',
      amount: 1000,
      currency: 'GEL',
      receiver_rectoken: 'I0wh7fBmFIdcY6K3Px2QugVrVR65sPafeZkPmRanOiRnXG',
      server_callback_url: 'https://myserver.com/callback',
    };
    expect(await createSignature(params, CREDIT)).toBe('51e59ffd263d071da8e1a1fc10b981f459dbe6f1');
  });

  it('pays out to a token it issued: p2p credit, approved, reply and callback signed with the payout key', async () => {
    fresh();
    const token = await rectoken();
    posted = [];
    const params = payout({ receiver_rectoken: token, server_callback_url: SHOP });
    const reply = await call('/api/p2pcredit', params, CREDIT);
    expect(reply).toMatchObject({
      response_status: 'success',
      order_status: 'approved',
      tran_type: 'p2p credit',
      order_id: params.order_id,
      amount: '1000',
      currency: 'GEL',
      masked_card: '444455XXXXXX6666',
    });
    expect(await verifySignature(reply, CREDIT)).toBe(true);
    expect(await verifySignature(reply, 'test')).toBe(false);
    await sandbox.control.callbacksIdle();
    expect(posted).toHaveLength(1);
    expect(posted[0]?.url).toBe(SHOP);
    expect(posted[0]?.body).toMatchObject({ tran_type: 'p2p credit', order_status: 'approved' });
    expect(await verifySignature(posted[0]?.body ?? {}, CREDIT)).toBe(true);
    expect(sandbox.control.payoutBalance()).toBe(100_000_000 - 1000);
    expect(sandbox.control.order(params.order_id)).toMatchObject({ status: 'approved' });
  });

  it('takes an external (UFC) token it cannot look up', async () => {
    fresh();
    const reply = await call(
      '/api/p2pcredit',
      payout({ external_rectoken: 'ufc-token-1' }),
      CREDIT,
    );
    expect(reply).toMatchObject({ order_status: 'approved', tran_type: 'p2p credit' });
  });

  it('refuses the payment key with Flitt’s signature error (1014)', async () => {
    fresh();
    const reply = await call('/api/p2pcredit', payout({ external_rectoken: 'x' }), 'test');
    expect(reply).toMatchObject({ response_status: 'failure', error_code: 1014 });
    expect(sandbox.control.orders()).toHaveLength(0);
  });

  it('pays out by token only: a card number answers 1074', async () => {
    fresh();
    const reply = await call(
      '/api/p2pcredit',
      payout({ receiver_card_number: '4444555511116666' }),
      CREDIT,
    );
    expect(reply).toMatchObject({ response_status: 'failure', error_code: 1074 });
  });

  it.each([
    ['no token', {}, 1011],
    ['both tokens', { receiver_rectoken: 'a', external_rectoken: 'b' }, 1007],
    ['a token it never issued', { receiver_rectoken: 'never-issued' }, 1035],
    ['an amount of 0', { external_rectoken: 'x', amount: 0 }, 1023],
    ['a currency the merchant lacks', { external_rectoken: 'x', currency: 'UZS' }, 1012],
  ])('answers %s with %i', async (_, extra, code) => {
    fresh();
    const reply = await call('/api/p2pcredit', payout(extra), CREDIT);
    expect(reply).toMatchObject({ response_status: 'failure', error_code: code });
  });

  it('answers 1081 once a payout exceeds the balance, and takes each payout off it', async () => {
    fresh();
    sandbox.control.setPayoutBalance(1500);
    expect(await call('/api/p2pcredit', payout({ external_rectoken: 'x' }), CREDIT)).toMatchObject({
      order_status: 'approved',
    });
    expect(sandbox.control.payoutBalance()).toBe(500);
    expect(await call('/api/p2pcredit', payout({ external_rectoken: 'x' }), CREDIT)).toMatchObject({
      response_status: 'failure',
      error_code: 1081,
    });
    sandbox.control.reset();
    expect(sandbox.control.payoutBalance()).toBe(100_000_000);
  });

  it('sets the balance and the next decline through the HTTP control API', async () => {
    fresh();
    const control = (path: string, body: unknown) =>
      sandbox.handle(
        new Request(`${BASE}/sandbox/control/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    expect(await (await control('payout-balance', { amount: 999 })).json()).toEqual({
      merchantId: 1549901,
      balance: 999,
    });
    expect((await control('payout-balance', { amount: -1 })).status).toBe(400);
    expect((await control('payout-decline', { code: 1058 })).status).toBe(200);
    const reply = await call(
      '/api/p2pcredit',
      payout({ external_rectoken: 'x', amount: 500 }),
      CREDIT,
    );
    expect(reply).toMatchObject({ order_status: 'declined', response_code: 1058 });
  });

  it('declines the next payout on request, signed, and keeps the balance', async () => {
    fresh();
    sandbox.control.declineNextPayout();
    const params = payout({ external_rectoken: 'x', server_callback_url: SHOP });
    const reply = await call('/api/p2pcredit', params, CREDIT);
    expect(reply).toMatchObject({
      response_status: 'success',
      order_status: 'declined',
      response_code: 1058,
      tran_type: 'p2p credit',
    });
    expect(await verifySignature(reply, CREDIT)).toBe(true);
    expect(sandbox.control.payoutBalance()).toBe(100_000_000);
    // The order id is taken, as for any order.
    expect(await call('/api/p2pcredit', params, CREDIT)).toMatchObject({ error_code: 1013 });
  });

  it('answers a protocol 2.0 payout in 2.0 and a form payout as a form, signed with the payout key', async () => {
    fresh();
    const request = await signProtocol2(payout({ external_rectoken: 'x' }), CREDIT);
    const enveloped = await sandbox.handle(
      new Request(`${BASE}/api/p2pcredit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request }),
      }),
    );
    const { response } = (await enveloped.json()) as {
      response: { version: '2.0'; data: string; signature: string };
    };
    expect(await verifyProtocol2(response, CREDIT)).toBe(true);
    expect(await verifyProtocol2(response, 'test')).toBe(false);
    const params = payout({ external_rectoken: 'x' });
    const form = new URLSearchParams({
      ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
      signature: await createSignature(params, CREDIT),
    });
    const answered = await sandbox.handle(
      new Request(`${BASE}/api/p2pcredit`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      }),
    );
    const fields = Object.fromEntries(new URLSearchParams(await answered.text()));
    expect(fields).toMatchObject({ order_status: 'approved', tran_type: 'p2p credit' });
    expect(await verifySignature(fields, CREDIT)).toBe(true);
    expect(sandbox.control.order(params.order_id)).toMatchObject({ tranType: 'p2p credit' });
  });

  it('answers 1100 for a merchant with no payout key', async () => {
    fresh({ merchants: [{ merchantId: 4242, secretKey: 'k' }] });
    const reply = await call(
      '/api/p2pcredit',
      payout({ merchant_id: 4242, external_rectoken: 'x' }),
      'k',
    );
    expect(reply).toMatchObject({ error_code: 1100 });
  });

  it('answers 1099 outside the IP allow-list, and for an unknown address (msw)', async () => {
    fresh({
      merchants: [
        { merchantId: 4242, secretKey: 'k', creditKey: 'kc', payoutIps: ['203.0.113.7'] },
      ],
    });
    const params = () => payout({ merchant_id: 4242, external_rectoken: 'x' });
    for (const info of [undefined, { clientAddress: '198.51.100.1' }])
      expect(await call('/api/p2pcredit', params(), 'kc', info)).toMatchObject({
        error_code: 1099,
      });
    for (const clientAddress of ['203.0.113.7', '::ffff:203.0.113.7'])
      expect(await call('/api/p2pcredit', params(), 'kc', { clientAddress })).toMatchObject({
        order_status: 'approved',
      });
  });

  it('checks the allow-list against the socket’s address on the HTTP server', async () => {
    const running = await startSandbox({
      port: 0,
      merchants: [
        { merchantId: 4242, secretKey: 'k', creditKey: 'kc', payoutIps: ['127.0.0.1'] },
        { merchantId: 4343, secretKey: 'k', creditKey: 'kc', payoutIps: ['203.0.113.7'] },
      ],
    });
    try {
      const send = async (merchantId: number) => {
        const params = payout({ merchant_id: merchantId, external_rectoken: 'x' });
        const signed = { ...params, signature: await createSignature(params, 'kc') };
        const response = await fetch(`${running.url}/api/p2pcredit`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ request: signed }),
        });
        return ((await response.json()) as { response: Record<string, unknown> }).response;
      };
      expect(await send(4242)).toMatchObject({ order_status: 'approved' });
      expect(await send(4343)).toMatchObject({ error_code: 1099 });
    } finally {
      await running.stop();
    }
  });
});
