import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  createSandbox,
  type Sandbox,
  SandboxConnectionReset,
  type SandboxOptions,
} from './createSandbox.ts';

/** The sandbox's default port. */
export const DEFAULT_PORT = 8610;

/** Options of `startSandbox`: the engine's, plus where to listen. */
export interface StartSandboxOptions extends Omit<SandboxOptions, 'baseUrl'> {
  /** 0 picks a free port. Default 8610. */
  port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
}

/** A listening sandbox. */
export interface RunningSandbox extends Sandbox {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Bodies the sandbox reads at most (a Flitt request is a few KiB). */
const MAX_BODY = 1024 * 1024;

class BodyTooLarge extends Error {}

async function toRequest(
  req: IncomingMessage,
  origin: string,
  signal: AbortSignal,
): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).byteLength;
      // Flitt's requests are a few KiB: an endless body is not read into memory.
      if (size > MAX_BODY) throw new BodyTooLarge();
      chunks.push(chunk as Buffer);
    }
    body = Buffer.concat(chunks);
  }
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(body ? { body: new Uint8Array(body) } : {}),
    signal,
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
      .on('error', reject)
      .pipe(res)
      .on('finish', resolve)
      .on('error', reject);
  });
}

/**
 * Starts the sandbox as an HTTP server on 127.0.0.1 (port 8610 by default, 0 for a free one);
 * `url` is the base URL to give the Flitt client.
 *
 * @example
 * import { createFlittClient } from '@flitt-checkout/server';
 *
 * const sandbox = await startSandbox({ port: 0 });
 * const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: sandbox.url });
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const sandbox = createSandbox({ ...options, baseUrl: `http://${host}` });
  const server = createServer(async (req, res) => {
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      const request = await toRequest(req, sandbox.baseUrl, abort.signal);
      await send(res, await sandbox.handle(request, { clientAddress: req.socket.remoteAddress }));
    } catch (error) {
      if (error instanceof SandboxConnectionReset) {
        req.socket.destroy();
        return;
      }
      if (error instanceof BodyTooLarge) {
        res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' });
        res.end(`request bodies are limited to ${MAX_BODY} bytes`);
        req.destroy();
        return;
      }
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`sandbox error: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  sandbox.control.setBaseUrl(url);
  return {
    get baseUrl() {
      return sandbox.baseUrl;
    },
    handle: sandbox.handle,
    control: sandbox.control,
    close: sandbox.close,
    url,
    port,
    async stop() {
      sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
