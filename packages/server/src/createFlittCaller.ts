// One signed call to Flitt and its checked answer: sign, send through the transport with a
// timeout, refuse anything but HTTP 200, verify the reply's signature, parse it, and turn a
// refusal into a FlittApiError. Safe reads are retried here too.
import {
  createSignature,
  decodeProtocol2,
  FlittError,
  type FlittOrder,
  type FlittResult,
  parseFlittResponse,
  signProtocol2,
  unwrapResponse,
  verifyProtocol2,
  verifySignature,
} from '@flitt-checkout/core';
import {
  FlittApiError,
  FlittNetworkError,
  FlittSignatureError,
  FlittTimeoutError,
} from './errors.ts';
import type { ClientConfig } from './readClientConfig.ts';
import { TransportTimeout } from './transport.ts';

/** Options every call accepts. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/** A reply's flat object is a protocol 2.0 envelope. */
export const isEnvelope = (
  body: Record<string, unknown> | undefined,
): body is { version: '2.0'; data: string } =>
  body?.version === '2.0' && typeof body.data === 'string';

/** The order object of a parsed reply (approved or declined); undefined for anything else. */
export function orderOf(result: FlittResult): FlittOrder | undefined {
  return result.status === 'declined' || (result.status === 'success' && result.kind === 'order')
    ? result.order
    : undefined;
}

/**
 * The order a post carries (flat, wrapped in `response`, or protocol 2.0), if it is signed with
 * `key` and is `merchantId`'s; null when forged, altered, another merchant's or no order object.
 * One check for the payment key's callbacks and the payout key's.
 */
export async function signedOrder(
  posted: unknown,
  key: string,
  merchantId: number,
): Promise<FlittOrder | null> {
  let body = unwrapResponse(posted) ?? {};
  if (isEnvelope(body)) {
    if (!(await verifyProtocol2(body, key))) return null;
    try {
      body = decodeProtocol2(body.data);
    } catch {
      return null;
    }
  } else if (!(await verifySignature(body, key))) {
    return null;
  }
  if (Number(body.merchant_id) !== merchantId) return null;
  try {
    const order = orderOf(parseFlittResponse({ response_status: 'success', ...body }));
    if (order) return order;
  } catch {
    // signed, but not an order object: nothing to act on
  }
  return null;
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

/** What the client's methods call Flitt with, over a checked configuration. */
export interface FlittCaller {
  /** POSTs `params` to `path`, signed; resolves to the verified, parsed reply (never a failure). */
  send(path: string, params: Record<string, unknown>, call?: CallOptions): Promise<FlittResult>;
  /**
   * POSTs `params` to a path that answers a bare JSON array (`/api/transaction_list`), signed;
   * resolves the array as received, or throws Flitt's refusal like `send`.
   */
  sendList(path: string, params: Record<string, unknown>, call?: CallOptions): Promise<unknown[]>;
  /** Runs `work` again after a transient failure, with exponential backoff. */
  withRetries<T>(work: () => Promise<T>, call: CallOptions): Promise<T>;
}

/** The options of a call that passes none (one object, not one per call). */
const NO_CALL: CallOptions = Object.freeze({});

/** A parameter holds an object (recurring_data, receivers …): protocol 2.0 signs it. */
function hasNested(params: Record<string, unknown>): boolean {
  for (const key in params) {
    const value = params[key];
    if (typeof value === 'object' && value !== null) return true;
  }
  return false;
}

/** The call to Flitt over a checked configuration. */
export function createFlittCaller(config: ClientConfig): FlittCaller {
  const { secretKey } = config;

  // Flitt messages never contain the key, but keys can be short words; redact long ones anyway.
  const redact = (text: string) =>
    secretKey.length >= 6 ? text.split(secretKey).join('***') : text;

  /** A transport failure as the client reports it: the caller's abort, a timeout, or the network. */
  function transportFailure(cause: unknown, path: string, call: CallOptions): unknown {
    if (call.signal?.aborted) return call.signal.reason;
    if (cause instanceof TransportTimeout) return new FlittTimeoutError(config.timeoutMs, path);
    return new FlittNetworkError(
      `[flitt-checkout] could not reach Flitt at ${config.baseUrl}${path}: ${redact(cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause))}.`,
      { cause },
    );
  }

  const mismatch = (path: string) =>
    new FlittSignatureError(
      `[flitt-checkout] the signature of Flitt's reply to ${path} does not match: the reply was altered or signed with another key. Check secretKey and merchantId.`,
    );

  /** A checked reply: a refusal thrown as FlittApiError. */
  function outcome(result: FlittResult, path: string): FlittResult {
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

  /** Signs and posts `params`; resolves the reply's parsed JSON (or its text when it is not JSON). */
  async function exchange(
    path: string,
    params: Record<string, unknown>,
    call: CallOptions,
  ): Promise<unknown> {
    let request: object;
    if (hasNested(params)) request = await signProtocol2(params, secretKey);
    else {
      const signature = await createSignature(params, secretKey);
      // `signature` first, then set again so no `signature` in params wins: on Node 20's V8 a
      // key added after a leading spread costs about 1 µs, a leading literal key makes it cheap.
      const signed: Record<string, unknown> = { signature, ...params };
      signed.signature = signature;
      request = signed;
    }
    let response: { readonly status: number; readonly text: string };
    try {
      response = await config.transport(`${config.baseUrl}${path}`, JSON.stringify({ request }), {
        timeoutMs: config.timeoutMs,
        signal: call.signal,
      });
    } catch (cause) {
      throw transportFailure(cause, path, call);
    }
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
    let raw: unknown = response.text;
    try {
      raw = JSON.parse(response.text);
    } catch {
      // not JSON: parseFlittResponse reports it as an invalid response
    }
    return raw;
  }

  async function send(
    path: string,
    params: Record<string, unknown>,
    call: CallOptions = NO_CALL,
  ): Promise<FlittResult> {
    const result = checked(await exchange(path, params, call), path);
    return result instanceof Promise ? await result : result;
  }

  async function sendList(
    path: string,
    params: Record<string, unknown>,
    call: CallOptions = NO_CALL,
  ): Promise<unknown[]> {
    const raw = await exchange(path, params, call);
    if (Array.isArray(raw)) return raw;
    // Not a list: Flitt's refusal (thrown as FlittApiError by `checked`), or something else.
    await checked(raw, path);
    throw new FlittError(
      'invalid_response',
      `[flitt-checkout] Flitt's reply to ${path} is not a list of transactions.`,
    );
  }

  /**
   * The reply verified and parsed; a refusal thrown as FlittApiError. Synchronous when nothing is
   * left to hash (an unsigned checkout URL or token, a refusal), else a Promise: no async frame
   * per call where none is needed (BENCHMARKS.md §3c).
   */
  function checked(raw: unknown, path: string): FlittResult | Promise<FlittResult> {
    // A protocol 2.0 envelope (wrapped in `response` or bare) signs its base64 blob as received:
    // check it before decoding anything.
    const flat = unwrapResponse(raw);
    if (isEnvelope(flat)) {
      return verifyProtocol2(flat, secretKey).then((valid) => {
        if (!valid) {
          throw new FlittSignatureError(
            `[flitt-checkout] the protocol 2.0 signature of Flitt's reply to ${path} does not match.`,
          );
        }
        return outcome(parseFlittResponse(flat), path);
      });
    }
    const result = parseFlittResponse(flat ?? raw);
    const signed = result.response;
    if (typeof signed.signature !== 'string') {
      // Order objects, reverse and capture replies are always signed by Flitt; an unsigned one is forged.
      if (
        result.status === 'failure' ||
        (result.status === 'success' && (result.kind === 'checkout_url' || result.kind === 'token'))
      )
        return outcome(result, path);
      throw new FlittSignatureError(
        `[flitt-checkout] Flitt's reply to ${path} carries no signature; it cannot be trusted.`,
      );
    }
    if (Number(signed.merchant_id ?? config.merchantId) !== config.merchantId) throw mismatch(path);
    return verifySignature(signed, secretKey).then((valid) => {
      if (!valid) throw mismatch(path);
      return outcome(result, path);
    });
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

  return { send, sendList, withRetries };
}
