// Runs every check in order, keeps going after a failure so one run reports everything, and ends
// with `tests: N passed, N failed, N skipped` over every test runner (a failed check counts as one
// failure). Used by `npm test` and `.ci/run`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { startServices } from './ensure-services.mjs';

const out = join(process.cwd(), '.test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const bin = (name) => join('node_modules', '.bin', name);
const env = { ...process.env, FLITT_TEST_OUT: out, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const steps = [];

function run(name, command, args, options = {}) {
  const started = Date.now();
  console.log(`\n::: ${name}`);
  const ok =
    typeof command === 'function'
      ? command()
      : spawnSync(command, args, { stdio: 'inherit', env, ...options }).status === 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`::: ${name} ${ok ? 'ok' : 'FAILED'} (${seconds}s)`);
  steps.push({ name, ok, seconds });
  return ok;
}

run('format + lint (biome)', bin('biome'), ['ci', '.']);
// Unused files, exports and dependencies; knip.ts says why it needs tsconfig.knip.json.
run('unused code (knip)', bin('knip'), ['--no-progress', '--tsConfig', 'tsconfig.knip.json']);
run('typecheck (tsc -b)', bin('tsc'), ['-b']);
const built = run('build packages', 'npx', ['--yes', 'pnpm@10.34.9', 'run', 'build']);
if (built)
  run('package checks (publint, attw)', 'npx', ['--yes', 'pnpm@10.34.9', 'run', 'lint:packages']);
const browser = run('chromium for browser tests', ensureChromium);
// Redis and PostgreSQL for the callback store tests (ensure-services.mjs), stopped after vitest.
let services;
run('redis + postgres for the store tests', () => {
  try {
    services = startServices();
    env.FLITT_TEST_REDIS_URL = services.redisUrl;
    env.FLITT_TEST_POSTGRES_URL = services.postgresUrl;
    return true;
  } catch (error) {
    console.error(error.message);
    env.FLITT_TEST_SERVICES_ERROR = error.message;
    return false;
  }
});
run('vitest (all projects)', bin('vitest'), [
  'run',
  ...(browser ? [] : ['--project', 'node', '--project', 'jsdom']),
]);
services?.stop();
if (existsSync('.storybook/main.ts'))
  run('storybook build', bin('storybook'), ['build', '-o', 'storybook-static', '--quiet']);
if (browser) run('e2e: demo shop (playwright)', bin('playwright'), ['test']);

let passed = 0;
let failed = 0;
let skipped = 0;
const vitestJson = join(out, 'vitest.json');
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests;
  // A suite whose beforeAll failed has no failed test (its tests are reported as skipped): count
  // the suite, so the summary never says 0 failed for a red run.
  failed += Math.max(
    v.numFailedTests + (v.numRuntimeErrorTestSuites ?? 0),
    v.numFailedTestSuites ?? 0,
  );
  skipped += v.numPendingTests + v.numTodoTests;
} else {
  failed += 1;
}
const playwrightJson = join(out, 'playwright.json');
if (existsSync(playwrightJson)) {
  const p = JSON.parse(readFileSync(playwrightJson, 'utf8'));
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
} else if (browser) {
  failed += 1;
}
// Runner steps are counted by their tests; any other failed step counts as one failure, and so
// does a runner that failed without a failed test in its report.
const failedChecks = steps.filter(
  (s) => !s.ok && !s.name.startsWith('vitest') && !s.name.startsWith('e2e'),
);
failed += failedChecks.length;
if (failed === 0 && steps.some((s) => !s.ok)) failed = 1;

console.log('\n::: summary');
for (const s of steps) console.log(`  ${s.ok ? 'ok    ' : 'FAILED'} ${s.name} (${s.seconds}s)`);
const line = `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
writeFileSync(join(out, 'summary.txt'), `${line}\n`);
console.log(line);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
