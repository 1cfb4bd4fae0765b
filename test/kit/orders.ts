// Order fixtures: what the test shop sells, the cart the browser sends for it, and the sandbox's
// test cards. The test merchant (merchant.ts) prices a `TestCart` with `priceTestCart`.
import { FlittHttpError, type ResolvedOrder } from '@flitt-checkout/server';

/** Prices of the test shop, in tetri: the browser sends sku and quantity, never an amount. */
export const PRICES: Readonly<Record<string, number>> = { tea: 700, honey: 1800, churchkhela: 450 };

/** The cart the tests send as `order`: `{ items: [{ sku, qty }], delayed?, subscribe? }`. */
export interface TestCart {
  readonly items: readonly { readonly sku: string; readonly qty: number }[];
  /** Lets a test ask for Flitt's one-attempt mode. */
  readonly delayed?: 'Y' | 'N';
  /** A monthly plan of the cart's amount, with a 14-day trial. */
  readonly subscribe?: boolean;
}

/** One honey and two teas: 32.00 ₾. */
export const CART: TestCart = {
  items: [
    { sku: 'honey', qty: 1 },
    { sku: 'tea', qty: 2 },
  ],
};

/** Test cards of the sandbox (any future expiry, any CVV). */
export const CARDS = {
  approved: '4444555511116666',
  doNotHonour: '4444111155556666',
  insufficientFunds: '4000001037000007',
  antifraud: '4000001051000008',
  threeDSecure: '4444555566661111',
  /** Approved once; every later charge by its token (subscription, saved card) declines 1037. */
  laterChargesDecline: '4000001099000002',
} as const;

/**
 * The test shop's pricing, on the server: a `TestCart` at `PRICES` (unknown items cost nothing),
 * in GEL and English; an empty cart is refused with 400 `empty_cart`.
 */
export function priceTestCart(order: unknown): ResolvedOrder {
  const cart = order as TestCart | null;
  if (!cart?.items?.length)
    throw new FlittHttpError(400, 'empty_cart', 'Your cart is empty. Add something before paying.');
  const amount = cart.items.reduce((sum, item) => sum + (PRICES[item.sku] ?? 0) * item.qty, 0);
  return {
    amount,
    currency: 'GEL',
    order_desc: 'Test shop order',
    delayed: cart.delayed ?? 'N',
    lang: 'en',
    ...(cart.subscribe && {
      subscription: 'Y' as const,
      recurring_data: {
        every: 1,
        period: 'month' as const,
        amount,
        trial_period: 'day' as const,
        trial_quantity: 14,
      },
    }),
  };
}
