// One contract for every CardVault, run against the memory vault and a real PostgreSQL server
// (@flitt-checkout/test-kit/services): only an order a customer asked for saves a card, and for that
// customer; one card per token; every read and removal is the customer's own.
import { FlittConfigError } from '@flitt-checkout/core';
import { type CardDetails, type CardVault, createMemoryCardVault } from '@flitt-checkout/server';
import {
  createPostgresCardVault,
  type PostgresCardVault,
  type PostgresCardVaultOptions,
  postgresCardVaultSchema,
} from '@flitt-checkout/server/postgres';
import { withTestServices } from '@flitt-checkout/test-kit/services';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

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

  it('keeps one card per token and customer, and uses each expectation once', async () => {
    const vault = await backend.open();
    const first = orderId();
    const second = orderId();
    expect(await vault.expect(first, 'carol')).toBe(true);
    expect(await vault.expect(first, 'carol')).toBe(true); // the same customer again: fine
    expect(await vault.expect(second, 'carol')).toBe(true);
    const a = await vault.save(first, card(3));
    // A later event of the same order (a refund, a replayed callback) saves nothing.
    expect(await vault.save(first, card(3))).toBeUndefined();
    const sameTokenLater = await vault.save(second, card(3, { expiresAt: null }));
    expect(sameTokenLater?.id).toBe(a?.id);
    expect(await vault.list('carol')).toHaveLength(1);
    // The same token expected for someone else is that customer's own card.
    const other = orderId();
    await vault.expect(other, 'dave');
    expect((await vault.save(other, card(3)))?.id).not.toBe(a?.id);
  });

  it('never re-binds an order id another customer is expected for', async () => {
    const vault = await backend.open();
    const shared = orderId(); // an id the shop's resolveOrder chose, asked for by two payers
    expect(await vault.expect(shared, 'alice')).toBe(true);
    expect(await vault.expect(shared, 'mallory')).toBe(false);
    expect((await vault.save(shared, card(9)))?.customerId).toBe('alice');
    expect(await vault.list('mallory')).toEqual([]);
  });

  it('keeps a removed card removed when its order has later events', async () => {
    const vault = await backend.open();
    const order = orderId();
    await vault.expect(order, 'ivy');
    const saved = await vault.save(order, card(10));
    expect(await vault.remove('ivy', saved?.id ?? '')).toBe(true);
    expect(await vault.save(order, card(10))).toBeUndefined();
    expect(await vault.list('ivy')).toEqual([]);
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
    // Two instances confirming the same callback at once: one takes the expectation, one card.
    const [x, y] = await Promise.all([b.save(order, card(8)), a.save(order, card(8))]);
    const saved = [x, y].filter((c) => c !== undefined);
    expect(saved).toHaveLength(1);
    expect((await b.list('grace')).map((c) => c.id)).toEqual([saved[0]?.id]);
    // And neither instance can re-bind the order to someone else.
    expect(await a.expect(order, 'grace')).toBe(true);
    expect(await b.expect(order, 'mallory')).toBe(false);
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
