// The runtime tests' shop under Deno.serve (test/node/runtimes/deno.test.ts starts it): the
// workspace packages come from node_modules, resolved by their @flitt-checkout/source condition.
import { createShop } from '../shop.ts';

declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(
    options: { hostname: string; port: number; onListen(address: { port: number }): void },
    handler: (request: Request) => Promise<Response>,
  ): unknown;
};

const port = Number(Deno.env.get('SHOP_PORT'));
const shop = createShop({
  sandboxUrl: Deno.env.get('SANDBOX_URL') ?? '',
  origin: `http://127.0.0.1:${port}`,
});
Deno.serve(
  // The test waits for this line before it sends anything.
  { hostname: '127.0.0.1', port, onListen: ({ port }) => console.log(`listening on ${port}`) },
  shop.route,
);
