// The README's Express and Web-standard (Next.js route handler) examples, run for real: Express on
// 127.0.0.1, the sandbox as an HTTP server, callbacks over HTTP.
import type { AddressInfo } from 'node:net';
import { createSignature } from '@flitt-checkout/core';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { createFlittClient, createFlittHandlers, type FlittOrder } from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const prices: Record<string, number> = { churchkhela: 450, tea: 700 };
const paid: FlittOrder[] = [];
let sandbox: RunningSandbox;
let shop: ReturnType<ReturnType<typeof express>['listen']>;
let shopUrl: string;

function makeHandlers(shopOrigin: string) {
  return createFlittHandlers({
    client: createFlittClient({ merchantId: '1549901', secretKey: 'test', baseUrl: sandbox.url }),
    resolveOrder: ({ order }) => {
      const items = (order as { items: { sku: string; qty: number }[] }).items;
      const amount = items.reduce((sum, item) => sum + (prices[item.sku] ?? 0) * item.qty, 0);
      return { amount, currency: 'GEL', order_desc: 'Demo order', delayed: 'N' };
    },
    onEvent: async (event) => {
      if (event.type === 'payment.approved') paid.push(event.order);
    },
    callbackUrl: `${shopOrigin}/api/flitt/callback`,
    returnUrl: `${shopOrigin}/api/flitt/return`,
    resultUrl: '/checkout/result',
    logger: { warn: vi.fn(), error: vi.fn() },
  });
}

async function payWith(checkoutUrl: string, card: string) {
  await sandbox.control.pay(new URL(checkoutUrl).searchParams.get('token') ?? '', card);
  await sandbox.control.callbacksIdle();
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, callbackTimeScale: 0.001 });
  const app = express();
  // Body parsers mounted app-wide, as many apps do: the adapter must still verify signatures.
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  shop = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => shop.once('listening', resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  const flitt = makeHandlers(shopUrl);
  app.post('/api/flitt/checkout', toNodeHandler(flitt.createCheckout));
  app.post('/api/flitt/callback', toNodeHandler(flitt.callback));
  app.all('/api/flitt/return', toNodeHandler(flitt.paymentReturn));
  app.get('/api/flitt/status', toNodeHandler(flitt.status));
});

afterAll(async () => {
  await new Promise((resolve) => shop.close(resolve));
  await sandbox.stop();
});

describe('the README Express example', () => {
  it('creates an order, receives the verified callback, and answers status', async () => {
    paid.length = 0;
    const res = await fetch(`${shopUrl}/api/flitt/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        flow: 'redirect',
        order: { items: [{ sku: 'churchkhela', qty: 2 }], amount: 1 },
      }),
    });
    expect(res.status).toBe(200);
    const { orderId, checkoutUrl } = (await res.json()) as { orderId: string; checkoutUrl: string };
    expect(checkoutUrl.startsWith(`${sandbox.url}/merchants/`)).toBe(true);
    expect(sandbox.control.order(orderId)?.amount).toBe(900);

    await payWith(checkoutUrl, '4444555511116666');
    expect(paid).toEqual([
      expect.objectContaining({ order_id: orderId, order_status: 'approved' }),
    ]);
    const callback = sandbox.control.callbacks().find((c) => c.orderId === orderId);
    expect(callback?.url).toBe(`${shopUrl}/api/flitt/callback`);
    expect(callback?.status).toBe(200);

    const status = await (await fetch(`${shopUrl}/api/flitt/status?order_id=${orderId}`)).json();
    expect(status).toMatchObject({ orderId, status: 'approved', amount: 900 });
  });

  it('rejects a forged callback with 400 and a replayed one harmlessly', async () => {
    paid.length = 0;
    const forgedOrder = {
      order_id: 'forged',
      merchant_id: 1549901,
      amount: '1',
      currency: 'GEL',
      order_status: 'approved',
      response_status: 'success',
    };
    const forged = await fetch(`${shopUrl}/api/flitt/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...forgedOrder,
        signature: await createSignature(forgedOrder, 'guessed-key'),
      }),
      redirect: 'manual',
    });
    expect(forged.status).toBe(400);
    const genuine = sandbox.control.callbacks().find((c) => c.status === 200);
    const replay = await fetch(`${shopUrl}/api/flitt/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(genuine?.body),
    });
    expect(replay.status).toBe(200);
    expect(paid).toEqual([]);
  });

  it('turns the payer’s verified return POST into a 303 to the result page', async () => {
    const order = {
      order_id: 'ret-1',
      merchant_id: 1549901,
      amount: '900',
      currency: 'GEL',
      order_status: 'approved',
      response_status: 'success',
    };
    const body = new URLSearchParams({
      ...order,
      merchant_id: '1549901',
      signature: await createSignature(order, 'test'),
    });
    const res = await fetch(`${shopUrl}/api/flitt/return?order_id=ret-1`, {
      method: 'POST',
      body,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/checkout/result?order_id=ret-1');
    body.set('amount', '1');
    const tampered = await fetch(`${shopUrl}/api/flitt/return`, {
      method: 'POST',
      body,
      redirect: 'manual',
    });
    expect(tampered.status).toBe(400);
  });
});

describe('the README Web-standard (Next.js route handler) example', () => {
  it('mounts handlers as route exports and works end to end', async () => {
    paid.length = 0;
    const origin = 'https://shop.example';
    const flitt = makeHandlers(origin);
    // app/api/flitt/checkout/route.ts → export const POST = flitt.createCheckout;
    const POST = flitt.createCheckout;
    const res = await POST(
      new Request(`${origin}/api/flitt/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flow: 'embedded', order: { items: [{ sku: 'tea', qty: 3 }] } }),
      }),
    );
    const { orderId, token } = (await res.json()) as { orderId: string; token: string };
    expect(sandbox.control.order(orderId)?.amount).toBe(2100);
    await sandbox.control.pay(token);
    // Flitt cannot reach shop.example from here, so hand the callback it tried to the route.
    await sandbox.control.callbacksIdle();
    const attempt = sandbox.control.callbacks().find((c) => c.orderId === orderId);
    const callback = await flitt.callback(
      new Request(`${origin}/api/flitt/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(attempt?.body),
      }),
    );
    expect(callback.status).toBe(200);
    expect(paid.map((o) => o.order_id)).toEqual([orderId]);
    const status = await flitt.status(
      new Request(`${origin}/api/flitt/status?order_id=${orderId}`),
    );
    expect(await status.json()).toMatchObject({ status: 'approved' });
  });
});
