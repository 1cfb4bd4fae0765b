import { decodeProtocol2, FlittValidationError } from '@flitt-checkout/core';
import { createSandbox, type Sandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFlittClient, type FlittClientOptions } from './createFlittClient.ts';
import { createFlittHandlers, type FlittHandlers } from './createFlittHandlers.ts';
import { FlittApiError, FlittSignatureError } from './errors.ts';
import type { FlittEvent } from './events.ts';
import type { SettleInput } from './settlement.ts';

// client.settle and split refunds against the sandbox (its msw handlers): what is checked before
// anything is sent, what Flitt refuses (FlittApiError with its code), and that amounts stay
// integers of minor units end to end.

const PARTNER_A = { merchantId: 1700001, secretKey: 'partner-a-key' };
const PARTNER_B = { merchantId: 1700002, secretKey: 'partner-b-key' };
const PARTNER_C = { merchantId: 1700004, secretKey: 'partner-c-key' };
const NO_SPLIT = { merchantId: 1700003, secretKey: 'no-split-key', split: false };
let handlers: FlittHandlers | undefined;
const sandbox: Sandbox = createSandbox({
  baseUrl: 'https://pay.flitt.com',
  merchants: [PARTNER_A, PARTNER_B, PARTNER_C, NO_SPLIT],
  // Callbacks go straight into the shop's Web handler, when a test mounts one.
  fetch: async (input, init) =>
    handlers ? handlers.callback(new Request(input, init)) : new Response('OK'),
});
const server = setupServer(...sandboxHandlers(sandbox));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sandbox.control.reset());
afterAll(() => {
  server.close();
  sandbox.close();
});

/** Every request the client sent, as its JSON `request`. */
let sent: Record<string, unknown>[] = [];
const recording: typeof fetch = async (input, init) => {
  sent.push((JSON.parse(String(init?.body)) as { request: Record<string, unknown> }).request);
  return fetch(input, init);
};
afterEach(() => {
  sent = [];
});

const client = (options: Partial<FlittClientOptions> = {}) =>
  createFlittClient({
    merchantId: 1549901,
    secretKey: 'test',
    retryDelayMs: 1,
    fetch: recording,
    ...options,
  });

let seq = 0;

/** A paid order of `amount`; resolves its id. */
async function paid(amount = 1000, options: Partial<FlittClientOptions> = {}, extra = {}) {
  const orderId = `split-${Date.now()}-${++seq}`;
  const { token } = await client(options).createCheckoutToken({
    order_id: orderId,
    order_desc: 'Marketplace basket',
    amount,
    currency: 'GEL',
    ...extra,
  });
  await sandbox.control.pay(token);
  return orderId;
}

const split = (operationId: string, extra: Partial<SettleInput> = {}): SettleInput => ({
  orderId: `settle-${++seq}`,
  operationId,
  amount: 1000,
  currency: 'GEL',
  description: 'Split of the basket',
  receivers: [
    {
      merchantId: PARTNER_A.merchantId,
      amount: 700,
      description: 'Seller A',
      feePartnerAmount: 35,
    },
    { merchantId: PARTNER_B.merchantId, amount: 300, description: 'Seller B' },
  ],
  ...extra,
});

/** The error `promise` rejects with. */
const failure = <T>(promise: Promise<T>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

describe('client.settle', () => {
  it('splits a paid order in protocol 2.0 and resolves the split Flitt confirmed', async () => {
    const operationId = await paid();
    const input = split(operationId);
    const result = await client().settle(input);
    expect(result).toMatchObject({
      orderId: input.orderId,
      operationId,
      status: 'approved',
      amount: 1000,
      currency: 'GEL',
      receivers: [
        { merchantId: PARTNER_A.merchantId, amount: 700 },
        { merchantId: PARTNER_B.merchantId, amount: 300 },
      ],
    });
    expect(result.order.tran_type).toBe('settlement');
    const request = sent.at(-1) as { version: string; data: string };
    expect(request.version).toBe('2.0');
    expect(decodeProtocol2(request.data)).toMatchObject({
      order_type: 'settlement',
      operation_id: operationId,
      merchant_id: 1549901,
      receiver: [
        {
          type: 'merchant',
          requisites: {
            amount: 700,
            merchant_id: PARTNER_A.merchantId,
            settlement_description: 'Seller A',
            fee_partner_amount: 35,
          },
        },
        {
          type: 'merchant',
          requisites: {
            amount: 300,
            merchant_id: PARTNER_B.merchantId,
            settlement_description: 'Seller B',
          },
        },
      ],
    });
    expect(sandbox.control.order(input.orderId)?.split?.operationId).toBe(operationId);
  });

  it('brings the split’s callback to onEvent as settlement.approved, not as a second payment', async () => {
    const events: FlittEvent[] = [];
    const callbackUrl = 'https://shop.example/api/flitt/callback';
    handlers = createFlittHandlers({
      client: createFlittClient({ merchantId: 1549901, secretKey: 'test', retryDelayMs: 1 }),
      resolveOrder: () => ({ amount: 1000, currency: 'GEL', order_desc: 'Basket' }),
      onEvent: (event) => {
        events.push(event);
      },
      callbackUrl,
      resultUrl: '/checkout/result',
    });
    try {
      const operationId = await paid();
      const input = split(operationId, { callbackUrl });
      await client().settle(input);
      await sandbox.control.callbacksIdle();
      expect(sandbox.control.callbacks().at(-1)).toMatchObject({
        orderId: input.orderId,
        status: 200,
      });
      expect(events).toEqual([
        expect.objectContaining({
          type: 'settlement.approved',
          orderId: input.orderId,
          operationId,
          amount: 1000,
        }),
      ]);
    } finally {
      handlers = undefined;
    }
  });

  it.each([
    [
      'parts that do not add up to the amount',
      { receivers: [{ merchantId: 1700001, amount: 600, description: 'A' }] },
      'receivers',
      1120,
    ],
    [
      'a fractional part',
      {
        receivers: [
          { merchantId: 1700001, amount: 699.5, description: 'A' },
          { merchantId: 1700002, amount: 300.5, description: 'B' },
        ],
      },
      'receivers[0].amount',
      1023,
    ],
    ['no receivers', { receivers: [] }, 'receivers', 1007],
    [
      'a merchant named twice',
      {
        receivers: [
          { merchantId: 1700001, amount: 500, description: 'A' },
          { merchantId: 1700001, amount: 500, description: 'A again' },
        ],
      },
      'receivers[1].merchantId',
      1007,
    ],
    [
      'a receiver without a description',
      { receivers: [{ merchantId: 1700001, amount: 1000, description: '' }] },
      'receivers[0].description',
      1009,
    ],
    [
      'a negative partner fee',
      {
        receivers: [{ merchantId: 1700001, amount: 1000, description: 'A', feePartnerAmount: -1 }],
      },
      'receivers[0].feePartnerAmount',
      1007,
    ],
    ['a float amount', { amount: 10.5 }, 'amount', 1023],
    ['the paid order’s own id', { orderId: 'same-id', operationId: 'same-id' }, 'orderId', 1013],
    ['a separator in the description', { description: 'a|b' }, 'description', 1034],
  ] as const)('refuses %s before sending (%s)', async (_what, extra, param, flittCode) => {
    const error = await failure(client().settle(split('any-order', extra as Partial<SettleInput>)));
    expect(error).toBeInstanceOf(FlittValidationError);
    const issues = (error as FlittValidationError).issues;
    expect(issues).toContainEqual(expect.objectContaining({ param, flittCode }));
    expect((error as Error).message).toMatch(/settlement parameters; nothing was sent to Flitt/);
    expect(sent).toHaveLength(0);
  });

  it('names the fix for parts that do not add up', async () => {
    const error = (await failure(
      client().settle(
        split('x', { receivers: [{ merchantId: 1700001, amount: 999, description: 'A' }] }),
      ),
    )) as FlittValidationError;
    expect(error.message).toMatch(
      /receivers: amounts add up to 999, but amount is 1000: make the parts add up/,
    );
  });

  it.each([
    [
      '1107 for a receiver of another company',
      (id: string) =>
        split(id, { receivers: [{ merchantId: 9999999, amount: 1000, description: 'X' }] }),
      1107,
    ],
    [
      '1120 for an amount that differs from what was paid',
      (id: string) =>
        split(id, {
          amount: 900,
          receivers: [{ merchantId: 1700001, amount: 900, description: 'A' }],
        }),
      1120,
    ],
    ['1018 for an unknown operation', () => split('no-such-order'), 1018],
  ] as const)('rejects with Flitt’s %s', async (_what, input, flittCode) => {
    const operationId = await paid();
    const error = await failure(client().settle(input(operationId)));
    expect(error).toBeInstanceOf(FlittApiError);
    expect(error).toMatchObject({ flittCode });
  });

  it('rejects with 1106 for a merchant without split payments', async () => {
    const options = { merchantId: NO_SPLIT.merchantId, secretKey: NO_SPLIT.secretKey };
    const operationId = await paid(1000, options);
    await expect(client(options).settle(split(operationId))).rejects.toMatchObject({
      flittCode: 1106,
    });
  });

  it('rejects with 1114 before a pre-authorisation is captured, and splits the captured amount after', async () => {
    const operationId = await paid(1000, {}, { preauth: 'Y' });
    await expect(client().settle(split(operationId))).rejects.toMatchObject({ flittCode: 1114 });
    await client().capture({ orderId: operationId, amount: 800, currency: 'GEL' });
    const receivers = [
      { merchantId: 1700001, amount: 500, description: 'A' },
      { merchantId: 1700002, amount: 300, description: 'B' },
    ];
    await expect(
      client().settle(split(operationId, { amount: 800, receivers })),
    ).resolves.toMatchObject({
      status: 'approved',
      amount: 800,
    });
  });

  it('rejects with 1007 for an unpaid order', async () => {
    const orderId = `unpaid-${++seq}`;
    await client().createCheckoutToken({
      order_id: orderId,
      order_desc: 'Not yet',
      amount: 1000,
      currency: 'GEL',
    });
    await expect(client().settle(split(orderId))).rejects.toMatchObject({ flittCode: 1007 });
  });

  it('rejects a reply whose protocol 2.0 signature does not match', async () => {
    const operationId = await paid();
    const tampering: typeof fetch = async (input, init) => {
      const body = (await (await fetch(input, init)).json()) as { response: { data?: string } };
      if (body.response.data) body.response.data = `${body.response.data.slice(0, -4)}AAA=`;
      return Response.json(body);
    };
    await expect(client({ fetch: tampering }).settle(split(operationId))).rejects.toBeInstanceOf(
      FlittSignatureError,
    );
  });
});

describe('client.reverse with receivers (split refunds)', () => {
  async function splitOrder() {
    const operationId = await paid();
    await client().settle(split(operationId));
    return operationId;
  }

  it('takes each part back from its receiver in protocol 2.0, reversal_amount cumulative', async () => {
    const orderId = await splitOrder();
    const first = await client().reverse({
      orderId,
      amount: 400,
      currency: 'GEL',
      receivers: [
        { merchantId: 1700001, amount: 300 },
        { merchantId: 1700002, amount: 100 },
      ],
    });
    expect(first).toMatchObject({
      reverseStatus: 'approved',
      reversalAmount: 400,
      protocol: '2.0',
    });
    const request = sent.at(-1) as { version: string; data: string };
    expect(decodeProtocol2(request.data)).toMatchObject({
      receiver: [
        { type: 'merchant', requisites: { amount: 300, merchant_id: 1700001 } },
        { type: 'merchant', requisites: { amount: 100, merchant_id: 1700002 } },
      ],
    });
    const rest = await client().reverse({
      orderId,
      amount: 600,
      currency: 'GEL',
      receivers: [
        { merchantId: 1700001, amount: 400 },
        { merchantId: 1700002, amount: 200 },
      ],
    });
    expect(rest.reversalAmount).toBe(1000);
    expect((await client().getOrderStatus(orderId)).order_status).toBe('reversed');
  });

  it('checks the parts against the amount before sending', async () => {
    const error = await failure(
      client().reverse({
        orderId: 'o',
        amount: 500,
        currency: 'GEL',
        receivers: [{ merchantId: 1700001, amount: 400 }],
      }),
    );
    expect(error).toBeInstanceOf(FlittValidationError);
    expect((error as FlittValidationError).issues).toContainEqual(
      expect.objectContaining({ param: 'receivers', flittCode: 1120 }),
    );
    expect((error as Error).message).toMatch(/reverse parameters/);
    expect(sent).toHaveLength(0);
  });

  it.each([
    ['1108 for a merchant that is not one of the receivers', 1700004, 100, 1108],
    ['1016 for a merchant Flitt does not know', 9999999, 100, 1016],
    ['1120 for more than the receiver’s share', 1700002, 301, 1120],
  ])('rejects with %s', async (_what, merchantId, amount, flittCode) => {
    const orderId = await splitOrder();
    const error = await failure(
      client().reverse({ orderId, amount, currency: 'GEL', receivers: [{ merchantId, amount }] }),
    );
    expect(error).toBeInstanceOf(FlittApiError);
    expect(error).toMatchObject({ flittCode });
    expect(sandbox.control.order(orderId)?.reversalAmount).toBe(0);
  });

  it('rejects a split order refunded without receivers (1011)', async () => {
    const orderId = await splitOrder();
    await expect(client().reverse({ orderId, amount: 100, currency: 'GEL' })).rejects.toMatchObject(
      {
        flittCode: 1011,
      },
    );
  });
});

/** A seeded generator, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

/** `total` cut into `count` positive integer parts at random. */
function cut(next: (below: number) => number, total: number, count: number): number[] {
  const parts: number[] = [];
  let left = total;
  for (let i = count; i > 1; i--) {
    const part = 1 + next(left - i + 1);
    parts.push(part);
    left -= part;
  }
  parts.push(left);
  return parts;
}

describe('split amounts (property, seeded)', () => {
  it('round-trips random amounts through settle and split refunds as exact integers', async () => {
    const receivers = [PARTNER_A, PARTNER_B, PARTNER_C];
    for (const seed of [1, 7, 42, 1234, 99991]) {
      const next = random(seed);
      // Amounts whose decimal major units are not exact in binary (…29, …01) included.
      const total = 3 + next(2_000_000);
      const count = 1 + next(3);
      const parts = cut(next, total, count);
      const operationId = await paid(total);
      const input = split(operationId, {
        amount: total,
        receivers: parts.map((amount, i) => ({
          merchantId: (receivers[i] as { merchantId: number }).merchantId,
          amount,
          description: `part ${i}`,
        })),
      });
      const result = await client().settle(input);
      expect(result.amount, `seed ${seed}`).toBe(total);
      expect(result.receivers.map((r) => r.amount)).toEqual(parts);
      expect(Number(result.order.amount)).toBe(total);
      const kept = sandbox.control.order(input.orderId)?.split?.receivers.map((r) => r.amount);
      expect(kept, `seed ${seed}`).toEqual(parts);

      // Refund a random share of each part, then the rest: the cumulative total is exact.
      let refunded = 0;
      for (const round of [0, 1]) {
        const back = parts.map((part) => (round === 0 ? next(part) : part));
        const taken =
          sandbox.control.order(operationId)?.split?.receivers.map((r) => r.reversed) ?? [];
        const amounts = back.map((b, i) => b - (round === 0 ? 0 : (taken[i] ?? 0)));
        const chosen = amounts
          .map((amount, i) => ({
            merchantId: (receivers[i] as { merchantId: number }).merchantId,
            amount,
          }))
          .filter((r) => r.amount > 0);
        if (chosen.length === 0) continue;
        const amount = chosen.reduce((sum, r) => sum + r.amount, 0);
        const reply = await client().reverse({
          orderId: operationId,
          amount,
          currency: 'GEL',
          receivers: chosen,
        });
        refunded += amount;
        expect(reply.reversalAmount, `seed ${seed} round ${round}`).toBe(refunded);
      }
      expect(refunded).toBe(total);
      expect(sandbox.control.order(operationId)).toMatchObject({
        status: 'reversed',
        reversalAmount: total,
      });
    }
  });
});
