// The same payment through each runtime the README names (test/node/runtimes/*.test.ts): a
// checkout against the sandbox's HTTP server, a payment through its test controls, the signed
// callback it delivers to the runtime, a forged one refused, and the status route.
import { createSignature } from '@flitt-checkout/core';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeenEvent } from './shop.ts';

/** A shop (test/runtimes/shop.ts) served by one runtime. */
export interface RunningShop {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  stop(): Promise<void>;
}

/**
 * One `describe` for the runtime: `start` serves the shop against the sandbox at `sandboxUrl`
 * (once, before its tests); `more` adds the runtime's own tests, with the running shop.
 */
export function runtimeSuite(
  runtime: string,
  start: (sandboxUrl: string) => Promise<RunningShop>,
  more?: (shop: () => RunningShop) => void,
): void {
  let sandbox: RunningSandbox | undefined;
  let shop: RunningShop | undefined;

  const seen = async () => {
    const answer = await fetch(`${shop?.origin}/test/events`);
    return ((await answer.json()) as { events: SeenEvent[] }).events;
  };

  const callback = (body: unknown) =>
    fetch(`${shop?.origin}/api/flitt/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  let paidOrderId = '';

  describe(`the handlers on ${runtime}`, () => {
    // A runtime's first start in a fresh clone (wrangler bundling the worker, workerd booting)
    // can take well over vitest's 10 s on a busy 2-core machine; the child's own deadline is 60 s.
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0, callbackTimeScale: 0.001 });
      shop = await start(sandbox.url);
    }, 90_000);

    afterAll(async () => {
      await shop?.stop();
      await sandbox?.stop();
    });

    it('creates a redirect checkout, takes the signed callback of its payment once, and answers its status', async () => {
      const { origin } = shop as RunningShop;
      const sandboxUrl = (sandbox as RunningSandbox).url;
      const control = (sandbox as RunningSandbox).control;
      const created = await fetch(`${origin}/api/flitt/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flow: 'redirect', order: { cart: 'c-1' } }),
      });
      const body = (await created.json()) as { orderId: string; checkoutUrl: string };
      expect(created.status, JSON.stringify(body)).toBe(200);
      expect(body.checkoutUrl.startsWith(`${sandboxUrl}/merchants/`)).toBe(true);
      expect(control.order(body.orderId)).toMatchObject({ amount: 900, currency: 'GEL' });
      paidOrderId = body.orderId;

      await control.pay(new URL(body.checkoutUrl).searchParams.get('token') ?? '');
      await control.callbacksIdle();

      const attempts = control.callbacks().filter((c) => c.orderId === body.orderId);
      expect(attempts).toEqual([
        expect.objectContaining({ url: `${origin}/api/flitt/callback`, status: 200 }),
      ]);
      expect(await seen()).toEqual([
        { type: 'payment.approved', orderId: body.orderId, orderStatus: 'approved' },
      ]);
      const status = await fetch(`${origin}/api/flitt/status?order_id=${body.orderId}`);
      expect(await status.json()).toMatchObject({
        orderId: body.orderId,
        status: 'approved',
        amount: 900,
      });
    });

    it('answers an altered or forged callback 400 and a repeated genuine one 200, without a second event', async () => {
      const control = (sandbox as RunningSandbox).control;
      const genuine = control.callbacks().find((c) => c.orderId === paidOrderId)?.body as
        | Record<string, unknown>
        | undefined;
      expect(genuine?.order_status).toBe('approved');
      const altered = await callback({ ...genuine, amount: '1' });
      expect(altered.status).toBe(400);
      // The same, streamed without a content-length (chunked), as some proxies forward it.
      const bytes = new TextEncoder().encode(JSON.stringify({ ...genuine, amount: '1' }));
      const streamed = await fetch(`${shop?.origin}/api/flitt/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(bytes.subarray(0, 10));
            controller.enqueue(bytes.subarray(10));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(400);
      const fields = Object.fromEntries(
        Object.entries(genuine ?? {}).filter(([name]) => name !== 'signature'),
      );
      const order = { ...fields, order_id: 'forged-1' };
      const forged = await callback({ ...order, signature: await createSignature(order, 'guess') });
      expect(forged.status).toBe(400);
      const repeated = await callback(genuine);
      expect(repeated.status).toBe(200);
      expect(await seen()).toHaveLength(1);
    });

    it('sends the payer’s signed return (a form POST) on to the result page, and refuses an altered one', async () => {
      const control = (sandbox as RunningSandbox).control;
      const genuine = control.callbacks().find((c) => c.orderId === paidOrderId)?.body ?? {};
      const form = new URLSearchParams(
        Object.entries(genuine).map(([name, value]) => [name, String(value)]),
      );
      const back = (body: URLSearchParams) =>
        fetch(`${shop?.origin}/api/flitt/return?order_id=${paidOrderId}`, {
          method: 'POST',
          body,
          redirect: 'manual',
        });
      const returned = await back(form);
      expect(returned.status).toBe(303);
      expect(returned.headers.get('location')).toBe(`/checkout/result?order_id=${paidOrderId}`);
      form.set('order_status', 'declined');
      expect((await back(form)).status).toBe(400);
    });

    it('gives up on a Flitt that does not answer within the client’s timeout', async () => {
      const control = (sandbox as RunningSandbox).control;
      control.setLatency(3000);
      try {
        const answer = await fetch(`${shop?.origin}/test/timeout`);
        const { outcome, ms } = (await answer.json()) as { outcome: string; ms: number };
        expect(outcome).toBe('FlittTimeoutError');
        expect(ms).toBeLessThan(2000);
      } finally {
        control.setLatency(0);
      }
    });

    more?.(() => shop as RunningShop);
  });
}
