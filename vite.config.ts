/// <reference types="vitest/config" />
import { playwright } from '@vitest/browser-playwright';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Chromium on this network must not try to reach Google's hosts; Playwright cannot download its own.
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  }),
  instances: [{ browser: 'chromium' as const }],
});

const outDir = process.env.FLITT_TEST_OUT;

export default defineConfig({
  resolve: { conditions: ['@flitt-checkout/source', ...defaultClientConditions] },
  test: {
    reporters: outDir ? ['default', 'json'] : ['default'],
    ...(outDir ? { outputFile: { json: `${outDir}/vitest.json` } } : {}),
    projects: [
      {
        extends: true,
        // Only add our source condition: extra ones (like `import`) leak into Node's own require()
        // of dependencies and break CommonJS packages (express → is-promise).
        resolve: { conditions: ['@flitt-checkout/source', ...defaultServerConditions] },
        ssr: { resolve: { conditions: ['@flitt-checkout/source', ...defaultServerConditions] } },
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/{core,server,sandbox}/src/**/*.test.ts', 'test/node/**/*.test.ts'],
        },
      },
      {
        // Core claims to run in browsers: its own tests run again in real Chromium to prove it.
        extends: true,
        test: {
          name: 'browser',
          include: ['packages/core/src/**/*.test.ts'],
          browser: browser(),
        },
      },
    ],
  },
});
