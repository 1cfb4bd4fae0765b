import { payerMessage } from '@flitt-checkout/core/messages';
import { checkoutCss, checkoutJs } from './checkoutJs.ts';
import type { Lifecycle, PayOutcome } from './lifecycle.ts';
import type { SandboxOrder } from './orders.ts';
import {
  acsPage,
  checkoutPage,
  formatAmount,
  messagePage,
  type PageLocale,
  pageLocale,
  planText,
  resultPage,
  returnPage,
  text,
  verifyPage,
} from './pages.ts';
import type { SandboxState } from './state.ts';

/** For what pages on the merchant's origin fetch: checkout.js, its styles and its endpoints. */
export const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
};

/**
 * The embedded checkout's codes for what the API calls 1015 / 1025 / 1003 (card number, expiry,
 * CVV2).
 */
const WIDGET_CODES: Readonly<Record<number, number>> = { 1015: 2013, 1025: 2016, 1003: 2017 };

async function formOrJson(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const body = (await request.json().catch(() => ({}))) as unknown;
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  }
  return Object.fromEntries(new URLSearchParams(await request.text()));
}

/** What the payer sees: the hosted page, checkout.js and its endpoints, the 3-D Secure page. */
export function createHostedPages(
  state: SandboxState,
  lifecycle: Pick<Lifecycle, 'settle' | 'signedOrder' | 'pay' | 'complete3ds' | 'enterCode'>,
) {
  const { settle, signedOrder, pay, complete3ds, enterCode } = lifecycle;

  /** The code a `verification_type=code` order waits for, if it does. */
  const awaitedCode = (order: SandboxOrder) =>
    state.pendingCodes.get(state.keyOf(order.merchantId, order.orderId))?.code;

  /** Where an order stands for the payer: its code step, or done. */
  const standing = (order: SandboxOrder): PayOutcome =>
    awaitedCode(order) === undefined ? { kind: 'done', order } : { kind: 'verify', order };

  function pageOrder(order: SandboxOrder, locale: PageLocale) {
    const merchant = state.merchants.get(order.merchantId);
    return {
      token: order.token,
      merchantName: merchant?.name ?? `Merchant ${order.merchantId}`,
      orderId: order.orderId,
      orderDesc: order.params.order_desc,
      amount: order.params.amount,
      currency: order.params.currency,
      ...(order.params.cancel_url ? { cancelUrl: order.params.cancel_url } : {}),
      plan: subscriptionPlan(order, locale),
    };
  }

  /**
   * The plan a subscription order shows the payer, read-only: Flitt's page shows it unless
   * `recurring_data.state` is `hidden`. The sandbox does not offer the editable modes.
   */
  function subscriptionPlan(order: SandboxOrder, locale: PageLocale): string {
    const recurring = order.params.recurring_data as { state?: unknown } | undefined;
    if (order.params.subscription !== 'Y' || !recurring || recurring.state === 'hidden') return '';
    return planText(recurring, order.params.currency, locale);
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
          pageOrder(order, locale),
          { code: outcome.code, ...(outcome.field ? { field: outcome.field } : {}) },
          { card_number, expiry_date },
        );
      }
      return finalPage(order, locale);
    }
    if (outcome.kind === '3ds') {
      if (mode === 'page')
        return Response.redirect(`${state.baseUrl}/sandbox/3ds/${outcome.id}`, 303);
      return acsPage(
        locale,
        outcome.id,
        outcome.card.number,
        formatAmount(outcome.order.params.amount, outcome.order.params.currency, locale),
        'frame',
      );
    }
    const order = outcome.order;
    if (outcome.kind === 'verify' && mode === 'page') {
      return verifyPage(
        locale,
        pageOrder(order, locale),
        awaitedCode(order) ?? '',
        outcome.wrong === true,
      );
    }
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
      return checkoutPage(locale, pageOrder(order, locale), {
        code: Number(order.responseCode) || 1000,
      });
    }
    return finalPage(order, locale);
  }

  async function finalPage(order: SandboxOrder, locale: ReturnType<typeof pageLocale>) {
    const url = order.params.response_url;
    // response_url is where the payer goes after paying; an expired order was never paid, so the
    // payer reads why here (Flitt's checkout shows 2006 "order lifetime expired") instead.
    if (order.status !== 'expired' && typeof url === 'string' && url !== '')
      return returnPage(locale, url, await signedOrder(order));
    return resultPage(
      locale,
      order.status,
      order.responseCode,
      order.verificationStatus === 'verified',
    );
  }

  async function hostedPage(url: URL): Promise<Response> {
    const token = url.searchParams.get('token') ?? '';
    const key = state.byToken.get(token);
    const order = key ? state.orders.get(key) : undefined;
    if (!order) {
      const t = text('en');
      return messagePage('en', t.title, t.notFound, 404);
    }
    settle(order);
    const locale = pageLocale(order.params.lang);
    // Reloaded during a code check: the code step again, not the card form.
    const awaited = awaitedCode(order);
    if (awaited !== undefined) return verifyPage(locale, pageOrder(order, locale), awaited, false);
    if (order.status === 'created' || order.status === 'processing') {
      const code =
        order.status === 'processing' ? Number(order.responseCode) || undefined : undefined;
      return checkoutPage(locale, pageOrder(order, locale), code ? { code } : undefined);
    }
    return finalPage(order, locale);
  }

  /** checkout.js asks for the order behind a token (merchant, amount, description, status). */
  /** The widget speaks `params.lang` when the page passes one (as Flitt's does), else the order's. */
  function embeddedInfo(order: SandboxOrder, lang: unknown) {
    settle(order);
    const locale = pageLocale(typeof lang === 'string' && lang !== '' ? lang : order.params.lang);
    return {
      merchant: state.merchants.get(order.merchantId)?.name ?? `Merchant ${order.merchantId}`,
      order_id: order.orderId,
      order_desc: order.params.order_desc,
      amount: order.params.amount,
      currency: order.params.currency,
      amount_text: formatAmount(order.params.amount, order.params.currency, locale),
      // checkout.js shows it only with options.subscription.type 'shown_readonly'.
      plan_text: subscriptionPlan(order, locale),
      lang: locale,
      status: order.status,
      response_url: order.params.response_url ?? '',
      message: order.status === 'expired' ? payerMessage(1052, locale) : '',
      // A code check under way (the payer reloaded the page): the widget opens at the code step.
      ...codeStep(order, locale, false),
      text: text(locale),
    };
  }

  /** What checkout.js shows at the code step of a `verification_type=code` order. */
  function codeStep(order: SandboxOrder, locale: PageLocale, wrong: boolean) {
    const code = awaitedCode(order);
    if (code === undefined) return {};
    const t = text(locale);
    return {
      verify: true,
      verification_hint: t.verifyHint.replace('{code}', code),
      message: wrong ? t.verifyWrong : '',
    };
  }

  async function embedded(path: string, request: Request): Promise<Response> {
    const body = await formOrJson(request);
    const token = String(body.token ?? '');
    const key = state.byToken.get(token);
    const order = key ? state.orders.get(key) : undefined;
    const json = (value: unknown, status = 200) => Response.json(value, { status, headers: CORS });
    if (!order) return json({ error: { code: 1018, message: 'Order not found' } }, 404);
    if (
      ![
        '/sandbox/embedded/info',
        '/sandbox/embedded/result',
        '/sandbox/embedded/pay',
        '/sandbox/embedded/verify',
      ].includes(path)
    ) {
      return json({ error: { code: 1002, message: 'Not found' } }, 404);
    }
    if (path === '/sandbox/embedded/info') return json(embeddedInfo(order, body.lang));
    if (path === '/sandbox/embedded/result') {
      settle(order);
      return json(await embeddedOutcome(standing(order), body.lang));
    }
    if (path === '/sandbox/embedded/verify')
      return json(await embeddedOutcome(await enterCode(token, body.code), body.lang));
    const outcome = await pay(token, body);
    // Remember which page started a 3-D Secure step, so its result is posted to that origin only.
    const origin = request.headers.get('origin');
    if (outcome.kind === '3ds' && origin && /^https?:\/\/[^/]+$/.test(origin)) {
      state.frameOrigins.set(outcome.id, origin);
    }
    return json(await embeddedOutcome(outcome, body.lang));
  }

  /** What the widget shows after a request, in its language (`params.lang`), else the order's. */
  async function embeddedOutcome(outcome: PayOutcome, lang?: unknown) {
    const locale = pageLocale(
      typeof lang === 'string' && lang !== '' ? lang : outcome.order?.params.lang,
    );
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
      return { status: '3ds', url: `${state.baseUrl}/sandbox/3ds/${outcome.id}?mode=frame` };
    if (outcome.kind === 'verify')
      return { status: 'verify', ...codeStep(outcome.order, locale, outcome.wrong === true) };
    const { order } = outcome;
    const code = Number(order.responseCode) || (order.status === 'expired' ? 1052 : 1000);
    return {
      status: 'done',
      order: await signedOrder(order),
      response_url: order.params.response_url ?? '',
      // A verified card ends reversed: a success, not a decline.
      message:
        order.status === 'approved' || order.verificationStatus === 'verified'
          ? ''
          : payerMessage(code, locale),
    };
  }

  async function threeDs(id: string, url: URL, request: Request): Promise<Response> {
    const mode = url.searchParams.get('mode') === 'frame' ? 'frame' : 'page';
    const pending = state.pending3ds.get(id);
    const order = pending ? state.orders.get(pending.orderKey) : undefined;
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
    const origin = state.frameOrigins.get(id) ?? '*';
    state.frameOrigins.delete(id);
    return afterPayment(await complete3ds(id, body.result === 'confirm'), mode, origin);
  }

  /** The hosted page's code step posts here. */
  async function verifyForm(request: Request): Promise<Response> {
    const body = await formOrJson(request);
    const token = String(body.token ?? '');
    return afterPayment(await enterCode(token, body.verification_code), 'page');
  }

  /** The hosted page's card form posts here. */
  async function payForm(request: Request): Promise<Response> {
    const body = await formOrJson(request);
    return afterPayment(await pay(String(body.token ?? ''), body), 'page', '*', body);
  }

  function script(): Response {
    return new Response(checkoutJs(state.baseUrl), {
      headers: { 'content-type': 'text/javascript; charset=utf-8', ...CORS },
    });
  }

  function styles(): Response {
    return new Response(checkoutCss, {
      headers: { 'content-type': 'text/css; charset=utf-8', ...CORS },
    });
  }

  return { hostedPage, payForm, verifyForm, threeDs, embedded, script, styles };
}
