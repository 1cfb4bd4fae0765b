// A Cloudflare Worker (module syntax) serving the runtime tests' shop; wrangler bundles it from
// the workspace sources (test/node/runtimes/workerd.test.ts starts it).
import { createFlittClient } from '@flitt-checkout/server';
import { createShop } from '../shop.ts';

interface Env {
  readonly SANDBOX_URL: string;
  readonly SHOP_ORIGIN: string;
  /** A server on 127.0.0.1 that answers every request with a 302. */
  readonly REDIRECTING_URL: string;
}

let shop: ReturnType<typeof createShop> | undefined;

/** What a client call against a redirecting "Flitt" ends with, for GET /test/redirect. */
async function callRedirecting(env: Env): Promise<Response> {
  const client = createFlittClient({
    merchantId: 1549901,
    secretKey: 'test',
    baseUrl: env.REDIRECTING_URL,
    retries: 0,
  });
  try {
    await client.getOrderStatus('any');
    return Response.json({ outcome: 'resolved' });
  } catch (error) {
    const { name, message } = error as Error;
    return Response.json({ outcome: 'rejected', name, message });
  }
}

/** Whether this isolate offers node:http (nodejs_compat from 2025-08-15): then the client uses it. */
function nodeHttp(): boolean {
  const { process } = globalThis as { process?: { getBuiltinModule?(id: string): unknown } };
  const http = process?.getBuiltinModule?.('node:http') as { request?: unknown } | undefined;
  return typeof http?.request === 'function';
}

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/test/redirect') return callRedirecting(env);
    if (pathname === '/test/runtime')
      return Promise.resolve(Response.json({ nodeHttp: nodeHttp() }));
    // One shop per isolate, so /test/events sees what the callback handler recorded.
    shop ??= createShop({ sandboxUrl: env.SANDBOX_URL, origin: env.SHOP_ORIGIN });
    return shop.route(request);
  },
};
