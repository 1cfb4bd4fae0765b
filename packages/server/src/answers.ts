// What the handlers answer: JSON bodies of core's contract, payer texts in the payer's language,
// and the mapping of every failure to a status, a stable code and a payer-safe message.
import {
  type CreateCheckoutResponse,
  cardCheckOf,
  FlittConfigError,
  FlittError,
  type FlittOrder,
  FlittValidationError,
  type Locale,
  languageOf,
  type MerchantErrorBody,
  type OrderStatusResponse,
  orderOutcome,
  type PayerMessageKey,
  type PayerMessageOverrides,
  resolveLocale,
  type SavedCardsResponse,
  type SubscriptionActionResponse,
} from '@flitt-checkout/core';
import { payerMessage, payerMessageForKey } from '@flitt-checkout/core/messages';
import { FlittApiError, FlittHttpError } from './errors.ts';
import type { Answer, Incoming } from './incoming.ts';
import { MAX_BODY, PayloadTooLarge } from './readBody.ts';

/** Where problems are reported. */
export type Logger = Pick<Console, 'warn' | 'error'>;

export const NO_STORE = { 'cache-control': 'no-store' };

const JSON_HEADERS = { 'content-type': 'application/json', ...NO_STORE };

export function json(
  body:
    | CreateCheckoutResponse
    | OrderStatusResponse
    | SubscriptionActionResponse
    | SavedCardsResponse
    | MerchantErrorBody,
  status = 200,
): Answer {
  return { status, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  payer: string,
  extra: Omit<MerchantErrorBody['error'], 'code' | 'message' | 'payerMessage'> = {},
): Answer {
  return json({ error: { code, message, payerMessage: payer, ...extra } }, status);
}

/**
 * A confirmed order as the browser may read it (`GET {apiBase}/status`, a saved-card payment),
 * with what to tell the payer in their language. Amounts in minor units.
 */
export function orderStatusAnswer(order: FlittOrder, say: Say): OrderStatusResponse {
  const code = Number(order.response_code);
  const amount = (value: unknown) => (Number.isFinite(Number(value)) ? Number(value) : 0);
  const answer = {
    orderId: String(order.order_id),
    status: order.order_status,
    responseCode:
      order.response_code === '' ||
      order.response_code === undefined ||
      order.response_code === null ||
      !Number.isSafeInteger(code)
        ? null
        : code,
    amount: amount(order.amount),
    currency: String(order.currency ?? ''),
    reversalAmount: amount(order.reversal_amount ?? 0),
  };
  // A card check (adding a card) is given back by Flitt at once: reversed, and that is success.
  const cardCheck = cardCheckOf(order.verification_status);
  const outcome = orderOutcome({
    status: answer.status,
    responseCode: answer.responseCode,
    cardCheck,
  });
  const payerMessage =
    cardCheck === 'verified'
      ? say('card_verified')
      : outcome.outcome === 'declined'
        ? say(outcome.code)
        : say(outcome.outcome === 'reversed' ? 'cancelled' : outcome.outcome);
  return cardCheck ? { payerMessage, ...answer, cardCheck } : { payerMessage, ...answer };
}

/** Payer messages in the language the browser asked for (`locale`, else Accept-Language). */
export type Say = (subject: PayerMessageKey | number) => string;

/**
 * The payer's language as the handlers speak it: a built-in `Locale`, or a language the shop
 * added with its own `payerMessages` (`de`).
 *
 * @example
 * const locale: PayerLocale = 'de';
 */
export type PayerLocale = Locale | (string & Record<never, never>);

/**
 * The payer's language: what the browser asked for, else the first Accept-Language language the
 * handlers speak (built in, or one of the shop's `payerMessages`), else English.
 */
export function localeOf(
  incoming: Incoming,
  asked?: unknown,
  messages?: PayerMessageOverrides,
): PayerLocale {
  const accept = incoming.header('accept-language');
  if (!asked && !accept && !incoming.url.includes('locale=')) return 'en';
  const tags = [
    typeof asked === 'string' ? asked : '',
    // The URL is parsed only when it can hold the parameter.
    incoming.url.includes('locale=')
      ? (new URL(incoming.url).searchParams.get('locale') ?? '')
      : '',
    ...(accept ?? '').split(',').map((t) => t.split(';')[0] ?? ''),
  ].map((t) => t.trim());
  const added = (tag: string) => messages !== undefined && Object.hasOwn(messages, languageOf(tag));
  // resolveLocale falls back to English: only a tag that really names a language we speak counts.
  const spoken = tags.find((t) => t && (resolveLocale(t) !== 'en' || /^en\b/i.test(t) || added(t)));
  const locale = resolveLocale(spoken);
  return spoken && locale === 'en' && added(spoken) ? languageOf(spoken) : locale;
}

export function sayIn(locale: PayerLocale, messages?: PayerMessageOverrides): Say {
  return (subject) =>
    typeof subject === 'number'
      ? payerMessage(subject, locale, messages)
      : payerMessageForKey(subject, locale, messages);
}

const tooLarge = (say: Say) =>
  errorResponse(
    413,
    'payload_too_large',
    `Bodies are limited to ${MAX_BODY} bytes.`,
    say('shop_error'),
  );

/** The client's settings are wrong (found on first use): the log names the setting. */
export const logMisconfigured = (logger: Logger, what: string, error: FlittConfigError) =>
  logger.error(`[flitt-checkout] ${what}: the client is misconfigured: ${error.message}`);

/**
 * What the browser gets for a failure of create checkout or status: a `MerchantErrorBody` with a
 * stable code, a message for developers and one for the payer. Details go to the log only.
 */
export function errorAnswer(
  error: unknown,
  what: 'create checkout' | 'status' | 'subscription' | 'saved cards',
  say: Say,
  logger: Logger,
): Answer {
  // The browser went away (tab closed, request aborted): nobody reads this answer.
  if (error instanceof Error && error.name === 'AbortError')
    return { status: 499, headers: {}, body: null };
  if (error instanceof FlittHttpError)
    return errorResponse(error.status, error.code, error.message, error.message);
  if (error instanceof PayloadTooLarge) return tooLarge(say);
  if (error instanceof FlittValidationError) {
    logger.error(`[flitt-checkout] ${what}: the order from resolveOrder is invalid`, error.message);
    return errorResponse(
      500,
      'invalid_order',
      'The shop built an order Flitt would refuse; nothing was sent.',
      say('shop_error'),
    );
  }
  if (error instanceof FlittApiError) {
    logger.warn(`[flitt-checkout] ${what}: ${error.message}`);
    // Flitt's own text can quote signing details in test mode: the browser gets only the code.
    return errorResponse(
      502,
      'flitt_failure',
      'Flitt refused the order.',
      say(what === 'status' ? 'processing' : error.flittCode),
      {
        flittCode: error.flittCode,
        ...(error.requestId ? { requestId: error.requestId } : {}),
      },
    );
  }
  if (error instanceof FlittConfigError) {
    // The shop's settings (found on first use), not Flitt: the payer is told the shop cannot
    // take payments right now, and the log names the setting.
    logMisconfigured(logger, what, error);
    return errorResponse(
      500,
      'internal_error',
      'The shop is misconfigured; see its log.',
      say(what === 'status' ? 'processing' : 'shop_error'),
    );
  }
  if (error instanceof FlittError) {
    logger.warn(`[flitt-checkout] ${what}: ${error.message}`);
    const status = error.code === 'timeout' ? 504 : 502;
    return errorResponse(
      status,
      error.code,
      error.code === 'timeout'
        ? 'Flitt did not answer in time.'
        : 'Flitt could not be reached or answered unexpectedly.',
      say(
        what === 'status' ? 'processing' : error.code === 'timeout' ? 'timeout' : 'service_error',
      ),
    );
  }
  logger.error(`[flitt-checkout] ${what} failed`, error);
  return errorResponse(
    500,
    'internal_error',
    what === 'status'
      ? 'The shop could not read the order status.'
      : 'The shop could not start the payment.',
    // A status that could not be read is not a failed payment: the payer must not pay again.
    say(what === 'status' ? 'processing' : 'shop_error'),
  );
}

/** `application/json`, with parameters or not (`; charset=utf-8`), any case and spacing. */
const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/i;

/** The body parsed; `undefined` when it is not JSON, for the caller's own 400. */
function parsedBody(text: string): { body: unknown } {
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { body: undefined };
  }
}

/**
 * The JSON body the browser posts, or the answer refusing it: not `application/json` (415: which
 * keeps plain cross-site form posts, CSRF, out, as they cannot send this type) or too large (413).
 * A body that is not JSON, or that could not be read, is `undefined`, for the caller's own 400.
 * Not an async function: it runs on every checkout, and a `then` costs less than a frame.
 */
export function jsonBody(
  request: Incoming,
  say: Say,
  example: string,
): Promise<Answer | { body: unknown }> {
  if (!JSON_TYPE.test(request.header('content-type') ?? ''))
    return Promise.resolve(
      errorResponse(415, 'unsupported_media_type', `Send JSON: ${example}.`, say('shop_error')),
    );
  const unreadable = (error: unknown) =>
    error instanceof PayloadTooLarge ? tooLarge(say) : { body: undefined };
  try {
    return request.text().then(parsedBody, unreadable);
  } catch (error) {
    return Promise.resolve(unreadable(error));
  }
}
