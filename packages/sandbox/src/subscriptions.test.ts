import {
  createSignature,
  decodeProtocol2,
  signProtocol2,
  verifyProtocol2,
  verifySignature,
} from '@flitt-checkout/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from './createSandbox.ts';

const KEY = 'test';
const MERCHANT = 1549901;
const DAY = 86_400;
const START = Date.UTC(2026, 0, 31, 12); // 31 January: month steps must clamp to the month's end

const posted: { url: string; body: Record<string, unknown> }[] = [];
let wallClock = START;
const sandbox = createSandbox({
  baseUrl: 'https://pay.flitt.com',
  callbackTimeScale: 0.0001,
  now: () => wallClock,
  fetch: async (input, init) => {
    posted.push({ url: String(input), body: JSON.parse(String(init?.body)) });
    return new Response('OK');
  },
});

afterEach(() => {
  sandbox.control.reset();
  posted.length = 0;
  wallClock = START;
});

async function call(path: string, request: object) {
  const response = await sandbox.handle(
    new Request(`https://pay.flitt.com${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request }),
    }),
  );
  const reply = ((await response.json()) as { response: Record<string, unknown> }).response;
  // A protocol 2.0 request is answered in 2.0.
  return typeof reply.data === 'string' ? decodeProtocol2(reply.data) : reply;
}

/** A protocol 2.0 subscription order, paid with `card`. */
async function subscribe(
  plan: Record<string, unknown>,
  card = '4444555511116666',
  extra: Record<string, unknown> = {},
) {
  const order_id = `sub-${Math.random().toString(36).slice(2)}`;
  const created = await call(
    '/api/checkout/token',
    await signProtocol2(
      {
        order_id,
        merchant_id: MERCHANT,
        order_desc: 'Tea club',
        amount: 1500,
        currency: 'GEL',
        server_callback_url: 'https://shop.example/callback',
        subscription: 'Y',
        recurring_data: { every: 1, period: 'month', amount: 1500, ...plan },
        ...extra,
      },
      KEY,
    ),
  );
  expect(created.response_status).toBe('success');
  await sandbox.control.pay(String(created.token), card);
  await sandbox.control.callbacksIdle();
  posted.length = 0; // the first payment's own callback
  return order_id;
}

/** The orders the charge callbacks carried (2.0 envelopes, checked). */
async function charges() {
  await sandbox.control.callbacksIdle();
  const orders = [];
  for (const { body } of posted) {
    const envelope = body.response as { version: '2.0'; data: string; signature: string };
    expect(await verifyProtocol2(envelope, KEY)).toBe(true);
    orders.push(decodeProtocol2(envelope.data));
  }
  posted.length = 0;
  return orders;
}

async function subscriptionAction(order_id: string, action: string) {
  const params = { order_id, merchant_id: MERCHANT, action };
  return call('/api/subscription', { ...params, signature: await createSignature(params, KEY) });
}

describe('sandbox subscriptions', () => {
  it('charges a month after the approval, each month, linked to the first order', async () => {
    const first = await subscribe({});
    sandbox.control.advanceClock(27 * DAY);
    expect(await charges()).toEqual([]);
    sandbox.control.advanceClock(1 * DAY); // 28 February
    const [charge] = await charges();
    expect(charge).toMatchObject({
      order_id: `${first}-1`,
      parent_order_id: first,
      order_status: 'approved',
      amount: '1500',
      order_time: '28.02.2026 12:00:00',
    });
    sandbox.control.advanceClock(31 * DAY); // 31 March
    expect((await charges()).map((o) => o.order_id)).toEqual([`${first}-2`]);
    expect(sandbox.control.order(`${first}-2`)?.status).toBe('approved');
  });

  it('starts at start_time, delays by the trial, stops after quantity', async () => {
    const first = await subscribe({
      start_time: '2026-02-10',
      trial_period: 'week',
      trial_quantity: 1,
      period: 'week',
      every: 2,
      quantity: 2,
    });
    sandbox.control.advanceClock(16 * DAY); // 16 February: still in the trial
    expect(await charges()).toEqual([]);
    sandbox.control.advanceClock(1 * DAY); // 17 February, 00:00 is past
    expect((await charges()).map((o) => o.order_time)).toEqual(['17.02.2026 00:00:00']);
    sandbox.control.advanceClock(60 * DAY);
    expect((await charges()).map((o) => o.order_id)).toEqual([`${first}-2`]);
  });

  it('ends at end_time and sends the charges to subscription_callback_url', async () => {
    await subscribe({ period: 'day', end_time: '2026-02-03 00:00:00' }, undefined, {
      subscription_callback_url: 'https://shop.example/subscriptions',
    });
    sandbox.control.advanceClock(10 * DAY);
    await sandbox.control.callbacksIdle();
    expect(posted.map((p) => p.url)).toEqual([
      'https://shop.example/subscriptions',
      'https://shop.example/subscriptions',
    ]);
  });

  it('declines later charges on the sandbox-only card 4000001099000002', async () => {
    const first = await subscribe({}, '4000001099000002');
    expect(sandbox.control.order(first)?.status).toBe('approved');
    sandbox.control.advanceClock(31 * DAY);
    expect(await charges()).toEqual([
      expect.objectContaining({ order_status: 'declined', response_code: 1037 }),
    ]);
  });

  it('stop skips the due dates, start resumes from the next one', async () => {
    const first = await subscribe({ period: 'day' });
    expect(await subscriptionAction(first, 'stop')).toMatchObject({
      status: 'disabled',
      response_status: 'success',
    });
    sandbox.control.advanceClock(3 * DAY + 3600);
    expect(await charges()).toEqual([]);
    const started = await subscriptionAction(first, 'start');
    expect(started).toMatchObject({ order_id: first, status: 'active' });
    expect(await verifySignature(started, KEY)).toBe(true);
    expect(await charges()).toEqual([]);
    sandbox.control.advanceClock(DAY);
    expect((await charges()).map((o) => o.order_id)).toEqual([`${first}-1`]);
  });

  it('answers the documented errors', async () => {
    expect(await subscriptionAction('nobody', 'stop')).toMatchObject({ error_code: 1018 });
    const first = await subscribe({});
    expect(await subscriptionAction(first, 'pause')).toMatchObject({
      error_code: 1007,
      error_message: 'Parameter `action` is incorrect',
    });
    const params = { order_id: first, merchant_id: MERCHANT };
    expect(
      await call('/api/subscription', { ...params, signature: await createSignature(params, KEY) }),
    ).toMatchObject({ error_code: 1011, error_message: 'Parameter `action` is missing' });
    expect(
      await call(
        '/api/checkout/url',
        await signProtocol2(
          {
            order_id: 'bad-plan',
            merchant_id: MERCHANT,
            order_desc: 'x',
            amount: 100,
            currency: 'GEL',
            subscription: 'Y',
            recurring_data: { every: 1, period: 'year', amount: 100 },
          },
          KEY,
        ),
      ),
    ).toMatchObject({ error_code: 1007, error_message: 'Parameter `period` is incorrect' });
  });
});

describe('the plan the payer reads before paying', () => {
  async function created(plan: Record<string, unknown>, lang = 'en') {
    const order = await call(
      '/api/checkout/url',
      await signProtocol2(
        {
          order_id: `plan-${Math.random().toString(36).slice(2)}`,
          merchant_id: MERCHANT,
          order_desc: 'Tea club',
          amount: 100,
          currency: 'GEL',
          lang,
          subscription: 'Y',
          recurring_data: { every: 1, period: 'month', amount: 1500, ...plan },
        },
        KEY,
      ),
    );
    const url = String(order.checkout_url);
    const page = await (await sandbox.handle(new Request(url))).text();
    const token = new URL(url).searchParams.get('token') ?? '';
    const info = (await (
      await sandbox.handle(
        new Request('https://pay.flitt.com/sandbox/embedded/info', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token }),
        }),
      )
    ).json()) as { plan_text: string };
    return { page, info };
  }
  // Intl writes a no-break space between the currency and the amount.
  const planOnPage = (page: string) =>
    /data-testid="plan">([^<]*)</.exec(page)?.[1]?.replace(/\u00a0/g, ' ');

  it('shows the plan read-only on the hosted page and tells checkout.js, in the payer’s language', async () => {
    const en = await created({ trial_period: 'day', trial_quantity: 14 });
    expect(planOnPage(en.page)).toBe('Subscription: ₾15.00 every month, the first 14 days free');
    expect(en.info.plan_text.replace(/\u00a0/g, ' ')).toBe(planOnPage(en.page));
    const ru = await created({ every: 2, period: 'week' }, 'ru');
    expect(planOnPage(ru.page)).toBe('Подписка: 15,00 ₾ раз в 2 нед.');
    const ka = await created(
      { every: 3, period: 'day', trial_period: 'month', trial_quantity: 1 },
      'ka',
    );
    expect(planOnPage(ka.page)).toMatch(/^გამოწერა: .+ ყოველ 3 დღეში, პირველი 1 თვე უფასოდ$/);
  });

  it('hides it when recurring_data.state is hidden', async () => {
    const hidden = await created({ state: 'hidden' });
    expect(planOnPage(hidden.page)).toBeUndefined();
    expect(hidden.info.plan_text).toBe('');
  });
});
