// toNodeHandler where the request is not the plain case: over TLS, after other middleware has read
// or decoded the body, from a client that leaves early, with repeated headers, HEAD, no Host, and
// a merchant handler whose answer fails halfway. What the merchant's code and the client see.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer, request as tlsRequest } from 'node:https';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSignature } from '@flitt-checkout/core';
import { createSandbox } from '@flitt-checkout/sandbox';
import { createFlittClient, createFlittHandlers } from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const sandbox = createSandbox();
/** What resolveOrder saw of each request. */
const seen: { url: string; body: string; length: string | null; request: Request }[] = [];
/** Makes resolveOrder wait for the request's signal (a slow price lookup the client gives up on). */
let waitForAbort = false;
let aborted: () => void = () => {};
const flitt = createFlittHandlers({
  client: createFlittClient({
    merchantId: 1549901,
    secretKey: 'test',
    baseUrl: sandbox.baseUrl,
    fetch: (input, init) => sandbox.handle(new Request(input, init)),
  }),
  resolveOrder: async ({ request: req }) => {
    seen.push({
      url: req.url,
      body: await req.clone().text(),
      length: req.headers.get('content-length'),
      request: req,
    });
    if (waitForAbort) {
      await new Promise<void>((resolve) => req.signal.addEventListener('abort', () => resolve()));
      aborted();
    }
    return { amount: 700, currency: 'GEL', order_desc: 'Tea' };
  },
  resultUrl: '/result',
  logger: { warn: () => {}, error: () => {} },
});

/** A plain Web handler answering what it got. */
const webRequests: Request[] = [];
const echo = async (req: Request) => {
  webRequests.push(req);
  return Response.json({
    url: req.url,
    method: req.method,
    body: req.method === 'GET' || req.method === 'HEAD' ? null : await req.text(),
    cookie: req.headers.get('cookie'),
    tag: req.headers.get('x-tag'),
    setCookie: req.headers.getSetCookie(),
  });
};
/** A merchant handler whose answer fails while it is sent. */
const failingBody = async () =>
  new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"half":'));
        controller.error(new Error('the database went away'));
      },
    }),
    { status: 200, headers: { 'content-type': 'application/json' } },
  );

/** Every handler call's promise: a call that never settles would be left hanging here. */
const calls: Promise<void>[] = [];
const routes: Record<string, ReturnType<typeof toNodeHandler>> = {
  '/checkout': toNodeHandler(flitt.createCheckout),
  '/echo': toNodeHandler(echo),
  '/proxied/echo': toNodeHandler(echo, { trustProxy: true }),
  '/failing': toNodeHandler(failingBody),
};
const app = express();
// A middleware that reads the body to the end and keeps nothing (a logger, a checksum …).
const swallow: express.RequestHandler = (req, _res, next) => {
  req.on('data', () => {});
  // Passed on a moment later (an asynchronous check): the request has ended and closed by then.
  req.on('end', () => setTimeout(next, 20));
};
app.post('/swallowed/checkout', swallow, toNodeHandler(flitt.createCheckout));
// A middleware that asks for text chunks instead of bytes.
const decode: express.RequestHandler = (req, _res, next) => {
  req.setEncoding('utf8');
  next();
};
app.post('/decoded/checkout', decode, toNodeHandler(flitt.createCheckout));
app.post('/decoded/echo', decode, toNodeHandler(echo));
app.post('/raw/return', express.raw({ type: '*/*' }), toNodeHandler(flitt.paymentReturn));
app.post('/parsed/checkout', express.json(), toNodeHandler(flitt.createCheckout));
// A parser that allows more than the handlers do: the handlers' 64 KiB limit still applies.
app.post('/roomy/checkout', express.json({ limit: '1mb' }), toNodeHandler(flitt.createCheckout));

/** Middleware-like steps before the checkout handler, each tracked in `calls` like the routes. */
const checkout = routes['/checkout'] as ReturnType<typeof toNodeHandler>;
const before: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  // An asynchronous step (a session lookup) during which the client goes away.
  '/late/checkout': (req, res) => req.once('close', () => calls.push(checkout(req, res))),
  // A step that paused the request, or left a 'readable' listener on it: no flow for 'data'.
  '/paused/checkout': (req, res) => {
    req.pause();
    setTimeout(() => calls.push(checkout(req, res)), 10);
  },
  '/readable/checkout': (req, res) => {
    req.on('readable', () => {});
    calls.push(checkout(req, res));
  },
};

function serve(req: IncomingMessage, res: ServerResponse) {
  const step = before[req.url ?? ''];
  if (step) return step(req, res);
  const route = routes[req.url ?? ''];
  if (route) calls.push(route(req, res));
  else app(req, res);
}

let server: Server;
let base: string;
let port: number;
let tlsServer: Server;
let tlsPort: number;
let cert: string;

beforeAll(async () => {
  server = createServer(serve);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  // A self-signed certificate for 127.0.0.1, made for this run.
  const dir = mkdtempSync(join(tmpdir(), 'flitt-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1'],
        ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const key = readFileSync(join(dir, 'key.pem'), 'utf8');
    tlsServer = createTlsServer({ key, cert }, serve);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  tlsServer.listen(0, '127.0.0.1');
  await once(tlsServer, 'listening');
  tlsPort = (tlsServer.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const s of [server, tlsServer]) {
    s?.closeAllConnections();
    await new Promise((resolve) => s?.close(resolve));
  }
  sandbox.close();
});

interface Answer {
  status: number;
  text: string;
  headers: Record<string, unknown>;
}

/** One request over http (or https, trusting the test certificate). */
function send(
  path: string,
  { method = 'POST', body, type = 'application/json', tls = false, headers = {} } = {} as {
    method?: string;
    body?: string;
    type?: string;
    tls?: boolean;
    headers?: Record<string, string | string[]>;
  },
) {
  return new Promise<Answer>((resolve, reject) => {
    const options = { method, headers: { 'content-type': type, ...headers } };
    const req = tls
      ? tlsRequest(`https://127.0.0.1:${tlsPort}${path}`, { ...options, ca: cert })
      : request(`${base}${path}`, options);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Raw bytes to the plain server; resolves with what came back once the server closes. */
function raw(text: string) {
  return new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString('utf8');
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer));
    socket.end(text);
  });
}

const ORDER = '{"flow":"embedded","order":{"note":"ქართული ჩაი"}}';

describe('toNodeHandler over TLS', () => {
  it('tells the merchant’s code the https URL, on both paths', async () => {
    seen.length = 0;
    const checkout = await send('/checkout', { body: ORDER, tls: true });
    expect(checkout.status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual([`https://127.0.0.1:${tlsPort}/checkout`]);
    const echoed = JSON.parse((await send('/echo', { method: 'GET', tls: true })).text);
    expect(echoed.url).toBe(`https://127.0.0.1:${tlsPort}/echo`);
    // trustProxy without forwarded headers falls back to the connection's own protocol.
    const proxied = JSON.parse((await send('/proxied/echo', { method: 'GET', tls: true })).text);
    expect(proxied.url).toBe(`https://127.0.0.1:${tlsPort}/proxied/echo`);
  });

  it('says http for a plain connection', async () => {
    const echoed = JSON.parse((await send('/echo', { method: 'GET' })).text);
    expect(echoed.url).toBe(`${base}/echo`);
  });
});

describe('toNodeHandler after other middleware', () => {
  it('answers 400 for a body a middleware already read and dropped, instead of waiting for it', async () => {
    const answer = await send('/swallowed/checkout', { body: ORDER });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('reads a body a middleware decodes as text, on both paths, counting its bytes', async () => {
    seen.length = 0;
    const checkout = await send('/decoded/checkout', { body: ORDER });
    expect(checkout.status, checkout.text).toBe(200);
    expect(seen.map((s) => s.body)).toEqual([ORDER]);
    const echoed = JSON.parse((await send('/decoded/echo', { body: ORDER })).text);
    expect(echoed.body).toBe(ORDER);
    // 30 000 Georgian letters are 90 000 bytes: over the 64 KiB limit, though 30 000 characters.
    const wide = await send('/decoded/checkout', {
      body: JSON.stringify({ flow: 'embedded', order: { note: 'ჩ'.repeat(30_000) } }),
      headers: { 'transfer-encoding': 'chunked' },
    });
    expect(wide.status).toBe(413);
  });

  it('reads a signed payment return that express.raw kept as bytes', async () => {
    const order = { order_id: 'raw-1', merchant_id: '1549901', order_status: 'approved' };
    const form = new URLSearchParams({ ...order, signature: await createSignature(order, 'test') });
    const answer = await send('/raw/return', {
      body: form.toString(),
      type: 'application/x-www-form-urlencoded',
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/result?order_id=raw-1');
  });

  it('refuses a body Express parsed by its bytes over 64 KiB, as it refuses one it reads', async () => {
    /** The order JSON of exactly `size` bytes, padded with `letter` (as Express re-encodes it). */
    const sized = (size: number, letter: string) => {
      const head = '{"flow":"embedded","order":{},"pad":"';
      const room = size - Buffer.byteLength(head) - 2;
      const pad = letter.repeat(Math.floor(room / Buffer.byteLength(letter)));
      return `${head}${pad}${'x'.repeat(room - Buffer.byteLength(pad))}"}`;
    };
    const status = async (body: string) => (await send('/roomy/checkout', { body })).status;
    expect(await status(sized(64 * 1024, 'x'))).toBe(200);
    expect(await status(sized(64 * 1024 + 1, 'x'))).toBe(413);
    // 70 000 bytes, 23 000-odd characters: counted as bytes.
    expect(await status(sized(70_000, 'ჩ'))).toBe(413);
  });

  it('gives resolveOrder a body Express parsed, re-encoded, without the client’s old length', async () => {
    seen.length = 0;
    const padded = '{ "flow": "embedded", "order": { "note": "tea" } }';
    expect((await send('/parsed/checkout', { body: padded })).status).toBe(200);
    expect(seen.map(({ body, length }) => ({ body, length }))).toEqual([
      { body: '{"flow":"embedded","order":{"note":"tea"}}', length: null },
    ]);
  });
});

describe('toNodeHandler and a client that leaves', () => {
  it('aborts the signal resolveOrder sees when the client leaves before the answer', async () => {
    waitForAbort = true;
    const fired = new Promise<void>((resolve) => {
      aborted = resolve;
    });
    const req = request(`${base}/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    req.on('error', () => {});
    req.end(ORDER);
    await new Promise((resolve) => setTimeout(resolve, 100));
    req.destroy();
    await fired;
    waitForAbort = false;
    expect(seen.at(-1)?.request.signal.aborted).toBe(true);
  });

  it('leaves the signal of a request answered normally alone, on both paths', async () => {
    seen.length = 0;
    webRequests.length = 0;
    await send('/checkout', { body: ORDER });
    await send('/echo', { body: 'x' });
    // The answers are flushed and their responses closed by now.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.map((s) => s.request.signal.aborted)).toEqual([false]);
    expect(webRequests.map((r) => r.signal.aborted)).toEqual([false]);
  });

  it('settles the handler when the client leaves in the middle of the body', async () => {
    expect(await leaveMidBody('/checkout')).toBe('settled');
    expect(calls).toHaveLength(1);
  });
});

/**
 * Sends 8 of a declared 10,000 body bytes to `path` and leaves; once the handler was called,
 * whether its call settled within 2 s.
 */
async function leaveMidBody(path: string): Promise<unknown> {
  calls.length = 0;
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"flow":`,
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.destroy();
  await expect.poll(() => calls.length).toBe(1);
  return Promise.race([
    Promise.all(calls).then(() => 'settled'),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000)),
  ]);
}

describe('toNodeHandler after a step that holds the request', () => {
  it('settles the handler when the client left before the body was read', async () => {
    expect(await leaveMidBody('/late/checkout')).toBe('settled');
  });

  it('reads a body a step paused or left a readable listener on', async () => {
    for (const path of ['/paused/checkout', '/readable/checkout']) {
      seen.length = 0;
      const answer = await send(path, { body: ORDER });
      expect(answer.status, `${path}: ${answer.text}`).toBe(200);
      expect(seen.map((s) => s.body)).toEqual([ORDER]);
    }
  });

  it('refuses a paused chunked body over 64 KiB with 413 and closes the connection', async () => {
    const answer = await send('/paused/checkout', {
      body: JSON.stringify({ flow: 'embedded', order: { note: 'x'.repeat(70_000) } }),
      headers: { 'transfer-encoding': 'chunked' },
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
  });
});

describe('toNodeHandler and the request line and headers', () => {
  it('gives a Web handler every value of a repeated header as Node received them', async () => {
    const echoed = JSON.parse(
      (
        await send('/echo', {
          body: 'x',
          headers: {
            cookie: ['a=1', 'b=2'],
            'x-tag': ['one', 'two'],
            'set-cookie': ['c=3', 'd=4'],
          },
        })
      ).text,
    );
    expect(echoed).toMatchObject({
      cookie: 'a=1; b=2',
      tag: 'one, two',
      setCookie: ['c=3', 'd=4'],
    });
  });

  it('answers a HEAD request to a Web handler', async () => {
    const answer = await send('/echo', { method: 'HEAD' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
  });

  it('names localhost for a request without a Host header (HTTP/1.0)', async () => {
    const answer = await raw('GET /echo HTTP/1.0\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"url":"http://localhost/echo"');
  });

  it('answers 500 when the merchant’s answer fails while it is read, never a broken 200', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args[0]);
    try {
      const answer = await send('/failing', { method: 'GET' });
      expect(answer).toMatchObject({ status: 500, text: 'Internal error' });
    } finally {
      console.error = original;
    }
    expect(errors).toEqual(['[flitt-checkout] handler failed']);
  });
});
