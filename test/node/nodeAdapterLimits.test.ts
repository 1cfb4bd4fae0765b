// toNodeHandler at its limits: a body of exactly 64 KiB is read and one byte more refused, on
// both of its paths; after a 413 the client reads the whole answer and a sender that never stops
// is cut off; and the URL the merchant's code sees names the forwarded host and protocol only
// when trustProxy says a proxy sets them.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { createSandbox } from '@flitt-checkout/sandbox';
import { createFlittClient, createFlittHandlers } from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const KIB64 = 64 * 1024;
const sandbox = createSandbox();
const seenUrls: string[] = [];
const handlers = createFlittHandlers({
  client: createFlittClient({
    merchantId: 1549901,
    secretKey: 'test',
    baseUrl: sandbox.baseUrl,
    fetch: (input, init) => sandbox.handle(new Request(input, init)),
  }),
  resolveOrder: ({ request }) => {
    seenUrls.push(request.url);
    return { amount: 700, currency: 'GEL', order_desc: 'Tea' };
  },
  resultUrl: '/result',
  logger: { warn: () => {}, error: () => {} },
});
/** A plain Web handler (not from createFlittHandlers): served through the Web Request path. */
const echoUrl = async (request: Request) => new Response(request.url);

let server: Server;
let port: number;

beforeAll(async () => {
  const routes: Record<string, ReturnType<typeof toNodeHandler>> = {
    '/checkout': toNodeHandler(handlers.createCheckout),
    '/proxied/checkout': toNodeHandler(handlers.createCheckout, { trustProxy: true }),
    '/echo': toNodeHandler(echoUrl),
    '/proxied/echo': toNodeHandler(echoUrl, { trustProxy: true }),
  };
  server = createServer((req, res) => routes[req.url ?? '']?.(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  sandbox.close();
});

/** A create-checkout body of exactly `size` bytes (padded inside a JSON string). */
function bodyOf(size: number): string {
  const head = '{"flow":"embedded","order":{},"pad":"';
  return `${head}${'x'.repeat(size - head.length - 2)}"}`;
}

/** Sends `body` to `path`, with a content-length or chunked (in 16 KiB pieces). */
async function send(path: string, body: string, chunked: boolean) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(chunked
      ? {
          body: new ReadableStream({
            start(controller) {
              for (let i = 0; i < body.length; i += 16 * 1024)
                controller.enqueue(new TextEncoder().encode(body.slice(i, i + 16 * 1024)));
              controller.close();
            },
          }),
          duplex: 'half',
        }
      : { body }),
  } as RequestInit);
  return { status: res.status, text: await res.text() };
}

/** A small create-checkout request, to see whether a connection still serves one. */
const NEXT = `POST /checkout HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 30\r\n\r\n{"flow":"embedded","order":{}}`;

/**
 * Over a raw socket: headers claiming `claimed` bytes, then `sent` bytes of body as fast as the
 * server takes them, then (with `next`) a second request on the same connection, then silence.
 * Resolves when the server closes the connection, or once it has sent `answers` whole answers
 * (or after 8 s), with what it answered, how much of the body it took, whether it reset the
 * connection, and when it closed.
 */
function rawPost(claimed: number, sent: number, { next = false, answers = Infinity } = {}) {
  return new Promise<{ answer: string; written: number; reset: boolean; closedAfter: number }>(
    (resolve) => {
      const socket = connect(port, '127.0.0.1');
      const started = Date.now();
      let answer = '';
      let written = 0;
      let reset = false;
      let closed = false;
      const done = () => resolve({ answer, written, reset, closedAfter: Date.now() - started });
      const timer = setTimeout(() => socket.destroy(), 8000);
      socket.on('data', (data) => {
        answer += data.toString('latin1');
        if (statuses(answer).length >= answers && lastIsWhole(answer)) socket.destroy();
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNRESET' || error.code === 'EPIPE') reset = true;
      });
      socket.on('close', () => {
        closed = true;
        clearTimeout(timer);
        done();
      });
      socket.write(
        `POST /checkout HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${claimed}\r\n\r\n`,
      );
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!closed && written < sent) {
          const piece = chunk.subarray(0, Math.min(chunk.length, sent - written));
          written += piece.length;
          if (!socket.write(piece)) return void socket.once('drain', pump);
        }
        if (next && !closed) socket.write(NEXT);
      };
      pump();
    },
  );
}

/**
 * Whether the last answer in a raw stream has all of its body: a chunked one at its empty last
 * chunk, one with a content-length once that many bytes follow its headers.
 */
function lastIsWhole(raw: string): boolean {
  const last = raw.slice(raw.lastIndexOf('HTTP/1.1 '));
  const end = last.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length: (\d+)\r\n/i.exec(last.slice(0, end + 2));
  return length
    ? Buffer.byteLength(last.slice(end + 4), 'latin1') >= Number(length[1])
    : last.endsWith('\r\n0\r\n\r\n');
}

/** The status lines a raw answer holds, in order. */
const statuses = (answer: string) =>
  [...answer.matchAll(/^HTTP\/1\.1 (\d{3}) /gm)].map((m) => m[1]);

describe('toNodeHandler at the 64 KiB body limit', () => {
  it.each([
    ['with a content-length', false],
    ['chunked', true],
  ])('reads a body of exactly 64 KiB and refuses one byte more (%s)', async (_, chunked) => {
    const fits = await send('/checkout', bodyOf(KIB64), chunked);
    expect(fits.status, fits.text).toBe(200);
    expect(JSON.parse(fits.text)).toMatchObject({ token: expect.any(String) });
    const over = await send('/checkout', bodyOf(KIB64 + 1), chunked);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.text)).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it.each([
    ['with a content-length', false],
    ['chunked', true],
  ])('does the same for the Web handler itself (%s)', async (_, chunked) => {
    const request = (size: number) => {
      const bytes = new TextEncoder().encode(bodyOf(size));
      return new Request('https://shop.example/api/flitt/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunked
          ? new ReadableStream({
              start(controller) {
                // Uneven pieces: the body is put back together in order.
                for (let i = 0; i < bytes.length; i += 10_000)
                  controller.enqueue(bytes.slice(i, i + 10_000));
                controller.close();
              },
            })
          : bytes,
        duplex: 'half',
      } as RequestInit);
    };
    const fits = await handlers.createCheckout(request(KIB64));
    expect(fits.status).toBe(200);
    expect(await fits.json()).toMatchObject({ token: expect.any(String) });
    expect((await handlers.createCheckout(request(KIB64 + 1))).status).toBe(413);
  });
});

describe('toNodeHandler framing', () => {
  /** A Georgian payer's create-checkout POST: the answer's status, headers and bytes. */
  const georgianPost = async (body: string) => {
    const res = await fetch(`http://127.0.0.1:${port}/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'ka' },
      body,
    });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  it('sends a read request its answer with a content-length, not chunked', async () => {
    const { res, bytes } = await georgianPost('{"flow":"embedded","order":{}}');
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expect(JSON.parse(new TextDecoder().decode(bytes))).toMatchObject({
      token: expect.any(String),
    });
    // A refusal in Georgian: its length counts bytes, not characters.
    const refused = await georgianPost('[]');
    expect(refused.res.status).toBe(400);
    expect(new TextDecoder().decode(refused.bytes)).toMatch(/[\u10d0-\u10ff]/);
    expect(Number(refused.res.headers.get('content-length'))).toBe(refused.bytes.length);
  });
});

describe('toNodeHandler after a 413', () => {
  it.each([
    ['256 KiB', 256 * 1024],
    ['exactly 1 MiB', 1024 * 1024],
  ])(
    'reads and drops a declared rest of %s, so the client reads its 413 and the connection serves the next request',
    async (_, size) => {
      const result = await rawPost(size, size, { next: true, answers: 2 });
      expect(statuses(result.answer)).toEqual(['413', '200']);
      expect(result.answer).toContain('payload_too_large');
      expect(result.answer).not.toMatch(/connection: close/i);
      expect(result.reset).toBe(false);
    },
  );

  it('answers a body declared over 64 KiB at once, before the client sends it', async () => {
    // Like a client waiting for `100 Continue`: nothing of the body is sent until it hears back.
    const result = await rawPost(100 * 1024, 0, { answers: 1 });
    expect(statuses(result.answer)).toEqual(['413']);
    expect(result.closedAfter).toBeLessThan(1500);
  });

  it('closes at once the connection of a rest declared over 1 MiB, without reading it', async () => {
    const result = await rawPost(1024 * 1024 + 1, 128 * 1024, { next: true });
    expect(statuses(result.answer)).toEqual(['413']);
    expect(result.answer).toMatch(/connection: close/i);
    expect(result.closedAfter).toBeLessThan(1500);
  });

  it('cuts off a client that stops sending the rest, after 2 s', async () => {
    const result = await rawPost(512 * 1024, 128 * 1024);
    expect(statuses(result.answer)).toEqual(['413']);
    expect(result.closedAfter).toBeGreaterThanOrEqual(1900);
    // Node itself would close the idle connection only after its keep-alive timeout (5 s).
    expect(result.closedAfter).toBeLessThan(4500);
  });

  it('cuts off a sender that goes on past 1 MiB instead of reading all it sends', async () => {
    const result = await rawPost(512 * 1024 * 1024, 512 * 1024 * 1024);
    expect(statuses(result.answer)).toEqual(['413']);
    expect(result.written).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('toNodeHandler and X-Forwarded-*', () => {
  const forwarded = { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'https' };

  it('ignores forwarded headers by default: anyone can send them', async () => {
    seenUrls.length = 0;
    await fetch(`http://127.0.0.1:${port}/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...forwarded },
      body: '{"flow":"embedded","order":{}}',
    });
    expect(seenUrls).toEqual([`http://127.0.0.1:${port}/checkout`]);
    const echo = await fetch(`http://127.0.0.1:${port}/echo`, { headers: forwarded });
    expect(await echo.text()).toBe(`http://127.0.0.1:${port}/echo`);
  });

  it('uses them with trustProxy, behind the merchant’s own proxy', async () => {
    seenUrls.length = 0;
    await fetch(`http://127.0.0.1:${port}/proxied/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...forwarded },
      body: '{"flow":"embedded","order":{}}',
    });
    expect(seenUrls).toEqual(['https://shop.example/proxied/checkout']);
    const echo = await fetch(`http://127.0.0.1:${port}/proxied/echo`, { headers: forwarded });
    expect(await echo.text()).toBe('https://shop.example/proxied/echo');
    // Without the headers, trustProxy falls back to the connection's own.
    const plain = await fetch(`http://127.0.0.1:${port}/proxied/echo`);
    expect(await plain.text()).toBe(`http://127.0.0.1:${port}/proxied/echo`);
  });
});
