// How the client reaches Flitt: one POST of a JSON body, answered with a status and a text. On
// Node (and Deno, Bun) node:http(s) with keep-alive, reached through `process.getBuiltinModule`
// so this module still loads where there is no Node API (Workers); `fetch` elsewhere, and
// whenever the merchant passes one.

import { utf8Text } from './readBody.ts';

/** How long to wait, and the caller's signal (the payer's request going away). */
interface SendOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** A transport gave up after `timeoutMs`. */
export class TransportTimeout extends Error {}

/**
 * One POST to Flitt; rejects when there is no answer: `TransportTimeout` after `timeoutMs`, the
 * signal's reason when it aborts, or the network's error. Redirects are not followed.
 */
export type Transport = (
  url: string,
  body: string,
  options: SendOptions,
) => Promise<{ readonly status: number; readonly text: string }>;

const HEADERS = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' };

/** Over a `fetch` (the merchant's, or the runtime's, looked up per call so that msw or an APM that patches it later still sees it). */
export const fetchTransport =
  (fetchImpl: () => typeof fetch): Transport =>
  async (url, body, { timeoutMs, signal }) => {
    // fetch takes one signal: one controller for the timeout and the caller's signal (cheaper on
    // Node 20 than AbortSignal.timeout + AbortSignal.any), and nothing outlives the call.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forward = () => controller.abort(signal?.reason);
    if (signal?.aborted) forward();
    signal?.addEventListener('abort', forward, { once: true });
    try {
      const response = await fetchImpl()(url, {
        method: 'POST',
        headers: HEADERS,
        body,
        signal: controller.signal,
        // Not followed, and refused by its status: 'error' is rejected by some runtimes (workerd:
        // "must be one of follow or manual").
        redirect: 'manual',
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      if (timedOut) throw new TransportTimeout();
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }
  };

/** What the transport passes to `request`: parsed once per URL, not per call. */
interface RequestOptions {
  protocol: string;
  hostname: string;
  port: string | undefined;
  path: string;
  method: 'POST';
  headers: Record<string, string | number>;
}

/** What the transport uses of node:buffer's Buffer. */
interface NodeBuffer {
  byteLength(text: string): number;
  concat(chunks: readonly Uint8Array[]): Uint8Array;
  from(
    buffer: ArrayBufferLike,
    offset: number,
    length: number,
  ): { toString(encoding: 'utf8'): string };
}

type RequestFn = (
  options: RequestOptions,
  onResponse: (response: {
    statusCode?: number;
    on(event: 'data', listener: (chunk: Uint8Array) => void): void;
    on(event: 'end' | 'error' | 'aborted', listener: (error?: Error) => void): void;
  }) => void,
) => {
  on(event: 'error', listener: (error: Error) => void): void;
  end(body: string): void;
  destroy(): void;
};

/**
 * node:http(s) with the runtime's global agent, which keeps connections alive (Node ≥ 19): a TLS
 * handshake per checkout costs more than everything else the endpoint does. Undefined where the
 * runtime has no `process.getBuiltinModule`. The module's `request` is looked up per call, so msw
 * and APM agents that patch it still see every call.
 */
export function nodeTransport(): Transport | undefined {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process?.getBuiltinModule;
  if (typeof getBuiltin !== 'function') return undefined;
  const http = getBuiltin('node:http') as { request?: RequestFn } | undefined;
  const https = getBuiltin('node:https') as { request?: RequestFn } | undefined;
  if (typeof http?.request !== 'function' || typeof https?.request !== 'function') return undefined;
  const { Buffer } = (getBuiltin('node:buffer') as { Buffer?: NodeBuffer } | undefined) ?? {};
  const encoder = new TextEncoder();
  const byteLength = Buffer
    ? (text: string) => Buffer.byteLength(text)
    : (text: string) => encoder.encode(text).length;
  // The reply's bytes as text (UTF-8), joined first when they came in several chunks.
  const utf8 = (chunks: readonly Uint8Array[]): string => {
    if (!Buffer) return utf8Text(chunks);
    const bytes = chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  };
  // The client calls a handful of URLs (one per Flitt path): each is parsed once.
  const targets = new Map<string, { https: boolean; options: Omit<RequestOptions, 'headers'> }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = {
        https: parsed.protocol === 'https:',
        options: {
          protocol: parsed.protocol,
          // [::1] → ::1, as node:http expects a bare IPv6 address.
          hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: parsed.port || undefined,
          path: `${parsed.pathname}${parsed.search}`,
          method: 'POST',
        },
      };
      if (targets.size < 100) targets.set(url, target);
    }
    return target;
  };
  return (url, body, { timeoutMs, signal }) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const target = targetOf(url);
      const request = (target.https ? https : http).request as RequestFn;
      const { options } = target;
      // The timeout and the signal are watched here, with no AbortController of our own (each
      // costs a transferable object on Node 20); the signal is not passed as `signal` either:
      // Deno's and workerd's node:http ignore that option. One `finish` for every way the call
      // ends, and literal keys only: this runs on every call to Flitt (BENCHMARKS.md §3c).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const chunks: Uint8Array[] = [];
      const finish = (error: unknown, status?: number) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        if (status === undefined) reject(error);
        else resolve({ status, text: utf8(chunks) });
      };
      const stop = (reason: unknown) => {
        outgoing.destroy();
        finish(reason);
      };
      const abort = () => stop(signal?.reason);
      const outgoing = request(
        {
          protocol: options.protocol,
          hostname: options.hostname,
          port: options.port,
          path: options.path,
          method: 'POST',
          headers: {
            'content-length': byteLength(body),
            'content-type': HEADERS['content-type'],
            accept: HEADERS.accept,
          },
        },
        (response) => {
          // Bytes, decoded once at the end (a reply is one chunk, mostly): no StringDecoder.
          response.on('data', (chunk) => {
            chunks.push(chunk);
          });
          response.on('end', () => finish(undefined, response.statusCode ?? 0));
          response.on('error', finish);
          response.on('aborted', () => finish(new Error('the connection closed mid-answer')));
        },
      );
      // Armed once the request exists: a request() that throws leaves no timer behind.
      timer = setTimeout(() => stop(new TransportTimeout()), timeoutMs);
      signal?.addEventListener('abort', abort, { once: true });
      outgoing.on('error', finish);
      outgoing.end(body);
    });
}
