// Saved cards on the merchant's server: who the payer is (the shop's own sign-in, never the
// request body), keeping a card Flitt confirmed for that payer, and the `{apiBase}/cards`
// endpoint that lists, removes and pays with them.
import {
  FlittConfigError,
  type FlittOrder,
  isSavedCardRequest,
  type PayerMessageOverrides,
} from '@flitt-checkout/core';
import {
  errorAnswer,
  errorResponse,
  json,
  jsonBody,
  type Logger,
  localeOf,
  orderStatusAnswer,
  type PayerLocale,
  type Say,
} from './answers.ts';
import { type CardVault, cardOf, cardView } from './cardVault.ts';
import type { FlittClient, OrderInput } from './createFlittClient.ts';
import { FlittApiError, FlittHttpError, FlittNetworkError, FlittTimeoutError } from './errors.ts';
import type { FlittEvent } from './events.ts';
import { eventOf } from './events.ts';
import type { Answer, Incoming } from './incoming.ts';

/** Who is paying, from the shop's own sign-in; null (or undefined) when nobody is signed in. */
export type CustomerOf = (
  request: Request,
) => string | null | undefined | Promise<string | null | undefined>;

/**
 * The card check that adds a card without a purchase (Flitt's `verification`): the amount is
 * held and given back by Flitt at once (`amount`), or the payer types the code Flitt charged
 * (`code`).
 */
export interface CardCheck {
  /** Minor units; Flitt gives it back. 0 is allowed, but not every bank checks a card for 0. */
  readonly amount: number;
  readonly currency: string;
  /** What the payer's statement and Flitt's page say. Default "Card check". */
  readonly description?: string;
  /** Default `amount`. */
  readonly type?: 'amount' | 'code';
}

/** What the saved cards need from `createFlittHandlers`. */
export interface SavedCardsSetup {
  readonly client: FlittClient;
  readonly vault: CardVault | undefined;
  readonly customerOf: CustomerOf | undefined;
  readonly cardCheck: CardCheck | undefined;
  readonly logger: Logger;
  /**
   * `resolveOrder`'s order for a reference, checked and completed (`orderId` unless it chose an
   * id, callback URL, lang).
   */
  orderFor(
    request: Incoming,
    reference: unknown,
    flow: 'saved_card',
    locale: PayerLocale,
    orderId?: string,
  ): OrderInput | Promise<OrderInput>;
  /** An order id of the shop's own form (its prefix) around `seed`. */
  orderIdOf(seed: string): string;
  /** The shop's own fields of an order it makes itself (id, callback and return URLs, lang). */
  completeOrder(order: Omit<OrderInput, 'order_id'>, locale: PayerLocale): OrderInput;
  /** Flitt's page or the embedded form for a complete order, answered like create checkout. */
  startCheckout(order: OrderInput, flow: 'redirect' | 'embedded'): Promise<Answer>;
  /** Runs onEvent once per event (shared with the callback handler and its store). */
  deliver(event: FlittEvent): Promise<unknown>;
  /** The shop's own payer messages (`createFlittHandlers`' `payerMessages`). */
  readonly payerMessages?: PayerMessageOverrides | undefined;
  /** The payer texts of a locale, with those messages (made once per locale by the handlers). */
  sayFor(locale: PayerLocale): Say;
  readonly now?: () => number;
}

/**
 * The order id of one payment attempt: the same customer and attempt always give the same id, so
 * a repeat Flitt already charged is refused as a duplicate (1013) and read back, never charged
 * twice. From SHA-256, so neither the customer nor the attempt can be read from it.
 */
async function attemptSeed(customerId: string, attempt: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`saved-card|${customerId}|${attempt}`),
  );
  let hex = '';
  for (const byte of new Uint8Array(digest).subarray(0, 12))
    hex += byte.toString(16).padStart(2, '0');
  return `sc-${hex}`;
}

/** Flitt's refusals of a token: unknown (1035) or expired (1082): the card must be entered again. */
const TOKEN_REFUSED = new Set([1035, 1082]);
/** Recurring payments are not enabled for the merchant (1059 / 1060): only Flitt can change it. */
const RECURRING_OFF = new Set([1059, 1060]);

/** The vault, `customerOf` and `cardCheck` as given to `createFlittHandlers`. */
export function checkSavedCardsOptions(
  vault: unknown,
  customerOf: unknown,
  cardCheck: unknown,
): void {
  if (cardCheck !== undefined) {
    const check = cardCheck as Partial<CardCheck> | null;
    if (
      typeof check !== 'object' ||
      check === null ||
      !Number.isSafeInteger(check.amount) ||
      (check.amount as number) < 0 ||
      typeof check.currency !== 'string' ||
      !/^[A-Z]{3}$/.test(check.currency) ||
      (check.type !== undefined && check.type !== 'amount' && check.type !== 'code')
    )
      throw new FlittConfigError(
        'invalid_config',
        "[flitt-checkout] cardCheck must be { amount: 100, currency: 'GEL' } (minor units, a 3-letter currency; type 'amount' or 'code').",
      );
    if (vault === undefined)
      throw new FlittConfigError(
        'invalid_config',
        '[flitt-checkout] cardCheck adds cards to a vault: pass vault and customerOf too.',
      );
  }
  if (vault === undefined && customerOf === undefined) return;
  const methods = ['expect', 'save', 'list', 'find', 'remove'] as const;
  if (
    typeof vault !== 'object' ||
    vault === null ||
    !methods.every((m) => typeof (vault as Record<string, unknown>)[m] === 'function')
  )
    throw new FlittConfigError(
      'invalid_config',
      `[flitt-checkout] saved cards need vault: a CardVault (${methods.join(', ')}), e.g. createMemoryCardVault() or createPostgresCardVault({ pool }).`,
    );
  if (typeof customerOf !== 'function')
    throw new FlittConfigError(
      'invalid_config',
      '[flitt-checkout] saved cards need customerOf(request) => customer id | null, from your own sign-in (session cookie, token): never from the request body.',
    );
}

/** Saved cards over one handler set: the pieces createCheckout and the callback use, and the endpoint. */
export function createSavedCards(setup: SavedCardsSetup) {
  const { client, vault, customerOf, logger } = setup;
  const now = setup.now ?? Date.now;

  /** The signed-in customer's id, or the answer refusing the request (off, or nobody signed in). */
  async function customer(request: Incoming, say: Say): Promise<string | Answer> {
    if (!vault || !customerOf)
      return errorResponse(
        403,
        'saved_cards_off',
        'Saved cards are off: pass vault and customerOf to createFlittHandlers.',
        say('shop_error'),
      );
    const id = await customerOf(request.request());
    if (typeof id !== 'string' || id === '')
      return errorResponse(
        401,
        'sign_in_required',
        'customerOf found no signed-in customer for this request.',
        say('sign_in_required'),
      );
    return id;
  }

  /**
   * Notes that `customerId` will save the card of order `orderId`; an order id another customer
   * is already expected for (an order id `resolveOrder` chose, reused) is refused with 409 before
   * Flitt is called: the card of whoever pays must never land in someone else's vault.
   */
  async function expect(orderId: string, customerId: string): Promise<void> {
    if (!(await (vault as CardVault).expect(orderId, customerId)))
      throw new FlittHttpError(
        409,
        'order_in_use',
        'This order is being paid by someone else; start a new one.',
      );
  }

  /**
   * Keeps the card of a confirmed order whose payer asked for it (`vault.expect`): an approved
   * payment, or a card check Flitt verified and reversed. Runs inside the event's claim, so a
   * vault that fails makes Flitt send the callback again.
   */
  async function save(order: FlittOrder): Promise<void> {
    if (!vault) return;
    // A card check saves only once Flitt verified it (a `code` check is approved before that).
    const paid =
      order.verification === 'Y' || (order.verification_status ?? '') !== ''
        ? order.verification_status === 'verified'
        : order.order_status === 'approved';
    const card = paid ? cardOf(order) : undefined;
    if (!card) return;
    try {
      await vault.save(String(order.order_id), card);
    } catch (failure) {
      // The payment must still reach onEvent: a card not kept is asked for again next time; a
      // payment the shop never hears of is money taken without an order fulfilled.
      logger.error(
        `[flitt-checkout] the vault could not save the card of ${order.order_id}; the payment is delivered all the same`,
        failure,
      );
    }
  }

  const cardsAnswer = async (customerId: string) =>
    json({ cards: (await (vault as CardVault).list(customerId)).map((c) => cardView(c, now())) });

  const unusable = (status: 404 | 410, say: Say) =>
    status === 404
      ? errorResponse(
          404,
          'card_not_found',
          'No such saved card for this customer.',
          say('saved_card_unusable'),
        )
      : errorResponse(
          410,
          'card_expired',
          'Flitt no longer takes this card’s token (expired or unknown): it was removed; ask for the card again.',
          say('saved_card_unusable'),
        );

  /** A card check for the customer on Flitt's page or in the embedded form; saved once confirmed. */
  async function addCard(
    customerId: string,
    flow: 'redirect' | 'embedded',
    locale: PayerLocale,
    say: Say,
  ): Promise<Answer> {
    const check = setup.cardCheck;
    if (!check)
      return errorResponse(
        403,
        'card_check_off',
        'Adding a card without paying is off: pass cardCheck: { amount, currency } to createFlittHandlers.',
        say('shop_error'),
      );
    const order = setup.completeOrder(
      {
        amount: check.amount,
        currency: check.currency as OrderInput['currency'],
        order_desc: check.description ?? 'Card check',
        verification: 'Y',
        verification_type: check.type ?? 'amount',
        required_rectoken: 'Y',
      },
      locale,
    );
    await expect(String(order.order_id), customerId);
    return setup.startCheckout(order, flow);
  }

  /** `GET` the customer's cards; `POST` a `SavedCardRequest` (pay with one, remove one, add one). */
  async function endpoint(request: Incoming): Promise<Answer> {
    let say = setup.sayFor(localeOf(request, undefined, setup.payerMessages));
    if (request.method !== 'GET' && request.method !== 'POST')
      return errorResponse(405, 'method_not_allowed', 'Use GET or POST.', say('shop_error'));
    try {
      if (request.method === 'GET') {
        const who = await customer(request, say);
        return typeof who === 'string' ? await cardsAnswer(who) : who;
      }
      // JSON only: a cross-site form post can neither pay with nor remove someone's card.
      const read = await jsonBody(
        request,
        say,
        '{ "action": "pay", "cardId": "…", "order": … } or { "action": "remove", "cardId": "…" }',
      );
      if ('status' in read) return read;
      const { body } = read;
      if (!isSavedCardRequest(body))
        return errorResponse(
          400,
          'invalid_request',
          'The body must be { "action": "pay", "cardId": "…", "order": … } or { "action": "remove", "cardId": "…" }.',
          say('shop_error'),
        );
      const locale = localeOf(request, body.locale, setup.payerMessages);
      say = setup.sayFor(locale);
      const who = await customer(request, say);
      if (typeof who !== 'string') return who;
      const store = vault as CardVault;
      if (body.action === 'add') return await addCard(who, body.flow, locale, say);
      if (body.action === 'remove')
        return (await store.remove(who, body.cardId)) ? await cardsAnswer(who) : unusable(404, say);
      const card = await store.find(who, body.cardId);
      if (!card) return unusable(404, say);
      if (card.expiresAt !== null && card.expiresAt <= now()) {
        await store.remove(who, card.id);
        return unusable(410, say);
      }
      // A repeat of an attempt (the browser had no answer) gets the same order id.
      const attemptId = body.attempt
        ? setup.orderIdOf(await attemptSeed(who, body.attempt))
        : undefined;
      const order = await setup.orderFor(request, body.order, 'saved_card', locale, attemptId);
      // The saved card is charged on the server, with no page to return to.
      const { response_url: _page, ...charge } = order;
      const orderId = String(order.order_id);
      // The charge's callback carries the token again: it may only find this payer expected.
      await expect(orderId, who);
      let paid: FlittOrder | undefined;
      let refused: unknown;
      try {
        // The token is the vault's, whatever the order says; it never reaches the browser.
        paid = await client.recurring({ ...charge, rectoken: card.rectoken });
      } catch (error) {
        refused = error;
        // No answer in time: Flitt may have charged. What it has is read back, so the payer is
        // told the truth instead of being invited to pay again. The same for a repeat of an
        // attempt Flitt already has (1013, duplicate order id): its outcome, not a second charge.
        if (
          error instanceof FlittTimeoutError ||
          error instanceof FlittNetworkError ||
          (error instanceof FlittApiError && error.flittCode === 1013 && attemptId === orderId)
        )
          paid = await client.getOrderStatus(orderId).catch(() => undefined);
      }
      // A repeat answers the first charge only if it is this one: the cart behind the same
      // reference may have changed since, and a new cart must not read "approved" unpaid.
      if (
        paid &&
        refused !== undefined &&
        (Number(paid.amount) !== Number(charge.amount) ||
          String(paid.currency) !== String(charge.currency) ||
          (paid.rectoken !== undefined && paid.rectoken !== card.rectoken))
      )
        return errorResponse(
          409,
          'attempt_mismatch',
          'This attempt id already paid a different amount or card; send the payment as a new attempt.',
          say('shop_error'),
        );
      if (!paid) {
        const error = refused;
        if (error instanceof FlittApiError && TOKEN_REFUSED.has(error.flittCode)) {
          await store.remove(who, card.id);
          return unusable(410, say);
        }
        if (error instanceof FlittApiError && RECURRING_OFF.has(error.flittCode)) {
          logger.error(
            `[flitt-checkout] Flitt refused a saved-card payment with ${error.flittCode}: recurring payments are not enabled for this merchant; ask Flitt's support to enable them.`,
          );
          // 503, not 502: the browser's contract reads a 502 as Flitt failing, and this is the
          // merchant's setup at Flitt.
          return errorResponse(
            503,
            'saved_cards_unavailable',
            'Flitt does not take saved-card payments for this merchant.',
            say('shop_error'),
            { flittCode: error.flittCode },
          );
        }
        throw error;
      }
      // The expectation is used up now (the card is this one, already saved): a later event of
      // this order that carries the token, a refund after the payer removed the card, must not
      // bring the card back.
      await save(paid);
      // The same event as the charge's callback (its id comes from the order): delivered once,
      // whichever arrives first. Not awaited: the payer's answer does not wait on onEvent, and a
      // failure here is logged by deliver and retried through the callback.
      void setup.deliver(eventOf(paid));
      return json(orderStatusAnswer(paid, say));
    } catch (error) {
      return errorAnswer(error, 'saved cards', say, logger);
    }
  }

  return {
    customer,
    expect,
    save,
    endpoint,
  };
}
