import { createSignature } from '@flitt-checkout/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './createSandbox.ts';
import { majorUnits } from './transactionList.ts';

const BASE = 'http://127.0.0.1:8610';
let sandbox: Sandbox;
let seq = 0;

afterEach(() => sandbox?.close());

async function post(path: string, params: Record<string, unknown>, key = 'test') {
  const signed = { ...params, signature: await createSignature(params, key) };
  return sandbox.handle(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request: signed }),
    }),
  );
}

const call = async (path: string, params: Record<string, unknown>, key = 'test') =>
  ((await (await post(path, params, key)).json()) as { response: Record<string, unknown> })
    .response;

const list = (orderId: string, key = 'test') =>
  post('/api/transaction_list', { order_id: orderId, merchant_id: 1549901 }, key);

async function paidOrder(extra: Record<string, unknown> = {}) {
  const order = {
    order_id: `tl-${++seq}`,
    merchant_id: 1549901,
    order_desc: 'Tea',
    amount: 2010,
    currency: 'GEL',
    ...extra,
  };
  const { token } = await call('/api/checkout/token', order);
  return { order, token: String(token) };
}

describe('majorUnits', () => {
  it.each([
    [2000, '20.0'],
    [2010, '20.1'],
    [2015, '20.15'],
    [5, '0.05'],
    [50, '0.5'],
    [0, '0.0'],
    [999_999_999_999, '9999999999.99'],
  ])('writes %i minor units as %s', (minor, text) => {
    expect(majorUnits(minor)).toBe(text);
  });
});

describe('POST /api/transaction_list', () => {
  it('answers [] for an order nobody has paid', async () => {
    sandbox = createSandbox({ baseUrl: BASE });
    const { order } = await paidOrder();
    const response = await list(order.order_id);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).toBe('[]');
  });

  it('lists the purchase as a bare array, its amount in major units as Flitt spells it (20.0)', async () => {
    sandbox = createSandbox({ baseUrl: BASE });
    const { order, token } = await paidOrder({ amount: 2000 });
    await sandbox.control.pay(token);
    const text = await (await list(order.order_id)).text();
    expect(text).toContain('"amount": 20.0');
    expect(JSON.parse(text)).toEqual([
      expect.objectContaining({
        order_id: order.order_id,
        tran_type: 'purchase',
        transaction_status: 'approved',
        amount: 20,
        currency: 'GEL',
        masked_card: '444455XXXXXX6666',
      }),
    ]);
  });

  it('lists a capture, each partial refund as its own step, and a chargeback', async () => {
    sandbox = createSandbox({ baseUrl: BASE });
    const { order, token } = await paidOrder({ preauth: 'Y', amount: 5000 });
    await sandbox.control.pay(token);
    const base = { order_id: order.order_id, merchant_id: 1549901, currency: 'GEL' };
    await call('/api/capture/order_id', { ...base, amount: 4010 });
    await call('/api/reverse/order_id', { ...base, amount: 1005 });
    await call('/api/reverse/order_id', { ...base, amount: 5 });
    await sandbox.control.chargeback(order.order_id, 1000);
    const rows = (await (await list(order.order_id)).json()) as Record<string, unknown>[];
    expect(rows.map((r) => [r.tran_type, r.amount])).toEqual([
      ['purchase', 50],
      ['capture', 40.1],
      ['reverse', 10.05],
      ['reverse', 0.05],
      ['chargeback', 10],
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('lists a declined attempt as declined with its code', async () => {
    sandbox = createSandbox({ baseUrl: BASE });
    const { order, token } = await paidOrder({ delayed: 'N' });
    await sandbox.control.pay(token, '4444111155556666');
    const rows = (await (await list(order.order_id)).json()) as Record<string, unknown>[];
    expect(rows).toEqual([
      expect.objectContaining({ tran_type: 'purchase', transaction_status: 'declined' }),
    ]);
    expect(rows[0]?.response_code).not.toBe('');
  });

  it('lists a payout as one p2p credit', async () => {
    sandbox = createSandbox({ baseUrl: BASE });
    const payout = {
      order_id: `tl-po-${++seq}`,
      merchant_id: 1549901,
      order_desc: 'Payout',
      amount: 1234,
      currency: 'GEL',
      external_rectoken: 'x',
    };
    await call('/api/p2pcredit', payout, 'testcredit');
    const rows = (await (await list(payout.order_id)).json()) as Record<string, unknown>[];
    expect(rows).toEqual([expect.objectContaining({ tran_type: 'p2p credit', amount: 12.34 })]);
  });

  it('refuses an unknown order (1018), the payout key (1014) and a missing order_id (1011)', async () => {
    sandbox = createSandbox({ baseUrl: BASE });
    const { order } = await paidOrder();
    const failure = async (response: Response) =>
      ((await response.json()) as { response: Record<string, unknown> }).response;
    expect(await failure(await list('no-such-order'))).toMatchObject({ error_code: 1018 });
    expect(await failure(await list(order.order_id, 'testcredit'))).toMatchObject({
      error_code: 1014,
    });
    expect(
      await failure(await post('/api/transaction_list', { merchant_id: 1549901 })),
    ).toMatchObject({ error_code: 1011 });
  });
});
