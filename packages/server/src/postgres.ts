// A CallbackStore in PostgreSQL, over the merchant's own node-postgres pool: this package depends
// on no database driver. One row per event; leases and retention run on the database's clock, so
// the instances' clocks need not agree.
import type { CallbackStore } from './callbackStore.ts';
import {
  checkedPool,
  ensureSchemaOn,
  type PostgresQueryable,
  quotedTable,
} from './postgresShared.ts';
import { retentionSecondsOf } from './storeOptions.ts';

/** Options of `createPostgresCallbackStore`. */
export interface PostgresCallbackStoreOptions {
  /** Your `Pool` (or connected `Client`) from `pg`. */
  pool: PostgresQueryable;
  /** Table name, optionally schema-qualified (default `flitt_callback_events`). */
  table?: string;
  /** How long a completed event is remembered, in seconds (default 30 days). */
  retentionSeconds?: number;
}

/** The Postgres store: a `CallbackStore`, plus its schema and cleanup. */
export interface PostgresCallbackStore extends CallbackStore {
  /** Creates the table and its index if they do not exist (what `postgresCallbackStoreSchema` says). */
  ensureSchema(): Promise<void>;
  /** Deletes events done longer ago than the retention (also run now and then by `claim`); resolves how many. */
  purge(): Promise<number>;
}

const DEFAULT_TABLE = 'flitt_callback_events';
// At most one lazy purge an hour per store.
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * The SQL that creates the store's table (what `ensureSchema()` runs), for your migrations.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 *
 * writeFileSync('migrations/001_flitt_callback_events.sql', postgresCallbackStoreSchema());
 */
export function postgresCallbackStoreSchema(table: string = DEFAULT_TABLE): string {
  const name = quotedTable(table, 'createPostgresCallbackStore', DEFAULT_TABLE);
  const index = `"${table.replace('.', '_')}_expires_at"`;
  return `CREATE TABLE IF NOT EXISTS ${name} (
  key text PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('busy', 'done')),
  -- the claim's owner while busy; null once done
  token text,
  -- the lease's end while busy, the end of retention once done
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ${index} ON ${name} (expires_at);`;
}

/**
 * A `CallbackStore` in PostgreSQL, so several server instances run each Flitt event once: a claim
 * is one `INSERT … ON CONFLICT DO UPDATE … WHERE` taking a new or lapsed row, completion and release
 * are conditioned on the claim's token. Run `ensureSchema()` once (or put
 * `postgresCallbackStoreSchema()` in your migrations).
 *
 * @example
 * import pg from 'pg';
 *
 * const store = createPostgresCallbackStore({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });
 * await store.ensureSchema(); // createFlittHandlers({ store, … })
 */
export function createPostgresCallbackStore(
  options: PostgresCallbackStoreOptions,
): PostgresCallbackStore {
  const pool = checkedPool(options?.pool, 'createPostgresCallbackStore');
  const table = options.table ?? DEFAULT_TABLE;
  const name = quotedTable(table, 'createPostgresCallbackStore', DEFAULT_TABLE);
  const retention = retentionSecondsOf(options.retentionSeconds, 'createPostgresCallbackStore');
  const tokens = new Map<string, string>();
  let lastPurge = Number.NEGATIVE_INFINITY;

  const claimSql = `INSERT INTO ${name} AS e (key, state, token, expires_at)
VALUES ($1, 'busy', $2, now() + $3::double precision * interval '1 millisecond')
ON CONFLICT (key) DO UPDATE SET state = 'busy', token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
WHERE e.expires_at <= now()
RETURNING key`;
  const stateSql = `SELECT state FROM ${name} WHERE key = $1`;
  // Our lease may have run out: the row is still ours unless someone claimed it since.
  const completeSql = `UPDATE ${name} SET state = 'done', token = NULL,
  expires_at = now() + $3::double precision * interval '1 second'
WHERE key = $1 AND token = $2`;
  const releaseSql = `DELETE FROM ${name} WHERE key = $1 AND token = $2`;
  // Done rows past retention, and leases that lapsed a retention ago (their instance died and Flitt
  // stopped retrying).
  const purgeSql = `DELETE FROM ${name}
WHERE expires_at <= now() - CASE WHEN state = 'done' THEN interval '0' ELSE $1::double precision * interval '1 second' END`;

  async function purge(): Promise<number> {
    lastPurge = Date.now();
    const result = await pool.query(purgeSql, [retention]);
    return result.rowCount ?? 0;
  }

  return {
    ensureSchema: () => ensureSchemaOn(pool, postgresCallbackStoreSchema(table)),
    purge,
    async claim(key, leaseMs) {
      if (Date.now() - lastPurge >= PURGE_EVERY_MS)
        // Cleanup is not the caller's business: a failed purge is tried again in an hour.
        purge().catch(() => {});
      for (let attempt = 0; attempt < 5; attempt++) {
        const token = crypto.randomUUID();
        const taken = await pool.query(claimSql, [key, token, Math.max(1, Math.ceil(leaseMs))]);
        if (taken.rows.length > 0) {
          tokens.set(key, token);
          return 'claimed';
        }
        const { rows } = await pool.query(stateSql, [key]);
        const state = (rows[0] as { state?: unknown } | undefined)?.state;
        if (state === 'done') return 'done';
        // No row: released or purged between the two statements; take it again.
        if (state !== undefined) return 'busy';
      }
      return 'busy';
    },
    async complete(key) {
      const token = tokens.get(key);
      if (token === undefined) return;
      tokens.delete(key);
      await pool.query(completeSql, [key, token, retention]);
    },
    async release(key) {
      const token = tokens.get(key);
      if (token === undefined) return;
      tokens.delete(key);
      await pool.query(releaseSql, [key, token]);
    },
  };
}

export type { PostgresCardVault, PostgresCardVaultOptions } from './postgresCardVault.ts';
export { createPostgresCardVault, postgresCardVaultSchema } from './postgresCardVault.ts';
