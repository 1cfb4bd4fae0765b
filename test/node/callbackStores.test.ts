// One contract for every CallbackStore, run against the memory store and against real Redis and
// PostgreSQL servers (@flitt-checkout/test-kit/services): claim / done / busy, leases that lapse, release and
// complete acting only on their own claim, retention, and one winner among parallel claims.
import { setTimeout as sleep } from 'node:timers/promises';
import { FlittConfigError } from '@flitt-checkout/core';
import { type CallbackStore, createMemoryCallbackStore } from '@flitt-checkout/server';
import {
  createPostgresCallbackStore,
  type PostgresCallbackStore,
  postgresCallbackStoreSchema,
} from '@flitt-checkout/server/postgres';
import { createRedisCallbackStore } from '@flitt-checkout/server/redis';
import { withTestServices } from '@flitt-checkout/test-kit/services';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';

const LEASE_MS = 200;
const run = `${process.pid}_${Date.now().toString(36)}`;
const services = withTestServices();
const closers: (() => Promise<unknown>)[] = [];
let seq = 0;
const newKey = () => `order-${++seq}:approved:0`;

afterAll(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function redisClient() {
  const client = await createClient({ url: services().redisUrl }).connect();
  closers.push(() => client.quit());
  return client;
}

function pgPool() {
  const pool = new pg.Pool({ connectionString: services().postgresUrl, max: 10 });
  // The server stops right after this file: an idle connection told so is no test failure.
  pool.on('error', () => {});
  closers.push(() => pool.end());
  return pool;
}

interface Backend {
  readonly name: string;
  /** Whether separate instances (processes, connections) share what the store remembers. */
  readonly shared: boolean;
  /** A store over the backend; for a shared one, on its own new connection. */
  open(options?: { retentionSeconds?: number }): Promise<CallbackStore>;
}

const table = `flitt_events_${run}`;
const backends: Backend[] = [
  { name: 'memory', shared: false, open: async () => createMemoryCallbackStore() },
  {
    name: 'Redis',
    shared: true,
    open: async (options = {}) =>
      createRedisCallbackStore({ client: await redisClient(), prefix: `test:${run}:`, ...options }),
  },
  {
    name: 'PostgreSQL',
    shared: true,
    open: async (options = {}) => {
      const store = createPostgresCallbackStore({ pool: pgPool(), table, ...options });
      await store.ensureSchema();
      return store;
    },
  },
];

for (const backend of backends) {
  describe(`the ${backend.name} callback store`, () => {
    it('claims a new event, is busy while the lease runs, and done once completed', async () => {
      const store = await backend.open();
      const key = newKey();
      expect(await store.claim(key, 60_000)).toBe('claimed');
      expect(await store.claim(key, 60_000)).toBe('busy');
      await store.complete(key);
      expect(await store.claim(key, 60_000)).toBe('done');
      expect(await store.claim(key, 60_000)).toBe('done');
    });

    it('keeps events apart: claiming one leaves another free', async () => {
      const store = await backend.open();
      const [a, b] = [newKey(), newKey()];
      expect(await store.claim(a, 60_000)).toBe('claimed');
      expect(await store.claim(b, 60_000)).toBe('claimed');
      await store.complete(a);
      expect(await store.claim(b, 60_000)).toBe('busy');
    });

    it('lets a lapsed lease be claimed again (its holder died mid-event)', async () => {
      const store = await backend.open();
      const key = newKey();
      expect(await store.claim(key, LEASE_MS)).toBe('claimed');
      expect(await store.claim(key, LEASE_MS)).toBe('busy');
      await sleep(LEASE_MS + 150);
      expect(await store.claim(key, 60_000)).toBe('claimed');
      expect(await store.claim(key, 60_000)).toBe('busy');
    });

    it('release drops the claim, so the retry runs the event; a released event is not done', async () => {
      const store = await backend.open();
      const key = newKey();
      expect(await store.claim(key, 60_000)).toBe('claimed');
      await store.release(key);
      expect(await store.claim(key, 60_000)).toBe('claimed');
      await store.complete(key);
      expect(await store.claim(key, 60_000)).toBe('done');
      await store.release(key); // after complete: nothing to release, still done
      expect(await store.claim(key, 60_000)).toBe('done');
    });

    it(`gives 50 parallel claims of one event exactly one 'claimed'${backend.shared ? ', across two connections' : ''}`, async () => {
      const stores = backend.shared
        ? [await backend.open(), await backend.open()]
        : [await backend.open()];
      const key = newKey();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => stores[i % stores.length]?.claim(key, 60_000)),
      );
      expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
      expect(results.filter((r) => r === 'busy')).toHaveLength(49);
      const winner = stores[results.indexOf('claimed') % stores.length] as CallbackStore;
      await winner.complete(key);
      const again = await Promise.all(
        Array.from({ length: 50 }, (_, i) => stores[i % stores.length]?.claim(key, 60_000)),
      );
      expect(new Set(again)).toEqual(new Set(['done']));
    });

    if (!backend.shared) {
      it("is one process's memory: another store does not see its claims (use a shared store with several instances)", async () => {
        const [a, b] = [await backend.open(), await backend.open()];
        const key = newKey();
        expect(await a.claim(key, 60_000)).toBe('claimed');
        expect(await b.claim(key, 60_000)).toBe('claimed');
      });
      return;
    }

    it("release acts only on its own claim: another instance's release leaves it busy", async () => {
      const [a, b] = [await backend.open(), await backend.open()];
      const key = newKey();
      expect(await a.claim(key, 60_000)).toBe('claimed');
      await b.release(key);
      expect(await b.claim(key, 60_000)).toBe('busy');
      await a.release(key);
      expect(await b.claim(key, 60_000)).toBe('claimed');
    });

    it("complete acts only on its own claim: another instance's complete leaves it busy", async () => {
      const [a, b] = [await backend.open(), await backend.open()];
      const key = newKey();
      expect(await a.claim(key, 60_000)).toBe('claimed');
      await b.complete(key);
      expect(await b.claim(key, 60_000)).toBe('busy');
      await a.complete(key);
      expect(await b.claim(key, 60_000)).toBe('done');
    });

    it('a holder whose lease lapsed and was taken over cannot complete or release the new claim', async () => {
      const [slow, other] = [await backend.open(), await backend.open()];
      const key = newKey();
      expect(await slow.claim(key, LEASE_MS)).toBe('claimed');
      await sleep(LEASE_MS + 150);
      expect(await other.claim(key, 60_000)).toBe('claimed');
      await slow.complete(key);
      expect(await slow.claim(key, 60_000)).toBe('busy');
      await slow.release(key);
      expect(await slow.claim(key, 60_000)).toBe('busy');
      await other.complete(key);
      expect(await slow.claim(key, 60_000)).toBe('done');
    });

    it('a holder whose lease lapsed, with nobody taking over, still completes: the event ran', async () => {
      const [slow, other] = [await backend.open(), await backend.open()];
      const key = newKey();
      expect(await slow.claim(key, LEASE_MS)).toBe('claimed');
      await sleep(LEASE_MS + 150);
      await slow.complete(key);
      expect(await other.claim(key, 60_000)).toBe('done');
    });

    it('forgets a done event after retentionSeconds, so it can be claimed again', async () => {
      const store = await backend.open({ retentionSeconds: 0.4 });
      const key = newKey();
      expect(await store.claim(key, 60_000)).toBe('claimed');
      await store.complete(key);
      expect(await store.claim(key, 60_000)).toBe('done');
      await sleep(600);
      expect(await store.claim(key, 60_000)).toBe('claimed');
    });
  });
}

describe('createRedisCallbackStore', () => {
  it('keeps a done event for the retention (30 days by default) under its prefix', async () => {
    const client = await redisClient();
    const prefix = `test:${run}:ttl:`;
    const store = createRedisCallbackStore({ client, prefix });
    const key = newKey();
    expect(await store.claim(key, 5000)).toBe('claimed');
    expect(await client.get(`${prefix}${key}`)).toMatch(/^busy:[0-9a-f-]{36}$/);
    expect(await client.pTTL(`${prefix}${key}`)).toBeLessThanOrEqual(5000);
    await store.complete(key);
    expect(await client.get(`${prefix}${key}`)).toBe('done');
    const ttl = await client.ttl(`${prefix}${key}`);
    expect(ttl).toBeGreaterThan(30 * 24 * 3600 - 10);
    expect(ttl).toBeLessThanOrEqual(30 * 24 * 3600);
  });

  it("works over an ioredis-shaped client (call(command, ...args)), preferring it to ioredis's own sendCommand", async () => {
    const client = await redisClient();
    const calls: string[] = [];
    const shaped = {
      call: (command: string, ...args: string[]) => {
        calls.push(command);
        return client.sendCommand([command, ...args]);
      },
      // ioredis's sendCommand takes a Command object: it must not be used.
      sendCommand: () => Promise.reject(new Error('not this one')),
    };
    const [a, b] = [
      createRedisCallbackStore({ client: shaped, prefix: `test:${run}:io:` }),
      createRedisCallbackStore({ client: shaped, prefix: `test:${run}:io:` }),
    ];
    const key = newKey();
    expect(await a.claim(key, 60_000)).toBe('claimed');
    expect(await b.claim(key, 60_000)).toBe('busy');
    await b.complete(key);
    await a.complete(key);
    expect(await b.claim(key, 60_000)).toBe('done');
    expect(new Set(calls)).toEqual(new Set(['SET', 'GET', 'EVAL']));
  });

  const client = { sendCommand: async (): Promise<unknown> => null };
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['no client', {}, 'invalid_redis_client', /client must be a connected node-redis/],
    [
      'the URL instead of a client',
      { client: 'redis://:hunter2@cache:6379' },
      'invalid_redis_client',
      /got a string/,
    ],
    [
      'a prefix that is not a string',
      { client, prefix: 7 },
      'invalid_redis_prefix',
      /prefix must be a string \(got a number\)/,
    ],
    [
      'a retention of 0',
      { client, retentionSeconds: 0 },
      'invalid_retention',
      /retentionSeconds must be a positive number of seconds \(got 0\)/,
    ],
    [
      'a retention as text',
      { client, retentionSeconds: '30d' },
      'invalid_retention',
      /\(got a string\)/,
    ],
  ])(
    'refuses %s with a FlittConfigError naming the option, never printing its value',
    (_, options, code, message) => {
      let error: unknown;
      try {
        createRedisCallbackStore(options as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FlittConfigError);
      expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(String((error as Error).message)).not.toMatch(/hunter2|30d/);
    },
  );
});

describe('createPostgresCallbackStore', () => {
  it('creates its table once even when several instances start together, and the SQL is exported', async () => {
    // Six instances at once, 25 times over, each time a new table: PostgreSQL lets the losers
    // fail in three ways (a catalog key, the relation, its row type), each of which must pass.
    const pools = Array.from({ length: 6 }, () => pgPool());
    for (let i = 0; i < 25; i++) {
      const table = `flitt_race_${run}_${i}`;
      try {
        await Promise.all(
          pools.map((pool) => createPostgresCallbackStore({ pool, table }).ensureSchema()),
        );
      } finally {
        await pools[0]?.query(`DROP TABLE IF EXISTS "${table}"`);
      }
    }
    const own = `flitt_schema_${run}`;
    const stores = pools.map((pool) => createPostgresCallbackStore({ pool, table: own }));
    await Promise.all(stores.map((s) => s.ensureSchema()));
    await Promise.all(stores.map((s) => s.ensureSchema()));
    const pool = pgPool();
    const { rows } = await pool.query(
      'SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
      [own],
    );
    expect(rows.map((r) => r.column_name)).toEqual(['key', 'state', 'token', 'expires_at']);
    expect(postgresCallbackStoreSchema(own)).toContain(`CREATE TABLE IF NOT EXISTS "${own}"`);
    await pool.query(`DROP TABLE "${own}"`);
  });

  it('waits for another instance still creating its table, then finds it there (23505, not left to chance)', async () => {
    const own = `flitt_held_${run}`;
    const holder = new pg.Client({ connectionString: services().postgresUrl });
    await holder.connect();
    try {
      // The other instance has created the table in a transaction it has not committed yet.
      await holder.query('BEGIN');
      await holder.query(postgresCallbackStoreSchema(own));
      const pool = pgPool();
      const starting = createPostgresCallbackStore({ pool, table: own }).ensureSchema();
      // Ours waits on the other's uncommitted row type (PostgreSQL's lock, not a timer).
      const waiting = async () =>
        Number(
          (
            await pgPool().query(
              "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1",
              [`%${own}%`],
            )
          ).rows[0]?.n,
        );
      for (let i = 0; i < 100 && (await waiting()) === 0; i++) await sleep(20);
      expect(await waiting()).toBe(1);
      await holder.query('COMMIT');
      await starting;
      const { rows } = await pool.query('SELECT count(*) AS n FROM pg_class WHERE relname = $1', [
        own,
      ]);
      expect(Number(rows[0]?.n)).toBe(1);
    } finally {
      await holder.query(`ROLLBACK; DROP TABLE IF EXISTS "${own}"`).catch(() => {});
      await holder.end();
    }
  });

  it('purge() deletes done events past the retention and leaves the others; claim purges too', async () => {
    const own = `flitt_purge_${run}`;
    const pool = pgPool();
    const count = async () =>
      Number((await pool.query(`SELECT count(*) AS n FROM "${own}"`)).rows[0]?.n);
    const short = createPostgresCallbackStore({ pool, table: own, retentionSeconds: 0.3 });
    await short.ensureSchema();
    const [old, busy] = [newKey(), newKey()];
    await short.claim(old, 60_000);
    await short.complete(old);
    await short.claim(busy, 60_000);
    expect(await short.purge()).toBe(0);
    await sleep(500);
    expect(await short.purge()).toBe(1);
    expect(await count()).toBe(1); // the busy claim stays

    await short.claim(newKey(), 60_000); // purged already this hour: no second purge
    const again = newKey();
    await short.claim(again, 60_000);
    await short.complete(again);
    await sleep(500);
    const fresh: PostgresCallbackStore = createPostgresCallbackStore({
      pool,
      table: own,
      retentionSeconds: 0.3,
    });
    await fresh.claim(newKey(), 60_000); // a new store purges on its first claim
    await expect.poll(count).toBe(3);
    await pool.query(`DROP TABLE "${own}"`);
  });

  it('accepts a schema-qualified table', async () => {
    const pool = pgPool();
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "shop_${run}"`);
    const store = createPostgresCallbackStore({ pool, table: `shop_${run}.events` });
    await store.ensureSchema();
    const key = newKey();
    expect(await store.claim(key, 60_000)).toBe('claimed');
    await store.complete(key);
    expect(await store.claim(key, 60_000)).toBe('done');
    await pool.query(`DROP SCHEMA "shop_${run}" CASCADE`);
  });

  const secret = 'postgres://shop:hunter2@db:5432/shop';
  const pool = { query: async () => ({ rows: [] }) };
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['no pool', {}, 'invalid_postgres_pool', /pool must be a node-postgres Pool/],
    [
      'the connection string instead of a pool',
      { pool: secret },
      'invalid_postgres_pool',
      /got a string\. Pass new Pool\(\{ connectionString \}\)/,
    ],
    [
      'a table name with a quote',
      { pool, table: 'events"; DROP TABLE x; --' },
      'invalid_postgres_table',
      /table must be a table name/,
    ],
    [
      'a table name with three parts',
      { pool, table: 'a.b.c' },
      'invalid_postgres_table',
      /optionally with its schema/,
    ],
    [
      'a negative retention',
      { pool, retentionSeconds: -1 },
      'invalid_retention',
      /retentionSeconds must be a positive number/,
    ],
  ])(
    'refuses %s with a FlittConfigError naming the option, never printing its value',
    (_, options, code, message) => {
      let error: unknown;
      try {
        createPostgresCallbackStore(options as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FlittConfigError);
      expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(String((error as Error).message)).not.toMatch(/hunter2|DROP/);
    },
  );
});
