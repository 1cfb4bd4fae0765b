// What a browser really requests: a built page served on 127.0.0.1 and opened in Chromium with a
// cold cache; every request is recorded, first until the network is idle after mount (no user
// action), then during and after one user action (a click, typing a card).
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page, Request } from 'playwright';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface Site {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `html` at `/`, `files` (path → code) as scripts, and `routes` on 127.0.0.1, never cached. */
export async function startSite(
  html: string,
  files: ReadonlyMap<string, string>,
  routes: Readonly<Record<string, NodeHandler>> = {},
): Promise<Site> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    const route = routes[path];
    if (route) return void route(req, res);
    const body = path === '/' ? html : files.get(path.slice(1));
    if (body === undefined || req.method !== 'GET') return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': path === '/' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One request the page made. */
interface Requested {
  readonly url: string;
  readonly type: string;
  /** `mount`: before any user action; `action`: from the first input event on. */
  readonly phase: 'mount' | 'action';
  failed: string | null;
}

export interface Visit {
  readonly requests: readonly Requested[];
  /** Uncaught errors and console errors in the page (their SDKs failing to reach their CDN, say). */
  readonly pageErrors: readonly string[];
  /** What the action reported, or why it failed. */
  readonly action: { readonly done: boolean; readonly detail: string } | null;
}

/** Quiet for `idleMs` with nothing in flight: what Playwright's `networkidle` means, but re-armable. */
function idleTracker(page: Page) {
  let inFlight = 0;
  let last = performance.now();
  const start = () => {
    inFlight++;
    last = performance.now();
  };
  const end = () => {
    inFlight = Math.max(0, inFlight - 1);
    last = performance.now();
  };
  page.on('request', start);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  return async (idleMs: number, timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    while (inFlight > 0 || performance.now() - last < idleMs) {
      if (performance.now() > deadline)
        throw new Error(`[bench] the network never went idle (${inFlight} requests in flight)`);
      await sleep(20);
    }
  };
}

/** What to wait for after mount, and the user action to run then. */
export interface VisitSteps {
  /** Resolves once the page shows what a payer acts on (the button, the card form). */
  readonly ready?: (page: Page) => Promise<unknown>;
  /** The user action; resolves with what happened. */
  readonly action?: (page: Page) => Promise<string>;
}

/**
 * Opens `url` in a fresh context (cold cache), waits until the page is ready and its network has
 * been idle for `idleMs` (twice, around a trip through the page's event loop, so a busy CPU that
 * delays an effect cannot end the wait early), then runs `action` (if any) and waits for idle again.
 */
export async function visit(
  browser: Browser,
  url: string,
  { ready, action }: VisitSteps = {},
  { idleMs = 500, timeoutMs = 20_000 } = {},
): Promise<Visit> {
  const context = await browser.newContext();
  context.setDefaultTimeout(timeoutMs);
  try {
    const page = await context.newPage();
    const requests: Requested[] = [];
    const pageErrors: string[] = [];
    const byRequest = new Map<Request, Requested>();
    let phase: Requested['phase'] = 'mount';
    page.on('request', (request) => {
      const entry = { url: request.url(), type: request.resourceType(), phase, failed: null };
      byRequest.set(request, entry);
      requests.push(entry);
    });
    page.on('requestfailed', (request) => {
      const entry = byRequest.get(request);
      if (entry) entry.failed = request.failure()?.errorText ?? 'failed';
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // A module that fails to resolve or load is only reported on the console.
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    const idle = idleTracker(page);
    await page.goto(url);
    // Not fatal: the figures still count what loaded, and the page's errors say what went wrong.
    await ready?.(page).catch((error: unknown) => {
      pageErrors.push(`not ready: ${error instanceof Error ? error.message : String(error)}`);
    });
    await idle(idleMs, timeoutMs);
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
    );
    await idle(idleMs, timeoutMs);
    let outcome: Visit['action'] = null;
    if (action) {
      phase = 'action';
      try {
        outcome = { done: true, detail: await action(page) };
        await idle(idleMs, timeoutMs);
      } catch (error) {
        outcome = { done: false, detail: error instanceof Error ? error.message : String(error) };
      }
    }
    return { requests, pageErrors, action: outcome };
  } finally {
    await context.close();
  }
}
