// Run by perRequestObjects.test.ts with --allow-natives-syntax: serves create checkout through
// toNodeHandler on 127.0.0.1 and prints whether the objects made per request (the handlers'
// `Incoming` and resolveOrder's input) are fast-mode objects on V8.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFlittHandlers } from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';

// `%HasFastProperties` is V8 syntax, not JavaScript: compiled at run time, under the flag.
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (
  o: unknown,
) => boolean;
const CORE = Symbol.for('@flitt-checkout/server.handlerCore');

const seen: { incoming: boolean[]; input: boolean[]; requestRead: boolean[] } = {
  incoming: [],
  input: [],
  requestRead: [],
};
const handlers = createFlittHandlers({
  client: {
    merchantId: 1549901,
    baseUrl: 'https://pay.flitt.com',
    createCheckoutUrl: async (order: { order_id: string }) => ({
      checkoutUrl: `https://pay.flitt.com/merchants/x/default/index.html?token=${order.order_id}`,
      paymentId: '1',
    }),
  } as never,
  resolveOrder: (input) => {
    seen.input.push(hasFastProperties(input));
    seen.requestRead.push(input.request.headers.get('x-probe') === 'yes');
    return { amount: 1500, currency: 'GEL', order_desc: 'Tea' };
  },
  returnUrl: 'https://shop.example/api/flitt/return',
  resultUrl: '/result',
});
// The handler's core, wrapped to look at the Incoming that toNodeHandler makes.
const core = (handlers.createCheckout as unknown as Record<symbol, (incoming: unknown) => unknown>)[
  CORE
] as (incoming: unknown) => unknown;
const watched = Object.assign(handlers.createCheckout.bind(null), {
  [CORE]: (incoming: unknown) => {
    seen.incoming.push(hasFastProperties(incoming));
    return core(incoming);
  },
});
const server = createServer(toNodeHandler(watched));
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/flitt/checkout`;
const statuses: number[] = [];
for (let i = 0; i < 50; i++) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-probe': 'yes' },
    body: JSON.stringify({ flow: 'redirect', order: { sku: 'tea' } }),
  });
  statuses.push(response.status);
  await response.text();
}
server.close();
console.log(JSON.stringify({ statuses, ...seen }));
