// toNodeHandler serving a plain Web handler (the merchant's own, or any fetch-style handler): the
// body arrives whole, streamed or as Express parsed it; a complete request keeps its connection
// for the next one, an unread upload ends it after the answer; a handler that throws is a 500.
import { once } from 'node:events';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox } from '@flitt-checkout/sandbox';
import { createFlittClient, createFlittHandlers } from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const sandbox = createSandbox();
const flitt = createFlittHandlers({
  client: createFlittClient({
    merchantId: 1549901,
    secretKey: 'test',
    baseUrl: sandbox.baseUrl,
    fetch: (input, init) => sandbox.handle(new Request(input, init)),
  }),
  resolveOrder: () => ({ amount: 700, currency: 'GEL', order_desc: 'Tea' }),
  resultUrl: '/result',
  logger: { warn: () => {}, error: () => {} },
});

/** Answers what it received: method, body text and the content headers. */
const echo = async (req: Request) =>
  Response.json({
    method: req.method,
    body: req.method === 'GET' || req.method === 'HEAD' ? null : await req.text(),
    type: req.headers.get('content-type'),
    length: req.headers.get('content-length'),
  });

let aborted: (reason: unknown) => void = () => {};
/** Waits until the client goes away, then reports that its request's signal fired. */
const waitForAbort = async (req: Request) => {
  await new Promise<void>((resolve) => req.signal.addEventListener('abort', () => resolve()));
  aborted(req.signal.reason);
  return new Response('too late');
};

let server: Server;
let base: string;
/** Connections the server accepted: a kept one serves the next request without a new one. */
let connections = 0;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  const app = express();
  app.post('/json', express.json(), toNodeHandler(echo));
  app.post('/form', express.urlencoded({ extended: false }), toNodeHandler(echo));
  app.post('/text', express.text(), toNodeHandler(echo));
  app.post('/raw', express.raw({ type: '*/*' }), toNodeHandler(echo));
  const routes: Record<string, ReturnType<typeof toNodeHandler>> = {
    '/echo': toNodeHandler(echo),
    '/ignore': toNodeHandler(async () => new Response('thanks')),
    '/throws': toNodeHandler(async () => {
      throw new Error('merchant bug');
    }),
    '/checkout': toNodeHandler(flitt.createCheckout),
    '/abort': toNodeHandler(waitForAbort),
  };
  server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    return route ? route(req, res) : app(req, res);
  });
  server.on('connection', () => {
    connections++;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  agent.destroy();
  server?.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  sandbox.close();
});

/** One request over the keep-alive agent; `body` as chunks (no content-length) when an array. */
function send(path: string, method: string, body?: string | string[], type = 'text/plain') {
  return new Promise<{ status: number; text: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(`${base}${path}`, {
        method,
        agent,
        headers: {
          'content-type': type,
          ...(typeof body === 'string' ? { 'content-length': Buffer.byteLength(body) } : {}),
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
      });
      req.on('error', reject);
      for (const chunk of typeof body === 'string' ? [body] : (body ?? [])) req.write(chunk);
      req.end();
    },
  );
}

describe('toNodeHandler with a plain Web handler', () => {
  it('streams the body to the handler whole, keeping the client’s content-length', async () => {
    const chunks = Array.from({ length: 20 }, (_, i) => `${i}:${'é'.repeat(5000)}|`);
    const streamed = JSON.parse((await send('/echo', 'POST', chunks)).text);
    expect(streamed).toMatchObject({ method: 'POST', body: chunks.join(''), length: null });
    const sized = JSON.parse((await send('/echo', 'PUT', 'plain body')).text);
    expect(sized).toEqual({ method: 'PUT', body: 'plain body', type: 'text/plain', length: '10' });
    expect(JSON.parse((await send('/echo', 'GET')).text)).toMatchObject({ body: null });
  });

  it.each([
    ['/json', 'application/json', '{"order_id":"a","amount":100}', '{"order_id":"a","amount":100}'],
    [
      '/form',
      'application/x-www-form-urlencoded',
      'order_id=a&amount=100',
      'order_id=a&amount=100',
    ],
    ['/text', 'text/plain', 'just text', 'just text'],
    ['/raw', 'application/octet-stream', 'raw bytes', 'raw bytes'],
  ])(
    'hands on a body Express already parsed at %s, re-encoded without the old length',
    async (path, type, sent, seen) => {
      const padded = path === '/json' ? sent.replace('{', '{ ') : sent;
      const answer = JSON.parse((await send(path, 'POST', padded, type)).text);
      expect(answer).toMatchObject({ body: seen, type });
      // A re-encoded body has its own length (or none): never the client's, which may differ.
      if (path === '/json') expect(answer.length).not.toBe(String(padded.length));
    },
  );

  it('keeps the connection of a complete request for the next one, on both paths', async () => {
    const before = connections;
    const answers = [
      await send('/echo', 'POST', 'a'),
      await send('/checkout', 'POST', '{"flow":"embedded","order":{}}', 'application/json'),
      // Chunked, and without a body at all: complete too.
      await send('/echo', 'POST', ['a', 'b']),
      await send('/checkout', 'POST', ['{"flow":"embedded",', '"order":{}}'], 'application/json'),
      await send('/echo', 'GET'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    for (const answer of answers) expect(answer.headers.connection).not.toBe('close');
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it('reads and drops an ignored upload of a declared size, and keeps the connection', async () => {
    const before = connections;
    const answer = await send('/ignore', 'POST', 'x'.repeat(512 * 1024));
    expect(answer).toMatchObject({ status: 200, text: 'thanks' });
    expect(answer.headers.connection).not.toBe('close');
    expect((await send('/echo', 'POST', 'next')).text).toContain('"body":"next"');
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it('answers a handler that ignores a chunked upload, then ends that connection', async () => {
    const upload = Array.from({ length: 64 }, () => 'x'.repeat(16 * 1024));
    const answer = await send('/ignore', 'POST', upload);
    expect(answer).toMatchObject({ status: 200, text: 'thanks' });
    expect(answer.headers.connection).toBe('close');
  });

  it('passes the handler’s status and headers on', async () => {
    const answer = await send('/echo', 'POST', 'a');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
  });

  it('aborts the request’s signal when the client goes away before the answer', async () => {
    const fired = new Promise((resolve) => {
      aborted = resolve;
    });
    const req = request(`${base}/abort`, { method: 'GET' });
    req.on('error', () => {});
    req.end();
    await new Promise((resolve) => setTimeout(resolve, 50));
    req.destroy();
    expect(await fired).toBeDefined();
  });

  it('answers 500 without details when the handler throws, and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await send('/throws', 'GET');
    expect(answer).toMatchObject({ status: 500, text: 'Internal error' });
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(log).toHaveBeenCalledWith('[flitt-checkout] handler failed', expect.any(Error));
    log.mockRestore();
  });
});
