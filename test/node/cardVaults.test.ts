// One contract for every CardVault, run against the memory vault and a real PostgreSQL server
// (test/setup/services.ts): only an order a customer asked for saves a card, and for that
// customer; one card per token; every read and removal is the customer's own.
import { FlittConfigError } from '@flitt-checkout/core';
import { type CardDetails, type CardVault, createMemoryCardVault } from '@flitt-checkout/server';
import {
  createPostgresCardVault,
  type PostgresCardVault,
  type PostgresCardVaultOptions,
  postgresCardVaultSchema,
} from '@flitt-checkout/server/postgres';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { withTestServices } from '../setup/services.ts';

const run = `${process.pid}_${Date.now().toString(36)}`;
const services = withTestServices();
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function pgPool() {
  const pool = new pg.Pool({ connectionString: services().postgresUrl, max: 5 });
  pool.on('error', () => {});
  closers.push(() => pool.end());
  return pool;
}

let seq = 0;
const orderId = () => `order-${run}-${++seq}`;
const card = (n: number, extra: Partial<CardDetails> = {}): CardDetails => ({
  rectoken: `Tok${n}${'x'.repeat(40)}`,
  brand: 'VISA',
  maskedPan: `444455XXXXXX${String(n).padStart(4, '0')}`,
  expiresAt: Date.UTC(2031, 0, 1),
  ...extra,
});

const backends: { name: string; open(): Promise<CardVault> }[] = [
  { name: 'memory', open: async () => createMemoryCardVault() },
  {
    name: 'PostgreSQL',
    open: async () => {
      const setup: PostgresCardVaultOptions = { pool: pgPool(), table: `cards_${run}` };
      const vault = createPostgresCardVault(setup);
      await vault.ensureSchema();
      return vault;
    },
  },
];

describe.each(backends)('$name card vault', (backend) => {
  it('saves a card only for an order a customer asked for, and for that customer', async () => {
    const vault = await backend.open();
    const asked = orderId();
    expect(await vault.save(orderId(), card(1))).toBeUndefined();
    await vault.expect(asked, 'alice');
    const saved = await vault.save(asked, card(2));
    expect(saved).toMatchObject({ customerId: 'alice', maskedPan: '444455XXXXXX0002' });
    expect(saved?.id).toMatch(/^card_[0-9a-f]{20}$/);
    expect(saved?.expiresAt).toBe(Date.UTC(2031, 0, 1));
    expect((await vault.list('alice')).map((c) => c.id)).toEqual([saved?.id]);
    expect(await vault.list('bob')).toEqual([]);
  });

  it('keeps one card per token and customer, however often Flitt confirms it', async () => {
    const vault = await backend.open();
    const first = orderId();
    const second = orderId();
    await vault.expect(first, 'carol');
    await vault.expect(second, 'carol');
    const a = await vault.save(first, card(3));
    const again = await vault.save(first, card(3));
    const sameTokenLater = await vault.save(second, card(3, { expiresAt: null }));
    expect(again?.id).toBe(a?.id);
    expect(sameTokenLater?.id).toBe(a?.id);
    expect(await vault.list('carol')).toHaveLength(1);
    // The same token expected for someone else is that customer's own card.
    const other = orderId();
    await vault.expect(other, 'dave');
    expect((await vault.save(other, card(3)))?.id).not.toBe(a?.id);
  });

  it('finds and removes only the customer’s own cards', async () => {
    const vault = await backend.open();
    const order = orderId();
    await vault.expect(order, 'erin');
    const saved = await vault.save(order, card(4));
    const id = saved?.id ?? '';
    expect(await vault.find('mallory', id)).toBeUndefined();
    expect(await vault.remove('mallory', id)).toBe(false);
    expect((await vault.find('erin', id))?.rectoken).toBe(card(4).rectoken);
    expect(await vault.find('erin', 'card_00000000000000000000')).toBeUndefined();
    expect(await vault.remove('erin', id)).toBe(true);
    expect(await vault.remove('erin', id)).toBe(false);
    expect(await vault.list('erin')).toEqual([]);
  });

  it('lists newest first', async () => {
    const vault = await backend.open();
    const ids: string[] = [];
    for (const n of [5, 6, 7]) {
      const order = orderId();
      await vault.expect(order, 'frank');
      ids.push((await vault.save(order, card(n)))?.id ?? '');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect((await vault.list('frank')).map((c) => c.id)).toEqual(ids.reverse());
  });
});

describe('PostgreSQL card vault', () => {
  it('is shared by instances on their own connections', async () => {
    const table = `shared_${run}`;
    const a = createPostgresCardVault({ pool: pgPool(), table });
    const b = createPostgresCardVault({ pool: pgPool(), table });
    await Promise.all([a.ensureSchema(), b.ensureSchema()]);
    const order = orderId();
    await a.expect(order, 'grace');
    // Two instances confirming the same callback at once: one card.
    const [x, y] = await Promise.all([b.save(order, card(8)), a.save(order, card(8))]);
    expect(x?.id).toBe(y?.id);
    expect((await b.list('grace')).map((c) => c.id)).toEqual([x?.id]);
    expect(await (a as PostgresCardVault).purge()).toBeGreaterThanOrEqual(0);
  });

  it('refuses a pool that is not one and a table name that is not a name', () => {
    expect(() => createPostgresCardVault({ pool: 'postgres://u:secret@h/db' })).toThrow(
      FlittConfigError,
    );
    expect(() => createPostgresCardVault({ pool: 'postgres://u:secret@h/db' })).not.toThrow(
      /secret/,
    );
    expect(() => createPostgresCardVault({ pool: pgPool(), table: 'cards; DROP TABLE x' })).toThrow(
      /createPostgresCardVault: table must be a table name/,
    );
    expect(postgresCardVaultSchema({ table: 'shop.cards' })).toContain('"shop"."cards_expected"');
  });
});
