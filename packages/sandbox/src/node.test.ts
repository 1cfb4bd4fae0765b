import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createSignature, verifySignature } from '@flitt-checkout/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RunningSandbox, type StartSandboxOptions, startSandbox } from './node.ts';

const KEY = 'test';
const WAIT = { timeout: 5000 };
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const running: RunningSandbox[] = [];
const servers: Server[] = [];
const children: ChildProcess[] = [];
let seq = 0;

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }),
  );
});

async function sandboxOn(options: StartSandboxOptions = {}) {
  const sandbox = await startSandbox({ port: 0, ...options });
  running.push(sandbox);
  return sandbox;
}

const orderParams = (extra: Record<string, unknown> = {}) => ({
  order_id: `node-${Date.now()}-${++seq}`,
  merchant_id: 1549901,
  order_desc: 'Khachapuri',
  amount: 1500,
  currency: 'GEL',
  ...extra,
});

/** A signed JSON API call over real HTTP. */
async function post(base: string, path: string, params: Record<string, unknown>, init = {}) {
  const signature = await createSignature(params, KEY);
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ request: { ...params, signature } }),
    ...init,
  });
}

async function api(base: string, path: string, params: Record<string, unknown>) {
  const response = await post(base, path, params);
  expect(response.status).toBe(200);
  return ((await response.json()) as { response: Record<string, unknown> }).response;
}

async function control(base: string, path: string, body: Record<string, unknown>) {
  return fetch(`${base}/sandbox/control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function payEmbedded(base: string, token: string, cardNumber = '4444555511116666') {
  const response = await fetch(`${base}/sandbox/embedded/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, card_number: cardNumber, expiry_date: '12/30', cvv2: '123' }),
  });
  expect(response.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON keeps these assertions short
  return (await response.json()) as Record<string, any>;
}

interface Delivery {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

type Reply = (path: string, count: number) => { status: number; headers?: Record<string, string> };

/** A merchant's server on 127.0.0.1 that records every request and answers as `reply` says. */
async function merchantServer(reply: Reply = () => ({ status: 200 })) {
  const received: Delivery[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    received.push({
      method: req.method ?? '',
      path,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    const { status, headers = {} } = reply(path, received.filter((r) => r.path === path).length);
    res.writeHead(status, headers).end();
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received };
}

async function paidWithCallback(sandbox: RunningSandbox, callbackUrl: string) {
  const params = orderParams({ server_callback_url: callbackUrl });
  const { token } = await api(sandbox.url, '/api/checkout/token', params);
  const paid = await payEmbedded(sandbox.url, String(token));
  expect(paid.order.order_status).toBe('approved');
  return params.order_id;
}

describe('startSandbox', () => {
  it('listens on 127.0.0.1 at a free port and puts checkout_url on its own URL', async () => {
    const sandbox = await sandboxOn();
    expect(sandbox.port).toBeGreaterThan(0);
    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
    expect(sandbox.baseUrl).toBe(sandbox.url);

    const created = await api(sandbox.url, '/api/checkout/url', orderParams());
    expect(created.response_status).toBe('success');
    const checkoutUrl = String(created.checkout_url);
    expect(checkoutUrl.startsWith(`${sandbox.url}/merchants/`)).toBe(true);

    const page = await fetch(checkoutUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Khachapuri');
  });

  it('answers the status API with a signed order object', async () => {
    const sandbox = await sandboxOn();
    const params = orderParams();
    await api(sandbox.url, '/api/checkout/url', params);

    const status = await api(sandbox.url, '/api/status/order_id', {
      order_id: params.order_id,
      merchant_id: 1549901,
    });
    expect(status).toMatchObject({
      response_status: 'success',
      order_id: params.order_id,
      order_status: 'created',
      amount: '1500',
    });
    expect(await verifySignature(status, KEY)).toBe(true);
  });

  it('ends a request with HTTP 500 after an http500 fault, then answers normally', async () => {
    const sandbox = await sandboxOn();
    const set = await control(sandbox.url, 'faults', { count: 1, kind: 'http500' });
    expect(set.status).toBe(200);

    const failed = await post(sandbox.url, '/api/checkout/url', orderParams());
    expect(failed.status).toBe(500);
    await failed.body?.cancel();
    expect((await api(sandbox.url, '/api/checkout/url', orderParams())).response_status).toBe(
      'success',
    );
  });

  it('sends a body that is not JSON after a malformed fault', async () => {
    const sandbox = await sandboxOn();
    await control(sandbox.url, 'faults', { count: 1, kind: 'malformed' });

    const response = await post(sandbox.url, '/api/checkout/url', orderParams());
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('resets the connection after a reset fault, and keeps serving afterwards', async () => {
    const sandbox = await sandboxOn();
    await control(sandbox.url, 'faults', { count: 1, kind: 'reset' });

    await expect(post(sandbox.url, '/api/checkout/url', orderParams())).rejects.toThrow(TypeError);
    expect((await api(sandbox.url, '/api/checkout/url', orderParams())).response_status).toBe(
      'success',
    );
  });

  it('leaves a request unanswered after a timeout fault until the client gives up', async () => {
    const sandbox = await sandboxOn();
    await control(sandbox.url, 'faults', { count: 1, kind: 'timeout' });

    const started = Date.now();
    const request = post(sandbox.url, '/api/checkout/url', orderParams(), {
      signal: AbortSignal.timeout(300),
    });
    await expect(request).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await api(sandbox.url, '/api/checkout/url', orderParams())).response_status).toBe(
      'success',
    );
  });

  it('refuses an unknown fault kind with 400', async () => {
    const sandbox = await sandboxOn();
    const response = await control(sandbox.url, 'faults', { count: 1, kind: 'explode' });
    expect(response.status).toBe(400);
    expect((await api(sandbox.url, '/api/checkout/url', orderParams())).response_status).toBe(
      'success',
    );
  });

  it('delays API answers by the latency set through the control API', async () => {
    const sandbox = await sandboxOn();
    const set = await control(sandbox.url, 'latency', { ms: 250 });
    expect(await set.json()).toEqual({ latency: 250 });

    const started = Date.now();
    await api(sandbox.url, '/api/checkout/url', orderParams());
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('expires an unpaid order when the control API moves the clock past its lifetime', async () => {
    const sandbox = await sandboxOn();
    const params = orderParams({ lifetime: 600 });
    await api(sandbox.url, '/api/checkout/url', params);
    const status = () =>
      api(sandbox.url, '/api/status/order_id', { order_id: params.order_id, merchant_id: 1549901 });

    await control(sandbox.url, 'clock', { seconds: 599 });
    expect((await status()).order_status).toBe('created');
    const moved = await control(sandbox.url, 'clock', { seconds: 2 });
    expect(await moved.json()).toEqual({ offsetSeconds: 601 });
    expect((await status()).order_status).toBe('expired');
  });

  it('stops listening after stop()', async () => {
    const sandbox = await sandboxOn();
    expect((await fetch(`${sandbox.url}/`)).status).toBe(200);
    await sandbox.stop();
    running.splice(running.indexOf(sandbox), 1);

    await expect(fetch(`${sandbox.url}/`)).rejects.toThrow(TypeError);
  });
});

describe('startSandbox callbacks', () => {
  it('POSTs the signed order as JSON to server_callback_url once the merchant answers 200', async () => {
    const merchant = await merchantServer();
    const sandbox = await sandboxOn({ callbackTimeScale: 0.001 });
    const orderId = await paidWithCallback(sandbox, `${merchant.url}/flitt/callback`);

    await vi.waitFor(() => expect(merchant.received).toHaveLength(1), WAIT);
    const [delivery] = merchant.received;
    expect(delivery?.method).toBe('POST');
    expect(delivery?.path).toBe('/flitt/callback');
    expect(delivery?.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(delivery?.body ?? '') as Record<string, unknown>;
    expect(body).toMatchObject({ order_id: orderId, order_status: 'approved' });
    expect(body).not.toHaveProperty('response');
    expect(await verifySignature(body, KEY)).toBe(true);

    await sleep(100); // longer than the first retry (2 s × 0.001): none may come
    expect(merchant.received).toHaveLength(1);
    expect(sandbox.control.callbacks()).toMatchObject([{ attempt: 1, status: 200 }]);
  });

  it('retries on Flitt schedule until the merchant answers 200: 500, 500, 200', async () => {
    const merchant = await merchantServer((_path, count) => ({ status: count < 3 ? 500 : 200 }));
    const sandbox = await sandboxOn({ callbackTimeScale: 0.001 });
    const orderId = await paidWithCallback(sandbox, `${merchant.url}/callback`);

    await vi.waitFor(() => expect(sandbox.control.callbacks()).toHaveLength(3), WAIT);
    const attempts = sandbox.control.callbacks();
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(attempts.every((a) => a.orderId === orderId)).toBe(true);
    // Second gap is Flitt's 60 s, scaled to 60 ms.
    expect(Number(attempts[2]?.at) - Number(attempts[1]?.at)).toBeGreaterThanOrEqual(55);

    await sleep(400); // past the next slot (300 s × 0.001): the 200 ended the retries
    expect(sandbox.control.callbacks()).toHaveLength(3);
    expect(merchant.received).toHaveLength(3);
  });

  it('does not follow a redirect: a 302 counts as a failed attempt and is retried', async () => {
    const merchant = await merchantServer((path, count) =>
      path === '/callback' && count === 1
        ? { status: 302, headers: { location: '/elsewhere' } }
        : { status: 200 },
    );
    const sandbox = await sandboxOn({ callbackTimeScale: 0.001 });
    await paidWithCallback(sandbox, `${merchant.url}/callback`);

    await vi.waitFor(() => expect(sandbox.control.callbacks()).toHaveLength(2), WAIT);
    expect(sandbox.control.callbacks().map((a) => [a.attempt, a.status])).toEqual([
      [1, 302],
      [2, 200],
    ]);
    expect(merchant.received.map((r) => r.path)).toEqual(['/callback', '/callback']);
  });

  it('gives up after 1 + 6 retries when the merchant never answers 200', async () => {
    const merchant = await merchantServer(() => ({ status: 503 }));
    const sandbox = await sandboxOn({ callbackTimeScale: 0.000001 });
    await paidWithCallback(sandbox, `${merchant.url}/callback`);

    await vi.waitFor(() => expect(sandbox.control.callbacks()).toHaveLength(7), WAIT);
    await sandbox.control.callbacksIdle();
    await sleep(150);
    const attempts = sandbox.control.callbacks();
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(attempts.every((a) => a.status === 503)).toBe(true);
    expect(merchant.received).toHaveLength(7);
  });

  it('records a merchant that cannot be reached as status 0 with the error', async () => {
    const merchant = await merchantServer();
    const sandbox = await sandboxOn({ callbackTimeScale: 0.001 });
    const closed = servers.pop() as Server;
    closed.close();
    await once(closed, 'close');
    await paidWithCallback(sandbox, `${merchant.url}/callback`);

    await vi.waitFor(
      () => expect(sandbox.control.callbacks().length).toBeGreaterThanOrEqual(1),
      WAIT,
    );
    expect(sandbox.control.callbacks()[0]).toMatchObject({ attempt: 1, status: 0 });
    expect(sandbox.control.callbacks()[0]?.error).toEqual(expect.any(String));
  });
});

describe('flitt-sandbox CLI', () => {
  it('prints the URL it listens on, serves the index page and exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@flitt-checkout/source',
        '--import',
        'tsx',
        'packages/sandbox/src/cli.ts',
        '--port',
        '0',
        '--quiet',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`cli exited with ${code}: ${output}`)));
    });

    const index = await fetch(`${url}/`);
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toContain('<h1>Flitt sandbox</h1>');
    expect(html).toContain(`Base URL: ${url}`);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
  }, 20_000);
});

describe('the control API, from the HTTP server', () => {
  /** A raw HTTP request, so that Host and Origin can be anything a browser could send. */
  function raw(
    sandbox: RunningSandbox,
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
  ) {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${sandbox.url}${path}`,
        { method: init.method ?? 'GET', headers: init.headers },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
  }
  /** The clock offset, read through a JSON control request that changes nothing. */
  const offset = async (sandbox: RunningSandbox) =>
    (
      JSON.parse(
        (
          await raw(sandbox, '/sandbox/control/clock', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"seconds":0}',
          })
        ).text,
      ) as { offsetSeconds: number }
    ).offsetSeconds;

  it('changes nothing for a cross-site text/plain or form POST (no preflight needed for those)', async () => {
    const sandbox = await sandboxOn();
    sandbox.control.advanceClock(100);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const res = await raw(sandbox, '/sandbox/control/reset', {
        method: 'POST',
        headers: { 'content-type': type, origin: 'https://evil.example' },
        body: 'x=1',
      });
      expect(res.status, type).toBe(403);
    }
    const plain = await raw(sandbox, '/sandbox/control/reset', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(plain.status).toBe(415);
    expect(await offset(sandbox)).toBe(100); // never reset
  });

  it('refuses pages on other origins, and hosts that are not this machine (DNS rebinding)', async () => {
    const sandbox = await sandboxOn();
    sandbox.control.advanceClock(100);
    const json = { 'content-type': 'application/json' };
    const foreign = await raw(sandbox, '/sandbox/control/reset', {
      method: 'POST',
      headers: { ...json, origin: 'https://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect(await offset(sandbox)).toBe(100);
    const rebound = await raw(sandbox, '/sandbox/control/orders', {
      headers: { host: 'evil.example:8610' },
    });
    expect(rebound.status).toBe(403);
    expect(rebound.text).toContain('127.0.0.1');
    const local = await raw(sandbox, '/sandbox/control/clock', {
      method: 'POST',
      headers: { ...json, origin: 'http://localhost:5173' },
      body: '{"seconds":0}',
    });
    expect(local.status).toBe(200);
  });

  it('limits control bodies and every request body the server reads', async () => {
    const sandbox = await sandboxOn();
    const big = await raw(sandbox, '/sandbox/control/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'http500', pad: 'x'.repeat(20_000) }),
    });
    expect(big.status).toBe(413);
    const endless = await raw(sandbox, '/api/checkout/url', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(2 * 1024 * 1024, 32),
    }).catch((error: unknown) => ({ status: 0, text: String(error) }));
    // Refused (413), or the connection closed under the writer: either way not read into memory.
    expect([0, 413]).toContain(endless.status);
  });
});
