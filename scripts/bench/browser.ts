// Click to navigation and embedded mount to ready, in real Chromium, on the demo shop's production
// build, against the sandbox with 150 ms of injected Flitt latency. Every run is a fresh browser
// context (cold cache) on a throttled network (CDP), and every time is taken inside the page.
// Everything listens on 127.0.0.1.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startSandbox } from '@flitt-checkout/sandbox/node';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@flitt-checkout/test-kit/chromium';
import { type Browser, type BrowserContext, chromium } from 'playwright';
import { build } from 'vite';
import { createShopServer } from '../../examples/shop/server/shop.ts';
import { type Summary, summarize } from './stats.ts';

/** Injected latency of every sandbox `/api/` call. */
const FLITT_LATENCY_MS = 150;

/**
 * CDP `Network.emulateNetworkConditions`, applied to every run before its first request: 150 ms
 * latency per request, 1.6 Mbps down and 750 kbps up (Lighthouse's "slow 4G" figures), in bytes/s.
 */
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: 1.6e6 / 8,
  uploadThroughput: 750e3 / 8,
} as const;

/** Failed runs that are run again before the benchmark gives up. */
const MAX_RETRIES = 3;

/** When the in-page script clicks "Pay", in ms after the button is first in the DOM and enabled. */
const CLICK_DELAYS_MS = [0, 50, 200] as const;

/** One click-after-mount case: what the payer waits for, from the in-page timestamps. */
export interface ClickCase {
  readonly delayMs: number;
  readonly prefetch: 'none' | 'intent';
  /** Click → the app's navigation to Flitt's hosted page (the `navigate` event). */
  readonly clickToNavigation: Summary;
  /** Pay button rendered and enabled → navigation; the payer's clock if they click at `delayMs`. */
  readonly mountToNavigation: Summary;
  /** How late the scheduled click actually ran (timer slop), ms after mount. */
  readonly actualDelay: Summary;
  /** Navigation start of /cart → Pay button rendered and enabled (the cold, throttled page load). */
  readonly loadToMount: Summary;
  /** Click → the app's `POST /api/flitt/checkout` starts (Resource Timing; < 0 with prefetch). */
  readonly clickToRequest: Summary;
  /** That POST, start → response end (the shop's call to the sandbox is inside it). */
  readonly request: Summary;
  /** POST response end → navigation. */
  readonly responseToNavigation: Summary;
  /** `beforeunload` − `navigate`, the largest of the runs: how well the two in-page marks agree. */
  readonly beforeunloadLagMax: number;
}

export interface BrowserResult {
  readonly method: string;
  readonly chromium: string;
  readonly runs: number;
  readonly warmupRuns: number;
  readonly flittLatencyMs: number;
  readonly network: typeof NETWORK;
  /** Clicks at 0, 50 and 200 ms after mount with the button's default `prefetch="none"`. */
  readonly clicks: readonly ClickCase[];
  /** `prefetch="intent"`: pointer over the button at mount, click 200 ms later. */
  readonly clickIntent: ClickCase;
  readonly embeddedMountToReady: Summary;
  /** Bytes received (encoded, as throttled) in one redirect run: the cold load and the POST; median. */
  readonly coldLoadBytes: number;
  /** Seconds the measured and warm-up runs took in all. */
  readonly seconds: number;
  /** Why each run that was run again failed (empty when none did). */
  readonly retries: readonly string[];
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

/**
 * Serves the built app like a production server: gzip (compressed once, at start), hashed assets
 * cacheable for a year, index.html for other paths.
 */
async function serveStatic(dir: string) {
  const files = new Map<string, { raw: Buffer; gzip: Buffer }>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const raw = await readFile(file);
    files.set(file, { raw, gzip: gzipSync(raw) });
  }
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const asset = join(dir, path);
    const file = extname(path) && asset.startsWith(dir + sep) ? asset : join(dir, 'index.html');
    const body = files.get(file);
    if (!body) return void res.writeHead(404).end();
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding']));
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.includes(`${sep}assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gzip ? body.gzip : body.raw);
  };
}

/** What the in-page script reports, all `performance.now()` of the /cart document. */
interface Marks {
  mount?: number;
  click?: number;
  navigate?: number;
  beforeunload?: number;
  ready?: number;
  /** Resource Timing of the app's `POST /api/flitt/checkout`: fetch start, response start and end. */
  post?: { start: number; responseStart: number; end: number };
  error?: string;
}

interface PageSetup {
  readonly mode: 'redirect' | 'embedded';
  readonly delayMs: number;
  readonly hover: boolean;
  readonly hostedPagePrefix: string;
  /** Only this origin's documents are measured (init scripts also run in the first about:blank). */
  readonly shopOrigin: string;
}

declare global {
  interface Window {
    __benchReport?: (marks: Marks) => void;
  }
}

/** The part of the Navigation API used here (TypeScript 5.9's lib.dom does not declare it). */
interface NavigationApi {
  addEventListener(
    type: 'navigate',
    listener: (event: { destination: { url: string } }) => void,
  ): void;
}

/**
 * Runs in the page before the app (Playwright init script). Watches the DOM with a
 * MutationObserver; the first time a button labelled "Pay …" exists and is enabled is `mount`.
 * Then, from a timer in the page, it clicks: `element.click()` on "Pay" `delayMs` later (redirect),
 * or on the "With a card, here" radio (embedded). The navigation is the Navigation API's
 * `navigate` event, which the browser fires synchronously inside the app's
 * `window.location.assign(url)`, before the request; `beforeunload` is kept as a cross-check.
 * Only the shop's DOM and texts are used, no React internals and no code from packages/react.
 */
function pageScript(setup: PageSetup) {
  if (location.origin !== setup.shopOrigin) return;
  // One item in the cart, as the shop keeps it (Playwright's storageState would cost a page load).
  localStorage.setItem('shop.cart', JSON.stringify({ churchkhela: 1 }));
  const marks: Marks = {};
  let sent = false;
  const send = () => {
    if (sent) return;
    sent = true;
    const post = performance
      .getEntriesByType('resource')
      .find((e) => e.name.endsWith('/api/flitt/checkout')) as PerformanceResourceTiming | undefined;
    if (post)
      marks.post = {
        start: post.startTime,
        responseStart: post.responseStart,
        end: post.responseEnd,
      };
    window.__benchReport?.(marks);
  };
  const fail = (error: string) => {
    marks.error = error;
    send();
  };
  const payButton = () =>
    [...document.querySelectorAll('button')].find((b) => /^Pay /.test(b.textContent ?? ''));
  const click = () => {
    if (setup.mode === 'redirect') {
      const button = payButton();
      if (!button || button.disabled) return fail('Pay is gone or disabled at click time');
      marks.click = performance.now();
      button.click();
      return;
    }
    const radio = [...document.querySelectorAll('label')]
      .find((l) => l.textContent?.includes('With a card, here'))
      ?.querySelector('input');
    if (!radio) return fail('no "With a card, here" radio');
    marks.click = performance.now();
    radio.click();
  };
  const onMutation = () => {
    if (marks.mount === undefined) {
      const button = payButton();
      if (!button || button.disabled) return;
      marks.mount = performance.now();
      if (setup.hover) {
        // React's onPointerEnter listens to pointerover; this is what a pointer arriving sends.
        button.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
        button.dispatchEvent(new PointerEvent('pointerenter'));
      }
      setTimeout(click, setup.delayMs);
      return;
    }
    if (setup.mode !== 'embedded' || marks.click === undefined) return;
    const input = document.querySelector<HTMLInputElement>('input[name="card_number"]');
    const pay = payButton();
    if (!input?.checkVisibility() || input.disabled || !pay || pay.disabled) return;
    marks.ready = performance.now();
    observer.disconnect();
    send();
  };
  const observer = new MutationObserver(onMutation);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  (window as unknown as { navigation: NavigationApi }).navigation.addEventListener(
    'navigate',
    (event) => {
      if (!event.destination.url.startsWith(setup.hostedPagePrefix)) return;
      marks.navigate ??= performance.now();
    },
  );
  addEventListener('beforeunload', () => {
    marks.beforeunload ??= performance.now();
    send();
  });
}

interface Run {
  readonly marks: Marks;
  readonly bytes: number;
}

/** `work`, or a rejection naming `what()` if it has not settled after `ms`. */
async function within<T>(ms: number, what: () => string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`[bench] ${what()} after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** One cold run: a new context, throttled before its first request, /cart loaded, marks awaited. */
async function coldRun(
  browser: Browser,
  shopUrl: string,
  setup: PageSetup,
  onRequest: (url: string) => void,
): Promise<Run> {
  let stage = 'creating the context';
  const problems: string[] = [];
  let crashed = false;
  let url = '';
  let context: BrowserContext | undefined;
  const run = async (): Promise<Run> => {
    context = await browser.newContext();
    let report: (marks: Marks) => void = () => {};
    let threw: (error: Error) => void = () => {};
    const reported = new Promise<Marks>((resolve, reject) => {
      report = resolve;
      threw = reject;
    });
    stage = 'preparing the page';
    await context.exposeFunction('__benchReport', (marks: Marks) => report(marks));
    // As source text: tsx (esbuild keepNames) wraps named functions in a `__name` helper that
    // exists in Node only, so the page gets a stand-in for it.
    await context.addInitScript({
      content: `(() => { const __name = (f) => f; (${pageScript})(${JSON.stringify(setup)}); })();`,
    });
    const page = await context.newPage();
    page.on('request', (request) => onRequest(request.url()));
    page.on('pageerror', (error) => {
      crashed = true;
      threw(new Error(`[bench] the app threw at ${page.url()}: ${error}`));
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event) => {
      bytes += event.encodedDataLength;
    });
    const query = setup.mode === 'redirect' && !setup.hover ? '?prefetch=none' : '';
    url = `${shopUrl}/cart${query}`;
    stage = `loading ${url}`;
    await page.goto(url, { waitUntil: 'commit' });
    stage = `waiting for the report of ${url}`;
    const marks = await reported;
    if (marks.error) throw new Error(`[bench] ${marks.error}`);
    return { marks, bytes };
  };
  try {
    return await within(
      30_000,
      () =>
        `${crashed ? 'the app threw' : 'run stuck'} ${stage}${problems.length ? `; page errors: ${problems.join(' | ')}` : ''}`,
      run(),
    );
  } finally {
    const open = context;
    if (open) await within(10_000, () => 'closing the context', open.close());
  }
}

function need(value: number | undefined, what: string): number {
  if (value === undefined) throw new Error(`[bench] the page did not record ${what}`);
  return value;
}

function clickCase(delayMs: number, prefetch: 'none' | 'intent', runs: readonly Run[]): ClickCase {
  const pick = (f: (m: Marks) => number) => summarize(runs.map((r) => f(r.marks)));
  return {
    delayMs,
    prefetch,
    clickToNavigation: pick((m) => need(m.navigate, 'navigate') - need(m.click, 'click')),
    mountToNavigation: pick((m) => need(m.navigate, 'navigate') - need(m.mount, 'mount')),
    actualDelay: pick((m) => need(m.click, 'click') - need(m.mount, 'mount')),
    loadToMount: pick((m) => need(m.mount, 'mount')),
    clickToRequest: pick((m) => need(m.post?.start, 'the POST') - need(m.click, 'click')),
    request: pick((m) => need(m.post?.end, 'the POST') - need(m.post?.start, 'the POST')),
    responseToNavigation: pick((m) => need(m.navigate, 'navigate') - need(m.post?.end, 'the POST')),
    beforeunloadLagMax: pick(
      (m) => need(m.beforeunload, 'beforeunload') - need(m.navigate, 'navigate'),
    ).max,
  };
}

/**
 * Runs every case `runs` times (after `warmupRuns` runs that are not counted), interleaved round
 * by round so drift of the machine spreads over all cases.
 */
export async function runBrowser(
  root: string,
  options: { runs?: number; warmupRuns?: number } = {},
): Promise<BrowserResult> {
  const runs = options.runs ?? 25;
  const warmupRuns = options.warmupRuns ?? 2;
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
      app: await serveStatic(outDir),
      log: () => {},
    });
    cleanup.push(() => shop.close());
    const launch = () =>
      chromium.launch({
        executablePath: CHROMIUM_PATH,
        // No name resolves: the browser can reach 127.0.0.1 and nothing else.
        args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
      });
    let browser = await launch();
    cleanup.push(() => browser.close());
    let nonLoopback = 0;
    const onRequest = (href: string) => {
      const url = new URL(href);
      if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') nonLoopback++;
    };

    const hostedPagePrefix = `${sandbox.url}/merchants/`;
    const cases: PageSetup[] = [
      ...CLICK_DELAYS_MS.map((delayMs) => ({
        mode: 'redirect' as const,
        delayMs,
        hover: false,
        hostedPagePrefix,
        shopOrigin: shop.url,
      })),
      { mode: 'redirect', delayMs: 200, hover: true, hostedPagePrefix, shopOrigin: shop.url },
      // The radio is clicked 200 ms after "Pay" is interactive, then the embedded form mounts.
      { mode: 'embedded', delayMs: 200, hover: false, hostedPagePrefix, shopOrigin: shop.url },
    ];
    const samples = cases.map((): Run[] => []);
    // A run that fails (on this box, now and then, Chromium never finishes closing a context
    // whose page is leaving for the sandbox) is run again in a relaunched browser, at most
    // MAX_RETRIES times in all; the report says how many and why.
    const retries: string[] = [];
    const measure = async (setup: PageSetup): Promise<Run> => {
      for (;;) {
        try {
          return await coldRun(browser, shop.url, setup, onRequest);
        } catch (error) {
          // An exception in the app is the app's: running it again would only repeat it.
          const message = error instanceof Error ? error.message : String(error);
          if (retries.length >= MAX_RETRIES || message.includes('the app threw')) throw error;
          retries.push(message);
          await within(10_000, () => 'closing the browser', browser.close()).catch(() => {});
          browser = await launch();
        }
      }
    };
    const started = performance.now();
    // Warm-up: the first runs after launch pay for Chromium's first renderer and the shop server's
    // first requests (JIT), not counted. Each later run is as cold as these in the browser.
    for (let i = 0; i < warmupRuns; i++) await measure(cases[i % cases.length] as PageSetup);
    for (let round = 0; round < runs; round++) {
      for (const [i, setup] of cases.entries()) samples[i]?.push(await measure(setup));
    }
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const at = (i: number) => samples[i] ?? [];
    const embedded = at(cases.length - 1);
    const redirectBytes = CLICK_DELAYS_MS.flatMap((_, i) => at(i).map((r) => r.bytes));
    return {
      method: [
        `Chromium ${browser.version()} (headless) via Playwright. The app is the demo shop's production build (vite build of examples/shop), served gzipped (hashed assets cacheable) by createShopServer with the real handlers; the sandbox runs over HTTP with setLatency(${FLITT_LATENCY_MS}) on every /api/ call, so the shop server's own call to it takes ${FLITT_LATENCY_MS} ms and more.`,
        `Every run is a new browser context (empty HTTP cache; the one-item cart written to localStorage by the init script) whose page gets CDP Network.setCacheDisabled(true) and Network.emulateNetworkConditions before it requests /cart, so the app's HTML, JS and CSS, its calls to the shop's API and the navigation to the sandbox are all throttled; the run ends when the page reports (the sandbox's page itself is not loaded).`,
        "All times are performance.now() in the /cart page, taken by an init script that uses only the DOM and the shop's texts (no React internals, no code from packages/react): mount = the first MutationObserver callback in which a button labelled \"Pay …\" exists and is enabled; the click = element.click() from a setTimeout(delay) started in that callback (scheduled in the page, so no Playwright round trip sits between mount and click; the event is untrusted, which React does not look at, and has no pointer events before it); navigation = the Navigation API's navigate event for the sandbox's /merchants/… URL, which the browser fires synchronously inside the app's window.location.assign, before any request (a beforeunload listener cross-checks it). The POST's start and end come from Resource Timing.",
        `Cases: clicks at mount + ${CLICK_DELAYS_MS.join(', ')} ms with the button's default prefetch="none" (/cart?prefetch=none); prefetch="intent" with a pointerover/pointerenter dispatched on "Pay" at mount and the click 200 ms later; embedded: the "With a card, here" radio clicked (element.click()) 200 ms after "Pay" is interactive, ready = the first mutation after which the card-number input is visible and enabled and the Pay button enabled (checkout.js comes from the sandbox, uncached).`,
      ].join(' '),
      chromium: browser.version(),
      runs,
      warmupRuns,
      flittLatencyMs: FLITT_LATENCY_MS,
      network: NETWORK,
      clicks: CLICK_DELAYS_MS.map((delayMs, i) => clickCase(delayMs, 'none', at(i))),
      clickIntent: clickCase(200, 'intent', at(CLICK_DELAYS_MS.length)),
      embeddedMountToReady: summarize(
        embedded.map((r) => need(r.marks.ready, 'ready') - need(r.marks.click, 'click')),
      ),
      coldLoadBytes: summarize(redirectBytes).median,
      seconds,
      retries,
      nonLoopbackRequests: nonLoopback,
    };
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  }
}
