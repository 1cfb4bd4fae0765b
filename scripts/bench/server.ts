// The server package beside the official Flitt node SDK (GPL-3.0, used here only as a measured
// benchmark dependency): signing and verifying, what the sandbox accepts from the SDK, and a
// create-checkout endpoint under load, each endpoint and the sandbox in its own process, over HTTPS.
import { type ChildProcess, execFileSync, fork, spawnSync } from 'node:child_process';
import { createHash, hash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { createSignature, verifySignature } from '@flitt-checkout/server';
import type { EndpointCommand, EndpointReport, EndpointSetup } from './endpointProcess.ts';
import type { SandboxReport, SandboxSetup } from './sandboxProcess.ts';
import {
  type RatioSummary,
  SIDE_NAMES,
  type SideName,
  type SideRound,
  sideSummaries,
  sideTotals,
} from './sideBySide.ts';
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

/**
 * Routes the SDK's https requests to the sandbox as plain HTTP on 127.0.0.1: the SDK hard-codes
 * `https.request` on port 443, so its global agent gets a socket to the sandbox instead of TLS.
 * Nothing of the request is changed.
 */
class SandboxTransport extends https.Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: true });
  }
  override createConnection(): Duplex {
    return connect(this.port, '127.0.0.1');
  }
}

async function withSdkTransport<T>(sandbox: RunningSandbox, work: () => Promise<T>): Promise<T> {
  const module = https as unknown as { globalAgent: https.Agent };
  const saved = module.globalAgent;
  const transport = new SandboxTransport(sandbox.port);
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

async function rateAsync(
  label: string,
  op: () => Promise<unknown>,
  inFlight = 1,
  ms = 300,
  warmMs = 100,
) {
  const batch = () => (inFlight === 1 ? op() : Promise.all(Array.from({ length: inFlight }, op)));
  for (let warm = performance.now(); since(warm) < warmMs; ) await batch();
  let count = 0;
  const start = performance.now();
  while (since(start) < ms) {
    await batch();
    count += inFlight;
  }
  return { label, opsPerSecond: Math.round(count / (since(start) / 1000)) };
}

function rateSync(label: string, op: () => unknown, ms = 300, warmMs = 100): Rate {
  for (let warm = performance.now(); since(warm) < warmMs; ) op();
  let count = 0;
  const start = performance.now();
  while (since(start) < ms) {
    for (let i = 0; i < 500; i++) op();
    count += 500;
  }
  return { label, opsPerSecond: Math.round(count / (since(start) / 1000)) };
}

/** The median rate of several, labelled as the first. */
function medianRate(rates: readonly Rate[]): Rate {
  const sorted = [...rates].sort((a, b) => a.opsPerSecond - b.opsPerSecond);
  return sorted[Math.floor(sorted.length / 2)] as Rate;
}

const SIGNING_ROUNDS = 7;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2
    ? (sorted[Math.floor(mid)] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

interface SigningComparison {
  /** Median rate over the rounds. */
  readonly ours: Rate;
  readonly ours64: Rate;
  readonly sdk: Rate;
  /** Median of the rounds' ours / SDK. */
  readonly ratio: number;
  readonly roundRatios: readonly number[];
}

interface SigningResult {
  readonly rounds: number;
  readonly sign: SigningComparison;
  readonly verify: SigningComparison;
  /** Where the difference comes from: the same SHA-1 of the same string, both ways. */
  readonly sha1: { webCrypto: Rate; nodeCrypto: Rate; nodeHash: Rate };
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

  // Interleaved rounds, ours then the SDK's, so background load hits both; medians reported.
  const rounds = {
    signOurs: [],
    signOurs64: [],
    signSdk: [],
    verifyOurs: [],
    verifyOurs64: [],
    verifySdk: [],
  } as Record<string, Rate[]>;
  const signRatios: number[] = [];
  const verifyRatios: number[] = [];
  for (let i = 0; i < SIGNING_ROUNDS; i++) {
    const warmMs = i === 0 ? 300 : 50;
    const signOurs = await rateAsync(
      'createSignature, awaited one at a time',
      () => createSignature(TYPICAL_ORDER, SECRET),
      1,
      300,
      warmMs,
    );
    const signSdk = rateSync(
      'SDK util.genSignature (sync)',
      () => sdkUtil.genSignature(TYPICAL_ORDER, SECRET),
      300,
      warmMs,
    );
    const verifyOurs = await rateAsync(
      'verifySignature, awaited one at a time',
      () => verifySignature(signed, SECRET),
      1,
      300,
      warmMs,
    );
    const verifySdk = rateSync(
      'SDK isValidResponse (sync)',
      () => sdk.isValidResponse(signed),
      300,
      warmMs,
    );
    rounds.signOurs?.push(signOurs);
    rounds.signSdk?.push(signSdk);
    rounds.verifyOurs?.push(verifyOurs);
    rounds.verifySdk?.push(verifySdk);
    signRatios.push(signOurs.opsPerSecond / signSdk.opsPerSecond);
    verifyRatios.push(verifyOurs.opsPerSecond / verifySdk.opsPerSecond);
  }
  const signOurs = medianRate(rounds.signOurs as Rate[]);
  const signSdk = medianRate(rounds.signSdk as Rate[]);
  const verifyOurs = medianRate(rounds.verifyOurs as Rate[]);
  const verifySdk = medianRate(rounds.verifySdk as Rate[]);
  const signOurs64 = await rateAsync(
    'createSignature, 64 in flight',
    () => createSignature(TYPICAL_ORDER, SECRET),
    64,
  );
  const verifyOurs64 = await rateAsync(
    'verifySignature, 64 in flight',
    () => verifySignature(signed, SECRET),
    64,
  );
  const text = `${SECRET}|${Object.keys(TYPICAL_ORDER)
    .sort()
    .map((k) => String(TYPICAL_ORDER[k]))
    .join('|')}`;
  const bytes = new TextEncoder().encode(text);
  return {
    rounds: SIGNING_ROUNDS,
    sign: {
      ours: signOurs,
      ours64: signOurs64,
      sdk: signSdk,
      ratio: round(median(signRatios), 3),
      roundRatios: signRatios.map((r) => round(r, 2)),
    },
    verify: {
      ours: verifyOurs,
      ours64: verifyOurs64,
      sdk: verifySdk,
      ratio: round(median(verifyRatios), 3),
      roundRatios: verifyRatios.map((r) => round(r, 2)),
    },
    sha1: {
      webCrypto: await rateAsync("crypto.subtle.digest('SHA-1'), awaited", () =>
        crypto.subtle.digest('SHA-1', bytes),
      ),
      nodeCrypto: rateSync("node:crypto createHash('sha1')", () =>
        createHash('sha1').update(text).digest('hex'),
      ),
      nodeHash: rateSync("node:crypto hash('sha1')", () => hash('sha1', text, 'hex')),
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
    for (const [label, extra] of [
      ['a typical order, exactly as the SDK sends it', {}],
      ['an order with lang: undefined', { lang: undefined }],
      ['an order with lang: null', { lang: null }],
    ] as const) {
      checks.push({
        case: label,
        answer: await withSdkTransport(sandbox, () => sdkAnswer(sdk, extra)),
      });
    }
  } finally {
    await sandbox.stop();
  }
  return checks;
}

// ── create-checkout endpoints under load ──────────────────────────────────────────────────────
//
// Three processes: this one generates the load; each endpoint runs in its own (endpointProcess.ts)
// and the sandbox in another (sandboxProcess.ts), over HTTPS with a certificate made for this run.

const CART = {
  items: [
    { sku: 'churchkhela', qty: 2 },
    { sku: 'tea', qty: 1 },
  ],
  lang: 'ka',
};
const BODY = JSON.stringify({ flow: 'redirect', order: CART });

// The system's openssl (Debian's, a tool of the machine like git), not a package.
const OPENSSL = process.env.OPENSSL ?? 'openssl';

/** A self-signed ECDSA P-256 certificate for 127.0.0.1 and the SDK's host, made with openssl. */
function makeCertificate(dir: string): { certFile: string; keyFile: string; ca: string } {
  const certFile = join(dir, 'sandbox.crt');
  const keyFile = join(dir, 'sandbox.key');
  execFileSync(
    OPENSSL,
    // biome-ignore format: openssl's arguments read as one command line
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', `/CN=${SDK_HOST}`,
      '-addext', `subjectAltName=DNS:${SDK_HOST},IP:127.0.0.1`],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, ca: readFileSync(certFile, 'utf8') };
}

/** A forked benchmark process and its IPC replies, one at a time. */
class Child<Report extends { type: string }> {
  private readonly child: ChildProcess;
  private readonly waiting: ((report: Report) => void)[] = [];
  private readonly exited: Promise<void>;
  constructor(
    file: string,
    env: Record<string, string>,
    profileDir?: string,
    packages: 'source' | 'built' = 'source',
  ) {
    this.child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
      execArgv: [
        '--import',
        'tsx',
        // The endpoints run the built packages (dist), as a merchant installs them; the sandbox
        // and the harness run from source.
        ...(packages === 'source' ? ['--conditions=@flitt-checkout/source'] : []),
        // One folder per process: tsx's loader thread writes a profile of its own beside it.
        ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (report: Report) => this.waiting.shift()?.(report));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }
  /** The next report (the first is `ready`). */
  next(): Promise<Report> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('[bench] a child process went quiet')),
        30_000,
      );
      this.waiting.push((report) => {
        clearTimeout(timer);
        resolve(report);
      });
    });
  }
  ask(command: unknown): Promise<Report> {
    const reply = this.next();
    this.child.send(command as string);
    return reply;
  }
  async stop(command: unknown): Promise<void> {
    if (this.child.exitCode === null) this.child.send(command as string);
    const killer = setTimeout(() => this.child.kill(), 10_000);
    await this.exited;
    clearTimeout(killer);
  }
}

class Endpoint {
  private constructor(
    private readonly child: Child<EndpointReport>,
    readonly url: string,
  ) {}
  static async start(
    setup: EndpointSetup,
    profileDir?: string,
    name: string = setup.which,
  ): Promise<Endpoint> {
    const child = new Child<EndpointReport>(
      './endpointProcess.ts',
      { BENCH_ENDPOINT: JSON.stringify(setup) },
      profileDir ? join(profileDir, name) : undefined,
      'built',
    );
    try {
      const ready = await child.next();
      if (ready.type !== 'ready') throw new Error('[bench] the endpoint process did not start');
      return new Endpoint(child, ready.url);
    } catch (error) {
      await child.stop({ type: 'stop' } satisfies EndpointCommand);
      throw error;
    }
  }
  async cpuMs(): Promise<number> {
    const report = await this.child.ask({ type: 'cpu' } satisfies EndpointCommand);
    if (report.type !== 'cpu') throw new Error('[bench] an endpoint process answered out of turn');
    return report.cpuMs;
  }
  async keepAlive(keepAlive: boolean): Promise<void> {
    await this.child.ask({ type: 'keepAlive', keepAlive } satisfies EndpointCommand);
  }
  stop(): Promise<void> {
    return this.child.stop({ type: 'stop' } satisfies EndpointCommand);
  }
}

/** One POST; resolves with whether the answer is what `ok` expects, never rejects. */
function post(
  url: string,
  body: string,
  agent: HttpAgent | https.Agent,
  ok: (status: number, text: string) => boolean,
): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const request = (url.startsWith('https:') ? https.request : httpRequest)(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve(ok(res.statusCode ?? 0, text)));
        res.on('error', () => resolve(false));
      },
    );
    request.on('error', () => resolve(false));
    request.end(body);
  });
}

interface Round {
  readonly seconds: number;
  readonly latencies: readonly number[];
  readonly errors: number;
  /** CPU time of the endpoint's process during the round. */
  readonly cpuMs: number;
  readonly sandboxCpuMs: number;
}

/** Per endpoint and connection mode, over all its rounds. */
interface LoadResult {
  readonly label: string;
  readonly requests: number;
  readonly errors: number;
  /** Median over the rounds. */
  readonly requestsPerSecond: number;
  readonly roundsRequestsPerSecond: readonly number[];
  /** The endpoint process's CPU time per request, median over the rounds. */
  readonly cpuMsPerRequest: number;
  readonly roundsCpuMsPerRequest: readonly number[];
  /** The sandbox process's, for scale. */
  readonly sandboxCpuMsPerRequest: number;
  readonly latencyMs: Summary;
}

/** Both endpoints in one connection mode, rounds interleaved. */
export interface LoadComparison {
  readonly keepAlive: boolean;
  readonly rounds: number;
  readonly requestsPerRound: number;
  readonly concurrency: number;
  readonly ours: LoadResult;
  readonly sdk: LoadResult;
  /** The SDK's endpoint with our client's `createCheckoutUrl` in place of its `Checkout`. */
  readonly client: LoadResult;
  /** Ours / SDK of the medians. */
  readonly ratioRequestsPerSecond: number;
  readonly ratioCpuMsPerRequest: number;
  /** Ours / SDK of each pair of neighbouring rounds. */
  readonly pairRatios: readonly number[];
}

/**
 * Every endpoint process served at once, in sessions of fresh processes; `twin` is a second
 * process running the SDK's endpoint (the A/A control: how far apart identical endpoints measure).
 */
export interface SideBySide {
  readonly sessions: number;
  /** Per session, after its warm-up. */
  readonly rounds: number;
  /** How long each round runs. */
  readonly secondsPerRound: number;
  readonly warmupSeconds: number;
  /** In flight per endpoint (each connection serves one endpoint only). */
  readonly concurrency: number;
  readonly requests: number;
  readonly errors: number;
  /** Totals over all rounds: requests served per second of the rounds. */
  readonly requestsPerSecond: Record<SideName, number>;
  /** Totals over all rounds: the process's CPU time per request served. */
  readonly cpuMsPerRequest: Record<SideName, number>;
  /** The process's CPU time per second of the rounds (1 = one core). */
  readonly cores: Record<SideName, number>;
  /** The same for the one sandbox process all four call, and for the load generator. */
  readonly sandboxCores: number;
  readonly generatorCores: number;
  /** Ours and the experiment over the two SDK processes' mean; twin: one SDK process over the other. */
  readonly rateRatio: Record<Exclude<SideName, 'sdk'>, RatioSummary>;
  readonly ratio: Record<Exclude<SideName, 'sdk'>, RatioSummary>;
}

function loadResult(label: string, rounds: readonly Round[]): LoadResult {
  const rates = rounds.map((r) => Math.round(r.latencies.length / r.seconds));
  const cpu = rounds.map((r) => round(r.cpuMs / r.latencies.length, 3));
  const sandboxCpu = rounds.map((r) => r.sandboxCpuMs / r.latencies.length);
  return {
    label,
    requests: rounds.reduce((n, r) => n + r.latencies.length, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    requestsPerSecond: Math.round(median(rates)),
    roundsRequestsPerSecond: rates,
    cpuMsPerRequest: round(median(cpu.map((c) => c * 1000)) / 1000, 3),
    roundsCpuMsPerRequest: cpu,
    sandboxCpuMsPerRequest: round(median(sandboxCpu.map((c) => c * 1000)) / 1000, 3),
    latencyMs: summarize(rounds.flatMap((r) => r.latencies)),
  };
}

/** Low load: one request at a time, the bare sandbox call and both endpoints in turn. */
interface LowLoad {
  readonly requests: number;
  readonly bare: Summary;
  readonly ours: Summary;
  readonly sdk: Summary;
  /** Endpoint percentile − bare sandbox percentile. */
  readonly addedMs: {
    readonly ours: { readonly p50: number; readonly p99: number };
    readonly sdk: { readonly p50: number; readonly p99: number };
  };
}

export interface ServerResult {
  readonly sdkVersion: string;
  readonly signing: SigningResult;
  readonly sdkChecks: readonly SdkCheck[];
  readonly load: {
    readonly method: string;
    readonly keepAlive: LoadComparison;
    readonly sideBySide: SideBySide;
    readonly noKeepAlive: LoadComparison;
    readonly lowLoad: LowLoad;
    readonly seconds: number;
  };
}

interface LoadOptions {
  readonly rounds: number;
  readonly requests: number;
  readonly concurrency: number;
  readonly sideBySideSessions: number;
  readonly sideBySideRounds: number;
  readonly sideBySideSeconds: number;
  readonly sideBySideWarmupSeconds: number;
  readonly noKeepAliveRounds: number;
  readonly noKeepAliveRequests: number;
  readonly lowLoadRequests: number;
  readonly warmup: number;
}

/** Signs `count` distinct typical orders for the bare sandbox call. */
async function bareBodies(count: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const order = { ...TYPICAL_ORDER, order_id: `bare-${i}-${randomBytes(8).toString('hex')}` };
    bodies.push(
      JSON.stringify({ request: { ...order, signature: await createSignature(order, SECRET) } }),
    );
  }
  return bodies;
}

async function runLoad(options: LoadOptions): Promise<ServerResult['load']> {
  // The endpoint processes import dist: build it from the current sources first.
  const build = spawnSync(
    'npx',
    [
      '--yes',
      'pnpm@10.34.9',
      '--filter',
      '@flitt-checkout/core',
      '--filter',
      '@flitt-checkout/server',
      'run',
      'build',
    ],
    { stdio: 'ignore' },
  );
  if (build.status !== 0)
    throw new Error('[bench] building core and server for the endpoints failed');
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'flitt-bench-'));
  const profileDir = process.env.BENCH_CPU_PROF || undefined;
  const { certFile, keyFile, ca } = makeCertificate(dir);
  const sandboxChild = new Child<SandboxReport>('./sandboxProcess.ts', {
    BENCH_SANDBOX: JSON.stringify({ certFile, keyFile } satisfies SandboxSetup),
  });
  const endpoints: Endpoint[] = [];
  try {
    const ready = await sandboxChild.next();
    if (ready.type !== 'ready') throw new Error('[bench] the sandbox process did not start');
    const sandboxUrl = `https://127.0.0.1:${ready.port}`;
    const setup = (which: EndpointSetup['which']): EndpointSetup => ({
      which,
      sandboxPort: ready.port,
      caFile: certFile,
      merchantId: MERCHANT_ID,
      secretKey: SECRET,
      sdkHost: SDK_HOST,
    });
    const [ours, sdk, client] = await Promise.all([
      Endpoint.start(setup('ours'), profileDir),
      Endpoint.start(setup('sdk'), profileDir),
      // The experiment that splits our extra cost: the SDK's endpoint over our client.
      Endpoint.start(setup('client'), profileDir),
    ]);
    endpoints.push(ours, sdk, client);
    const sandboxCpu = async () => {
      const report = await sandboxChild.ask('cpu');
      if (report.type !== 'cpu')
        throw new Error('[bench] the sandbox process answered out of turn');
      return report.cpuMs;
    };
    const checkout = (status: number, text: string) =>
      status === 200 && text.includes(`"checkoutUrl":"${sandboxUrl}/`);
    const sides = [
      { name: 'ours' as const, endpoint: ours },
      { name: 'sdk' as const, endpoint: sdk },
      { name: 'client' as const, endpoint: client },
    ];

    const measureRound = async (endpoint: Endpoint, agent: HttpAgent, requests: number) => {
      const latencies: number[] = [];
      let errors = 0;
      const [cpu0, sandbox0] = [await endpoint.cpuMs(), await sandboxCpu()];
      const start = performance.now();
      await pool(requests, options.concurrency, async () => {
        const t = performance.now();
        if (!(await post(endpoint.url, BODY, agent, checkout))) errors++;
        latencies.push(since(t));
      });
      const seconds = since(start) / 1000;
      const [cpu1, sandbox1] = [await endpoint.cpuMs(), await sandboxCpu()];
      return { seconds, latencies, errors, cpuMs: cpu1 - cpu0, sandboxCpuMs: sandbox1 - sandbox0 };
    };

    const compare = async (
      keepAlive: boolean,
      rounds: number,
      requests: number,
    ): Promise<LoadComparison> => {
      await Promise.all(sides.map((s) => s.endpoint.keepAlive(keepAlive)));
      const agent = new HttpAgent({ keepAlive, maxSockets: options.concurrency });
      const results = { ours: [] as Round[], sdk: [] as Round[], client: [] as Round[] };
      try {
        // Warm-up (JIT, TLS sessions, connection pools), then rounds in the order AB BA AB …, so
        // a burst of background load on this shared machine hits both sides alike.
        for (const side of sides)
          await pool(options.warmup, options.concurrency, async () => {
            await post(side.endpoint.url, BODY, agent, checkout);
          });
        for (let i = 0; i < rounds; i++) {
          for (const side of i % 2 === 0 ? sides : [...sides].reverse())
            results[side.name].push(await measureRound(side.endpoint, agent, requests));
        }
      } finally {
        agent.destroy();
      }
      const oursResult = loadResult('flitt-checkout createCheckout', results.ours);
      const sdkResult = loadResult('official SDK Checkout', results.sdk);
      const clientResult = loadResult(
        "experiment: the SDK's endpoint over our client",
        results.client,
      );
      return {
        keepAlive,
        rounds,
        requestsPerRound: requests,
        concurrency: options.concurrency,
        ours: oursResult,
        sdk: sdkResult,
        client: clientResult,
        ratioRequestsPerSecond: round2(oursResult.requestsPerSecond / sdkResult.requestsPerSecond),
        ratioCpuMsPerRequest: round2(oursResult.cpuMsPerRequest / sdkResult.cpuMsPerRequest),
        pairRatios: results.ours.map((r, i) =>
          round2(r.seconds > 0 ? (results.sdk[i] as Round).seconds / r.seconds : Number.NaN),
        ),
      };
    };

    const sideBySide = async (): Promise<SideBySide> => {
      const sessions = options.sideBySideSessions;
      const seconds = options.sideBySideSeconds;
      // Each endpoint gets its own connections and in-flight requests for the same time: one
      // that needs less CPU per request completes more of them while all compete.
      const perEndpoint = options.concurrency / 2;
      const rounds: SideRound[] = [];
      // The sandbox's and this load generator's CPU time over the rounds.
      const others = { sandboxMs: 0, generatorMs: 0 };
      let errors = 0;
      for (let session = 0; session < sessions; session++) {
        // Fresh processes per session, started and served in a rotated order: the bias one
        // process carries (the A/A control shows it) and its place in line average out over the
        // sessions instead of staying with one side.
        const names = SIDE_NAMES.map((_, k) => SIDE_NAMES[(k + session) % SIDE_NAMES.length]);
        const starting = await Promise.allSettled(
          (names as SideName[]).map(async (name) => ({
            name,
            endpoint: await Endpoint.start(
              setup(name === 'twin' ? 'sdk' : name),
              profileDir,
              `side-${session + 1}-${name}`,
            ),
          })),
        );
        const started = starting.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
        if (started.length < starting.length) {
          await Promise.all(started.map((s) => s.endpoint.stop()));
          throw new Error('[bench] a side-by-side endpoint process did not start');
        }
        const agent = new HttpAgent({ keepAlive: true, maxSockets: perEndpoint });
        // Requests answered with a checkout, per process; the others are counted as errors.
        const serveFor = async (ms: number): Promise<{ counts: number[]; failed: number }> => {
          const counts = started.map(() => 0);
          let failed = 0;
          const end = performance.now() + ms;
          await Promise.all(
            started.flatMap(({ endpoint }, k) =>
              Array.from({ length: perEndpoint }, async () => {
                while (performance.now() < end) {
                  if (await post(endpoint.url, BODY, agent, checkout))
                    counts[k] = (counts[k] as number) + 1;
                  else failed++;
                }
              }),
            ),
          );
          return { counts, failed };
        };
        try {
          // JIT, TLS sessions and connection pools, for all of them at once.
          await serveFor(options.sideBySideWarmupSeconds * 1000);
          for (let i = 0; i < options.sideBySideRounds; i++) {
            const cpu0 = await Promise.all(started.map((s) => s.endpoint.cpuMs()));
            const [sandbox0, generator0] = [await sandboxCpu(), process.cpuUsage()];
            const t0 = performance.now();
            const { counts, failed } = await serveFor(seconds * 1000);
            const elapsed = since(t0) / 1000;
            const cpu1 = await Promise.all(started.map((s) => s.endpoint.cpuMs()));
            const generator = process.cpuUsage(generator0);
            others.sandboxMs += (await sandboxCpu()) - sandbox0;
            others.generatorMs += (generator.user + generator.system) / 1000;
            errors += failed;
            const served = {} as Record<SideName, number>;
            const cpuMs = {} as Record<SideName, number>;
            for (const [k, { name }] of started.entries()) {
              served[name] = counts[k] as number;
              cpuMs[name] = (cpu1[k] as number) - (cpu0[k] as number);
            }
            rounds.push({ session, seconds: elapsed, served, cpuMs });
          }
        } finally {
          agent.destroy();
          await Promise.all(started.map((s) => s.endpoint.stop()));
        }
      }
      const { served, cpuMs, seconds: elapsed } = sideTotals(rounds);
      const each = (of: (name: SideName) => number, digits: number) =>
        Object.fromEntries(SIDE_NAMES.map((name) => [name, round(of(name), digits)])) as Record<
          SideName,
          number
        >;
      return {
        sessions,
        rounds: options.sideBySideRounds,
        secondsPerRound: seconds,
        warmupSeconds: options.sideBySideWarmupSeconds,
        concurrency: perEndpoint,
        requests: SIDE_NAMES.reduce((n, name) => n + served[name], 0),
        errors,
        requestsPerSecond: each((name) => served[name] / elapsed, 0),
        cpuMsPerRequest: each((name) => cpuMs[name] / served[name], 3),
        cores: each((name) => cpuMs[name] / 1000 / elapsed, 3),
        sandboxCores: round(others.sandboxMs / 1000 / elapsed, 3),
        generatorCores: round(others.generatorMs / 1000 / elapsed, 3),
        ...sideSummaries(rounds),
      };
    };

    const lowLoad = async (count: number): Promise<LowLoad> => {
      const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
      const flitt = new https.Agent({ keepAlive: true, maxSockets: 1, ca });
      const bodies = await bareBodies(count + 50);
      const flittReply = (status: number, text: string) =>
        status === 200 && text.includes('"checkout_url"');
      const times = { bare: [] as number[], ours: [] as number[], sdk: [] as number[] };
      const calls = [
        {
          name: 'bare' as const,
          call: (i: number) =>
            post(`${sandboxUrl}/api/checkout/url`, bodies[i] as string, flitt, flittReply),
        },
        { name: 'ours' as const, call: () => post(ours.url, BODY, agent, checkout) },
        { name: 'sdk' as const, call: () => post(sdk.url, BODY, agent, checkout) },
      ];
      try {
        for (let i = 0; i < count + 50; i++) {
          // Rotate who goes first, so none always follows the same neighbour.
          for (let k = 0; k < calls.length; k++) {
            const { name, call } = calls[(i + k) % calls.length] as (typeof calls)[number];
            const t = performance.now();
            if (!(await call(i))) throw new Error(`[bench] low-load ${name} call failed`);
            if (i >= 50) times[name].push(since(t));
          }
        }
      } finally {
        agent.destroy();
        flitt.destroy();
      }
      const [bare, oursS, sdkS] = [
        summarize(times.bare),
        summarize(times.ours),
        summarize(times.sdk),
      ];
      return {
        requests: count,
        bare,
        ours: oursS,
        sdk: sdkS,
        addedMs: {
          ours: { p50: round2(oursS.median - bare.median), p99: round2(oursS.p99 - bare.p99) },
          sdk: { p50: round2(sdkS.median - bare.median), p99: round2(sdkS.p99 - bare.p99) },
        },
      };
    };

    const keepAliveRun = await compare(true, options.rounds, options.requests);
    const together = await sideBySide();
    const low = await lowLoad(options.lowLoadRequests);
    const noKeepAliveRun = await compare(
      false,
      options.noKeepAliveRounds,
      options.noKeepAliveRequests,
    );
    return {
      method: `Processes on this machine: the load generator (this one), the endpoints (each its own Node process, node:http on 127.0.0.1; one for flitt-checkout's \`createCheckout\` through \`toNodeHandler\`, from the packages' built \`dist\` as a merchant installs them, one for the SDK's nearest equivalent and one for the experiment below; the side-by-side rounds start fresh ones of their own) and the sandbox (its own process, node:https with keep-alive and a self-signed ECDSA P-256 certificate made for the run with openssl). Each endpoint reaches the sandbox through node:https's global agent, which trusts only that certificate (\`ca\`; no NODE_TLS_REJECT_UNAUTHORIZED) and sends the SDK's fixed host to the sandbox's port. Each POST is the same cart; the endpoint prices it and creates a checkout URL. In the one-at-a-time rounds, rounds are interleaved AB BA AB …, after ${options.warmup} warm-up POSTs per endpoint and mode; requests/s and CPU per request (the endpoint process's own \`process.cpuUsage()\`, asked over IPC before and after each round) are medians over the rounds; latencies are pooled. The side-by-side rounds are described with their table.`,
      keepAlive: keepAliveRun,
      sideBySide: together,
      noKeepAlive: noKeepAliveRun,
      lowLoad: low,
      seconds: round(since(started) / 1000),
    };
  } finally {
    await Promise.all(endpoints.map((e) => e.stop()));
    await sandboxChild.stop('stop');
    rmSync(dir, { recursive: true, force: true });
  }
}

const round2 = (value: number) => round(value, 2);

/** Signing rates, the SDK acceptance checks, and both endpoints under the same load. */
export async function runServer(options: Partial<LoadOptions> = {}): Promise<ServerResult> {
  const signing = await runSigning();
  const sdkChecks = await runSdkChecks();
  const load = await runLoad({
    // Sixteen short rounds rather than six long ones: load that drifts during a run (this is a
    // shared 2-core VM) hits both endpoints alike more often, and the medians move less.
    rounds: 16,
    requests: 750,
    concurrency: 16,
    // Twelve sessions of fresh processes, each warmed up and then measured in eight rounds: one
    // set of processes carries a bias of its own (the A/A control), which only more sets average.
    sideBySideSessions: 12,
    sideBySideRounds: 8,
    sideBySideSeconds: 2,
    sideBySideWarmupSeconds: 5,
    noKeepAliveRounds: 4,
    noKeepAliveRequests: 400,
    lowLoadRequests: 400,
    warmup: 600,
    ...options,
  });
  return { sdkVersion: SDK_VERSION, signing, sdkChecks, load };
}
