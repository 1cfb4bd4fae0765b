import { createSignature } from '@flitt-checkout/core';
import { createSandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFlittClient } from './createFlittClient.ts';
import { createFlittHandlers, type FlittHandlersOptions } from './createFlittHandlers.ts';
import type { FlittEvent } from './events.ts';

const SHOP = 'https://shop.example';
const CALLBACK = `${SHOP}/api/flitt/callback`;
let handlers: ReturnType<typeof createFlittHandlers>;
const sandbox = createSandbox({
  baseUrl: 'https://pay.flitt.com',
  callbackTimeScale: 0.0001,
  fetch: async (input, init) => handlers.callback(new Request(input, init)),
});
const server = setupServer(...sandboxHandlers(sandbox));
const logger = { warn: vi.fn(), error: vi.fn() };
const events: FlittEvent[] = [];

function setup(overrides: Partial<FlittHandlersOptions> = {}) {
  handlers = createFlittHandlers({
    client: createFlittClient({ merchantId: 1549901, secretKey: 'test', retryDelayMs: 1 }),
    resolveOrder: () => ({ amount: 3000, currency: 'GEL', order_desc: 'Tea', delayed: 'N' }),
    onEvent: (event) => {
      events.push(event);
    },
    callbackUrl: CALLBACK,
    resultUrl: '/result',
    logger,
    ...overrides,
  });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  sandbox.control.reset();
  events.length = 0;
  vi.clearAllMocks();
});
afterAll(() => {
  server.close();
  sandbox.close();
});

/** A paid order made through the handler, so it carries what createFlittHandlers sends. */
async function paidOrder(): Promise<string> {
  const res = await handlers.createCheckout(
    new Request(`${SHOP}/api/flitt/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ flow: 'embedded', order: { cart: 1 } }),
    }),
  );
  const { orderId, token } = (await res.json()) as { orderId: string; token: string };
  await sandbox.control.pay(token);
  await sandbox.control.callbacksIdle();
  events.length = 0;
  return orderId;
}

const chargebacks = () => events.filter((e) => e.type === 'payment.chargeback');

describe('chargeback notices', () => {
  it('sends chargeback_callback_url (default callbackUrl) and delivers payment.chargeback once', async () => {
    setup();
    const orderId = await paidOrder();
    await sandbox.control.chargeback(orderId, 700);
    await sandbox.control.callbacksIdle();
    // Flitt's copy of the same notice is the same event.
    await sandbox.control.redeliver(orderId);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'payment.chargeback',
        orderId,
        amount: 3000,
        currency: 'GEL',
        chargebackAmount: 700,
        order: expect.objectContaining({ order_id: orderId, order_status: 'approved' }),
      }),
    ]);
    expect(
      sandbox.control
        .callbacks()
        .slice(-2)
        .map((a) => [a.url, a.status]),
    ).toEqual([
      [CALLBACK, 200],
      [CALLBACK, 200],
    ]);
  });

  it('delivers a second chargeback of the same order as a new event', async () => {
    setup();
    const orderId = await paidOrder();
    await sandbox.control.chargeback(orderId, 1000);
    await sandbox.control.chargeback(orderId, 2000);
    await sandbox.control.callbacksIdle();
    expect(chargebacks().map((e) => 'chargebackAmount' in e && e.chargebackAmount)).toEqual([
      1000, 2000,
    ]);
    expect(new Set(chargebacks().map((e) => e.id)).size).toBe(2);
  });

  it('sends its own chargebackCallbackUrl when given', async () => {
    const url = `${SHOP}/api/flitt/chargebacks`;
    setup({ chargebackCallbackUrl: url });
    const orderId = await paidOrder();
    await sandbox.control.chargeback(orderId);
    await sandbox.control.callbacksIdle();
    expect(sandbox.control.callbacks().at(-1)).toMatchObject({ url, status: 200 });
    expect(chargebacks()).toEqual([expect.objectContaining({ chargebackAmount: 3000 })]);
  });

  it('refuses a notice whose amount exceeds the order Flitt confirms, or signed with another key', async () => {
    setup();
    const orderId = await paidOrder();
    const notice = await sandbox.control.chargeback(orderId, 100);
    await sandbox.control.callbacksIdle();
    events.length = 0;
    const { signature: _s, response_signature_string: _m, ...fields } = notice;
    const post = async (body: Record<string, unknown>, key: string) =>
      handlers.callback(
        new Request(CALLBACK, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...body, signature: await createSignature(body, key) }),
        }),
      );
    const bigger = { ...fields, chargeback_amount: '3001', chargeback_id: 'x' };
    expect((await post(bigger, 'test')).status).toBe(400);
    expect((await post({ ...fields, chargeback_id: 'y' }, 'wrong')).status).toBe(400);
    expect(events).toEqual([]);
  });
});
