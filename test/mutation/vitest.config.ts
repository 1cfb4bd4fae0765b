// The one Vitest project StrykerJS runs for `npm run test:mutation` (stryker.config.mjs): only the
// node tests that exercise the mutated files, with the fuzz properties at fewer runs, so each
// mutant's test run stays short. The load test (handlerLoad) and the Redis / PostgreSQL store
// contract (callbackStores, which starts the servers) are left out: see MUTATION.md.
import { defaultServerConditions, defineConfig } from 'vite';

// The workspace packages by path, inside the copy StrykerJS mutates: their node_modules links
// point at the checkout itself, so a test importing `@flitt-checkout/server/node` would otherwise
// run the original, unmutated node.ts and every mutant of it would look uncovered.
const root = new URL('../../', import.meta.url).pathname;
const alias = [
  {
    find: /^@flitt-checkout\/(core|server|sandbox)$/,
    replacement: `${root}packages/$1/src/index.ts`,
  },
  {
    find: /^@flitt-checkout\/core\/messages$/,
    replacement: `${root}packages/core/src/messages/index.ts`,
  },
  {
    find: /^@flitt-checkout\/(core|server|sandbox)\/([\w/]+)$/,
    replacement: `${root}packages/$1/src/$2.ts`,
  },
];

export default defineConfig({
  resolve: { alias, conditions: ['@flitt-checkout/source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['@flitt-checkout/source', ...defaultServerConditions] } },
  test: {
    name: 'mutation',
    root,
    environment: 'node',
    env: { FLITT_FUZZ_RUNS: '60' },
    include: [
      'packages/core/src/{signature,validateOrder,checkoutUrl,checkoutAttempt,checkoutSession,embeddedCheckout,paymentOutcome,merchantApi}.test.ts',
      'packages/server/src/**/*.test.ts',
      'test/node/{badInput,forgedCallbacks,nodeAdapterBodies,nodeAdapterEdges,nodeAdapterLimits,nodeAdapterRequest,nodeAdapterWeb,clientTransport,checkoutSession,embeddedCheckout}.test.ts',
    ],
  },
});
