import {
  FLITT_CURRENCIES,
  maskedSigningString,
  type OrderStatus,
  RESPONSE_CODE_MEANINGS,
  signProtocol2,
  validateOrder,
  verifyProtocol2,
  verifySignature,
} from '@flitt-checkout/core';
import { payerMessage } from '@flitt-checkout/core/messages';
import { type CallbackAttempt, CallbackDispatcher } from './callbacks.ts';
import { type CardInput, cardBehaviour, maskCard, readCard, type TestCard } from './cards.ts';
import { checkoutCss, checkoutJs } from './checkoutJs.ts';
import { dashboard } from './dashboard.ts';
import {
  describeCode,
  flittTime,
  orderObject,
  randomAlphanumeric,
  randomHex,
  type SandboxOrder,
  signLikeFlitt,
} from './orders.ts';
import {
  acsPage,
  checkoutPage,
  formatAmount,
  messagePage,
  pageLocale,
  resultPage,
  returnPage,
  text,
} from './pages.ts';
import { redeliverCallback, redeliverRoute, type Tamper } from './replay.ts';
import { type StatusChange, trackStatus } from './statusHistory.ts';
import {
  apiResponse,
  FlittFailure,
  failureBody,
  MESSAGES,
  type ParsedRequest,
  parseApiRequest,
} from './wire.ts';

/** A merchant the sandbox accepts. */
export interface SandboxMerchant {
  readonly merchantId: number;
  readonly secretKey: string;
  readonly name?: string;
  /** Currencies enabled for it; others answer 1012. */
  readonly currencies?: readonly string[];
}

/** Flitt's public test merchant, built in. */
export const TEST_MERCHANT: SandboxMerchant = {
  merchantId: 1549901,
  secretKey: 'test',
  name: 'Flitt test merchant',
  currencies: ['GEL', 'USD', 'EUR'],
};

/**
 * Ways to make the next requests fail (control API). `flitt_error` answers like Flitt refusing
 * the request: HTTP 200, `response_status: failure` with the given `error_code` (default 1002).
 */
export type FaultKind = 'http500' | 'timeout' | 'malformed' | 'reset' | 'flitt_error';
const FAULT_KINDS: readonly FaultKind[] = [
  'http500',
  'timeout',
  'malformed',
  'reset',
  'flitt_error',
];

/** Thrown to the HTTP adapter when a request must end with a connection reset. */
export class SandboxConnectionReset extends Error {
  constructor() {
    super('sandbox fault: connection reset');
  }
}

/** Options of `createSandbox`. */
export interface SandboxOptions {
  /** Origin used in `checkout_url` and by checkout.js; the HTTP server sets its own. */
  baseUrl?: string;
  /** Merchants besides the built-in test merchant 1549901 / `test`. */
  merchants?: readonly SandboxMerchant[];
  /** Scale of Flitt's callback retry schedule (1 = real seconds; 0.001 = milliseconds). */
  callbackTimeScale?: number;
  /** fetch used for callbacks. */
  fetch?: typeof fetch;
  /** Wall clock; the control API can move the sandbox's clock forward from it. */
  now?: () => number;
  /** Where the sandbox logs what it does (callbacks, faults). Silent by default. */
  log?: (line: string) => void;
}

interface Fault {
  kind: FaultKind;
  remaining: number;
  path: string;
  code: number;
}

interface Pending3ds {
  readonly orderKey: string;
  readonly card: CardInput;
  readonly behaviour: TestCard;
}

/** A summary of one order for the control API and tests. */
export interface SandboxOrderSummary {
  readonly merchantId: number;
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly amount: number;
  readonly currency: string;
  readonly token: string;
  readonly paymentId: number;
  readonly responseCode: number | '';
  readonly attempts: number;
  readonly reversalAmount: number;
  readonly captureStatus?: 'hold' | 'captured';
  /** Its first status and each change, at the sandbox clock's time. */
  readonly statusHistory: readonly StatusChange[];
}

/** An offline Flitt: handle Web `Request`s, inspect and steer it through `control`. */
export interface Sandbox {
  readonly baseUrl: string;
  handle(request: Request): Promise<Response>;
  readonly control: SandboxControl;
  /** Stops callback retries and ends hanging fault requests. */
  close(): void;
}

/** The control API: what tests use to look inside and inject faults. */
export interface SandboxControl {
  orders(): SandboxOrderSummary[];
  order(orderId: string, merchantId?: number): SandboxOrderSummary | undefined;
  callbacks(): readonly CallbackAttempt[];
  /** Resolves when no callback delivery is in flight. */
  callbacksIdle(): Promise<void>;
  setLatency(ms: number): void;
  /**
   * The next `count` requests whose path starts with `path` (default `/api/`) fail this way;
   * `code` is the `error_code` of a `flitt_error` (default 1002).
   */
  failNext(count: number, kind: FaultKind, path?: string, code?: number): void;
  /**
   * Pays an order (by its token or order id) as the card form does, without a browser: any
   * documented test card (default 4444555511116666, approved), expiry 12/30, CVV 123. Resolves the
   * form's JSON answer (`{ order }`, or `{ acs_url }` for 3-D Secure cards).
   */
  pay(tokenOrOrderId: string, card?: string): Promise<Record<string, unknown>>;
  /** Moves the sandbox clock forward (order lifetimes, `expired`). */
  advanceClock(seconds: number): void;
  addMerchant(merchant: SandboxMerchant): void;
  setBaseUrl(baseUrl: string): void;
  /** Forgets every order, callback, fault and clock offset. */
  reset(): void;
  /**
   * Sends the order's last callback again, as Flitt signed it, or with `tamper`'s field changed
   * and the signature kept (a forgery the merchant must refuse); resolves the merchant's answer.
   */
  redeliver(
    orderId: string,
    options?: { merchantId?: number; tamper?: Tamper },
  ): Promise<CallbackAttempt>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
};

/**
 * Creates an offline Flitt over Web `Request` / `Response`, with no Node built-ins, so the same
 * engine runs in the `flitt-sandbox` HTTP server and inside msw (Node or a browser).
 *
 * @example
 * import { createSignature } from '@flitt-checkout/core';
 *
 * const sandbox = createSandbox({ baseUrl: 'http://127.0.0.1:8610' });
 * const request = { order_id: 'o-1', merchant_id: TEST_MERCHANT.merchantId };
 * const signed = { ...request, signature: await createSignature(request, TEST_MERCHANT.secretKey) };
 * const response = await sandbox.handle(
 *   new Request('http://127.0.0.1:8610/api/status/order_id', {
 *     method: 'POST',
 *     headers: { 'content-type': 'application/json' },
 *     body: JSON.stringify({ request: signed }),
 *   }),
 * );
 */
/**
 * The embedded checkout's codes for what the API calls 1015 / 1025 / 1003 (card number, expiry,
 * CVV2).
 */
const WIDGET_CODES: Readonly<Record<number, number>> = { 1015: 2013, 1025: 2016, 1003: 2017 };

/**
 * `/api/checkout/redirect` refusals in Flitt's 2xxx codes: signature 2007, duplicate order 2004,
 * currency 2001, amount 2014, merchant 2003; any other parameter problem 2008.
 */
const REDIRECT_CODES: Readonly<Record<number, number>> = {
  1014: 2007,
  1013: 2004,
  1012: 2001,
  1023: 2014,
  1016: 2003,
};

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  let baseUrl = (options.baseUrl ?? 'https://pay.flitt.com').replace(/\/+$/, '');
  const realNow = options.now ?? Date.now;
  let clockOffset = 0;
  const now = () => realNow() + clockOffset;
  const log = options.log ?? (() => {});
  const merchants = new Map<number, SandboxMerchant>();
  const addMerchant = (m: SandboxMerchant) => merchants.set(m.merchantId, m);
  addMerchant(TEST_MERCHANT);
  for (const m of options.merchants ?? []) addMerchant(m);

  const orders = new Map<string, SandboxOrder>();
  const byToken = new Map<string, string>();
  const rectokens = new Map<
    string,
    { merchantId: number; card: SandboxOrder['card']; behaviour: TestCard }
  >();
  const pending3ds = new Map<string, Pending3ds>();
  const frameOrigins = new Map<string, string>();
  let faults: Fault[] = [];
  let latency = 0;
  let nextPaymentId = 800_000_000 + Math.floor(Math.random() * 1_000_000);
  const aborters = new Set<() => void>();
  const callbacks = new CallbackDispatcher({
    fetch: options.fetch ?? ((...args) => fetch(...args)),
    timeScale: options.callbackTimeScale ?? 1,
    now,
    log,
  });

  const keyOf = (merchantId: number, orderId: string) => `${merchantId}:${orderId}`;

  // ── order life cycle ────────────────────────────────────────────────────────────────────────

  /** Applies `lifetime`: an unpaid order expires; a delayed order with a failed attempt is declined. */
  function settle(order: SandboxOrder): void {
    if (now() < order.expiresAt) return;
    if (order.status === 'created') {
      order.status = 'expired';
    } else if (order.status === 'processing') {
      order.status = 'declined';
      void notify(order);
    }
  }

  function summary(order: SandboxOrder): SandboxOrderSummary {
    settle(order);
    return {
      merchantId: order.merchantId,
      orderId: order.orderId,
      status: order.status,
      amount: order.params.amount,
      currency: order.params.currency,
      token: order.token,
      paymentId: order.paymentId,
      responseCode: order.responseCode,
      attempts: order.attempts,
      reversalAmount: order.reversalAmount,
      ...(order.captureStatus ? { captureStatus: order.captureStatus } : {}),
      statusHistory: [...order.statusHistory],
    };
  }

  async function signedOrder(order: SandboxOrder): Promise<Record<string, unknown>> {
    const merchant = merchants.get(order.merchantId) as SandboxMerchant;
    return signLikeFlitt(orderObject(order), merchant.secretKey);
  }

  /**
   * The server callback. A 2.0 merchant gets a 2.0 envelope, `{"response": {version, data,
   * signature}}` with the order inside the base64 (API reference §1.2; Flitt's PHP SDK reads
   * nothing else in 2.0 mode), so a handler that only knows the flat form fails here too.
   */
  async function notify(order: SandboxOrder): Promise<void> {
    const url = order.params.server_callback_url;
    if (typeof url !== 'string' || url === '') return;
    const merchant = merchants.get(order.merchantId) as SandboxMerchant;
    const body =
      order.protocol === '2.0'
        ? { response: await signProtocol2(orderObject(order), merchant.secretKey) }
        : await signedOrder(order);
    callbacks.send(url, body, { orderId: order.orderId, orderStatus: order.status });
  }

  /** A refused attempt; delayed=Y (Flitt's default) keeps the order open until its lifetime ends. */
  function decline(order: SandboxOrder, code: number) {
    order.responseCode = code;
    order.responseDescription = describeCode(code);
    order.status = order.params.delayed === 'N' ? 'declined' : 'processing';
  }

  function approve(order: SandboxOrder) {
    order.status = 'approved';
    order.responseCode = '';
    order.responseDescription = '';
    order.approvalCode = String(100000 + Math.floor(Math.random() * 900000));
    order.rrn = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
  }

  function finish(order: SandboxOrder, card: CardInput, behaviour: TestCard, passed3ds: boolean) {
    order.card = {
      masked: maskCard(card.number),
      bin: Number(card.number.slice(0, 6)),
      brand: behaviour.brand,
    };
    order.eci = behaviour.threeDs === 'none' ? 7 : 5;
    if (!passed3ds || behaviour.result === 'declined') {
      decline(order, passed3ds ? (behaviour.declineCode ?? 1004) : 1024);
      return;
    }
    approve(order);
    if (order.params.preauth === 'Y') order.captureStatus = 'hold';
    if (order.params.required_rectoken === 'Y') {
      // 46 letters and digits like Flitt's (not hex): a 40-character column breaks live.
      order.rectoken = randomAlphanumeric(46);
      order.rectokenLifetime = flittTime(now() + 3 * 365 * 86400_000);
      rectokens.set(order.rectoken, { merchantId: order.merchantId, card: order.card, behaviour });
    }
    if (order.params.verification === 'Y') {
      order.reversalAmount = order.params.amount;
      order.status = 'reversed';
    }
  }

  type PayOutcome =
    | { kind: 'invalid'; code: number; field?: string; order?: SandboxOrder }
    | { kind: '3ds'; id: string; order: SandboxOrder; card: CardInput }
    | { kind: 'done'; order: SandboxOrder };

  async function pay(token: string, raw: Record<string, unknown>): Promise<PayOutcome> {
    const key = byToken.get(token);
    const order = key ? orders.get(key) : undefined;
    if (!order) return { kind: 'invalid', code: 1018 };
    settle(order);
    if (order.status === 'expired') return { kind: 'invalid', code: 1019, order };
    if (order.status !== 'created' && order.status !== 'processing') {
      return { kind: 'invalid', code: order.status === 'approved' ? 2009 : 1019, order };
    }
    const card = readCard(raw, new Date(now()));
    if ('field' in card) return { kind: 'invalid', code: card.code, field: card.field, order };
    const behaviour = cardBehaviour(card.number);
    order.attempts += 1;
    if (behaviour.threeDs === 'challenge') {
      // With the bank: Flitt reports the order as processing until 3-D Secure ends (issue 15).
      order.status = 'processing';
      const id = randomHex(24);
      pending3ds.set(id, { orderKey: keyOf(order.merchantId, order.orderId), card, behaviour });
      return { kind: '3ds', id, order, card };
    }
    finish(order, card, behaviour, true);
    await notify(order);
    return { kind: 'done', order };
  }

  async function complete3ds(id: string, confirmed: boolean): Promise<PayOutcome> {
    const pending = pending3ds.get(id);
    const order = pending ? orders.get(pending.orderKey) : undefined;
    if (!pending || !order) return { kind: 'invalid', code: 1018 };
    pending3ds.delete(id);
    settle(order);
    if (order.status !== 'created' && order.status !== 'processing') {
      return { kind: 'invalid', code: order.status === 'expired' ? 1052 : 1019, order };
    }
    finish(order, pending.card, pending.behaviour, confirmed);
    await notify(order);
    return { kind: 'done', order };
  }

  // ── the API ─────────────────────────────────────────────────────────────────────────────────

  function checkRaw(params: Record<string, unknown>): void {
    for (const value of Object.values(params)) {
      if (typeof value === 'string' && value.includes('|'))
        throw new FlittFailure(1034, MESSAGES[1034]);
    }
  }

  function requireParams(
    params: Record<string, unknown>,
    names: readonly string[],
    missing: 'missing' | 'mandatory' = 'missing',
  ): void {
    for (const name of names) {
      if (!(name in params) || params[name] === null || params[name] === undefined) {
        // Create order answers as in Flitt's own example (docs.flitt.com/api/create-order):
        // `"error_code": "1008"`, a string, "Parameter `amount` is mandatory". Elsewhere the
        // response-code table's numeric 1011. A merchant must read both.
        if (missing === 'mandatory')
          throw new FlittFailure('1008', `Parameter \`${name}\` is mandatory`);
        throw new FlittFailure(1011, MESSAGES[1011](name));
      }
      if (params[name] === '') throw new FlittFailure(1009, MESSAGES[1009](name));
    }
  }

  /** Finds the merchant and checks the request's signature, answering 1016 / 1014 like Flitt. */
  async function authenticate(parsed: ParsedRequest): Promise<SandboxMerchant> {
    const { params } = parsed;
    requireParams(params, ['merchant_id']);
    const merchant = /^\d{1,12}$/.test(String(params.merchant_id))
      ? merchants.get(Number(params.merchant_id))
      : undefined;
    if (!merchant) throw new FlittFailure(1016, MESSAGES[1016]);
    if (parsed.envelope) {
      if (!(await verifyProtocol2(parsed.envelope, merchant.secretKey))) {
        throw new FlittFailure(1014, MESSAGES[1014]);
      }
      return merchant;
    }
    requireParams(params, ['signature']);
    if (!(await verifySignature(params, merchant.secretKey))) {
      const masked = maskedSigningString(params);
      // Test mode quotes the string it hashed, with the key masked, to help find the difference.
      throw new FlittFailure(1014, `${MESSAGES[1014]}; response_signature_string: ${masked}`, {
        response_signature_string: masked,
      });
    }
    return merchant;
  }

  /** Form bodies carry only strings, and Flitt accepts digit strings for numbers in JSON too. */
  function numbersOf(params: Record<string, unknown>): Record<string, unknown> {
    const out = { ...params };
    for (const name of ['amount', 'lifetime']) {
      const value = out[name];
      if (typeof value === 'string' && /^\d{1,15}$/.test(value)) out[name] = Number(value);
    }
    return out;
  }

  function validationFailure(params: Record<string, unknown>, protocol: '1.0' | '2.0') {
    const { signature: _s, ...rest } = numbersOf(params);
    const result = validateOrder(rest, { protocol });
    if (result.ok) return undefined;
    // Flitt ignores parameters it does not know; it reports the first real problem.
    const issue = result.error.issues.find((i) => i.kind !== 'unknown');
    if (!issue) return undefined;
    // Flitt's own words name the innermost parameter ("Parameter `every` is incorrect"); the
    // sandbox's advice on the fix goes to its log, not into a text merchants may match on.
    const name = issue.param.split('.').at(-1) ?? issue.param;
    const message =
      issue.flittCode === 1023
        ? MESSAGES[1023]
        : issue.flittCode === 1012
          ? MESSAGES[1012]
          : issue.kind === 'missing'
            ? MESSAGES[1011](name)
            : issue.kind === 'empty'
              ? MESSAGES[1009](name)
              : MESSAGES[1007](name);
    log(`refused ${issue.param}: ${issue.message}`);
    return new FlittFailure(issue.flittCode, message);
  }

  /** What Flitt checks before it keeps a new order (currency enabled, unique order_id); then keeps it. */
  function storeOrder(
    merchant: SandboxMerchant,
    params: Record<string, unknown>,
    extra: Partial<Pick<SandboxOrder, 'attempts'>> & { delayed?: 'N'; protocol?: '2.0' } = {},
  ): SandboxOrder {
    if (!(merchant.currencies ?? FLITT_CURRENCIES).includes(String(params.currency))) {
      throw new FlittFailure(1012, MESSAGES[1012]);
    }
    const orderId = String(params.order_id);
    const key = keyOf(merchant.merchantId, orderId);
    if (orders.has(key)) throw new FlittFailure(1013, MESSAGES[1013]);
    const lifetime =
      params.lifetime === undefined || params.lifetime === '' ? 36000 : Number(params.lifetime);
    const order: SandboxOrder = trackStatus<Omit<SandboxOrder, 'statusHistory'>>(
      {
        merchantId: merchant.merchantId,
        orderId,
        params: {
          ...(numbersOf(params) as unknown as SandboxOrder['params']),
          ...(extra.delayed ? { delayed: extra.delayed } : {}),
        },
        token: randomHex(40),
        paymentId: nextPaymentId++,
        createdAt: now(),
        expiresAt: now() + lifetime * 1000,
        status: 'created',
        responseCode: '',
        responseDescription: '',
        attempts: extra.attempts ?? 0,
        reversalAmount: 0,
        reversals: new Map(),
        tranType: 'purchase',
        protocol: extra.protocol ?? '1.0',
      },
      now,
    );
    orders.set(key, order);
    return order;
  }

  async function createOrder(parsed: ParsedRequest, kind: 'url' | 'token') {
    const { params } = parsed;
    checkRaw(params);
    requireParams(params, ['order_id', 'order_desc', 'amount', 'currency'], 'mandatory');
    const merchant = await authenticate(parsed);
    const invalid = validationFailure(params, parsed.envelope ? '2.0' : '1.0');
    if (invalid) throw invalid;
    const order = storeOrder(merchant, params, parsed.envelope ? { protocol: '2.0' } : {});
    const { token } = order;
    byToken.set(token, keyOf(order.merchantId, order.orderId));
    if (kind === 'token') return { response_status: 'success', token };
    return {
      response_status: 'success',
      checkout_url: `${baseUrl}/merchants/${merchantHash(merchant.merchantId)}/default/index.html?token=${token}`,
      payment_id: String(order.paymentId),
    };
  }

  async function findOrder(parsed: ParsedRequest, required: readonly string[]) {
    const { params } = parsed;
    checkRaw(params);
    requireParams(params, ['order_id', ...required]);
    const merchant = await authenticate(parsed);
    const order = orders.get(keyOf(merchant.merchantId, String(params.order_id)));
    if (!order) throw new FlittFailure(1018, MESSAGES[1018]);
    settle(order);
    return { merchant, order };
  }

  function amountParam(params: Record<string, unknown>): number {
    const amount = Number(params.amount);
    if (!/^\d{1,12}$/.test(String(params.amount)) || amount <= 0)
      throw new FlittFailure(1023, MESSAGES[1023]);
    return amount;
  }

  async function reverse(parsed: ParsedRequest) {
    const { params } = parsed;
    const { merchant, order } = await findOrder(parsed, ['amount', 'currency']);
    const reverseId = typeof params.reverse_id === 'string' ? params.reverse_id : '';
    if (reverseId.length > 50) throw new FlittFailure(1007, MESSAGES[1007]('reverse_id'));
    const previous = reverseId ? order.reversals.get(reverseId) : undefined;
    if (previous) return previous; // same reverse_id: idempotent, nothing reversed twice
    const amount = amountParam(params);
    if (params.currency !== order.params.currency)
      throw new FlittFailure(1007, MESSAGES[1007]('currency'));
    if (order.status !== 'approved') {
      throw new FlittFailure(
        1007,
        `${MESSAGES[1007]('order_id')}: order is ${order.status}, only approved orders can be reversed`,
      );
    }
    const captured =
      order.captureStatus === 'hold'
        ? order.params.amount
        : (order.captureAmount ?? order.params.amount);
    if (order.captureStatus === 'hold' && amount !== order.params.amount) {
      throw new FlittFailure(1084, describeCode(1084));
    }
    if (amount > captured - order.reversalAmount) throw new FlittFailure(1023, MESSAGES[1023]);
    order.reversalAmount += amount;
    if (order.reversalAmount === captured) order.status = 'reversed';
    const reply = await signLikeFlitt(
      {
        response_status: 'success',
        reverse_status: 'approved',
        reversal_amount: String(order.reversalAmount),
        transaction_id: String(order.paymentId * 10 + order.reversals.size + 1),
        reverse_id: reverseId,
        order_id: order.orderId,
        merchant_id: merchant.merchantId,
        response_code: '',
        response_description: '',
      },
      merchant.secretKey,
    );
    if (reverseId) order.reversals.set(reverseId, reply);
    else order.reversals.set(`#${order.reversals.size}`, reply);
    await notify(order);
    return reply;
  }

  async function capture(parsed: ParsedRequest) {
    const { params } = parsed;
    const { merchant, order } = await findOrder(parsed, ['amount', 'currency']);
    const amount = amountParam(params);
    if (params.currency !== order.params.currency)
      throw new FlittFailure(1007, MESSAGES[1007]('currency'));
    if (
      order.params.preauth !== 'Y' ||
      (order.status !== 'approved' && order.status !== 'reversed')
    ) {
      throw new FlittFailure(
        1007,
        `${MESSAGES[1007]('order_id')}: order is not an approved pre-authorisation`,
      );
    }
    if (order.captureStatus === 'captured') {
      // One capture per order; the same amount again is a safe retry that returns the state.
      if (order.captureAmount !== amount) throw new FlittFailure(1109, describeCode(1109));
    } else {
      if (amount > order.params.amount) throw new FlittFailure(1023, MESSAGES[1023]);
      order.captureStatus = 'captured';
      order.captureAmount = amount;
      await notify(order);
    }
    // The documented reply fields only (docs.flitt.com/api/capture-parameters): the amount is
    // read back from the order's status, so a merchant relying on an echo fails here too.
    return signLikeFlitt(
      {
        response_status: 'success',
        capture_status: 'captured',
        order_id: order.orderId,
        merchant_id: merchant.merchantId,
        response_code: '',
        response_description: '',
      },
      merchant.secretKey,
    );
  }

  async function recurring(parsed: ParsedRequest) {
    const { params } = parsed;
    checkRaw(params);
    requireParams(params, ['order_id', 'order_desc', 'amount', 'currency', 'rectoken']);
    const merchant = await authenticate(parsed);
    const { rectoken, ...orderParams } = params;
    const invalid = validationFailure(orderParams, parsed.envelope ? '2.0' : '1.0');
    if (invalid) throw invalid;
    const saved = rectokens.get(String(rectoken));
    if (!saved || saved.merchantId !== merchant.merchantId)
      throw new FlittFailure(1035, MESSAGES[1035]);
    const order = storeOrder(merchant, params, {
      delayed: 'N',
      attempts: 1,
      ...(parsed.envelope ? { protocol: '2.0' as const } : {}),
    });
    // Recurring charges are host to host: no 3-D Secure, the saved card's outcome decides.
    const card = saved.card as NonNullable<SandboxOrder['card']>;
    order.card = card;
    order.eci = 7;
    order.rectoken = String(rectoken);
    if (saved.behaviour.result === 'approved') approve(order);
    else decline(order, saved.behaviour.declineCode ?? 1004); // delayed 'N': final
    await notify(order);
    return signedOrder(order);
  }

  /**
   * `/api/checkout/redirect`: the shop's page posts a signed HTML form, Flitt creates the order and
   * answers 302 to its hosted page; a refusal is an HTML page with a 2xxx code and the request id
   * (api-reference §2.1). Parsed and checked exactly like `/api/checkout/url`.
   */
  async function checkoutRedirect(request: Request): Promise<Response> {
    let lang: unknown;
    try {
      const parsed = await parseApiRequest(request);
      lang = parsed.params.lang;
      const created = await createOrder(parsed, 'url');
      return new Response(null, {
        status: 302,
        headers: { location: String(created.checkout_url), 'cache-control': 'no-store' },
      });
    } catch (error) {
      if (!(error instanceof FlittFailure)) throw error;
      const code = REDIRECT_CODES[Number(error.errorCode)] ?? 2008;
      const locale = pageLocale(lang);
      const failure = failureBody(error);
      log(`checkout/redirect refused: ${error.errorCode} ${error.errorMessage}`);
      return messagePage(
        locale,
        text(locale).declined,
        `${payerMessage(code, locale)} (${code}; request ${failure.request_id})`,
      );
    }
  }

  async function api(path: string, request: Request): Promise<Response> {
    if (path === '/api/checkout/redirect') return checkoutRedirect(request);
    let parsed: ParsedRequest | undefined;
    try {
      parsed = await parseApiRequest(request);
      let body: Record<string, unknown>;
      switch (path) {
        case '/api/checkout/url':
          body = await createOrder(parsed, 'url');
          break;
        case '/api/checkout/token':
          body = await createOrder(parsed, 'token');
          break;
        case '/api/status/order_id':
          body = await signedOrder((await findOrder(parsed, [])).order);
          break;
        case '/api/reverse/order_id':
          body = await reverse(parsed);
          break;
        case '/api/capture/order_id':
          body = await capture(parsed);
          break;
        case '/api/recurring':
          body = await recurring(parsed);
          break;
        default:
          // An API path Flitt does not have: Flitt's docs do not say what it answers; a body in
          // Flitt's failure shape, so clients that parse every answer can read it (issue 15).
          return new Response(
            JSON.stringify({
              response: failureBody(new FlittFailure(1002, `Unknown API path ${path}`)),
            }),
            { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' } },
          );
      }
      const merchant = merchants.get(Number(parsed.params.merchant_id));
      return apiResponse(parsed.format, body, merchant?.secretKey);
    } catch (error) {
      if (!(error instanceof FlittFailure)) throw error;
      return apiResponse(parsed?.format === 'form' ? 'form' : 'json', failureBody(error));
    }
  }

  // ── pages, checkout.js and its endpoints ────────────────────────────────────────────────────

  function pageOrder(order: SandboxOrder) {
    const merchant = merchants.get(order.merchantId);
    return {
      token: order.token,
      merchantName: merchant?.name ?? `Merchant ${order.merchantId}`,
      orderId: order.orderId,
      orderDesc: order.params.order_desc,
      amount: order.params.amount,
      currency: order.params.currency,
      ...(order.params.cancel_url ? { cancelUrl: order.params.cancel_url } : {}),
    };
  }

  async function afterPayment(
    outcome: PayOutcome,
    mode: 'page' | 'frame',
    frameOrigin = '*',
    typed: Record<string, unknown> = {},
  ): Promise<Response> {
    const locale = pageLocale(
      outcome.kind === 'invalid' ? outcome.order?.params.lang : outcome.order.params.lang,
    );
    const t = text(locale);
    if (outcome.kind === 'invalid') {
      const order = outcome.order;
      if (!order) return messagePage(locale, t.declined, t.notFound, 404);
      if (order.status === 'created' || order.status === 'processing') {
        const { card_number, expiry_date } = typed;
        return checkoutPage(
          locale,
          pageOrder(order),
          { code: outcome.code, ...(outcome.field ? { field: outcome.field } : {}) },
          { card_number, expiry_date },
        );
      }
      return finalPage(order, locale);
    }
    if (outcome.kind === '3ds') {
      if (mode === 'page') return Response.redirect(`${baseUrl}/sandbox/3ds/${outcome.id}`, 303);
      return acsPage(
        locale,
        outcome.id,
        outcome.card.number,
        formatAmount(outcome.order.params.amount, outcome.order.params.currency, locale),
        'frame',
      );
    }
    const order = outcome.order;
    if (mode === 'frame') {
      // Inside checkout.js's 3-D Secure frame: hand the result to the widget on the merchant's page.
      const message = JSON.stringify({
        source: 'flitt-sandbox',
        type: '3ds-complete',
        token: order.token,
      });
      return new Response(
        `<!doctype html><meta charset="utf-8"><script>parent.postMessage(${JSON.stringify(message)}, ${JSON.stringify(frameOrigin)})</script>`,
        { headers: { 'content-type': 'text/html; charset=utf-8' } },
      );
    }
    if (order.status === 'processing') {
      // delayed=Y: the attempt failed but the order is open, so the payer may try again here.
      return checkoutPage(locale, pageOrder(order), { code: Number(order.responseCode) || 1000 });
    }
    return finalPage(order, locale);
  }

  async function finalPage(order: SandboxOrder, locale: ReturnType<typeof pageLocale>) {
    const url = order.params.response_url;
    // response_url is where the payer goes after paying; an expired order was never paid, so the
    // payer reads why here (Flitt's checkout shows 2006 "order lifetime expired") instead.
    if (order.status !== 'expired' && typeof url === 'string' && url !== '')
      return returnPage(locale, url, await signedOrder(order));
    return resultPage(locale, order.status, order.responseCode);
  }

  async function hostedPage(url: URL): Promise<Response> {
    const token = url.searchParams.get('token') ?? '';
    const key = byToken.get(token);
    const order = key ? orders.get(key) : undefined;
    if (!order) {
      const t = text('en');
      return messagePage('en', t.title, t.notFound, 404);
    }
    settle(order);
    const locale = pageLocale(order.params.lang);
    if (order.status === 'created' || order.status === 'processing') {
      const code =
        order.status === 'processing' ? Number(order.responseCode) || undefined : undefined;
      return checkoutPage(locale, pageOrder(order), code ? { code } : undefined);
    }
    return finalPage(order, locale);
  }

  async function formOrJson(request: Request): Promise<Record<string, unknown>> {
    const type = request.headers.get('content-type') ?? '';
    if (type.includes('application/json')) {
      const body = (await request.json().catch(() => ({}))) as unknown;
      return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    }
    return Object.fromEntries(new URLSearchParams(await request.text()));
  }

  /** checkout.js asks for the order behind a token (merchant, amount, description, status). */
  /** The widget speaks `params.lang` when the page passes one (as Flitt's does), else the order's. */
  function embeddedInfo(order: SandboxOrder, lang: unknown) {
    settle(order);
    const locale = pageLocale(typeof lang === 'string' && lang !== '' ? lang : order.params.lang);
    return {
      merchant: merchants.get(order.merchantId)?.name ?? `Merchant ${order.merchantId}`,
      order_id: order.orderId,
      order_desc: order.params.order_desc,
      amount: order.params.amount,
      currency: order.params.currency,
      amount_text: formatAmount(order.params.amount, order.params.currency, locale),
      lang: locale,
      status: order.status,
      response_url: order.params.response_url ?? '',
      message: order.status === 'expired' ? payerMessage(1052, locale) : '',
      text: text(locale),
    };
  }

  async function embedded(path: string, request: Request): Promise<Response> {
    const body = await formOrJson(request);
    const token = String(body.token ?? '');
    const key = byToken.get(token);
    const order = key ? orders.get(key) : undefined;
    const json = (value: unknown, status = 200) => Response.json(value, { status, headers: CORS });
    if (!order) return json({ error: { code: 1018, message: 'Order not found' } }, 404);
    if (
      !['/sandbox/embedded/info', '/sandbox/embedded/result', '/sandbox/embedded/pay'].includes(
        path,
      )
    ) {
      return json({ error: { code: 1002, message: 'Not found' } }, 404);
    }
    if (path === '/sandbox/embedded/info') return json(embeddedInfo(order, body.lang));
    if (path === '/sandbox/embedded/result') {
      settle(order);
      return json(await embeddedOutcome({ kind: 'done', order }));
    }
    const outcome = await pay(token, body);
    // Remember which page started a 3-D Secure step, so its result is posted to that origin only.
    const origin = request.headers.get('origin');
    if (outcome.kind === '3ds' && origin && /^https?:\/\/[^/]+$/.test(origin)) {
      frameOrigins.set(outcome.id, origin);
    }
    return json(await embeddedOutcome(outcome));
  }

  async function embeddedOutcome(outcome: PayOutcome) {
    const locale = pageLocale(outcome.order?.params.lang);
    if (outcome.kind === 'invalid') {
      const order = outcome.order ? await signedOrder(outcome.order) : null;
      // The embedded form reports with Flitt's JavaScript codes (2xxx, API reference §3.2), not
      // the API's 1xxx: a widget handler keyed on 1015 works here only if it works live.
      const code = WIDGET_CODES[outcome.code] ?? outcome.code;
      const error = {
        code,
        field: outcome.field ?? null,
        message: payerMessage(code, locale),
      };
      return { status: 'error', error, order };
    }
    if (outcome.kind === '3ds')
      return { status: '3ds', url: `${baseUrl}/sandbox/3ds/${outcome.id}?mode=frame` };
    const { order } = outcome;
    const code = Number(order.responseCode) || (order.status === 'expired' ? 1052 : 1000);
    return {
      status: 'done',
      order: await signedOrder(order),
      response_url: order.params.response_url ?? '',
      message: order.status === 'approved' ? '' : payerMessage(code, locale),
    };
  }

  async function threeDs(id: string, url: URL, request: Request): Promise<Response> {
    const mode = url.searchParams.get('mode') === 'frame' ? 'frame' : 'page';
    const pending = pending3ds.get(id);
    const order = pending ? orders.get(pending.orderKey) : undefined;
    if (request.method === 'GET') {
      if (!pending || !order)
        return messagePage('en', text('en').acsTitle, text('en').notFound, 404);
      const locale = pageLocale(order.params.lang);
      return acsPage(
        locale,
        id,
        pending.card.number,
        formatAmount(order.params.amount, order.params.currency, locale),
        mode,
      );
    }
    const body = await formOrJson(request);
    const origin = frameOrigins.get(id) ?? '*';
    frameOrigins.delete(id);
    return afterPayment(await complete3ds(id, body.result === 'confirm'), mode, origin);
  }

  // ── control API over HTTP ───────────────────────────────────────────────────────────────────

  const control: SandboxControl = {
    orders: () => [...orders.values()].map(summary),
    order: (orderId, merchantId = TEST_MERCHANT.merchantId) => {
      const order = orders.get(keyOf(merchantId, orderId));
      return order ? summary(order) : undefined;
    },
    callbacks: () => callbacks.attempts,
    callbacksIdle: () => callbacks.idle(),
    redeliver: (orderId, options = {}) => redeliverCallback(callbacks, { orderId, ...options }),
    setLatency: (ms) => {
      latency = Math.max(0, ms);
    },
    failNext: (count, kind, path = '/api/', code = 1002) => {
      faults.push({ kind, remaining: count, path, code });
    },
    pay: async (tokenOrOrderId, card = '4444555511116666') => {
      const order = orders.get(byToken.get(tokenOrOrderId) ?? '') ?? control.order(tokenOrOrderId);
      const response = await handle(
        new Request(`${baseUrl}/sandbox/embedded/pay`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            token: order?.token ?? tokenOrOrderId,
            card_number: card,
            expiry_date: '12/30',
            cvv2: '123',
          }),
        }),
      );
      return (await response.json()) as Record<string, unknown>;
    },
    advanceClock: (seconds) => {
      clockOffset += seconds * 1000;
      for (const order of orders.values()) settle(order);
    },
    addMerchant,
    setBaseUrl: (url) => {
      baseUrl = url.replace(/\/+$/, '');
    },
    reset: () => {
      orders.clear();
      byToken.clear();
      rectokens.clear();
      pending3ds.clear();
      frameOrigins.clear();
      callbacks.close();
      callbacks.attempts.length = 0;
      faults = [];
      latency = 0;
      clockOffset = 0;
    },
  };

  /** Control bodies are a few fields; anything bigger is not from a test. */
  const CONTROL_BODY_LIMIT = 16 * 1024;

  /** `localhost`, 127.0.0.1 or [::1], with any port: this machine. */
  const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
  const isLoopbackOrigin = (origin: string) =>
    /^https?:\/\//.test(origin) && LOOPBACK_HOST.test(origin.replace(/^https?:\/\//, ''));

  /** CORS for pages on this machine only (browser tests): other websites must not steer it. */
  function controlCors(request: Request): Record<string, string> {
    const origin = request.headers.get('origin') ?? '';
    return isLoopbackOrigin(origin)
      ? { ...CORS, 'access-control-allow-origin': origin, vary: 'origin' }
      : {};
  }

  /**
   * Why a control request is refused, or null. Any web page the tester opens can send a
   * `text/plain` or form POST to 127.0.0.1 without a preflight, and a DNS-rebinding page reaches it
   * under its own host name: so only JSON, only from pages on this machine, only to a loopback host
   * (or the sandbox's own, for msw), and small bodies.
   */
  function controlRefusal(request: Request): [number, string] | null {
    const host = request.headers.get('host') ?? new URL(request.url).host;
    if (!LOOPBACK_HOST.test(host) && host !== new URL(baseUrl).host)
      return [403, `control requests must be addressed to 127.0.0.1 or localhost, not ${host}`];
    const origin = request.headers.get('origin');
    if (origin && origin !== 'null' && !isLoopbackOrigin(origin))
      return [403, `control requests are accepted from pages on this machine only, not ${origin}`];
    if (request.method !== 'POST') return null;
    if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? ''))
      return [415, 'send control requests as JSON (content-type: application/json)'];
    if (Number(request.headers.get('content-length') ?? 0) > CONTROL_BODY_LIMIT)
      return [413, `control bodies are limited to ${CONTROL_BODY_LIMIT} bytes`];
    return null;
  }

  async function controlApi(path: string, request: Request): Promise<Response> {
    const headers = controlCors(request);
    const json = (value: unknown, status = 200) => Response.json(value, { status, headers });
    const refused = controlRefusal(request);
    if (refused) return json({ error: refused[1] }, refused[0]);
    let body: Record<string, unknown> = {};
    if (request.method === 'POST') {
      const text = await request.text();
      if (text.length > CONTROL_BODY_LIMIT)
        return json({ error: `control bodies are limited to ${CONTROL_BODY_LIMIT} bytes` }, 413);
      try {
        const parsed = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new SyntaxError('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        return json({ error: 'the body must be a JSON object' }, 400);
      }
    }
    switch (`${request.method} ${path}`) {
      case 'GET /sandbox/control/orders':
        return json(control.orders());
      case 'GET /sandbox/control/callbacks':
        return json(control.callbacks());
      case 'POST /sandbox/control/latency':
        control.setLatency(Number(body.ms ?? 0));
        return json({ latency });
      case 'POST /sandbox/control/faults': {
        const kind = body.kind as FaultKind;
        if (!FAULT_KINDS.includes(kind)) {
          return json({ error: `kind must be one of ${FAULT_KINDS.join(', ')}` }, 400);
        }
        control.failNext(
          Number(body.count ?? 1),
          kind,
          typeof body.path === 'string' ? body.path : undefined,
          Number.isInteger(Number(body.code)) && body.code !== undefined
            ? Number(body.code)
            : undefined,
        );
        return json({ faults });
      }
      case 'POST /sandbox/control/clock':
        control.advanceClock(Number(body.seconds ?? 0));
        return json({ offsetSeconds: clockOffset / 1000 });
      case 'POST /sandbox/control/redeliver': {
        const redelivered = await redeliverRoute(callbacks, body);
        return json(redelivered.json, redelivered.status);
      }
      case 'POST /sandbox/control/reset':
        control.reset();
        return json({ ok: true });
      default:
        return json({ error: 'unknown control endpoint' }, 404);
    }
  }

  // ── router ──────────────────────────────────────────────────────────────────────────────────

  async function injectFault(path: string, signal: AbortSignal): Promise<Response | undefined> {
    const fault = faults.find((f) => f.remaining > 0 && path.startsWith(f.path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    log(`fault ${fault.kind} on ${path}`);
    switch (fault.kind) {
      case 'http500':
        return new Response('<html><body>500 Internal Server Error</body></html>', {
          status: 500,
          headers: { 'content-type': 'text/html' },
        });
      case 'malformed':
        return new Response('{"response": {"response_status": "succ', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      case 'reset':
        throw new SandboxConnectionReset();
      case 'flitt_error':
        return apiResponse(
          'json',
          failureBody(new FlittFailure(fault.code, RESPONSE_CODE_MEANINGS[fault.code] ?? 'Error')),
        );
      case 'timeout':
        // Hangs until the client gives up (or the sandbox closes), like an unanswered request.
        await new Promise<void>((resolve) => {
          const done = () => {
            aborters.delete(done);
            resolve();
          };
          aborters.add(done);
          signal.addEventListener('abort', done, { once: true });
        });
        return new Response(null, { status: 504 });
    }
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    // Flitt's docs and the official SDK write API paths with a trailing slash; both forms work.
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    if (request.method === 'OPTIONS') {
      const headers = path.startsWith('/sandbox/control/') ? controlCors(request) : CORS;
      return new Response(null, { status: 204, headers });
    }
    if (path.startsWith('/sandbox/control/')) return controlApi(path, request);
    const fault = await injectFault(path, request.signal);
    if (fault) return fault;
    if (latency > 0 && path.startsWith('/api/')) await new Promise((r) => setTimeout(r, latency));
    if (path.startsWith('/api/')) {
      if (request.method !== 'POST')
        return new Response('Method Not Allowed', { status: 405, headers: { allow: 'POST' } });
      return api(path, request);
    }
    if (request.method === 'GET' && /^\/merchants\/[0-9a-f]+\/default\/index\.html$/.test(path))
      return hostedPage(url);
    if (request.method === 'POST' && path === '/sandbox/pay') {
      const body = await formOrJson(request);
      return afterPayment(await pay(String(body.token ?? ''), body), 'page', '*', body);
    }
    const acs = /^\/sandbox\/3ds\/([0-9a-f]+)$/.exec(path);
    if (acs?.[1]) return threeDs(acs[1], url, request);
    if (request.method === 'POST' && path.startsWith('/sandbox/embedded/')) {
      return embedded(path, request);
    }
    if (path === '/latest/checkout-vue/checkout.js') {
      return new Response(checkoutJs(baseUrl), {
        headers: { 'content-type': 'text/javascript; charset=utf-8', ...CORS },
      });
    }
    if (path === '/latest/checkout-vue/checkout.css') {
      return new Response(checkoutCss, {
        headers: { 'content-type': 'text/css; charset=utf-8', ...CORS },
      });
    }
    if (request.method === 'GET' && (path === '/' || path.startsWith('/sandbox/dashboard'))) {
      // It shows every order and callback body: to this machine only, like the control API.
      const refused = controlRefusal(request);
      if (refused) return new Response(refused[1], { status: refused[0] });
      const page = await dashboard(path, dashboardState);
      if (page) return page;
    }
    return new Response('Not Found', { status: 404 });
  }

  function dashboardState() {
    return {
      baseUrl,
      merchantId: TEST_MERCHANT.merchantId,
      secretKey: TEST_MERCHANT.secretKey,
      now: now(),
      clockOffsetSeconds: clockOffset / 1000,
      latencyMs: latency,
      orders: [...orders.values()].map((o) => ({ ...summary(o), orderDesc: o.params.order_desc })),
      callbacks: callbacks.attempts,
      faults,
      faultKinds: FAULT_KINDS,
    };
  }

  return {
    get baseUrl() {
      return baseUrl;
    },
    handle,
    control,
    close() {
      callbacks.close();
      for (const abort of [...aborters]) abort();
    },
  };
}

/** A stable per-merchant path segment, like the hash in Flitt's checkout URLs. */
function merchantHash(merchantId: number): string {
  let h = 2166136261;
  for (const c of String(merchantId)) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}
