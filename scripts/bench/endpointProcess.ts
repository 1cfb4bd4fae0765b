// A create-checkout endpoint in its own process, for the server benchmark (server.ts forks it):
// flitt-checkout's handler or the nearest equivalent over the official SDK, on node:http on
// 127.0.0.1, calling the sandbox process over HTTPS through node:https's global agent. That
// agent trusts only the run's self-signed certificate, keeps connections alive (or not, on
// request), and sends the SDK's fixed host to the sandbox's port. Its CPU time is reported on
// request, so the figures are the endpoint's alone.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createFlittClient, createFlittHandlers, FlittHttpError } from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';
import { CATALOG } from '../../examples/shop/src/catalog.ts';

/** What server.ts tells this process (in `BENCH_ENDPOINT`, as JSON). */
export interface EndpointSetup {
  /** `client`: the SDK's endpoint shape with our client in its place (an experiment, §3c). */
  readonly which: 'ours' | 'sdk' | 'client';
  readonly sandboxPort: number;
  /** PEM of the sandbox's self-signed certificate: the only one trusted. */
  readonly caFile: string;
  readonly merchantId: number;
  readonly secretKey: string;
  /** The host name the SDK is given; its connections go to the sandbox's port instead. */
  readonly sdkHost: string;
}

/** Messages from server.ts. */
export type EndpointCommand =
  | { readonly type: 'cpu' }
  | { readonly type: 'keepAlive'; readonly keepAlive: boolean }
  | { readonly type: 'stop' };

/** Messages to server.ts. */
export type EndpointReport =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'cpu'; readonly cpuMs: number };

type Params = Record<string, unknown>;
type FlittPayConstructor = new (options: {
  merchantId: number;
  secretKey: string;
  baseUrl?: string;
}) => { Checkout(data: Params): Promise<Params> };

/**
 * node:https's agent for both endpoints: the run's certificate as the only CA, keep-alive as
 * asked; a connection to the SDK's fixed host:443 goes to the sandbox's port (the certificate
 * names that host, so it is verified as usual). Neither library's requests are changed.
 */
class SandboxAgent extends https.Agent {
  constructor(
    private readonly setup: EndpointSetup,
    ca: string,
    keepAlive: boolean,
  ) {
    super({ keepAlive, ca });
  }
  override createConnection(options: https.RequestOptions, callback?: unknown) {
    const redirected =
      options.host === this.setup.sdkHost
        ? { ...options, host: '127.0.0.1', port: this.setup.sandboxPort }
        : options;
    return (
      https.Agent.prototype as unknown as {
        createConnection(
          this: https.Agent,
          o: unknown,
          c?: unknown,
        ): ReturnType<typeof https.Agent.prototype.createConnection>;
      }
    ).createConnection.call(this, redirected, callback);
  }
}

/** The demo shop's pricing, shared by both endpoints: the server decides the amount. */
function priceCart(order: unknown): { amount: number; summary: string; lang: 'ka' | undefined } {
  const cart = (order ?? {}) as { items?: unknown; lang?: unknown };
  if (!Array.isArray(cart.items) || cart.items.length === 0)
    throw new FlittHttpError(400, 'invalid_cart', 'The cart is empty.');
  let amount = 0;
  const names: string[] = [];
  for (const line of cart.items as { sku?: unknown; qty?: unknown }[]) {
    const product = CATALOG.find((p) => p.sku === line.sku);
    if (!product || typeof line.qty !== 'number' || !Number.isInteger(line.qty) || line.qty < 1)
      throw new FlittHttpError(400, 'invalid_cart', 'Unknown product or quantity.');
    amount += product.price * line.qty;
    names.push(`${product.name} ×${line.qty}`);
  }
  return { amount, summary: names.join(', '), lang: cart.lang === 'ka' ? 'ka' : undefined };
}

const CALLBACK_URL = 'https://shop.example/api/flitt/callback'; // never called: nobody pays
const RETURN_URL = 'https://shop.example/api/flitt/return';

function oursServer(setup: EndpointSetup): Server {
  const handlers = createFlittHandlers({
    client: createFlittClient({
      merchantId: setup.merchantId,
      secretKey: setup.secretKey,
      baseUrl: `https://127.0.0.1:${setup.sandboxPort}`,
    }),
    resolveOrder: ({ order }) => {
      const { amount, summary, lang } = priceCart(order);
      return { amount, currency: 'GEL', order_desc: summary, ...(lang ? { lang } : {}) };
    },
    callbackUrl: CALLBACK_URL,
    returnUrl: RETURN_URL,
    resultUrl: '/result',
    logger: { warn: () => {}, error: () => {} },
  });
  return createServer(toNodeHandler(handlers.createCheckout));
}

/** The SDK's `Checkout`, or (`client`) our client's `createCheckoutUrl` in the same shape. */
function checkoutCall(setup: EndpointSetup): (order: Params) => Promise<Params> {
  if (setup.which === 'client') {
    const client = createFlittClient({
      merchantId: setup.merchantId,
      secretKey: setup.secretKey,
      baseUrl: `https://127.0.0.1:${setup.sandboxPort}`,
    });
    return async (order) => {
      const { checkoutUrl, paymentId } = await client.createCheckoutUrl(order as never);
      return { checkout_url: checkoutUrl, payment_id: paymentId };
    };
  }
  const require = createRequire(import.meta.url);
  const FlittPay = require('@flittpayments/flitt-node-js-sdk') as FlittPayConstructor;
  const sdk = new FlittPay({
    merchantId: setup.merchantId,
    secretKey: setup.secretKey,
    baseUrl: setup.sdkHost,
  });
  return (order) => sdk.Checkout(order);
}

/** The nearest equivalent with the SDK: read JSON, price the cart, `Checkout`, answer JSON. */
function sdkServer(setup: EndpointSetup): Server {
  const checkout = checkoutCall(setup);
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { order?: unknown };
      const { amount, summary, lang } = priceCart(body.order);
      const orderId = `sdk-${Date.now().toString(36)}-${randomBytes(10).toString('hex')}`;
      const reply = await checkout({
        order_id: orderId,
        order_desc: summary,
        amount,
        currency: 'GEL',
        ...(lang ? { lang } : {}),
        response_url: `${RETURN_URL}?order_id=${orderId}`,
        server_callback_url: CALLBACK_URL,
      });
      const answer = JSON.stringify({
        flow: 'redirect',
        orderId,
        checkoutUrl: reply.checkout_url,
        paymentId: reply.payment_id ?? null,
      });
      // With its length, as Express's res.json() sends it (and as toNodeHandler does).
      res.writeHead(200, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        'content-length': Buffer.byteLength(answer),
      });
      res.end(answer);
    } catch {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"flitt_failure"}}');
    }
  });
}

const setup = JSON.parse(process.env.BENCH_ENDPOINT ?? 'null') as EndpointSetup | null;
if (!setup || typeof process.send !== 'function')
  throw new Error('[bench] endpointProcess.ts is forked by scripts/bench/server.ts');
const send = (report: EndpointReport) => process.send?.(report);
const ca = readFileSync(setup.caFile, 'utf8');
const httpsModule = https as unknown as { globalAgent: https.Agent };
httpsModule.globalAgent = new SandboxAgent(setup, ca, true);

const server = setup.which === 'ours' ? oursServer(setup) : sdkServer(setup);
server.listen(0, '127.0.0.1', () => {
  send({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on('message', (command: EndpointCommand) => {
  if (command.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    send({ type: 'cpu', cpuMs: (user + system) / 1000 });
  } else if (command.type === 'keepAlive') {
    const previous = httpsModule.globalAgent;
    httpsModule.globalAgent = new SandboxAgent(setup, ca, command.keepAlive);
    previous.destroy();
    send({ type: 'cpu', cpuMs: 0 });
  } else {
    // A normal exit, so `--cpu-prof` writes its profile.
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
