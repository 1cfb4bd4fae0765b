import { createSignature, FlittConfigError, FlittValidationError } from '@flitt-checkout/core';
import { createSandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFlittClient, type FlittClientOptions } from './createFlittClient.ts';
import { createFlittHandlers } from './createFlittHandlers.ts';
import { FlittApiError, FlittNetworkError } from './errors.ts';
import type { FlittEvent } from './events.ts';
import type { PayoutInput } from './payouts.ts';

const SHOP = 'https://shop.example';
const CALLBACK = `${SHOP}/api/flitt/callback`;
const CREDIT = 'a-long-credit-key-77';
let handlers: ReturnType<typeof createFlittHandlers>;
const sandbox = createSandbox({
  baseUrl: 'https://pay.flitt.com',
  callbackTimeScale: 0.0001,
  merchants: [
    { merchantId: 4242, secretKey: 'a-long-secret-key-42', creditKey: CREDIT },
    {
      merchantId: 4343,
      secretKey: 'k4343-payments',
      creditKey: 'k4343-payouts',
      payoutIps: ['203.0.113.7'],
    },
  ],
  fetch: async (input, init) => handlers.callback(new Request(input, init)),
});
const server = setupServer(...sandboxHandlers(sandbox));
const logger = { warn: vi.fn(), error: vi.fn() };
const events: FlittEvent[] = [];

const client = (options: Partial<FlittClientOptions> = {}) =>
  createFlittClient({
    merchantId: 1549901,
    secretKey: 'test',
    creditKey: 'testcredit',
    retryDelayMs: 1,
    ...options,
  });

function setup(flitt = client()) {
  handlers = createFlittHandlers({
    client: flitt,
    resolveOrder: () => ({ amount: 100, currency: 'GEL', order_desc: 'Tea' }),
    onEvent: (event) => {
      events.push(event);
    },
    callbackUrl: CALLBACK,
    resultUrl: '/result',
    logger,
  });
  return flitt;
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

let seq = 0;
const payout = (extra: Partial<PayoutInput> = {}): PayoutInput =>
  ({
    orderId: `payout-${Date.now()}-${++seq}`,
    amount: 1500,
    currency: 'GEL',
    description: 'Seller payout',
    externalRectoken: 'ufc-token',
    ...extra,
  }) as PayoutInput;

/** A card token the sandbox issued to the test merchant. */
async function rectoken(): Promise<string> {
  const { token } = await client().createCheckoutToken({
    order_id: `card-${Date.now()}-${++seq}`,
    order_desc: 'Card',
    amount: 100,
    currency: 'GEL',
    required_rectoken: 'Y',
  });
  const paid = (await sandbox.control.pay(token)) as { order: { rectoken: string } };
  return paid.order.rectoken;
}

describe('client.payout', () => {
  it('pays out to a saved card, signed with the payout key, and types the verified reply', async () => {
    const receiverRectoken = await rectoken();
    const input = payout({ receiverRectoken, externalRectoken: undefined } as never);
    const result = await client().payout({ ...input, amount: 2010 });
    expect(result).toMatchObject({
      status: 'approved',
      orderId: input.orderId,
      amount: 2010,
      currency: 'GEL',
      order: { tran_type: 'p2p credit', masked_card: '444455XXXXXX6666' },
    });
    expect(sandbox.control.payoutBalance()).toBe(100_000_000 - 2010);
  });

  it('types a declined payout with its code', async () => {
    sandbox.control.declineNextPayout(1058);
    expect(await client().payout(payout())).toMatchObject({
      status: 'declined',
      responseCode: 1058,
      responseDescription: expect.any(String),
    });
  });

  it.each([
    ['balance', () => sandbox.control.setPayoutBalance(1000), 1081],
    ['an unknown token', () => {}, 1035],
  ])('turns Flitt’s refusal (%s) into FlittApiError', async (_, arrange, code) => {
    arrange();
    const input =
      code === 1035
        ? payout({ receiverRectoken: 'never-issued', externalRectoken: undefined } as never)
        : payout();
    await expect(client().payout(input)).rejects.toMatchObject({ flittCode: code });
  });

  it('answers 1099 from outside the allow-list (msw: an unknown address)', async () => {
    const error = await client({
      merchantId: 4343,
      secretKey: 'k4343-payments',
      creditKey: 'k4343-payouts',
    })
      .payout(payout())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlittApiError);
    expect(error).toMatchObject({ flittCode: 1099 });
  });

  it('is refused with 1014 when signed with the wrong payout key, which no message repeats', async () => {
    const error = await client({
      merchantId: 4242,
      secretKey: 'a-long-secret-key-42',
      creditKey: `${CREDIT}-wrong`,
    })
      .payout(payout())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ flittCode: 1014 });
    expect(JSON.stringify(error) + String(error)).not.toContain(CREDIT);
  });

  it('validates before sending: whole minor units, one token, never a card number', async () => {
    const c = client();
    const refused = async (input: unknown) => {
      const error = await c.payout(input as PayoutInput).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FlittValidationError);
      return (error as FlittValidationError).issues[0];
    };
    expect(await refused(payout({ amount: 20.1 }))).toMatchObject({ param: 'amount' });
    expect(await refused(payout({ amount: 0 }))).toMatchObject({ param: 'amount' });
    expect(await refused(payout({ currency: 'gel' as never }))).toMatchObject({
      param: 'currency',
    });
    expect(
      await refused({ ...payout(), receiverRectoken: 'a', externalRectoken: 'b' }),
    ).toMatchObject({ flittCode: 1074 });
    const { externalRectoken: _, ...noToken } = payout();
    expect(await refused({ ...noToken, cardNumber: '4444555511116666' })).toMatchObject({
      flittCode: 1074,
    });
    expect(await refused(payout({ callbackUrl: '/relative' }))).toMatchObject({
      param: 'callbackUrl',
    });
    expect(sandbox.control.orders()).toHaveLength(0);
  });

  it('refuses to pay out without creditKey, with a typed configuration error', async () => {
    const c = createFlittClient({ merchantId: 1549901, secretKey: 'test' });
    await expect(c.payout(payout())).rejects.toMatchObject({
      name: 'FlittConfigError',
      code: 'missing_credit_key',
    });
    await expect(c.verifyPayout({})).rejects.toBeInstanceOf(FlittConfigError);
    // Payments do not need it.
    expect(
      (
        await c.createCheckoutToken({
          order_id: `p-${++seq}`,
          order_desc: 'x',
          amount: 1,
          currency: 'GEL',
        })
      ).token,
    ).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each([
    [{ creditKey: 'test' }, /same as secretKey/],
    [{ creditKey: '' }, /creditKey must be the payout key/],
    [{ creditKey: ' testcredit' }, /space or line break/],
    [{ creditKey: 42 }, /the number 42/],
  ])('refuses creditKey %o on first use', async (options, message) => {
    const bad = client(options as Partial<FlittClientOptions>);
    await expect(bad.getOrderStatus('x')).rejects.toMatchObject({
      code: 'invalid_credit_key',
      message: expect.stringMatching(message),
    });
  });

  it('keeps the payout key out of a network error’s message and the client’s state', async () => {
    const c = createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      creditKey: CREDIT,
      fetch: async () => {
        throw new Error(`proxy refused https://u:${CREDIT}@proxy`);
      },
    });
    const error = await c.payout(payout()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlittNetworkError);
    expect((error as Error).message).toContain('***');
    expect((error as Error).message).not.toContain(CREDIT);
    expect(JSON.stringify(c) + Object.values(c).map(String).join(' ')).not.toContain(CREDIT);
  });

  it('refuses a reply signed with the payment key', async () => {
    // Flitt's reply re-signed with the payment key: not what a payout reply is.
    const resigning: typeof fetch = async (input, init) => {
      const body = (await (await fetch(input, init)).json()) as {
        response: Record<string, unknown>;
      };
      const { signature: _s, response_signature_string: _m, ...rest } = body.response;
      return Response.json({
        response: { ...rest, signature: await createSignature(rest, 'test') },
      });
    };
    await expect(client({ fetch: resigning }).payout(payout())).rejects.toMatchObject({
      name: 'FlittSignatureError',
    });
  });
});

describe('payout callbacks', () => {
  it('verifies them with the payout key and delivers payout.approved once', async () => {
    setup();
    const input = payout({ callbackUrl: CALLBACK });
    await client().payout(input);
    await sandbox.control.callbacksIdle();
    await sandbox.control.redeliver(input.orderId);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'payout.approved',
        orderId: input.orderId,
        amount: 1500,
        currency: 'GEL',
        order: expect.objectContaining({ tran_type: 'p2p credit' }),
      }),
    ]);
    expect(sandbox.control.callbacks().map((a) => a.status)).toEqual([200, 200]);
  });

  it('delivers payout.declined with its code', async () => {
    setup();
    sandbox.control.declineNextPayout(1058);
    await client().payout(payout({ callbackUrl: CALLBACK }));
    await sandbox.control.callbacksIdle();
    expect(events).toEqual([
      expect.objectContaining({ type: 'payout.declined', responseCode: 1058 }),
    ]);
  });

  it('refuses a payout callback signed with the payment key', async () => {
    setup();
    const body = {
      order_id: 'forged-payout',
      merchant_id: 1549901,
      amount: '1500',
      currency: 'GEL',
      order_status: 'approved',
      response_status: 'success',
      tran_type: 'p2p credit',
    };
    const res = await handlers.callback(
      new Request(CALLBACK, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, signature: await createSignature(body, 'test') }),
      }),
    );
    expect(res.status).toBe(400);
    expect(events).toEqual([]);
  });

  it('answers 500 (Flitt retries) when the client has no creditKey to verify one with', async () => {
    setup(createFlittClient({ merchantId: 1549901, secretKey: 'test' }));
    await client().payout(payout({ callbackUrl: CALLBACK }));
    await sandbox.control.callbacksIdle();
    expect(sandbox.control.callbacks()[0]?.status).toBe(500);
    expect(events).toEqual([]);
    expect(logger.error).toHaveBeenCalled();
  });
});
