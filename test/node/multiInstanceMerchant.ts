// One merchant server instance (the kit's test merchant) for test/node/multiInstance.test.ts, run as its own process: the
// callback handler over the shared Redis or PostgreSQL store, recording each onEvent run in that
// same database (so the test counts runs across processes). Prints `listening <port>` when ready.
//
// Environment: FLITT_TEST_STORE (redis | postgres), FLITT_TEST_STORE_URL, FLITT_TEST_NS (key
// prefix / table prefix), FLITT_TEST_SANDBOX_URL, FLITT_TEST_INSTANCE (its name),
// FLITT_TEST_LEASE_MS, FLITT_TEST_HOLD_MS (how long onEvent takes), FLITT_TEST_BLOCK=1 (onEvent
// never returns for orders whose id starts with "block-": the test kills this process there).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallbackStore, FlittEvent } from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';
import { createPostgresCallbackStore } from '@flitt-checkout/server/postgres';
import { createRedisCallbackStore } from '@flitt-checkout/server/redis';
import { createTestMerchant } from '@flitt-checkout/test-kit/merchant';
import pg from 'pg';
import { createClient } from 'redis';

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

const ns = env('FLITT_TEST_NS');
const instance = env('FLITT_TEST_INSTANCE');
const url = env('FLITT_TEST_STORE_URL');
const holdMs = Number(env('FLITT_TEST_HOLD_MS'));
const block = process.env.FLITT_TEST_BLOCK === '1';

type Phase = 'start' | 'end';
let store: CallbackStore;
let record: (event: FlittEvent, phase: Phase) => Promise<void>;
let close: () => Promise<void>;

if (env('FLITT_TEST_STORE') === 'redis') {
  const client = await createClient({ url }).connect();
  store = createRedisCallbackStore({ client, prefix: `${ns}:event:` });
  record = async (event, phase) => {
    await client.rPush(
      `${ns}:runs`,
      JSON.stringify({ instance, orderId: event.orderId, id: event.id, phase }),
    );
  };
  close = async () => {
    await client.quit();
  };
} else {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  const postgres = createPostgresCallbackStore({ pool, table: `${ns}_events` });
  await postgres.ensureSchema();
  store = postgres;
  record = async (event, phase) => {
    await pool.query(
      `INSERT INTO "${ns}_runs" (instance, order_id, id, phase) VALUES ($1, $2, $3, $4)`,
      [instance, event.orderId, event.id, phase],
    );
  };
  close = () => pool.end();
}

const { handlers } = createTestMerchant(
  { baseUrl: env('FLITT_TEST_SANDBOX_URL') },
  {
    timeoutMs: 5000,
    resolveOrder: () => {
      throw new Error('this instance only receives callbacks');
    },
    store,
    eventLeaseMs: Number(env('FLITT_TEST_LEASE_MS')),
    onEvent: async (event) => {
      await record(event, 'start');
      if (block && event.orderId.startsWith('block-')) await new Promise(() => {});
      await sleep(holdMs);
      await record(event, 'end');
    },
  },
);

const server = createServer(toNodeHandler(handlers.callback));
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    void close().finally(() => process.exit(0));
  });
});
