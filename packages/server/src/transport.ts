// How the client reaches Flitt: one POST of a JSON body, answered with a status and a text. On
// Node (and Deno, Bun) node:http(s) with keep-alive, reached through `process.getBuiltinModule`
// so this module still loads where there is no Node API (Workers); `fetch` elsewhere, and
// whenever the merchant passes one.

/** One POST to Flitt; rejects when there is no answer (network, abort). Redirects are not followed. */
export type Transport = (
  url: string,
  body: string,
  signal: AbortSignal,
) => Promise<{ readonly status: number; readonly text: string }>;

const HEADERS = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' };

/** Over a `fetch` (the merchant's, or the runtime's, looked up per call so that msw or an APM that patches it later still sees it). */
export const fetchTransport =
  (fetchImpl: () => typeof fetch): Transport =>
  async (url, body, signal) => {
    const response = await fetchImpl()(url, {
      method: 'POST',
      headers: HEADERS,
      body,
      signal,
      // Not followed, and refused by its status: 'error' is rejected by some runtimes (workerd:
      // "must be one of follow or manual").
      redirect: 'manual',
    });
    return { status: response.status, text: await response.text() };
  };

type RequestFn = (
  url: URL,
  options: { method: string; headers: Record<string, string | number> },
  onResponse: (response: {
    statusCode?: number;
    setEncoding(encoding: string): void;
    on(event: 'data', listener: (chunk: string) => void): void;
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
  const encoder = new TextEncoder();
  return (url, body, signal) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const target = new URL(url);
      const request = (target.protocol === 'https:' ? https : http).request as RequestFn;
      const headers = { ...HEADERS, 'content-length': encoder.encode(body).length };
      // The signal is watched here, not passed as `signal`: Deno's and workerd's node:http ignore
      // that option, and a timeout would then wait for Flitt's answer however long it takes.
      const abort = () => {
        outgoing.destroy();
        reject(signal.reason);
      };
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T) => {
          signal.removeEventListener('abort', abort);
          then(value);
        };
      const outgoing = request(target, { method: 'POST', headers }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => settle(resolve)({ status: response.statusCode ?? 0, text }));
        response.on('error', settle(reject));
        response.on('aborted', () => settle(reject)(new Error('the connection closed mid-answer')));
      });
      signal.addEventListener('abort', abort, { once: true });
      outgoing.on('error', settle(reject));
      outgoing.end(body);
    });
}
