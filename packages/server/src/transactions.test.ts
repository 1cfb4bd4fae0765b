import { createSandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
// The same amounts on every run, so a failure repeats.
import { seededRandom } from '@flitt-checkout/test-kit/random';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFlittClient } from './createFlittClient.ts';
import { transactionsOf } from './transactions.ts';

const sandbox = createSandbox({ baseUrl: 'https://pay.flitt.com' });
const server = setupServer(...sandboxHandlers(sandbox));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sandbox.control.reset());
afterAll(() => {
  server.close();
  sandbox.close();
});

const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', retryDelayMs: 1 });
let seq = 0;

/** An amount in minor units: mostly small (cents matter), some up to Flitt's largest. */
const amountOf = (next: () => number) =>
  next() < 0.7 ? 1 + Math.floor(next() * 100_000) : 1 + Math.floor(next() * 999_999_999_999);

/** How Flitt spells a major-unit amount in JSON (Python's float repr: 20.0, 20.1, 0.05). */
const flittSpelling = (minor: number) => {
  const cents = minor % 100;
  return `${Math.floor(minor / 100)}.${cents === 0 ? '0' : String(cents).padStart(2, '0').replace(/0$/, '')}`;
};

async function paid(amount: number, extra: Record<string, unknown> = {}) {
  const orderId = `tx-${Date.now()}-${++seq}`;
  const { token } = await client.createCheckoutToken({
    order_id: orderId,
    order_desc: 'Tea',
    amount,
    currency: 'GEL',
    ...extra,
  });
  await sandbox.control.pay(token);
  return orderId;
}

describe('transactionsOf', () => {
  it('round-trips 20 000 seeded random amounts exactly through Flitt’s major-unit JSON', () => {
    const next = seededRandom(19);
    for (let i = 0; i < 20_000; i++) {
      const minor = amountOf(next);
      // Parsed as JSON does it: a float such as 20.1, which `* 100` would turn into 2010.0000000000002.
      const rows = JSON.parse(`[{"amount": ${flittSpelling(minor)}}]`) as unknown[];
      expect(transactionsOf(rows, 'o')[0]?.amount).toBe(minor);
    }
  });

  it('refuses rows Flitt does not send: no amount, a fraction of a minor unit, another order', () => {
    expect(() => transactionsOf([{ amount: 'x' }], 'o')).toThrow(/not a decimal of major units/);
    expect(() => transactionsOf([{ amount: 20.125 }], 'o')).toThrow(/row 0/);
    expect(() => transactionsOf([{ amount: 1, order_id: 'p' }], 'o')).toThrow(/order "p"/);
    expect(() => transactionsOf([null], 'o')).toThrow(/not an object/);
  });
});

describe('client.transactionList', () => {
  it('is [] for an order with no transactions', async () => {
    const { orderId } = await client.createCheckoutUrl({
      order_id: `tx-none-${++seq}`,
      order_desc: 'Tea',
      amount: 100,
      currency: 'GEL',
    });
    expect(await client.transactionList(orderId)).toEqual([]);
  });

  it('lists payment, capture and refunds in integer minor units', async () => {
    const orderId = await paid(5000, { preauth: 'Y' });
    await client.capture({ orderId, amount: 4010, currency: 'GEL' });
    await client.reverse({ orderId, amount: 1005, currency: 'GEL' });
    await client.reverse({ orderId, amount: 5, currency: 'GEL' });
    const list = await client.transactionList(orderId);
    expect(list.map((t) => [t.type, t.status, t.amount, t.currency])).toEqual([
      ['purchase', 'approved', 5000, 'GEL'],
      ['capture', 'approved', 4010, 'GEL'],
      ['reverse', 'approved', 1005, 'GEL'],
      ['reverse', 'approved', 5, 'GEL'],
    ]);
    expect(list[0]?.raw.amount).toBe(50);
    expect(list[0]?.time).toMatch(/^\d\d\.\d\d\.\d{4} /);
  });

  it('round-trips 150 seeded random amounts through the sandbox', async () => {
    const next = seededRandom(2026);
    for (let i = 0; i < 150; i++) {
      const amount = amountOf(next);
      const orderId = await paid(amount);
      const [purchase] = await client.transactionList(orderId);
      expect(purchase?.amount, `amount ${amount}`).toBe(amount);
    }
  });

  it('turns Flitt’s refusal (an unknown order) into FlittApiError 1018', async () => {
    await expect(client.transactionList('no-such-order')).rejects.toMatchObject({
      name: 'FlittApiError',
      flittCode: 1018,
    });
  });
});
