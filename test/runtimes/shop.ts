// The shop every runtime test serves: createFlittHandlers over a client that talks to the sandbox,
// plus one route only these tests use (GET /test/events) that lists the events `onEvent` received,
// because a Worker or a Deno process shares no memory with the test.
import { createFlittClient, createFlittHandlers } from '@flitt-checkout/server';

/** Where the shop finds the sandbox and where Flitt finds the shop. */
export interface ShopOptions {
  readonly sandboxUrl: string;
  /** The shop's own origin, e.g. http://127.0.0.1:8787 (callback and return URLs). */
  readonly origin: string;
}

/** What the tests compare of each event `onEvent` received. */
export interface SeenEvent {
  readonly type: string;
  readonly orderId: string;
  readonly orderStatus: string;
}

/** The handlers, the events they passed on, and a router over both. */
export function createShop({ sandboxUrl, origin }: ShopOptions) {
  const events: SeenEvent[] = [];
  const warnings: string[] = [];
  const flitt = createFlittHandlers({
    client: createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: sandboxUrl }),
    resolveOrder: () => ({ amount: 900, currency: 'GEL', order_desc: 'Churchkhela ×2' }),
    onEvent: (event) => {
      events.push({
        type: event.type,
        orderId: event.orderId,
        orderStatus: 'order' in event ? String(event.order.order_status) : event.status,
      });
    },
    callbackUrl: `${origin}/api/flitt/callback`,
    returnUrl: `${origin}/api/flitt/return`,
    resultUrl: '/checkout/result',
    // The forged callbacks the tests send are expected; keep them out of the runner's output.
    logger: { warn: (message: string) => warnings.push(message), error: console.error },
  });

  /** What a status read with a 200 ms timeout ends with, for GET /test/timeout. */
  async function readWithTimeout(): Promise<Response> {
    const client = createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      baseUrl: sandboxUrl,
      timeoutMs: 200,
      retries: 0,
    });
    const started = Date.now();
    try {
      await client.getOrderStatus('any');
      return Response.json({ outcome: 'resolved', ms: Date.now() - started });
    } catch (error) {
      return Response.json({ outcome: (error as Error).name, ms: Date.now() - started });
    }
  }

  /** Routes a request the way the README mounts the handlers. */
  async function route(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/flitt/checkout') return flitt.createCheckout(request);
    if (pathname === '/api/flitt/callback') return flitt.callback(request);
    if (pathname === '/api/flitt/return') return flitt.paymentReturn(request);
    if (pathname === '/api/flitt/status') return flitt.status(request);
    if (pathname === '/test/events') return Response.json({ events, warnings });
    if (pathname === '/test/timeout') return readWithTimeout();
    return new Response('Not found', { status: 404 });
  }

  return { flitt, events, route };
}
