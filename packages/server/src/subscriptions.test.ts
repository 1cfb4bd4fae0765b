import { FlittValidationError, type RecurringData } from '@flitt-checkout/core';
import { createSandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFlittClient } from './createFlittClient.ts';
import { createFlittHandlers, type FlittHandlersOptions } from './createFlittHandlers.ts';
import type { FlittEvent } from './events.ts';

// Subscriptions through the real handlers and the sandbox behind msw: the sandbox's clock makes
// the charges, its callbacks go straight into the callback handler.
const SHOP = 'https://shop.example';
const DAY = 86_400;
const sandbox = createSandbox({
  baseUrl: 'https://pay.flitt.com',
  callbackTimeScale: 0.0001,
  now: () => Date.UTC(2026, 2, 1, 9),
  fetch: async (input, init) => handlers.callback(new Request(input, init)),
});
const server = setupServer(...sandboxHandlers(sandbox));
const logger = { warn: vi.fn(), error: vi.fn() };
const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', retryDelayMs: 1 });
const events: FlittEvent[] = [];

const PLANS: Record<string, Partial<RecurringData>> = {
  monthly: { every: 1, period: 'month', amount: 990 },
  trial: { every: 1, period: 'month', amount: 990, trial_period: 'day', trial_quantity: 14 },
  yearly: { every: 1, period: 'year' as 'month', amount: 990 },
};

const options: FlittHandlersOptions = {
  client,
  resolveOrder: ({ order }) => ({
    amount: 990,
    currency: 'GEL',
    order_desc: 'Tea club',
    subscription: 'Y',
    recurring_data: PLANS[String(order)] as RecurringData,
  }),
  onEvent: (event) => {
    events.push(event);
  },
  callbackUrl: `${SHOP}/api/flitt/callback`,
  subscriptionCallbackUrl: `${SHOP}/api/flitt/subscriptions`,
  resultUrl: '/checkout/result',
  logger,
};
const handlers = createFlittHandlers(options);

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

/** Subscribes through the create-checkout handler and pays the first payment with `card`. */
async function subscribe(plan: string, card = '4444555511116666') {
  const response = await handlers.createCheckout(
    new Request(`${SHOP}/api/flitt/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ flow: 'embedded', order: plan }),
    }),
  );
  const created = (await response.json()) as { orderId: string; token: string };
  expect(response.status).toBe(200);
  await sandbox.control.pay(created.token, card);
  await sandbox.control.callbacksIdle();
  return created.orderId;
}

async function advanceDays(days: number) {
  sandbox.control.advanceClock(days * DAY);
  await sandbox.control.callbacksIdle();
}

const types = () => events.map((e) => e.type);

describe('subscriptions through the server', () => {
  it('delivers each monthly charge once as subscription.charged, linked to the first order', async () => {
    const first = await subscribe('monthly');
    expect(types()).toEqual(['payment.approved']);
    await advanceDays(31);
    await advanceDays(30);
    const charges = events.slice(1);
    expect(charges).toEqual([
      expect.objectContaining({
        type: 'subscription.charged',
        orderId: `${first}-1`,
        parentOrderId: first,
        amount: 990,
        currency: 'GEL',
      }),
      expect.objectContaining({ type: 'subscription.charged', orderId: `${first}-2` }),
    ]);
    // Flitt sends it again (a retry, a duplicate): answered 200, not delivered twice.
    expect((await sandbox.control.redeliver(`${first}-1`)).status).toBe(200);
    expect(events).toHaveLength(3);
    const urls = sandbox.control.callbacks().map((c) => c.url);
    expect(urls).toEqual([
      `${SHOP}/api/flitt/callback`,
      `${SHOP}/api/flitt/subscriptions`,
      `${SHOP}/api/flitt/subscriptions`,
      `${SHOP}/api/flitt/subscriptions`,
    ]);
  });

  it('turns a declined charge into subscription.charge_declined with its code', async () => {
    const first = await subscribe('monthly', '4000001099000002');
    await advanceDays(31);
    expect(events.at(-1)).toMatchObject({
      type: 'subscription.charge_declined',
      parentOrderId: first,
      responseCode: 1037,
    });
  });

  it('stop ends the charges and start resumes them, as the signed replies say', async () => {
    const first = await subscribe('monthly');
    await expect(client.subscription(first, 'stop')).resolves.toEqual({
      orderId: first,
      status: 'disabled',
    });
    await advanceDays(62);
    expect(types()).toEqual(['payment.approved']);
    await expect(client.subscription(first, 'start')).resolves.toEqual({
      orderId: first,
      status: 'active',
    });
    await advanceDays(31);
    expect(types()).toEqual(['payment.approved', 'subscription.charged']);
    expect(events[1]?.orderId).toBe(`${first}-1`);
  });

  it('holds the first charge back for the trial', async () => {
    await subscribe('trial');
    await advanceDays(13);
    expect(types()).toEqual(['payment.approved']);
    await advanceDays(1);
    expect(types()).toEqual(['payment.approved', 'subscription.charged']);
  });

  it('refuses a bad plan before anything is sent, naming the field', async () => {
    const response = await handlers.createCheckout(
      new Request(`${SHOP}/api/flitt/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flow: 'embedded', order: 'yearly' }),
      }),
    );
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_order' } });
    expect(logger.error).toHaveBeenCalledWith(
      expect.any(String),
      expect.stringContaining('recurring_data.period'),
    );
    const refused = await client
      .createCheckoutToken({
        order_id: 'plan-1',
        order_desc: 'Tea club',
        amount: 990,
        currency: 'GEL',
        subscription: 'Y',
        recurring_data: { every: 0, period: 'month', amount: 990 },
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(FlittValidationError);
    expect((refused as FlittValidationError).issues.map((i) => i.param)).toEqual([
      'recurring_data.every',
    ]);
    expect(sandbox.control.orders()).toEqual([]);
  });

  it('checks subscription() input and maps unknown orders to Flitt’s 1018', async () => {
    const bad = await client
      .subscription('o-1', 'pause' as 'stop')
      .catch((error: unknown) => error);
    expect((bad as FlittValidationError).issues).toEqual([
      expect.objectContaining({ param: 'action', flittCode: 1007 }),
    ]);
    await expect(client.subscription('', 'stop')).rejects.toThrow(/order_id/);
    await expect(client.subscription('nobody', 'stop')).rejects.toMatchObject({ flittCode: 1018 });
  });

  describe('the merchant endpoint', () => {
    const action = (
      target: ReturnType<typeof createFlittHandlers>,
      body: unknown,
      headers: Record<string, string> = {},
    ) =>
      target.subscription(
        new Request(`${SHOP}/api/flitt/subscription`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        }),
      );
    // The shop's rule: only the payer who owns the subscription (here, a bearer token) may.
    const owned = createFlittHandlers({
      ...options,
      authorizeSubscription: (request) => request.headers.get('authorization') === 'Bearer payer-1',
    });

    it('refuses everyone with 403 when the shop did not say who may', async () => {
      const first = await subscribe('monthly');
      const refused = await action(handlers, { orderId: first, action: 'stop' });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
      await advanceDays(31);
      expect(types()).toEqual(['payment.approved', 'subscription.charged']);
    });

    it('stops a subscription for whom authorizeSubscription allows, and no one else', async () => {
      const first = await subscribe('monthly');
      expect(
        (await action(owned, { orderId: first, action: 'stop' }, { authorization: 'Bearer x' }))
          .status,
      ).toBe(403);
      const stopped = await action(
        owned,
        { orderId: first, action: 'stop' },
        { authorization: 'Bearer payer-1' },
      );
      expect(stopped.status).toBe(200);
      expect(await stopped.json()).toEqual({ orderId: first, status: 'disabled' });
      await advanceDays(31);
      // The refused request told onEvent nothing; the stop did, once, with Flitt's status.
      expect(types()).toEqual(['payment.approved', 'subscription.stopped']);
      expect(events[1]).toMatchObject({ orderId: first, status: 'disabled' });
    });

    it('tells onEvent of each stop and start Flitt confirmed, and charges resume after a start', async () => {
      const first = await subscribe('monthly');
      const auth = { authorization: 'Bearer payer-1' };
      expect((await action(owned, { orderId: first, action: 'stop' }, auth)).status).toBe(200);
      // A second stop (a double click, a retry) is confirmed again by Flitt: a second event with
      // the same status, under its own id.
      expect((await action(owned, { orderId: first, action: 'stop' }, auth)).status).toBe(200);
      const started = await action(owned, { orderId: first, action: 'start' }, auth);
      expect(await started.json()).toEqual({ orderId: first, status: 'active' });
      await advanceDays(31);
      expect(events.slice(1).map((e) => [e.type, 'status' in e ? e.status : null])).toEqual([
        ['subscription.stopped', 'disabled'],
        ['subscription.stopped', 'disabled'],
        ['subscription.started', 'active'],
        ['subscription.charged', null],
      ]);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      // Unknown orders and refusals reach Flitt or not, but never onEvent.
      await action(owned, { orderId: 'nobody', action: 'stop' }, auth);
      await action(owned, { orderId: first, action: 'stop' }, { authorization: 'Bearer x' });
      expect(events).toHaveLength(5);
    });

    it('finishes a stop the payer left in the middle of, and still tells onEvent', async () => {
      const first = await subscribe('monthly');
      const payer = new AbortController();
      sandbox.control.setLatency(80);
      const pending = owned.subscription(
        new Request(`${SHOP}/api/flitt/subscription`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer payer-1' },
          body: JSON.stringify({ orderId: first, action: 'stop' }),
          signal: payer.signal,
        }),
      );
      setTimeout(() => payer.abort(), 20);
      // Cut off, the call might have stopped the charges at Flitt without onEvent hearing of it.
      expect((await pending).status).toBe(200);
      expect(payer.signal.aborted).toBe(true);
      sandbox.control.setLatency(0);
      expect(types()).toEqual(['payment.approved', 'subscription.stopped']);
      await advanceDays(31);
      expect(types()).toEqual(['payment.approved', 'subscription.stopped']);
    });

    it('asks the payer to try again when onEvent fails to record a stop, and the retry records it', async () => {
      const first = await subscribe('monthly');
      let failures = 1;
      const recorded: string[] = [];
      const flaky = createFlittHandlers({
        ...options,
        authorizeSubscription: () => true,
        onEvent: (event) => {
          if (event.type !== 'subscription.stopped') return;
          if (failures-- > 0) throw new Error('database down');
          recorded.push(event.status);
        },
      });
      const failed = await action(flaky, { orderId: first, action: 'stop' });
      expect(failed.status).toBe(500);
      const body = (await failed.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('server_error');
      expect(body.error.message).toMatch(/disabled.*send the request again/);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(`onEvent failed for the disabled subscription ${first}`),
        expect.objectContaining({ message: 'database down' }),
      );
      // Flitt stopped it all the same: no charge comes, and the retry is recorded.
      expect((await action(flaky, { orderId: first, action: 'stop' })).status).toBe(200);
      expect(recorded).toEqual(['disabled']);
      await advanceDays(31);
      expect(types()).toEqual(['payment.approved']);
    });

    it('answers bad requests and unknown orders without calling Flitt for the former', async () => {
      const auth = { authorization: 'Bearer payer-1' };
      expect((await action(owned, { orderId: 'o-1', action: 'pause' }, auth)).status).toBe(400);
      expect((await action(owned, { action: 'stop' }, auth)).status).toBe(400);
      // An order id the client refuses (a lone surrogate) is the browser's mistake: 400, not 500.
      const surrogate = await action(owned, { orderId: 'o-\uD800', action: 'stop' }, auth);
      expect(surrogate.status).toBe(400);
      expect(await surrogate.json()).toMatchObject({ error: { code: 'invalid_request' } });
      const unknown = await action(owned, { orderId: 'nobody', action: 'stop' }, auth);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: 'order_not_found' } });
      const form = await owned.subscription(
        new Request(`${SHOP}/api/flitt/subscription`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth },
          body: 'orderId=o-1&action=stop',
        }),
      );
      expect(form.status).toBe(415);
      expect((await owned.subscription(new Request(`${SHOP}/x`))).status).toBe(405);
    });
  });
});
