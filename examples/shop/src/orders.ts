/**
 * The cart's lines of each order the shop checked out, by order id, so that a result page lists
 * its own order's lines (not whatever the cart holds now, even at the same total), and empties
 * the cart only for an order the cart as it is was checked out as. In sessionStorage: this tab's
 * orders, the newest few.
 */

/** A cart's line: a product and how many. */
export interface Line {
  readonly sku: string;
  readonly qty: number;
}

const ORDERS = 'shop.orders';
/** The orders made for the cart as it is now (cleared when it changes). */
const CART_ORDERS = 'shop.cart.orders';
/** How many orders the tab remembers: the newest. */
const KEPT = 20;

function read<T>(key: string, fallback: T): T {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or off: the result page then shows the order's number and amount alone.
  }
}

/** The lines of a shop order (`{ items }`), or none for another kind (the tea club's plan). */
function linesOf(order: unknown): readonly Line[] | null {
  const items = (order as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return null;
  return items.filter(
    (i): i is Line =>
      typeof (i as Line)?.sku === 'string' &&
      Number.isInteger((i as Line)?.qty) &&
      (i as Line).qty > 0,
  );
}

/** Remembers a checkout's lines under its order id, as the cart's (call when it is created). */
export function rememberOrder(orderId: string, order: unknown): void {
  const lines = linesOf(order);
  if (!lines || lines.length === 0) return;
  const kept = read<[string, readonly Line[]][]>(ORDERS, []).filter(([id]) => id !== orderId);
  write(ORDERS, [...kept, [orderId, lines]].slice(-KEPT));
  const mine = read<string[]>(CART_ORDERS, []).filter((id) => id !== orderId);
  write(CART_ORDERS, [...mine, orderId].slice(-KEPT));
}

/** The lines checked out as this order, or none (another tab's, an old or unknown one). */
export function linesOfOrder(orderId: string): readonly Line[] {
  return read<[string, readonly Line[]][]>(ORDERS, []).find(([id]) => id === orderId)?.[1] ?? [];
}

/** Whether the cart as it is now was checked out as this order. */
export function isCartOrder(orderId: string): boolean {
  return read<string[]>(CART_ORDERS, []).includes(orderId);
}

/** The cart changed: no order made before is its order any more. */
export function forgetCartOrders(): void {
  try {
    sessionStorage.removeItem(CART_ORDERS);
  } catch {
    // Storage off: nothing was kept.
  }
}
