// The browser side without React: core's checkout session and fetch transport against the real
// @flitt-checkout/server handlers, which answer Flitt's sandbox through its msw handlers. Also pins
// that every answer of the handlers passes the contract's guards.
import {
  type CheckoutState,
  createCheckoutSession,
  createMerchantApi,
  isCreateCheckoutResponse,
  isMerchantErrorBody,
  isOrderStatusResponse,
  type MerchantApi,
  MerchantApiError,
} from '@flitt-checkout/core';
import { createSandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { createFlittClient, createFlittHandlers, FlittHttpError } from '@flitt-checkout/server';
import { reach } from '@flitt-checkout/test-kit/reach';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const SHOP = 'http://shop.test/api/flitt';
const sandbox = createSandbox({ baseUrl: 'https://pay.flitt.com' });
const handlers = createFlittHandlers({
  client: createFlittClient({ merchantId: 1549901, secretKey: 'test', timeoutMs: 500 }),
  resolveOrder: ({ order }) => {
    const cart = order as { items?: { sku: string; qty: number }[] } | null;
    if (!cart?.items?.length)
      throw new FlittHttpError(400, 'empty_cart', 'Your cart is empty. Add something first.');
    return { amount: 700 * (cart.items[0]?.qty ?? 1), currency: 'GEL', order_desc: 'Tea' };
  },
  resultUrl: '/result',
  logger: { warn: () => {}, error: () => {} },
});
let checkoutCalls = 0;
const server = setupServer(
  ...sandboxHandlers(sandbox),
  http.post(`${SHOP}/checkout`, ({ request }) => {
    checkoutCalls += 1;
    return handlers.createCheckout(request);
  }),
  http.get(`${SHOP}/status`, ({ request }) => handlers.status(request)),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  sandbox.control.setLatency(0);
  checkoutCalls = 0;
});
afterAll(() => server.close());

const api = createMerchantApi({ apiBase: SHOP, timeoutMs: 2000 });
const tea = { items: [{ sku: 'tea', qty: 2 }] };
const signal = () => new AbortController().signal;

const settled = (s: CheckoutState) => s.status !== 'idle' && s.status !== 'creating';

describe('the merchant contract, as the real handlers speak it', () => {
  it('answers create checkout, both flows, and status in the contract’s shapes', async () => {
    const redirect = await api.createCheckout({ flow: 'redirect', order: tea }, signal());
    expect(isCreateCheckoutResponse(redirect, 'redirect')).toBe(true);
    expect(redirect).toMatchObject({
      flow: 'redirect',
      checkoutUrl: expect.stringMatching(/^https:\/\/pay\.flitt\.com\//),
    });
    const embedded = await api.createCheckout({ flow: 'embedded', order: tea }, signal());
    expect(embedded).toMatchObject({
      flow: 'embedded',
      token: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    const status = await api.getStatus(redirect.orderId, signal());
    expect(isOrderStatusResponse(status)).toBe(true);
    expect(status).toMatchObject({
      orderId: redirect.orderId,
      status: 'created',
      amount: 1400,
      currency: 'GEL',
      reversalAmount: 0,
      responseCode: null,
    });
  });

  it('answers every refusal with a MerchantErrorBody', async () => {
    const post = (body: BodyInit, type = 'application/json') =>
      handlers.createCheckout(
        new Request(`${SHOP}/checkout`, {
          method: 'POST',
          headers: { 'content-type': type },
          body,
        }),
      );
    const answers = [
      await post('{"flow":"sideways"}'),
      await post('[1]'),
      await post('flow=redirect', 'application/x-www-form-urlencoded'),
      await post('x'.repeat(70_000)),
      await post('{"flow":"redirect","order":{"items":[]}}'),
      await handlers.status(new Request(`${SHOP}/status?order_id=nope`)),
      await handlers.status(new Request(`${SHOP}/status`)),
    ];
    expect(answers.map((r) => r.status)).toEqual([400, 400, 415, 413, 400, 404, 400]);
    for (const answer of answers) {
      const body: unknown = await answer.json();
      expect(isMerchantErrorBody(body)).toBe(true);
      // Every refusal says something to the payer, in their language.
      expect((body as { error: { payerMessage?: unknown } }).error.payerMessage).toMatch(/\S/);
    }
  });

  it('passes the shop’s own refusal on with its code and its words for the payer, and only those', async () => {
    const error = await api
      .createCheckout({ flow: 'redirect', order: { items: [] } }, signal())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MerchantApiError);
    expect(error).toMatchObject({
      code: 'empty_cart',
      details: { status: 400, payerMessage: 'Your cart is empty. Add something first.' },
    });
    // The handlers' own refusals come with their words for the payer, in the asked language.
    const georgian = createMerchantApi({ apiBase: SHOP, locale: 'ka' });
    const unknown = await georgian.getStatus('nope', signal()).catch((e: unknown) => e);
    expect(unknown).toMatchObject({
      code: 'order_not_found',
      details: { status: 404, payerMessage: expect.stringMatching(/^ჩვენ ვერ ვიპოვეთ ეს გადახდა/) },
    });
  });

  it('answers in the first language of Accept-Language it speaks, q-values and all', async () => {
    const notFound = async (acceptLanguage: string) => {
      const res = await handlers.status(
        new Request(`${SHOP}/status?order_id=nope`, {
          headers: { 'accept-language': acceptLanguage },
        }),
      );
      return ((await res.json()) as { error: { payerMessage: string } }).error.payerMessage;
    };
    expect(await notFound('de-DE, ka;q=0.9, en;q=0.5')).toMatch(/^ჩვენ ვერ ვიპოვეთ ეს გადახდა/);
    expect(await notFound('ru-RU,ru;q=0.9')).toMatch(/^Мы не нашли этот платёж/);
    expect(await notFound('fr-FR')).toMatch(/^We couldn’t find this payment/);
  });

  it('never tells the payer their payment failed when only the status could not be read', async () => {
    // More faults than the server's client retries.
    sandbox.control.failNext(5, 'http500', '/api/status/order_id');
    const { orderId } = await api.createCheckout({ flow: 'redirect', order: tea }, signal());
    const error = await api.getStatus(orderId, signal()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MerchantApiError);
    expect((error as MerchantApiError).details.payerMessage).toMatch(/still being processed/);
  });

  it('turns transport failures into typed codes', async () => {
    server.use(http.get(`${SHOP}/status`, () => HttpResponse.error()));
    await expect(api.getStatus('o', signal())).rejects.toMatchObject({ code: 'network_error' });
    server.use(
      http.get(`${SHOP}/status`, () => new HttpResponse('<h1>oops</h1>', { status: 500 })),
    );
    await expect(api.getStatus('o', signal())).rejects.toMatchObject({ code: 'server_error' });
    server.use(
      http.get(`${SHOP}/status`, () => HttpResponse.json({ orderId: 'o', status: 'paid' })),
    );
    await expect(api.getStatus('o', signal())).rejects.toMatchObject({ code: 'invalid_response' });
    server.use(
      http.get(`${SHOP}/status`, () =>
        HttpResponse.json({ error: { code: 'flitt_failure', flittCode: 1014 } }, { status: 502 }),
      ),
    );
    await expect(api.getStatus('o', signal())).rejects.toMatchObject({
      code: 'flitt_failure',
      details: { flittCode: 1014 },
    });
    const slow = createMerchantApi({ apiBase: SHOP, timeoutMs: 50 });
    sandbox.control.setLatency(400);
    await expect(
      slow.createCheckout({ flow: 'redirect', order: tea }, signal()),
    ).rejects.toMatchObject({ code: 'timeout' });
  });

  it('rejects with the caller’s reason when the caller aborts', async () => {
    sandbox.control.setLatency(200);
    const controller = new AbortController();
    const pending = api.createCheckout({ flow: 'redirect', order: tea }, controller.signal);
    controller.abort(new Error('unmounted'));
    await expect(pending).rejects.toThrow('unmounted');
  });
});

describe('createCheckoutSession', () => {
  it('creates one order per attempt and navigates to Flitt’s page, however often start is called', async () => {
    const navigate = vi.fn();
    const session = createCheckoutSession({ api, navigate });
    session.start(tea);
    session.start(tea);
    expect(session.getState()).toEqual({ status: 'creating', flow: 'redirect' });
    const state = await reach(session, settled);
    expect(state).toMatchObject({
      status: 'redirecting',
      checkoutUrl: expect.stringContaining('pay.flitt.com'),
    });
    expect(navigate).toHaveBeenCalledExactlyOnceWith(
      (state as { checkoutUrl: string }).checkoutUrl,
    );
    session.start(tea);
    expect(checkoutCalls).toBe(1);
  });

  it('uses a prefetched order for the same cart, and not one older than a minute', async () => {
    let now = 1_000_000;
    const session = createCheckoutSession({ api, navigate: () => {}, now: () => now });
    session.prefetch(tea);
    session.prefetch(tea);
    session.start(tea);
    await reach(session, settled);
    expect(checkoutCalls).toBe(1);
    session.reset();
    session.prefetch(tea);
    now += 61_000;
    session.start(tea);
    await reach(session, settled);
    expect(checkoutCalls).toBe(3); // the stale prefetch was dropped, a fresh order made
    session.reset();
    session.prefetch(tea);
    now += 61_000;
    session.prefetch(tea); // hovered again a minute later: the order made ahead is renewed
    session.start(tea);
    await reach(session, settled);
    expect(checkoutCalls).toBe(5);
  });

  it('drops an order created ahead on reset, for another cart, and when it failed', async () => {
    const navigate = vi.fn();
    const session = createCheckoutSession({ api, navigate });
    sandbox.control.setLatency(50);
    session.prefetch(tea);
    session.reset(); // the page went away: the creation ahead is aborted, not kept
    session.start(tea);
    await reach(session, settled);
    expect(checkoutCalls).toBe(2);
    session.reset();
    sandbox.control.setLatency(0);
    const otherCart = { items: [{ sku: 'tea', qty: 3 }] };
    session.prefetch(tea);
    session.start(otherCart); // not the cart created ahead: a new order for this one
    await reach(session, settled);
    expect(checkoutCalls).toBe(4);
    const paidFor = sandbox.control.orders().at(-1);
    expect(paidFor).toMatchObject({ amount: 2100 });
    session.reset();
    server.use(
      http.post(`${SHOP}/checkout`, () => HttpResponse.json({}, { status: 500 }), { once: true }),
    );
    session.prefetch(tea);
    await new Promise((r) => setTimeout(r, 50));
    session.start(tea); // the failed creation ahead is forgotten: the click asks again
    expect(await reach(session, settled)).toMatchObject({ status: 'redirecting' });
  });

  it('reports the shop’s refusal with its words, and retry makes a new attempt with the last order', async () => {
    const session = createCheckoutSession({ api, navigate: () => {} });
    session.start({ items: [] });
    expect(await reach(session, settled)).toEqual({
      status: 'failed',
      code: 'empty_cart',
      payerMessage: 'Your cart is empty. Add something first.',
    });
    session.retry();
    expect(session.getState().status).toBe('creating');
    await reach(session, settled);
    expect(checkoutCalls).toBe(2);
  });

  it('never navigates off Flitt, and fails a custom api that answers nonsense', async () => {
    const navigate = vi.fn();
    const fake = (answer: unknown): MerchantApi => ({
      createCheckout: async () => answer as never,
      getStatus: async () => {
        throw new Error('unused');
      },
    });
    const cases: [unknown, string][] = [
      [
        {
          flow: 'redirect',
          orderId: 'o',
          checkoutUrl: 'https://pay.flitt.com.evil.example/x',
          paymentId: null,
        },
        'unsafe_checkout_url',
      ],
      [{ flow: 'embedded', orderId: 'o', token: '<script>' }, 'invalid_token'],
      [{ orderId: 'o', checkoutUrl: 'https://pay.flitt.com/x' }, 'invalid_response'],
      [undefined, 'invalid_response'],
    ];
    for (const [answer, code] of cases) {
      const session = createCheckoutSession({
        api: fake(answer),
        navigate,
        flow: (answer as { flow?: 'embedded' })?.flow === 'embedded' ? 'embedded' : 'redirect',
      });
      session.start(tea);
      expect(await reach(session, settled)).toMatchObject({ status: 'failed', code });
    }
    expect(navigate).not.toHaveBeenCalled();
  });

  it('ignores the answer of an aborted attempt, and leaves no attempt stuck creating', async () => {
    sandbox.control.setLatency(100);
    const navigate = vi.fn();
    const session = createCheckoutSession({ api, navigate });
    session.start(tea);
    session.abort();
    // The aborted attempt's answer will never come: back to idle, so a later start works.
    expect(session.getState()).toEqual({ status: 'idle' });
    await new Promise((r) => setTimeout(r, 300));
    expect(navigate).not.toHaveBeenCalled();
    session.start(tea);
    await reach(session, settled);
    expect(navigate).toHaveBeenCalledOnce();
  });

  it('starts again from a failure with the order as it is now (the cart changed meanwhile)', async () => {
    const session = createCheckoutSession({ api, navigate: () => {} });
    session.start({ items: [] });
    expect(await reach(session, settled)).toMatchObject({ code: 'empty_cart' });
    session.start(tea);
    expect(await reach(session, settled)).toMatchObject({ status: 'redirecting' });
  });

  it('sends the payer’s language with the order, to a custom api too', async () => {
    const seen: unknown[] = [];
    const session = createCheckoutSession({
      locale: 'ka',
      navigate: () => {},
      api: {
        createCheckout: async (request, signal) => {
          seen.push(request);
          return api.createCheckout(request, signal);
        },
      },
    });
    session.start({ items: [] });
    expect(await reach(session, settled)).toMatchObject({ code: 'empty_cart' });
    expect(seen).toEqual([{ flow: 'redirect', order: { items: [] }, locale: 'ka' }]);
  });

  it('follows setOptions: the next attempt uses the new flow and api', async () => {
    const session = createCheckoutSession({ api, navigate: () => {} });
    session.setOptions({ api, flow: 'embedded' });
    session.start(tea);
    expect(await reach(session, settled)).toMatchObject({
      status: 'ready',
      token: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
  });
});
