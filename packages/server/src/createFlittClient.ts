import {
  type CaptureResult,
  type CreateOrderParams,
  createSignature,
  decodeProtocol2,
  FLITT_CURRENCIES,
  FlittConfigError,
  FlittError,
  type FlittOrder,
  type FlittResult,
  FlittValidationError,
  parseFlittResponse,
  type ReverseResult,
  signProtocol2,
  validateOrder,
  verifyProtocol2,
  verifySignature,
} from '@flitt-checkout/core';
import {
  FlittApiError,
  FlittNetworkError,
  FlittSignatureError,
  FlittTimeoutError,
} from './errors.ts';
import { fetchTransport, nodeTransport } from './transport.ts';

/** Options of `createFlittClient`. */
export interface FlittClientOptions {
  /** Your Flitt merchant id (test merchant: 1549901). */
  merchantId: number | string;
  /** The payment key from the Flitt portal (test merchant: `test`). Never send it to a browser. */
  secretKey: string;
  /** Default `https://pay.flitt.com`; `http:` is only allowed for 127.0.0.1 / localhost (the sandbox). */
  baseUrl?: string;
  /**
   * How to reach Flitt. Default: node:http(s) with keep-alive where the runtime has it (Node, Deno,
   * Bun), else `globalThis.fetch` (Workers). Pass your own for proxies or tests.
   */
  fetch?: typeof fetch;
  /** Per-attempt timeout. Default 15 000 ms. */
  timeoutMs?: number;
  /** Retries of safe reads (status) after a network error, timeout, 5xx or garbled reply. Default 2. */
  retries?: number;
  /** Base delay of the exponential backoff between retries. Default 200 ms. */
  retryDelayMs?: number;
}

/** What the merchant decides for a new order; `merchant_id` comes from the client. */
export type OrderInput = Omit<CreateOrderParams, 'merchant_id'>;

/** Options every call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** A hosted checkout page was created. */
export interface CheckoutUrl {
  readonly orderId: string;
  readonly checkoutUrl: string;
  readonly paymentId: string | undefined;
}

/** A token for the embedded checkout was created. */
export interface CheckoutToken {
  readonly orderId: string;
  readonly token: string;
}

/** Parameters of a (full or partial) refund. */
export interface ReverseInput {
  orderId: string;
  /** Minor units; equal to the paid amount for a full refund. */
  amount: number;
  currency: CreateOrderParams['currency'];
  /** Idempotency key (≤ 50 characters): reuse it when retrying the same partial refund. */
  reverseId?: string;
  comment?: string;
}

/** Parameters of a capture of a pre-authorised order. */
export interface CaptureInput {
  orderId: string;
  amount: number;
  currency: CreateOrderParams['currency'];
}

/** A typed client for Flitt's API, created once per process with the secret key. */
export interface FlittClient {
  readonly merchantId: number;
  readonly baseUrl: string;
  /** `/api/checkout/url`: create an order and get the hosted page URL. */
  createCheckoutUrl(order: OrderInput, options?: CallOptions): Promise<CheckoutUrl>;
  /** `/api/checkout/token`: create an order and get a token for the embedded checkout. */
  createCheckoutToken(order: OrderInput, options?: CallOptions): Promise<CheckoutToken>;
  /** `/api/status/order_id`: the verified order (retried when safe). */
  getOrderStatus(orderId: string, options?: CallOptions): Promise<FlittOrder>;
  /** `/api/reverse/order_id`: refund fully or partly. */
  reverse(input: ReverseInput, options?: CallOptions): Promise<ReverseResult>;
  /** `/api/capture/order_id`: capture a `preauth: 'Y'` order. */
  capture(input: CaptureInput, options?: CallOptions): Promise<CaptureResult>;
  /** `/api/recurring`: charge a saved card by `rectoken`; resolves to the final (verified) order. */
  recurring(order: OrderInput & { rectoken: string }, options?: CallOptions): Promise<FlittOrder>;
  /**
   * Checks an order object Flitt posted (callback or `response_url`; flat, `{response: …}` or
   * protocol 2.0): signed with our key, for our merchant. `null` for anything else.
   */
  verifyOrder(posted: unknown): Promise<FlittOrder | null>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The flat object inside Flitt's `{response: …}` wrapper, or the object itself when bare. */
function unwrap(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const inner = (raw as { response?: unknown }).response;
  return (
    typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? inner : raw
  ) as Record<string, unknown>;
}

const isEnvelope = (body: Record<string, unknown>): body is { version: '2.0'; data: string } =>
  body.version === '2.0' && typeof body.data === 'string';

/** The order object of a reply (declined or not), if it is one. */
function orderOf(result: FlittResult): FlittOrder | undefined {
  return result.status === 'declined' || (result.status === 'success' && result.kind === 'order')
    ? result.order
    : undefined;
}

/**
 * What a configuration value is, without its content: a value of the wrong shape may be the
 * secret key itself (swapped settings, a Buffer, `new String(key)`), so it is never printed.
 */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'number')
    return Number.isFinite(value) ? `the number ${value}` : `the number ${String(value)}`;
  if (typeof value === 'string') return `a ${value.length}-character string`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return `an object (${typeof name === 'string' && name ? name : 'no prototype'})`;
  }
  return `a ${typeof value}`;
}

/** Checks the configuration at creation, so a broken setup fails before the first payment. */
function readConfig(options: FlittClientOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new FlittConfigError(
      'invalid_config',
      '[flitt-checkout] createFlittClient needs an options object: { merchantId, secretKey }.',
    );
  }
  const { merchantId, secretKey } = options;
  const id =
    typeof merchantId === 'string' && /^\d{1,12}$/.test(merchantId)
      ? Number(merchantId)
      : merchantId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0 || id > 999_999_999_999) {
    // Never echo a string: with swapped settings it is the secret key.
    throw new FlittConfigError(
      'invalid_merchant_id',
      `[flitt-checkout] merchantId must be your numeric Flitt merchant id (test merchant: 1549901), got ${typeof merchantId === 'string' ? `a ${merchantId.length}-character string that is not 1–12 digits (merchantId and secretKey swapped?)` : describe(merchantId)}.`,
    );
  }
  if (typeof secretKey !== 'string' || secretKey.trim() === '') {
    throw new FlittConfigError(
      'missing_secret_key',
      '[flitt-checkout] secretKey is empty: pass the payment key from the Flitt portal (test merchant 1549901: "test"), e.g. from process.env.FLITT_SECRET_KEY.',
    );
  }
  if (secretKey.trim() !== secretKey) {
    throw new FlittConfigError(
      'invalid_secret_key',
      '[flitt-checkout] secretKey starts or ends with a space or line break (often from a .env file); trim it: Flitt keys have none, and every signature would be refused (1014).',
    );
  }
  let url: URL;
  try {
    url = new URL(options.baseUrl ?? 'https://pay.flitt.com');
  } catch {
    throw new FlittConfigError(
      'invalid_base_url',
      `[flitt-checkout] baseUrl is not a URL (got ${describe(options.baseUrl)}); leave it out for https://pay.flitt.com.`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new FlittConfigError(
      'insecure_base_url',
      `[flitt-checkout] baseUrl must be https (got ${url.origin}); plain http is only allowed for the local sandbox on 127.0.0.1 or localhost.`,
    );
  }
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new FlittConfigError(
      'invalid_timeout',
      `[flitt-checkout] timeoutMs must be a positive number of milliseconds, got ${describe(timeoutMs)}.`,
    );
  }
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 200;
  // NaN would never end the retry loop (`attempt >= NaN` is always false).
  if (
    !Number.isInteger(retries) ||
    retries < 0 ||
    !Number.isFinite(retryDelayMs) ||
    retryDelayMs < 0
  ) {
    throw new FlittConfigError(
      'invalid_retries',
      `[flitt-checkout] retries must be a whole number ≥ 0 and retryDelayMs a number of milliseconds ≥ 0, got retries ${describe(retries)}, retryDelayMs ${describe(retryDelayMs)}; leave them out for 2 and 200.`,
    );
  }
  const { fetch: given } = options;
  const transport =
    given === undefined
      ? (nodeTransport() ??
        (typeof globalThis.fetch === 'function'
          ? fetchTransport(() => globalThis.fetch)
          : undefined))
      : typeof given === 'function'
        ? fetchTransport(() => given)
        : undefined;
  if (!transport) {
    throw new FlittConfigError(
      'missing_fetch',
      '[flitt-checkout] no fetch available: pass options.fetch (Node ≥ 18 has one built in).',
    );
  }
  return {
    merchantId: id,
    secretKey,
    baseUrl: url.href.replace(/\/+$/, ''),
    transport,
    timeoutMs,
    retries,
    retryDelayMs,
  };
}

/** True for failures worth retrying on a safe read: the request may simply not have arrived. */
function transient(error: unknown): boolean {
  return (
    error instanceof FlittNetworkError ||
    error instanceof FlittTimeoutError ||
    (error instanceof FlittError &&
      (error.code === 'invalid_response' || error.code === 'http_error'))
  );
}

/**
 * Creates a typed Flitt API client: validates before sending, signs with the secret key, verifies
 * signed replies, times out, and retries only what is safe to repeat. Connections are kept alive
 * between calls, so create one client and reuse it.
 *
 * The configuration is checked on first use (a call, or reading `merchantId` / `baseUrl`), with the
 * same `FlittConfigError`s: a module that creates the client at import (Next.js route handlers)
 * can be built without the secrets, and a missing key fails the first payment, loudly.
 *
 * @example
 * const flitt = createFlittClient({ merchantId: 1549901, secretKey: process.env.FLITT_SECRET_KEY! });
 * const { checkoutUrl } = await flitt.createCheckoutUrl({ order_id: 'o-1', order_desc: 'Tea', amount: 1500, currency: 'GEL' });
 */
export function createFlittClient(options: FlittClientOptions): FlittClient {
  let client: FlittClient | undefined;
  // Read once, when first needed; a configuration error is thrown again on every use.
  const real = () => {
    client ??= clientOf(readConfig(options));
    return client;
  };
  // Async methods reject (never throw synchronously) when the configuration is wrong.
  return {
    get merchantId() {
      return real().merchantId;
    },
    get baseUrl() {
      return real().baseUrl;
    },
    createCheckoutUrl: async (order, call) => real().createCheckoutUrl(order, call),
    createCheckoutToken: async (order, call) => real().createCheckoutToken(order, call),
    getOrderStatus: async (orderId, call) => real().getOrderStatus(orderId, call),
    reverse: async (input, call) => real().reverse(input, call),
    capture: async (input, call) => real().capture(input, call),
    recurring: async (order, call) => real().recurring(order, call),
    verifyOrder: async (posted) => real().verifyOrder(posted),
  };
}

/** The client over a checked configuration. */
function clientOf(config: ReturnType<typeof readConfig>): FlittClient {
  const { secretKey } = config;

  // Flitt messages never contain the key, but keys can be short words; redact long ones anyway.
  const redact = (text: string) =>
    secretKey.length >= 6 ? text.split(secretKey).join('***') : text;

  async function send(
    path: string,
    params: Record<string, unknown>,
    call: CallOptions = {},
  ): Promise<FlittResult> {
    const nested = Object.values(params).some((v) => typeof v === 'object' && v !== null);
    const request = nested
      ? await signProtocol2(params, secretKey)
      : { ...params, signature: await createSignature(params, secretKey) };
    // One controller for the timeout and the caller's signal: cheaper per request than
    // AbortSignal.timeout + AbortSignal.any on Node 20, and nothing outlives the call.
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('Flitt did not answer in time', 'TimeoutError')),
      config.timeoutMs,
    );
    const forward = () => controller.abort(call.signal?.reason);
    if (call.signal?.aborted) forward();
    call.signal?.addEventListener('abort', forward, { once: true });
    let response: { readonly status: number; readonly text: string };
    try {
      response = await config.transport(
        `${config.baseUrl}${path}`,
        JSON.stringify({ request }),
        controller.signal,
      );
    } catch (cause) {
      if (call.signal?.aborted) throw call.signal.reason;
      // Our own timer fired (checked on the signal: the rejection's type varies by runtime).
      if (controller.signal.aborted) throw new FlittTimeoutError(config.timeoutMs, path);
      throw new FlittNetworkError(
        `[flitt-checkout] could not reach Flitt at ${config.baseUrl}${path}: ${redact(cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause))}.`,
        { cause },
      );
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', forward);
    }
    const { text } = response;
    if (response.status !== 200) {
      // A redirect is not followed (status 3xx, or 0 for an opaque one): Flitt never redirects its API.
      const redirected = response.status === 0 || (response.status >= 300 && response.status < 400);
      throw new FlittError(
        'http_error',
        redirected
          ? `[flitt-checkout] Flitt's ${path} answered with a redirect (HTTP ${response.status}), which is not followed: check baseUrl (https://pay.flitt.com) and any proxy in between.`
          : `[flitt-checkout] Flitt answered ${path} with HTTP ${response.status}; Flitt answers 200 even for refusals, so this came from something in between (proxy, outage).`,
      );
    }
    let raw: unknown = text;
    try {
      raw = JSON.parse(text);
    } catch {
      // not JSON: parseFlittResponse reports it as an invalid response
    }
    // A protocol 2.0 envelope (wrapped in `response` or bare) signs its base64 blob as received:
    // check it before decoding anything. parseFlittResponse finds the same envelope.
    const envelope = unwrap(raw);
    if (isEnvelope(envelope) && !(await verifyProtocol2(envelope, secretKey))) {
      throw new FlittSignatureError(
        `[flitt-checkout] the protocol 2.0 signature of Flitt's reply to ${path} does not match.`,
      );
    }
    const result = parseFlittResponse(raw);
    if (!isEnvelope(envelope)) await verify(result, path);
    if (result.status === 'failure') {
      throw new FlittApiError(
        result.errorCode,
        redact(result.errorMessage),
        result.requestId,
        path,
      );
    }
    return result;
  }

  async function verify(result: FlittResult, path: string) {
    const signed = result.response;
    if (typeof signed.signature !== 'string') {
      // Order objects, reverse and capture replies are always signed by Flitt; an unsigned one is forged.
      if (
        result.status === 'failure' ||
        (result.status === 'success' && (result.kind === 'checkout_url' || result.kind === 'token'))
      )
        return;
      throw new FlittSignatureError(
        `[flitt-checkout] Flitt's reply to ${path} carries no signature; it cannot be trusted.`,
      );
    }
    if (
      Number(signed.merchant_id ?? config.merchantId) !== config.merchantId ||
      !(await verifySignature(signed, secretKey))
    ) {
      throw new FlittSignatureError(
        `[flitt-checkout] the signature of Flitt's reply to ${path} does not match: the reply was altered or signed with another key. Check secretKey and merchantId.`,
      );
    }
  }

  async function withRetries<T>(work: () => Promise<T>, call: CallOptions): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= config.retries || !transient(error) || call.signal?.aborted) throw error;
        const delay = config.retryDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  function orderParams(order: unknown, what: string) {
    // JavaScript callers may pass anything: spreading a string or array would invent parameters.
    const isObject = typeof order === 'object' && order !== null && !Array.isArray(order);
    const params = isObject ? { ...order, merchant_id: config.merchantId } : order;
    const recurring = isObject ? (order as OrderInput).recurring_data : undefined;
    const nested = typeof recurring === 'object' && recurring !== null;
    const result = validateOrder(params, { protocol: nested ? '2.0' : '1.0' });
    if (!result.ok) throw new FlittValidationError(result.error.issues, what);
    return params as Record<string, unknown>;
  }

  function requireString(value: unknown, name: string, max = 1024): string {
    if (
      typeof value !== 'string' ||
      value === '' ||
      value.length > max ||
      value.includes('|') ||
      LONE_SURROGATE.test(value)
    ) {
      throw new FlittValidationError([
        {
          param: name,
          kind: typeof value === 'string' && value !== '' ? 'format' : 'missing',
          message: `must be a non-empty string of at most ${max} characters without "|" or broken Unicode (lone surrogates).`,
          flittCode: 1007,
        },
      ]);
    }
    return value;
  }

  function requireCurrency(value: unknown): CreateOrderParams['currency'] {
    if (!FLITT_CURRENCIES.includes(value as CreateOrderParams['currency'])) {
      throw new FlittValidationError([
        {
          param: 'currency',
          kind: value === undefined ? 'missing' : 'format',
          message: `must be the order's currency, one of ${FLITT_CURRENCIES.join(', ')} (upper case), got ${typeof value === 'string' ? `"${value.slice(0, 10)}"` : String(value)}.`,
          flittCode: 1012,
        },
      ]);
    }
    return value as CreateOrderParams['currency'];
  }

  function requireAmount(value: unknown): number {
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value <= 0 ||
      value > 999_999_999_999
    ) {
      throw new FlittValidationError([
        {
          param: 'amount',
          kind: 'range',
          message: 'must be a positive integer in minor units of at most 12 digits.',
          flittCode: 1023,
        },
      ]);
    }
    return value;
  }

  function expectOrder(result: FlittResult, path: string): FlittOrder {
    const order = orderOf(result);
    if (order) return order;
    throw new FlittError(
      'invalid_response',
      `[flitt-checkout] Flitt's reply to ${path} holds no order object.`,
    );
  }

  return {
    merchantId: config.merchantId,
    baseUrl: config.baseUrl,

    async createCheckoutUrl(order, call) {
      const params = orderParams(order, 'order parameters');
      const result = await send('/api/checkout/url', params, call);
      if (result.status !== 'success' || result.kind !== 'checkout_url') {
        throw new FlittError(
          'invalid_response',
          "[flitt-checkout] Flitt's reply to /api/checkout/url has no checkout_url.",
        );
      }
      return {
        orderId: order.order_id,
        checkoutUrl: result.checkoutUrl,
        paymentId: result.paymentId,
      };
    },

    async createCheckoutToken(order, call) {
      const params = orderParams(order, 'order parameters');
      const result = await send('/api/checkout/token', params, call);
      if (result.status !== 'success' || result.kind !== 'token') {
        throw new FlittError(
          'invalid_response',
          "[flitt-checkout] Flitt's reply to /api/checkout/token has no token.",
        );
      }
      return { orderId: order.order_id, token: result.token };
    },

    async getOrderStatus(orderId, call = {}) {
      const order_id = requireString(orderId, 'order_id');
      const path = '/api/status/order_id';
      const result = await withRetries(
        () => send(path, { order_id, merchant_id: config.merchantId }, call),
        call,
      );
      const order = expectOrder(result, path);
      if (String(order.order_id) !== order_id) {
        throw new FlittSignatureError(
          `[flitt-checkout] Flitt answered the status of "${order_id}" with order "${order.order_id}".`,
        );
      }
      return order;
    },

    async reverse(input, call) {
      const params: Record<string, unknown> = {
        order_id: requireString(input?.orderId, 'order_id'),
        merchant_id: config.merchantId,
        amount: requireAmount(input.amount),
        currency: requireCurrency(input.currency),
      };
      if (input.reverseId !== undefined)
        params.reverse_id = requireString(input.reverseId, 'reverse_id', 50);
      if (input.comment !== undefined)
        params.comment = requireString(input.comment, 'comment', 1024);
      const result = await send('/api/reverse/order_id', params, call);
      if (result.status !== 'success' || result.kind !== 'reverse') {
        throw new FlittError(
          'invalid_response',
          "[flitt-checkout] Flitt's reply to /api/reverse/order_id has no reverse_status.",
        );
      }
      return result;
    },

    async capture(input, call) {
      const params = {
        order_id: requireString(input?.orderId, 'order_id'),
        merchant_id: config.merchantId,
        amount: requireAmount(input.amount),
        currency: requireCurrency(input.currency),
      };
      const result = await send('/api/capture/order_id', params, call);
      if (result.status !== 'success' || result.kind !== 'capture') {
        throw new FlittError(
          'invalid_response',
          "[flitt-checkout] Flitt's reply to /api/capture/order_id has no capture_status.",
        );
      }
      return result;
    },

    async verifyOrder(posted) {
      let body = unwrap(posted);
      if (isEnvelope(body)) {
        if (!(await verifyProtocol2(body, secretKey))) return null;
        try {
          body = decodeProtocol2(body.data);
        } catch {
          return null;
        }
      } else if (!(await verifySignature(body, secretKey))) {
        return null;
      }
      if (Number(body.merchant_id) !== config.merchantId) return null;
      try {
        const order = orderOf(parseFlittResponse({ response_status: 'success', ...body }));
        if (order) return order;
      } catch {
        // signed, but not an order object: nothing to act on
      }
      return null;
    },

    async recurring(order, call) {
      const params = orderParams(order, 'recurring parameters');
      requireString(params.rectoken, 'rectoken', 100);
      return expectOrder(await send('/api/recurring', params, call), '/api/recurring');
    },
  };
}
