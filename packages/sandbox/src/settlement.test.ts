import {
  createSignature,
  decodeProtocol2,
  signProtocol2,
  verifyProtocol2,
} from '@flitt-checkout/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './createSandbox.ts';

// Split payments as Flitt documents them (docs.flitt.com/api/split): /api/settlement in protocol
// 2.0 only, its refusals 1106 / 1107 / 1114 / 1120, and split refunds through reverse with
// `receiver` (1016 / 1108 / 1120 as a declined reverse).

const BASE = 'http://127.0.0.1:8610';
const KEY = 'test';
const PARTNER_A = { merchantId: 1700001, secretKey: 'partner-a' };
const PARTNER_B = { merchantId: 1700002, secretKey: 'partner-b' };
const NO_SPLIT = { merchantId: 1700003, secretKey: 'no-split', split: false };
let sandbox: Sandbox;
let seq = 0;
let posted: Record<string, unknown>[] = [];

afterEach(() => sandbox?.close());

function fresh() {
  posted = [];
  sandbox = createSandbox({
    baseUrl: BASE,
    merchants: [PARTNER_A, PARTNER_B, NO_SPLIT],
    fetch: async (_url, init) => {
      posted.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
      return new Response('OK');
    },
  });
  return sandbox;
}

async function post(path: string, request: Record<string, unknown>) {
  const response = await sandbox.handle(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request }),
    }),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { response: Record<string, unknown> }).response;
}

/** A protocol 1.0 call; resolves the flat reply. */
async function call1(path: string, params: Record<string, unknown>, key = KEY) {
  return post(path, { ...params, signature: await createSignature(params, key) });
}

/** A protocol 2.0 call; resolves the reply's order after checking its signature, or the failure. */
async function call2(path: string, order: Record<string, unknown>, key = KEY) {
  const response = await post(path, { ...(await signProtocol2(order, key)) });
  if (response.response_status === 'failure') return response;
  expect(response.version).toBe('2.0');
  expect(await verifyProtocol2(response as { data: string; signature: string }, key)).toBe(true);
  return decodeProtocol2(String(response.data));
}

/** A paid order of `merchantId`; resolves its order id. */
async function paid(
  extra: Record<string, unknown> = {},
  merchant = { merchantId: 1549901, secretKey: KEY },
) {
  const orderId = `sp-${++seq}`;
  const { token } = await call1(
    '/api/checkout/token',
    {
      order_id: orderId,
      merchant_id: merchant.merchantId,
      order_desc: 'Marketplace basket',
      amount: 1000,
      currency: 'GEL',
      ...extra,
    },
    merchant.secretKey,
  );
  expect(typeof token).toBe('string');
  await sandbox.control.pay(String(token));
  return orderId;
}

const receiver = (
  merchantId: number,
  amount: number | string,
  extra: Record<string, unknown> = {},
) => ({
  type: 'merchant',
  requisites: { merchant_id: merchantId, amount, settlement_description: 'Share', ...extra },
});

const settlement = (operationId: string, extra: Record<string, unknown> = {}) => ({
  order_type: 'settlement',
  order_id: `settle-${++seq}`,
  operation_id: operationId,
  merchant_id: 1549901,
  order_desc: 'Split of the basket',
  amount: 1000,
  currency: 'GEL',
  receiver: [
    receiver(PARTNER_A.merchantId, 700, { fee_partner_amount: 35 }),
    receiver(PARTNER_B.merchantId, 300),
  ],
  ...extra,
});

const refund = (orderId: string, amount: number, parts: [number, number][], extra = {}) => ({
  order_id: orderId,
  merchant_id: 1549901,
  amount,
  currency: 'GEL',
  receiver: parts.map(([merchantId, part]) => ({
    type: 'merchant',
    requisites: { merchant_id: merchantId, amount: part },
  })),
  ...extra,
});

describe('/api/settlement', () => {
  it('splits a paid order between merchants, answering and calling back in signed protocol 2.0', async () => {
    fresh();
    const operationId = await paid();
    const request = settlement(operationId, { server_callback_url: 'https://shop.example/cb' });
    const reply = await call2('/api/settlement', request);
    expect(reply).toMatchObject({
      order_id: request.order_id,
      operation_id: operationId,
      order_status: 'approved',
      tran_type: 'settlement',
      amount: '1000',
      currency: 'GEL',
      response_status: 'success',
    });
    const kept = sandbox.control.order(String(request.order_id));
    expect(kept).toMatchObject({ status: 'approved', amount: 1000 });
    expect(kept?.split).toEqual({
      settlementOrderId: request.order_id,
      operationId,
      receivers: [
        { merchantId: PARTNER_A.merchantId, amount: 700, reversed: 0 },
        { merchantId: PARTNER_B.merchantId, amount: 300, reversed: 0 },
      ],
    });
    // The paid order knows its split too: a split refund goes there.
    expect(sandbox.control.order(operationId)?.split?.settlementOrderId).toBe(request.order_id);
    await sandbox.control.callbacksIdle();
    const callback = posted.at(-1) as {
      response: { version: string; data: string; signature: string };
    };
    expect(callback.response.version).toBe('2.0');
    expect(await verifyProtocol2(callback.response, KEY)).toBe(true);
    expect(decodeProtocol2(callback.response.data)).toMatchObject({
      order_id: request.order_id,
      operation_id: operationId,
      tran_type: 'settlement',
      order_status: 'approved',
    });
  });

  it('refuses protocol 1.0 (1007 version): receivers are nested and only 2.0 signs them', async () => {
    fresh();
    const operationId = await paid();
    const { receiver: _r, ...flat } = settlement(operationId);
    const reply = await call1('/api/settlement', flat);
    expect(reply).toMatchObject({ response_status: 'failure', error_code: 1007 });
    expect(String(reply.error_message)).toMatch(/`version`.*2\.0 only/);
  });

  it('answers 1106 for a merchant without split payments', async () => {
    fresh();
    const operationId = await paid({}, NO_SPLIT);
    const reply = await call2(
      '/api/settlement',
      settlement(operationId, { merchant_id: NO_SPLIT.merchantId }),
      NO_SPLIT.secretKey,
    );
    expect(reply).toMatchObject({ response_status: 'failure', error_code: 1106 });
  });

  it('answers 1107 for a receiver the sandbox does not know (another company)', async () => {
    fresh();
    const operationId = await paid();
    const reply = await call2(
      '/api/settlement',
      settlement(operationId, {
        receiver: [receiver(PARTNER_A.merchantId, 500), receiver(9999999, 500)],
      }),
    );
    expect(reply).toMatchObject({ response_status: 'failure', error_code: 1107 });
  });

  it.each([
    ['the parts exceed the amount', { receiver: [receiver(1700001, 700), receiver(1700002, 400)] }],
    [
      'the parts fall short of the amount',
      { receiver: [receiver(1700001, 700), receiver(1700002, 200)] },
    ],
    [
      'amount and parts agree but differ from what was paid',
      { amount: 900, receiver: [receiver(1700001, 600), receiver(1700002, 300)] },
    ],
  ])('answers 1120 when %s', async (_what, extra) => {
    fresh();
    const operationId = await paid();
    const reply = await call2('/api/settlement', settlement(operationId, extra));
    expect(reply).toMatchObject({ response_status: 'failure', error_code: 1120 });
    expect(sandbox.control.order(operationId)?.split).toBeUndefined();
  });

  it('splits an order once (1120 for a second split) and keeps its order ids unique (1013)', async () => {
    fresh();
    const operationId = await paid();
    const first = settlement(operationId);
    expect(await call2('/api/settlement', first)).toMatchObject({ order_status: 'approved' });
    expect(await call2('/api/settlement', settlement(operationId))).toMatchObject({
      error_code: 1120,
    });
    const other = await paid();
    expect(
      await call2('/api/settlement', settlement(other, { order_id: first.order_id })),
    ).toMatchObject({ error_code: 1013 });
  });

  it('splits what is left after a refund, and only the captured amount of a pre-authorisation (1114 before)', async () => {
    fresh();
    const refunded = await paid();
    await call1('/api/reverse/order_id', {
      order_id: refunded,
      merchant_id: 1549901,
      amount: 200,
      currency: 'GEL',
    });
    const parts = { amount: 800, receiver: [receiver(1700001, 500), receiver(1700002, 300)] };
    expect(await call2('/api/settlement', settlement(refunded, parts))).toMatchObject({
      order_status: 'approved',
    });

    const held = await paid({ preauth: 'Y' });
    expect(await call2('/api/settlement', settlement(held, parts))).toMatchObject({
      response_status: 'failure',
      error_code: 1114,
    });
    await call1('/api/capture/order_id', {
      order_id: held,
      merchant_id: 1549901,
      amount: 800,
      currency: 'GEL',
    });
    expect(await call2('/api/settlement', settlement(held, parts))).toMatchObject({
      order_status: 'approved',
    });
  });

  it('answers 1018 for an unknown operation and 1007 operation_id for an unpaid one', async () => {
    fresh();
    expect(await call2('/api/settlement', settlement('no-such-order'))).toMatchObject({
      error_code: 1018,
    });
    const unpaid = `sp-${++seq}`;
    await call1('/api/checkout/token', {
      order_id: unpaid,
      merchant_id: 1549901,
      order_desc: 'Not paid',
      amount: 1000,
      currency: 'GEL',
    });
    const reply = await call2('/api/settlement', settlement(unpaid));
    expect(reply).toMatchObject({ response_status: 'failure', error_code: 1007 });
    expect(String(reply.error_message)).toMatch(/`operation_id`.*created/);
  });

  it.each([
    ['no receiver', { receiver: undefined }, 1011],
    ['an empty receiver list', { receiver: [] }, 1007],
    [
      'a bank-details receiver',
      { receiver: [{ type: 'bank', requisites: { amount: 1000 } }] },
      1007,
    ],
    [
      'a receiver without a description',
      { receiver: [{ type: 'merchant', requisites: { merchant_id: 1700001, amount: 1000 } }] },
      1011,
    ],
    ['a fractional part', { receiver: [receiver(1700001, 999.5), receiver(1700002, 0.5)] }, 1023],
    [
      'a merchant named twice',
      { receiver: [receiver(1700001, 500), receiver(1700001, 500)] },
      1007,
    ],
    ['a wrong order_type', { order_type: 'purchase' }, 1007],
    ['another currency', { currency: 'USD' }, 1007],
  ])('refuses %s (%s)', async (_what, extra, code) => {
    fresh();
    const operationId = await paid();
    const request: Record<string, unknown> = { ...settlement(operationId), ...extra };
    // JSON drops an undefined receiver: the request has none.
    if (request.receiver === undefined) delete request.receiver;
    expect(await call2('/api/settlement', request)).toMatchObject({
      response_status: 'failure',
      error_code: code,
    });
  });
});

describe('split refunds (/api/reverse/order_id with receiver)', () => {
  async function split() {
    fresh();
    const operationId = await paid({ server_callback_url: 'https://shop.example/cb' });
    const request = settlement(operationId);
    await call2('/api/settlement', request);
    return { operationId, settlementId: String(request.order_id) };
  }

  it('takes each part back from its receiver, reversal_amount cumulative, up to the paid amount', async () => {
    const { operationId, settlementId } = await split();
    const first = await call2(
      '/api/reverse/order_id',
      refund(operationId, 400, [
        [1700001, 300],
        [1700002, 100],
      ]),
    );
    expect(first).toMatchObject({ reverse_status: 'approved', reversal_amount: '400' });
    const second = await call2(
      '/api/reverse/order_id',
      refund(operationId, 600, [
        [1700001, 400],
        [1700002, 200],
      ]),
    );
    expect(second).toMatchObject({ reverse_status: 'approved', reversal_amount: '1000' });
    const order = sandbox.control.order(operationId);
    expect(order).toMatchObject({ status: 'reversed', reversalAmount: 1000 });
    expect(order?.split?.receivers).toEqual([
      { merchantId: 1700001, amount: 700, reversed: 700 },
      { merchantId: 1700002, amount: 300, reversed: 300 },
    ]);
    // The settlement order shows the same parts.
    expect(sandbox.control.order(settlementId)?.split?.receivers.map((r) => r.reversed)).toEqual([
      700, 300,
    ]);
    // Nothing is left: a further refund is over the paid amount.
    expect(
      await call2('/api/reverse/order_id', refund(operationId, 1, [[1700001, 1]])),
    ).toMatchObject({ response_status: 'failure' });
  });

  it('repeats a reverse_id without taking anything twice', async () => {
    const { operationId } = await split();
    const request = refund(operationId, 100, [[1700002, 100]], { reverse_id: 'r-1' });
    await call2('/api/reverse/order_id', request);
    expect(await call2('/api/reverse/order_id', request)).toMatchObject({ reversal_amount: '100' });
    expect(sandbox.control.order(operationId)?.split?.receivers[1]?.reversed).toBe(100);
  });

  it.each([
    ['a receiver outside the split', [[1549901, 100]], 100, 1108],
    ['a receiver Flitt does not know', [[9999999, 100]], 100, 1016],
    [
      'parts that differ from the amount',
      [
        [1700001, 100],
        [1700002, 50],
      ],
      200,
      1120,
    ],
    ['a part over the receiver’s share', [[1700002, 301]], 301, 1120],
  ] as const)('declines %s (%s) and changes nothing', async (_what, parts, amount, code) => {
    const { operationId } = await split();
    const reply = await call2(
      '/api/reverse/order_id',
      refund(
        operationId,
        amount,
        parts.map((p) => [...p]),
      ),
    );
    expect(reply).toMatchObject({
      response_status: 'success',
      reverse_status: 'declined',
      response_code: code,
      reversal_amount: '0',
    });
    const order = sandbox.control.order(operationId);
    expect(order?.reversalAmount).toBe(0);
    expect(order?.split?.receivers.map((r) => r.reversed)).toEqual([0, 0]);
  });

  it('refuses to reverse the split itself (1007 order_id): its paid order is refunded', async () => {
    const { settlementId } = await split();
    const reply = await call2('/api/reverse/order_id', refund(settlementId, 100, [[1700002, 100]]));
    expect(reply).toMatchObject({ response_status: 'failure', error_code: 1007 });
    expect(String(reply.error_message)).toMatch(/`order_id`.*settlement/);
  });

  it('declines 1108 for a receiver on an order that was never split', async () => {
    fresh();
    const operationId = await paid();
    expect(
      await call2('/api/reverse/order_id', refund(operationId, 100, [[1700001, 100]])),
    ).toMatchObject({
      reverse_status: 'declined',
      response_code: 1108,
    });
  });

  it('refuses a split order reversed without receiver (1011), and receiver in protocol 1.0 (1007)', async () => {
    const { operationId } = await split();
    const plain = { order_id: operationId, merchant_id: 1549901, amount: 100, currency: 'GEL' };
    expect(await call1('/api/reverse/order_id', plain)).toMatchObject({ error_code: 1011 });
    expect(
      await post('/api/reverse/order_id', {
        ...refund(operationId, 100, [[1700002, 100]]),
        signature: 'x',
      }),
    ).toMatchObject({ response_status: 'failure', error_code: 1007 });
  });
});
