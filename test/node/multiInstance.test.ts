// Two merchant server processes (multiInstanceMerchant.ts) share one callback store,
// once in Redis and once in PostgreSQL, behind the sandbox over real HTTP on 127.0.0.1. Their
// onEvent runs are recorded in the shared database, so the counts are across processes.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { createFlittClient } from '@flitt-checkout/server';
import { withTestServices } from '@flitt-checkout/test-kit/services';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MERCHANT = fileURLToPath(new URL('./multiInstanceMerchant.ts', import.meta.url));
// Flitt's retries 2 s, 60 s, 300 s, 600 s … become 10 ms, 300 ms, 1.5 s, 3 s …
const TIME_SCALE = 0.005;
const LEASE_MS = 1500;
const HOLD_MS = 400;
// Each test takes 1–3 s; the margin is for a loaded machine (npm test runs files in parallel).
const run = `mi_${process.pid}_${Date.now().toString(36)}`;

const services = withTestServices();

interface Instance {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(
    process.execPath,
    ['--conditions=@flitt-checkout/source', '--import', 'tsx', MERCHANT],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`merchant exited with ${code}:\n${output}`)));
  });
  return {
    name: env.FLITT_TEST_INSTANCE as string,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
  };
}

async function stopInstance({ child }: Instance) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/**
 * A round-robin reverse proxy, as a load balancer in front of the instances: an instance that
 * refuses the connection is skipped; one that dies mid-request gives 502 (a POST is not resent).
 */
async function startProxy(backends: readonly string[]) {
  let next = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const forward = (tries: number): void => {
      const target = new URL(req.url ?? '/', backends[next++ % backends.length]);
      const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED' && tries > 1) return forward(tries - 1);
        res.writeHead(502).end();
      });
      upstream.end(body);
    };
    forward(backends.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Where the instances record their onEvent runs, read back from the test. */
interface Backend {
  readonly url: string;
  prepare(): Promise<void>;
  runs(orderId: string): Promise<{ instance: string; id: string; phase: string }[]>;
  close(): Promise<void>;
}

function redisBackend(ns: string): Backend {
  const client = createClient({ url: services().redisUrl });
  return {
    url: services().redisUrl,
    prepare: async () => {
      await client.connect();
    },
    runs: async (orderId) =>
      (await client.lRange(`${ns}:runs`, 0, -1))
        .map((line) => JSON.parse(line))
        .filter((r) => r.orderId === orderId),
    close: async () => {
      await client.quit();
    },
  };
}

function postgresBackend(ns: string): Backend {
  const pool = new pg.Pool({ connectionString: services().postgresUrl });
  // The server stops right after this file: an idle connection told so is no test failure.
  pool.on('error', () => {});
  return {
    url: services().postgresUrl,
    prepare: async () => {
      await pool.query(
        `CREATE TABLE "${ns}_runs" (seq serial PRIMARY KEY, instance text, order_id text, id text, phase text)`,
      );
    },
    runs: async (orderId) =>
      (
        await pool.query(
          `SELECT instance, id, phase FROM "${ns}_runs" WHERE order_id = $1 ORDER BY seq`,
          [orderId],
        )
      ).rows,
    close: async () => {
      await pool.query(`DROP TABLE IF EXISTS "${ns}_runs", "${ns}_events"`);
      await pool.end();
    },
  };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each([
  ['Redis', redisBackend],
  ['PostgreSQL', postgresBackend],
])('two merchant instances sharing a %s store', (kind, backendOf) => {
  const ns = `${run}_${kind.toLowerCase()}`;
  let sandbox: RunningSandbox;
  let backend: Backend;
  let a: Instance;
  let b: Instance;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let seq = 0;

  // Tests await it, so a setup failure fails each of them (a throwing beforeAll skips them).
  let ready: Promise<void>;
  beforeAll(() => {
    ready = setUp();
    return ready.catch(() => {});
  }, 60_000);
  async function setUp() {
    sandbox = await startSandbox({ port: 0, callbackTimeScale: TIME_SCALE });
    backend = backendOf(ns);
    await backend.prepare();
    const env = {
      FLITT_TEST_STORE: kind === 'Redis' ? 'redis' : 'postgres',
      FLITT_TEST_STORE_URL: backend.url,
      FLITT_TEST_NS: ns,
      FLITT_TEST_SANDBOX_URL: sandbox.url,
      FLITT_TEST_LEASE_MS: String(LEASE_MS),
      FLITT_TEST_HOLD_MS: String(HOLD_MS),
    };
    [a, b] = await Promise.all([
      startInstance({ ...env, FLITT_TEST_INSTANCE: 'a', FLITT_TEST_BLOCK: '1' }),
      startInstance({ ...env, FLITT_TEST_INSTANCE: 'b' }),
    ]);
    proxy = await startProxy([a.url, b.url]);
  }

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all([a, b].filter(Boolean).map(stopInstance));
    await sandbox?.stop();
    await backend?.close();
  });

  /** A paid order whose callbacks go to `callbackUrl`. */
  async function paidOrder(prefix: string, callbackUrl: string) {
    const orderId = `${prefix}-${ns}-${++seq}`;
    const client = createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      baseUrl: sandbox.url,
    });
    await client.createCheckoutUrl({
      order_id: orderId,
      order_desc: 'Khachapuri',
      amount: 1500,
      currency: 'GEL',
      server_callback_url: callbackUrl,
    });
    await sandbox.control.pay(orderId);
    return orderId;
  }

  const attemptsFor = (orderId: string) =>
    sandbox.control.callbacks().filter((attempt) => attempt.orderId === orderId);

  it('runs onEvent once for 50 concurrent copies of the genuine callback split across both', async () => {
    await ready;
    // Flitt's own delivery goes to a sink: the test replays its genuine signed body itself.
    const sink = createServer((_req, res) => res.writeHead(200).end('OK'));
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const orderId = await paidOrder(
      'replay',
      `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`,
    );
    const genuine = await waitFor('the genuine callback', async () => attemptsFor(orderId)[0]);
    sink.close();
    expect(genuine.status).toBe(200);

    const post = (instance: Instance) =>
      fetch(instance.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(genuine.body),
      }).then(async (response) => ({
        instance: instance.name,
        status: response.status,
        text: await response.text(),
      }));
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post(i % 2 ? b : a)));

    const runs = await backend.runs(orderId);
    expect(runs.map((r) => r.phase)).toEqual(['start', 'end']);
    const winner = runs[0]?.instance;
    expect(runs.every((r) => r.instance === winner)).toBe(true);
    // The instance running it answers all its copies 200 once done; the other says busy (503,
    // Flitt retries) while it runs, and 200 once it is done.
    const at = (name: string) => answers.filter((r) => r.instance === name).map((r) => r.status);
    const other = winner === 'a' ? 'b' : 'a';
    expect(new Set(at(winner as string))).toEqual(new Set([200]));
    expect(at(other).length).toBe(25);
    expect(at(other).every((status) => status === 200 || status === 503)).toBe(true);
    expect(at(other)).toContain(503);

    // Later copies, to either: done.
    expect((await Promise.all([post(a), post(b), post(a), post(b)])).map((r) => r.status)).toEqual([
      200, 200, 200, 200,
    ]);
    expect(await backend.runs(orderId)).toHaveLength(2);
  }, 20_000);

  it('runs the event on the other instance once the one running it is killed and its lease runs out', async () => {
    await ready;
    // Behind the round-robin proxy, Flitt's first delivery reaches a, which blocks in onEvent.
    const started = Date.now();
    const orderId = await paidOrder('block', `${proxy.url}/callback`);
    const first = await waitFor('onEvent to start on a', async () => {
      return (await backend.runs(orderId)).find((r) => r.phase === 'start');
    });
    expect(first.instance).toBe('a');
    a.child.kill('SIGKILL');
    await once(a.child, 'exit');

    // Flitt's retries now reach b: busy while a's lease runs, then b takes the event over.
    const done = await waitFor('the event to finish on b', async () => {
      const runs = await backend.runs(orderId);
      return runs.some((r) => r.phase === 'end') ? runs : undefined;
    });
    await waitFor('the 200 reaching the sandbox', async () =>
      attemptsFor(orderId).at(-1)?.status === 200 ? true : undefined,
    );
    expect(done.map((r) => `${r.instance}:${r.phase}`)).toEqual(['a:start', 'b:start', 'b:end']);
    expect(done.every((r) => r.id === first.id)).toBe(true);

    const attempts = attemptsFor(orderId).map((attempt) => attempt.status);
    // The delivery a died in (502 from the proxy), b saying busy while the lease ran, then 200.
    expect(attempts[0]).toBe(502);
    expect(attempts).toContain(503);
    expect(attempts.at(-1)).toBe(200);
    expect(attempts.filter((status) => status === 200)).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(LEASE_MS);
    // A replay afterwards, through the proxy (a is gone): done, not run again.
    const replay = await fetch(`${proxy.url}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(attemptsFor(orderId)[0]?.body),
    });
    expect(replay.status).toBe(200);
    expect(await backend.runs(orderId)).toHaveLength(3);
  }, 20_000);
});
