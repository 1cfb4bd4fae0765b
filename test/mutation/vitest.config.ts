// The one Vitest project StrykerJS runs for `npm run test:mutation` (stryker.config.mjs): only the
// node tests that exercise the mutated files, with the fuzz properties at fewer runs, so each
// mutant's test run stays short. The load test (handlerLoad) is left out: see MUTATION.md.
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

// The Redis / PostgreSQL store and card-vault contracts (callbackStores, cardVaults) run in the full run and in a group that
// mutates redis.ts or postgres.ts, against the pair `node scripts/ensure-services.mjs` keeps
// running on its fixed ports (FLITT_TEST_REDIS_URL / FLITT_TEST_POSTGRES_URL point elsewhere):
// @flitt-checkout/test-kit/services would otherwise start a pair in every worker, for every test run.
const mutated = process.env.STRYKER_MUTATE;
const stores = !mutated || /redis|postgres|cardVault/i.test(mutated);

export default defineConfig({
  resolve: { alias, conditions: ['@flitt-checkout/source', ...defaultServerConditions] },
  ssr: { resolve: { conditions: ['@flitt-checkout/source', ...defaultServerConditions] } },
  test: {
    name: 'mutation',
    root,
    environment: 'node',
    env: {
      FLITT_FUZZ_RUNS: '60',
      FLITT_TEST_REDIS_URL: process.env.FLITT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6391',
      FLITT_TEST_POSTGRES_URL:
        process.env.FLITT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5441/postgres',
    },
    include: [
      'packages/core/src/{signature,validateOrder,checkoutUrl,checkoutAttempt,checkoutSession,embeddedCheckout,paymentOutcome,merchantApi}.test.ts',
      'packages/server/src/**/*.test.ts',
      'test/node/{badInput,forgedCallbacks,nodeAdapterBodies,nodeAdapterEdges,nodeAdapterLimits,nodeAdapterRequest,nodeAdapterWeb,clientTransport,checkoutSession,embeddedCheckout,redirectFlow}.test.ts',
      ...(stores ? ['test/node/callbackStores.test.ts', 'test/node/cardVaults.test.ts'] : []),
    ],
  },
});
