// The server package beside the official Flitt node SDK (GPL-3.0, used here only as a measured
// benchmark dependency): signing and verifying, and a create-checkout endpoint under load against
// the sandbox on 127.0.0.1.
import { createHash, randomBytes } from 'node:crypto';
import {
  type ClientRequest,
  createServer,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import { type AddressInfo, connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import {
  createFlittClient,
  createFlittHandlers,
  createSignature,
  FlittHttpError,
  verifySignature,
} from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';
import { CATALOG } from '../../examples/shop/src/catalog.ts';
import { pool, round, type Summary, since, summarize } from './stats.ts';

// ── the official SDK, typed for what we call ──────────────────────────────────────────────────

type Params = Record<string, unknown>;
interface FlittPaySdk {
  Checkout(data: Params): Promise<Params>;
  isValidResponse(data: Params): boolean;
}
type FlittPayConstructor = new (options: {
  merchantId: number;
  secretKey: string;
  baseUrl?: string;
}) => FlittPaySdk;

const require = createRequire(import.meta.url);
const FlittPay = require('@flittpayments/flitt-node-js-sdk') as FlittPayConstructor;
const sdkUtil = require('@flittpayments/flitt-node-js-sdk/lib/util.js') as {
  genSignature(data: Params, secret: string): string;
};
/** Its version, for the report. */
export const SDK_VERSION = (
  require('@flittpayments/flitt-node-js-sdk/package.json') as { version: string }
).version;

const MERCHANT_ID = 1549901;
const SECRET = 'test';
// The SDK only takes a host name and always uses https on port 443; `.invalid` never resolves, so
// nothing can leave this machine even if the loopback transport below were not in place.
const SDK_HOST = 'flitt-sandbox.invalid';

/** What the SDK's requests needed before the sandbox would answer them. */
interface SdkTransportFix {
  /** The SDK sends `Content-Type: Content-type: application/json; charset=utf-8`. */
  contentType: boolean;
  /** The SDK posts to `/api/checkout/url/` (trailing slash); the sandbox routes `/api/checkout/url`. */
  trailingSlash: boolean;
}

/**
 * Routes the SDK's https requests to the sandbox as plain HTTP on 127.0.0.1: the SDK hard-codes
 * `https.request` on port 443, so its global agent gets a socket to the sandbox instead of TLS.
 * Optionally normalises the two request details the sandbox refuses.
 */
class SandboxTransport extends https.Agent {
  constructor(
    private readonly port: number,
    private readonly fix: SdkTransportFix,
  ) {
    super({ keepAlive: true });
  }
  override createConnection(): Duplex {
    return connect(this.port, '127.0.0.1');
  }
  /** Node calls this before the request head is written, so headers and path can still change. */
  addRequest(request: ClientRequest, options: unknown): void {
    const type = request.getHeader('content-type');
    if (this.fix.contentType && typeof type === 'string')
      request.setHeader('content-type', type.replace(/^content-type:\s*/i, ''));
    if (this.fix.trailingSlash) request.path = request.path.replace(/\/$/, '');
    (
      https.Agent.prototype as unknown as {
        addRequest(this: https.Agent, request: ClientRequest, options: unknown): void;
      }
    ).addRequest.call(this, request, options);
  }
}

async function withSdkTransport<T>(
  sandbox: RunningSandbox,
  fix: SdkTransportFix,
  work: () => Promise<T>,
): Promise<T> {
  const module = https as unknown as { globalAgent: https.Agent };
  const saved = module.globalAgent;
  const transport = new SandboxTransport(sandbox.port, fix);
  module.globalAgent = transport;
  try {
    return await work();
  } finally {
    module.globalAgent = saved;
    transport.destroy();
  }
}

// ── the same typical objects for both libraries ───────────────────────────────────────────────

/** What a shop signs for /api/checkout/url. */
export const TYPICAL_ORDER: Params = {
  order_id: 'shop-m3k2x9-5f1c0e7a9b2d4c6e8a0f',
  merchant_id: MERCHANT_ID,
  order_desc: 'Churchkhela ×2, Georgian black tea ×1',
  amount: 1600,
  currency: 'GEL',
  lang: 'ka',
  delayed: 'N',
  response_url: 'https://shop.example/api/flitt/return?order_id=shop-m3k2x9-5f1c0e7a9b2d4c6e8a0f',
  server_callback_url: 'https://shop.example/api/flitt/callback',
};

/** What Flitt posts to the callback for that order (unsigned; signed below). */
const TYPICAL_CALLBACK: Params = {
  rrn: '429417347068',
  masked_card: '444455XXXXXX6666',
  sender_cell_phone: '',
  response_status: 'success',
  sender_account: '',
  fee: '',
  rectoken_lifetime: '',
  reversal_amount: '0',
  settlement_amount: '0',
  actual_amount: '1600',
  order_status: 'approved',
  response_description: '',
  verification_status: '',
  order_time: '21.10.2025 12:34:56',
  actual_currency: 'GEL',
  order_id: TYPICAL_ORDER.order_id,
  parent_order_id: '',
  merchant_data: '',
  tran_type: 'purchase',
  eci: '7',
  settlement_date: '',
  payment_system: 'card',
  rectoken: '',
  approval_code: '123456',
  merchant_id: MERCHANT_ID,
  settlement_currency: '',
  payment_id: 800123456,
  product_id: '',
  currency: 'GEL',
  card_bin: 444455,
  response_code: '',
  card_type: 'VISA',
  amount: '1600',
  sender_email: 'payer@example.com',
};

// ── signing and verifying ─────────────────────────────────────────────────────────────────────

interface Rate {
  readonly label: string;
  readonly opsPerSecond: number;
}

async function rateAsync(label: string, op: () => Promise<unknown>, inFlight = 1, ms = 800) {
  const batch = () => (inFlight === 1 ? op() : Promise.all(Array.from({ length: inFlight }, op)));
  for (let warm = performance.now(); since(warm) < 200; ) await batch();
  let count = 0;
  const start = performance.now();
  while (since(start) < ms) {
    await batch();
    count += inFlight;
  }
  return { label, opsPerSecond: Math.round(count / (since(start) / 1000)) };
}

function rateSync(label: string, op: () => unknown, ms = 800): Rate {
  for (let warm = performance.now(); since(warm) < 200; ) op();
  let count = 0;
  const start = performance.now();
  while (since(start) < ms) {
    for (let i = 0; i < 500; i++) op();
    count += 500;
  }
  return { label, opsPerSecond: Math.round(count / (since(start) / 1000)) };
}

interface SigningResult {
  readonly sign: { ours: Rate; ours64: Rate; sdk: Rate; ratio: number };
  readonly verify: { ours: Rate; ours64: Rate; sdk: Rate; ratio: number };
  /** Where the difference comes from: the same SHA-1 of the same string, both ways. */
  readonly sha1: { webCrypto: Rate; nodeCrypto: Rate };
  readonly agree: boolean;
}

async function runSigning(): Promise<SigningResult> {
  const signed = {
    ...TYPICAL_CALLBACK,
    signature: await createSignature(TYPICAL_CALLBACK, SECRET),
  };
  const sdk = new FlittPay({ merchantId: MERCHANT_ID, secretKey: SECRET, baseUrl: SDK_HOST });
  const agree =
    sdkUtil.genSignature(TYPICAL_ORDER, SECRET) ===
      (await createSignature(TYPICAL_ORDER, SECRET)) &&
    sdk.isValidResponse(signed) &&
    (await verifySignature(signed, SECRET));
  if (!agree) throw new Error('[bench] the SDK and flitt-checkout disagree on a typical signature');

  const signOurs = await rateAsync('createSignature, awaited one at a time', () =>
    createSignature(TYPICAL_ORDER, SECRET),
  );
  const signOurs64 = await rateAsync(
    'createSignature, 64 in flight',
    () => createSignature(TYPICAL_ORDER, SECRET),
    64,
  );
  const signSdk = rateSync('SDK util.genSignature (sync)', () =>
    sdkUtil.genSignature(TYPICAL_ORDER, SECRET),
  );
  const verifyOurs = await rateAsync('verifySignature, awaited one at a time', () =>
    verifySignature(signed, SECRET),
  );
  const verifyOurs64 = await rateAsync(
    'verifySignature, 64 in flight',
    () => verifySignature(signed, SECRET),
    64,
  );
  const verifySdk = rateSync('SDK isValidResponse (sync)', () => sdk.isValidResponse(signed));
  const text = `${SECRET}|${Object.keys(TYPICAL_ORDER)
    .sort()
    .map((k) => String(TYPICAL_ORDER[k]))
    .join('|')}`;
  const bytes = new TextEncoder().encode(text);
  return {
    sign: {
      ours: signOurs,
      ours64: signOurs64,
      sdk: signSdk,
      ratio: round(signOurs.opsPerSecond / signSdk.opsPerSecond, 3),
    },
    verify: {
      ours: verifyOurs,
      ours64: verifyOurs64,
      sdk: verifySdk,
      ratio: round(verifyOurs.opsPerSecond / verifySdk.opsPerSecond, 3),
    },
    sha1: {
      webCrypto: await rateAsync("crypto.subtle.digest('SHA-1'), awaited", () =>
        crypto.subtle.digest('SHA-1', bytes),
      ),
      nodeCrypto: rateSync("node:crypto createHash('sha1')", () =>
        createHash('sha1').update(text).digest('hex'),
      ),
    },
    agree,
  };
}

// ── does the sandbox accept what the SDK sends? ───────────────────────────────────────────────

interface SdkCheck {
  readonly case: string;
  readonly answer: string;
}

async function sdkAnswer(sdk: FlittPaySdk, extra: Params): Promise<string> {
  try {
    const reply = await sdk.Checkout({ order_desc: 'Tea', amount: 700, currency: 'GEL', ...extra });
    return typeof reply.checkout_url === 'string'
      ? 'accepted (checkout_url)'
      : JSON.stringify(reply);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const code = /error_code: (\d+)/.exec(text)?.[1];
    const message = /error_message: ([^\n;]+)/.exec(text)?.[1];
    return code ? `refused: ${code} ${message ?? ''}`.trim() : `failed: ${text.slice(0, 80)}`;
  }
}

async function runSdkChecks(): Promise<SdkCheck[]> {
  const sandbox = await startSandbox({ port: 0 });
  const sdk = new FlittPay({ merchantId: MERCHANT_ID, secretKey: SECRET, baseUrl: SDK_HOST });
  const checks: SdkCheck[] = [];
  try {
    const asSent = { contentType: false, trailingSlash: false };
    const both = { contentType: true, trailingSlash: true };
    checks.push({
      case: 'request exactly as the SDK sends it',
      answer: await withSdkTransport(sandbox, asSent, () => sdkAnswer(sdk, {})),
    });
    checks.push({
      case: 'Content-Type value corrected, path still /api/checkout/url/',
      answer: await withSdkTransport(sandbox, { contentType: true, trailingSlash: false }, () =>
        sdkAnswer(sdk, {}),
      ),
    });
    for (const [label, extra] of [
      ['both corrected: typical order', {}],
      ['both corrected: order with lang: undefined', { lang: undefined }],
      ['both corrected: order with lang: null', { lang: null }],
    ] as const) {
      checks.push({
        case: label,
        answer: await withSdkTransport(sandbox, both, () => sdkAnswer(sdk, extra)),
      });
    }
  } finally {
    await sandbox.stop();
  }
  return checks;
}

// ── create-checkout endpoints under load ──────────────────────────────────────────────────────

const CART = {
  items: [
    { sku: 'churchkhela', qty: 2 },
    { sku: 'tea', qty: 1 },
  ],
  lang: 'ka',
};
const BODY = JSON.stringify({ flow: 'redirect', order: CART });

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

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function oursServer(sandbox: RunningSandbox, callbackUrl: string, returnUrl: string): Server {
  const handlers = createFlittHandlers({
    client: createFlittClient({ merchantId: MERCHANT_ID, secretKey: SECRET, baseUrl: sandbox.url }),
    resolveOrder: ({ order }) => {
      const { amount, summary, lang } = priceCart(order);
      return { amount, currency: 'GEL', order_desc: summary, ...(lang ? { lang } : {}) };
    },
    callbackUrl,
    returnUrl,
    resultUrl: '/result',
    logger: { warn: () => {}, error: () => {} },
  });
  return createServer(toNodeHandler(handlers.createCheckout));
}

/** The nearest equivalent with the SDK: read JSON, price the cart, `Checkout`, answer JSON. */
function sdkServer(callbackUrl: string, returnUrl: string): Server {
  const sdk = new FlittPay({ merchantId: MERCHANT_ID, secretKey: SECRET, baseUrl: SDK_HOST });
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { order?: unknown };
      const { amount, summary, lang } = priceCart(body.order);
      const orderId = `sdk-${Date.now().toString(36)}-${randomBytes(10).toString('hex')}`;
      const reply = await sdk.Checkout({
        order_id: orderId,
        order_desc: summary,
        amount,
        currency: 'GEL',
        ...(lang ? { lang } : {}),
        response_url: `${returnUrl}?order_id=${orderId}`,
        server_callback_url: callbackUrl,
      });
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({
          flow: 'redirect',
          orderId,
          checkoutUrl: reply.checkout_url,
          paymentId: reply.payment_id ?? null,
        }),
      );
    } catch {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"flitt_failure"}}');
    }
  });
}

interface LoadResult {
  readonly label: string;
  readonly requests: number;
  readonly concurrency: number;
  readonly errors: number;
  readonly requestsPerSecond: number;
  /** Each round's requests per second, to show the spread. */
  readonly roundsRequestsPerSecond: readonly number[];
  readonly latencyMs: Summary;
  /** Process CPU time per request: endpoint, sandbox and load generator together. */
  readonly cpuMsPerRequest: number;
}

interface Round {
  readonly seconds: number;
  readonly latencies: readonly number[];
  readonly errors: number;
  readonly cpuMs: number;
}

const WARMUP_REQUESTS = 500;

/** POSTs the cart `requests` times, `concurrency` at a time, over keep-alive connections. */
async function load(
  url: string,
  sandboxUrl: string,
  requests: number,
  concurrency: number,
): Promise<Round> {
  const agent = new HttpAgent({ keepAlive: true, maxSockets: concurrency });
  const post = () =>
    new Promise<boolean>((resolve) => {
      const req = httpRequest(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(BODY),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () =>
            resolve(res.statusCode === 200 && text.includes(`"checkoutUrl":"${sandboxUrl}/`)),
          );
        },
      );
      req.on('error', () => resolve(false));
      req.end(BODY);
    });
  try {
    // Warm-up: JIT and connection pools.
    await pool(WARMUP_REQUESTS, concurrency, async () => {
      await post();
    });
    const latencies: number[] = [];
    let errors = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    await pool(requests, concurrency, async () => {
      const t = performance.now();
      if (!(await post())) errors++;
      latencies.push(since(t));
    });
    const seconds = since(start) / 1000;
    const used = process.cpuUsage(cpu);
    return { seconds, latencies, errors, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    agent.destroy();
  }
}

/** One round on a fresh sandbox: the endpoint on its own node:http server, then the load. */
async function loadRound(
  which: 'ours' | 'sdk',
  requests: number,
  concurrency: number,
): Promise<Round> {
  const sandbox = await startSandbox({ port: 0 });
  const callbackUrl = 'http://127.0.0.1:9/api/flitt/callback'; // never called: nobody pays
  const returnUrl = 'http://127.0.0.1:9/api/flitt/return';
  const server =
    which === 'ours'
      ? oursServer(sandbox, callbackUrl, returnUrl)
      : sdkServer(callbackUrl, returnUrl);
  try {
    const url = await listen(server);
    if (which === 'ours') return await load(url, sandbox.url, requests, concurrency);
    return await withSdkTransport(sandbox, { contentType: true, trailingSlash: true }, () =>
      load(url, sandbox.url, requests, concurrency),
    );
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await sandbox.stop();
  }
}

function combine(label: string, rounds: readonly Round[], concurrency: number): LoadResult {
  const requests = rounds.reduce((n, r) => n + r.latencies.length, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  return {
    label,
    requests,
    concurrency,
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    requestsPerSecond: Math.round(requests / seconds),
    roundsRequestsPerSecond: rounds.map((r) => Math.round(r.latencies.length / r.seconds)),
    latencyMs: summarize(rounds.flatMap((r) => r.latencies)),
    cpuMsPerRequest: round(rounds.reduce((n, r) => n + r.cpuMs, 0) / requests, 2),
  };
}

export interface ServerResult {
  readonly sdkVersion: string;
  readonly signing: SigningResult;
  readonly sdkChecks: readonly SdkCheck[];
  readonly load: {
    readonly method: string;
    readonly ours: LoadResult;
    readonly sdk: LoadResult;
    readonly ratioRequestsPerSecond: number;
    readonly ratioP50: number;
  };
}

/** Signing rates, the SDK acceptance checks, and both endpoints under the same load. */
export async function runServer(
  options: { requests?: number; concurrency?: number; rounds?: number } = {},
): Promise<ServerResult> {
  const requests = options.requests ?? 2000;
  const concurrency = options.concurrency ?? 20;
  const rounds = options.rounds ?? 2;
  const signing = await runSigning();
  const sdkChecks = await runSdkChecks();
  // Alternating rounds, so a burst of background load on this shared machine hits both sides.
  const oursRounds: Round[] = [];
  const sdkRounds: Round[] = [];
  for (let i = 0; i < rounds; i++) {
    oursRounds.push(await loadRound('ours', requests, concurrency));
    sdkRounds.push(await loadRound('sdk', requests, concurrency));
  }
  const ours = combine('flitt-checkout createCheckout', oursRounds, concurrency);
  const sdk = combine('official SDK Checkout', sdkRounds, concurrency);
  return {
    sdkVersion: SDK_VERSION,
    signing,
    sdkChecks,
    load: {
      method: `${rounds} alternating rounds per endpoint of ${requests} POSTs of the same cart (after ${WARMUP_REQUESTS} warm-up POSTs), ${concurrency} in flight over keep-alive node:http connections, to the endpoint on its own node:http server on 127.0.0.1; it prices the cart and creates a checkout URL on a fresh in-process sandbox (HTTP on 127.0.0.1, no injected latency). Load generator, endpoint and sandbox share one Node process, so CPU per request includes the sandbox's work (the same for both).`,
      ours,
      sdk,
      ratioRequestsPerSecond: round(ours.requestsPerSecond / sdk.requestsPerSecond, 2),
      ratioP50: round(ours.latencyMs.median / sdk.latencyMs.median, 2),
    },
  };
}
