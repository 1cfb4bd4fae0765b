import { FlittConfigError } from '@flitt-checkout/core';
import { createSandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryCallbackStore } from './callbackStore.ts';
import { createMemoryCardVault } from './cardVault.ts';
import { createFlittClient } from './createFlittClient.ts';
import { createFlittHandlers, type FlittHandlersOptions } from './createFlittHandlers.ts';
import type { FlittEvent } from './events.ts';
import type { CustomerOf } from './savedCards.ts';

// Saved cards through the real handlers and the sandbox behind msw: the payer is who the shop's
// sign-in says (here a bearer token), never what the body says.
const SHOP = 'https://shop.example';
const clock = Date.UTC(2026, 2, 1, 9);
const sandbox = createSandbox({
  baseUrl: 'https://pay.flitt.com',
  now: () => clock,
  callbackTimeScale: 0.0001,
  fetch: async (input, init) => handlers.callback(new Request(input, init)),
});
sandbox.control.addMerchant({
  merchantId: 1700002,
  secretKey: 'no-recurring-key',
  recurring: false,
});
const server = setupServer(...sandboxHandlers(sandbox));
const logger = { warn: vi.fn(), error: vi.fn() };
const events: FlittEvent[] = [];
const PRICES: Record<string, number> = { tea: 700, honey: 1850 };

const options = (merchant = { merchantId: 1549901, secretKey: 'test' }): FlittHandlersOptions => ({
  client: createFlittClient({ ...merchant, retryDelayMs: 1 }),
  resolveOrder: ({ order }) => {
    const items = (order as { items?: { sku: string; qty: number }[] }).items ?? [];
    return {
      amount: items.reduce((sum, i) => sum + (PRICES[i.sku] ?? 0) * i.qty, 0),
      currency: 'GEL',
      order_desc: 'Pantry order',
    };
  },
  onEvent: (event) => {
    events.push(event);
  },
  callbackUrl: `${SHOP}/api/flitt/callback`,
  returnUrl: `${SHOP}/api/flitt/return`,
  resultUrl: '/result',
  vault,
  // One store for every handler set here, as instances behind a load balancer share one.
  store,
  cardCheck: { amount: 100, currency: 'GEL' },
  customerOf: (request) => request.headers.get('authorization')?.replace(/^Bearer /, '') ?? null,
  logger,
});
const vault = createMemoryCardVault({ now: () => clock });
const store = createMemoryCallbackStore();
const handlers = createFlittHandlers(options());

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  events.length = 0;
  vi.clearAllMocks();
});
afterAll(() => {
  server.close();
  sandbox.close();
});

const as = (customer: string | null) =>
  customer ? { authorization: `Bearer ${customer}` } : ({} as Record<string, string>);
const cart = { items: [{ sku: 'tea', qty: 2 }] }; // 14.00 GEL

async function checkout(body: object, customer: string | null, target = handlers) {
  return target.createCheckout(
    new Request(`${SHOP}/api/flitt/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...as(customer) },
      body: JSON.stringify(body),
    }),
  );
}

/** Pays a new embedded checkout with `card`, saving it for `customer`; the order id. */
async function payAndSave(customer: string, card = '4444555511116666') {
  const response = await checkout({ flow: 'embedded', order: cart, saveCard: true }, customer);
  expect(response.status).toBe(200);
  const { orderId, token } = (await response.json()) as { orderId: string; token: string };
  await sandbox.control.pay(token, card);
  await sandbox.control.callbacksIdle();
  return orderId;
}

const cards = async (customer: string | null, target = handlers) =>
  target.cards(new Request(`${SHOP}/api/flitt/cards`, { headers: as(customer) }));

const post = async (body: object, customer: string | null, target = handlers) =>
  target.cards(
    new Request(`${SHOP}/api/flitt/cards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...as(customer) },
      body: JSON.stringify(body),
    }),
  );

async function cardIdOf(customer: string): Promise<string> {
  const list = (await (await cards(customer)).json()) as { cards: { id: string }[] };
  return list.cards[0]?.id ?? '';
}

describe('saved cards', () => {
  it('saves the card of a paid checkout for the signed-in payer, and shows it without its token', async () => {
    const orderId = await payAndSave('alice');
    expect(sandbox.control.order(orderId)?.status).toBe('approved');
    const response = await cards('alice');
    expect(response.status).toBe(200);
    const text = await response.text();
    const { cards: list } = JSON.parse(text) as { cards: Record<string, unknown>[] };
    expect(list).toEqual([
      {
        id: expect.stringMatching(/^card_[0-9a-f]{20}$/),
        brand: 'VISA',
        maskedPan: '444455XXXXXX6666',
        last4: '6666',
        // Flitt's rectoken_lifetime "01.01.2031 00:00:00" (the test card expires 12/30), as UTC.
        expiresAt: Date.UTC(2031, 0, 1),
        expired: false,
      },
    ]);
    const saved = await vault.find('alice', String(list[0]?.id));
    expect(saved?.rectoken).toMatch(/^[A-Za-z0-9]{20,}$/);
    expect(text).not.toContain(String(saved?.rectoken));
    // Someone else sees none of it.
    expect(((await (await cards('bob')).json()) as { cards: unknown[] }).cards).toEqual([]);
    // onEvent heard of the payment once, as usual.
    expect(events.map((e) => [e.type, e.orderId])).toEqual([['payment.approved', orderId]]);
  });

  it('refuses to save a card for nobody, and when saved cards are off, before Flitt is asked', async () => {
    const before = sandbox.control.orders().length;
    const anonymous = await checkout({ flow: 'redirect', order: cart, saveCard: true }, null);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      error: { code: 'sign_in_required', payerMessage: expect.stringMatching(/sign in/i) },
    });
    const { vault: _v, customerOf: _c, cardCheck: _k, ...plain } = options();
    const off = await checkout(
      { flow: 'redirect', order: cart, saveCard: true },
      'alice',
      createFlittHandlers(plain),
    );
    expect(off.status).toBe(403);
    expect(await off.json()).toMatchObject({ error: { code: 'saved_cards_off' } });
    expect((await cards('alice', createFlittHandlers(plain))).status).toBe(403);
    expect(sandbox.control.orders()).toHaveLength(before);
    // Without saveCard, no token is asked for, and none is kept.
    const normal = await checkout({ flow: 'embedded', order: cart }, 'alice');
    const { orderId, token } = (await normal.json()) as { orderId: string; token: string };
    await sandbox.control.pay(token, '4444555511116666');
    await sandbox.control.callbacksIdle();
    expect(sandbox.control.order(orderId)).toMatchObject({ status: 'approved' });
    expect(sandbox.control.order(orderId)?.rectoken).toBeUndefined();
    expect(await cardIdOf('alice')).not.toBe('');
    expect(((await (await cards('alice')).json()) as { cards: unknown[] }).cards).toHaveLength(1);
  });

  it('pays again in one click: the server prices the order, Flitt charges the token, onEvent hears once', async () => {
    await payAndSave('carol');
    events.length = 0;
    const cardId = await cardIdOf('carol');
    const response = await post(
      { action: 'pay', cardId, order: { items: [{ sku: 'honey', qty: 1 }], amount: 1 } },
      'carol',
    );
    expect(response.status).toBe(200);
    const paid = (await response.json()) as Record<string, unknown>;
    expect(paid).toMatchObject({
      status: 'approved',
      amount: 1850,
      currency: 'GEL',
      responseCode: null,
      payerMessage: expect.stringMatching(/Thank you/),
    });
    // The charge's callback comes too: still one event for it.
    await sandbox.control.callbacksIdle();
    expect(events.map((e) => [e.type, e.orderId])).toEqual([['payment.approved', paid.orderId]]);
  });

  it('charges an attempt once: its repeat (the browser got no answer) reads back the first charge', async () => {
    await payAndSave('mona');
    await payAndSave('nick');
    const cardId = await cardIdOf('mona');
    const body = { action: 'pay', cardId, order: cart, attempt: 'attempt-0000000001' };
    const charges = () => sandbox.control.orders().filter((o) => o.amount === 1400).length;
    const before = charges();
    const first = (await (await post(body, 'mona')).json()) as Record<string, unknown>;
    expect(first).toMatchObject({ status: 'approved', amount: 1400 });
    // 24 hex digits of a digest: neither the customer nor the attempt can be read from it.
    expect(first.orderId).toMatch(/sc-[0-9a-f]{24}$/);
    await sandbox.control.callbacksIdle();
    events.length = 0;
    // The same attempt again: Flitt refuses the duplicate order id, and the server answers what
    // Flitt has. One charge, and onEvent is not told twice.
    const again = await post(body, 'mona');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    expect(charges()).toBe(before + 1);
    await sandbox.control.callbacksIdle();
    expect(events).toEqual([]);
    // A new attempt is a new payment; another customer's same attempt id is theirs, not Mona's.
    const next = (await (
      await post({ ...body, attempt: 'attempt-0000000002' }, 'mona')
    ).json()) as {
      orderId: string;
    };
    expect(next.orderId).not.toBe(first.orderId);
    const nickCard = await cardIdOf('nick');
    const nick = (await (await post({ ...body, cardId: nickCard }, 'nick')).json()) as {
      orderId: string;
      status: string;
    };
    expect(nick.status).toBe('approved');
    expect(nick.orderId).not.toBe(first.orderId);
    expect(charges()).toBe(before + 3);
    // The same attempt for a cart that changed since: not answered with the first charge.
    const honey = { items: [{ sku: 'honey', qty: 4 }] }; // 74.00 GEL
    const changed = await post({ ...body, order: honey }, 'mona');
    expect(changed.status).toBe(409);
    expect(await changed.json()).toMatchObject({ error: { code: 'attempt_mismatch' } });
    expect(sandbox.control.orders().some((o) => o.amount === 7400)).toBe(false);
    // Not an id of the browser's choosing: a malformed attempt is refused before anything runs.
    expect((await post({ ...body, attempt: 'short' }, 'mona')).status).toBe(400);
    expect((await post({ ...body, attempt: 'a|b'.repeat(4) }, 'mona')).status).toBe(400);
  });

  it('tells the truth when Flitt charged but its answer was lost: read back, not "try again"', async () => {
    await payAndSave('pavel');
    const shop = createFlittHandlers({
      ...options(),
      client: createFlittClient({ merchantId: 1549901, secretKey: 'test', timeoutMs: 300 }),
    });
    const cardId = await cardIdOf('pavel');
    events.length = 0;
    sandbox.control.failNext(1, 'lost_reply', '/api/recurring');
    const response = await post({ action: 'pay', cardId, order: cart }, 'pavel', shop);
    expect(response.status).toBe(200);
    const paid = (await response.json()) as { orderId: string; status: string };
    expect(paid.status).toBe('approved');
    expect(sandbox.control.order(paid.orderId)).toMatchObject({ status: 'approved', amount: 1400 });
    await sandbox.control.callbacksIdle();
    expect(events.map((e) => [e.type, e.orderId])).toEqual([['payment.approved', paid.orderId]]);
    // A request that never reached Flitt: nothing to read back, so the payer may try again.
    sandbox.control.failNext(1, 'timeout', '/api/recurring');
    const unsent = await post({ action: 'pay', cardId, order: cart }, 'pavel', shop);
    expect(unsent.status).toBe(504);
    expect(await unsent.json()).toMatchObject({ error: { code: 'timeout' } });
  });

  it('never lets one payer see, use or remove another payer’s card', async () => {
    await payAndSave('dave');
    const daves = await cardIdOf('dave');
    const before = sandbox.control.orders().length;
    const stolen = await post({ action: 'pay', cardId: daves, order: cart }, 'mallory');
    expect(stolen.status).toBe(404);
    expect(await stolen.json()).toMatchObject({ error: { code: 'card_not_found' } });
    expect((await post({ action: 'remove', cardId: daves }, 'mallory')).status).toBe(404);
    // Not even by naming the victim in the body: the customer is the sign-in's.
    expect(
      (await post({ action: 'pay', cardId: daves, order: cart, customerId: 'dave' }, 'mallory'))
        .status,
    ).toBe(404);
    expect((await post({ action: 'pay', cardId: daves, order: cart }, null)).status).toBe(401);
    expect(sandbox.control.orders()).toHaveLength(before);
    expect(await cardIdOf('dave')).toBe(daves);
  });

  it('never saves a card into another payer’s vault through an order id the shop chose', async () => {
    // A shop whose resolveOrder names the order after the cart, as many do.
    const byCart = createFlittHandlers({
      ...options(),
      resolveOrder: ({ order }) => ({
        order_id: `cart-${(order as { cartId: string }).cartId}-${clock}`,
        amount: 700,
        currency: 'GEL',
        order_desc: 'Pantry order',
      }),
    });
    const alice = await checkout(
      { flow: 'embedded', order: { cartId: '42' }, saveCard: true },
      'alice-2',
      byCart,
    );
    expect(alice.status).toBe(200);
    // Mallory asks to save the card of the same order id: refused before Flitt is called.
    const mallory = await checkout(
      { flow: 'embedded', order: { cartId: '42' }, saveCard: true },
      'mallory-2',
      byCart,
    );
    expect(mallory.status).toBe(409);
    expect(await mallory.json()).toMatchObject({ error: { code: 'order_in_use' } });
    const { token } = (await alice.json()) as { token: string };
    await sandbox.control.pay(token, '4444555511116666');
    await sandbox.control.callbacksIdle();
    expect(await cardIdOf('alice-2')).toMatch(/^card_/);
    expect(await cardIdOf('mallory-2')).toBe('');
  });

  it('keeps a card removed after a one-click payment with it, when that payment is refunded later', async () => {
    await payAndSave('rosa');
    const cardId = await cardIdOf('rosa');
    const body = { action: 'pay', cardId, order: cart, attempt: 'attempt-rosa-0000001' };
    const first = (await (await post(body, 'rosa')).json()) as { orderId: string; status: string };
    expect(first.status).toBe('approved');
    await sandbox.control.callbacksIdle();
    expect((await post({ action: 'remove', cardId }, 'rosa')).status).toBe(200);
    const client = createFlittClient({ merchantId: 1549901, secretKey: 'test' });
    await client.reverse({ orderId: first.orderId, amount: 100, currency: 'GEL' });
    await sandbox.control.callbacksIdle();
    expect(events.map((e) => e.type)).toContain('payment.refunded');
    expect(await cardIdOf('rosa')).toBe('');
  });

  it('keeps a removed card removed when its order is refunded later', async () => {
    const orderId = await payAndSave('olga');
    const cardId = await cardIdOf('olga');
    expect((await post({ action: 'remove', cardId }, 'olga')).status).toBe(200);
    // A partial refund is a new event of the same order, whose status still carries the token.
    const client = createFlittClient({ merchantId: 1549901, secretKey: 'test' });
    await client.reverse({ orderId, amount: 100, currency: 'GEL' });
    await sandbox.control.callbacksIdle();
    expect(events.map((e) => e.type)).toContain('payment.refunded');
    expect(await cardIdOf('olga')).toBe('');
  });

  it('asks for the card again when Flitt’s token expired or is unknown, and forgets the card', async () => {
    await payAndSave('erin');
    const cardId = await cardIdOf('erin');
    const saved = await vault.find('erin', cardId);
    // Expired at Flitt while the vault still thinks it good: Flitt's 1082.
    sandbox.control.expireRectoken(String(saved?.rectoken), 0);
    await vault.expect('imported', 'erin');
    await vault.save('imported', { ...(saved as NonNullable<typeof saved>), expiresAt: null });
    const expired = await post({ action: 'pay', cardId, order: cart, locale: 'ka' }, 'erin');
    expect(expired.status).toBe(410);
    const body = (await expired.json()) as { error: { code: string; payerMessage: string } };
    expect(body.error.code).toBe('card_expired');
    expect(body.error.payerMessage).toMatch(/ბარათ/);
    expect(await cardIdOf('erin')).toBe('');
    // A token Flitt never issued (1035): the same.
    await vault.expect('forged', 'erin');
    const unknown = await vault.save('forged', {
      rectoken: 'NotAFlittToken0000000000000000000000000000000',
      brand: 'VISA',
      maskedPan: '444455XXXXXX0000',
      expiresAt: null,
    });
    expect((await post({ action: 'pay', cardId: unknown?.id, order: cart }, 'erin')).status).toBe(
      410,
    );
    expect(await cardIdOf('erin')).toBe('');
  });

  it('does not call Flitt for a card the vault knows has expired', async () => {
    await vault.expect('old', 'frank');
    const old = await vault.save('old', {
      rectoken: 'OldToken',
      brand: 'MasterCard',
      maskedPan: '555555XXXXXX4444',
      expiresAt: clock - 1,
    });
    const list = (await (await cards('frank')).json()) as { cards: { expired: boolean }[] };
    expect(list.cards).toMatchObject([{ expired: true }]);
    const before = sandbox.control.orders().length;
    expect((await post({ action: 'pay', cardId: old?.id, order: cart }, 'frank')).status).toBe(410);
    expect(sandbox.control.orders()).toHaveLength(before);
  });

  it('removes a card for its owner', async () => {
    await payAndSave('grace');
    const cardId = await cardIdOf('grace');
    const removed = await post({ action: 'remove', cardId }, 'grace');
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ cards: [] });
    expect((await post({ action: 'remove', cardId }, 'grace')).status).toBe(404);
  });

  it('says so when Flitt has not enabled recurring payments for the merchant (1059 / 1060)', async () => {
    const merchant = { merchantId: 1700002, secretKey: 'no-recurring-key' };
    const shop = createFlittHandlers({ ...options(merchant), vault: createMemoryCardVault() });
    const asked = await checkout({ flow: 'redirect', order: cart, saveCard: true }, 'heidi', shop);
    expect(asked.status).toBe(502);
    expect(await asked.json()).toMatchObject({ error: { code: 'flitt_failure', flittCode: 1059 } });
  });

  it('adds a card without buying: a card check Flitt gives back, saved once confirmed', async () => {
    const added = await post({ action: 'add', flow: 'embedded' }, 'judy');
    expect(added.status).toBe(200);
    const { orderId, token } = (await added.json()) as { orderId: string; token: string };
    await sandbox.control.pay(token, '4444555511116666');
    await sandbox.control.callbacksIdle();
    expect(sandbox.control.order(orderId)).toMatchObject({
      status: 'reversed',
      verificationStatus: 'verified',
      amount: 100,
    });
    // No money moved: a card.verified event, not a payment or a refund.
    expect(events.map((e) => [e.type, e.orderId])).toEqual([['card.verified', orderId]]);
    expect(await cardIdOf('judy')).toMatch(/^card_/);
    // The result page's status answer says the card was saved, not "cancelled".
    const status = await handlers.status(
      new Request(`${SHOP}/api/flitt/status?order_id=${orderId}&locale=ru`),
    );
    expect(await status.json()).toMatchObject({
      status: 'reversed',
      cardCheck: 'verified',
      payerMessage: expect.stringMatching(/карта проверена и сохранена/i),
    });
  });

  it('saves the card when the status is read before Flitt’s callback arrives (or if it never does)', async () => {
    // This shop's own vault: the sandbox's callbacks reach the other handler set, whose vault
    // expects nothing, so only the status read can save the card here.
    const own = createMemoryCardVault({ now: () => clock });
    const shop = createFlittHandlers({ ...options(), vault: own });
    const added = await post({ action: 'add', flow: 'embedded' }, 'ivy', shop);
    const { orderId, token } = (await added.json()) as { orderId: string; token: string };
    await sandbox.control.pay(token, '4444555566669999');
    await sandbox.control.callbacksIdle();
    expect(await own.list('ivy')).toEqual([]);
    const read = async () =>
      (await shop.status(new Request(`${SHOP}/api/flitt/status?order_id=${orderId}`))).json();
    expect(await read()).toMatchObject({ status: 'reversed', cardCheck: 'verified' });
    const [card, ...more] = await own.list('ivy');
    expect(more).toEqual([]);
    expect(card).toMatchObject({ customerId: 'ivy', maskedPan: '444455XXXXXX9999' });
    // Read again: the expectation was used up, so no second card, and no one else gets it.
    await read();
    expect(await own.list('ivy')).toHaveLength(1);
    expect(await own.list('judy')).toEqual([]);
  });

  it('adds a card after the payer types the check’s code', async () => {
    const shop = createFlittHandlers({
      ...options(),
      cardCheck: { amount: 100, currency: 'GEL', type: 'code' },
    });
    const added = await post({ action: 'add', flow: 'redirect' }, 'ken', shop);
    const { orderId, checkoutUrl } = (await added.json()) as {
      orderId: string;
      checkoutUrl: string;
    };
    const token = new URL(checkoutUrl).searchParams.get('token') ?? '';
    await sandbox.control.pay(token, '4444555511116666');
    expect(sandbox.control.order(orderId)?.status).toBe('processing');
    expect(await cardIdOf('ken')).toBe('');
    // Until the code is typed, the status page waits: the check is pending, not paid or failed.
    const waiting = await shop.status(new Request(`${SHOP}/api/flitt/status?order_id=${orderId}`));
    expect(await waiting.json()).toMatchObject({ status: 'processing', cardCheck: 'pending' });
    await sandbox.control.verify(orderId);
    await sandbox.control.callbacksIdle();
    expect(sandbox.control.order(orderId)?.verificationStatus).toBe('verified');
    expect(await cardIdOf('ken')).toMatch(/^card_/);
  });

  it('warns once, at set-up, that without callbackUrl cards depend on the result page', () => {
    const { callbackUrl: _url, ...rest } = options();
    createFlittHandlers(rest);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/without callbackUrl/));
    vi.clearAllMocks();
    createFlittHandlers(options());
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('keeps adding cards off until the shop sets a card check', async () => {
    const { cardCheck: _check, ...rest } = options();
    const off = await post({ action: 'add', flow: 'redirect' }, 'leo', createFlittHandlers(rest));
    expect(off.status).toBe(403);
    expect(await off.json()).toMatchObject({
      error: {
        code: 'card_check_off',
        payerMessage: expect.stringMatching(/can’t accept payments/),
      },
    });
    expect(() =>
      createFlittHandlers({ ...options(), cardCheck: { amount: 1.5, currency: 'gel' } }),
    ).toThrow(/cardCheck must be/);
    expect((await post({ action: 'add', flow: 'popup' }, 'leo')).status).toBe(400);
  });

  it('answers bad requests plainly', async () => {
    const form = await handlers.cards(
      new Request(`${SHOP}/api/flitt/cards`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...as('ivan') },
        body: 'action=remove&cardId=x',
      }),
    );
    expect(form.status).toBe(415);
    expect((await post({ action: 'steal', cardId: 'x' }, 'ivan')).status).toBe(400);
    expect((await post({ action: 'pay' }, 'ivan')).status).toBe(400);
    expect(
      (await handlers.cards(new Request(`${SHOP}/api/flitt/cards`, { method: 'DELETE' }))).status,
    ).toBe(405);
    expect(() =>
      createFlittHandlers({
        ...options(),
        customerOf: undefined,
      } as unknown as FlittHandlersOptions),
    ).toThrow(/customerOf\(request\)/);
    expect(() =>
      createFlittHandlers({ ...options(), vault: {} as never } as FlittHandlersOptions),
    ).toThrow(/vault: a CardVault/);
  });

  it('answers every refusal with its status, code and the payer’s words', async () => {
    const { vault: _v, customerOf: _c, cardCheck: _k, ...plain } = options();
    const off = createFlittHandlers(plain);
    const refusals: [Response, number, string, RegExp][] = [
      [await cards(null), 401, 'sign_in_required', /sign in/i],
      [
        await post({ action: 'remove', cardId: 'card_x' }, null),
        401,
        'sign_in_required',
        /sign in/i,
      ],
      [await cards('alice', off), 403, 'saved_cards_off', /can’t accept payments/],
      [await post({ action: 'remove', cardId: 'x' }, 'alice', off), 403, 'saved_cards_off', /shop/],
      [
        await post({ action: 'pay', cardId: 'card_none', order: cart }, 'rita'),
        404,
        'card_not_found',
        /enter your card details again/,
      ],
      [
        await post({ action: 'remove', cardId: 'card_none' }, 'rita'),
        404,
        'card_not_found',
        /enter your card details again/,
      ],
      [await post({ action: 'steal', cardId: 'x' }, 'rita'), 400, 'invalid_request', /shop/],
      [
        await handlers.cards(
          new Request(`${SHOP}/api/flitt/cards`, { method: 'PUT', headers: as('rita') }),
        ),
        405,
        'method_not_allowed',
        /shop/,
      ],
    ];
    for (const [response, status, code, words] of refusals) {
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({
        error: { code, payerMessage: expect.stringMatching(words) },
      });
    }
    // The payer's language is the body's, for a refusal after the body is read.
    const ka = await post({ action: 'remove', cardId: 'card_none', locale: 'ka' }, 'rita');
    expect(((await ka.json()) as { error: { payerMessage: string } }).error.payerMessage).toMatch(
      /ბარათ/,
    );
    expect(
      (await post({ action: 'remove', cardId: 'x', locale: 'ka' }, null).then((r) =>
        r.json(),
      )) as object,
    ).toMatchObject({
      error: { code: 'sign_in_required', payerMessage: expect.not.stringMatching(/sign in/i) },
    });
  });

  it('takes the customer only as a non-empty string, from a sync or async customerOf', async () => {
    const shop = (customerOf: CustomerOf) => createFlittHandlers({ ...options(), customerOf });
    await payAndSave('sam');
    for (const nobody of ['', 42, undefined, null, { id: 'sam' }])
      expect(
        (
          await cards(
            'sam',
            shop(() => nobody as never),
          )
        ).status,
      ).toBe(401);
    const async = await cards(
      null,
      shop(async () => 'sam'),
    );
    expect(async.status).toBe(200);
    expect(((await async.json()) as { cards: unknown[] }).cards).toHaveLength(1);
  });

  it('refuses a one-click payment with 409 when the shop’s order id is being paid by someone else', async () => {
    const byCart = createFlittHandlers({
      ...options(),
      resolveOrder: ({ order }) => ({
        order_id: `cart-${(order as { cartId: string }).cartId}-${clock}`,
        amount: 700,
        currency: 'GEL',
        order_desc: 'Pantry order',
      }),
    });
    await payAndSave('tina');
    const tinas = await cardIdOf('tina');
    const uma = await checkout(
      { flow: 'embedded', order: { cartId: '77' }, saveCard: true },
      'uma',
      byCart,
    );
    expect(uma.status).toBe(200);
    const before = sandbox.control.orders().length;
    const taken = await post(
      { action: 'pay', cardId: tinas, order: { cartId: '77' } },
      'tina',
      byCart,
    );
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: { code: 'order_in_use' } });
    expect(sandbox.control.orders()).toHaveLength(before);
    // Uma paying her own order is not refused by it.
    const { token } = (await uma.json()) as { token: string };
    await sandbox.control.pay(token, '4444555511116666');
    await sandbox.control.callbacksIdle();
    expect(await cardIdOf('uma')).toMatch(/^card_/);
  });

  it('reads back a duplicate only for the attempt’s own order id, never an order id the shop chose', async () => {
    const byCart = createFlittHandlers({
      ...options(),
      resolveOrder: ({ order }) => ({
        order_id: `cart-${(order as { cartId: string }).cartId}-${clock}`,
        amount: 700,
        currency: 'GEL',
        order_desc: 'Pantry order',
      }),
    });
    await payAndSave('vera');
    const cardId = await cardIdOf('vera');
    const body = {
      action: 'pay',
      cardId,
      order: { cartId: '78' },
      attempt: 'attempt-vera-000000100',
    };
    const first = await post(body, 'vera', byCart);
    expect(await first.json()).toMatchObject({ status: 'approved', orderId: `cart-78-${clock}` });
    await sandbox.control.callbacksIdle();
    events.length = 0;
    // The same id again: Flitt's 1013 is the shop's problem (its ids repeat), not a payment to
    // report as this attempt's.
    const again = await post(body, 'vera', byCart);
    expect(again.status).toBe(502);
    expect(await again.json()).toMatchObject({ error: { code: 'flitt_failure', flittCode: 1013 } });
    expect(events).toEqual([]);
    expect(sandbox.control.orders().filter((o) => o.orderId === `cart-78-${clock}`)).toHaveLength(
      1,
    );
  });

  it('reads back a charge whose connection broke after Flitt took it', async () => {
    await payAndSave('wade');
    const cardId = await cardIdOf('wade');
    let broken = 1;
    const shop = createFlittHandlers({
      ...options(),
      client: createFlittClient({
        merchantId: 1549901,
        secretKey: 'test',
        retryDelayMs: 1,
        // Flitt gets the request and charges; the reply never makes it back (a reset socket).
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          if (String(input).endsWith('/api/recurring') && broken-- > 0)
            throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
          return response;
        },
      }),
    });
    events.length = 0;
    const response = await post({ action: 'pay', cardId, order: cart }, 'wade', shop);
    expect(response.status).toBe(200);
    const paid = (await response.json()) as { orderId: string; status: string };
    expect(paid.status).toBe('approved');
    expect(sandbox.control.order(paid.orderId)).toMatchObject({ status: 'approved', amount: 1400 });
    await sandbox.control.callbacksIdle();
    expect(events.map((e) => [e.type, e.orderId])).toEqual([['payment.approved', paid.orderId]]);
  });

  it('answers a saved card’s decline with its code and keeps the card', async () => {
    // Approved once; every later charge by its token declines for insufficient funds (1037).
    await payAndSave('xena', '4000001099000002');
    const cardId = await cardIdOf('xena');
    events.length = 0;
    const response = await post({ action: 'pay', cardId, order: cart }, 'xena');
    expect(response.status).toBe(200);
    const declined = (await response.json()) as { orderId: string };
    expect(declined).toMatchObject({
      status: 'declined',
      responseCode: 1037,
      payerMessage: expect.stringMatching(/funds/i),
    });
    await sandbox.control.callbacksIdle();
    expect(events.map((e) => [e.type, e.orderId])).toEqual([
      ['payment.declined', declined.orderId],
    ]);
    expect(await cardIdOf('xena')).toBe(cardId);
  });

  it('answers 503 and logs why when Flitt does not take saved-card payments for the merchant', async () => {
    const merchant = { merchantId: 1700002, secretKey: 'no-recurring-key' };
    const own = createMemoryCardVault();
    const shop = createFlittHandlers({ ...options(merchant), vault: own });
    await own.expect('imported', 'yuri');
    const card = await own.save('imported', {
      rectoken: 'SomeToken0000000000000000000000000',
      brand: 'VISA',
      maskedPan: '444455XXXXXX6666',
      expiresAt: null,
    });
    const response = await post({ action: 'pay', cardId: card?.id, order: cart }, 'yuri', shop);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'saved_cards_unavailable',
        flittCode: 1060,
        payerMessage: expect.stringMatching(/shop/),
      },
    });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/1060: recurring payments are not enabled/),
    );
    // Not the card's fault: it stays.
    expect(await own.list('yuri')).toHaveLength(1);
  });

  it('charges a card Flitt gave no lifetime for, and removes one the vault knows expired', async () => {
    await payAndSave('zack');
    const cardId = await cardIdOf('zack');
    const saved = await vault.find('zack', cardId);
    await vault.expect('lifeless', 'zack-2');
    const details = {
      rectoken: String(saved?.rectoken),
      brand: 'VISA',
      maskedPan: '444455XXXXXX6666',
    };
    const lifeless = await vault.save('lifeless', { ...details, expiresAt: null });
    const list = (await (await cards('zack-2')).json()) as { cards: object[] };
    expect(list.cards).toEqual([expect.objectContaining({ expiresAt: null, expired: false })]);
    const paid = await post({ action: 'pay', cardId: lifeless?.id, order: cart }, 'zack-2');
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ status: 'approved' });
    // Expired by the vault's date: refused before Flitt, and forgotten.
    await vault.expect('stale', 'zack-3');
    const stale = await vault.save('stale', { ...details, expiresAt: Date.now() - 1000 });
    const before = sandbox.control.orders().length;
    const refused = await post({ action: 'pay', cardId: stale?.id, order: cart }, 'zack-3');
    expect(refused.status).toBe(410);
    expect(await refused.json()).toMatchObject({
      error: {
        code: 'card_expired',
        payerMessage: expect.stringMatching(/enter your card details again/),
      },
    });
    expect(sandbox.control.orders()).toHaveLength(before);
    expect(await vault.list('zack-3')).toEqual([]);
  });

  it('answers a removal with the cards left, newest first', async () => {
    await payAndSave('abby', '4444555511116666');
    await payAndSave('abby', '4444555566669999');
    const [newest, oldest] = (
      (await (await cards('abby')).json()) as { cards: { id: string; last4: string }[] }
    ).cards;
    expect([newest?.last4, oldest?.last4]).toEqual(['9999', '6666']);
    const removed = await post({ action: 'remove', cardId: String(newest?.id) }, 'abby');
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({
      cards: [expect.objectContaining({ id: oldest?.id, last4: '6666' })],
    });
  });

  it('still answers the status when the vault cannot save the card, and logs it', async () => {
    const memory = createMemoryCardVault({ now: () => clock });
    const failing = {
      ...memory,
      save: async () => {
        throw new Error('disk full');
      },
    };
    const shop = createFlittHandlers({ ...options(), vault: failing });
    const added = await post({ action: 'add', flow: 'embedded' }, 'bert', shop);
    const { orderId, token } = (await added.json()) as { orderId: string; token: string };
    await sandbox.control.pay(token, '4444555511116666');
    await sandbox.control.callbacksIdle();
    const status = await shop.status(new Request(`${SHOP}/api/flitt/status?order_id=${orderId}`));
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ status: 'reversed', cardCheck: 'verified' });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(`could not save the card of ${orderId}`),
      expect.objectContaining({ message: 'disk full' }),
    );
  });

  it('makes the card check from cardCheck: its amount and currency, a token asked for', async () => {
    const shop = createFlittHandlers({
      ...options(),
      cardCheck: { amount: 0, currency: 'USD', description: 'Card check at the Pantry' },
    });
    const added = await post({ action: 'add', flow: 'redirect' }, 'cleo', shop);
    expect(added.status).toBe(200);
    const { orderId, checkoutUrl } = (await added.json()) as {
      orderId: string;
      checkoutUrl: string;
    };
    expect(sandbox.control.order(orderId)).toMatchObject({ amount: 0, currency: 'USD' });
    await sandbox.control.pay(
      new URL(checkoutUrl).searchParams.get('token') ?? '',
      '4444555511116666',
    );
    await sandbox.control.callbacksIdle();
    expect(sandbox.control.order(orderId)).toMatchObject({
      verificationStatus: 'verified',
      rectoken: expect.any(String),
    });
    expect(await cardIdOf('cleo')).toMatch(/^card_/);
  });

  it('asks resolveOrder for a saved-card order in the payer’s language', async () => {
    await payAndSave('hugo');
    const cardId = await cardIdOf('hugo');
    const asked: unknown[] = [];
    const shop = createFlittHandlers({
      ...options(),
      resolveOrder: ({ flow, locale, order }) => {
        asked.push({ flow, locale, order });
        return { amount: 700, currency: 'GEL', order_desc: 'Pantry order' };
      },
    });
    const paid = await post(
      { action: 'pay', cardId, order: { cartId: '9' }, locale: 'ka' },
      'hugo',
      shop,
    );
    expect(paid.status).toBe(200);
    expect(asked).toEqual([{ flow: 'saved_card', locale: 'ka', order: { cartId: '9' } }]);
  });

  it('saves nothing when Flitt confirms an expected order without a card token', async () => {
    const response = await checkout({ flow: 'embedded', order: cart }, 'gus');
    const { orderId, token } = (await response.json()) as { orderId: string; token: string };
    // Expected, as if the payer had asked, but the order never asked Flitt for a token.
    await vault.expect(orderId, 'gus');
    await sandbox.control.pay(token, '4444555511116666');
    await sandbox.control.callbacksIdle();
    expect(events.map((e) => [e.type, e.orderId])).toEqual([['payment.approved', orderId]]);
    expect(await vault.list('gus')).toEqual([]);
  });

  it('keeps no card of a payment refunded in full before the shop heard of it', async () => {
    // This shop's own vault: the sandbox's callbacks go to the other handler set.
    const own = createMemoryCardVault({ now: () => clock });
    const shop = createFlittHandlers({ ...options(), vault: own });
    const started = await checkout({ flow: 'embedded', order: cart, saveCard: true }, 'ines', shop);
    const { orderId, token } = (await started.json()) as { orderId: string; token: string };
    await sandbox.control.pay(token, '4444555511116666');
    const client = createFlittClient({ merchantId: 1549901, secretKey: 'test' });
    await client.reverse({ orderId, amount: 1400, currency: 'GEL' });
    await sandbox.control.callbacksIdle();
    const status = await shop.status(new Request(`${SHOP}/api/flitt/status?order_id=${orderId}`));
    expect(await status.json()).toMatchObject({ status: 'reversed' });
    expect(await own.list('ines')).toEqual([]);
  });

  it('forgets the oldest expectation past the memory vault’s maxExpected', async () => {
    const own = createMemoryCardVault({ now: () => clock, maxExpected: 2 });
    const shop = createFlittHandlers({ ...options(), vault: own });
    const payers = ['hal-1', 'hal-2', 'hal-3'];
    const orders: string[] = [];
    for (const payer of payers) {
      const started = await checkout(
        { flow: 'embedded', order: cart, saveCard: true },
        payer,
        shop,
      );
      const { orderId, token } = (await started.json()) as { orderId: string; token: string };
      await sandbox.control.pay(token, '4444555511116666');
      orders.push(orderId);
    }
    await sandbox.control.callbacksIdle();
    for (const orderId of orders)
      await shop.status(new Request(`${SHOP}/api/flitt/status?order_id=${orderId}`));
    const counts = await Promise.all(payers.map(async (p) => (await own.list(p)).length));
    expect(counts).toEqual([0, 1, 1]);
  });

  it('answers a repeated attempt with another card or currency 409 attempt_mismatch, charging nothing', async () => {
    await payAndSave('owen', '4444555511116666');
    await payAndSave('owen', '4444555566669999');
    const [second, first] = (
      (await (await cards('owen')).json()) as { cards: { id: string }[] }
    ).cards.map((c) => c.id);
    // This shop prices the cart in the currency the reference names.
    const shop = createFlittHandlers({
      ...options(),
      resolveOrder: ({ order }) => ({
        amount: 1400,
        currency: (order as { currency: 'GEL' | 'USD' }).currency,
        order_desc: 'Pantry order',
      }),
    });
    const body = {
      action: 'pay',
      cardId: first,
      order: { currency: 'GEL' },
      attempt: 'attempt-owen-0000001',
    };
    expect(await (await post(body, 'owen', shop)).json()).toMatchObject({ status: 'approved' });
    const orders = sandbox.control.orders().length;
    for (const repeat of [
      { ...body, cardId: second },
      { ...body, order: { currency: 'USD' } },
    ]) {
      const answer = await post(repeat, 'owen', shop);
      expect(answer.status, JSON.stringify(repeat)).toBe(409);
      expect(await answer.json()).toMatchObject({
        error: { code: 'attempt_mismatch', payerMessage: expect.stringMatching(/shop/) },
      });
    }
    expect(sandbox.control.orders()).toHaveLength(orders);
    // The same card and cart again: the first charge's answer.
    expect(await (await post(body, 'owen', shop)).json()).toMatchObject({ status: 'approved' });
  });
});

describe('saved-card options', () => {
  it('refuses a cardCheck, vault or customerOf that cannot work, naming the fix', () => {
    const bad = (change: Partial<Record<'vault' | 'customerOf' | 'cardCheck', unknown>>) => () =>
      createFlittHandlers({ ...options(), ...change } as FlittHandlersOptions);
    for (const cardCheck of [
      null,
      'GEL',
      { currency: 'GEL' },
      { amount: 1.5, currency: 'GEL' },
      { amount: -1, currency: 'GEL' },
      { amount: 100 },
      { amount: 100, currency: 840 },
      { amount: 100, currency: 'gel' },
      { amount: 100, currency: 'GELS' },
      { amount: 100, currency: 'GEL', type: 'sms' },
    ])
      expect(bad({ cardCheck }), JSON.stringify(cardCheck)).toThrow(/cardCheck must be/);
    for (const cardCheck of [
      { amount: 0, currency: 'GEL' },
      { amount: 100, currency: 'EUR', type: 'amount' },
      { amount: 100, currency: 'GEL', type: 'code' },
    ])
      expect(bad({ cardCheck })).not.toThrow();
    expect(bad({ vault: undefined, customerOf: undefined })).toThrow(
      /pass vault and customerOf too/,
    );
    expect(bad({ vault: undefined, cardCheck: undefined })).toThrow(/vault: a CardVault/);
    expect(bad({ vault: null })).toThrow(/vault: a CardVault/);
    for (const method of ['expect', 'save', 'list', 'find', 'remove']) {
      const { [method as keyof typeof vault]: _gone, ...rest } = vault;
      expect(bad({ vault: rest }), method).toThrow(/expect, save, list, find, remove/);
    }
    expect(bad({ customerOf: 'alice' })).toThrow(/customerOf\(request\)/);
    // Each refusal is a FlittConfigError with the one code a deploy check can switch on.
    for (const change of [
      { cardCheck: { amount: -1, currency: 'GEL' } },
      { vault: undefined, customerOf: undefined },
      { vault: {}, cardCheck: undefined },
      { customerOf: 'alice' },
    ]) {
      const thrown = (() => {
        try {
          bad(change)();
        } catch (error) {
          return error;
        }
      })();
      expect(thrown, JSON.stringify(change)).toBeInstanceOf(FlittConfigError);
      expect((thrown as FlittConfigError).code).toBe('invalid_config');
    }
    // Neither: saved cards are simply off.
    const { vault: _v, customerOf: _c, cardCheck: _k, ...plain } = options();
    expect(() => createFlittHandlers(plain)).not.toThrow();
  });
});
