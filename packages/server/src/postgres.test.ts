// The PostgreSQL store in the moments real servers rarely show on cue: a row that vanishes between
// the claim and the read, two instances creating the table at once, a driver without rowCount. A
// scripted pool plays PostgreSQL; test/node/callbackStores.test.ts runs the whole contract against
// a real server.
import { FlittConfigError } from '@flitt-checkout/core';
import { describe, expect, it } from 'vitest';
import { createPostgresCallbackStore, postgresCallbackStoreSchema } from './postgres.ts';

type Reply = { rows: unknown[]; rowCount?: number | null } | Error;

/** A pool answering each query from `script` in turn (an Error rejects), and logging it. */
function scripted(script: Reply[]) {
  const sent: { text: string; values: unknown[] | undefined }[] = [];
  const pool = {
    query: async (text: string, values?: unknown[]) => {
      sent.push({ text, values });
      const reply = script.shift() ?? { rows: [] };
      if (reply instanceof Error) throw reply;
      return reply;
    },
  };
  return { pool, sent };
}

const claimed = { rows: [{ key: 'k' }] };
const none = { rows: [] };
const purged = { rows: [], rowCount: 0 };
const kind = (text: string) => text.split(/\s/)[0];

describe('createPostgresCallbackStore under a race', () => {
  it('claims again when the row it lost to was released before it could read it', async () => {
    // The first claim also purges (once an hour): then INSERT loses, SELECT finds no row, INSERT wins.
    const { pool, sent } = scripted([purged, none, none, claimed]);
    const store = createPostgresCallbackStore({ pool });
    expect(await store.claim('order-1:approved:0', 1000)).toBe('claimed');
    expect(sent.map((q) => kind(q.text))).toEqual(['DELETE', 'INSERT', 'SELECT', 'INSERT']);
  });

  it('answers busy at its first look at a row another instance holds', async () => {
    const { pool, sent } = scripted([purged, none, { rows: [{ state: 'busy' }] }]);
    const store = createPostgresCallbackStore({ pool });
    expect(await store.claim('order-3:approved:0', 1000)).toBe('busy');
    expect(sent.map((q) => kind(q.text))).toEqual(['DELETE', 'INSERT', 'SELECT']);
  });

  it('answers busy after five such races, so Flitt retries later instead of looping', async () => {
    const { pool, sent } = scripted([purged]);
    const store = createPostgresCallbackStore({ pool });
    expect(await store.claim('order-2:approved:0', 1000)).toBe('busy');
    expect(sent.filter((q) => kind(q.text) === 'INSERT')).toHaveLength(5);
  });

  it('leases for whole milliseconds, at least 1', async () => {
    const { pool, sent } = scripted([purged, claimed, claimed]);
    const store = createPostgresCallbackStore({ pool });
    await store.claim('a', 0.2);
    await store.claim('b', 1500.5);
    const inserts = sent.filter((q) => kind(q.text) === 'INSERT');
    expect(inserts.map((q) => q.values?.[2])).toEqual([1, 1501]);
  });

  it('completes and releases only a claim it holds, once', async () => {
    const { pool, sent } = scripted([purged, claimed, none, claimed, none]);
    const store = createPostgresCallbackStore({ pool, retentionSeconds: 60 });
    await store.complete('never-claimed');
    await store.release('never-claimed');
    expect(sent).toEqual([]);
    await store.claim('a', 1000);
    await store.complete('a');
    await store.complete('a');
    await store.release('a');
    await store.claim('b', 1000);
    await store.release('b');
    await store.release('b');
    const token = (key: string) =>
      sent.find((q) => kind(q.text) === 'INSERT' && q.values?.[0] === key)?.values?.[1];
    expect(sent.filter((q) => /^(UPDATE|DELETE FROM \S+ WHERE key)/.test(q.text))).toEqual([
      { text: expect.stringMatching(/^UPDATE .* state = 'done'/s), values: ['a', token('a'), 60] },
      { text: expect.stringMatching(/^DELETE FROM .* token = \$2$/), values: ['b', token('b')] },
    ]);
  });

  it('purges with a driver that leaves rowCount out, counting 0', async () => {
    const { pool } = scripted([{ rows: [] }]);
    expect(await createPostgresCallbackStore({ pool }).purge()).toBe(0);
  });

  it('purges at most once an hour, even when the purge fails', async () => {
    const { pool, sent } = scripted([new Error('permission denied'), claimed, claimed]);
    const store = createPostgresCallbackStore({ pool });
    expect(await store.claim('a', 1000)).toBe('claimed');
    expect(await store.claim('b', 1000)).toBe('claimed');
    expect(sent.map((q) => kind(q.text))).toEqual(['DELETE', 'INSERT', 'INSERT']);
  });
});

describe('createPostgresCallbackStore.ensureSchema', () => {
  it.each(['23505', '42P07', '42710'])(
    'runs once more when another instance created the table at the same moment (%s)',
    async (code) => {
      const { pool, sent } = scripted([Object.assign(new Error('duplicate'), { code }), none]);
      await createPostgresCallbackStore({ pool }).ensureSchema();
      expect(sent).toHaveLength(2);
      expect(sent[1]?.text).toBe(sent[0]?.text);
    },
  );

  it('passes the second failure on: a table name taken by a type of the shop’s own stays an error', async () => {
    const taken = () =>
      Object.assign(new Error('type "flitt_events" already exists'), { code: '42710' });
    const second = taken();
    const { pool, sent } = scripted([taken(), second]);
    await expect(createPostgresCallbackStore({ pool }).ensureSchema()).rejects.toBe(second);
    expect(sent).toHaveLength(2);
  });

  it('passes the first failure on when the second only says the transaction is aborted', async () => {
    const first = Object.assign(new Error('duplicate key value'), { code: '23505' });
    const aborted = Object.assign(new Error('current transaction is aborted'), { code: '25P02' });
    const { pool, sent } = scripted([first, aborted]);
    await expect(createPostgresCallbackStore({ pool }).ensureSchema()).rejects.toBe(first);
    expect(sent).toHaveLength(2);
  });

  it('passes any other failure on', async () => {
    const denied = Object.assign(new Error('permission denied'), { code: '42501' });
    const { pool, sent } = scripted([denied]);
    await expect(createPostgresCallbackStore({ pool }).ensureSchema()).rejects.toBe(denied);
    expect(sent).toHaveLength(1);
  });

  it('refuses a table name that is not text', () => {
    const { pool } = scripted([]);
    expect(() => createPostgresCallbackStore({ pool, table: 5 as never })).toThrow(
      expect.objectContaining({ code: 'invalid_postgres_table', constructor: FlittConfigError }),
    );
  });

  it('names its index after the table, schema and all, for the merchant’s migrations', () => {
    expect(postgresCallbackStoreSchema('shop.events')).toContain(
      'CREATE INDEX IF NOT EXISTS "shop_events_expires_at" ON "shop"."events" (expires_at);',
    );
  });
});

describe('createPostgresCallbackStore’s refusals', () => {
  it.each<[string, () => unknown, string]>([
    [
      'no options at all',
      () => createPostgresCallbackStore(undefined as never),
      'invalid_postgres_pool',
    ],
    [
      'a bad table',
      () => createPostgresCallbackStore({ pool: scripted([]).pool, table: 'a.b.c' }),
      'invalid_postgres_table',
    ],
    [
      'a bad table for the schema',
      () => postgresCallbackStoreSchema('a b'),
      'invalid_postgres_table',
    ],
    [
      'a bad retention',
      () => createPostgresCallbackStore({ pool: scripted([]).pool, retentionSeconds: 0 }),
      'invalid_retention',
    ],
  ])('name the function the merchant called, for %s', (_, call, code) => {
    expect(call).toThrow(
      expect.objectContaining({
        code,
        constructor: FlittConfigError,
        message: expect.stringContaining('[flitt-checkout] createPostgresCallbackStore: '),
      }),
    );
  });
});
