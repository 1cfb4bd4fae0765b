// toNodeHandler must not buffer what the handlers refuse: an oversized or endless body is cut off
// at the 64 KiB limit, answered 413, and its connection closed, while normal bodies still work.
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox } from '@flitt-checkout/sandbox';
import { createFlittClient, createFlittHandlers } from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let server: Server;
let url: string;
let received = 0;
const onEvent = vi.fn();

beforeAll(async () => {
  const sandbox = createSandbox();
  const handlers = createFlittHandlers({
    client: createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      baseUrl: sandbox.baseUrl,
      fetch: (input, init) => sandbox.handle(new Request(input, init)),
    }),
    resolveOrder: () => ({ amount: 100, currency: 'GEL', order_desc: 'Test' }),
    onEvent,
    resultUrl: '/result',
    logger: { warn: () => {}, error: () => {} },
  });
  const callback = toNodeHandler(handlers.callback);
  const checkout = toNodeHandler(handlers.createCheckout);
  server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    return (req.url === '/checkout' ? checkout : callback)(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Streams up to `limit` bytes of JSON-ish filler (chunked: no content-length) until answered. */
function postEndless(path: string, limit: number) {
  return new Promise<{ status: number; sent: number; connection: string | undefined }>(
    (resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = request(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        answered = true;
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, sent, connection: res.headers.connection }),
        );
      });
      req.on('error', (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const write = () => {
        while (!answered && sent < limit) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        if (!answered) req.end();
      };
      req.write('{"a":"');
      write();
    },
  );
}

describe('toNodeHandler with large bodies', () => {
  it.each([
    ['/checkout', 413],
    ['/callback', 400], // a callback that cannot be read is simply not from Flitt
  ])(
    '%s answers %i to an endless body long before it ends, and closes the connection',
    async (path, status) => {
      received = 0;
      const result = await postEndless(path, 512 * 1024 * 1024);
      expect(result.status).toBe(status);
      expect(result.connection).toBe('close');
      // The handler stopped at 64 KiB; socket buffers let a little more in, never the 512 MiB.
      expect(received).toBeLessThan(4 * 1024 * 1024);
      expect(result.sent).toBeLessThan(64 * 1024 * 1024);
      expect(onEvent).not.toHaveBeenCalled();
    },
  );

  it('answers 413 from content-length alone, without reading the body', async () => {
    const res = await fetch(`${url}/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(70 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('still reads a normal streamed body: a forged callback is refused as forged, not as too large', async () => {
    const res = await fetch(`${url}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order_id: 'x', merchant_id: 1549901, signature: 'a'.repeat(40) }),
    });
    expect(res.status).toBe(400);
    expect(onEvent).not.toHaveBeenCalled();
  });
});
