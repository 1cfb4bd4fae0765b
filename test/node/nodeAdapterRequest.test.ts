// toNodeHandler serves createFlittHandlers' handlers from their core (no Web Request per call),
// yet the merchant's code still gets a real Web Request: resolveOrder can read the body again and
// the headers, authorizeStatus the cookies, and an Express-parsed body arrives as sent.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox } from '@flitt-checkout/sandbox';
import { createFlittClient, createFlittHandlers, FlittHttpError } from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const seen: { body: unknown; cookie: string | null; url: string; method: string }[] = [];
const authorized: (string | null)[] = [];
let server: Server;
let url: string;
const sandbox = createSandbox();

function handlers() {
  return createFlittHandlers({
    client: createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      baseUrl: sandbox.baseUrl,
      fetch: (input, init) => sandbox.handle(new Request(input, init)),
    }),
    resolveOrder: async ({ request }) => {
      seen.push({
        body: await request.json(),
        cookie: request.headers.get('cookie'),
        url: request.url,
        method: request.method,
      });
      if (request.headers.get('x-refuse')) throw new FlittHttpError(409, 'sold_out', 'Sold out.');
      return { amount: 700, currency: 'GEL', order_desc: 'Tea' };
    },
    authorizeStatus: (request) => {
      authorized.push(request.headers.get('cookie'));
      return request.headers.get('cookie') === 'session=mine';
    },
    resultUrl: '/result',
    logger: { warn: () => {}, error: () => {} },
  });
}

beforeAll(async () => {
  const plain = handlers();
  const app = express();
  const parsed = handlers();
  app.use('/parsed', express.json());
  app.post('/parsed/checkout', toNodeHandler(parsed.createCheckout));
  // A parser that allows more than the handlers do: the handlers' 64 KiB limit still applies.
  app.use('/roomy', express.json({ limit: '1mb' }));
  app.post('/roomy/checkout', toNodeHandler(parsed.createCheckout));
  const checkout = toNodeHandler(plain.createCheckout);
  const status = toNodeHandler(plain.status);
  server = createServer((req, res) => {
    if (req.url?.startsWith('/parsed') || req.url?.startsWith('/roomy')) return void app(req, res);
    return req.url?.startsWith('/status') ? status(req, res) : checkout(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  sandbox.close();
});

const order = { items: [{ sku: 'tea', qty: 1 }], note: 'ქართული ჩაი' };
const post = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: 'session=mine', ...headers },
    body: JSON.stringify({ flow: 'redirect', order }),
  });

describe('toNodeHandler and the merchant’s Web Request', () => {
  it('gives resolveOrder the body it already read, the headers and the full URL', async () => {
    seen.length = 0;
    const res = await post('/checkout?x=1');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ flow: 'redirect', checkoutUrl: expect.any(String) });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(seen).toEqual([
      {
        body: { flow: 'redirect', order },
        cookie: 'session=mine',
        url: `${url}/checkout?x=1`,
        method: 'POST',
      },
    ]);
  });

  it('passes the merchant’s refusal through with its status and code', async () => {
    const res = await post('/checkout', { 'x-refuse': '1' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: 'sold_out', payerMessage: 'Sold out.' },
    });
  });

  it('reads a body Express already parsed', async () => {
    seen.length = 0;
    const res = await post('/parsed/checkout');
    expect(res.status).toBe(200);
    expect(seen[0]?.body).toEqual({ flow: 'redirect', order });
  });

  it('refuses a body over 64 KiB that Express parsed already, as it refuses one it reads', async () => {
    seen.length = 0;
    const big = await fetch(`${url}/roomy/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ flow: 'redirect', order: { ...order, note: 'x'.repeat(70_000) } }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(seen).toEqual([]);
    const small = await fetch(`${url}/roomy/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ flow: 'redirect', order }),
    });
    expect(small.status).toBe(200);
  });

  it('gives authorizeStatus the request’s cookies', async () => {
    authorized.length = 0;
    const theirs = await fetch(`${url}/status?order_id=someone-else`, {
      headers: { cookie: 'session=theirs' },
    });
    expect(theirs.status).toBe(403);
    const mine = await fetch(`${url}/status?order_id=none`, {
      headers: { cookie: 'session=mine' },
    });
    expect(mine.status).toBe(404);
    expect(authorized).toEqual(['session=theirs', 'session=mine']);
  });
});
