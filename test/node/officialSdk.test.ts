// Flitt's official node SDK (@flittpayments/flitt-node-js-sdk), unpatched, against the sandbox: it
// must create, pay, check, capture and refund orders as it does against live Flitt. The SDK only
// takes a host name and always calls https.request on port 443, so its global agent is given a
// plain socket to the sandbox on 127.0.0.1; the SDK's own code, headers and bodies are unchanged.

import https from 'node:https';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Sdk {
  Checkout(data: Record<string, unknown>): Promise<Record<string, unknown>>;
  CheckoutToken(data: Record<string, unknown>): Promise<Record<string, unknown>>;
  Verification(data: Record<string, unknown>): Promise<Record<string, unknown>>;
  Subscription(data: Record<string, unknown>): Promise<Record<string, unknown>>;
  Status(data: Record<string, unknown>): Promise<Record<string, unknown>>;
  Reverse(data: Record<string, unknown>): Promise<Record<string, unknown>>;
  Capture(data: Record<string, unknown>): Promise<Record<string, unknown>>;
  Recurring(data: Record<string, unknown>): Promise<Record<string, unknown>>;
  isValidResponse(data: Record<string, unknown>): boolean;
}
type SdkConstructor = new (config: Record<string, unknown>) => Sdk;

const require = createRequire(import.meta.url);
const FlittPay = require('@flittpayments/flitt-node-js-sdk') as SdkConstructor;

/** Every https connection of this process goes to the sandbox's plain HTTP port on loopback. */
class ToSandbox extends https.Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }
  override createConnection(): Duplex {
    return connect(this.port, '127.0.0.1');
  }
}

let sandbox: RunningSandbox;
let previousAgent: https.Agent;
const agents = https as unknown as { globalAgent: https.Agent };
// `.invalid` never resolves: nothing can leave the machine even without the agent.
const sdk = new FlittPay({ merchantId: 1549901, secretKey: 'test', baseUrl: 'flitt.invalid' });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, callbackTimeScale: 0.001 });
  previousAgent = agents.globalAgent;
  agents.globalAgent = new ToSandbox(
    new URL(sandbox.url).port ? Number(new URL(sandbox.url).port) : 80,
  );
});

afterAll(async () => {
  agents.globalAgent = previousAgent;
  await sandbox.stop();
});

const tokenOf = (checkoutUrl: unknown) =>
  new URL(String(checkoutUrl)).searchParams.get('token') ?? '';

/** The payer pays the checkout the SDK just created (the sandbox's newest order) with the approved card. */
async function payNewest(created: Record<string, unknown>): Promise<string> {
  const orderId = String(sandbox.control.orders().at(-1)?.orderId);
  await sandbox.control.pay(tokenOf(created.checkout_url));
  return orderId;
}

describe('the official node SDK against the sandbox, unpatched', () => {
  it('creates a checkout URL, the payer pays, Status reads it back signed, Reverse refunds it in parts', async () => {
    const created = await sdk.Checkout({
      order_desc: 'order url',
      currency: 'GEL',
      amount: '1000',
    });
    expect(created).toMatchObject({
      response_status: 'success',
      checkout_url: expect.stringContaining(sandbox.url),
    });
    const orderId = await payNewest(created);
    // The SDK's own order ids: `<merchant>_<random>`.
    expect(orderId).toMatch(/^1549901_/);
    const status = await sdk.Status({ order_id: orderId });
    expect(status).toMatchObject({ order_status: 'approved', amount: '1000', currency: 'GEL' });
    expect(sdk.isValidResponse(status)).toBe(true);
    const partial = await sdk.Reverse({ order_id: orderId, amount: '400', currency: 'GEL' });
    expect(partial).toMatchObject({ reverse_status: 'approved', reversal_amount: '400' });
    const rest = await sdk.Reverse({ order_id: orderId, amount: '600', currency: 'GEL' });
    expect(rest).toMatchObject({ reverse_status: 'approved', reversal_amount: '1000' });
    expect((await sdk.Status({ order_id: orderId })).order_status).toBe('reversed');
  });

  it('creates a token for the embedded checkout', async () => {
    const created = await sdk.CheckoutToken({
      order_desc: 'order token',
      currency: 'GEL',
      amount: '1000',
    });
    expect(created.token).toMatch(/^[0-9a-f]{40}$/);
  });

  it('creates a card verification with its default amount 0, which Flitt takes', async () => {
    const created = await sdk.Verification({ order_desc: 'card check', currency: 'GEL' });
    expect(created).toMatchObject({ response_status: 'success', checkout_url: expect.any(String) });
    const orderId = await payNewest(created);
    expect(await sdk.Status({ order_id: orderId })).toMatchObject({
      order_status: 'reversed',
      amount: '0',
    });
  });

  it('holds with preauth, then Capture takes the held amount', async () => {
    const created = await sdk.Checkout({
      order_desc: 'held',
      currency: 'GEL',
      amount: '2500',
      preauth: 'Y',
    });
    const orderId = await payNewest(created);
    const captured = await sdk.Capture({ order_id: orderId, amount: '2500', currency: 'GEL' });
    expect(captured).toMatchObject({ capture_status: 'captured', response_status: 'success' });
  });

  it('creates a subscription checkout over protocol 2.0 with its own test data', async () => {
    // The SDK's test data plus an order_id: Subscription() does not make one up (Checkout() does),
    // and order_id is a required parameter (api-reference §2.2).
    const created = await sdk.Subscription({
      order_id: `sub-${Date.now()}`,
      order_desc: 'test order',
      currency: 'GEL',
      amount: 1000,
      recurring_data: {
        every: 5,
        period: 'day',
        amount: 1000,
        start_time: '2070-05-05',
        state: 'y',
        Readonly: 'n',
      },
    });
    expect(created).toMatchObject({
      response_status: 'success',
      checkout_url: expect.stringContaining(sandbox.url),
    });
  });

  it('saves a card with required_rectoken, then Recurring charges it without the payer', async () => {
    const created = await sdk.Checkout({
      order_desc: 'save card',
      currency: 'GEL',
      amount: '500',
      required_rectoken: 'Y',
    });
    const orderId = await payNewest(created);
    const { rectoken } = await sdk.Status({ order_id: orderId });
    const charged = await sdk.Recurring({
      order_desc: 'monthly',
      currency: 'GEL',
      amount: '500',
      rectoken,
    });
    expect(charged).toMatchObject({ order_status: 'approved', masked_card: '444455XXXXXX6666' });
  });
});
