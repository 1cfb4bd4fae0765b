// The demo shop, as `npm start` runs it against the sandbox, passes `flitt-checkout doctor`: the
// doctor's checks hold a real integration, not only the handlers it was written beside.
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopServer } from '../../examples/shop/server/shop.ts';
import { runDoctor } from '../../packages/server/src/doctor/runDoctor.ts';

let sandbox: RunningSandbox;
let shop: Awaited<ReturnType<typeof createShopServer>>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: () => {} });
  shop = await createShopServer({
    port: 0,
    flitt: { mode: 'sandbox', baseUrl: sandbox.url, testCards: [] },
    log: () => {},
  });
});

afterAll(async () => {
  await shop?.close();
  await sandbox?.stop();
});

describe('flitt-checkout doctor on the demo shop', () => {
  it('finds the credentials, the callback and the return route right (plain http is fine locally)', async () => {
    const report = await runDoctor({
      merchantId: 1549901,
      secretKey: 'test',
      baseUrl: sandbox.url,
      callbackUrl: `${shop.url}/api/flitt/callback`,
      returnUrl: `${shop.url}/api/flitt/return`,
      timeoutMs: 10_000,
    });
    expect(report.findings.map((f) => [f.id, f.severity])).toEqual([
      ['credentials.valid', 'ok'],
      ['callback.http', 'info'],
      ['callback.forged_rejected', 'ok'],
      ['callback.genuine_accepted', 'ok'],
      ['return.http', 'info'],
      ['return.reachable', 'ok'],
    ]);
    expect(report.exitCode).toBe(0);
  });
});
