// Hono on Node (@hono/node-server), mounting the handlers the way the README shows: c.req.raw in,
// the handler's Response out.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { runtimeSuite } from '../../runtimes/runtimeSuite.ts';
import { createShop } from '../../runtimes/shop.ts';

runtimeSuite('Hono on Node', async (sandboxUrl) => {
  let shop: ReturnType<typeof createShop> | undefined;
  const flitt = () => (shop as ReturnType<typeof createShop>).flitt;
  const app = new Hono();
  app.post('/api/flitt/checkout', (c) => flitt().createCheckout(c.req.raw));
  app.post('/api/flitt/callback', (c) => flitt().callback(c.req.raw));
  app.all('/api/flitt/return', (c) => flitt().paymentReturn(c.req.raw));
  app.get('/api/flitt/status', (c) => flitt().status(c.req.raw));
  // The tests' own routes (events seen, a read with a short timeout), as every runtime serves them.
  app.get('/test/*', (c) => (shop as ReturnType<typeof createShop>).route(c.req.raw));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      resolve(listening),
    );
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  shop = createShop({ sandboxUrl, origin });
  return {
    origin,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
