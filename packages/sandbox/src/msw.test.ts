import { createSignature, verifySignature } from '@flitt-checkout/core';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from './createSandbox.ts';
import { sandboxHandlers } from './msw.ts';

const BASE = 'https://pay.flitt.com';
const KEY = 'test';
const sandbox = createSandbox({ baseUrl: BASE });
const server = setupServer(...sandboxHandlers(sandbox));
let seq = 0;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  sandbox.control.reset();
});
afterAll(() => {
  server.close();
  sandbox.close();
});

const orderParams = (extra: Record<string, unknown> = {}) => ({
  order_id: `msw-${Date.now()}-${++seq}`,
  merchant_id: 1549901,
  order_desc: 'Khachapuri',
  amount: 1500,
  currency: 'GEL',
  ...extra,
});

async function post(path: string, params: Record<string, unknown>) {
  const signature = await createSignature(params, KEY);
  return fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ request: { ...params, signature } }),
  });
}

async function api(path: string, params: Record<string, unknown>) {
  const response = await post(path, params);
  expect(response.status).toBe(200);
  return ((await response.json()) as { response: Record<string, unknown> }).response;
}

describe('sandboxHandlers', () => {
  it('answers a signed fetch to https://pay.flitt.com/api/checkout/url with a checkout_url', async () => {
    const params = orderParams();
    const created = await api('/api/checkout/url', params);
    expect(created.response_status).toBe('success');
    expect(String(created.checkout_url)).toMatch(
      /^https:\/\/pay\.flitt\.com\/merchants\/[0-9a-f]+\/default\/index\.html\?token=[0-9a-f]{40}$/,
    );
    expect(sandbox.control.order(params.order_id)?.status).toBe('created');

    const status = await api('/api/status/order_id', {
      order_id: params.order_id,
      merchant_id: 1549901,
    });
    expect(status.order_status).toBe('created');
    expect(await verifySignature(status, KEY)).toBe(true);
  });

  it('turns a reset fault into a network error, then answers again', async () => {
    sandbox.control.failNext(1, 'reset');

    await expect(post('/api/checkout/url', orderParams())).rejects.toThrow(TypeError);
    expect((await api('/api/checkout/url', orderParams())).response_status).toBe('success');
  });

  it('passes faults set through the HTTP control API on to the next request', async () => {
    const set = await fetch(`${BASE}/sandbox/control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, kind: 'http500' }),
    });
    expect(set.status).toBe(200);

    expect((await post('/api/checkout/url', orderParams())).status).toBe(500);
  });

  it('answers 404 for a path the sandbox does not know', async () => {
    expect((await post('/api/no/such/endpoint', orderParams())).status).toBe(404);
    expect((await fetch(`${BASE}/nowhere`)).status).toBe(404);
    expect((await fetch(`${BASE}/merchants/zz/default/index.html`)).status).toBe(404);
  });

  it('delivers callbacks to a merchant handler on the same msw server', async () => {
    const received: Record<string, unknown>[] = [];
    server.use(
      http.post('https://shop.example/flitt/callback', async ({ request }) => {
        received.push((await request.json()) as Record<string, unknown>);
        return new HttpResponse(null, { status: 200 });
      }),
    );
    const params = orderParams({ server_callback_url: 'https://shop.example/flitt/callback' });
    const { token } = await api('/api/checkout/token', params);

    const paid = await fetch(`${BASE}/sandbox/embedded/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        card_number: '4444555511116666',
        expiry_date: '12/30',
        cvv2: '123',
      }),
    });
    expect(paid.status).toBe(200);
    await sandbox.control.callbacksIdle();

    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ order_id: params.order_id, order_status: 'approved' });
    expect(await verifySignature(received[0] ?? {}, KEY)).toBe(true);
    expect(sandbox.control.callbacks()).toMatchObject([{ attempt: 1, status: 200 }]);
  });
});
