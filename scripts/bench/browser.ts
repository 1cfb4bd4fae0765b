// Click to navigation and embedded mount to ready, in real Chromium, on the demo shop's production
// build, against the sandbox with 150 ms of injected Flitt latency. Everything listens on 127.0.0.1.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { startSandbox } from '@flitt-checkout/sandbox/node';
import { chromium, type Page, type Request } from 'playwright';
import { build } from 'vite';
import { createShopServer } from '../../examples/shop/server/shop.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/setup/chromium.ts';
import { type Summary, summarize } from './stats.ts';

/** Injected latency of every sandbox `/api/` call. */
export const FLITT_LATENCY_MS = 150;
const HOVER_MS = 300;

export interface BrowserResult {
  readonly method: string;
  readonly chromium: string;
  readonly runs: number;
  readonly warmupRuns: number;
  readonly flittLatencyMs: number;
  readonly redirectNoPrefetch: Summary;
  readonly redirectPrefetchIntent: Summary;
  readonly embeddedMountToReady: Summary;
  /** Requests the browser made to anything but 127.0.0.1 (must be 0). */
  readonly nonLoopbackRequests: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Serves the built app: hashed assets cacheable like in production, index.html for other paths. */
function serveStatic(dir: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const asset = join(dir, path);
    const file = extname(path) && asset.startsWith(dir + sep) ? asset : join(dir, 'index.html');
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': file.includes(`${sep}assets${sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  };
}

async function buttonCentre(page: Page, name: RegExp | string) {
  const target =
    typeof name === 'string' ? page.getByLabel(name) : page.getByRole('button', { name });
  await target.waitFor({ state: 'visible' });
  const box = await target.boundingBox();
  if (!box) throw new Error(`[bench] ${String(name)} has no box`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** ms from the mouse-up of a click on "Pay" to the browser's request for the sandbox's hosted page. */
async function clickToNavigation(
  page: Page,
  shopUrl: string,
  sandboxUrl: string,
  prefetch: 'none' | 'intent',
): Promise<number> {
  await page.mouse.move(0, 0);
  await page.goto(`${shopUrl}/cart?prefetch=${prefetch}`);
  const { x, y } = await buttonCentre(page, /^Pay /);
  // The same hover and pause in both variants: only the prefetch setting differs.
  await page.mouse.move(x, y);
  await page.waitForTimeout(HOVER_MS);
  const navigated = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('[bench] no navigation to Flitt')), 10_000);
    const onRequest = (request: Request) => {
      if (!request.url().startsWith(`${sandboxUrl}/merchants/`)) return;
      clearTimeout(timer);
      page.off('request', onRequest);
      resolve(performance.now());
    };
    page.on('request', onRequest);
  });
  await page.mouse.down();
  const start = performance.now(); // the click event fires on mouse-up
  await page.mouse.up();
  const elapsed = (await navigated) - start;
  // Let the hosted page load, so the next run's reload does not race it.
  await page.waitForURL((url) => url.href.startsWith(`${sandboxUrl}/merchants/`));
  return elapsed;
}

declare global {
  interface Window {
    __benchReady?: Promise<number>;
  }
}

/** ms from the click that selects the embedded flow to a visible, enabled card form and Pay button. */
async function mountToReady(page: Page, shopUrl: string): Promise<number> {
  await page.mouse.move(0, 0);
  await page.goto(`${shopUrl}/cart`);
  const { x, y } = await buttonCentre(page, 'With a card, here');
  await page.evaluate(() => {
    window.__benchReady = new Promise<number>((resolve) => {
      let start: number | undefined;
      addEventListener(
        'click',
        (event) => {
          start ??= event.timeStamp;
        },
        { capture: true },
      );
      const observer = new MutationObserver(() => {
        const input = document.querySelector<HTMLInputElement>('input[name="card_number"]');
        const pay = document.querySelector<HTMLButtonElement>('.flitt-embedded > .flitt-button');
        if (start === undefined || !input?.checkVisibility() || input.disabled) return;
        if (!pay || pay.disabled) return;
        observer.disconnect();
        resolve(performance.now() - start);
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true });
    });
  });
  await page.mouse.click(x, y);
  return page.evaluate(() => window.__benchReady as Promise<number>);
}

/** Runs the three browser measurements `runs` times each (after warm-up runs), interleaved. */
export async function runBrowser(
  root: string,
  options: { runs?: number; warmupRuns?: number } = {},
): Promise<BrowserResult> {
  const runs = options.runs ?? 25;
  const warmupRuns = options.warmupRuns ?? 3;
  const outDir = await mkdtemp(join(tmpdir(), 'flitt-bench-shop-'));
  const cleanup: (() => Promise<unknown>)[] = [() => rm(outDir, { recursive: true, force: true })];
  try {
    await build({
      configFile: join(root, 'examples/shop/vite.config.ts'),
      root: join(root, 'examples/shop'),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    const sandbox = await startSandbox({ port: 0 });
    cleanup.push(() => sandbox.stop());
    sandbox.control.setLatency(FLITT_LATENCY_MS);
    const shop = await createShopServer({
      port: 0,
      flitt: { mode: 'sandbox', baseUrl: sandbox.url, testCards: [] },
      app: serveStatic(outDir),
      log: () => {},
    });
    cleanup.push(() => shop.close());
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      // No name resolves: the browser can reach 127.0.0.1 and nothing else.
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    cleanup.push(() => browser.close());
    const page = await browser.newPage();
    let nonLoopback = 0;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') nonLoopback++;
    });

    // One product in the cart (kept in localStorage for every later page load).
    await page.goto(shop.url);
    await page.getByRole('button', { name: 'Add to cart: Churchkhela' }).click();
    await page.getByRole('link', { name: 'Cart (1)' }).waitFor();

    const none: number[] = [];
    const intent: number[] = [];
    const embedded: number[] = [];
    for (let i = 0; i < warmupRuns + runs; i++) {
      const keep = i >= warmupRuns;
      const a = await clickToNavigation(page, shop.url, sandbox.url, 'none');
      const b = await clickToNavigation(page, shop.url, sandbox.url, 'intent');
      const c = await mountToReady(page, shop.url);
      if (keep) {
        none.push(a);
        intent.push(b);
        embedded.push(c);
      }
    }
    return {
      method: `Chromium ${browser.version()} (headless) via Playwright, the demo shop's production build (vite build of examples/shop, served by createShopServer with the real handlers), sandbox over HTTP with setLatency(${FLITT_LATENCY_MS}); each run reloads /cart. Redirect: mouse moved onto "Pay", ${HOVER_MS} ms pause, then clicked; time from mouse-up to Playwright's request event for the sandbox's /merchants/… URL (Node clock). Embedded: in-page, from the click event's timeStamp on the "With a card, here" radio to the first DOM mutation after which the card-number input is visible and enabled and the Pay button enabled (checkout.js is fetched from the sandbox on each load; it sends no cache headers).`,
      chromium: browser.version(),
      runs,
      warmupRuns,
      flittLatencyMs: FLITT_LATENCY_MS,
      redirectNoPrefetch: summarize(none),
      redirectPrefetchIntent: summarize(intent),
      embeddedMountToReady: summarize(embedded),
      nonLoopbackRequests: nonLoopback,
    };
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  }
}
