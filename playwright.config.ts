import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@flitt-checkout/test-kit/chromium';
import { defineConfig } from '@playwright/test';

// `npm test` (scripts/test-all.mjs) sets both: the JSON report it sums.
const out = process.env.FLITT_TEST_OUT;
const reportName = process.env.FLITT_TEST_REPORT ?? 'playwright';
const PORT = 4310;
const STORYBOOK_PORT = 6007;

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 8_000 },
  reporter: out ? [['list'], ['json', { outputFile: `${out}/${reportName}.json` }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    trace: 'off',
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser on this network.
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
  },
  webServer: [
    {
      // The demo shop exactly as `npm start` runs it, with the sandbox on a free port.
      command:
        'node_modules/.bin/tsx --conditions=@flitt-checkout/source examples/shop/server/main.ts',
      url: `http://127.0.0.1:${PORT}/api/shop/config`,
      env: { PORT: String(PORT), SANDBOX_PORT: '0', CI: '1' },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      // The built Storybook (npm test builds it first; built here when missing).
      command: `sh -c '[ -f storybook-static/index.json ] || node_modules/.bin/storybook build -o storybook-static --quiet; exec node_modules/.bin/vite preview --outDir storybook-static --port ${STORYBOOK_PORT} --strictPort --host 127.0.0.1'`,
      url: `http://127.0.0.1:${STORYBOOK_PORT}/index.json`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
    },
  ],
});
