// The client never follows a redirect from what it takes for Flitt: a real HTTP server on
// 127.0.0.1 answers every call with 302 to a second path, which must never be asked.
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
