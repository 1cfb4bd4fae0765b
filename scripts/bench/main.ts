// `npm run bench`: measures what a payer downloads (beside PayPal and Stripe), click-to-navigation
// in Chromium, the server beside the official SDK, and the sandbox under 10 000 orders; writes
// BENCHMARKS.md and benchmarks.json. `npm run bench -- size` (or any of sandbox, size, server,
// browser) runs only those steps and keeps the other figures from the last benchmarks.json.
// Everything listens on and talks to 127.0.0.1 only (installing the size peers aside: npm
// registry), and the run ends by itself.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBrowser } from './browser.ts';
import { type BenchResults, renderMarkdown } from './report.ts';
import { runSandbox } from './sandbox.ts';
import { runServer, SDK_VERSION } from './server.ts';
import { runSize } from './size.ts';
import { round, since } from './stats.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const started = performance.now();
const STEPS = ['sandbox', 'size', 'server', 'browser'] as const;
type Step = (typeof STEPS)[number];
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(STEPS as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`[bench] unknown step ${unknown.join(', ')}; steps: ${STEPS.join(', ')}`);
  process.exit(2);
}
const selected = new Set<string>(asked.length > 0 ? asked : STEPS);
// A partial run keeps the other steps' figures (and their timings) from the last full one.
const previous: Partial<BenchResults> =
  asked.length > 0 ? JSON.parse(readFileSync(join(root, 'benchmarks.json'), 'utf8')) : {};
const stepSeconds: Record<string, number> = { ...previous.stepSeconds };

async function step<K extends Step>(
  key: K,
  name: string,
  work: () => Promise<BenchResults[K]>,
): Promise<BenchResults[K]> {
  if (!selected.has(key)) {
    const kept = previous[key];
    if (!kept)
      throw new Error(`[bench] benchmarks.json has no ${key} figures to keep: run all steps`);
    return kept as BenchResults[K];
  }
  console.log(`[bench] ${name}…`);
  const start = performance.now();
  const result = await work();
  stepSeconds[name] = round(since(start) / 1000);
  return result;
}

function versionOf(packageJson: string): string {
  return (JSON.parse(readFileSync(join(root, packageJson), 'utf8')) as { version: string }).version;
}

function gitDescription(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], { cwd: root })
      .toString()
      .trim();
    return dirty ? `${commit} + uncommitted changes in packages/` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

const loadAverageAtStart = loadavg().map((n) => round(n, 2));
// The sandbox first: its heap figures are cleanest before Vite and Chromium have run in-process.
const sandbox = await step('sandbox', 'sandbox with 10 000 orders', () => runSandbox());
const size = await step('size', 'bundle size', () => runSize(root, { peers: true }));
const server = await step('server', 'server and official SDK', () => runServer());
const browser = await step('browser', 'Chromium', () => runBrowser(root));

const results: BenchResults = {
  generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  durationSeconds: round(since(started) / 1000, 0),
  stepSeconds,
  machine: {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGB: round(totalmem() / 1024 ** 3, 1),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    chromium: browser.chromium,
    loadAverageAtStart,
  },
  versions: {
    'flitt-checkout commit': gitDescription(),
    '@flitt-checkout/core': versionOf('packages/core/package.json'),
    '@flitt-checkout/server': versionOf('packages/server/package.json'),
    '@flitt-checkout/sandbox': versionOf('packages/sandbox/package.json'),
    '@flitt-checkout/react': versionOf('packages/react/package.json'),
    '@flittpayments/flitt-node-js-sdk': SDK_VERSION,
    react: versionOf('node_modules/react/package.json'),
    '@tanstack/react-query': versionOf('node_modules/@tanstack/react-query/package.json'),
    vite: versionOf('node_modules/vite/package.json'),
    esbuild: versionOf('node_modules/esbuild/package.json'),
    playwright: versionOf('node_modules/playwright/package.json'),
  },
  size,
  browser,
  server,
  sandbox,
};

writeFileSync(join(root, 'benchmarks.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(root, 'BENCHMARKS.md'), renderMarkdown(results));
try {
  // The repository's formatter lays out the tables and arrays, so `npm test` finds nothing to fix.
  execFileSync(
    join(root, 'node_modules/.bin/biome'),
    ['format', '--write', 'BENCHMARKS.md', 'benchmarks.json'],
    { cwd: root, stdio: 'ignore' },
  );
} catch {
  console.warn('[bench] biome could not format the reports; run `npm run format`.');
}
const before = (page: string) =>
  size.ours
    .filter((p) => p.page === page)
    .map((p) => `${p.gzip} B in ${p.requests} (${p.bundler})`)
    .join(', ');
console.log(
  `[bench] wrote BENCHMARKS.md and benchmarks.json in ${results.durationSeconds} s: before the click, redirect ${before('redirect')}, embedded ${before('embedded')} min+gzip; click→navigation at mount + ${browser.clicks.map((c) => `${c.delayMs} ms: ${c.clickToNavigation.median}`).join(', ')} ms (prefetch ${browser.clickIntent.clickToNavigation.median} ms).`,
);
// Keep-alive sockets of fetch's global pool would hold the process open for a few seconds.
process.exit(0);
