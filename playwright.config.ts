import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/setup/chromium.ts';

const out = process.env.FLITT_TEST_OUT;
const PORT = 4310;

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 8_000 },
  reporter: out ? [['list'], ['json', { outputFile: `${out}/playwright.json` }]] : [['list']],
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
  webServer: {
    // The demo shop exactly as `npm start` runs it, with the sandbox on a free port.
    command:
      'node_modules/.bin/tsx --conditions=@flitt-checkout/source examples/shop/server/main.ts',
    url: `http://127.0.0.1:${PORT}/api/shop/config`,
    env: { PORT: String(PORT), SANDBOX_PORT: '0', CI: '1' },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
  },
});
