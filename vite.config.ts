/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';
// The kit's Chromium launch (@flitt-checkout/test-kit/chromium) by its path: Vite bundles a
// config's relative imports, but leaves package imports to Node, which cannot load a .ts file.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/kit/chromium.ts';

// A fresh object per project: Vitest refuses two projects sharing one browser instance list.
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  }),
  instances: [{ browser: 'chromium' as const }],
  // A viewport the page fits unscaled: a scaled tester frame makes clicks in nested frames land wrong.
  viewport: { width: 1024, height: 900 },
});

// `npm test` (scripts/test-all.mjs) sets both: each test:* script writes its own JSON report.
const outDir = process.env.FLITT_TEST_OUT;
const reportName = process.env.FLITT_TEST_REPORT ?? 'vitest';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@flitt-checkout/source', ...defaultClientConditions] },
  // Node-side code (globalSetup servers, SSR tests) also runs from the workspace sources.
  ssr: { resolve: { conditions: ['@flitt-checkout/source', ...defaultServerConditions] } },
  optimizeDeps: {
    include: [
      'react',
      'react-dom/client',
      'react/jsx-dev-runtime',
      '@tanstack/react-query',
      'vitest-browser-react',
      // Found late on a cold cache otherwise: Vite re-optimises and reloads mid-run, and the
      // storybook project fails with "Vite unexpectedly reloaded a test".
      'msw',
      'msw/browser',
      'msw-storybook-addon/csf3',
      'storybook/test',
    ],
  },
  test: {
    reporters: outDir ? ['default', 'json'] : ['default'],
    ...(outDir ? { outputFile: { json: `${outDir}/${reportName}.json` } } : {}),
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
        extends: true,
        // jsdom tests run the shop's server handlers in the same Node process as the components;
        // resolve the server package to its source so its browser-bundle guard does not fire here.
        resolve: {
          alias: {
            '@flitt-checkout/server': fileURLToPath(
              new URL('packages/server/src/index.ts', import.meta.url),
            ),
          },
        },
        // Server-rendering tests in this project run in the node environment.
        ssr: { resolve: { conditions: ['@flitt-checkout/source', ...defaultServerConditions] } },
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          // The react package's own tests beside its modules; tests across packages in test/jsdom.
          include: ['packages/react/src/**/*.test.{ts,tsx}', 'test/jsdom/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup/jsdom.ts'],
        },
      },
      {
        // Core claims to run in browsers: its own tests run again in real Chromium to prove it.
        // The embedded checkout runs here against the sandbox's checkout.js (test/browser).
        extends: true,
        test: {
          name: 'browser',
          include: ['packages/core/src/**/*.test.ts', 'test/browser/**/*.test.{ts,tsx}'],
          globalSetup: ['test/setup/browserServers.ts'],
          browser: browser(),
        },
      },
      {
        // Every story is a test: its play function runs, then axe (parameters.a11y.test: 'error').
        extends: true,
        plugins: [
          storybookTest({ configDir: fileURLToPath(new URL('.storybook', import.meta.url)) }),
        ],
        test: { name: 'storybook', browser: browser() },
      },
    ],
  },
});
