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

const DRAIN_LIMIT = 1024 * 1024;

/**
 * After answering a request whose body was not read to the end (refused as too large, or not
 * needed): read and drop up to 1 MiB more for up to 2 s, so the client reads the answer before the
 * connection closes, instead of a TCP reset from unread data; beyond that, cut it off.
 */
function drainRest(req: NodeRequest, chunks: AsyncIterator<unknown> | undefined): void {
  void chunks?.return?.();
  let seen = 0;
  const cut = () => req.destroy();
  const timer = setTimeout(cut, 2000);
  req.on('data', (chunk: { length: number }) => {
    seen += chunk.length;
    if (seen > DRAIN_LIMIT) cut();
  });
  req.once('close', () => clearTimeout(timer));
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
    // No more reads: the rest is drained (bounded) after the answer, see drainRest.
    cancel() {},
  });
}

/**
 * The body as text, read as it arrives and refused with `PayloadTooLarge` past 64 KiB (the rest
 * is left unread for drainRest): a whole small body in one Buffer, no Web stream.
 */
function readNodeBody(req: NodeRequest): Promise<string> {
  if (req.body !== undefined) {
    // Parsed by Express already: the same 64 KiB limit as a body read here (and on the Web path).
    const parsed = parsedBodyOf(req);
    const text = typeof parsed === 'string' ? parsed : new TextDecoder().decode(parsed);
    const size =
      typeof parsed === 'string' ? new TextEncoder().encode(parsed).length : parsed.length;
    return size > MAX_BODY ? Promise.reject(new PayloadTooLarge()) : Promise.resolve(text);
  }
  if (Number(header(req, 'content-length') ?? 0) > MAX_BODY)
    return Promise.reject(new PayloadTooLarge());
  // Read to the end by someone else (a middleware that kept nothing): nothing is left to read.
  if (req.readableEnded) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) return void chunks.push(chunk);
      stop();
      req.pause();
      reject(new PayloadTooLarge());
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => {
      stop();
      reject(Object.assign(new Error('the client closed the connection'), { name: 'AbortError' }));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Node's request as the handlers' `Incoming`: a signal and a Web Request only when asked for. */
function incomingOf(req: NodeRequest, res: ServerResponse, url: string): Incoming {
  let text: Promise<string> | undefined;
  let read: string | undefined;
  let signal: AbortSignal | undefined;
  let request: Request | undefined;
  return {
    method: req.method ?? 'GET',
    url,
    header: (name) => {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    text: () => {
      text ??= readNodeBody(req).then((body) => {
        read = body;
        return body;
      });
      return text;
    },
    get signal() {
      if (!signal) {
        const abort = new AbortController();
        res.once('close', () => {
          if (!res.writableFinished) abort.abort();
        });
        signal = abort.signal;
      }
      return signal;
    },
    request() {
      if (!request) {
        // The body the handler read (if any), so the merchant's code can read it again.
        const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
        request = new Request(url, {
          method: req.method ?? 'GET',
          headers: headersOf(req, hasBody),
          signal: this.signal,
          ...(hasBody
            ? {
                // What the handler read, so the merchant's code can read it again; else the
                // stream itself (handlers read before they call the merchant's code).
                body: read ?? (text ? '' : streamOf(req.iterator({ destroyOnReturn: false }))),
                duplex: 'half',
              }
            : {}),
        } as RequestInit);
      }
      return request;
    },
  };
}

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
  const answer: Answer = await core(incomingOf(req, res, url));
  // An unread rest of the body (refused as too large, or never needed) ends the connection
  // after this answer, once a bounded part of it has been drained (drainRest).
  const complete = req.complete || req.body !== undefined;
  res.writeHead(
    answer.status,
    complete ? answer.headers : { ...answer.headers, connection: 'close' },
  );
  res.end(answer.body ?? undefined);
  if (!complete) drainRest(req, undefined);
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
  return async (req: NodeRequest, res: ServerResponse): Promise<void> => {
    try {
      const proto =
        (options.trustProxy && header(req, 'x-forwarded-proto')) ||
        ('encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http');
      const host =
        (options.trustProxy && header(req, 'x-forwarded-host')) ||
        header(req, 'host') ||
        'localhost';
      const url = `${proto}://${host}${req.originalUrl ?? req.url ?? '/'}`;
      if (core) return await serveCore(core, req, res, url);
      const headers = headersOf(req, false);
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      // Not destroyed when the handler stops reading: the rest is drained after the answer.
      const chunks =
        hasBody && req.body === undefined ? req.iterator({ destroyOnReturn: false }) : undefined;
      const body = chunks ? streamOf(chunks) : hasBody ? parsedBodyOf(req) : undefined;
      // A re-encoded body has its own length; a streamed one keeps the client's.
      if (body !== undefined && !chunks) headers.delete('content-length');
      const request = new Request(url, {
        method: req.method ?? 'GET',
        headers,
        signal: abort.signal,
        ...(body === undefined ? {} : { body: body as BodyInit, duplex: 'half' }),
      } as RequestInit);
      const response = await handler(request);
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        out[name] = value;
      });
      // An unread rest of the body (refused as too large, or never needed) ends the connection
      // after this answer, once a bounded part of it has been drained (drainRest).
      if (!req.complete) out.connection = 'close';
      res.writeHead(response.status, out);
      res.end(response.body ? new Uint8Array(await response.arrayBuffer()) : undefined);
      if (!req.complete) drainRest(req, chunks);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
      console.error('[flitt-checkout] handler failed', error);
    }
  };
}

declare module 'node:http' {
  interface IncomingMessage {
    /** Set by Express; used to rebuild the full URL behind a mount path. */
    originalUrl?: string;
  }
}
