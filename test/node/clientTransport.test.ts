// How the client reaches Flitt, against real HTTP servers on 127.0.0.1: node:http with keep-alive
// by default on Node, and never following a redirect from what it takes for Flitt.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFlittClient, FlittError } from '@flitt-checkout/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Server;
let base = '';
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    request.resume();
    response.writeHead(302, { location: `${base}/elsewhere` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the default transport on Node', () => {
  it('is node:http, one kept-alive connection for many calls', async () => {
    let connections = 0;
    const agents: (string | undefined)[] = [];
    const flitt = createServer((request, response) => {
      agents.push(request.headers['user-agent']);
      request.resume();
      response.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
    });
    flitt.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => flitt.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(flitt.address() as AddressInfo).port}`;
    try {
      const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: url });
      const order = { order_id: 'o-1', order_desc: 'Tea', amount: 700, currency: 'GEL' as const };
      for (let i = 0; i < 3; i++)
        await expect(
          client.createCheckoutUrl({ ...order, order_id: `o-${i}` }),
        ).rejects.toMatchObject({
          code: 'http_error',
        });
      expect(agents).toHaveLength(3);
      // fetch (undici) sends a user-agent; node:http sends none.
      expect(agents.every((agent) => agent === undefined)).toBe(true);
      expect(connections).toBe(1);
    } finally {
      flitt.closeAllConnections();
      await new Promise((resolve) => flitt.close(resolve));
    }
  });
});

describe('a reply that arrives in pieces', () => {
  it('is read whole, a character split between two chunks included', async () => {
    // Flitt's refusal in Georgian, written in two chunks that cut "ა" (3 bytes in UTF-8) in two.
    const message = 'შეკვეთა უკვე არსებობს';
    const reply = Buffer.from(
      JSON.stringify({
        response: { response_status: 'failure', error_code: 1013, error_message: message },
      }),
    );
    const cut = reply.indexOf(Buffer.from('ა')) + 1;
    const flitt = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(reply.subarray(0, cut));
      setTimeout(() => response.end(reply.subarray(cut)), 20);
    });
    await new Promise<void>((resolve) => flitt.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(flitt.address() as AddressInfo).port}`;
    try {
      const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: url });
      const order = { order_id: 'o-1', order_desc: 'Tea', amount: 700, currency: 'GEL' as const };
      await expect(client.createCheckoutUrl(order)).rejects.toMatchObject({
        flittCode: 1013,
        message: expect.stringContaining(message),
      });
    } finally {
      flitt.closeAllConnections();
      await new Promise((resolve) => flitt.close(resolve));
    }
  });
});

describe('a redirect from Flitt’s address', () => {
  it('is refused by its status and not followed, with a message that names it', async () => {
    const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: base });
    const error = await client.getOrderStatus('o-1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FlittError);
    expect(error).toMatchObject({ code: 'http_error' });
    expect((error as Error).message).toMatch(/redirect \(HTTP 302\), which is not followed/);
    expect(seen.every((line) => !line.includes('/elsewhere'))).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
  });
});
