import { describe, expect, it, vi } from 'vitest';
import type { CheckoutState } from './checkoutAttempt.ts';
import { createFlowSession, type FlowSessionOptions } from './checkoutSession.ts';
import { createCheckoutSession } from './createCheckoutSession.ts';
import { embeddedFlow } from './embeddedCheckout.ts';
import { MerchantApiError } from './merchantApi.ts';
import type { CreateCheckoutRequest } from './merchantContract.ts';
import { redirectFlow } from './redirectFlow.ts';

const checkoutUrl = 'https://pay.flitt.com/merchants/x/default/index.html?token=t';
const token = 'f'.repeat(40);
const redirectAnswer = { flow: 'redirect', orderId: 'fc-1', checkoutUrl, paymentId: null };
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A merchant endpoint the test answers by hand: each call waits for `answer` or `refuse`. */
function endpoint() {
  const calls: { request: CreateCheckoutRequest; signal: AbortSignal }[] = [];
  const pending: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  const prefetch = vi.fn<(request?: CreateCheckoutRequest) => void>();
  const api = {
    createCheckout: (request: CreateCheckoutRequest, signal: AbortSignal) => {
      calls.push({ request, signal });
      return new Promise<never>((resolve, reject) => {
        pending.push({ resolve: resolve as (v: unknown) => void, reject });
      });
    },
    prefetch,
  };
  return {
    api,
    calls,
    prefetch,
    answer: async (value: unknown = redirectAnswer) => {
      pending.shift()?.resolve(value);
      await flush();
    },
    refuse: async (error: unknown) => {
      pending.shift()?.reject(error);
      await flush();
    },
  };
}

function session(overrides: Partial<FlowSessionOptions> = {}) {
  const shop = endpoint();
  const navigate = vi.fn<(url: string) => void>();
  const onStatus = vi.fn<(state: CheckoutState) => void>();
  const s = createFlowSession({
    api: shop.api,
    flow: redirectFlow,
    navigate,
    onStatus,
    ...overrides,
  });
  return { ...shop, session: s, navigate, onStatus };
}

describe('createFlowSession', () => {
  it('creates the order through the merchant’s server, then leaves for Flitt’s page', async () => {
    const { session: s, calls, answer, navigate } = session();
    s.start({ cartId: 'c-42' });
    expect(s.getState()).toEqual({ status: 'creating', flow: 'redirect' });
    expect(calls.map((c) => c.request)).toEqual([{ flow: 'redirect', order: { cartId: 'c-42' } }]);
    await answer();
    expect(s.getState()).toEqual({ status: 'redirecting', orderId: 'fc-1', checkoutUrl });
    expect(navigate).toHaveBeenCalledExactlyOnceWith(checkoutUrl);
  });

  it('creates one order per attempt: a start while creating, redirecting or processing changes nothing', async () => {
    const { session: s, calls, answer } = session();
    s.start({ cartId: 1 });
    s.start({ cartId: 2 });
    await answer();
    s.start({ cartId: 3 });
    s.update(() => ({ status: 'processing', orderId: 'fc-1' }));
    s.start({ cartId: 4 });
    expect(calls).toHaveLength(1);
  });

  it('tells subscribers of each change once, and nothing when the state stays the same', () => {
    const { session: s } = session();
    const heard: string[] = [];
    const stop = s.subscribe(() => heard.push(s.getState().status));
    const ready: CheckoutState = { status: 'ready', orderId: 'o', token };
    expect(s.update(() => ready)).toBe(ready);
    s.update((state) => state);
    expect(heard).toEqual(['ready']);
    stop();
    s.update(() => ({ status: 'idle' }));
    expect(heard).toEqual(['ready']);
  });

  it('calls onStatus after subscribers, once per status or decline code, not when only the server’s words come', () => {
    const order: string[] = [];
    const { session: s } = session({
      onStatus: (state) => order.push(`onStatus ${state.status}`),
    });
    s.subscribe(() => order.push('subscriber'));
    const declined = (code: number, payerMessage?: string): CheckoutState => ({
      status: 'declined',
      orderId: 'o',
      code,
      payerMessage,
    });
    s.update(() => declined(1037));
    s.update(() => declined(1037, 'Not enough money on the card.'));
    s.update(() => declined(1051));
    expect(order).toEqual([
      'subscriber',
      'onStatus declined',
      'subscriber',
      'subscriber',
      'onStatus declined',
    ]);
  });

  it('calls onStatus on each new status of an attempt', async () => {
    const { session: s, answer, onStatus } = session();
    s.start('cart');
    await answer();
    s.reset();
    expect(onStatus.mock.calls.map(([state]) => state.status)).toEqual([
      'creating',
      'redirecting',
      'idle',
    ]);
  });

  it('sends the payer’s language only when there is one', async () => {
    const { session: s, calls } = session({ locale: 'ka' });
    s.start('cart');
    expect(calls[0]?.request).toEqual({ flow: 'redirect', order: 'cart', locale: 'ka' });
    const { session: plain, calls: plainCalls } = session({ locale: '' });
    plain.start('cart');
    expect(plainCalls[0]?.request).toEqual({ flow: 'redirect', order: 'cart' });
  });

  it('fails with the merchant server’s code, Flitt’s code and its words for the payer', async () => {
    const { session: s, refuse } = session();
    s.start('cart');
    await refuse(
      new MerchantApiError('flitt_failure', 'HTTP 502', {
        status: 502,
        flittCode: 1013,
        payerMessage: 'Try again.',
      }),
    );
    expect(s.getState()).toEqual({
      status: 'failed',
      code: 'flitt_failure',
      flittCode: 1013,
      payerMessage: 'Try again.',
      orderId: undefined,
    });
  });

  it('fails as network_error when a custom api throws, at once or later', async () => {
    const throwsAtOnce = createFlowSession({
      flow: redirectFlow,
      api: {
        createCheckout: () => {
          throw new Error('no network');
        },
      },
    });
    throwsAtOnce.start('cart');
    await flush();
    expect(throwsAtOnce.getState()).toMatchObject({ status: 'failed', code: 'network_error' });
    const { session: s, refuse } = session();
    s.start('cart');
    await refuse(new TypeError('fetch failed'));
    expect(s.getState()).toMatchObject({ status: 'failed', code: 'network_error' });
  });

  it('fails an answer of the wrong flow, and one the flow cannot go on with, naming the order', async () => {
    const { session: s, answer, navigate } = session();
    s.start('cart');
    await answer({ flow: 'embedded', orderId: 'fc-1', token });
    expect(s.getState()).toMatchObject({ status: 'failed', code: 'invalid_response' });
    s.retry();
    await answer({ ...redirectAnswer, checkoutUrl: 'https://evil.example/pay' });
    expect(s.getState()).toEqual({
      status: 'failed',
      code: 'unsafe_checkout_url',
      orderId: 'fc-1',
      flittCode: undefined,
      payerMessage: undefined,
    });
    expect(navigate).not.toHaveBeenCalled();
  });

  it('retries only after a problem, with the last order', async () => {
    const { session: s, calls, answer, refuse } = session();
    s.retry(); // nothing to retry
    expect(s.getState()).toEqual({ status: 'idle' });
    s.update(() => ({ status: 'failed', code: 'timeout' }));
    s.retry(); // a problem, but no order was ever started: back to idle only
    expect(s.getState()).toEqual({ status: 'idle' });
    expect(calls).toHaveLength(0);
    s.start('cart-1');
    await refuse(new MerchantApiError('server_error', 'HTTP 500'));
    s.retry();
    expect(s.getState()).toEqual({ status: 'creating', flow: 'redirect' });
    expect(calls.map((c) => c.request.order)).toEqual(['cart-1', 'cart-1']);
    await answer();
    s.retry(); // redirecting is no problem
    expect(calls).toHaveLength(2);
  });

  it('aborts the attempt in flight on reset and abort, and ignores its late answer', async () => {
    const { session: s, calls, answer, navigate, prefetch } = session();
    s.start('cart');
    s.abort();
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(prefetch).toHaveBeenCalledWith(); // the order created ahead is forgotten too
    expect(s.getState()).toEqual({ status: 'idle' });
    await answer();
    expect(s.getState()).toEqual({ status: 'idle' });
    expect(navigate).not.toHaveBeenCalled();
    s.start('cart');
    s.reset();
    expect(calls[1]?.signal.aborted).toBe(true);
    expect(s.getState()).toEqual({ status: 'idle' });
  });

  it('ignores a late refusal of an aborted attempt', async () => {
    const { session: s, refuse } = session();
    s.start('cart');
    s.abort();
    await refuse(new MerchantApiError('server_error', 'HTTP 500'));
    expect(s.getState()).toEqual({ status: 'idle' });
  });

  it('keeps a settled state on abort (an unmount), and goes back to idle on reset', async () => {
    const { session: s, answer } = session();
    s.start('cart');
    await answer();
    s.abort();
    expect(s.getState().status).toBe('redirecting');
    s.reset();
    expect(s.getState()).toEqual({ status: 'idle' });
  });

  it('starts a new attempt after the last one ended: the earlier one is aborted', async () => {
    const { session: s, calls, refuse } = session();
    s.start('cart-1');
    await refuse(new MerchantApiError('server_error', 'HTTP 500'));
    s.start('cart-2');
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(calls[1]?.signal.aborted).toBe(false);
  });

  it('creates ahead only while idle, with the request a start would send', async () => {
    const { session: s, prefetch, answer } = session({ locale: 'ka' });
    s.prefetch('cart');
    expect(prefetch).toHaveBeenCalledExactlyOnceWith({
      flow: 'redirect',
      order: 'cart',
      locale: 'ka',
    });
    s.start('cart');
    s.prefetch('cart');
    await answer();
    s.prefetch('cart');
    expect(prefetch).toHaveBeenCalledTimes(1);
  });

  it('forgets the order created ahead when setOptions brings another endpoint, not the same one', () => {
    const { session: s, api, prefetch } = session();
    s.setOptions({ api, flow: redirectFlow });
    expect(prefetch).not.toHaveBeenCalled();
    const other = endpoint();
    s.setOptions({ api: other.api, flow: embeddedFlow });
    expect(prefetch).toHaveBeenCalledExactlyOnceWith();
    s.start('cart');
    expect(other.calls[0]?.request.flow).toBe('embedded');
  });

  it('works with an endpoint that cannot create ahead (no prefetch)', async () => {
    const { api, answer } = endpoint();
    const s = createFlowSession({
      api: { createCheckout: api.createCheckout },
      flow: redirectFlow,
      navigate: () => {},
    });
    s.prefetch('cart');
    s.start('cart');
    s.abort();
    s.start('cart');
    s.reset();
    s.setOptions({ api: endpoint().api, flow: redirectFlow });
    await answer();
    expect(s.getState()).toEqual({ status: 'idle' });
  });
});

describe('embeddedFlow', () => {
  it('makes the attempt ready with the order’s token, for the widget', async () => {
    const { session: s, answer } = session({ flow: embeddedFlow });
    s.start('cart');
    expect(s.getState()).toEqual({ status: 'creating', flow: 'embedded' });
    await answer({ flow: 'embedded', orderId: 'fc-1', token });
    expect(s.getState()).toEqual({ status: 'ready', orderId: 'fc-1', token });
  });

  it('refuses a token that is not Flitt’s as invalid_token', async () => {
    const { session: s, answer } = session({ flow: embeddedFlow });
    s.start('cart');
    await answer({ flow: 'embedded', orderId: 'fc-1', token: 'x' });
    expect(s.getState()).toMatchObject({
      status: 'failed',
      code: 'invalid_token',
      orderId: 'fc-1',
    });
  });
});

describe('redirectFlow', () => {
  it('fails as invalid_response when the navigation throws, naming the order', async () => {
    const { session: s, answer } = session({
      navigate: () => {
        throw new Error('blocked');
      },
    });
    s.start('cart');
    await answer();
    expect(s.getState()).toMatchObject({
      status: 'failed',
      code: 'invalid_response',
      orderId: 'fc-1',
    });
  });

  it('follows the allowed origins (the local sandbox)', async () => {
    const local = 'http://127.0.0.1:8787/checkout?token=t';
    const { session: s, answer, navigate } = session({ allowedOrigins: ['http://127.0.0.1:8787'] });
    s.start('cart');
    await answer({ ...redirectAnswer, checkoutUrl: local });
    expect(navigate).toHaveBeenCalledExactlyOnceWith(local);
  });

  it('goes on only with a redirect answer, when a custom session hands it another', () => {
    const s = createFlowSession({ api: endpoint().api, flow: redirectFlow });
    const embeddedAnswer = { flow: 'embedded', orderId: 'fc-1', token } as const;
    expect(redirectFlow.open(embeddedAnswer, s, { api: endpoint().api, flow: redirectFlow })).toBe(
      'invalid_response',
    );
    expect(s.getState()).toEqual({ status: 'idle' });
  });
});

describe('createCheckoutSession', () => {
  it('names the flow: redirect by default, embedded when asked, and follows setOptions', async () => {
    const shop = endpoint();
    const s = createCheckoutSession({ api: shop.api, navigate: () => {} });
    s.start('cart');
    expect(shop.calls[0]?.request.flow).toBe('redirect');
    await shop.answer();
    expect(s.getState().status).toBe('redirecting');
    s.setOptions({ api: shop.api, flow: 'embedded' });
    s.reset();
    s.start('cart');
    expect(shop.calls[1]?.request.flow).toBe('embedded');
    await shop.answer({ flow: 'embedded', orderId: 'fc-2', token });
    expect(s.getState()).toEqual({ status: 'ready', orderId: 'fc-2', token });
  });
});
