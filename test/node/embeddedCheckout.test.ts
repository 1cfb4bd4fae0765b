// The embedded flow without React or a widget: core's createEmbeddedCheckout over a real session,
// the real @flitt-checkout/server handlers and the sandbox (through its msw handlers). The tests
// pay in the sandbox and report what a widget would; the server's answer must be the last word.
import {
  type CheckoutState,
  createCheckoutSession,
  createEmbeddedCheckout,
  createMerchantApi,
  type EmbeddedCheckoutTiming,
  type MerchantApi,
} from '@flitt-checkout/core';
import { API_BASE, setupFlittTestServer } from '@flitt-checkout/test-kit/msw';
import { reach } from '@flitt-checkout/test-kit/reach';
import { afterEach, describe, expect, it } from 'vitest';

const { sandbox, pay } = setupFlittTestServer();
const api = createMerchantApi({ apiBase: API_BASE, locale: 'en', timeoutMs: 5000 });
const INSUFFICIENT_FUNDS = '4000001037000007';
let asked: string[] = [];
const getStatus: MerchantApi['getStatus'] = (orderId, signal) => {
  asked.push(orderId);
  return api.getStatus(orderId, signal);
};
const disposers: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
  asked = [];
});

/** A ready embedded attempt on a real order, with its widget-side controller. */
async function ready(timing: EmbeddedCheckoutTiming, delayed: 'Y' | 'N' = 'N') {
  const session = createCheckoutSession({ api, flow: 'embedded' });
  session.start({ items: [{ sku: 'tea', qty: 1 }], delayed });
  const state = await reach(session, (s) => s.status === 'ready');
  const embedded = createEmbeddedCheckout(session, getStatus, timing);
  disposers.push(embedded.dispose);
  return { session, embedded, orderId: (state as { orderId: string }).orderId };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createEmbeddedCheckout', () => {
  it('confirms a decline the widget reports, and shows it once, with the server’s reason', async () => {
    const { session, embedded, orderId } = await ready({ confirmMs: 5000 });
    const seen: CheckoutState[] = [];
    session.subscribe(() => seen.push(session.getState()));
    await pay(orderId, INSUFFICIENT_FUNDS);
    expect(embedded.submit()).toBe(true);
    embedded.report({ status: 'declined', responseCode: 1037 });
    expect(session.getState().status).toBe('processing');
    const declined = await reach(session, (s) => s.status === 'declined');
    expect(declined).toMatchObject({ orderId, code: 1037 });
    expect((declined as { payerMessage?: string }).payerMessage).toMatch(/funds/i);
    expect(seen.map((s) => s.status)).toEqual(['processing', 'declined']);
    expect(asked).toEqual([orderId]);
  });

  it('believes the server over the widget', async () => {
    const { session, embedded, orderId } = await ready({ confirmMs: 5000 });
    await pay(orderId); // approved at Flitt
    embedded.submit();
    embedded.report({ status: 'declined', responseCode: 1037 });
    expect(await reach(session, (s) => s.status !== 'processing')).toMatchObject({
      status: 'approved',
      orderId,
    });
  });

  it('shows the widget’s decline when the server is slow, and takes the server’s words when they come', async () => {
    const { session, embedded, orderId } = await ready({ confirmMs: 20 });
    await pay(orderId, INSUFFICIENT_FUNDS);
    sandbox.control.setLatency(300);
    embedded.submit();
    embedded.report({ status: 'declined', responseCode: 1037 });
    const shown = await reach(session, (s) => s.status === 'declined');
    expect(shown).toMatchObject({ code: 1037, payerMessage: undefined });
    const explained = await reach(session, (s) => s !== shown);
    expect(explained).toMatchObject({ status: 'declined', code: 1037 });
    expect((explained as { payerMessage?: string }).payerMessage).toMatch(/funds/i);
    sandbox.control.setLatency(0);
  });

  it('asks the server when the widget goes quiet while processing (a lost reply)', async () => {
    const { session, embedded, orderId } = await ready({ quietMs: 30 });
    embedded.submit();
    await sleep(60);
    expect(session.getState().status).toBe('processing'); // not paid yet: asked, and waiting
    expect(asked.length).toBeGreaterThan(0);
    await pay(orderId);
    expect(await reach(session, (s) => s.status === 'approved')).toMatchObject({ orderId });
  }, 10_000);

  it('does not take a failed attempt’s code for the answer to the next attempt on a delayed order', async () => {
    const { session, embedded, orderId } = await ready({ quietMs: 20, confirmMs: 5000 }, 'Y');
    await pay(orderId, INSUFFICIENT_FUNDS);
    embedded.submit();
    embedded.report({ status: 'processing', responseCode: 1037 });
    expect(await reach(session, (s) => s.status === 'declined')).toMatchObject({
      code: 1037,
      token: expect.any(String),
    });
    embedded.retry(); // back to the same open order
    expect(session.getState().status).toBe('ready');
    embedded.submit();
    // Flitt still says processing with 1037 (the first attempt's): not the second one's answer.
    await sleep(1200);
    expect(session.getState().status).toBe('processing');
    await pay(orderId);
    expect(await reach(session, (s) => s.status === 'approved')).toMatchObject({ orderId });
  }, 15_000);

  it('keeps asking about a widget that said “processing” and then went quiet (3-D Secure, a lost reply)', async () => {
    const { session, embedded, orderId } = await ready({ quietMs: 30 });
    embedded.submit();
    embedded.report({ status: 'processing' });
    await pay(orderId);
    expect(await reach(session, (s) => s.status === 'approved')).toMatchObject({ orderId });
    expect(asked.length).toBeGreaterThan(0);
  });

  it('never lets a held decline overwrite the payer’s next attempt', async () => {
    const { session, embedded, orderId } = await ready({ quietMs: 60_000, confirmMs: 5000 }, 'Y');
    await pay(orderId, INSUFFICIENT_FUNDS);
    embedded.submit();
    embedded.report({ status: 'processing', responseCode: 1037 });
    await reach(session, (s) => s.status === 'declined');
    const seen: string[] = [];
    session.subscribe(() => seen.push(session.getState().status));
    // The widget says it again, slowly confirmed, and meanwhile the payer tries again and pays.
    const slow = createEmbeddedCheckout(
      session,
      async (id, signal) => {
        await sleep(200);
        return api.getStatus(id, signal);
      },
      { quietMs: 60_000, confirmMs: 50 },
    );
    disposers.push(slow.dispose);
    slow.report({ status: 'processing', responseCode: 1051 });
    slow.retry();
    expect(slow.submit()).toBe(true);
    await sleep(400);
    expect(session.getState().status).toBe('processing');
    expect(seen).toEqual(['ready', 'processing']);
  });

  it('stops asking when the shop does not know the order (a 4xx is an answer)', async () => {
    const session = createCheckoutSession({
      flow: 'embedded',
      api: {
        createCheckout: async () => ({
          flow: 'embedded',
          orderId: 'no-such-order',
          token: 'a'.repeat(40),
        }),
      },
    });
    session.start({});
    await reach(session, (s) => s.status === 'ready');
    const embedded = createEmbeddedCheckout(session, getStatus, { quietMs: 10 });
    disposers.push(embedded.dispose);
    embedded.submit();
    await sleep(1500);
    expect(asked).toEqual(['no-such-order']);
    expect(session.getState().status).toBe('processing');
  });

  it('asks nothing more once disposed (the form went away)', async () => {
    const { embedded } = await ready({ quietMs: 20 });
    embedded.submit();
    embedded.dispose();
    await sleep(100);
    expect(asked).toEqual([]);
  });

  it('reports a widget that could not load, keeping the order', async () => {
    const { session, embedded, orderId } = await ready({});
    embedded.fail('script_load_failed');
    expect(session.getState()).toMatchObject({
      status: 'failed',
      code: 'script_load_failed',
      orderId,
    });
    expect(embedded.submit()).toBe(false);
  });

  it('ignores reports before the order exists and after it is paid', async () => {
    const session = createCheckoutSession({ api, flow: 'embedded' });
    const embedded = createEmbeddedCheckout(session, getStatus);
    disposers.push(embedded.dispose);
    embedded.report({ status: 'approved' });
    expect(session.getState()).toEqual({ status: 'idle' });
    const paid = await ready({});
    await pay(paid.orderId);
    paid.embedded.submit();
    paid.embedded.report({ status: 'approved' });
    expect(paid.session.getState().status).toBe('approved');
    paid.embedded.report({ status: 'declined', responseCode: 1037 });
    expect(paid.session.getState().status).toBe('approved');
    expect(asked).toEqual([]);
  });
});
