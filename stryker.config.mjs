// StrykerJS over the money- and security-critical code (`npm run test:mutation`, not part of
// `npm test`: a full run takes tens of minutes). Scores and the survivors left: MUTATION.md.
// One group at a time: STRYKER_MUTATE=packages/server/src/node.ts npm run test:mutation
const only = process.env.STRYKER_MUTATE;
// Each group keeps its own incremental file, so a re-run of one group does not forget another's.
const group = only
  ? `-${only.replace(/packages\/|src\/|\.ts/g, '').replace(/[^A-Za-z0-9]+/g, '_')}`
  : '';

const config = {
  testRunner: 'vitest',
  // Named, not the default '@stryker-mutator/*' glob: under pnpm that glob is looked for next to
  // @stryker-mutator/core inside node_modules/.pnpm, where the runner is not linked.
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  mutate: only?.split(',') ?? [
    'packages/core/src/signature.ts',
    'packages/core/src/validateOrder.ts',
    'packages/core/src/checkoutUrl.ts',
    // The React session's critical modules (they live in core, free of React): the attempt, the
    // flows, the embedded controller, the outcome of a payment and the merchant endpoints' client.
    'packages/core/src/checkoutAttempt.ts',
    'packages/core/src/checkoutSession.ts',
    'packages/core/src/redirectFlow.ts',
    'packages/core/src/embeddedCheckout.ts',
    'packages/core/src/paymentOutcome.ts',
    'packages/core/src/merchantApi.ts',
    'packages/server/src/createFlittHandlers.ts',
    'packages/server/src/events.ts',
    'packages/server/src/callbackStore.ts',
    'packages/server/src/node.ts',
    'packages/server/src/readBody.ts',
    'packages/server/src/createFlittCaller.ts',
    'packages/server/src/readClientConfig.ts',
    // The shared stores: their tests need the Redis and PostgreSQL that
    // `node scripts/ensure-services.mjs` keeps running (see test/mutation/vitest.config.ts).
    'packages/server/src/redis.ts',
    'packages/server/src/postgres.ts',
    // Saved cards (issue 17): who may save, see, use and remove a card; not measured yet.
    'packages/server/src/savedCards.ts',
    'packages/server/src/cardVault.ts',
    'packages/server/src/postgresCardVault.ts',
    'packages/server/src/postgresShared.ts',
  ],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  incremental: true,
  incrementalFile: `.stryker-tmp/incremental${group}.json`,
  tempDirName: '.stryker-tmp',
  // The machine is shared: two test processes at most (STRYKER_CONCURRENCY=1 for one).
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: `.stryker-tmp/mutation${group}.json` },
  clearTextReporter: { allowColor: false, logTests: false },
  // Type-checks are `tsc -b`'s job; the workspace's tests read sources, not a build.
  checkers: [],
  cleanTempDir: 'always',
};

export default config;
