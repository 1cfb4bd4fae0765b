// The sandbox under volume: 10 000 orders through its HTTP API, heap before and after, and the
// latency of create and status with an empty sandbox and with 10 000 orders in it.

import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { createSignature } from '@flitt-checkout/server';
import { TYPICAL_ORDER } from './server.ts';
import { forcedGc, pool, type Summary, since, summarize } from './stats.ts';

const MERCHANT_ID = TYPICAL_ORDER.merchant_id;
const SECRET = 'test';

export interface SandboxResult {
  readonly method: string;
  readonly orders: number;
  readonly samples: number;
  readonly gcExposed: boolean;
  readonly heapUsedBeforeMB: number;
  readonly heapUsedAfterMB: number;
  readonly bytesPerOrder: number;
  readonly fillSeconds: number;
  readonly createAt0: Summary;
  readonly statusAt0: Summary;
  readonly createAtN: Summary;
  readonly statusAtN: Summary;
}

function heapUsed(gc: (() => void) | undefined): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** One signed API call; resolves to its round-trip time (signing happens before the clock starts). */
async function call(sandbox: RunningSandbox, path: string, params: Record<string, unknown>) {
  const body = JSON.stringify({
    request: { ...params, signature: await createSignature(params, SECRET) },
  });
  const start = performance.now();
  const response = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  const elapsed = since(start);
  if (!text.includes('"response_status":"success"'))
    throw new Error(`[bench] sandbox refused ${path}: ${text.slice(0, 200)}`);
  return elapsed;
}

const create = (sandbox: RunningSandbox, orderId: string) =>
  call(sandbox, '/api/checkout/url', {
    ...TYPICAL_ORDER,
    order_id: orderId,
    // Loopback addresses nothing listens on: the sandbox must never post outside this machine.
    response_url: `http://127.0.0.1:9/api/flitt/return?order_id=${orderId}`,
    server_callback_url: 'http://127.0.0.1:9/api/flitt/callback',
  });

const status = (sandbox: RunningSandbox, orderId: string) =>
  call(sandbox, '/api/status/order_id', { order_id: orderId, merchant_id: MERCHANT_ID });

async function sequential(count: number, work: (i: number) => Promise<number>) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(await work(i));
  return times;
}

/** Fills a fresh sandbox with `orders` orders and measures heap and latency around it. */
export async function runSandbox(
  options: { orders?: number; samples?: number } = {},
): Promise<SandboxResult> {
  const orders = options.orders ?? 10_000;
  const samples = options.samples ?? 200;
  const gc = forcedGc();

  // Warm-up on a throwaway sandbox, so "at 0 orders" is not "before the JIT".
  const warm = await startSandbox({ port: 0 });
  await pool(samples, 4, async (i) => {
    await create(warm, `warm-${i}`);
    await status(warm, `warm-${i}`);
  });
  await warm.stop();

  const sandbox = await startSandbox({ port: 0 });
  try {
    const before = heapUsed(gc);
    const createAt0 = await sequential(samples, (i) => create(sandbox, `bench-${i}`));
    const statusAt0 = await sequential(samples, (i) => status(sandbox, `bench-${i}`));
    const fillStart = performance.now();
    await pool(orders - samples, 16, async (i) => {
      await create(sandbox, `bench-${samples + i}`);
    });
    const fillSeconds = since(fillStart) / 1000;
    const after = heapUsed(gc);
    const createAtN = await sequential(samples, (i) => create(sandbox, `bench-${orders + i}`));
    // Status of orders spread over the whole sandbox, oldest to newest.
    const step = Math.floor(orders / samples);
    const statusAtN = await sequential(samples, (i) => status(sandbox, `bench-${i * step}`));
    const held = sandbox.control.orders().length;
    if (held !== orders + samples)
      throw new Error(`[bench] the sandbox holds ${held} orders, expected ${orders + samples}`);
    // What the orders themselves hold: the heap with them minus the heap once they are dropped,
    // so nothing else this process allocated meanwhile is counted.
    const withOrders = heapUsed(gc);
    sandbox.control.reset();
    const retained = withOrders - heapUsed(gc);
    const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    return {
      method: `startSandbox on 127.0.0.1 in this process, orders created with signed JSON POSTs to /api/checkout/url over fetch (16 in flight while filling); latency = ${samples} sequential round trips each (signing excluded), create at 0 = the first ${samples} orders of a fresh sandbox (after a warm-up on another one), status at ${orders} = orders spread over the whole sandbox. Heap = process.memoryUsage().heapUsed after two forced GCs${gc ? '' : ' (gc not available: no forced GC)'}; per order = (heap with all ${orders + samples} orders − heap after control.reset()) / ${orders + samples}.`,
      orders,
      samples,
      gcExposed: gc !== undefined,
      heapUsedBeforeMB: mb(before),
      heapUsedAfterMB: mb(after),
      bytesPerOrder: Math.round(retained / (orders + samples)),
      fillSeconds: Math.round(fillSeconds * 10) / 10,
      createAt0: summarize(createAt0),
      statusAt0: summarize(statusAt0),
      createAtN: summarize(createAtN),
      statusAtN: summarize(statusAtN),
    };
  } finally {
    await sandbox.stop();
  }
}
