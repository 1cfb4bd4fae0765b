// What a handler reads of a request and what it answers, apart from how the request arrived. A
// Web `Request` and Node's `IncomingMessage` each give an `Incoming`; `toNodeHandler` reaches the
// handlers' core directly, so a Node server builds no Web Request, Headers, stream, Response or
// AbortController unless the merchant's own code asks for the Request.
import { readBody } from './readBody.ts';

/** A Web-standard request handler: mounts as is in Next.js, Hono, Remix, Workers, Bun and Deno. */
export type WebHandler = (request: Request) => Promise<Response>;

/** The request as the handlers read it. */
export interface Incoming {
  readonly method: string;
  /** The absolute URL. */
  readonly url: string;
  /** A header by its lower-case name; several values joined with ", " like `Headers#get`. */
  header(name: string): string | null;
  /** The body as text, refused with `PayloadTooLarge` beyond 64 KiB (counted as it arrives). */
  text(): Promise<string>;
  /** Aborts when the client goes away. */
  readonly signal: AbortSignal | undefined;
  /** The Web `Request`, for the merchant's `resolveOrder` and `authorizeStatus` (made on first use). */
  request(): Request;
}

/** What a handler answers. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

/** A handler's core, behind its Web form. */
export type HandlerCore = (incoming: Incoming) => Promise<Answer>;

const CORE = Symbol.for('@flitt-checkout/server.handlerCore');

/** A Web `Request` as an `Incoming`. */
function fromRequest(request: Request): Incoming {
  return {
    method: request.method,
    url: request.url,
    header: (name) => request.headers.get(name),
    text: () => readBody(request),
    signal: request.signal,
    request: () => request,
  };
}

/** The Web handler of a core; `coreOf` finds the core again. */
export function webHandler(core: HandlerCore): WebHandler {
  const handler: WebHandler = async (request) => {
    const answer = await core(fromRequest(request));
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
  return Object.assign(handler, { [CORE]: core });
}

/** The core of a handler made by `createFlittHandlers`; undefined for any other function. */
export function coreOf(handler: WebHandler): HandlerCore | undefined {
  const core = (handler as { [CORE]?: unknown })[CORE];
  return typeof core === 'function' ? (core as HandlerCore) : undefined;
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

/** A plain-text answer (what Flitt's callback and the payer's return get). */
export const textAnswer = (status: number, body: string, headers = {}): Answer => ({
  status,
  headers: { ...TEXT, ...headers },
  body,
});
