import { formatAmount } from '@flitt-checkout/core/checkout';
/** A product of the shop. The cart page shows these; only the server's prices count. */
export interface Product {
  readonly sku: string;
  readonly name: string;
  /** In tetri (1/100 GEL), as Flitt counts amounts. */
  readonly price: number;
}

/** What the shop sells: the cart page lists it, and `priceCart` in lib/flitt.ts prices from it. */
export const PRODUCTS: readonly Product[] = [
  { sku: 'churchkhela', name: 'Churchkhela', price: 450 },
  { sku: 'tea', name: 'Georgian black tea', price: 700 },
  { sku: 'honey', name: 'Mountain honey', price: 1850 },
];

/** One line of the cart the browser sends: what and how many, never a price. */
export interface CartLine {
  readonly sku: string;
  readonly qty: number;
}

/**
 * 1150 → "₾11.50": the page is in English, so English's way with the lari's narrow sign, the same
 * on the server and in the browser (no hydration mismatch).
 */
export function formatGel(tetri: number): string {
  return formatAmount(tetri, 'GEL', 'en');
}
