import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Answer,
  coreOf,
  type HandlerCore,
  type Incoming,
  type WebHandler,
} from './incoming.ts';
import { MAX_BODY, PayloadTooLarge } from './readBody.ts';

/** Options of `toNodeHandler`. */
export interface NodeHandlerOptions {
  /** Trust `X-Forwarded-Proto` / `X-Forwarded-Host` (behind your own reverse proxy only). */
  trustProxy?: boolean;
}

type NodeRequest = IncomingMessage & { body?: unknown };

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The largest unread rest of a body (by its content-length) that is read and dropped. */
const DRAIN_LIMIT = 1024 * 1024;

type Rest = 'none' | 'drain' | 'close';

/**
 * What happens to the body a handler did not read to the end (refused as too large, or not
 * needed). Node resets a connection it closes with unread data, and a client still sending may
 * lose the answer to that reset; so a rest whose content-length is at most 1 MiB is read and
 * dropped after the answer (drainRest), and the connection stays usable. A larger or chunked
 * one is not worth reading: `connection: close`, and Node closes the socket once the answer is
 * flushed (as it also does when the client itself asked for `connection: close`).
 */
function restOf(req: NodeRequest): Rest {
  if (req.complete) return 'none';
  return Number(header(req, 'content-length')) <= DRAIN_LIMIT ? 'drain' : 'close';
}

/** Reads and drops the rest of the body; a client that stalls for 2 s is cut off. */
function drainRest(req: NodeRequest, chunks: AsyncIterator<unknown> | undefined): void {
  void chunks?.return?.();
  const timer = setTimeout(() => req.destroy(), 2000);
  req.once('close', () => clearTimeout(timer));
  // A listener, not resume() alone: the Web path's iterator may still be attached, and it
  // resumes the stream only for 'data' listeners when it lets go.
  req.on('data', () => {});
  req.resume();
}

/** A body Express's parsers already consumed, re-encoded for the Web `Request`. */
function parsedBodyOf(req: NodeRequest): Uint8Array | string {
  if (typeof req.body === 'string' || req.body instanceof Uint8Array) return req.body;
  const type = header(req, 'content-type') ?? '';
  if (type.includes('x-www-form-urlencoded') && typeof req.body === 'object' && req.body !== null)
    return new URLSearchParams(req.body as Record<string, string>).toString();
  return JSON.stringify(req.body);
}

/**
 * The Node stream as a Web stream, pulled only as the handler reads it, so the handlers' 64 KiB
 * limit stops an oversized or endless body before it is buffered.
 */
function streamOf(chunks: AsyncIterator<unknown>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else
        controller.enqueue(
          typeof value === 'string' ? new TextEncoder().encode(value) : (value as Uint8Array),
        );
    },
    // No more reads: the rest is drained or the connection closed after the answer (restOf).
    cancel() {},
  });
}

/** A body chunk as bytes: text when a middleware called setEncoding, counted as its bytes. */
const bytesOf = (data: unknown): Buffer =>
  typeof data === 'string' ? Buffer.from(data) : (data as Buffer);

/** A body's chunks as one text (a small body is one chunk: no copy). */
const textOf = (chunks: readonly Buffer[], size: number): string =>
  (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)).toString('utf8');

/**
 * The body as text, read as it arrives and refused with `PayloadTooLarge` past 64 KiB (the rest
 * is left unread, see restOf): a whole small body in one Buffer, no Web stream. A client that
 * leaves mid-body rejects it; a body a middleware already read to the end is ''.
 */
function readNodeBody(req: NodeRequest, onRead: (body: string) => void): Promise<string> {
  if (req.body !== undefined) {
    // Parsed by Express already: the same 64 KiB limit as a body read here (and on the Web path).
    const parsed = parsedBodyOf(req);
    const bytes = typeof parsed === 'string' ? Buffer.from(parsed) : parsed;
    if (bytes.length > MAX_BODY) return Promise.reject(new PayloadTooLarge());
    const body = typeof parsed === 'string' ? parsed : new TextDecoder().decode(parsed);
    onRead(body);
    return Promise.resolve(body);
  }
  if (Number(header(req, 'content-length') ?? 0) > MAX_BODY)
    return Promise.reject(new PayloadTooLarge());
  if (req.readableEnded) {
    onRead('');
    return Promise.resolve('');
  }
  // A request already destroyed (the client left during an async middleware) emits nothing more,
  // and one a middleware paused or left a 'readable' listener on does not flow for 'data': the
  // stream's own iterator settles both (it rejects, or reads), as it always did.
  if (req.destroyed || req.readableFlowing === false) return iteratedBody(req, onRead);
  // Listeners rather than `for await`: Node 20's stream iterator costs several µs per request
  // (BENCHMARKS.md §3c), and this runs on every checkout.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', data);
      req.off('end', end);
      req.off('error', fail);
      req.off('close', closed);
    };
    const fail = (error: unknown) => {
      stop();
      reject(error);
    };
    function data(value: Buffer | string) {
      const chunk = bytesOf(value);
      size += chunk.length;
      // Left paused, not destroyed, when refused: the rest is restOf's.
      if (size > MAX_BODY) {
        req.pause();
        fail(new PayloadTooLarge());
      } else chunks.push(chunk);
    }
    function end() {
      stop();
      const body = textOf(chunks, size);
      onRead(body);
      resolve(body);
    }
    // The client left mid-body.
    function closed() {
      if (!req.readableEnded) fail(new Error('the client closed the connection mid-body'));
    }
    req.on('data', data);
    req.on('end', end);
    req.on('error', fail);
    req.on('close', closed);
  });
}

/** readNodeBody through the stream's async iterator: for streams that do not flow by themselves. */
async function iteratedBody(req: NodeRequest, onRead: (body: string) => void): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Left paused, not destroyed, when refused: the rest is restOf's.
  for await (const data of req.iterator({ destroyOnReturn: false })) {
    const chunk = bytesOf(data);
    size += chunk.length;
    if (size > MAX_BODY) throw new PayloadTooLarge();
    chunks.push(chunk);
  }
  const body = textOf(chunks, size);
  onRead(body);
  return body;
}

/**
 * Node's request as the handlers' `Incoming`: a signal and a Web Request only when asked for. A
 * class, not an object literal with a getter: V8 makes such a literal a dictionary-mode object,
 * and with it every request's objects outlived minor collections (BENCHMARKS.md §3c).
 */
class NodeIncoming implements Incoming {
  readonly method: string;
  #text: Promise<string> | undefined;
  #read: string | undefined;
  #signal: AbortSignal | undefined;
  #request: Request | undefined;
  constructor(
    private readonly req: NodeRequest,
    private readonly res: ServerResponse,
    readonly url: string,
  ) {
    this.method = req.method ?? 'GET';
  }
  header(name: string): string | null {
    const value = this.req.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
  text(): Promise<string> {
    this.#text ??= readNodeBody(this.req, (body) => {
      this.#read = body;
    });
    return this.#text;
  }
  get signal(): AbortSignal {
    this.#signal ??= abortedOnClose(this.res);
    return this.#signal;
  }
  request(): Request {
    const { req } = this;
    const withBody = hasBody(req);
    this.#request ??= new Request(this.url, {
      method: this.method,
      headers: headersOf(req, withBody),
      signal: this.signal,
      ...(withBody
        ? {
            // What the handler read, so the merchant's code can read it again; else the
            // stream itself (handlers read before they call the merchant's code).
            body:
              this.#read ?? (this.#text ? '' : streamOf(req.iterator({ destroyOnReturn: false }))),
            duplex: 'half',
          }
        : {}),
    } as RequestInit);
    return this.#request;
  }
}

/** A signal that aborts when the client goes away before the answer is sent whole. */
function abortedOnClose(res: ServerResponse): AbortSignal {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  return abort.signal;
}

const hasBody = (req: IncomingMessage) => req.method !== 'GET' && req.method !== 'HEAD';

function headersOf(req: IncomingMessage, dropLength: boolean): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (dropLength && name === 'content-length') continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** Answers a handler core's `Answer` on Node, without a Web Response. */
async function serveCore(core: HandlerCore, req: NodeRequest, res: ServerResponse, url: string) {
  try {
    const answer: Answer = await core(new NodeIncoming(req, res, url));
    const rest = restOf(req);
    const { body } = answer;
    // A read request's answer has its length, as Express sends it: else writeHead's answer is
    // chunked (a size line, the body, a closing chunk), more bytes and writes per answer. An
    // answer given before the body was read keeps Node's framing (restOf). Literal keys first:
    // a spread followed by keys costs far more on V8 (BENCHMARKS.md §3c).
    res.writeHead(
      answer.status,
      rest === 'close'
        ? { ...answer.headers, connection: 'close' }
        : rest === 'none' && body !== null
          ? { 'content-length': Buffer.byteLength(body), ...answer.headers }
          : answer.headers,
    );
    res.end(body ?? undefined);
    if (rest === 'drain') drainRest(req, undefined);
  } catch (error) {
    failed(res, error);
  }
}

/** A handler that threw: 500, and the error in the log (never to the client). */
function failed(res: ServerResponse, error: unknown): void {
  if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Internal error');
  console.error('[flitt-checkout] handler failed', error);
}

/** The request's absolute URL, from the proxy's headers only when they are trusted. */
function urlOf(req: NodeRequest, options: NodeHandlerOptions): string {
  const proto =
    (options.trustProxy && header(req, 'x-forwarded-proto')) ||
    ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
  const host =
    (options.trustProxy && header(req, 'x-forwarded-host')) || header(req, 'host') || 'localhost';
  return `${proto}://${host}${req.originalUrl ?? req.url ?? '/'}`;
}

/** A Web handler served on Node: a Web Request in, its Response written back. */
async function serveWeb(handler: WebHandler, req: NodeRequest, res: ServerResponse, url: string) {
  try {
    const headers = headersOf(req, false);
    const withBody = hasBody(req);
    // Not destroyed when the handler stops reading: the rest is left to restOf, after the answer.
    const chunks =
      withBody && req.body === undefined ? req.iterator({ destroyOnReturn: false }) : undefined;
    const body = chunks ? streamOf(chunks) : withBody ? parsedBodyOf(req) : undefined;
    // A re-encoded body has its own length; a streamed one keeps the client's.
    if (body !== undefined && !chunks) headers.delete('content-length');
    const request = new Request(url, {
      method: req.method ?? 'GET',
      headers,
      signal: abortedOnClose(res),
      ...(body === undefined ? {} : { body: body as BodyInit, duplex: 'half' }),
    } as RequestInit);
    const response = await handler(request);
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    const bytes = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
    const rest = restOf(req);
    if (rest === 'close') out.connection = 'close';
    res.writeHead(response.status, out);
    res.end(bytes);
    if (rest === 'drain') drainRest(req, chunks);
  } catch (error) {
    failed(res, error);
  }
}

/**
 * Adapts a Web-standard handler to Node's `http` / Express `(req, res)` signature.
 *
 * @example
 * import { createServer } from 'node:http';
 *
 * app.post('/api/flitt/callback', toNodeHandler(flitt.callback)); // Express
 * createServer(toNodeHandler(flitt.createCheckout)).listen(3000); // node:http
 */
export function toNodeHandler(handler: WebHandler, options: NodeHandlerOptions = {}) {
  // The handlers of createFlittHandlers are served from their core: no Web objects per request.
  const core = coreOf(handler);
  return (req: NodeRequest, res: ServerResponse): Promise<void> => {
    let url: string;
    try {
      url = urlOf(req, options);
    } catch (error) {
      failed(res, error);
      return Promise.resolve();
    }
    return core ? serveCore(core, req, res, url) : serveWeb(handler, req, res, url);
  };
}

declare module 'node:http' {
  interface IncomingMessage {
    /** Set by Express; used to rebuild the full URL behind a mount path. */
    originalUrl?: string;
  }
}
