import { decodeBase64Utf8, encodeBase64Utf8 } from './base64.ts';
import { FlittError } from './errors.ts';
import type { FlittParams, Protocol2Envelope } from './types.ts';

const EXCLUDED_KEYS = new Set(['signature', 'response_signature_string']);
const encoder = new TextEncoder();
const HEX_SIGNATURE = /^[0-9a-f]{40}$/;

/**
 * Turns one parameter value into the text Flitt hashes, or `undefined` when Flitt skips it.
 * Zero is kept; `''`, `null` and `undefined` are skipped (the official node SDK keeps the last two
 * as empty segments, which Flitt rejects).
 */
function signingValue(key: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new FlittError(
        'invalid_signature_input',
        `[flitt-checkout] ${key} is ${value}: Flitt parameters must be finite numbers or strings.`,
      );
    }
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') {
    throw new FlittError(
      'invalid_signature_input',
      `[flitt-checkout] ${key} is the boolean ${value}: Flitt flags are the strings 'Y' and 'N'.`,
    );
  }
  throw new FlittError(
    'invalid_signature_input',
    `[flitt-checkout] ${key} is an ${Array.isArray(value) ? 'array' : typeof value}: protocol 1.0 only signs flat values. Serialise it to a string (e.g. JSON or base64) or use protocol 2.0 (signProtocol2).`,
  );
}

/**
 * The values Flitt hashes after the key, in order: keys sorted by code point, `signature` and
 * `response_signature_string` left out, empty values skipped.
 *
 * @example
 * signingValues({ order_id: 'a', amount: 100 }); // ['100', 'a']
 */
export function signingValues(params: FlittParams): string[] {
  const values: string[] = [];
  // Default sort compares UTF-16 code units, which equals byte order for Flitt's ASCII keys.
  for (const key of Object.keys(params).sort()) {
    if (EXCLUDED_KEYS.has(key)) continue;
    const value = signingValue(key, params[key]);
    if (value !== undefined) values.push(value);
  }
  return values;
}

/**
 * The signing string with the key replaced by `**********`, as Flitt prints it in test mode's
 * `response_signature_string`; safe to log.
 *
 * @example
 * maskedSigningString({ order_id: 'a', amount: 100 }); // '**********|100|a'
 */
export function maskedSigningString(params: FlittParams): string {
  return ['**********', ...signingValues(params)].join('|');
}

type NodeCrypto = {
  /** One-shot digest (Node ≥ 20.12, Deno): no Hash object per call. */
  hash?: (algorithm: 'sha1', text: string, encoding: 'hex') => string;
  createHash?: (algorithm: 'sha1') => {
    update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string };
  };
};
type Sha1 = (text: string) => string | Promise<string>;

async function webCryptoSha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', encoder.encode(text));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * The SHA-1 (lower-case hex over UTF-8) `runtime` offers: node:crypto's synchronous one where the
 * runtime hands it out without an import (Node ≥ 20.16, Deno, Bun: `process.getBuiltinModule`),
 * about 40× faster than a Web Crypto round trip (BENCHMARKS.md §3a); else Web Crypto (browsers,
 * Workers). Exported for its tests, which pass each kind of runtime (`sha1For(globalThis)` is
 * what signing uses); not part of the package's API, so it has no `@example`.
 */
export function sha1For(runtime: unknown): Sha1 {
  const { process } = runtime as { process?: { getBuiltinModule?: (id: string) => unknown } };
  const crypto = process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  const { hash, createHash } = crypto ?? {};
  if (typeof hash === 'function') return (text) => hash('sha1', text, 'hex');
  if (typeof createHash === 'function')
    return (text) => createHash('sha1').update(text, 'utf8').digest('hex');
  return webCryptoSha1;
}
let runtimeSha1: Sha1 | undefined;

/** The hex SHA-1 of `text`: a string where the runtime hashes synchronously, else a Promise. */
function sha1Hex(text: string): string | Promise<string> {
  runtimeSha1 ??= sha1For(globalThis);
  return runtimeSha1(text);
}

function assertKey(secretKey: unknown): asserts secretKey is string {
  if (typeof secretKey !== 'string' || secretKey === '') {
    throw new FlittError(
      'invalid_signature_input',
      '[flitt-checkout] secretKey is empty: pass the payment key from the Flitt portal (test merchant 1549901: "test").',
    );
  }
}

/**
 * Signs flat (protocol 1.0) parameters: lower-case hex SHA-1 of `key|v1|v2|…` over UTF-8.
 * Asynchronous because it uses Web Crypto, so the same code runs in Node, browsers, Deno and Workers.
 *
 * @example
 * const signature = await createSignature({ order_id: 'o-1', merchant_id: 1549901, amount: 1000 }, 'test');
 */
export function createSignature(params: FlittParams, secretKey: string): Promise<string> {
  return settled(signedNow, params, secretKey);
}

/** createSignature's answer: the hex, or a Promise of it where hashing is asynchronous. */
function signedNow(params: FlittParams, secretKey: string): string | Promise<string> {
  assertKey(secretKey);
  return sha1Hex(signingString(params, secretKey));
}

/**
 * `work(params, secretKey)` as a Promise that rejects, never throws. Not an async function:
 * signing and verifying run on every call to Flitt, and where the runtime hashes synchronously a
 * resolved Promise is all the asynchrony needed (no frame per call).
 */
function settled<T>(
  work: (params: FlittParams, secretKey: string) => T | Promise<T>,
  params: FlittParams,
  secretKey: string,
): Promise<T> {
  try {
    return Promise.resolve(work(params, secretKey));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * `Object.keys(params).sort()`, remembering the last key list: a shop signs and verifies objects
 * of the same few shapes, and comparing keys in order costs a fraction of sorting them.
 */
function sortedKeysCache(): (params: FlittParams) => readonly string[] {
  let lastKeys: readonly string[] = [];
  let lastSorted: readonly string[] = [];
  return (params) => {
    const keys = Object.keys(params);
    let same = keys.length === lastKeys.length;
    for (let i = 0; same && i < keys.length; i++) same = keys[i] === lastKeys[i];
    if (!same) {
      lastKeys = keys;
      lastSorted = [...keys].sort();
    }
    return lastSorted;
  };
}
// One each: requests we sign and replies we verify have different shapes.
const signedKeys = sortedKeysCache();
const verifiedKeys = sortedKeysCache();

/** `key|v1|v2|…` in one pass (no array of values). */
function signingString(params: FlittParams, secretKey: string): string {
  let text = secretKey;
  for (const key of signedKeys(params)) {
    if (EXCLUDED_KEYS.has(key)) continue;
    const value = signingValue(key, params[key]);
    if (value !== undefined) text += `|${value}`;
  }
  return text;
}

/**
 * Compares two strings in time that depends only on their length, so a forger learns nothing from
 * how long a rejection takes.
 *
 * @example
 * timingSafeEqual('4f1c0a', '4f1c0a'); // true; ('4f1c0a', '4f1c0b') takes just as long
 */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Checks the `signature` of a received flat object (API reply, callback, `response_url` POST) over
 * every field received; resolves `false` for a missing, malformed or wrong signature, never throws
 * for bad input.
 *
 * @example
 * if (!(await verifySignature(callbackBody, process.env.FLITT_SECRET_KEY!))) return new Response(null, { status: 400 });
 */
export function verifySignature(params: FlittParams, secretKey: string): Promise<boolean> {
  return settled(verifiedNow, params, secretKey);
}

/** verifySignature's answer: a boolean, or a Promise of one where hashing is asynchronous. */
function verifiedNow(params: FlittParams, secretKey: string): boolean | Promise<boolean> {
  assertKey(secretKey);
  const received = params.signature;
  if (typeof received !== 'string' || !HEX_SIGNATURE.test(received)) return false;
  let text = secretKey;
  for (const key of verifiedKeys(params)) {
    if (key === 'response_signature_string') continue;
    const value = params[key];
    // Flitt never sends "|" in a value (error 1034). Accepting one would let a holder of a genuine
    // signed object merge or shift values between fields without changing the signature.
    if (typeof value === 'string') {
      if (value.includes('|')) return false;
      if (key !== 'signature' && value !== '') text += `|${value}`;
      continue;
    }
    let signed: string | undefined;
    try {
      signed = signingValue(key, value);
    } catch {
      return false; // a value protocol 1.0 cannot sign means the object was not signed by Flitt
    }
    if (signed !== undefined) text += `|${signed}`;
  }
  const expected = sha1Hex(text);
  return typeof expected === 'string'
    ? timingSafeEqual(received, expected)
    : expected.then((hex) => timingSafeEqual(received, hex));
}

/**
 * Builds a signed protocol 2.0 envelope: `data` is base64 of `{"order": order}` as UTF-8 JSON and
 * `signature` is `sha1(key|data)`. Use it for nested parameters such as `recurring_data`.
 *
 * @example
 * const body = { request: await signProtocol2({ order_id: 'o-1', merchant_id: 1549901, amount: 1000, currency: 'GEL' }, 'test') };
 */
export async function signProtocol2(
  order: Readonly<Record<string, unknown>>,
  secretKey: string,
): Promise<Protocol2Envelope> {
  assertKey(secretKey);
  const data = encodeBase64Utf8(JSON.stringify({ order }));
  return { version: '2.0', data, signature: await sha1Hex(`${secretKey}|${data}`) };
}

/**
 * Checks a received protocol 2.0 envelope over the exact base64 text received; `false` for
 * anything malformed.
 *
 * @example
 * if (await verifyProtocol2(envelope, secretKey)) log(decodeProtocol2(envelope.data).order_status);
 */
export async function verifyProtocol2(envelope: unknown, secretKey: string): Promise<boolean> {
  assertKey(secretKey);
  if (typeof envelope !== 'object' || envelope === null) return false;
  const { data, signature } = envelope as Record<string, unknown>;
  if (typeof data !== 'string' || data === '') return false;
  if (typeof signature !== 'string' || !HEX_SIGNATURE.test(signature)) return false;
  return timingSafeEqual(signature, await sha1Hex(`${secretKey}|${data}`));
}

/**
 * Decodes the base64 `data` of a protocol 2.0 envelope into its `order` object (no verification:
 * call `verifyProtocol2` first). Throws a `FlittError` when it is not base64 JSON with an object.
 *
 * @example
 * const order = decodeProtocol2(envelope.data);
 */
export function decodeProtocol2(data: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeBase64Utf8(data));
  } catch (cause) {
    throw new FlittError(
      'invalid_response',
      '[flitt-checkout] protocol 2.0 data is not base64 of UTF-8 JSON.',
      { cause },
    );
  }
  const order = (parsed as { order?: unknown } | null)?.order;
  if (typeof order !== 'object' || order === null || Array.isArray(order)) {
    throw new FlittError(
      'invalid_response',
      '[flitt-checkout] protocol 2.0 data holds no "order" object.',
    );
  }
  return order as Record<string, unknown>;
}
