import { FlittConfigError, MAX_AMOUNT } from '@flitt-checkout/core';
import { fetchTransport, nodeTransport, type Transport } from './transport.ts';

/** Options of `createFlittClient`. */
export interface FlittClientOptions {
  /** Your Flitt merchant id (test merchant: 1549901). */
  merchantId: number | string;
  /** The payment key from the Flitt portal (test merchant: `test`). Never send it to a browser. */
  secretKey: string;
  /**
   * The payout ("credit") key from the Flitt portal (test merchant: `testcredit`), only for
   * `payout()` and payout callbacks; a separate key, never the payment key. Leave it out to pay
   * nothing out.
   */
  creditKey?: string;
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

/** A checked client configuration. */
export interface ClientConfig {
  readonly merchantId: number;
  readonly secretKey: string;
  /** The payout key, if payouts are on. */
  readonly creditKey: string | undefined;
  /** Without a trailing slash. */
  readonly baseUrl: string;
  readonly transport: Transport;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

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

function merchantIdOf(merchantId: unknown): number {
  const id =
    typeof merchantId === 'string' && /^\d{1,12}$/.test(merchantId)
      ? Number(merchantId)
      : merchantId;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0 && id <= MAX_AMOUNT) return id;
  // Never echo a string: with swapped settings it is the secret key.
  throw new FlittConfigError(
    'invalid_merchant_id',
    `[flitt-checkout] merchantId must be your numeric Flitt merchant id (test merchant: 1549901), got ${typeof merchantId === 'string' ? `a ${merchantId.length}-character string that is not 1–12 digits (merchantId and secretKey swapped?)` : describe(merchantId)}.`,
  );
}

function secretKeyOf(secretKey: unknown): string {
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
  return secretKey;
}

function creditKeyOf(creditKey: unknown, secretKey: string): string | undefined {
  if (creditKey === undefined) return undefined;
  if (typeof creditKey !== 'string' || creditKey.trim() === '') {
    throw new FlittConfigError(
      'invalid_credit_key',
      `[flitt-checkout] creditKey must be the payout key from the Flitt portal (test merchant 1549901: "testcredit"), got ${describe(creditKey)}; leave it out if you pay nothing out.`,
    );
  }
  if (creditKey.trim() !== creditKey) {
    throw new FlittConfigError(
      'invalid_credit_key',
      '[flitt-checkout] creditKey starts or ends with a space or line break (often from a .env file); trim it: every payout signature would be refused (1014).',
    );
  }
  if (creditKey === secretKey) {
    throw new FlittConfigError(
      'invalid_credit_key',
      '[flitt-checkout] creditKey is the same as secretKey: payouts are signed with a separate payout key (the Flitt portal shows both; test merchant 1549901: "testcredit").',
    );
  }
  return creditKey;
}

function baseUrlOf(baseUrl: unknown): string {
  let url: URL;
  try {
    url = new URL((baseUrl ?? 'https://pay.flitt.com') as string);
  } catch {
    throw new FlittConfigError(
      'invalid_base_url',
      `[flitt-checkout] baseUrl is not a URL (got ${describe(baseUrl)}); leave it out for https://pay.flitt.com.`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new FlittConfigError(
      'insecure_base_url',
      `[flitt-checkout] baseUrl must be https (got ${url.origin}); plain http is only allowed for the local sandbox on 127.0.0.1 or localhost.`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function transportOf(given: unknown): Transport {
  const transport =
    given === undefined
      ? (nodeTransport() ??
        (typeof globalThis.fetch === 'function'
          ? fetchTransport(() => globalThis.fetch)
          : undefined))
      : typeof given === 'function'
        ? fetchTransport(() => given as typeof fetch)
        : undefined;
  if (transport) return transport;
  throw new FlittConfigError(
    'missing_fetch',
    '[flitt-checkout] no fetch available: pass options.fetch (Node ≥ 18 has one built in).',
  );
}

/**
 * Checks `createFlittClient`'s options and fills in the defaults; throws a `FlittConfigError`
 * naming the setting, and describes a wrong value without printing it.
 */
export function readClientConfig(options: FlittClientOptions): ClientConfig {
  if (typeof options !== 'object' || options === null) {
    throw new FlittConfigError(
      'invalid_config',
      '[flitt-checkout] createFlittClient needs an options object: { merchantId, secretKey }.',
    );
  }
  const merchantId = merchantIdOf(options.merchantId);
  const secretKey = secretKeyOf(options.secretKey);
  const creditKey = creditKeyOf(options.creditKey, secretKey);
  const baseUrl = baseUrlOf(options.baseUrl);
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
  const transport = transportOf(options.fetch);
  return {
    merchantId,
    secretKey,
    creditKey,
    baseUrl,
    transport,
    timeoutMs,
    retries,
    retryDelayMs,
  };
}
