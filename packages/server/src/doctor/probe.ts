/** What one request to the merchant's deployment came back with. */
export type ProbeResult =
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly location: string | null;
      readonly contentType: string;
      readonly body: string;
      readonly ms: number;
    }
  | { readonly kind: 'timeout'; readonly ms: number }
  | { readonly kind: 'unreachable'; readonly reason: string };

/** Flitt's API host (api-reference §8): test and live merchants alike. */
export const FLITT_BASE_URL = 'https://pay.flitt.com';

/** Flitt's time limit for a callback's answer. */
export const FLITT_CALLBACK_TIMEOUT_MS = 30_000;

/** How the doctor reaches the network: injected so tests choose the fetch and the time limit. */
export interface ProbeOptions {
  readonly fetch: typeof fetch;
  /** Flitt waits 30 s for a callback's answer; tests pass a few ms. */
  readonly timeoutMs: number;
}

/** Bodies are read only to compare a small file; anything past this is not needed. */
const MAX_BODY = 64 * 1024;

/**
 * One request as Flitt makes it: redirects not followed (`redirect: 'manual'`), given up after
 * `timeoutMs`. Never throws: a network failure is a result, because it is a finding.
 */
export async function probe(
  url: string,
  init: RequestInit,
  { fetch, timeoutMs }: ProbeOptions,
): Promise<ProbeResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { ...init, redirect: 'manual', signal });
    const text = await response.text();
    return {
      kind: 'answer',
      status: response.status,
      location: response.headers.get('location'),
      contentType: response.headers.get('content-type') ?? '',
      body: text.slice(0, MAX_BODY),
      ms: ms(),
    };
  } catch (error) {
    if (signal.aborted) return { kind: 'timeout', ms: ms() };
    return { kind: 'unreachable', reason: reasonOf(error) };
  }
}

/** `ECONNREFUSED`, `ENOTFOUND`, a TLS complaint: the cause fetch wraps in "fetch failed". */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Parses an absolute http(s) URL, or returns undefined. */
export function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A host only this machine or its network can reach (localhost, loopback, private IPv4 ranges,
 * `.local`): Flitt posts from the internet and cannot.
 */
export function isPrivateHost(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  if (host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || host.startsWith('fe80:')) return true;
  const octets = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (!octets) return false;
  const [a, b] = [Number(octets[1]), Number(octets[2])];
  return (
    a === 127 ||
    a === 10 ||
    a === 0 ||
    (a === 192 && b === 168) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 169 && b === 254)
  );
}
