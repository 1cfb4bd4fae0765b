// `npm test`: runs every `test:*` script of package.json, in the order package.json lists them,
// except the ones in EXCLUDED; keeps going after a failure so one run reports everything, and ends
// with `tests: N passed, N failed, N skipped` over every test runner's report. A failed check that
// is not a test runner counts as one failure, and so does a runner that failed without a failed
// test in its report. Used by `npm test` and `.ci/run`.
//
// Each script runs as `npm run <script>` with FLITT_TEST_OUT (where reports go) and
// FLITT_TEST_REPORT (the report's file name: `test-node` for test:node) set: vite.config.ts and
// playwright.config.ts write their JSON report to FLITT_TEST_OUT/FLITT_TEST_REPORT.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { startServices } from './ensure-services.mjs';

/** `test:*` scripts npm test leaves out, and why: each is run on its own, by name. */
const EXCLUDED = {
  // The fuzz properties and the load test at full strength: minutes, not seconds.
  'test:fuzz': 'longer fuzz and load runs (npm run test:fuzz)',
  // StrykerJS over the node tests: an hour or more (MUTATION.md).
  'test:mutation': 'mutation testing (npm run test:mutation)',
};

/** Scripts that must come earlier in package.json: npm test stops at once when one does not. */
const AFTER = {
  'test:packages': ['test:build'],
  // test/e2e/next.spec.ts builds examples/next against the packages' dist and the declarations
  // `tsc -b` wrote (examples/next's tsconfig references the packages); the storybook spec serves
  // storybook-static.
  'test:e2e': ['test:types', 'test:build', 'test:storybook-build'],
};

/** Scripts skipped (not run) when one of these failed: they check its output. */
const NEEDS_PASSED = { 'test:packages': ['test:build'] };

/** Scripts that drive Chromium (scripts/ensure-chromium.mjs checks it once, before the first). */
const CHROMIUM = new Set(['test:browser', 'test:stories', 'test:e2e']);

/** Scripts whose tests use Redis and PostgreSQL (started before the first, stopped after the last). */
const SERVICES = new Set(['test:node']);

const out = join(process.cwd(), '.test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const scripts = Object.entries(manifest.scripts)
  .filter(([name]) => name.startsWith('test:') && !(name in EXCLUDED))
  .map(([name, command]) => ({ name, command }));
const order = scripts.map((s) => s.name);
for (const [name, before] of Object.entries(AFTER))
  for (const first of before)
    if (order.includes(name) && order.indexOf(first) > order.indexOf(name))
      throw new Error(`package.json lists ${name} before ${first}, which it needs: move it after.`);

const env = { ...process.env, FLITT_TEST_OUT: out, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
/** @type {{ name: string, ok: boolean, seconds: string, report?: string, runner?: boolean }[]} */
const steps = [];

function step(name, action) {
  const started = Date.now();
  console.log(`\n::: ${name}`);
  const ok = action();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`::: ${name} ${ok ? 'ok' : 'FAILED'} (${seconds}s)`);
  const entry = { name, ok, seconds };
  steps.push(entry);
  return entry;
}

/** A runner's report, or undefined when it wrote none. */
function report(file) {
  if (!existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8'));
  if (json.stats) {
    // Playwright
    return {
      passed: json.stats.expected + json.stats.flaky,
      failed: json.stats.unexpected,
      skipped: json.stats.skipped,
    };
  }
  // Vitest. A suite whose beforeAll failed has no failed test (its tests are reported as
  // skipped): count the suite, so the summary never says 0 failed for a red run.
  return {
    passed: json.numPassedTests,
    failed: Math.max(
      json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0),
      json.numFailedTestSuites ?? 0,
    ),
    skipped: json.numPendingTests + json.numTodoTests,
  };
}

let chromium;
let services;
const lastServices = order.findLast((name) => SERVICES.has(name));

for (const { name, command } of scripts) {
  const missing = (NEEDS_PASSED[name] ?? []).filter(
    (first) => order.includes(first) && !steps.find((s) => s.name === first)?.ok,
  );
  if (missing.length > 0) {
    console.log(`\n::: ${name} skipped: ${missing.join(', ')} did not pass`);
    continue;
  }
  if (CHROMIUM.has(name)) {
    chromium ??= step('chromium for browser tests', ensureChromium).ok;
    if (!chromium) {
      console.log(`\n::: ${name} skipped: no Chromium`);
      continue;
    }
  }
  if (SERVICES.has(name) && !services) {
    // Redis and PostgreSQL for the callback store tests (ensure-services.mjs).
    step('redis + postgres for the store tests', () => {
      try {
        services = startServices();
        env.FLITT_TEST_REDIS_URL = services.redisUrl;
        env.FLITT_TEST_POSTGRES_URL = services.postgresUrl;
        return true;
      } catch (error) {
        console.error(error.message);
        env.FLITT_TEST_SERVICES_ERROR = error.message;
        services = { stop() {} };
        return false;
      }
    });
  }
  const reportName = name.replace(':', '-');
  const entry = step(
    name,
    () =>
      spawnSync('npm', ['run', name], {
        stdio: 'inherit',
        env: { ...env, FLITT_TEST_REPORT: reportName },
      }).status === 0,
  );
  entry.report = join(out, `${reportName}.json`);
  entry.runner = /^(vitest|playwright) /.test(command);
  if (name === lastServices) {
    services?.stop();
    delete env.FLITT_TEST_REDIS_URL;
    delete env.FLITT_TEST_POSTGRES_URL;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const s of steps) {
  const counts = s.report && report(s.report);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
    // A runner that failed without a failed test (a crash, an unhandled error) still failed.
    if (!s.ok && counts.failed === 0) failed += 1;
  } else if (!s.ok || s.runner) {
    // A failed check, or a runner that wrote no report.
    failed += 1;
  }
}

console.log('\n::: summary');
for (const s of steps) console.log(`  ${s.ok ? 'ok    ' : 'FAILED'} ${s.name} (${s.seconds}s)`);
for (const [name, why] of Object.entries(EXCLUDED))
  if (name in manifest.scripts) console.log(`  left out ${name}: ${why}`);
const line = `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
writeFileSync(join(out, 'summary.txt'), `${line}\n`);
console.log(line);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
