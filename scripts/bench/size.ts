// What a payer's browser downloads of ours before a click can complete, measured for real: two
// consumer pages (redirect button, embedded checkout) built for production from the packages'
// dist with Vite and with esbuild, served on 127.0.0.1 and opened in Chromium with a cold cache;
// every script of the build requested before any user action counts. Then the approved path runs
// and must fetch nothing more of ours. Also proves that @flitt-checkout/server cannot end up in a
// browser bundle, and (in `npm run bench`) measures PayPal's and Stripe's React packages the same way.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { gzipSync } from 'node:zlib';
import { az, azResult } from '@flitt-checkout/react/locales/az';
import { en, enResult } from '@flitt-checkout/react/locales/en';
import { hy, hyResult } from '@flitt-checkout/react/locales/hy';
import { ka, kaResult } from '@flitt-checkout/react/locales/ka';
import { kk, kkResult } from '@flitt-checkout/react/locales/kk';
import { ro, roResult } from '@flitt-checkout/react/locales/ro';
import { ru, ruResult } from '@flitt-checkout/react/locales/ru';
import { uk, ukResult } from '@flitt-checkout/react/locales/uk';
import { uz, uzResult } from '@flitt-checkout/react/locales/uz';
import { startSandbox } from '@flitt-checkout/sandbox/node';
import { toNodeHandler } from '@flitt-checkout/server/node';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@flitt-checkout/test-kit/chromium';
import { createTestMerchant } from '@flitt-checkout/test-kit/merchant';
import { type Browser, chromium, type Page } from 'playwright';
import {
  BUNDLERS,
  type Bundler,
  buildError,
  buildPage,
  buildVendor,
  type PageBuild,
} from './sizeBuild.ts';
import { type NodeHandler, startSite, type Visit, type VisitSteps, visit } from './sizeLoad.ts';
import { attribute, type GroupSize, type SizePart } from './sizeParts.ts';
import { installPeers, PEER_PAGES } from './sizePeers.ts';
import { round, since } from './stats.ts';

export { BUNDLERS, type Bundler } from './sizeBuild.ts';
export type { PartGroup } from './sizeParts.ts';

/**
 * Budgets from issue 12, in bytes of min+gzip (1 kB = 1000 B): all of our JS a browser fetches
 * before a click can complete, on each page, with each bundler.
 */
export const BUDGETS = { redirect: 4000, embedded: 5500 } as const;

export type OurPage = keyof typeof BUDGETS;

/** The payer's language on both pages; every other locale's texts must stay away. */
const ACTIVE_LOCALE = 'ka';

const ORDER = `{{ items: [{ sku: 'tea', qty: 1 }] }}`;
// The harness's only additions to a shop's page: where the sandbox runs, and a navigate that
// records the hosted page's URL instead of leaving.
const WIRING = `const html = document.documentElement;
const navigate = (url: string) => {
  html.dataset.navigated = url;
};
`;

/** The consumer pages, as a shop would write them. */
const OUR_PAGES: Record<OurPage, string> = {
  redirect: `import { FlittCheckoutButton, FlittProvider } from '@flitt-checkout/react';
import { ${ACTIVE_LOCALE} } from '@flitt-checkout/react/locales/${ACTIVE_LOCALE}';
import { createRoot } from 'react-dom/client';

${WIRING}
createRoot(document.getElementById('root') as HTMLElement).render(
  <FlittProvider locale={${ACTIVE_LOCALE}} sandboxOrigin={html.dataset.sandbox} navigate={navigate}>
    <FlittCheckoutButton order=${ORDER}>Pay</FlittCheckoutButton>
  </FlittProvider>,
);
`,
  embedded: `import { FlittEmbeddedCheckout, FlittProvider } from '@flitt-checkout/react';
import { ${ACTIVE_LOCALE} } from '@flitt-checkout/react/locales/${ACTIVE_LOCALE}';
import { createRoot } from 'react-dom/client';

${WIRING}
createRoot(document.getElementById('root') as HTMLElement).render(
  <FlittProvider locale={${ACTIVE_LOCALE}} sandboxOrigin={html.dataset.sandbox} navigate={navigate}>
    <FlittEmbeddedCheckout order=${ORDER} />
  </FlittProvider>,
);
`,
};

const SERVER_PAGE = `export { createFlittClient, createFlittHandlers } from '@flitt-checkout/server';\n`;
const SERVER_GUARD = 'server-only--never-import-this-package-in-browser-code';

/** One JS file the page fetched. */
interface FetchedFile {
  readonly file: string;
  readonly min: number;
  readonly gzip: number;
  /** `static`: the entry or one of its static imports; `mount`: loaded later without user action. */
  readonly how: 'static' | 'mount';
  /** The source modules in it, largest first. */
  readonly modules: readonly string[];
  /** Files of the build it imports without bindings (`import "./chunk.js"`), fetched all the same. */
  readonly bareImports: readonly string[];
  /** gzip bytes of its `/*! … *\/` license comments (esbuild keeps them at the end of a file). */
  readonly legalComments: number;
}

/** A text of another locale found in a fetched file. */
interface ForeignText {
  readonly locale: string;
  readonly file: string;
  readonly text: string;
}

/** One page, one bundler. */
export interface PageSize {
  readonly page: string;
  readonly bundler: Bundler;
  /** min+gzip of every file of the build the page requested before any user action: the figure. */
  readonly gzip: number;
  readonly min: number;
  /** How many of those files (requests). */
  readonly requests: number;
  /** min+gzip of the entry and its static imports alone (what the static graph predicts). */
  readonly staticGzip: number;
  readonly files: readonly FetchedFile[];
  /** Files of the build the page never requested, with their min+gzip. */
  readonly notFetched: readonly { file: string; gzip: number; modules: readonly string[] }[];
  /** Build files requested from the first user action on (must be none on the approved path). */
  readonly afterAction: readonly string[];
  /** The approved path: what happened, or why it did not. Null for pages without one (peers). */
  readonly action: Visit['action'];
  /** Requests before the action that were not build files: API calls, the sandbox's checkout.js, vendor files. */
  readonly otherRequests: { readonly vendor: number; readonly others: readonly string[] };
  /** Requests to anything but 127.0.0.1, refused (the peers' CDN scripts). */
  readonly blocked: readonly string[];
  readonly pageErrors: readonly string[];
  readonly foreignTexts: readonly ForeignText[];
  /** Where the fetched bytes come from (ours only). */
  readonly parts: readonly SizePart[];
  readonly groups: readonly GroupSize[];
}

interface ServerCheck {
  /** `refused`: the build failed on the server package's browser guard. */
  readonly result: 'refused' | 'bundled' | 'failed otherwise';
  readonly detail: string;
}

export interface SizeResult {
  readonly method: string;
  readonly rebuiltDist: string | null;
  readonly budgets: typeof BUDGETS;
  readonly activeLocale: string;
  readonly chromium: string;
  readonly seconds: number;
  /** The consumer pages' source. */
  readonly pages: Readonly<Record<OurPage, string>>;
  readonly ours: readonly PageSize[];
  readonly server: Readonly<Record<Bundler, ServerCheck>>;
  readonly peers: {
    readonly method: string;
    readonly versions: Readonly<Record<string, string>>;
    readonly pages: readonly (PageSize & { readonly label: string })[];
    readonly failed: readonly { page: string; bundler: Bundler; error: string }[];
  } | null;
}

export interface SizeOptions {
  /** Also measure PayPal's and Stripe's packages (installs them; `npm run bench` only). */
  readonly peers?: boolean;
}

const PACKAGES = ['core', 'react', 'server'] as const;
const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds the packages when a dist is missing or older than its sources; says why, or null. */
function ensureDist(root: string): string | null {
  const stale = PACKAGES.filter((name) => {
    const dist = join(root, 'packages', name, 'dist', 'index.js');
    return (
      !existsSync(dist) || statSync(dist).mtimeMs < newest(join(root, 'packages', name, 'src'))
    );
  });
  if (stale.length === 0) return null;
  const reason = `dist of ${stale.join(', ')} missing or older than src`;
  console.log(`[bench] ${reason}: npx --yes pnpm@10.34.9 run build`);
  try {
    execFileSync('npx', ['--yes', 'pnpm@10.34.9', 'run', 'build'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const output =
      error && typeof error === 'object' && 'stdout' in error ? String(error.stdout) : '';
    const tail = stripVTControlCharacters(output).trim().split('\n').slice(-15).join('\n');
    throw new Error(`[bench] building the packages failed:\n${tail}`);
  }
  return reason;
}

/** Every string in a locale's texts. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}

/**
 * Per other locale, its texts (checkout and result page) that are long enough to be unmistakable
 * and not the active one's; and the active locale's result-page texts, which a checkout page must
 * not carry either (`ka result page`).
 */
function foreignTextsByLocale(): [string, string[]][] {
  const all = { en, ka, ru, uk, uz, ro, hy, kk, az };
  const results = {
    en: enResult,
    ka: kaResult,
    ru: ruResult,
    uk: ukResult,
    uz: uzResult,
    ro: roResult,
    hy: hyResult,
    kk: kkResult,
    az: azResult,
  };
  const active = new Set(textsOf(all[ACTIVE_LOCALE]));
  const unmistakable = (texts: string[]) =>
    [...new Set(texts)].filter((t) => t.length >= 10 && !active.has(t));
  return [
    ...Object.entries(all)
      .filter(([locale]) => locale !== ACTIVE_LOCALE)
      .map(([locale, text]): [string, string[]] => [
        locale,
        unmistakable([...textsOf(text), ...textsOf(results[locale as keyof typeof results])]),
      ]),
    [
      `${ACTIVE_LOCALE} result page`,
      // Not those inside a checkout label ("…processed" within "…processed…").
      unmistakable(textsOf(results[ACTIVE_LOCALE])).filter(
        (t) => ![...active].some((label) => label.includes(t)),
      ),
    ],
  ];
}

/** Minified code with `\uXXXX` / `\xXX` escapes decoded (esbuild writes non-ASCII text escaped). */
function decodeEscapes(code: string): string {
  return code.replace(
    /\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/g,
    (_, a, b, c) => String.fromCodePoint(Number.parseInt(a ?? b ?? c, 16)),
  );
}

/** The entry and everything it imports statically, transitively. */
function staticGraph(build: PageBuild): Set<string> {
  const byFile = new Map(build.files.map((f) => [f.file, f]));
  const seen = new Set<string>();
  const visitFile = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of byFile.get(file)?.imports ?? []) visitFile(next);
  };
  visitFile(build.entry);
  return seen;
}

function pageHtml(title: string, entry: string, importMap: string, sandboxUrl: string): string {
  return `<!doctype html>
<html lang="${ACTIVE_LOCALE}" data-sandbox="${sandboxUrl}">
<head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">
<script type="importmap">${importMap}</script>
<script type="module" src="/${entry}"></script></head>
<body><div id="root"></div></body>
</html>`;
}

interface Measured {
  readonly root: string;
  readonly page: string;
  readonly pageFile: string;
  readonly build: PageBuild;
  readonly visit: Visit;
  readonly origin: string;
  readonly ours: boolean;
}

function sizeOf({ root, page, pageFile, build, visit: seen, origin, ours }: Measured): PageSize {
  const byFile = new Map(build.files.map((f) => [f.file, f]));
  const statics = staticGraph(build);
  const local = (url: string) => new URL(url).hostname === '127.0.0.1';
  const buildFile = (url: string) =>
    url.startsWith(`${origin}/`) ? byFile.get(url.slice(origin.length + 1)) : undefined;
  const before = seen.requests.filter((r) => r.phase === 'mount');
  const fetched = [
    ...new Set(before.flatMap((r) => (buildFile(r.url) && !r.failed ? [r.url] : []))),
  ].flatMap((url) => {
    const file = buildFile(url);
    return file ? [file] : [];
  });
  const files: FetchedFile[] = fetched.map((f) => ({
    file: f.file,
    min: bytes(f.code),
    gzip: gzip(f.code),
    how: statics.has(f.file) ? 'static' : 'mount',
    modules: f.modules,
    legalComments: gzip(f.code) - gzip(f.code.replace(/\/\*![\s\S]*?\*\//g, '')),
    bareImports: [...f.code.matchAll(/import\s*["']\.\/([^"']+)["']/g)].map((m) => m[1] ?? ''),
  }));
  const foreignTexts: ForeignText[] = [];
  if (ours)
    for (const f of fetched) {
      const code = decodeEscapes(f.code);
      for (const [locale, texts] of foreignTextsByLocale())
        for (const text of texts)
          if (code.includes(text)) foreignTexts.push({ locale, file: f.file, text });
    }
  const { parts, groups } = ours
    ? attribute(root, fetched, pageFile)
    : { parts: [] as SizePart[], groups: [] as GroupSize[] };
  const fetchedNames = new Set(fetched.map((f) => f.file));
  return {
    page,
    bundler: build.bundler,
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
    min: files.reduce((sum, f) => sum + f.min, 0),
    requests: files.length,
    staticGzip: files.filter((f) => f.how === 'static').reduce((sum, f) => sum + f.gzip, 0),
    files,
    notFetched: build.files
      .filter((f) => !fetchedNames.has(f.file))
      .map((f) => ({ file: f.file, gzip: gzip(f.code), modules: f.modules })),
    afterAction: seen.requests
      .filter((r) => r.phase === 'action' && buildFile(r.url))
      .map((r) => new URL(r.url).pathname),
    action: seen.action,
    otherRequests: {
      vendor: before.filter((r) => r.url.startsWith(`${origin}/vendor/`)).length,
      others: before
        .filter(
          (r) =>
            local(r.url) &&
            !buildFile(r.url) &&
            !r.url.startsWith(`${origin}/vendor/`) &&
            r.url !== `${origin}/`,
        )
        .map(
          (r) =>
            `${r.type} ${r.url.replace(origin, '').replace(/^http:\/\/127\.0\.0\.1:\d+/, '{sandbox}')}`,
        ),
    },
    blocked: seen.requests.filter((r) => !local(r.url)).map((r) => `${r.type} ${r.url}`),
    pageErrors: seen.pageErrors,
    foreignTexts,
    parts,
    groups,
  };
}

/** A browser build that imports @flitt-checkout/server must fail, on its guard. */
async function serverCheck(bundler: Bundler, page: string, root: string): Promise<ServerCheck> {
  const error = await buildError(bundler, page);
  if (error === null) return { result: 'bundled', detail: 'the build succeeded' };
  const lines = stripVTControlCharacters(error)
    .split('\n')
    .map((line) => line.trim());
  const guard = lines.find((line) => line.includes(SERVER_GUARD));
  const detail = (guard ?? lines.find(Boolean) ?? '').split(root.replace(/\/$/, '')).join('.');
  return { result: guard ? 'refused' : 'failed otherwise', detail: detail.slice(0, 300) };
}

// What each page shows a payer once mounted, and its approved path, run after the mount's network
// has gone idle. The sandbox's checkout.js renders its card fields into the page, named by it.
const APPROVED_CARD = { card_number: '4444555511116666', expiry_date: '12/30', cvv2: '123' };
const payButton = (page: Page) => page.getByRole('button', { name: 'Pay', exact: true });
const STEPS: Record<OurPage, (sandboxUrl: string) => VisitSteps> = {
  redirect: (sandboxUrl) => ({
    ready: (page) => payButton(page).waitFor(),
    action: async (page) => {
      await payButton(page).click();
      const handle = await page.waitForFunction(() => document.documentElement.dataset.navigated);
      const url = String(await handle.jsonValue());
      if (!url.startsWith(`${sandboxUrl}/`))
        throw new Error(`navigated to ${url}, not the sandbox`);
      return `navigate(${url.replace(sandboxUrl, '{sandbox}').replace(/\?.*$/, '?…')})`;
    },
  }),
  embedded: () => ({
    ready: (page) => page.locator('[name="card_number"]').waitFor(),
    action: async (page) => {
      for (const [name, value] of Object.entries(APPROVED_CARD))
        await page.locator(`[name="${name}"]`).fill(value);
      await page.getByRole('button', { name: ka.ui.pay, exact: true }).click();
      await page.getByRole('status').filter({ hasText: ka.ui.approvedTitle }).waitFor();
      return `approved (“${ka.ui.approvedTitle}”)`;
    },
  }),
};

async function measurePeers(
  root: string,
  browser: Browser,
  vendor: Awaited<ReturnType<typeof buildVendor>>,
): Promise<NonNullable<SizeResult['peers']>> {
  const { dir, versions } = installPeers(root);
  const work = await mkdtemp(join(dir, 'pages-'));
  try {
    const pages: (PageSize & { label: string })[] = [];
    const failed: { page: string; bundler: Bundler; error: string }[] = [];
    for (const peer of PEER_PAGES) {
      const pageFile = join(work, `${peer.name}.tsx`);
      await writeFile(pageFile, peer.code);
      for (const bundler of BUNDLERS) {
        let build: PageBuild;
        try {
          build = await buildPage(bundler, pageFile);
        } catch (error) {
          failed.push({ page: peer.name, bundler, error: String(error).slice(0, 300) });
          continue;
        }
        const files = new Map([
          ...vendor.files,
          ...build.files.map((f) => [f.file, f.code] as const),
        ]);
        const site = await startSite(pageHtml(peer.name, build.entry, vendor.importMap, ''), files);
        try {
          const seen = await visit(browser, site.url);
          const measured = { root, page: peer.name, pageFile: `${peer.name}.tsx`, build };
          pages.push({
            label: peer.label,
            ...sizeOf({ ...measured, visit: seen, origin: site.url, ours: false }),
          });
        } finally {
          await site.close();
        }
      }
    }
    return {
      method:
        'the same builds, server and Chromium visit, without a click (their flows need their servers). Only their npm JavaScript can count: their SDK scripts come from their CDNs (js.stripe.com, paypal.com), which this machine cannot reach, so every request to a host other than 127.0.0.1 fails and is listed as blocked; what those scripts would add, and anything they would load on mount, is not in the figures.',
      versions,
      pages,
      failed,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Builds and loads both pages with both bundlers, checks the server guard; peers on request. */
export async function runSize(root: string, options: SizeOptions = {}): Promise<SizeResult> {
  const started = performance.now();
  const rebuiltDist = ensureDist(root);
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const work = await mkdtemp(join(cache, 'flitt-size-'));
  const cleanup: (() => Promise<unknown>)[] = [() => rm(work, { recursive: true, force: true })];
  try {
    const names = Object.keys(OUR_PAGES) as OurPage[];
    for (const name of names) await writeFile(join(work, `${name}.tsx`), OUR_PAGES[name]);
    const serverPage = join(work, 'server.ts');
    await writeFile(serverPage, SERVER_PAGE);
    const builds: { name: OurPage; build: PageBuild }[] = [];
    for (const bundler of BUNDLERS)
      for (const name of names)
        builds.push({ name, build: await buildPage(bundler, join(work, `${name}.tsx`)) });
    const server = {
      vite: await serverCheck('vite', serverPage, root),
      esbuild: await serverCheck('esbuild', serverPage, root),
    };
    const vendor = await buildVendor(root, work);

    const sandbox = await startSandbox({ port: 0 });
    cleanup.push(() => sandbox.stop());
    const { handlers } = createTestMerchant(sandbox);
    const routes: Record<string, NodeHandler> = {
      '/api/flitt/checkout': toNodeHandler(handlers.createCheckout),
      '/api/flitt/status': toNodeHandler(handlers.status),
    };
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      // No name resolves: the browser can reach 127.0.0.1 and nothing else.
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    cleanup.push(() => browser.close());

    const ours: PageSize[] = [];
    for (const { name, build } of builds) {
      const files = new Map([
        ...vendor.files,
        ...build.files.map((f) => [f.file, f.code] as const),
      ]);
      const html = pageHtml(name, build.entry, vendor.importMap, sandbox.url);
      const site = await startSite(html, files, routes);
      try {
        const seen = await visit(browser, site.url, STEPS[name](sandbox.url));
        const measured = { root, page: name, pageFile: `${name}.tsx`, build, visit: seen };
        ours.push(sizeOf({ ...measured, origin: site.url, ours: true }));
      } finally {
        await site.close();
      }
    }
    const peers = options.peers ? await measurePeers(root, browser, vendor) : null;
    return {
      method: `Each page is a shop's page that renders (source below) built for production from the packages' dist, as published: with Vite (Rolldown, @vitejs/plugin-react, minify) and with esbuild (bundle, splitting, format esm, minify, platform browser, automatic JSX), process.env.NODE_ENV = "production", react, react-dom and @tanstack/react-query external. The build is served by node:http on 127.0.0.1, React and react-query from an import map of vendor modules built once with esbuild (not counted), the merchant's real handlers (@flitt-checkout/server, toNodeHandler) on /api/flitt and the sandbox beside them, and opened in headless Chromium ${browser.version()} with a cold cache. The figure is every JS file of the build the page requested before any user action, until nothing had been in flight for 500 ms after mount, each min+gzip with gzip -9 (node:zlib), 1 kB = 1000 B. Then the approved path runs (redirect: click Pay until navigate() is called with the sandbox's hosted page; embedded: an approved test card typed into the sandbox's checkout.js form, Pay, until the approved status shows) and every further request for a file of the build is recorded`,
      rebuiltDist,
      budgets: BUDGETS,
      activeLocale: ACTIVE_LOCALE,
      chromium: browser.version(),
      seconds: round(since(started) / 1000),
      pages: OUR_PAGES,
      ours,
      server,
      peers,
    };
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  }
}
