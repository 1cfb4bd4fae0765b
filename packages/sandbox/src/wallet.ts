import { payerMessage } from '@flitt-checkout/core/messages';
import { CORS } from './hostedPages.ts';
import { jsSdk } from './jsSdk.ts';
import type { Lifecycle, WalletOutcome } from './lifecycle.ts';
import type { SandboxOrder } from './orders.ts';
import { pageLocale } from './pages.ts';
import type { SandboxState } from './state.ts';

/** The wallets the stand-in js-sdk knows. */
const WALLETS = ['apple', 'google'] as const;
type Wallet = (typeof WALLETS)[number];

const OUTCOMES: readonly WalletOutcome[] = ['approve', 'decline', '3ds_pass', '3ds_fail'];

const isWallet = (value: unknown): value is Wallet => WALLETS.includes(value as Wallet);

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const body = (await request.json().catch(() => ({}))) as unknown;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/**
 * The sandbox's stand-in for Flitt's js-sdk wallet button (`PaymentButton`): its script at
 * `/latest/js-sdk/checkout.js` and the two requests it makes, `/sandbox/wallet/methods` (which
 * wallets Flitt allows for the order) and `/sandbox/wallet/pay` (the payer's choice in the sheet).
 */
export function createWallet(
  state: SandboxState,
  lifecycle: Pick<Lifecycle, 'settle' | 'signedOrder' | 'payWallet'>,
) {
  const { settle, signedOrder, payWallet } = lifecycle;
  const json = (value: unknown, status = 200) => Response.json(value, { status, headers: CORS });
  const failure = (code: number, lang: unknown, status: number, order?: unknown) =>
    json(
      {
        error: { code, message: payerMessage(code, pageLocale(lang)) },
        ...(order ? { order } : {}),
      },
      status,
    );

  /** A code check needs the payer to type a code, which no wallet sheet asks for: no wallets. */
  const allowedFor = (order: SandboxOrder): Wallet[] =>
    order.params.verification_type === 'code'
      ? []
      : [...(state.merchants.get(order.merchantId)?.wallets ?? WALLETS)];

  function find(body: Record<string, unknown>): SandboxOrder | undefined {
    const order = state.orders.get(state.byToken.get(String(body.token ?? '')) ?? '');
    // data.merchant_id is the js-sdk's; a token of another merchant is not this merchant's order.
    if (order && body.merchant_id !== undefined && Number(body.merchant_id) !== order.merchantId)
      return undefined;
    return order;
  }

  async function methods(request: Request): Promise<Response> {
    const body = await jsonBody(request);
    const order = find(body);
    if (!order) return failure(1018, body.lang, 404);
    settle(order);
    if (order.status !== 'created' && order.status !== 'processing')
      return failure(1019, body.lang, 409, await signedOrder(order));
    return json({
      allowed: allowedFor(order),
      amount: order.params.amount,
      currency: order.params.currency,
      order_desc: order.params.order_desc,
      merchant: state.merchants.get(order.merchantId)?.name ?? `Merchant ${order.merchantId}`,
    });
  }

  async function pay(request: Request): Promise<Response> {
    const body = await jsonBody(request);
    const order = find(body);
    if (!order) return failure(1018, body.lang, 404);
    const { method, outcome } = body;
    if (!isWallet(method) || !allowedFor(order).includes(method))
      return failure(1007, body.lang, 400);
    if (!OUTCOMES.includes(outcome as WalletOutcome)) return failure(1007, body.lang, 400);
    const paid = await payWallet(order.token, method, outcome as WalletOutcome);
    if (paid.kind === 'invalid')
      return failure(
        paid.code,
        body.lang,
        409,
        paid.order ? await signedOrder(paid.order) : undefined,
      );
    return json({
      order: await signedOrder(paid.order),
      response_url: paid.order.params.response_url ?? '',
    });
  }

  function script(): Response {
    return new Response(jsSdk(state.baseUrl), {
      headers: { 'content-type': 'text/javascript; charset=utf-8', ...CORS },
    });
  }

  /** Answers `/sandbox/wallet/*`, or undefined for a path it does not have. */
  function route(path: string, request: Request): Promise<Response> | undefined {
    if (request.method !== 'POST') return undefined;
    if (path === '/sandbox/wallet/methods') return methods(request);
    if (path === '/sandbox/wallet/pay') return pay(request);
    return undefined;
  }

  return { route, script };
}
