// The handlers under bounded load over real HTTP, everything on 127.0.0.1: the sandbox as an HTTP
// server, the four handlers behind toNodeHandler on a node:http server, and a load generator with
// 20 requests in flight. FLITT_LOAD_REQUESTS create-checkout requests (npm run test:fuzz: 10 000),
// plus status reads, payments whose callbacks the sandbox posts, replays, returns and forgeries.
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '@flitt-checkout/sandbox/node';
import {
  createFlittClient,
  createFlittHandlers,
  createSignature,
  type FlittOrder,
} from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';
import { describe, expect, it } from 'vitest';
import { forcedGc, pool, summarize } from '../../scripts/bench/stats.ts';

const REQUESTS = Number(process.env.FLITT_LOAD_REQUESTS ?? 2000);
const WARMUP = 300;
const CONCURRENCY = 20;
const PRICES: Record<string, number> = { tea: 700, honey: 1800 };
const MB = 1024 * 1024;

/** fetch for the client and the sandbox's callbacks: anything but 127.0.0.1 is a test failure. */
const loopbackOnly: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== '127.0.0.1') throw new Error(`[load] refused to reach ${url.origin}`);
  return fetch(input, init);
};

async function settledHeap(gc: (() => void) | undefined): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, gc ? 20 : 300));
    gc?.();
  }
  return process.memoryUsage().heapUsed;
}

/** Sockets, servers and timers that keep the process alive (unref'd timers are not listed). */
function liveHandles(): Record<string, number> {
  const counts: Record<string, number> = { TCPSocketWrap: 0, TCPServerWrap: 0, Timeout: 0 };
  for (const name of process.getActiveResourcesInfo())
    if (name in counts) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

interface Answer {
  readonly status: number;
  readonly location: string | undefined;
  readonly text: string;
}

describe('the handlers under load on 127.0.0.1', () => {
  it(
    'answer every request as expected, keep every order, and leak neither memory nor handles',
    async () => {
      const handlesBefore = liveHandles();
      const gc = forcedGc();
      const paid = new Map<string, FlittOrder[]>();
      const sandbox = await startSandbox({
        port: 0,
        callbackTimeScale: 0.001,
        fetch: loopbackOnly,
      });
      const served = new Map<string, number>();
      const errors: unknown[] = [];
      // Routes are filled in once the server knows its port (the handlers need absolute URLs).
      const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> =
        {};
      const shop = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        res.on('finish', () => {
          const key = `${req.method} ${path} ${res.statusCode}`;
          served.set(key, (served.get(key) ?? 0) + 1);
        });
        const route = routes[path];
        if (route) void route(req, res);
        else res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
      const shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
      const flitt = createFlittHandlers({
        client: createFlittClient({
          merchantId: 1549901,
          secretKey: 'test',
          baseUrl: sandbox.url,
          fetch: loopbackOnly,
        }),
        resolveOrder: ({ order }) => {
          const items = (order as { items: { sku: string; qty: number }[] }).items;
          const amount = items.reduce((sum, i) => sum + (PRICES[i.sku] ?? 0) * i.qty, 0);
          return { amount, currency: 'GEL', order_desc: 'Load test order', delayed: 'N' };
        },
        onEvent: (event) => {
          if (!('order' in event)) return;
          const { order } = event;
          paid.set(order.order_id, [...(paid.get(order.order_id) ?? []), order]);
        },
        callbackUrl: `${shopUrl}/api/flitt/callback`,
        returnUrl: `${shopUrl}/api/flitt/return`,
        resultUrl: '/result',
        logger: { warn: () => {}, error: (...args: unknown[]) => errors.push(args) },
      });
      routes['/api/flitt/checkout'] = toNodeHandler(flitt.createCheckout);
      routes['/api/flitt/callback'] = toNodeHandler(flitt.callback);
      routes['/api/flitt/return'] = toNodeHandler(flitt.paymentReturn);
      routes['/api/flitt/status'] = toNodeHandler(flitt.status);
      const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      const latencies: number[] = [];
      const createLatencies: number[] = [];

      const send = (
        method: 'GET' | 'POST',
        url: string,
        body?: string,
        type = 'application/json',
      ): Promise<Answer> =>
        new Promise((resolve, reject) => {
          const started = performance.now();
          const req = httpRequest(
            url,
            {
              method,
              agent,
              headers: body === undefined ? {} : { 'content-type': type },
              timeout: 15_000,
            },
            (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => {
                text += chunk;
              });
              res.on('end', () => {
                if (url.startsWith(shopUrl)) latencies.push(performance.now() - started);
                resolve({ status: res.statusCode ?? 0, location: res.headers.location, text });
              });
            },
          );
          req.on('timeout', () => req.destroy(new Error(`timed out: ${method} ${url}`)));
          req.on('error', reject);
          req.end(body);
        });

      const expectAnswer = (what: string, answer: Answer, status: number) => {
        if (answer.status !== status)
          errors.push(
            `${what}: HTTP ${answer.status}, expected ${status}: ${answer.text.slice(0, 200)}`,
          );
      };

      interface Created {
        readonly orderId: string;
        readonly amount: number;
        readonly paid: boolean;
      }

      /** Request `i` of a phase: a checkout, and for some orders a status read, payment or forgery. */
      async function step(i: number, created: Created[]) {
        const qty = 1 + (i % 3);
        const items = [{ sku: 'tea', qty }, ...(i % 2 ? [{ sku: 'honey', qty: 1 }] : [])];
        const amount = 700 * qty + (i % 2 ? 1800 : 0);
        const flow = i % 2 ? 'embedded' : 'redirect';
        const t = performance.now();
        const answer = await send(
          'POST',
          `${shopUrl}/api/flitt/checkout`,
          JSON.stringify({ flow, order: { items } }),
        );
        createLatencies.push(performance.now() - t);
        expectAnswer('create checkout', answer, 200);
        if (answer.status !== 200) return;
        const reply = JSON.parse(answer.text) as {
          orderId: string;
          token?: string;
          checkoutUrl?: string;
        };
        const token = reply.token ?? new URL(reply.checkoutUrl ?? '').searchParams.get('token');
        const orderId = reply.orderId;
        const pays = i % 10 === 1;
        created.push({ orderId, amount, paid: pays });
        if (i % 4 === 0) {
          const status = await send('GET', `${shopUrl}/api/flitt/status?order_id=${orderId}`);
          expectAnswer('status', status, 200);
          const body = JSON.parse(status.text) as { status: string; amount: number };
          if (body.status !== 'created' || body.amount !== amount)
            errors.push(`status of ${orderId}: ${status.text}`);
        }
        if (pays) {
          // The sandbox posts the callback to the shop; the payer's browser posts the return.
          const outcome = await send(
            'POST',
            `${sandbox.url}/sandbox/embedded/pay`,
            JSON.stringify({
              token,
              card_number: '4444555511116666',
              expiry_date: '12/30',
              cvv2: '123',
            }),
          );
          const { order } = JSON.parse(outcome.text) as { order: Record<string, unknown> };
          const form = new URLSearchParams(
            Object.entries(order).map(([k, v]) => [k, String(v)] as [string, string]),
          ).toString();
          const back = await send(
            'POST',
            `${shopUrl}/api/flitt/return?order_id=${orderId}`,
            form,
            'application/x-www-form-urlencoded',
          );
          expectAnswer('return', back, 303);
          if (back.location !== `/result?order_id=${orderId}`)
            errors.push(`return of ${orderId} went to ${back.location}`);
          expectAnswer(
            'replayed callback',
            await send('POST', `${shopUrl}/api/flitt/callback`, JSON.stringify(order)),
            200,
          );
        }
        if (i % 10 === 6) {
          const claim = {
            order_id: orderId,
            merchant_id: 1549901,
            amount: String(amount),
            currency: 'GEL',
            order_status: 'approved',
            response_status: 'success',
          };
          const forged = JSON.stringify({
            ...claim,
            signature: await createSignature(claim, 'guess'),
          });
          expectAnswer(
            'forged callback',
            await send('POST', `${shopUrl}/api/flitt/callback`, forged),
            400,
          );
          expectAnswer(
            'forged return',
            await send('POST', `${shopUrl}/api/flitt/return`, forged),
            400,
          );
        }
      }

      /** Runs `total` steps, then checks what the sandbox and onEvent saw. */
      async function phase(total: number) {
        const created: Created[] = [];
        served.clear();
        paid.clear();
        latencies.length = 0;
        createLatencies.length = 0;
        const started = performance.now();
        await pool(total, CONCURRENCY, (i) => step(i, created));
        await sandbox.control.callbacksIdle();
        const seconds = (performance.now() - started) / 1000;
        expect(errors).toEqual([]);
        expect(created).toHaveLength(total);
        const missing = created.filter((c) => {
          const order = sandbox.control.order(c.orderId);
          return (
            order?.amount !== c.amount ||
            order.currency !== 'GEL' ||
            order.status !== (c.paid ? 'approved' : 'created')
          );
        });
        expect(missing).toEqual([]);
        const payments = created.filter((c) => c.paid).length;
        expect([...paid.values()].every((events) => events.length === 1)).toBe(true);
        expect([...paid.keys()].sort()).toEqual(
          created
            .filter((c) => c.paid)
            .map((c) => c.orderId)
            .sort(),
        );
        const deliveries = sandbox.control.callbacks();
        expect(deliveries.map((d) => d.status)).toEqual(Array(payments).fill(200));
        const forgeries = Math.floor((total + 3) / 10);
        const statusReads = Math.ceil(total / 4);
        expect(Object.fromEntries(served)).toEqual({
          'POST /api/flitt/checkout 200': total,
          'GET /api/flitt/status 200': statusReads,
          'POST /api/flitt/callback 200': 2 * payments,
          'POST /api/flitt/return 303': payments,
          'POST /api/flitt/callback 400': forgeries,
          'POST /api/flitt/return 400': forgeries,
        });
        const handled = [...served.values()].reduce((a, b) => a + b, 0);
        const all = summarize(latencies);
        return {
          total,
          handled,
          seconds,
          perSecond: Math.round(handled / seconds),
          median: all.median,
          p99: all.p99,
          createP99: summarize(createLatencies).p99,
        };
      }

      try {
        await phase(WARMUP);
        sandbox.control.reset();
        const heapBefore = await settledHeap(gc);
        const result = await phase(REQUESTS);
        // What a shop keeps on purpose: the sandbox's orders and this test's records go; the
        // handlers' callback store keeps one short key per paid order.
        sandbox.control.reset();
        paid.clear();
        latencies.length = 0;
        createLatencies.length = 0;
        const growth = (await settledHeap(gc)) - heapBefore;
        console.log(
          `[load] ${result.total} create-checkout requests, ${result.handled} handler requests in ${result.seconds.toFixed(1)} s: ${result.perSecond} requests/s, ${CONCURRENCY} in flight; latency median ${result.median} ms, p99 ${result.p99} ms (create checkout p99 ${result.createP99} ms); heap growth ${(growth / MB).toFixed(1)} MB (${gc ? 'after forced GC' : 'no GC available, after a settle'})`,
        );
        // A leak of 1 KiB per request would be 10 MB at 10 000 requests.
        expect(growth).toBeLessThan(gc ? 8 * MB : 64 * MB);
      } finally {
        agent.destroy();
        shop.closeAllConnections();
        await new Promise((resolve) => shop.close(resolve));
        await sandbox.stop();
      }
      expect(shop.listening).toBe(false);
      // Keep-alive sockets close when their server ends them; give the events a moment to land.
      const deadline = performance.now() + 5_000;
      while (performance.now() < deadline) {
        const now = liveHandles();
        if (Object.keys(now).every((k) => (now[k] ?? 0) <= (handlesBefore[k] ?? 0))) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const after = liveHandles();
      for (const [kind, count] of Object.entries(after))
        expect(count, kind).toBeLessThanOrEqual(handlesBefore[kind] ?? 0);
    },
    Math.max(60_000, REQUESTS * 20),
  );
});
