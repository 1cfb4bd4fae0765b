import type { CallbackAttempt } from './callbacks.ts';
import { chargeback } from './chargebacks.ts';
import { CORS } from './hostedPages.ts';
import type { Lifecycle, SandboxOrderSummary, WalletOutcome } from './lifecycle.ts';
import { flittTime } from './orders.ts';
import { payoutBalance } from './payouts.ts';
import { redeliverCallback, redeliverRoute, type Tamper } from './replay.ts';
import {
  FAULT_KINDS,
  type FaultKind,
  type SandboxMerchant,
  type SandboxState,
  TEST_MERCHANT,
} from './state.ts';
import type { Subscriptions } from './subscriptions.ts';

/** The control API: what tests use to look inside and inject faults. */
export interface SandboxControl {
  orders(): SandboxOrderSummary[];
  order(orderId: string, merchantId?: number): SandboxOrderSummary | undefined;
  callbacks(): readonly CallbackAttempt[];
  /** Resolves when no callback delivery (subscription charges included) is in flight. */
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
  /**
   * Types the code of a `verification_type=code` order (by its token or order id) as the payer
   * does at the code step: by default the right one (the order summary's `verificationCode`).
   * Resolves the form's JSON answer (`{ status: 'verify' }` again after a wrong code).
   */
  verify(tokenOrOrderId: string, code?: string): Promise<Record<string, unknown>>;
  /**
   * Pays an order (by its token or order id) as the stand-in wallet sheet does, without a browser:
   * `method` apple or google, `outcome` what the payer picks (default approve). Resolves the
   * sheet's JSON answer (`{ order }`, or `{ error }` for an order that cannot be paid).
   */
  payWallet(
    tokenOrOrderId: string,
    method: 'apple' | 'google',
    outcome?: WalletOutcome,
  ): Promise<Record<string, unknown>>;
  /**
   * Makes a card token expire `seconds` from now on the sandbox clock (default 0: now), so the
   * next `/api/recurring` with it answers 1082; the issuing order's `rectoken_lifetime` follows.
   * Resolves the new `rectoken_lifetime`, or undefined for a token the sandbox never issued.
   */
  expireRectoken(rectoken: string, seconds?: number): string | undefined;
  /**
   * Moves the sandbox clock forward: order lifetimes (`expired`) and the subscription charges now
   * due, whose callbacks are on their way when `callbacksIdle()` resolves.
   */
  advanceClock(seconds: number): void;
  /**
   * The payer's bank takes a paid order back: records a chargeback of `amount` minor units
   * (default: all that is left after refunds) and posts the signed notification to the order's
   * `chargeback_callback_url` (its body is the sandbox's choice: the order object with
   * `tran_type: 'chargeback'`, `chargeback_amount`, `chargeback_id`, `chargeback_date`). Resolves
   * that body; rejects for an order that is not there or not paid, or an amount over what is left.
   */
  chargeback(
    orderId: string,
    amount?: number,
    merchantId?: number,
  ): Promise<Record<string, unknown>>;
  /**
   * Sets what a merchant may still pay out, in minor units (`/api/p2pcredit` over it answers
   * 1081). Each approved payout takes its amount off.
   */
  setPayoutBalance(amount: number, merchantId?: number): void;
  /** A merchant's payout balance now, in minor units. */
  payoutBalance(merchantId?: number): number;
  /** The next payout is declined with `code` (default 1058, receiver card declined by its issuer). */
  declineNextPayout(code?: number): void;
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
 * The control API, as an object and over HTTP (`/sandbox/control/*`), with the guards that keep
 * it to this machine. `handle` is the sandbox's router: `pay` goes through it like a browser.
 */
export function createControl(
  state: SandboxState,
  lifecycle: Pick<Lifecycle, 'settle' | 'summary'>,
  subscriptions: Pick<Subscriptions, 'runDue' | 'idle'>,
  handle: (request: Request) => Promise<Response>,
) {
  const { settle, summary } = lifecycle;

  /** An order by its payment token, or by its order id at the test merchant. */
  const findOrder = (tokenOrOrderId: string) =>
    state.orders.get(state.byToken.get(tokenOrOrderId) ?? '') ??
    state.orders.get(state.keyOf(TEST_MERCHANT.merchantId, tokenOrOrderId));

  const control: SandboxControl = {
    orders: () => [...state.orders.values()].map(summary),
    order: (orderId, merchantId = TEST_MERCHANT.merchantId) => {
      const order = state.orders.get(state.keyOf(merchantId, orderId));
      return order ? summary(order) : undefined;
    },
    callbacks: () => state.callbacks.attempts,
    callbacksIdle: async () => {
      await subscriptions.idle();
      await state.callbacks.idle();
    },
    redeliver: (orderId, options = {}) =>
      redeliverCallback(state.callbacks, { orderId, ...options }),
    setLatency: (ms) => {
      state.latency = Math.max(0, ms);
    },
    failNext: (count, kind, path = '/api/', code = 1002) => {
      state.faults.push({ kind, remaining: count, path, code });
    },
    pay: async (tokenOrOrderId, card = '4444555511116666') => {
      const order = findOrder(tokenOrOrderId);
      const response = await handle(
        new Request(`${state.baseUrl}/sandbox/embedded/pay`, {
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
    payWallet: async (tokenOrOrderId, method, outcome = 'approve') => {
      const order = findOrder(tokenOrOrderId);
      const response = await handle(
        new Request(`${state.baseUrl}/sandbox/wallet/pay`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: order?.token ?? tokenOrOrderId, method, outcome }),
        }),
      );
      return (await response.json()) as Record<string, unknown>;
    },
    verify: async (tokenOrOrderId, code) => {
      const order = findOrder(tokenOrOrderId);
      const awaited = order
        ? state.pendingCodes.get(state.keyOf(order.merchantId, order.orderId))?.code
        : undefined;
      const response = await handle(
        new Request(`${state.baseUrl}/sandbox/embedded/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: order?.token ?? tokenOrOrderId, code: code ?? awaited }),
        }),
      );
      return (await response.json()) as Record<string, unknown>;
    },
    expireRectoken: (rectoken, seconds = 0) => {
      const saved = state.rectokens.get(rectoken);
      if (!saved) return undefined;
      saved.expiresAt = state.now() + Math.max(0, seconds) * 1000;
      const lifetime = flittTime(saved.expiresAt);
      for (const order of state.orders.values())
        if (order.rectoken === rectoken && order.rectokenLifetime)
          order.rectokenLifetime = lifetime;
      return lifetime;
    },
    advanceClock: (seconds) => {
      state.clockOffset += seconds * 1000;
      for (const order of state.orders.values()) settle(order);
      subscriptions.runDue();
    },
    chargeback: (orderId, amount, merchantId) => chargeback(state, orderId, amount, merchantId),
    setPayoutBalance: (amount, merchantId = TEST_MERCHANT.merchantId) => {
      if (!Number.isSafeInteger(amount) || amount < 0)
        throw new Error(`a payout balance is a whole number of minor units ≥ 0, got ${amount}`);
      state.payoutBalances.set(merchantId, amount);
    },
    payoutBalance: (merchantId = TEST_MERCHANT.merchantId) => {
      const merchant = state.merchants.get(merchantId);
      return merchant ? payoutBalance(state, merchant) : 0;
    },
    declineNextPayout: (code = 1058) => {
      state.payoutDeclines.push(code);
    },
    addMerchant: state.addMerchant,
    setBaseUrl: (url) => {
      state.baseUrl = url.replace(/\/+$/, '');
    },
    reset: () => state.reset(),
  };

  /**
   * Why a control request is refused, or null. Any web page the tester opens can send a
   * `text/plain` or form POST to 127.0.0.1 without a preflight, and a DNS-rebinding page reaches it
   * under its own host name: so only JSON, only from pages on this machine, only to a loopback host
   * (or the sandbox's own, for msw), and small bodies.
   */
  function controlRefusal(request: Request): [number, string] | null {
    const host = request.headers.get('host') ?? new URL(request.url).host;
    if (!LOOPBACK_HOST.test(host) && host !== new URL(state.baseUrl).host)
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
        return json({ latency: state.latency });
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
        return json({ faults: state.faults });
      }
      case 'POST /sandbox/control/clock':
        control.advanceClock(Number(body.seconds ?? 0));
        return json({ offsetSeconds: state.clockOffset / 1000 });
      case 'POST /sandbox/control/rectoken': {
        if (typeof body.rectoken !== 'string')
          return json({ error: 'rectoken must be a card token the sandbox issued' }, 400);
        const seconds = Number(body.expiresInSeconds ?? 0);
        if (!Number.isFinite(seconds) || seconds < 0)
          return json({ error: 'expiresInSeconds must be a number of seconds, 0 or more' }, 400);
        const lifetime = control.expireRectoken(body.rectoken, seconds);
        if (lifetime === undefined) return json({ error: 'no such rectoken' }, 404);
        return json({ rectoken: body.rectoken, rectoken_lifetime: lifetime });
      }
      case 'POST /sandbox/control/redeliver': {
        const redelivered = await redeliverRoute(state.callbacks, body);
        return json(redelivered.json, redelivered.status);
      }
      case 'POST /sandbox/control/chargeback': {
        if (typeof body.orderId !== 'string')
          return json({ error: 'orderId must be the id of a paid order' }, 400);
        const merchantId = body.merchantId === undefined ? undefined : Number(body.merchantId);
        const amount = body.amount === undefined ? undefined : Number(body.amount);
        try {
          return json({ notice: await control.chargeback(body.orderId, amount, merchantId) });
        } catch (error) {
          return json({ error: (error as Error).message }, 409);
        }
      }
      case 'POST /sandbox/control/payout-balance': {
        const merchantId =
          body.merchantId === undefined ? TEST_MERCHANT.merchantId : Number(body.merchantId);
        try {
          control.setPayoutBalance(Number(body.amount), merchantId);
        } catch (error) {
          return json({ error: (error as Error).message }, 400);
        }
        return json({ merchantId, balance: control.payoutBalance(merchantId) });
      }
      case 'POST /sandbox/control/payout-decline': {
        const code = body.code === undefined ? 1058 : Number(body.code);
        if (!Number.isInteger(code)) return json({ error: 'code must be a Flitt code' }, 400);
        control.declineNextPayout(code);
        return json({ declines: state.payoutDeclines });
      }
      case 'POST /sandbox/control/reset':
        control.reset();
        return json({ ok: true });
      default:
        return json({ error: 'unknown control endpoint' }, 404);
    }
  }

  return { control, controlApi, controlCors, controlRefusal };
}
