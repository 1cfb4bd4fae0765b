import {
  FLITT_CURRENCIES,
  maskedSigningString,
  validateOrder,
  verifyProtocol2,
  verifySignature,
} from '@flitt-checkout/core';
import { payerMessage } from '@flitt-checkout/core/messages';
import type { Lifecycle } from './lifecycle.ts';
import { describeCode, randomHex, type SandboxOrder, signLikeFlitt } from './orders.ts';
import { messagePage, pageLocale, text } from './pages.ts';
import { createPayouts } from './payouts.ts';
import { createSettlement } from './settlement.ts';
import type { SandboxMerchant, SandboxState } from './state.ts';
import { trackStatus } from './statusHistory.ts';
import type { Subscriptions } from './subscriptions.ts';
import { transactionList } from './transactionList.ts';
import {
  apiResponse,
  FlittFailure,
  failureBody,
  MESSAGES,
  type ParsedRequest,
  parseApiRequest,
  type SandboxRequestInfo,
} from './wire.ts';

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

/** Form bodies carry only strings, and Flitt accepts digit strings for numbers in JSON too. */
function numbersOf(params: Record<string, unknown>): Record<string, unknown> {
  const out = { ...params };
  for (const name of ['amount', 'lifetime']) {
    const value = out[name];
    if (typeof value === 'string' && /^\d{1,15}$/.test(value)) out[name] = Number(value);
  }
  return out;
}

function amountParam(params: Record<string, unknown>): number {
  const amount = Number(params.amount);
  if (!/^\d{1,12}$/.test(String(params.amount)) || amount <= 0)
    throw new FlittFailure(1023, MESSAGES[1023]);
  return amount;
}

/**
 * Flitt's API (`/api/*`): create, status, reverse, capture, recurring, subscription, checkout
 * redirect.
 */
export function createFlittApi(
  state: SandboxState,
  lifecycle: Pick<Lifecycle, 'settle' | 'signedOrder' | 'notify' | 'approve' | 'decline'>,
  subscriptions: Pick<Subscriptions, 'api'>,
) {
  const { settle, signedOrder, notify, approve, decline } = lifecycle;
  const payouts = createPayouts(state, {
    requireParams,
    checkRaw,
    amountParam,
    validationFailure,
    storeOrder,
  });
  const settlement = createSettlement(state, lifecycle, {
    authenticate,
    requireParams,
    checkRaw,
    validationFailure,
    storeOrder,
  });

  /** Finds the merchant and checks the request's signature, answering 1016 / 1014 like Flitt. */
  async function authenticate(parsed: ParsedRequest): Promise<SandboxMerchant> {
    const { params } = parsed;
    requireParams(params, ['merchant_id']);
    const merchant = /^\d{1,12}$/.test(String(params.merchant_id))
      ? state.merchants.get(Number(params.merchant_id))
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
    state.log(`refused ${issue.param}: ${issue.message}`);
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
    const key = state.keyOf(merchant.merchantId, orderId);
    if (state.orders.has(key)) throw new FlittFailure(1013, MESSAGES[1013]);
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
        paymentId: state.nextPaymentId++,
        createdAt: state.now(),
        expiresAt: state.now() + lifetime * 1000,
        status: 'created',
        responseCode: '',
        responseDescription: '',
        attempts: extra.attempts ?? 0,
        reversalAmount: 0,
        reversals: new Map(),
        tranType: 'purchase',
        protocol: extra.protocol ?? '1.0',
      },
      state.now,
    );
    state.orders.set(key, order);
    return order;
  }

  async function createOrder(parsed: ParsedRequest, kind: 'url' | 'token') {
    const { params } = parsed;
    checkRaw(params);
    requireParams(params, ['order_id', 'order_desc', 'amount', 'currency'], 'mandatory');
    const merchant = await authenticate(parsed);
    const invalid = validationFailure(params, parsed.envelope ? '2.0' : '1.0');
    if (invalid) throw invalid;
    // Card tokens are a per-merchant permission at Flitt (response codes 1059 / 1060); the
    // sandbox reads 1059, "rectoken transactions not allowed", as asking for one (a reading).
    if (params.required_rectoken === 'Y' && merchant.recurring === false)
      throw new FlittFailure(1059, MESSAGES[1059]);
    const order = storeOrder(merchant, params, parsed.envelope ? { protocol: '2.0' } : {});
    const { token } = order;
    state.byToken.set(token, state.keyOf(order.merchantId, order.orderId));
    if (kind === 'token') return { response_status: 'success', token };
    return {
      response_status: 'success',
      checkout_url: `${state.baseUrl}/merchants/${merchantHash(merchant.merchantId)}/default/index.html?token=${token}`,
      payment_id: String(order.paymentId),
    };
  }

  async function findOrder(parsed: ParsedRequest, required: readonly string[]) {
    const { params } = parsed;
    checkRaw(params);
    requireParams(params, ['order_id', ...required]);
    const merchant = await authenticate(parsed);
    const order = state.orders.get(state.keyOf(merchant.merchantId, String(params.order_id)));
    if (!order) throw new FlittFailure(1018, MESSAGES[1018]);
    settle(order);
    return { merchant, order };
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
    // A split payment gives back per receiver (settlement.ts); a refused part declines the reverse.
    const splitRefusal = settlement.refund(order, params.receiver, amount);
    if (splitRefusal !== undefined)
      return settlement.declined(order, merchant, reverseId, splitRefusal);
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
    if (merchant.recurring === false) throw new FlittFailure(1060, MESSAGES[1060]);
    const saved = state.rectokens.get(String(rectoken));
    if (!saved || saved.merchantId !== merchant.merchantId)
      throw new FlittFailure(1035, MESSAGES[1035]);
    // Past its rectoken_lifetime: the table's own code for it (1082), not the catch-all 1035.
    if (state.now() >= saved.expiresAt) throw new FlittFailure(1082, MESSAGES[1082]);
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
    // A card whose later charges decline (4000001099000002: funds run out after the first
    // payment) declines here too, as a saved card's one-click charge can at Flitt.
    const later = saved.behaviour.laterCharges;
    if (later) decline(order, later.declineCode);
    else if (saved.behaviour.result === 'approved') approve(order);
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
      state.log(`checkout/redirect refused: ${error.errorCode} ${error.errorMessage}`);
      return messagePage(
        locale,
        text(locale).declined,
        `${payerMessage(code, locale)} (${code}; request ${failure.request_id})`,
      );
    }
  }

  async function api(
    path: string,
    request: Request,
    info: SandboxRequestInfo = {},
  ): Promise<Response> {
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
        case '/api/settlement':
          body = await settlement.create(parsed);
          break;
        case '/api/recurring':
          body = await recurring(parsed);
          break;
        // Answered by their modules: signed with the payout key, or a bare JSON array.
        case '/api/p2pcredit':
          return await payouts.p2pcredit(parsed, info.clientAddress);
        case '/api/transaction_list':
          return await transactionList(state, parsed, settle);
        case '/api/subscription': {
          const { merchant, order } = await findOrder(parsed, ['action']);
          body = await subscriptions.api(merchant, order, parsed.params.action);
          break;
        }
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
      const merchant = state.merchants.get(Number(parsed.params.merchant_id));
      return apiResponse(parsed.format, body, merchant?.secretKey);
    } catch (error) {
      if (!(error instanceof FlittFailure)) throw error;
      return apiResponse(parsed?.format === 'form' ? 'form' : 'json', failureBody(error));
    }
  }

  return { api };
}

/** A stable per-merchant path segment, like the hash in Flitt's checkout URLs. */
function merchantHash(merchantId: number): string {
  let h = 2166136261;
  for (const c of String(merchantId)) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}
