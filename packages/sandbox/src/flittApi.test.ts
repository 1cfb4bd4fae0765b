import { createSignature, verifySignature } from '@flitt-checkout/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './createSandbox.ts';
import { flittTime } from './orders.ts';

// Saved cards as Flitt documents them: tokens with a `rectoken_lifetime` on the sandbox clock
// (1082 past it, 1035 for a token never issued), and the per-merchant permission (1059 / 1060).

const BASE = 'http://127.0.0.1:8610';
const KEY = 'test';
const START = Date.UTC(2026, 4, 10, 9, 30);
const OTHER = { merchantId: 1700001, secretKey: 'other-secret', name: 'No saved cards' };
let sandbox: Sandbox;
let seq = 0;

afterEach(() => sandbox?.close());

function fresh(options: Parameters<typeof createSandbox>[0] = {}) {
  sandbox = createSandbox({ baseUrl: BASE, now: () => START, ...options });
  return sandbox;
}

const orderParams = (extra: Record<string, unknown> = {}) => ({
  order_id: `fa-${++seq}`,
  merchant_id: 1549901,
  order_desc: 'Tea box',
  amount: 2500,
  currency: 'GEL',
  ...extra,
});

async function call(path: string, params: Record<string, unknown>, key = KEY) {
  const signed = { ...params, signature: await createSignature(params, key) };
  const response = await sandbox.handle(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request: signed }),
    }),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { response: Record<string, unknown> }).response;
}

/** Pays a `required_rectoken=Y` order through the card form; resolves the signed order. */
async function saveCard(
  expiry = '12/30',
  extra: Record<string, unknown> = {},
  card = '4444555511116666',
) {
  const params = orderParams({ required_rectoken: 'Y', delayed: 'N', ...extra });
  const { token } = await call('/api/checkout/token', params);
  const response = await sandbox.handle(
    new Request(`${BASE}/sandbox/embedded/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        card_number: card,
        expiry_date: expiry,
        cvv2: '123',
      }),
    }),
  );
  const { order } = (await response.json()) as { order: Record<string, unknown> };
  return order;
}

const charge = (rectoken: unknown, extra: Record<string, unknown> = {}) =>
  call('/api/recurring', orderParams({ rectoken, order_desc: 'Monthly tea box', ...extra }));

describe('card tokens (rectoken)', () => {
  it('issues 46 letters and digits, a fresh one per saved card, like the documented tokens', async () => {
    fresh();
    const first = await saveCard();
    const second = await saveCard();
    for (const order of [first, second]) expect(order.rectoken).toMatch(/^[0-9A-Za-z]{46}$/);
    expect(first.rectoken).not.toBe(second.rectoken);
    expect(await verifySignature(first, KEY)).toBe(true);
  });

  it('gives rectoken_lifetime in DD.MM.YYYY hh:mm:ss, by default until the card expires', async () => {
    fresh();
    const order = await saveCard('07/29');
    // The first second after July 2029, the last month the card works.
    expect(order.rectoken_lifetime).toBe(flittTime(Date.UTC(2029, 7, 1)));
    expect(order.rectoken_lifetime).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/);
  });

  it('charges a token until its lifetime ends on the sandbox clock, then answers 1082', async () => {
    fresh();
    const { rectoken } = await saveCard('07/29');
    const untilExpiry = (Date.UTC(2029, 7, 1) - START) / 1000;
    sandbox.control.advanceClock(untilExpiry - 1);
    expect(await charge(rectoken)).toMatchObject({ order_status: 'approved' });
    sandbox.control.advanceClock(1);
    const params = orderParams({ rectoken, order_desc: 'Monthly tea box' });
    const refused = await call('/api/recurring', params);
    expect(refused).toMatchObject({ response_status: 'failure', error_code: 1082 });
    // Refused before any order exists, like 1035.
    expect(sandbox.control.order(params.order_id)).toBeUndefined();
  });

  it('declines a charge by token on the card whose later charges decline (4000001099000002)', async () => {
    fresh();
    const first = await saveCard('12/30', {}, '4000001099000002');
    expect(first).toMatchObject({ order_status: 'approved', rectoken: expect.any(String) });
    const declined = await charge(first.rectoken);
    // A final decline with its code, signed like any order (not a refusal of the request).
    expect(declined).toMatchObject({
      order_status: 'declined',
      response_code: 1037,
      rectoken: first.rectoken,
    });
    expect(await verifySignature(declined, KEY)).toBe(true);
    // The usual card's token still charges.
    const { rectoken } = await saveCard();
    expect(await charge(rectoken)).toMatchObject({ order_status: 'approved' });
  });

  it('keeps 1035 for a token it never issued, and for another merchant’s token', async () => {
    fresh({ merchants: [OTHER] });
    const { rectoken } = await saveCard();
    expect((await charge('Q'.repeat(46))).error_code).toBe(1035);
    const foreign = await call(
      '/api/recurring',
      orderParams({ merchant_id: OTHER.merchantId, rectoken }),
      OTHER.secretKey,
    );
    expect(foreign.error_code).toBe(1035);
  });

  it('lets a sandbox give tokens a shorter lifetime (rectokenLifetimeSeconds)', async () => {
    fresh({ rectokenLifetimeSeconds: 3600 });
    const order = await saveCard();
    expect(order.rectoken_lifetime).toBe(flittTime(START + 3600_000));
    sandbox.control.advanceClock(3599);
    expect((await charge(order.rectoken)).order_status).toBe('approved');
    sandbox.control.advanceClock(1);
    expect((await charge(order.rectoken)).error_code).toBe(1082);
  });

  it('expires one token early on request (control.expireRectoken), the issuing order included', async () => {
    fresh();
    const order = await saveCard();
    const kept = await saveCard();
    const lifetime = sandbox.control.expireRectoken(String(order.rectoken), 60);
    expect(lifetime).toBe(flittTime(START + 60_000));
    const status = await call('/api/status/order_id', {
      order_id: order.order_id,
      merchant_id: 1549901,
    });
    expect(status.rectoken_lifetime).toBe(lifetime);
    expect(await verifySignature(status, KEY)).toBe(true);
    expect((await charge(order.rectoken)).order_status).toBe('approved');
    sandbox.control.advanceClock(60);
    expect((await charge(order.rectoken)).error_code).toBe(1082);
    expect((await charge(kept.rectoken)).order_status).toBe('approved');
    expect(sandbox.control.expireRectoken('never-issued')).toBeUndefined();
  });

  it('expires a token over the HTTP control API, and explains bad requests', async () => {
    fresh();
    const { rectoken } = await saveCard();
    const post = (body: unknown) =>
      sandbox.handle(
        new Request(`${BASE}/sandbox/control/rectoken`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const expired = await post({ rectoken });
    expect(expired.status).toBe(200);
    expect(await expired.json()).toEqual({ rectoken, rectoken_lifetime: flittTime(START) });
    expect((await charge(rectoken)).error_code).toBe(1082);
    expect((await post({ rectoken: 'nope' })).status).toBe(404);
    expect((await post({})).status).toBe(400);
    expect((await post({ rectoken, expiresInSeconds: -5 })).status).toBe(400);
  });

  it('forgets tokens on reset', async () => {
    fresh();
    const { rectoken } = await saveCard();
    sandbox.control.reset();
    expect((await charge(rectoken)).error_code).toBe(1035);
  });
});

describe('saved cards as a per-merchant permission', () => {
  it('allows them for Flitt’s test merchant by default', async () => {
    fresh();
    const { rectoken } = await saveCard();
    expect((await charge(rectoken)).order_status).toBe('approved');
  });

  it('answers required_rectoken=Y with 1059 for a merchant without them, and still takes other orders', async () => {
    fresh({ merchants: [{ ...OTHER, recurring: false }] });
    const params = (extra: Record<string, unknown> = {}) =>
      orderParams({ merchant_id: OTHER.merchantId, ...extra });
    for (const path of ['/api/checkout/token', '/api/checkout/url']) {
      const refused = await call(path, params({ required_rectoken: 'Y' }), OTHER.secretKey);
      expect(refused).toMatchObject({ response_status: 'failure', error_code: 1059 });
    }
    const plain = await call('/api/checkout/token', params(), OTHER.secretKey);
    expect(plain.response_status).toBe('success');
    const declined = await call(
      '/api/checkout/token',
      params({ required_rectoken: 'N' }),
      OTHER.secretKey,
    );
    expect(declined.response_status).toBe('success');
  });

  it('answers /api/recurring with 1060 for a merchant without them, before looking at the token', async () => {
    const sandboxWith = fresh();
    const { rectoken } = await saveCard();
    sandboxWith.control.addMerchant({ ...OTHER, recurring: false });
    const refused = await call(
      '/api/recurring',
      orderParams({ merchant_id: OTHER.merchantId, rectoken }),
      OTHER.secretKey,
    );
    expect(refused).toMatchObject({ response_status: 'failure', error_code: 1060 });
    const unknown = await call(
      '/api/recurring',
      orderParams({ merchant_id: OTHER.merchantId, rectoken: 'Q'.repeat(46) }),
      OTHER.secretKey,
    );
    expect(unknown.error_code).toBe(1060);
  });

  it('checks the signature before the permission', async () => {
    fresh({ merchants: [{ ...OTHER, recurring: false }] });
    const refused = await call(
      '/api/recurring',
      orderParams({ merchant_id: OTHER.merchantId, rectoken: 'Q'.repeat(46) }),
      'not-the-key',
    );
    expect(refused.error_code).toBe(1014);
  });
});
