import {
  type CheckoutFlow,
  FlittConfigError,
  type FlittLang,
  type FlittOrder,
  FlittValidationError,
  flittLang,
  isCreateCheckoutRequest,
  isSubscriptionActionRequest,
  type PayerMessageOverrides,
} from '@flitt-checkout/core';
import {
  errorAnswer,
  errorResponse,
  json,
  jsonBody,
  type Logger,
  localeOf,
  logMisconfigured,
  NO_STORE,
  orderStatusAnswer,
  type PayerLocale,
  type Say,
  sayIn,
} from './answers.ts';
import {
  type CallbackStore,
  type ClaimResult,
  createMemoryCallbackStore,
} from './callbackStore.ts';
import type { CardVault } from './cardVault.ts';
import { CHARGEBACK, chargebackEvent } from './chargebacks.ts';
import type { FlittClient, OrderInput } from './createFlittClient.ts';
import { FlittApiError } from './errors.ts';
import { eventOf, type FlittEvent, subscriptionStatusEvent } from './events.ts';
import { type Answer, type Incoming, textAnswer, type WebHandler, webHandler } from './incoming.ts';
import { isPayoutPost, payoutEvent } from './payouts.ts';
import { randomHex20 } from './randomHex.ts';
import { parseFlittPost } from './readBody.ts';
import {
  type CardCheck,
  type CustomerOf,
  checkSavedCardsOptions,
  createSavedCards,
} from './savedCards.ts';

export type { WebHandler } from './incoming.ts';

/** The order the server decides; the browser never sets the amount. */
export type ResolvedOrder = Omit<
  OrderInput,
  'order_id' | 'server_callback_url' | 'response_url' | 'subscription_callback_url'
> & {
  /** Leave out to get a unique, unguessable id. */
  order_id?: string;
};

/**
 * `make` for each payer locale, made on its first use and kept: the locales a shop answers in are
 * a handful (the built-in ones and its own payerMessages), so the map stays small.
 */
function perLocale<T>(make: (locale: PayerLocale) => T): (locale: PayerLocale) => T {
  const made = new Map<PayerLocale, T>();
  return (locale) => {
    let value = made.get(locale);
    if (value === undefined) {
      value = make(locale);
      made.set(locale, value);
    }
    return value;
  };
}

/** What `resolveOrder` receives: the browser's order reference (a cart id, items …) and the request. */
export interface ResolveOrderInput {
  readonly order: unknown;
  /** How the payer pays: Flitt's page, the embedded form, or a saved card (charged at once). */
  readonly flow: CheckoutFlow | 'saved_card';
  /**
   * The payer's language (the provider's `locale`): for Flitt's `lang` and your own refusals. A
   * built-in `Locale`, or a language of your `payerMessages`.
   */
  readonly locale: PayerLocale;
  /**
   * The payer's request (a Web `Request`), built when first read: a getter, so spreading the input
   * (`{ ...input }`) does not copy it; pass `input.request` on by name.
   */
  readonly request: Request;
}

/**
 * What `resolveOrder` is given. A class, not an object literal with a getter: V8 makes such a
 * literal a dictionary-mode object, and with it every request's objects outlived minor
 * collections (BENCHMARKS.md §3c). The Web Request is built only if `request` is read.
 */
class OrderQuestion implements ResolveOrderInput {
  readonly #incoming: Incoming;
  constructor(
    readonly order: unknown,
    readonly flow: ResolveOrderInput['flow'],
    readonly locale: PayerLocale,
    incoming: Incoming,
  ) {
    this.#incoming = incoming;
  }
  get request(): Request {
    return this.#incoming.request();
  }
}

/** Options of `createFlittHandlers`. */
export interface FlittHandlersOptions {
  client: FlittClient;
  /** Decides amount, currency and description on the server from the browser's order reference. */
  resolveOrder(input: ResolveOrderInput): ResolvedOrder | Promise<ResolvedOrder>;
  /**
   * Called once per change of an order (`FlittEvent`), after the callback's signature was checked,
   * the order was read back from Flitt's status API, and the store claimed the event. Throw (or
   * reject) to have Flitt deliver it again; the claim is released.
   */
  onEvent?(event: FlittEvent): void | Promise<void>;
  /** Absolute URL where the callback handler is mounted (sent as `server_callback_url`). */
  callbackUrl?: string;
  /**
   * Absolute URL where Flitt posts a subscription's scheduled charges (sent as
   * `subscription_callback_url` with orders that have `subscription: 'Y'`). Default `callbackUrl`:
   * the callback handler turns them into `subscription.*` events.
   */
  subscriptionCallbackUrl?: string;
  /**
   * Absolute URL where Flitt posts chargeback notices (sent as `chargeback_callback_url` with
   * every order). Default `callbackUrl`: the callback handler verifies a notice, confirms the
   * order with Flitt and delivers `payment.chargeback` once.
   */
  chargebackCallbackUrl?: string;
  /** Absolute URL where the return handler is mounted (sent as `response_url`). */
  returnUrl?: string;
  /** The shop's result page; the return handler sends the payer there with `?order_id=`. */
  resultUrl: string;
  /** Remembers handled events; in memory by default (one instance). See `CallbackStore`. */
  store?: CallbackStore;
  /**
   * How long one instance may run `onEvent` before another may take the event over (default
   * 120 000 ms). Longer than your slowest handler; shorter than Flitt's retry gaps helps recovery.
   */
  eventLeaseMs?: number;
  /** Prefix of generated order ids. Default `fc-`. */
  orderIdPrefix?: string;
  /** May this request see this order's status? Default: yes (ids are unguessable). */
  authorizeStatus?(request: Request, orderId: string): boolean | Promise<boolean>;
  /**
   * May this request stop or start this subscription (`orderId`: its first order)? Without it the
   * `subscription` handler refuses every request with 403: only your server knows whose it is.
   */
  authorizeSubscription?(request: Request, orderId: string): boolean | Promise<boolean>;
  /**
   * Where saved cards are kept (`createMemoryCardVault()`, `createPostgresCardVault({ pool })`).
   * With `customerOf`, it turns on `saveCard` for checkouts and the `cards` handler.
   */
  vault?: CardVault;
  /**
   * Who is paying, from your own sign-in (a session cookie, a token): the customer id whose
   * cards the request may save, list, use and remove, or null when nobody is signed in. Never
   * take it from the request body.
   */
  customerOf?: CustomerOf;
  /**
   * Lets a signed-in payer add a card without buying (`POST {apiBase}/cards` `{ action: 'add' }`):
   * a card check of `amount` that Flitt gives back. Off without it.
   */
  cardCheck?: CardCheck;
  /**
   * Your wording of payer messages, per language (`{ ka: { shop_error: '…' } }`), or a language of
   * your own (`de`, complete or not: the rest is English), which the handlers then answer in.
   */
  payerMessages?: PayerMessageOverrides;
  /** Where problems are reported; never receives the secret key. Default `console`. */
  logger?: Logger;
}

/** The handlers a shop mounts (paths and bodies: `MERCHANT_ROUTES` and the contract types of core). */
export interface FlittHandlers {
  /** POST JSON `CreateCheckoutRequest` → `CreateCheckoutResponse` (errors: `MerchantErrorBody`). */
  createCheckout: WebHandler;
  /**
   * Flitt's server-to-server callback (`server_callback_url`); also takes payout callbacks
   * (verified with the client's `creditKey`) and chargeback notices.
   */
  callback: WebHandler;
  /** Flitt's browser return (`response_url`): verifies, then 303 to the result page. */
  paymentReturn: WebHandler;
  /** GET `?order_id=` → `OrderStatusResponse`, asked from Flitt (404 `order_not_found`). */
  status: WebHandler;
  /**
   * POST JSON `SubscriptionActionRequest` → `SubscriptionActionResponse`: stops or starts a
   * subscription through Flitt, if `authorizeSubscription` allows it (403 otherwise).
   */
  subscription: WebHandler;
  /**
   * The signed-in payer's saved cards (`customerOf`, `vault`): GET → `SavedCardsResponse`; POST
   * JSON `SavedCardRequest` → a payment's `SavedCardPaymentResponse`, or the cards after a removal.
   */
  cards: WebHandler;
}

/** Flitt's refusal 1018: it has no such order. */
const unknownOrder = (error: unknown): boolean =>
  error instanceof FlittApiError && error.flittCode === 1018;

/** The browser's answer for an order Flitt does not have (status and subscription). */
const orderNotFound = (say: Say): Answer =>
  errorResponse(404, 'order_not_found', 'Flitt has no such order.', say('payment_not_found'));

/**
 * Creates the handlers a shop mounts: create checkout, Flitt callback, payer return, status and
 * subscription start / stop.
 * Each is `(request: Request) => Promise<Response>`; use `toNodeHandler` for Node http / Express.
 *
 * @example
 * const flitt = createFlittHandlers({
 *   client: createFlittClient({ merchantId: 1549901, secretKey: process.env.FLITT_SECRET_KEY! }),
 *   resolveOrder: async ({ order }) => {
 *     const cart = await priceCart(order); // your prices, never the browser's
 *     return { amount: cart.total, currency: 'GEL', order_desc: cart.summary };
 *   },
 *   onEvent: (event) => (event.type === 'payment.approved' ? fulfil(event.order) : undefined),
 *   callbackUrl: 'https://shop.example/api/flitt/callback',
 *   returnUrl: 'https://shop.example/api/flitt/return',
 *   resultUrl: '/checkout/result',
 * });
 */
export function createFlittHandlers(options: FlittHandlersOptions): FlittHandlers {
  if (typeof options !== 'object' || options === null) {
    throw new FlittConfigError(
      'invalid_config',
      '[flitt-checkout] createFlittHandlers needs an options object: { client, resolveOrder, resultUrl }.',
    );
  }
  const { client } = options;
  if (!client || typeof client.createCheckoutUrl !== 'function') {
    throw new FlittConfigError(
      'invalid_config',
      '[flitt-checkout] createFlittHandlers needs `client: createFlittClient({ merchantId, secretKey })`.',
    );
  }
  if (typeof options.resolveOrder !== 'function') {
    throw new FlittConfigError(
      'invalid_config',
      '[flitt-checkout] createFlittHandlers needs `resolveOrder`: the server decides amount, currency and description.',
    );
  }
  if (typeof options.resultUrl !== 'string' || options.resultUrl === '') {
    throw new FlittConfigError(
      'invalid_config',
      '[flitt-checkout] createFlittHandlers needs `resultUrl`: the page the payer returns to.',
    );
  }
  // The URLs usually come from the environment: checked here, reported on first use (a 500 and a
  // log line naming the option), so a build that imports this module without them still passes.
  let urlProblem: FlittConfigError | undefined;
  for (const name of [
    'callbackUrl',
    'returnUrl',
    'subscriptionCallbackUrl',
    'chargebackCallbackUrl',
  ] as const) {
    const value: unknown = options[name];
    if (value !== undefined && !(typeof value === 'string' && /^https?:\/\/[^/]/.test(value))) {
      urlProblem ??= new FlittConfigError(
        'invalid_config',
        `[flitt-checkout] ${name} must be an absolute http(s) URL that Flitt can reach, got ${typeof value === 'string' ? `"${value}"` : `a ${Array.isArray(value) ? 'list' : typeof value}`}.`,
      );
    }
  }
  // Removed options, said loudly: a JavaScript caller or an old config would otherwise lose events.
  const removed = options as { onOrder?: unknown; confirmWithStatusApi?: unknown };
  if (removed.onOrder !== undefined) {
    throw new FlittConfigError(
      'invalid_config',
      '[flitt-checkout] `onOrder` was replaced by `onEvent(event)`: switch on event.type (payment.approved, payment.refunded …); event.order is the confirmed order.',
    );
  }
  if (removed.confirmWithStatusApi !== undefined) {
    throw new FlittConfigError(
      'invalid_config',
      '[flitt-checkout] `confirmWithStatusApi` was removed: every callback is confirmed with Flitt, because a signed callback can be reshaped (Flitt signs values, not names). Remove the option.',
    );
  }
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function') {
    throw new FlittConfigError(
      'invalid_config',
      `[flitt-checkout] onEvent must be a function (event) => …, got ${typeof options.onEvent}.`,
    );
  }
  if (
    options.authorizeSubscription !== undefined &&
    typeof options.authorizeSubscription !== 'function'
  ) {
    throw new FlittConfigError(
      'invalid_config',
      `[flitt-checkout] authorizeSubscription must be a function (request, orderId) => boolean, got ${typeof options.authorizeSubscription}.`,
    );
  }
  const leaseMs = options.eventLeaseMs ?? 120_000;
  if (!Number.isSafeInteger(leaseMs) || leaseMs < 1) {
    throw new FlittConfigError(
      'invalid_config',
      '[flitt-checkout] eventLeaseMs must be a whole number of milliseconds above 0, such as 120000.',
    );
  }
  const store = options.store ?? createMemoryCallbackStore();
  if (
    typeof store !== 'object' ||
    store === null ||
    typeof store.claim !== 'function' ||
    typeof store.complete !== 'function' ||
    typeof store.release !== 'function'
  ) {
    throw new FlittConfigError(
      'invalid_config',
      '[flitt-checkout] store must have claim(key, leaseMs), complete(key) and release(key); see CallbackStore.',
    );
  }
  checkSavedCardsOptions(options.vault, options.customerOf, options.cardCheck);
  const subscriptionCallbackUrl = options.subscriptionCallbackUrl ?? options.callbackUrl;
  const chargebackCallbackUrl = options.chargebackCallbackUrl ?? options.callbackUrl;
  const logger = options.logger ?? console;
  const prefix = options.orderIdPrefix ?? 'fc-';
  // Allowed (a shop on localhost cannot be called back), but cards then depend on the payer.
  if (options.vault && !options.callbackUrl)
    logger.warn(
      "[flitt-checkout] saved cards without callbackUrl: a card is kept only when your result page reads the order's status; set callbackUrl so Flitt tells your server of every approved payment.",
    );

  // Flitt's language of each payer locale, worked out once (a handful of locales).
  const langOf = perLocale((locale): FlittLang => flittLang(locale));

  function newOrderId(): string {
    return `${prefix}${Date.now().toString(36)}-${randomHex20()}`;
  }

  // response_url = returnUrl with ?order_id=: parsed once; the id appended per checkout.
  const returnBase = (() => {
    if (typeof options.returnUrl !== 'string' || urlProblem) return undefined;
    const target = new URL(options.returnUrl);
    target.searchParams.delete('order_id');
    target.hash = '';
    return `${target.href}${target.search ? '&' : '?'}order_id=`;
  })();
  const withOrderId = (orderId: string) => `${returnBase}${encodeURIComponent(orderId)}`;

  /**
   * The order `resolveOrder` makes of the browser's reference, checked to be an object and
   * completed: `orderId` (else a new id) unless it chose one, the payer's language unless it
   * chose one, the callback, subscription callback and return URLs.
   */
  function orderFor(
    request: Incoming,
    reference: unknown,
    flow: ResolveOrderInput['flow'],
    locale: PayerLocale,
    orderId?: string,
  ): OrderInput | Promise<OrderInput> {
    if (urlProblem) throw urlProblem;
    const resolved = options.resolveOrder(new OrderQuestion(reference, flow, locale, request));
    // A resolveOrder that answers at once (a catalogue in memory) costs no extra tick or frame.
    // Any thenable is awaited, as `await` would (a library's own promise type).
    return typeof (resolved as { then?: unknown } | null)?.then === 'function'
      ? Promise.resolve(resolved).then((order) => checkedOrder(order, locale, orderId))
      : checkedOrder(resolved, locale, orderId);
  }

  /** resolveOrder's answer, checked to be an object, completed. */
  function checkedOrder(resolved: unknown, locale: PayerLocale, orderId?: string): OrderInput {
    if (typeof resolved !== 'object' || resolved === null || Array.isArray(resolved)) {
      // A JavaScript resolveOrder can return anything; report it like any other invalid order.
      const got =
        resolved === null ? 'null' : Array.isArray(resolved) ? 'an array' : typeof resolved;
      throw new FlittValidationError(
        [
          {
            param: '(order)',
            kind: 'type',
            message: `resolveOrder must return an object such as { amount: 1500, currency: 'GEL', order_desc: 'Tea' }, got ${got}.`,
            flittCode: 1010,
          },
        ],
        'order from resolveOrder',
      );
    }
    return completeOrder(resolved as ResolvedOrder, locale, orderId);
  }

  /** Flitt's page (a checkout URL) or the embedded form (a token) for a complete order. */
  function startCheckout(order: OrderInput, flow: CheckoutFlow): Promise<Answer> {
    const orderId = String(order.order_id);
    // Not cancelled when the payer leaves (no `signal`): once sent, Flitt may have created the
    // order, and cutting the call would only hide that. (It also spares an AbortSignal per
    // checkout, about 4 µs on Node 20.) A `then`, not an async function: no frame per checkout.
    if (flow === 'redirect') {
      // Promise.resolve: a merchant's own client (a wrapper, a test double) may answer plainly.
      return Promise.resolve(client.createCheckoutUrl(order)).then((created) =>
        json({
          flow,
          orderId,
          checkoutUrl: created.checkoutUrl,
          paymentId: created.paymentId ?? null,
        }),
      );
    }
    // The merchant id is public: Flitt's wallet buttons need it beside the token.
    return Promise.resolve(client.createCheckoutToken(order)).then((created) =>
      json({ flow, orderId, token: created.token, merchantId: client.merchantId }),
    );
  }

  /** An order with the shop's own fields: a new id unless it has one, lang, the URLs. */
  function completeOrder(resolved: ResolvedOrder, locale: PayerLocale, id?: string): OrderInput {
    const orderId = resolved.order_id ?? id ?? newOrderId();
    // Flitt's page speaks the payer's language unless resolveOrder chose one (Russian where
    // Flitt has no such page: flittLang). Keys are set after the spread, not spread in: no
    // temporary objects per checkout.
    const order: OrderInput = { lang: langOf(locale), ...resolved, order_id: orderId };
    if (options.callbackUrl) order.server_callback_url = options.callbackUrl;
    if (resolved.subscription === 'Y' && subscriptionCallbackUrl)
      order.subscription_callback_url = subscriptionCallbackUrl;
    if (chargebackCallbackUrl) order.chargeback_callback_url = chargebackCallbackUrl;
    if (returnBase) order.response_url = withOrderId(orderId);
    return order;
  }

  const messages = options.payerMessages;
  // Each locale's payer texts, made once (a handful of locales), not two closures per request.
  const sayFor = perLocale((locale): Say => sayIn(locale, messages));
  const savedCards = createSavedCards({
    client,
    vault: options.vault,
    customerOf: options.customerOf,
    cardCheck: options.cardCheck,
    logger,
    orderFor,
    completeOrder,
    orderIdOf: (seed) => `${prefix}${seed}`,
    startCheckout,
    deliver: (event) => deliver(event),
    payerMessages: options.payerMessages,
    sayFor,
  });

  const createCheckout = async (request: Incoming): Promise<Answer> => {
    let say = sayFor(localeOf(request, undefined, messages));
    if (request.method !== 'POST')
      return errorResponse(405, 'method_not_allowed', 'Use POST.', say('shop_error'));
    const read = await jsonBody(request, say, '{ "flow": "redirect" | "embedded", "order": … }');
    if ('status' in read) return read;
    const { body } = read;
    if (!isCreateCheckoutRequest(body)) {
      const object = typeof body === 'object' && body !== null && !Array.isArray(body);
      return errorResponse(
        400,
        'invalid_request',
        object && 'flow' in (body as object)
          ? 'flow must be "redirect" or "embedded".'
          : 'The body must be a JSON object: { "flow": "redirect" | "embedded", "order": … }.',
        say('shop_error'),
      );
    }
    const locale = localeOf(request, body.locale, messages);
    say = sayFor(locale);
    const flow: CheckoutFlow = body.flow ?? 'redirect';
    try {
      let customerId: string | undefined;
      if (body.saveCard === true) {
        const who = await savedCards.customer(request, say);
        if (typeof who !== 'string') return who;
        customerId = who;
      }
      const resolved = orderFor(request, body.order, flow, locale);
      const order = resolved instanceof Promise ? await resolved : resolved;
      // The card is kept for the customer the server knows, once Flitt confirms the payment.
      if (customerId !== undefined) {
        order.required_rectoken = 'Y';
        await savedCards.expect(String(order.order_id), customerId); // 409 if taken
      }
      return await startCheckout(order, flow);
    } catch (error) {
      return errorAnswer(error, 'create checkout', say, logger);
    }
  };

  /** The order Flitt (or the payer's browser) posted, if it is signed with our key for our merchant. */
  async function verifiedPost(request: Incoming, payouts = false): Promise<FlittOrder | null> {
    try {
      const posted = parseFlittPost(await request.text(), request.header('content-type') ?? '');
      // A payout's callback is signed with the payout key (creditKey), all else with the payment key.
      if (payouts && isPayoutPost(posted)) return await client.verifyPayout(posted);
      return await client.verifyOrder(posted);
    } catch (error) {
      // The shop's own settings are wrong: not the sender's fault, and Flitt must try again.
      if (error instanceof FlittConfigError) throw error;
      return null; // unreadable or too large: not from Flitt
    }
  }

  /** The client's configuration is wrong (found on first use): said loudly, answered 500. */
  const misconfigured = (what: string, error: FlittConfigError) => {
    logMisconfigured(logger, what, error);
    return textAnswer(500, 'Try again');
  };

  /** Events this instance is running, so concurrent copies wait instead of answering "busy". */
  const inFlight = new Map<string, Promise<boolean>>();
  const ok = () => textAnswer(200, 'OK');
  const retryLater = () => textAnswer(503, 'Try again');

  /**
   * Runs `onEvent` once for `event`, across Flitt's copies and the instances: `handled` (now or
   * before), `busy` (another instance holds it: Flitt's retry comes back), `failed` (the store,
   * `before` or onEvent threw: the claim is released for Flitt's retry). `before` runs inside the
   * claim, ahead of onEvent (a saved card is kept before the merchant hears of the payment).
   */
  async function deliver(
    event: FlittEvent,
    before?: () => Promise<unknown>,
  ): Promise<'handled' | 'busy' | 'failed'> {
    // A copy of an event this instance is already on waits for that run and shares its answer
    // (checked and registered in one synchronous step, so two copies cannot both miss it).
    const running = inFlight.get(event.id);
    if (running) return (await running) ? 'handled' : 'busy';
    let settle = (_handled: boolean) => {};
    inFlight.set(
      event.id,
      new Promise<boolean>((resolve) => {
        settle = resolve;
      }),
    );
    let claim: ClaimResult | undefined;
    try {
      claim = await store.claim(event.id, leaseMs);
      // Another instance runs this event now: Flitt's retry finds it done, or takes it over if
      // that instance died before finishing.
      if (claim === 'busy') {
        settle(false);
        return 'busy';
      }
      if (claim === 'claimed') {
        await before?.();
        await options.onEvent?.(event);
        // Handled: a failure to record that must not make Flitt run it again. The lease keeps
        // copies out meanwhile; your onEvent's idempotency (event.id) covers what comes later.
        await Promise.resolve()
          .then(() => store.complete(event.id))
          .catch((failure: unknown) =>
            logger.error(`[flitt-checkout] the store could not mark ${event.id} done`, failure),
          );
      }
      settle(true);
      return 'handled';
    } catch (error) {
      settle(false);
      // The store or onEvent failed: not handled, so Flitt must send it again.
      if (claim === 'claimed')
        await Promise.resolve()
          .then(() => store.release(event.id))
          .catch((release: unknown) =>
            logger.error(`[flitt-checkout] the store could not release ${event.id}`, release),
          );
      logger.error(
        `[flitt-checkout] ${claim === 'claimed' ? 'onEvent' : 'the callback store'} failed for ${event.type} ${event.orderId}; Flitt will retry`,
        error,
      );
      return 'failed';
    } finally {
      inFlight.delete(event.id);
    }
  }

  const callback = async (request: Incoming): Promise<Answer> => {
    if (request.method !== 'POST') return textAnswer(405, 'Use POST');
    let order: FlittOrder | null;
    try {
      order = await verifiedPost(request, true);
    } catch (error) {
      return misconfigured('callback', error as FlittConfigError);
    }
    if (!order) {
      logger.warn(
        '[flitt-checkout] callback rejected: missing, forged or altered signature, or another merchant.',
      );
      return textAnswer(400, 'Invalid callback');
    }
    if (order.tran_type === 'p2p credit') {
      // Verified with the payout key, and not read back: Flitt documents no status read for
      // payouts, and a payout's signed object never passes through a browser to be reshaped.
      const event = payoutEvent(order);
      const delivered = event ? await deliver(event) : 'handled';
      if (delivered === 'failed') return textAnswer(500, 'Try again');
      return delivered === 'busy' ? retryLater() : ok();
    }
    // The callback body only names the order: what happened is read back from Flitt, so a signed
    // object reshaped by whoever holds one (the payer's browser receives one) changes nothing.
    let confirmed: FlittOrder;
    try {
      confirmed = await client.getOrderStatus(String(order.order_id), { signal: request.signal });
    } catch (error) {
      if (unknownOrder(error)) {
        logger.warn(
          `[flitt-checkout] callback rejected: Flitt does not know order ${order.order_id}.`,
        );
        return textAnswer(400, 'Unknown order');
      }
      logger.warn(
        `[flitt-checkout] callback for ${order.order_id}: status check failed; Flitt will retry.`,
      );
      return retryLater();
    }
    if (order.tran_type === CHARGEBACK) {
      const event = chargebackEvent(order, confirmed);
      if (!event) {
        logger.warn(
          `[flitt-checkout] chargeback notice for ${order.order_id} rejected: its amount does not fit the order Flitt confirmed.`,
        );
        return textAnswer(400, 'Invalid chargeback');
      }
      const delivered = await deliver(event);
      if (delivered === 'failed') return textAnswer(500, 'Try again');
      return delivered === 'busy' ? retryLater() : ok();
    }
    const delivered = await deliver(eventOf(confirmed), () => savedCards.save(confirmed));
    if (delivered === 'failed') return textAnswer(500, 'Try again');
    return delivered === 'busy' ? retryLater() : ok();
  };

  // A relative resultUrl stays relative in `Location`: the Host header (anyone's to set) never
  // decides where the payer goes.
  const relativeResult = !/^[a-z][a-z\d+.-]*:|^\/\//i.test(options.resultUrl);
  const locationOf = (target: URL) =>
    relativeResult ? `${target.pathname}${target.search}${target.hash}` : target.href;
  const seeOther = (target: URL): Answer => ({
    status: 303,
    headers: { location: locationOf(target), ...NO_STORE },
    body: null,
  });
  const paymentReturn = async (request: Incoming): Promise<Answer> => {
    const here = new URL(request.url);
    const target = new URL(options.resultUrl, here);
    if (request.method === 'GET') {
      // Flitt may return without parameters; the order id we put in response_url is a hint only.
      const orderId = here.searchParams.get('order_id');
      if (orderId) target.searchParams.set('order_id', orderId);
      return seeOther(target);
    }
    if (request.method !== 'POST') return textAnswer(405, 'Use POST');
    let order: FlittOrder | null;
    try {
      order = await verifiedPost(request);
    } catch (error) {
      return misconfigured('payment return', error as FlittConfigError);
    }
    if (!order) {
      logger.warn(
        '[flitt-checkout] payment return rejected: the posted order is not signed by Flitt.',
      );
      return textAnswer(400, 'The payment return could not be verified.');
    }
    target.searchParams.set('order_id', String(order.order_id));
    return seeOther(target);
  };

  const status = async (request: Incoming): Promise<Answer> => {
    const say = sayFor(localeOf(request, undefined, messages));
    if (request.method !== 'GET')
      return errorResponse(
        405,
        'method_not_allowed',
        'Use GET with ?order_id=.',
        say('shop_error'),
      );
    const orderId = new URL(request.url).searchParams.get('order_id') ?? '';
    if (orderId === '' || orderId.length > 1024 || orderId.includes('|'))
      return errorResponse(
        400,
        'invalid_request',
        'Pass ?order_id= (1 to 1024 characters, without "|").',
        say('payment_not_found'),
      );
    try {
      if (options.authorizeStatus && !(await options.authorizeStatus(request.request(), orderId)))
        return errorResponse(
          403,
          'forbidden',
          'This order belongs to someone else.',
          say('payment_not_found'),
        );
      const order = await client.getOrderStatus(orderId, { signal: request.signal });
      // A card the payer asked to keep is saved by whichever comes first, Flitt's callback or
      // this read (once: the vault's expectation is used up), so the payer's list shows it when
      // the page does, and a callback Flitt could not deliver loses no card.
      if (order.rectoken) await savedCards.save(order);
      return json(orderStatusAnswer(order, say));
    } catch (error) {
      if (unknownOrder(error)) return orderNotFound(say);
      return errorAnswer(error, 'status', say, logger);
    }
  };

  const subscription = async (request: Incoming): Promise<Answer> => {
    const say = sayFor(localeOf(request, undefined, messages));
    if (request.method !== 'POST')
      return errorResponse(405, 'method_not_allowed', 'Use POST.', say('shop_error'));
    // JSON only, like createCheckout: a cross-site form post cannot stop someone's subscription.
    const read = await jsonBody(request, say, '{ "orderId": "…", "action": "start" | "stop" }');
    if ('status' in read) return read;
    const { body } = read;
    if (!isSubscriptionActionRequest(body))
      return errorResponse(
        400,
        'invalid_request',
        'The body must be { "orderId": "…" (1 to 1024 characters, without "|"), "action": "start" | "stop" }.',
        say('shop_error'),
      );
    try {
      const allowed = options.authorizeSubscription
        ? await options.authorizeSubscription(request.request(), body.orderId)
        : false;
      if (!allowed)
        return errorResponse(
          403,
          'forbidden',
          options.authorizeSubscription
            ? 'This subscription belongs to someone else.'
            : 'Stopping subscriptions is off: pass authorizeSubscription(request, orderId) to createFlittHandlers.',
          say('shop_error'),
        );
      // Run to its end even if the payer leaves: a stop cut off after it reached Flitt would
      // stop the charges without telling onEvent, and the shop's records would say active.
      const answer = await client.subscription(body.orderId, body.action);
      // Flitt posts no callback for a stop or a start: the shop hears of it here, or never.
      try {
        await options.onEvent?.(subscriptionStatusEvent(answer.orderId, answer.status));
      } catch (failure) {
        logger.error(
          `[flitt-checkout] onEvent failed for the ${answer.status} subscription ${answer.orderId}; the payer is asked to try again`,
          failure,
        );
        // Flitt has done it; asking again is safe (Flitt answers the same status) and is how
        // the shop's own records catch up.
        return errorResponse(
          500,
          'server_error',
          `Flitt made the subscription ${answer.status}, but onEvent failed to record it: send the request again.`,
          say('shop_error'),
        );
      }
      return json({ orderId: answer.orderId, status: answer.status });
    } catch (error) {
      // The order id is the browser's: one the client refuses (a lone surrogate …) is a bad
      // request, not the shop's invalid order.
      if (error instanceof FlittValidationError)
        return errorResponse(400, 'invalid_request', error.message, say('shop_error'));
      if (unknownOrder(error)) return orderNotFound(say);
      return errorAnswer(error, 'subscription', say, logger);
    }
  };

  return {
    createCheckout: webHandler(createCheckout),
    callback: webHandler(callback),
    paymentReturn: webHandler(paymentReturn),
    status: webHandler(status),
    subscription: webHandler(subscription),
    cards: webHandler(savedCards.endpoint),
  };
}
