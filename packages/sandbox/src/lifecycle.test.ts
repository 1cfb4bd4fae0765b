import { createSignature, verifySignature } from '@flitt-checkout/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './createSandbox.ts';

// Card verification (verification=Y): `amount` charges and reverses at once; `code` holds the
// amount until the payer types the code from the card statement. Driven through the card form's
// endpoints (control.pay / control.verify post them), read back through /api/status and callbacks.

const BASE = 'https://pay.flitt.com';
const KEY = 'test';
const START = Date.UTC(2026, 4, 10, 9, 30);
const CALLBACK_URL = 'https://shop.example/flitt/callback';
let sandbox: Sandbox;
let seq = 0;
const callbacks: Record<string, unknown>[] = [];

afterEach(() => {
  sandbox?.close();
  callbacks.length = 0;
});

function fresh() {
  sandbox = createSandbox({
    baseUrl: BASE,
    now: () => START,
    callbackTimeScale: 0.0001,
    fetch: async (_input, init) => {
      callbacks.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
      return new Response('OK');
    },
  });
  return sandbox;
}

async function call(path: string, params: Record<string, unknown>) {
  const signed = { ...params, signature: await createSignature(params, KEY) };
  const response = await sandbox.handle(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request: signed }),
    }),
  );
  return ((await response.json()) as { response: Record<string, unknown> }).response;
}

/** A verification order; resolves its order id. */
async function verification(extra: Record<string, unknown> = {}) {
  const order_id = `ver-${++seq}`;
  const created = await call('/api/checkout/token', {
    order_id,
    merchant_id: 1549901,
    order_desc: 'Save a card',
    amount: 100,
    currency: 'GEL',
    verification: 'Y',
    server_callback_url: CALLBACK_URL,
    ...extra,
  });
  expect(created.response_status).toBe('success');
  return order_id;
}

const status = (order_id: string) =>
  call('/api/status/order_id', { order_id, merchant_id: 1549901 });

async function settledCallbacks() {
  await sandbox.control.callbacksIdle();
  return callbacks;
}

describe('verification_type=amount (and verification=Y alone)', () => {
  it('charges, reverses at once and reports verification_status verified, with the token', async () => {
    fresh();
    for (const extra of [{}, { verification_type: 'amount' }]) {
      const id = await verification({ required_rectoken: 'Y', ...extra });
      const paid = await sandbox.control.pay(id);
      expect(paid.status).toBe('done');
      const order = await status(id);
      expect(order).toMatchObject({
        order_status: 'reversed',
        reversal_amount: '100',
        verification_status: 'verified',
      });
      expect(order.rectoken).toMatch(/^[0-9A-Za-z]{46}$/);
      expect(await verifySignature(order, KEY)).toBe(true);
      // The token of a verified card pays later, host to host.
      const charged = await call('/api/recurring', {
        order_id: `${id}-charge`,
        merchant_id: 1549901,
        order_desc: 'First box',
        amount: 2500,
        currency: 'GEL',
        rectoken: order.rectoken,
      });
      expect(charged.order_status).toBe('approved');
    }
  });

  it('reports failed, and no token, when the card is declined', async () => {
    fresh();
    const id = await verification({ required_rectoken: 'Y', delayed: 'N' });
    await sandbox.control.pay(id, '4444111155556666');
    const order = await status(id);
    expect(order).toMatchObject({
      order_status: 'declined',
      verification_status: 'failed',
      rectoken: '',
    });
  });

  it('leaves verification_status empty on orders that are not verifications', async () => {
    fresh();
    const order_id = `plain-${++seq}`;
    await call('/api/checkout/token', {
      order_id,
      merchant_id: 1549901,
      order_desc: 'Tea',
      amount: 100,
      currency: 'GEL',
    });
    await sandbox.control.pay(order_id);
    expect((await status(order_id)).verification_status).toBe('');
  });
});

describe('verification_type=code', () => {
  it('holds the card and waits for the code: processing, verification_status created, no token yet', async () => {
    fresh();
    const id = await verification({ verification_type: 'code', required_rectoken: 'Y' });
    const paid = await sandbox.control.pay(id);
    expect(paid.status).toBe('verify');
    expect(String(paid.verification_hint)).toContain(
      sandbox.control.order(id)?.verificationCode ?? 'no code',
    );
    expect(sandbox.control.order(id)?.verificationCode).toMatch(/^\d{4}$/);
    const order = await status(id);
    expect(order).toMatchObject({
      order_status: 'processing',
      verification_status: 'created',
      rectoken: '',
      reversal_amount: '0',
    });
    // Nothing final yet: the merchant hears of it when the code is typed.
    expect(await settledCallbacks()).toEqual([]);
  });

  it('verifies with the right code: reversed, verified, the token issued, one callback', async () => {
    fresh();
    const id = await verification({ verification_type: 'code', required_rectoken: 'Y' });
    await sandbox.control.pay(id);
    const done = await sandbox.control.verify(id);
    expect(done.status).toBe('done');
    const order = await status(id);
    expect(order).toMatchObject({
      order_status: 'reversed',
      reversal_amount: '100',
      verification_status: 'verified',
    });
    expect(order.rectoken).toMatch(/^[0-9A-Za-z]{46}$/);
    expect(sandbox.control.order(id)?.verificationCode).toBeUndefined();
    const sent = await settledCallbacks();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ order_status: 'reversed', verification_status: 'verified' });
    expect(await verifySignature(sent[0] as Record<string, unknown>, KEY)).toBe(true);
  });

  it('says a wrong code is wrong (incorrect) and lets the payer type it again', async () => {
    fresh();
    const id = await verification({ verification_type: 'code' });
    await sandbox.control.pay(id);
    const code = sandbox.control.order(id)?.verificationCode ?? '';
    const wrong = String((Number(code) + 1) % 10_000).padStart(4, '0');
    const again = await sandbox.control.verify(id, wrong);
    expect(again).toMatchObject({ status: 'verify', verify: true });
    expect(String(again.message)).not.toBe('');
    expect((await status(id)).verification_status).toBe('incorrect');
    // The same code, still awaited (spaces around it are the payer's, not part of the code).
    expect((await sandbox.control.verify(id, ` ${code} `)).status).toBe('done');
    expect((await status(id)).verification_status).toBe('verified');
  });

  it('fails the check after three wrong codes: declined with 1088, no token, the code no longer taken', async () => {
    fresh();
    const id = await verification({ verification_type: 'code', required_rectoken: 'Y' });
    await sandbox.control.pay(id);
    const code = sandbox.control.order(id)?.verificationCode ?? '';
    const wrong = code === '0000' ? '1111' : '0000';
    expect((await sandbox.control.verify(id, wrong)).status).toBe('verify');
    expect((await sandbox.control.verify(id, wrong)).status).toBe('verify');
    const failed = await sandbox.control.verify(id, wrong);
    expect(failed.status).toBe('done');
    const order = await status(id);
    expect(order).toMatchObject({
      order_status: 'declined',
      response_code: 1088,
      verification_status: 'failed',
      rectoken: '',
    });
    expect((await sandbox.control.verify(id, code)).status).toBe('done');
    expect((await status(id)).order_status).toBe('declined');
    const sent = await settledCallbacks();
    expect(sent.map((c) => c.verification_status)).toEqual(['failed']);
  });

  it('fails the check when the order’s lifetime ends before the code is typed', async () => {
    fresh();
    const id = await verification({ verification_type: 'code', lifetime: 600 });
    await sandbox.control.pay(id);
    sandbox.control.advanceClock(600);
    const order = await status(id);
    expect(order).toMatchObject({ order_status: 'declined', verification_status: 'failed' });
    expect(sandbox.control.order(id)?.verificationCode).toBeUndefined();
  });

  it('asks for the code, not for a card, when the card form is posted again meanwhile', async () => {
    fresh();
    const id = await verification({ verification_type: 'code' });
    await sandbox.control.pay(id);
    const code = sandbox.control.order(id)?.verificationCode;
    expect((await sandbox.control.pay(id, '5555666644441111')).status).toBe('verify');
    expect(sandbox.control.order(id)).toMatchObject({ attempts: 1, verificationCode: code });
  });

  it('asks for the code after 3-D Secure, and lets a declined card try again (delayed=Y)', async () => {
    fresh();
    const id = await verification({ verification_type: 'code' });
    expect((await sandbox.control.pay(id, '4444111155556666')).status).toBe('done');
    expect((await status(id)).verification_status).toBe('failed');
    const challenged = await sandbox.control.pay(id, '4444555566661111');
    expect(challenged.status).toBe('3ds');
    const acs = await sandbox.handle(
      new Request(String(challenged.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'result=confirm',
      }),
    );
    expect(acs.status).toBe(200);
    const result = await sandbox.handle(
      new Request(`${BASE}/sandbox/embedded/result`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: sandbox.control.order(id)?.token }),
      }),
    );
    expect(await result.json()).toMatchObject({ status: 'verify', verify: true });
    expect((await status(id)).verification_status).toBe('created');
    expect((await sandbox.control.verify(id)).status).toBe('done');
    expect(await status(id)).toMatchObject({ order_status: 'reversed', eci: '5' });
  });
});
