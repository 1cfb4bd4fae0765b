import { createSignature, verifySignature } from '@flitt-checkout/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './createSandbox.ts';

const BASE = 'http://127.0.0.1:8610';
const CHARGEBACKS = 'https://shop.example/chargebacks';
let sandbox: Sandbox;
let posted: { url: string; body: Record<string, unknown> }[] = [];
let seq = 0;

afterEach(() => sandbox?.close());

function fresh() {
  posted = [];
  sandbox = createSandbox({
    baseUrl: BASE,
    callbackTimeScale: 0.0001,
    fetch: async (input, init) => {
      posted.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      return new Response('OK');
    },
  });
}

async function order(extra: Record<string, unknown> = {}, pay = true) {
  const params = {
    order_id: `cb-${++seq}`,
    merchant_id: 1549901,
    order_desc: 'Tea',
    amount: 3000,
    currency: 'GEL',
    chargeback_callback_url: CHARGEBACKS,
    ...extra,
  };
  const signed = { ...params, signature: await createSignature(params, 'test') };
  const response = await sandbox.handle(
    new Request(`${BASE}/api/checkout/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request: signed }),
    }),
  );
  const { token } = ((await response.json()) as { response: { token: string } }).response;
  if (pay) await sandbox.control.pay(token);
  return params.order_id;
}

describe('control.chargeback', () => {
  it('posts a signed notification to chargeback_callback_url: the order, tran_type chargeback, the amount', async () => {
    fresh();
    const orderId = await order();
    const notice = await sandbox.control.chargeback(orderId);
    await sandbox.control.callbacksIdle();
    expect(posted.map((p) => p.url)).toEqual([CHARGEBACKS]);
    const body = posted[0]?.body ?? {};
    expect(body).toEqual(notice);
    expect(body).toMatchObject({
      order_id: orderId,
      order_status: 'approved',
      tran_type: 'chargeback',
      chargeback_amount: '3000',
      chargeback_id: expect.stringMatching(/^\d+$/),
      chargeback_date: expect.stringMatching(/^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d$/),
    });
    expect(await verifySignature(body, 'test')).toBe(true);
  });

  it('takes part of a payment, then no more than is left after refunds', async () => {
    fresh();
    const orderId = await order();
    const first = await sandbox.control.chargeback(orderId, 1000);
    const second = await sandbox.control.chargeback(orderId, 2000);
    expect(first.chargeback_id).not.toBe(second.chargeback_id);
    await expect(sandbox.control.chargeback(orderId, 1)).rejects.toThrow(/1 to 0/);
  });

  it('refuses an unpaid order, an unknown one and an amount over the payment', async () => {
    fresh();
    await expect(sandbox.control.chargeback(await order({}, false))).rejects.toThrow(/created/);
    await expect(sandbox.control.chargeback('nope')).rejects.toThrow(/no order/);
    await expect(sandbox.control.chargeback(await order(), 3001)).rejects.toThrow(/1 to 3000/);
  });

  it('records a chargeback of an order without chargeback_callback_url and posts nothing', async () => {
    fresh();
    const orderId = await order({ chargeback_callback_url: undefined });
    await sandbox.control.chargeback(orderId, 500);
    await sandbox.control.callbacksIdle();
    expect(posted).toEqual([]);
  });

  it('is reachable over HTTP (POST /sandbox/control/chargeback)', async () => {
    fresh();
    const orderId = await order();
    const control = (body: unknown) =>
      sandbox.handle(
        new Request(`${BASE}/sandbox/control/chargeback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const ok = await control({ orderId, amount: 700 });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { notice: Record<string, unknown> }).notice).toMatchObject({
      chargeback_amount: '700',
    });
    expect((await control({ orderId, amount: 999_999 })).status).toBe(409);
    expect((await control({})).status).toBe(400);
  });
});
