// What the PostgreSQL pieces (the callback store, the card vault) share: the pool they are given
// and the table names they accept.
import { FlittConfigError } from '@flitt-checkout/core';
import { describeValue } from './storeOptions.ts';

/** What the store needs of node-postgres: a `Pool` or a connected `Client` (`query(text, values)`). */
export interface PostgresQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount?: number | null }>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** `table` quoted for SQL ("shop"."flitt_events"), or a config error naming `factory`. */
export function quotedTable(table: unknown, factory: string, fallback: string): string {
  const parts = typeof table === 'string' ? table.split('.') : [];
  if (parts.length === 0 || parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part)))
    throw new FlittConfigError(
      'invalid_postgres_table',
      `[flitt-checkout] ${factory}: table must be a table name, optionally with its schema ("${fallback}" or "shop.${fallback}": letters, digits and _, not starting with a digit, up to 63 each), got ${typeof table === 'string' ? `a ${table.length}-character string that is not` : describeValue(table)}; leave it out for "${fallback}".`,
    );
  return parts.map((part) => `"${part}"`).join('.');
}

/** A node-postgres `Pool` or connected `Client`, or a config error naming `factory`. */
export function checkedPool(pool: unknown, factory: string): PostgresQueryable {
  if (typeof (pool as Partial<PostgresQueryable> | null)?.query !== 'function')
    throw new FlittConfigError(
      'invalid_postgres_pool',
      `[flitt-checkout] ${factory}: pool must be a node-postgres Pool or connected Client (an object with query(text, values)), got ${describeValue(pool)}. Pass new Pool({ connectionString }), not the connection string.`,
    );
  return pool as PostgresQueryable;
}

/**
 * What a `CREATE … IF NOT EXISTS` fails with when another instance creates the same table at the
 * same moment: a catalog unique key (23505), the relation (42P07), or its row type when the other
 * committed between PostgreSQL's two checks (42710, "type … already exists").
 */
const CREATED_MEANWHILE = new Set(['23505', '42P07', '42710']);

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * Runs `sql` (`CREATE … IF NOT EXISTS`); two instances creating the tables at once makes one lose
 * on a catalog check, and once more finds them there. On a `Client` inside the caller's own
 * transaction the second try can only say the transaction is aborted (25P02): the first error is
 * the one passed on.
 */
export async function ensureSchemaOn(pool: PostgresQueryable, sql: string): Promise<void> {
  try {
    await pool.query(sql);
  } catch (error) {
    if (!CREATED_MEANWHILE.has(codeOf(error) as string)) throw error;
    try {
      await pool.query(sql);
    } catch (again) {
      throw codeOf(again) === '25P02' ? error : again;
    }
  }
}
