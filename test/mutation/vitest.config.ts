// The one Vitest project StrykerJS runs for `npm run test:mutation` (stryker.config.mjs): only the
// node tests that exercise the mutated files, with the fuzz properties at fewer runs, so each
// mutant's test run stays short. The load test (handlerLoad) and the Redis / PostgreSQL store
// contract (callbackStores, which starts the servers) are left out: see MUTATION.md.
import { defaultServerConditions, defineConfig } from 'vite';

export default defineConfig({
  resolve: { conditions: ['@flitt-checkout/source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['@flitt-checkout/source', ...defaultServerConditions] } },
  test: {
    name: 'mutation',
    root: new URL('../..', import.meta.url).pathname,
    environment: 'node',
    env: { FLITT_FUZZ_RUNS: '60' },
    include: [
      'packages/core/src/{signature,validateOrder,checkoutUrl}.test.ts',
      'packages/server/src/**/*.test.ts',
      'test/node/{badInput,forgedCallbacks,nodeAdapterBodies,nodeAdapterLimits,nodeAdapterRequest,clientTransport,checkoutSession}.test.ts',
    ],
  },
});
