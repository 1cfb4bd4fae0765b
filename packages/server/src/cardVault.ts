// Where a shop keeps its payers' saved cards: Flitt's `rectoken` for each card, the customer it
// belongs to, and what the payer may see of it. The token never leaves the server.
import type { FlittOrder, SavedCardView } from '@flitt-checkout/core';
import { randomHex20 } from './randomHex.ts';

/** A saved card as the vault keeps it. */
export interface SavedCard {
  /** The vault's id of the card: what the browser names it by. */
  readonly id: string;
  /** Whose card: the id your `customerOf` returned when the card was saved. */
  readonly customerId: string;
  /**
   * Flitt's token for the card. It only charges with your secret key's signature, but treat it as
   * a credential all the same: never log it, never send it to a browser.
   */
  readonly rectoken: string;
  readonly brand: string;
  readonly maskedPan: string;
  /** When Flitt stops accepting the token (ms since 1970); null when Flitt gave no lifetime. */
  readonly expiresAt: number | null;
  readonly savedAt: number;
}

/** What a confirmed order tells about its card: the vault's input for `save`. */
export type CardDetails = Pick<SavedCard, 'rectoken' | 'brand' | 'maskedPan' | 'expiresAt'>;

/**
 * The saved cards of a shop's payers. Every read and removal names the customer, so a card id
 * from another payer is simply not found. In memory (`createMemoryCardVault`) for one instance and
 * tests, on PostgreSQL (`createPostgresCardVault` from `@flitt-checkout/server/postgres`) for many,
 * or on your own database with these five calls.
 */
export interface CardVault {
  /**
   * `customerId` asked to save the card of order `orderId`; called before the order goes to
   * Flitt. Only an order named here can save a card. An order id already expected for another
   * customer is refused (resolves false) and never re-bound: last writer must not win.
   */
  expect(orderId: string, customerId: string): Promise<boolean>;
  /**
   * Saves the card of the confirmed, approved order `orderId` for the customer `expect` named,
   * and uses the expectation up: a later event of the same order (a refund, a replay) saves
   * nothing, so a card the payer removed stays removed. The same token for the same customer is
   * one card. Resolves to the card, or undefined when no customer is expected for this order.
   * Atomic: the callback and a status read of the order may call it at the same time, and only
   * one of them may use the expectation.
   */
  save(orderId: string, card: CardDetails): Promise<SavedCard | undefined>;
  /** The customer's cards, newest first. */
  list(customerId: string): Promise<readonly SavedCard[]>;
  /** One of the customer's cards; undefined for an unknown id or another customer's card. */
  find(customerId: string, cardId: string): Promise<SavedCard | undefined>;
  /** Removes one of the customer's cards; false when the customer has no such card. */
  remove(customerId: string, cardId: string): Promise<boolean>;
}

/** Flitt's `DD.MM.YYYY hh:mm:ss` (read as UTC, like the order times), in ms; null otherwise. */
function flittTime(value: unknown): number | null {
  const m =
    typeof value === 'string'
      ? /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(value.trim())
      : null;
  if (!m) return null;
  const [, d, mo, y, h = '0', mi = '0', s = '0'] = m;
  const time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isFinite(time) ? time : null;
}

/** The card a confirmed order carries (`rectoken` and its details), if it carries one. */
export function cardOf(order: FlittOrder): CardDetails | undefined {
  const rectoken = typeof order.rectoken === 'string' ? order.rectoken.trim() : '';
  if (rectoken === '') return undefined;
  return {
    rectoken,
    brand: typeof order.card_type === 'string' ? order.card_type : '',
    maskedPan: typeof order.masked_card === 'string' ? order.masked_card : '',
    expiresAt: flittTime(order.rectoken_lifetime),
  };
}

/** What the payer's browser may know of a card (no token, no customer id). */
export function cardView(card: SavedCard, now: number): SavedCardView {
  return {
    id: card.id,
    brand: card.brand,
    maskedPan: card.maskedPan,
    last4: card.maskedPan.replace(/\D/g, '').slice(-4),
    expiresAt: card.expiresAt,
    expired: card.expiresAt !== null && card.expiresAt <= now,
  };
}

/** A card id: 20 random hex characters, unguessable, unrelated to the token. */
export function newCardId(): string {
  return `card_${randomHex20()}`;
}

/**
 * A vault in this process's memory: for one instance, tests and the demo shop. It empties on
 * restart; with several instances or deploys use `createPostgresCardVault`.
 *
 * @example
 * const vault = createMemoryCardVault(); // createFlittHandlers({ vault, customerOf, … })
 */
export function createMemoryCardVault(
  options: { now?: () => number; maxExpected?: number } = {},
): CardVault {
  const now = options.now ?? Date.now;
  const maxExpected = options.maxExpected ?? 100_000;
  // order id → customer; a Map iterates in insertion order, so the oldest is dropped first.
  const expected = new Map<string, string>();
  const cards = new Map<string, SavedCard>();
  return {
    async expect(orderId, customerId) {
      const holder = expected.get(orderId);
      if (holder !== undefined) return holder === customerId;
      expected.set(orderId, customerId);
      if (expected.size > maxExpected) expected.delete(expected.keys().next().value as string);
      return true;
    },
    async save(orderId, card) {
      const customerId = expected.get(orderId);
      if (customerId === undefined) return undefined;
      expected.delete(orderId);
      for (const known of cards.values())
        if (known.customerId === customerId && known.rectoken === card.rectoken) return known;
      const saved: SavedCard = { id: newCardId(), customerId, savedAt: now(), ...card };
      cards.set(saved.id, saved);
      return saved;
    },
    async list(customerId) {
      // Newest first; cards saved in the same millisecond, the later one first.
      return [...cards.values()]
        .filter((card) => card.customerId === customerId)
        .reverse()
        .sort((a, b) => b.savedAt - a.savedAt);
    },
    async find(customerId, cardId) {
      const card = cards.get(cardId);
      return card?.customerId === customerId ? card : undefined;
    },
    async remove(customerId, cardId) {
      if (cards.get(cardId)?.customerId !== customerId) return false;
      return cards.delete(cardId);
    },
  };
}
