// Bad input at every door: validateOrder, the Flitt client (its configuration and its calls) and
// the handlers a shop mounts. Each row is one kind of mistake. Every one must end in a typed error
// that names the field and the fix, send nothing to Flitt (an in-process sandbox that records
// every request), and never show the secret key in an error, a JSON body or the logs.
import { inspect } from 'node:util';
import {
  assertValidOrder,
  FlittConfigError,
  FlittValidationError,
  MAX_AMOUNT,
  MAX_LIFETIME,
  validateOrder,
} from '@flitt-checkout/core';
import { createSandbox } from '@flitt-checkout/sandbox';
import {
  createFlittClient,
  createFlittHandlers,
  type FlittClient,
  type FlittClientOptions,
  type FlittHandlersOptions,
  type OrderInput,
} from '@flitt-checkout/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

const SECRET = 'bad-input-secret-3f9c2a7e51';
const MERCHANT = 4343;
const SHOP = 'https://shop.example';

const sandbox = createSandbox({
  merchants: [{ merchantId: MERCHANT, secretKey: SECRET, currencies: ['GEL', 'USD', 'EUR'] }],
});
/** Every URL the client asked for: the sandbox is the only "Flitt" these tests can reach. */
const sent: string[] = [];
const toSandbox: typeof fetch = async (input, init) => {
  sent.push(String(input));
  return sandbox.handle(new Request(input, init));
};
const logged: string[] = [];
const logger = {
  warn: (...args: unknown[]) => logged.push(inspect(args)),
  error: (...args: unknown[]) => logged.push(inspect(args)),
};

beforeEach(() => {
  sandbox.control.reset();
  sent.length = 0;
  logged.length = 0;
});
afterAll(() => sandbox.close());

const newClient = () =>
  createFlittClient({ merchantId: MERCHANT, secretKey: SECRET, fetch: toSandbox, retryDelayMs: 1 });

function newHandlers(resolveOrder: () => unknown) {
  return createFlittHandlers({
    client: newClient(),
    resolveOrder: resolveOrder as FlittHandlersOptions['resolveOrder'],
    resultUrl: '/result',
    logger,
  });
}

function expectNothingSent() {
  expect(sent).toEqual([]);
  expect(sandbox.control.orders()).toEqual([]);
}

function expectNoSecret(...texts: string[]) {
  for (const text of texts) expect(text).not.toContain(SECRET);
}

/** The error `work` throws or rejects with; fails the test if it succeeds. */
async function failureOf(work: () => unknown): Promise<Error> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  throw new Error('expected the bad input to be refused, but it was accepted');
}

function expectIssue(error: Error, param: string, fix: RegExp) {
  expect(error).toBeInstanceOf(FlittValidationError);
  const { code, issues, message } = error as FlittValidationError;
  expect(code).toBe('invalid_order');
  expect(issues.find((issue) => issue.param === param)?.message).toMatch(fix);
  expect(message).toContain(`- ${param}: `);
  expect(message).toMatch(/nothing was sent to Flitt/);
  expectNoSecret(message, inspect(error));
}

// ── orders ─────────────────────────────────────────────────────────────────────────────────────

const VALID = {
  order_id: 'bad-input-1',
  merchant_id: MERCHANT,
  order_desc: 'Tea',
  amount: 1500,
  currency: 'GEL',
};

const AMOUNT = /positive integer in minor units \(1020 = 10\.20 GEL\)/;
const REQUIRED = /is required/;
const STRING = /must be a string/;
const SEPARATOR = /contains "\|".*remove or replace it/;
const SURROGATE = /lone UTF-16 surrogate.*fix the text encoding/;
const TOO_LONG = (max: number) => new RegExp(`Flitt allows at most ${max}`);
const URL_FIX = /must be an absolute http\(s\) URL such as "https:/;
const CURRENCY = /must be one of GEL, USD, EUR/;
const LANG = /must be one of az, cs, da/;
const LIFETIME = new RegExp(`must be between 1 and ${MAX_LIFETIME}`);
const INTEGER = /must be an integer/;
const FLAG = /must be the string "Y" or "N"/;
const WHOLE = /must (be|return) an object/;

interface OrderCase {
  name: string;
  order: unknown;
  param: string;
  fix: RegExp;
  /** merchant_id comes from the client's configuration, so only validateOrder sees it. */
  coreOnly?: true;
}

const withFields = (
  name: string,
  fields: Record<string, unknown>,
  param: string,
  fix: RegExp,
  coreOnly?: true,
): OrderCase => ({
  name,
  order: { ...VALID, ...fields },
  param,
  fix,
  ...(coreOnly && { coreOnly }),
});

/** A JavaScript caller's class whose amount is a getter: spread and JSON drop it. */
class CartOrder {
  order_id = 'bad-input-1';
  merchant_id = MERCHANT;
  order_desc = 'Tea';
  currency = 'GEL';
  get amount() {
    return 10.5;
  }
}

// biome-ignore format: one row per line reads as a table
const ORDER_CASES: OrderCase[] = [
  withFields('amount is fractional (10.5)', { amount: 10.5 }, 'amount', AMOUNT),
  withFields('amount is negative', { amount: -100 }, 'amount', AMOUNT),
  withFields('amount is zero', { amount: 0 }, 'amount', AMOUNT),
  withFields('amount is NaN', { amount: Number.NaN }, 'amount', AMOUNT),
  withFields('amount is Infinity', { amount: Number.POSITIVE_INFINITY }, 'amount', AMOUNT),
  withFields('amount is above MAX_AMOUNT (13 digits)', { amount: MAX_AMOUNT + 1 }, 'amount', AMOUNT),
  withFields('amount is a string of digits', { amount: '1500' }, 'amount', AMOUNT),
  withFields('amount is a decimal string in major units', { amount: '15.00' }, 'amount', AMOUNT),
  withFields('amount is null', { amount: null }, 'amount', REQUIRED),
  withFields('amount is missing', { amount: undefined }, 'amount', REQUIRED),
  withFields('amount is a boolean', { amount: true }, 'amount', AMOUNT),
  withFields('amount is an array', { amount: [1500] }, 'amount', AMOUNT),
  withFields('amount is an object', { amount: { value: 1500 } }, 'amount', AMOUNT),
  withFields('amount is a bigint', { amount: 1500n }, 'amount', AMOUNT),
  { name: 'amount is a getter on a class instance', order: new CartOrder(), param: 'amount', fix: REQUIRED },
  withFields('currency is lower case (gel)', { currency: 'gel' }, 'currency', CURRENCY),
  withFields('currency is unknown (XYZ)', { currency: 'XYZ' }, 'currency', CURRENCY),
  withFields('currency is the ISO numeric code 981', { currency: 981 }, 'currency', CURRENCY),
  withFields('currency has a space', { currency: ' GEL' }, 'currency', CURRENCY),
  withFields('currency is empty', { currency: '' }, 'currency', /is empty; it is required/),
  withFields('order_id contains "|"', { order_id: 'cart|7' }, 'order_id', SEPARATOR),
  withFields('order_id is over 1024 characters', { order_id: 'x'.repeat(1025) }, 'order_id', TOO_LONG(1024)),
  withFields('order_id has a lone high surrogate', { order_id: 'o-\uD800' }, 'order_id', SURROGATE),
  withFields('order_id is a number', { order_id: 1001 }, 'order_id', STRING),
  withFields('order_id is an object', { order_id: { id: 1 } }, 'order_id', STRING),
  withFields('order_id is empty', { order_id: '' }, 'order_id', /is empty; it is required/),
  withFields('order_desc contains "|"', { order_desc: 'tea | cake' }, 'order_desc', SEPARATOR),
  withFields('order_desc is over 1024 characters', { order_desc: 'd'.repeat(1025) }, 'order_desc', TOO_LONG(1024)),
  withFields('order_desc has a lone low surrogate', { order_desc: '\uDC00 tea' }, 'order_desc', SURROGATE),
  withFields('order_desc is an array', { order_desc: ['Tea'] }, 'order_desc', STRING),
  withFields('order_desc is a boolean', { order_desc: false }, 'order_desc', STRING),
  withFields('order_desc is null', { order_desc: null }, 'order_desc', REQUIRED),
  withFields('response_url is relative', { response_url: '/return' }, 'response_url', URL_FIX),
  withFields('response_url is javascript:', { response_url: 'javascript:alert(1)' }, 'response_url', URL_FIX),
  withFields('response_url contains "|"', { response_url: 'https://shop.example/r?a=1|2' }, 'response_url', SEPARATOR),
  withFields('server_callback_url has no scheme', { server_callback_url: 'shop.example/cb' }, 'server_callback_url', URL_FIX),
  withFields('server_callback_url is ftp:', { server_callback_url: 'ftp://shop.example/cb' }, 'server_callback_url', URL_FIX),
  withFields('server_callback_url is over 2048 characters', { server_callback_url: `https://shop.example/${'c'.repeat(2040)}` }, 'server_callback_url', TOO_LONG(2048)),
  withFields('cancel_url is a number', { cancel_url: 42 }, 'cancel_url', STRING),
  withFields('lang is upper case (EN)', { lang: 'EN' }, 'lang', LANG),
  withFields('lang is a country code (ge)', { lang: 'ge' }, 'lang', LANG),
  withFields('lang is a language name', { lang: 'english' }, 'lang', LANG),
  withFields('lifetime is zero', { lifetime: 0 }, 'lifetime', LIFETIME),
  withFields('lifetime is negative', { lifetime: -60 }, 'lifetime', LIFETIME),
  withFields('lifetime is above MAX_LIFETIME', { lifetime: MAX_LIFETIME + 1 }, 'lifetime', LIFETIME),
  withFields('lifetime is fractional', { lifetime: 600.5 }, 'lifetime', INTEGER),
  withFields('lifetime is a string', { lifetime: '3600' }, 'lifetime', /pass a number, not a string/),
  withFields('preauth is a boolean', { preauth: true }, 'preauth', FLAG),
  withFields('delayed is lower case (y)', { delayed: 'y' }, 'delayed', FLAG),
  withFields('sender_email has no domain', { sender_email: 'nino@' }, 'sender_email', /must be an e-mail address/),
  withFields('merchant_data is an object, not a string', { merchant_data: { cart: 7 } }, 'merchant_data', STRING),
  withFields('merchant_data is over 2048 characters', { merchant_data: 'm'.repeat(2049) }, 'merchant_data', TOO_LONG(2048)),
  withFields('reservation_data is raw JSON, not base64', { reservation_data: '{"a":1}' }, 'reservation_data', /build it with encodeReservationData/),
  withFields('version is 2.0 in a flat order', { version: '2.0' }, 'version', /must be one of 1\.0, 1\.0\.1/),
  withFields('a misspelt parameter (callback_url)', { callback_url: 'https://shop.example/cb' }, 'callback_url', /check the spelling/),
  withFields('a hand-made upper-case signature', { signature: 'ABC' }, 'signature', /let the signer add it/),
  withFields('subscription Y without recurring_data', { subscription: 'Y' }, 'recurring_data', /required when subscription is "Y"/),
  withFields('verification_type without verification', { verification_type: 'code' }, 'verification_type', /only applies with verification: "Y"/),
  { name: 'the order is null', order: null, param: '(order)', fix: WHOLE },
  { name: 'the order is undefined', order: undefined, param: '(order)', fix: WHOLE },
  { name: 'the order is an array', order: [VALID], param: '(order)', fix: WHOLE },
  { name: 'the order is a JSON string', order: JSON.stringify(VALID), param: '(order)', fix: WHOLE },
  { name: 'the order is a number', order: 1500, param: '(order)', fix: WHOLE },
  withFields('merchant_id is missing', { merchant_id: undefined }, 'merchant_id', REQUIRED, true),
  withFields('merchant_id is not numeric', { merchant_id: 'abc' }, 'merchant_id', /numeric Flitt merchant id/, true),
  withFields('merchant_id is zero', { merchant_id: 0 }, 'merchant_id', /numeric Flitt merchant id/, true),
];

/** The order a shop would give the client: without merchant_id, which the client adds. */
function withoutMerchant(order: unknown): unknown {
  if (typeof order !== 'object' || order === null || Array.isArray(order)) return order;
  const { merchant_id: _, ...rest } = order as Record<string, unknown>;
  return rest;
}

const CLIENT_ORDER_CASES = ORDER_CASES.filter((row) => !row.coreOnly);

describe('bad orders: validateOrder and assertValidOrder', () => {
  it.each(ORDER_CASES)('$name', ({ order, param, fix }) => {
    const result = validateOrder(order);
    expect(result.ok).toBe(false);
    if (!result.ok) expectIssue(result.error, param, fix);
    expect(() => assertValidOrder(order)).toThrow(FlittValidationError);
    expectNothingSent();
  });
});

describe('bad orders: FlittClient.createCheckoutUrl and createCheckoutToken', () => {
  it.each(CLIENT_ORDER_CASES)('$name', async ({ order, param, fix }) => {
    const client = newClient();
    const input = withoutMerchant(order) as OrderInput;
    expectIssue(await failureOf(() => client.createCheckoutUrl(input)), param, fix);
    expectIssue(await failureOf(() => client.createCheckoutToken(input)), param, fix);
    expectNothingSent();
  });
});

describe('bad orders: createCheckout handler when resolveOrder returns them', () => {
  it.each(CLIENT_ORDER_CASES)('$name', async ({ order, param, fix }) => {
    const handlers = newHandlers(() => withoutMerchant(order));
    const res = await handlers.createCheckout(
      new Request(`${SHOP}/api/flitt/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flow: 'redirect', order: { cart: 'c-1' } }),
      }),
    );
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'invalid_order',
        message: expect.stringMatching(/nothing was sent/),
        payerMessage: expect.stringMatching(/shop can’t accept payments/),
      },
    });
    // The browser gets a generic message; the shop's log names the field and the fix.
    const log = logged.join('\n');
    expect(log).toContain(`- ${param}: `);
    expect(log).toMatch(fix);
    expectNoSecret(text, log);
    expectNothingSent();
  });
});

// ── client configuration ───────────────────────────────────────────────────────────────────────

interface ConfigCase {
  name: string;
  options: unknown;
  code: string;
  fix: RegExp;
}

const withOptions = (
  name: string,
  overrides: Record<string, unknown>,
  code: string,
  fix: RegExp,
): ConfigCase => ({
  name,
  options: { merchantId: MERCHANT, secretKey: SECRET, fetch: toSandbox, ...overrides },
  code,
  fix,
});

const MERCHANT_ID = /merchantId must be your numeric Flitt merchant id \(test merchant: 1549901\)/;
const NO_KEY = /secretKey is empty: pass the payment key from the Flitt portal/;
const HTTPS = /baseUrl must be https .*plain http is only allowed for the local sandbox/;
const RETRIES = /retries must be a whole number ≥ 0 .*leave them out/;

// biome-ignore format: one row per line reads as a table
const CONFIG_CASES: ConfigCase[] = [
  { name: 'no options at all', options: undefined, code: 'invalid_config', fix: /needs an options object: \{ merchantId, secretKey \}/ },
  { name: 'options is null', options: null, code: 'invalid_config', fix: /needs an options object/ },
  withOptions('merchantId is missing', { merchantId: undefined }, 'invalid_merchant_id', MERCHANT_ID),
  withOptions('merchantId is not numeric', { merchantId: 'shop-42' }, 'invalid_merchant_id', MERCHANT_ID),
  withOptions('merchantId is an empty string', { merchantId: '' }, 'invalid_merchant_id', MERCHANT_ID),
  withOptions('merchantId has a trailing newline', { merchantId: '4343\n' }, 'invalid_merchant_id', MERCHANT_ID),
  withOptions('merchantId is zero', { merchantId: 0 }, 'invalid_merchant_id', MERCHANT_ID),
  withOptions('merchantId is negative', { merchantId: -4343 }, 'invalid_merchant_id', MERCHANT_ID),
  withOptions('merchantId is fractional', { merchantId: 4343.5 }, 'invalid_merchant_id', MERCHANT_ID),
  withOptions('merchantId has 13 digits', { merchantId: 1_000_000_000_000 }, 'invalid_merchant_id', MERCHANT_ID),
  withOptions('merchantId is NaN', { merchantId: Number.NaN }, 'invalid_merchant_id', MERCHANT_ID),
  withOptions('merchantId is a boolean', { merchantId: true }, 'invalid_merchant_id', MERCHANT_ID),
  withOptions('merchantId and secretKey are swapped', { merchantId: SECRET, secretKey: String(MERCHANT) }, 'invalid_merchant_id', /swapped\?/),
  withOptions('merchantId is the secret in a Buffer', { merchantId: Buffer.from(SECRET) }, 'invalid_merchant_id', /got an object \(Buffer\)/),
  withOptions('merchantId is the secret in an array', { merchantId: [SECRET] }, 'invalid_merchant_id', /got an array of 1/),
  // A String object, as careless code makes one.
  withOptions('merchantId is the secret as a String object', { merchantId: new String(SECRET) }, 'invalid_merchant_id', /got an object \(String\)/),
  withOptions('baseUrl is the secret (swapped settings)', { baseUrl: SECRET }, 'invalid_base_url', /baseUrl is not a URL \(got a \d+-character string\)/),
  withOptions('timeoutMs is the secret', { timeoutMs: SECRET }, 'invalid_timeout', /got a \d+-character string/),
  withOptions('secretKey is missing', { secretKey: undefined }, 'missing_secret_key', NO_KEY),
  withOptions('secretKey is empty', { secretKey: '' }, 'missing_secret_key', NO_KEY),
  withOptions('secretKey is only spaces', { secretKey: '   ' }, 'missing_secret_key', NO_KEY),
  withOptions('secretKey is a number', { secretKey: 12345 }, 'missing_secret_key', NO_KEY),
  withOptions('secretKey ends with a newline (.env file)', { secretKey: `${SECRET}\n` }, 'invalid_secret_key', /secretKey starts or ends with a space or line break.*trim it/),
  withOptions('baseUrl is not a URL', { baseUrl: 'pay flitt com' }, 'invalid_base_url', /baseUrl is not a URL \(got a 13-character string\); leave it out/),
  withOptions('baseUrl is an empty string', { baseUrl: '' }, 'invalid_base_url', /baseUrl is not a URL \(got a 0-character string\); leave it out/),
  withOptions('baseUrl is plain http to Flitt', { baseUrl: 'http://pay.flitt.com' }, 'insecure_base_url', HTTPS),
  withOptions('baseUrl is plain http to a look-alike of 127.0.0.1', { baseUrl: 'http://127.0.0.1.evil.example' }, 'insecure_base_url', HTTPS),
  withOptions('baseUrl is plain http to 0.0.0.0', { baseUrl: 'http://0.0.0.0:8610' }, 'insecure_base_url', HTTPS),
  withOptions('baseUrl is ftp:', { baseUrl: 'ftp://pay.flitt.com' }, 'insecure_base_url', HTTPS),
  withOptions('timeoutMs is zero', { timeoutMs: 0 }, 'invalid_timeout', /timeoutMs must be a positive number of milliseconds/),
  withOptions('timeoutMs is a string', { timeoutMs: '5000' }, 'invalid_timeout', /timeoutMs must be a positive number/),
  withOptions('timeoutMs is NaN', { timeoutMs: Number.NaN }, 'invalid_timeout', /timeoutMs must be a positive number/),
  withOptions('retries is NaN (would retry forever)', { retries: Number.NaN }, 'invalid_retries', RETRIES),
  withOptions('retries is Infinity', { retries: Number.POSITIVE_INFINITY }, 'invalid_retries', RETRIES),
  withOptions('retries is negative', { retries: -1 }, 'invalid_retries', RETRIES),
  withOptions('retries is fractional', { retries: 1.5 }, 'invalid_retries', RETRIES),
  withOptions('retryDelayMs is NaN', { retryDelayMs: Number.NaN }, 'invalid_retries', RETRIES),
  withOptions('fetch is not a function', { fetch: 'https://pay.flitt.com' }, 'missing_fetch', /pass options\.fetch/),
];

describe('bad configuration: createFlittClient', () => {
  it.each(CONFIG_CASES)('$name', async ({ options, code, fix }) => {
    // Checked on first use (a build imports the module without secrets), with the same error.
    const client = createFlittClient(options as FlittClientOptions);
    const error = await failureOf(() =>
      client.createCheckoutUrl({
        order_id: 'o-1',
        order_desc: 'Tea',
        amount: 1500,
        currency: 'GEL',
      }),
    );
    expect(error).toBeInstanceOf(FlittConfigError);
    expect(error).toMatchObject({ code });
    expect(error.message).toMatch(fix);
    expectNoSecret(error.message, inspect(error));
    expectNothingSent();
  });
});

const validHandlerOptions = () => ({
  client: newClient(),
  resolveOrder: () => ({ amount: 1500, currency: 'GEL' as const, order_desc: 'Tea' }),
  resultUrl: '/result',
  logger,
});

// biome-ignore format: one row per line reads as a table
const HANDLER_CONFIG_CASES: { name: string; options: () => unknown; fix: RegExp }[] = [
  { name: 'handlers: no options at all', options: () => undefined, fix: /needs an options object: \{ client, resolveOrder, resultUrl \}/ },
  { name: 'handlers: client is missing', options: () => ({ ...validHandlerOptions(), client: undefined }), fix: /needs `client: createFlittClient/ },
  { name: 'handlers: client is the options, not a client', options: () => ({ ...validHandlerOptions(), client: { merchantId: MERCHANT, secretKey: SECRET } }), fix: /needs `client: createFlittClient/ },
  { name: 'handlers: resolveOrder is missing', options: () => ({ ...validHandlerOptions(), resolveOrder: undefined }), fix: /needs `resolveOrder`/ },
  { name: 'handlers: resolveOrder is an object', options: () => ({ ...validHandlerOptions(), resolveOrder: { amount: 1500 } }), fix: /needs `resolveOrder`/ },
  { name: 'handlers: resultUrl is missing', options: () => ({ ...validHandlerOptions(), resultUrl: undefined }), fix: /needs `resultUrl`/ },
];

// Checked when the handlers are made, reported on first use: a build imports the module without
// the environment that holds these URLs.
// biome-ignore format: one row per line reads as a table
const HANDLER_URL_CASES: { name: string; options: () => Partial<FlittHandlersOptions>; fix: RegExp }[] = [
  { name: 'handlers: callbackUrl is relative', options: () => ({ callbackUrl: '/api/flitt/callback' }), fix: /callbackUrl must be an absolute http\(s\) URL that Flitt can reach, got "\/api\/flitt\/callback"/ },
  { name: 'handlers: callbackUrl from an unset variable', options: () => ({ callbackUrl: 'undefined/api/flitt/callback' }), fix: /callbackUrl must be an absolute http\(s\) URL/ },
  { name: 'handlers: returnUrl is javascript:', options: () => ({ returnUrl: 'javascript:alert(1)' }), fix: /returnUrl must be an absolute http\(s\) URL/ },
  { name: 'handlers: returnUrl is the secret in a Buffer', options: () => ({ returnUrl: Buffer.from(SECRET) as never }), fix: /returnUrl must be an absolute http\(s\) URL that Flitt can reach, got a object/ },
];

describe('bad configuration: createFlittHandlers, URLs found on first use', () => {
  it.each(HANDLER_URL_CASES)('$name', async ({ options, fix }) => {
    const handlers = createFlittHandlers({ ...validHandlerOptions(), ...options() });
    const res = await handlers.createCheckout(
      new Request('https://shop.example/api/flitt/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flow: 'redirect', order: { items: [] } }),
      }),
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal_error' } });
    expect(logged).toEqual([expect.stringMatching(fix)]);
    expectNoSecret(text, ...logged);
    expectNothingSent();
  });
});

describe('bad configuration: createFlittHandlers', () => {
  it.each(HANDLER_CONFIG_CASES)('$name', async ({ options, fix }) => {
    const error = await failureOf(() => createFlittHandlers(options() as FlittHandlersOptions));
    expect(error).toBeInstanceOf(FlittConfigError);
    expect(error).toMatchObject({ code: 'invalid_config' });
    expect(error.message).toMatch(fix);
    expectNoSecret(error.message, inspect(error));
    expectNothingSent();
  });
});

// ── other client calls ─────────────────────────────────────────────────────────────────────────

const NON_EMPTY = /must be a non-empty string of at most \d+ characters without "\|"/;
const MINOR_UNITS = /must be a positive integer in minor units/;
const ORDER_CURRENCY = /must be the order's currency, one of GEL, USD, EUR/;
const paid = { orderId: 'bad-input-1', amount: 1500, currency: 'GEL' as const };

// biome-ignore format: one row per line reads as a table
const CALL_CASES: { name: string; call: (client: FlittClient) => Promise<unknown>; param: string; fix: RegExp }[] = [
  { name: 'getOrderStatus: empty order id', call: (c) => c.getOrderStatus(''), param: 'order_id', fix: NON_EMPTY },
  { name: 'getOrderStatus: order id is a number', call: (c) => c.getOrderStatus(1001 as never), param: 'order_id', fix: NON_EMPTY },
  { name: 'getOrderStatus: "|" in the order id', call: (c) => c.getOrderStatus('a|b'), param: 'order_id', fix: NON_EMPTY },
  { name: 'getOrderStatus: order id over 1024 characters', call: (c) => c.getOrderStatus('x'.repeat(1025)), param: 'order_id', fix: NON_EMPTY },
  { name: 'getOrderStatus: lone surrogate in the order id', call: (c) => c.getOrderStatus('o-\uD800'), param: 'order_id', fix: /lone surrogates/ },
  { name: 'reverse: input is null', call: (c) => c.reverse(null as never), param: 'order_id', fix: NON_EMPTY },
  { name: 'reverse: currency is missing', call: (c) => c.reverse({ orderId: 'o-1', amount: 100 } as never), param: 'currency', fix: ORDER_CURRENCY },
  { name: 'reverse: currency is lower case (gel)', call: (c) => c.reverse({ ...paid, currency: 'gel' as never }), param: 'currency', fix: ORDER_CURRENCY },
  { name: 'reverse: fractional amount', call: (c) => c.reverse({ ...paid, amount: 12.5 }), param: 'amount', fix: MINOR_UNITS },
  { name: 'reverse: amount is a string', call: (c) => c.reverse({ ...paid, amount: '100' as never }), param: 'amount', fix: MINOR_UNITS },
  { name: 'reverse: reverseId over 50 characters', call: (c) => c.reverse({ ...paid, reverseId: 'r'.repeat(51) }), param: 'reverse_id', fix: NON_EMPTY },
  { name: 'reverse: "|" in the comment', call: (c) => c.reverse({ ...paid, comment: 'late|broken' }), param: 'comment', fix: NON_EMPTY },
  { name: 'reverse: lone surrogate in the comment', call: (c) => c.reverse({ ...paid, comment: 'sorry \uDBFF' }), param: 'comment', fix: /lone surrogates/ },
  { name: 'capture: unknown currency (XYZ)', call: (c) => c.capture({ ...paid, currency: 'XYZ' as never }), param: 'currency', fix: ORDER_CURRENCY },
  { name: 'capture: zero amount', call: (c) => c.capture({ ...paid, amount: 0 }), param: 'amount', fix: MINOR_UNITS },
  { name: 'capture: amount above MAX_AMOUNT', call: (c) => c.capture({ ...paid, amount: MAX_AMOUNT + 1 }), param: 'amount', fix: MINOR_UNITS },
  { name: 'recurring: order is null', call: (c) => c.recurring(null as never), param: '(order)', fix: WHOLE },
  { name: 'recurring: rectoken is missing', call: (c) => c.recurring(withoutMerchant(VALID) as never), param: 'rectoken', fix: NON_EMPTY },
  { name: 'recurring: "|" in the rectoken', call: (c) => c.recurring({ ...(withoutMerchant(VALID) as OrderInput), rectoken: 'tok|en' }), param: 'rectoken', fix: SEPARATOR },
  { name: 'recurring: fractional amount', call: (c) => c.recurring({ ...(withoutMerchant(VALID) as OrderInput), amount: 9.99, rectoken: 'a'.repeat(40) }), param: 'amount', fix: AMOUNT },
];

describe('bad input to the other client calls', () => {
  it.each(CALL_CASES)('$name', async ({ call, param, fix }) => {
    const error = await failureOf(() => call(newClient()));
    expect(error).toBeInstanceOf(FlittValidationError);
    expect((error as FlittValidationError).issues.find((i) => i.param === param)?.message).toMatch(
      fix,
    );
    expect(error.message).toContain(`- ${param}: `);
    expectNoSecret(error.message, inspect(error));
    expectNothingSent();
  });
});

// ── requests to the handlers ───────────────────────────────────────────────────────────────────

const BIG = 65 * 1024;
const JSON_OBJECT = /The body must be a JSON object: \{ "flow"/;
const FLOW = /flow must be "redirect" or "embedded"/;
const SEND_JSON = /Send JSON: \{ "flow"/;
const LIMIT = /Bodies are limited to 65536 bytes/;

const checkoutRequest = (body: BodyInit | null, type?: string, method = 'POST', size?: number) =>
  new Request(`${SHOP}/api/flitt/checkout`, {
    method,
    headers: {
      ...(type ? { 'content-type': type } : {}),
      ...(size ? { 'content-length': String(size) } : {}),
    },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
const asJson = (body: string) => checkoutRequest(body, 'application/json');

/** A body without Content-Length that keeps coming: the handler must count bytes as they arrive. */
function endlessBody(): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(`{"order":"${'x'.repeat(16 * 1024)}`);
  let pulls = 0;
  return new ReadableStream({
    pull(controller) {
      if (++pulls > 64) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

// biome-ignore format: one row per line reads as a table
const REQUEST_CASES: { name: string; request: () => Request; status: number; code: string; fix: RegExp }[] = [
  { name: 'GET instead of POST', request: () => checkoutRequest(null, 'application/json', 'GET'), status: 405, code: 'method_not_allowed', fix: /Use POST/ },
  { name: 'PUT instead of POST', request: () => checkoutRequest('{}', 'application/json', 'PUT'), status: 405, code: 'method_not_allowed', fix: /Use POST/ },
  { name: 'no Content-Type', request: () => checkoutRequest('{"flow":"redirect"}'), status: 415, code: 'unsupported_media_type', fix: SEND_JSON },
  { name: 'Content-Type text/plain', request: () => checkoutRequest('{"flow":"redirect"}', 'text/plain'), status: 415, code: 'unsupported_media_type', fix: SEND_JSON },
  { name: 'a cross-site form post (urlencoded)', request: () => checkoutRequest('flow=redirect', 'application/x-www-form-urlencoded'), status: 415, code: 'unsupported_media_type', fix: SEND_JSON },
  { name: 'multipart form data', request: () => checkoutRequest('--x--', 'multipart/form-data; boundary=x'), status: 415, code: 'unsupported_media_type', fix: SEND_JSON },
  { name: 'an empty body', request: () => asJson(''), status: 400, code: 'invalid_request', fix: JSON_OBJECT },
  { name: 'truncated JSON', request: () => asJson('{"flow":'), status: 400, code: 'invalid_request', fix: JSON_OBJECT },
  { name: 'not JSON at all', request: () => asJson('flow=redirect'), status: 400, code: 'invalid_request', fix: JSON_OBJECT },
  { name: 'JSON null', request: () => asJson('null'), status: 400, code: 'invalid_request', fix: JSON_OBJECT },
  { name: 'a JSON array', request: () => asJson('[{"flow":"redirect"}]'), status: 400, code: 'invalid_request', fix: JSON_OBJECT },
  { name: 'a JSON string', request: () => asJson('"redirect"'), status: 400, code: 'invalid_request', fix: JSON_OBJECT },
  { name: 'a JSON number', request: () => asJson('1500'), status: 400, code: 'invalid_request', fix: JSON_OBJECT },
  { name: 'flow is unknown (popup)', request: () => asJson('{"flow":"popup"}'), status: 400, code: 'invalid_request', fix: FLOW },
  { name: 'flow is upper case', request: () => asJson('{"flow":"REDIRECT"}'), status: 400, code: 'invalid_request', fix: FLOW },
  { name: 'flow is a number', request: () => asJson('{"flow":1}'), status: 400, code: 'invalid_request', fix: FLOW },
  { name: 'flow is an array', request: () => asJson('{"flow":["redirect"]}'), status: 400, code: 'invalid_request', fix: FLOW },
  { name: 'flow is a boolean', request: () => asJson('{"flow":true}'), status: 400, code: 'invalid_request', fix: FLOW },
  { name: 'Content-Length announces more than 64 KiB', request: () => checkoutRequest('{}', 'application/json', 'POST', BIG), status: 413, code: 'payload_too_large', fix: LIMIT },
  { name: 'a body over 64 KiB', request: () => asJson(JSON.stringify({ order: 'x'.repeat(BIG) })), status: 413, code: 'payload_too_large', fix: LIMIT },
  { name: 'an endless body without Content-Length', request: () => checkoutRequest(endlessBody(), 'application/json'), status: 413, code: 'payload_too_large', fix: LIMIT },
];

describe('bad requests to the createCheckout handler', () => {
  it.each(REQUEST_CASES)('$name', async ({ request, status, code, fix }) => {
    // resolveOrder prices a valid order: anything that got past the checks would reach the sandbox.
    const handlers = newHandlers(() => ({ amount: 1500, currency: 'GEL', order_desc: 'Tea' }));
    const res = await handlers.createCheckout(request());
    const text = await res.text();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(text)).toEqual({
      error: { code, message: expect.stringMatching(fix), payerMessage: expect.any(String) },
    });
    expectNoSecret(text, logged.join('\n'));
    expectNothingSent();
  });
});

// biome-ignore format: one row per line reads as a table
const STATUS_CASES: { name: string; request: () => Request; status: number; code: string; fix: RegExp }[] = [
  { name: 'status: no order_id', request: () => new Request(`${SHOP}/api/flitt/status`), status: 400, code: 'invalid_request', fix: /Pass \?order_id=/ },
  { name: 'status: empty order_id', request: () => new Request(`${SHOP}/api/flitt/status?order_id=`), status: 400, code: 'invalid_request', fix: /Pass \?order_id=/ },
  { name: 'status: order_id over 1024 characters', request: () => new Request(`${SHOP}/api/flitt/status?order_id=${'x'.repeat(1025)}`), status: 400, code: 'invalid_request', fix: /1 to 1024 characters/ },
  { name: 'status: "|" in order_id', request: () => new Request(`${SHOP}/api/flitt/status?order_id=a%7Cb`), status: 400, code: 'invalid_request', fix: /without "\|"/ },
  { name: 'status: POST instead of GET', request: () => new Request(`${SHOP}/api/flitt/status?order_id=o-1`, { method: 'POST' }), status: 405, code: 'method_not_allowed', fix: /Use GET with \?order_id=/ },
];

describe('bad requests to the status handler', () => {
  it.each(STATUS_CASES)('$name', async ({ request, status, code, fix }) => {
    const handlers = newHandlers(() => ({ amount: 1500, currency: 'GEL', order_desc: 'Tea' }));
    const res = await handlers.status(request());
    const text = await res.text();
    expect(res.status).toBe(status);
    expect(JSON.parse(text)).toEqual({
      error: { code, message: expect.stringMatching(fix), payerMessage: expect.any(String) },
    });
    expectNoSecret(text, logged.join('\n'));
    expectNothingSent();
  });
});

// ── the harness itself ─────────────────────────────────────────────────────────────────────────

describe('the harness', () => {
  it('sees a good order reach the sandbox, so "nothing sent" above means something', async () => {
    await newClient().createCheckoutToken(withoutMerchant(VALID) as OrderInput);
    const handlers = newHandlers(() => ({ amount: 1500, currency: 'GEL', order_desc: 'Tea' }));
    const res = await handlers.createCheckout(asJson('{"flow":"redirect","order":{}}'));
    expect(res.status).toBe(200);
    expect(sent).toEqual([
      'https://pay.flitt.com/api/checkout/token',
      'https://pay.flitt.com/api/checkout/url',
    ]);
    expect(sandbox.control.orders()).toHaveLength(2);
  });
});
