// A CardVault in PostgreSQL, over the merchant's own node-postgres pool, so every server instance
// sees the same saved cards. Two tables: the cards, and the orders whose card a customer asked to
// keep (written before the order goes to Flitt, read when Flitt confirms it).
import { type CardDetails, type CardVault, newCardId, type SavedCard } from './cardVault.ts';
import { checkedPool, ensureSchemaOn, quotedTable } from './postgresShared.ts';

/** Options of `createPostgresCardVault`. */
export interface PostgresCardVaultOptions {
  /** Your `Pool` (or connected `Client`) from `pg`. */
  pool: unknown;
  /** The cards' table, optionally schema-qualified (default `flitt_saved_cards`). */
  table?: string;
  /** The table of orders waiting to save their card (default `<table>_expected`). */
  expectedTable?: string;
}

/** The Postgres vault: a `CardVault`, plus its schema and cleanup. */
export interface PostgresCardVault extends CardVault {
  /** Creates both tables if they do not exist (what `postgresCardVaultSchema` says). */
  ensureSchema(): Promise<void>;
  /** Forgets orders that asked to save a card more than 30 days ago; resolves how many. */
  purge(): Promise<number>;
}

const DEFAULT_TABLE = 'flitt_saved_cards';
const FACTORY = 'createPostgresCardVault';

function tablesOf(options: Pick<PostgresCardVaultOptions, 'table' | 'expectedTable'>) {
  const table = options.table ?? DEFAULT_TABLE;
  const expected = options.expectedTable ?? `${table}_expected`;
  return {
    table,
    cards: quotedTable(table, FACTORY, DEFAULT_TABLE),
    expected: quotedTable(expected, FACTORY, `${DEFAULT_TABLE}_expected`),
    index: `"${table.replace('.', '_')}_customer"`,
  };
}

/**
 * The SQL that creates the vault's tables (what `ensureSchema()` runs), for your migrations.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 *
 * writeFileSync('migrations/002_flitt_saved_cards.sql', postgresCardVaultSchema());
 */
export function postgresCardVaultSchema(
  options: Pick<PostgresCardVaultOptions, 'table' | 'expectedTable'> = {},
): string {
  const { cards, expected, index } = tablesOf(options);
  return `CREATE TABLE IF NOT EXISTS ${cards} (
  id text PRIMARY KEY,
  customer_id text NOT NULL,
  -- Flitt's token: charges only with the merchant's signature, still a credential
  rectoken text NOT NULL,
  brand text NOT NULL,
  masked_pan text NOT NULL,
  expires_at timestamptz,
  saved_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (customer_id, rectoken)
);
CREATE INDEX IF NOT EXISTS ${index} ON ${cards} (customer_id, saved_at DESC);
CREATE TABLE IF NOT EXISTS ${expected} (
  order_id text PRIMARY KEY,
  customer_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);`;
}

interface Row {
  id: string;
  customer_id: string;
  rectoken: string;
  brand: string;
  masked_pan: string;
  expires_at: Date | null;
  saved_at: Date;
}

const cardOfRow = (row: Row): SavedCard => ({
  id: row.id,
  customerId: row.customer_id,
  rectoken: row.rectoken,
  brand: row.brand,
  maskedPan: row.masked_pan,
  expiresAt: row.expires_at === null ? null : new Date(row.expires_at).getTime(),
  savedAt: new Date(row.saved_at).getTime(),
});

/**
 * A `CardVault` in PostgreSQL: every read and removal is conditioned on the customer, so another
 * payer's card id finds nothing; the same token saved twice for a customer (Flitt repeats
 * callbacks, instances race) is one row. Run `ensureSchema()` once, or put
 * `postgresCardVaultSchema()` in your migrations.
 *
 * @example
 * import pg from 'pg';
 *
 * const vault = createPostgresCardVault({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });
 * await vault.ensureSchema(); // createFlittHandlers({ vault, customerOf, … })
 */
export function createPostgresCardVault(options: PostgresCardVaultOptions): PostgresCardVault {
  const pool = checkedPool(options?.pool, FACTORY);
  const tables = tablesOf(options);
  const { cards, expected } = tables;
  const columns = 'id, customer_id, rectoken, brand, masked_pan, expires_at, saved_at';

  // Never re-bound: an order id another customer is expected for answers no row.
  const expectSql = `INSERT INTO ${expected} AS e (order_id, customer_id) VALUES ($1, $2)
ON CONFLICT (order_id) DO UPDATE SET created_at = e.created_at WHERE e.customer_id = EXCLUDED.customer_id
RETURNING order_id`;
  // The customer comes from the expectation row, never from the caller, and the row is used up
  // in the same statement (a later event of the order saves nothing); a token already saved for
  // that customer keeps its row (and id), refreshed with what Flitt says now.
  const saveSql = `WITH taken AS (DELETE FROM ${expected} WHERE order_id = $2 RETURNING customer_id)
INSERT INTO ${cards} AS c (id, customer_id, rectoken, brand, masked_pan, expires_at)
SELECT $1, taken.customer_id, $3, $4, $5, to_timestamp($6::double precision / 1000) FROM taken
ON CONFLICT (customer_id, rectoken) DO UPDATE SET brand = EXCLUDED.brand,
  masked_pan = EXCLUDED.masked_pan, expires_at = EXCLUDED.expires_at
RETURNING ${columns}`;
  const listSql = `SELECT ${columns} FROM ${cards} WHERE customer_id = $1 ORDER BY saved_at DESC, id`;
  const findSql = `SELECT ${columns} FROM ${cards} WHERE customer_id = $1 AND id = $2`;
  const removeSql = `DELETE FROM ${cards} WHERE customer_id = $1 AND id = $2`;
  const purgeSql = `DELETE FROM ${expected} WHERE created_at < now() - interval '30 days'`;

  return {
    ensureSchema: () => ensureSchemaOn(pool, postgresCardVaultSchema(options)),
    async purge() {
      return (await pool.query(purgeSql)).rowCount ?? 0;
    },
    async expect(orderId, customerId) {
      return (await pool.query(expectSql, [orderId, customerId])).rows.length > 0;
    },
    async save(orderId: string, card: CardDetails) {
      const { rows } = await pool.query(saveSql, [
        newCardId(),
        orderId,
        card.rectoken,
        card.brand,
        card.maskedPan,
        card.expiresAt,
      ]);
      return rows[0] ? cardOfRow(rows[0] as Row) : undefined;
    },
    async list(customerId) {
      return (await pool.query(listSql, [customerId])).rows.map((row) => cardOfRow(row as Row));
    },
    async find(customerId, cardId) {
      const { rows } = await pool.query(findSql, [customerId, cardId]);
      return rows[0] ? cardOfRow(rows[0] as Row) : undefined;
    },
    async remove(customerId, cardId) {
      return ((await pool.query(removeSql, [customerId, cardId])).rowCount ?? 0) > 0;
    },
  };
}
