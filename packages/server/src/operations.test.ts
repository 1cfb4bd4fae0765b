import { FlittValidationError } from '@flitt-checkout/core';
import { createSandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { majorToMinor, minorToMajor } from './amounts.ts';
import { createFlittClient } from './createFlittClient.ts';
import { captureInFull, orderMoney, refund } from './operations.ts';

// Capture and refund against the sandbox behind msw: what Flitt's confirmed order says is held,
// captured, refunded and refundable, always in integer minor units.
const sandbox = createSandbox({ baseUrl: 'https://pay.flitt.com' });
const server = setupServer(...sandboxHandlers(sandbox));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  sandbox.close();
});
const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', retryDelayMs: 1 });

let seq = 0;
/** A paid order of `amount` (held only, with `preauth`); its id. */
async function paid(amount: number, preauth = false) {
  const order = {
    order_id: `op-${Date.now()}-${++seq}`,
    order_desc: 'Pantry order',
    amount,
    currency: 'GEL' as const,
    delayed: 'N' as const,
    ...(preauth ? { preauth: 'Y' as const } : {}),
  };
  await sandbox.control.pay((await client.createCheckoutToken(order)).token);
  return order.order_id;
}
const money = async (orderId: string) => orderMoney(await client.getOrderStatus(orderId));
/** The error a call failed with (a call that succeeds fails the test). */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as FlittValidationError,
  );

/** A seeded generator, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

describe('amounts between major and minor units', () => {
  it('reads Flitt’s decimal major units by their digits, never by float multiplication', () => {
    expect(majorToMinor(6)).toBe(600);
    expect(majorToMinor('6.0')).toBe(600);
    expect(majorToMinor(6.5)).toBe(650);
    expect(majorToMinor('20.10')).toBe(2010);
    expect(majorToMinor(20.1)).toBe(2010); // 20.1 * 100 is 2010.0000000000002
    expect(majorToMinor(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996
    expect(majorToMinor('1.500')).toBe(150);
    for (const bad of ['1.005', '-1', 'abc', '', '1e3', NaN, Infinity, null, undefined, {}])
      expect(majorToMinor(bad)).toBeUndefined();
  });

  it('round-trips every integer amount exactly (random amounts, seeded)', () => {
    const next = random(20261202);
    for (let i = 0; i < 20_000; i++) {
      const minor = i < 200 ? i : next(2_000_000_000);
      const major = minorToMajor(minor);
      expect(majorToMinor(major)).toBe(minor);
      // As a JavaScript number too, as a JSON reply carries it (20.1, not "20.10").
      expect(majorToMinor(Number(major))).toBe(minor);
    }
    expect(minorToMajor(2010)).toBe('20.10');
    expect(minorToMajor(5)).toBe('0.05');
    expect(() => minorToMajor(1.5)).toThrow(FlittValidationError);
  });
});

describe('orderMoney, captureInFull and refund against the sandbox', () => {
  it('refunds in part and then the rest, never more than is left', async () => {
    const orderId = await paid(1000);
    expect(await money(orderId)).toMatchObject({
      amount: 1000,
      capture: null,
      refunded: 0,
      refundable: 1000,
      capturable: 0,
    });
    await refund(client, { orderId, amount: 300, reverseId: 'return-1' });
    // The same key again is the same refund, not a second one.
    await refund(client, { orderId, amount: 300, reverseId: 'return-1' });
    expect(await money(orderId)).toMatchObject({ refunded: 300, refundable: 700 });
    const over = await failure(refund(client, { orderId, amount: 701 }));
    expect(over).toBeInstanceOf(FlittValidationError);
    expect(over.issues[0]).toMatchObject({ param: 'amount', flittCode: 1023 });
    expect(over.message).toMatch(/at most 700/);
    await refund(client, { orderId });
    expect(await money(orderId)).toMatchObject({
      status: 'reversed',
      refunded: 1000,
      refundable: 0,
    });
    const nothing = await failure(refund(client, { orderId }));
    expect(nothing.message).toMatch(/nothing left to refund/);
    expect(sandbox.control.order(orderId)?.reversalAmount).toBe(1000);
  });

  it('answers a retried refund or capture whose reply was lost with that same operation', async () => {
    const orderId = await paid(1000);
    const first = await refund(client, { orderId, amount: 600, reverseId: 'return-17' });
    // The reply was lost; the shop sends the same refund again: the same refund, not a refusal.
    const again = await refund(client, { orderId, amount: 600, reverseId: 'return-17' });
    expect(again.reversalAmount).toBe(first.reversalAmount);
    expect(await money(orderId)).toMatchObject({ refunded: 600, refundable: 400 });
    // Without its key a second 600 is a new refund: refused before sending; with a new key,
    // Flitt is asked (it cannot be told from a repeat here) and refuses it, said the same way.
    await expect(refund(client, { orderId, amount: 600 })).rejects.toThrow(/at most 400/);
    const fresh = await failure(refund(client, { orderId, amount: 600, reverseId: 'return-18' }));
    expect(fresh.issues[0]).toMatchObject({ flittCode: 1023 });
    expect(fresh.message).toMatch(/at most 400/);
    expect(await money(orderId)).toMatchObject({ refunded: 600 });
    const held = await paid(800, true);
    const captured = await captureInFull(client, held);
    expect((await captureInFull(client, held)).captureStatus).toBe(captured.captureStatus);
    expect(await money(held)).toMatchObject({ capture: { status: 'captured', amount: 800 } });
  });

  it('captures a hold in full, once, and then refunds what was taken', async () => {
    const orderId = await paid(2500, true);
    expect(await money(orderId)).toMatchObject({
      capture: { status: 'hold', amount: 0 },
      capturable: 2500,
      refundable: 2500,
    });
    // An uncaptured hold can only be given back whole (Flitt: 1084).
    const partial = await failure(refund(client, { orderId, amount: 100 }));
    expect(partial.issues[0]).toMatchObject({ flittCode: 1084 });
    expect((await captureInFull(client, orderId)).captureStatus).toBe('captured');
    expect(await money(orderId)).toMatchObject({
      capture: { status: 'captured', amount: 2500 },
      capturable: 0,
      refundable: 2500,
    });
    // A second capture is the same capture (a retry), not a second one.
    expect((await captureInFull(client, orderId)).captureStatus).toBe('captured');
    await refund(client, { orderId, amount: 500, reverseId: 'r-1' });
    expect(await money(orderId)).toMatchObject({ refunded: 500, refundable: 2000 });
  });

  it('reads a partial capture in minor units: only what was taken is refundable', async () => {
    const orderId = await paid(1000, true);
    await client.capture({ orderId, amount: 650, currency: 'GEL' });
    // Flitt reports the capture in major units (6.5); actual_amount keeps the authorised 1000.
    expect(await money(orderId)).toMatchObject({
      amount: 1000,
      capture: { status: 'captured', amount: 650 },
      refundable: 650,
    });
    const over = await failure(refund(client, { orderId, amount: 651 }));
    expect(over.message).toMatch(/at most 650/);
  });

  it('keeps every amount an integer through random captures and refunds (seeded)', async () => {
    const next = random(17);
    for (let round = 0; round < 12; round++) {
      const amount = 1 + next(500_000);
      const orderId = await paid(amount, true);
      const captured = 1 + next(amount);
      await client.capture({ orderId, amount: captured, currency: 'GEL' });
      let left = captured;
      for (let step = 0; step < 3 && left > 0; step++) {
        const part = 1 + next(left);
        await refund(client, { orderId, amount: part, reverseId: `r-${step}` });
        left -= part;
        const now = await money(orderId);
        expect(now.capture).toEqual({ status: 'captured', amount: captured });
        expect(now.refundable).toBe(left);
        expect(Number.isSafeInteger(now.refunded)).toBe(true);
      }
      if (left > 0) await refund(client, { orderId });
      expect((await money(orderId)).refundable).toBe(0);
    }
  });

  it('does not refund or capture an order that was not paid', async () => {
    const order = {
      order_id: `op-unpaid-${++seq}`,
      order_desc: 'Never paid',
      amount: 700,
      currency: 'GEL' as const,
    };
    await client.createCheckoutToken(order);
    expect(await money(order.order_id)).toMatchObject({ refundable: 0, capturable: 0 });
    await expect(refund(client, { orderId: order.order_id })).rejects.toThrow(/status created/);
    await expect(captureInFull(client, order.order_id)).rejects.toThrow(/not a pre-authorisation/);
  });
});
