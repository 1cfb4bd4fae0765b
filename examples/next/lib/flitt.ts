// The shop's payments, server side: one Flitt client and the four handlers that the route files
// under app/api/flitt mount. Only route handlers import this file; @flitt-checkout/server refuses
// to be bundled for a browser, so the secret key cannot end up in one.
import { createFlittClient, createFlittHandlers, FlittHttpError } from '@flitt-checkout/server';
import { type CartLine, PRODUCTS } from './catalog';

// `next build` evaluates this module without the secrets: the client checks its settings on first
// use, so a deployment without them answers 500 and logs which one is wrong.
const client = createFlittClient({
  merchantId: process.env.FLITT_MERCHANT_ID ?? '', // test merchant: 1549901
  secretKey: process.env.FLITT_SECRET_KEY ?? '', // test key: "test"
  // Unset in production (https://pay.flitt.com); the local sandbox: http://127.0.0.1:8610.
  ...(process.env.FLITT_BASE_URL ? { baseUrl: process.env.FLITT_BASE_URL } : {}),
});

// The shop's public origin, where Flitt sends callbacks and the payer back. Set it in production;
// `next dev` and `next start` serve http://localhost:3000.
const shopUrl = process.env.SHOP_URL ?? 'http://localhost:3000';

/** Prices the browser's cart from the catalog: the browser says what, the server says how much. */
function priceCart(order: unknown): { amount: number; summary: string } {
  const items = (order as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length === 0)
    throw new FlittHttpError(400, 'empty_cart', 'Your cart is empty.');
  let amount = 0;
  const names: string[] = [];
  for (const line of items as Partial<CartLine>[]) {
    const product = PRODUCTS.find((p) => p.sku === line?.sku);
    const qty = line?.qty;
    if (!product || typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1 || qty > 99)
      throw new FlittHttpError(400, 'invalid_cart', 'Your cart has an item we do not sell.');
    amount += product.price * qty;
    names.push(`${product.name} ×${qty}`);
  }
  return { amount, summary: names.join(', ') };
}

/** The four handlers: app/api/flitt/{checkout,callback,return,status}/route.ts mount one each. */
export const flitt = createFlittHandlers({
  client,
  resolveOrder: ({ order }) => {
    const { amount, summary } = priceCart(order);
    return { amount, currency: 'GEL', order_desc: summary };
  },
  onEvent: async (event) => {
    // Verified, confirmed with Flitt's status API, once per change: fulfil here, keyed by event.id.
    if (event.type === 'payment.approved')
      // Amounts are in minor units (tetri): 1150 is 11.50 GEL.
      console.log(
        `[shop] paid: ${event.orderId}, ${(event.amount / 100).toFixed(2)} ${event.currency}`,
      );
  },
  callbackUrl: `${shopUrl}/api/flitt/callback`,
  returnUrl: `${shopUrl}/api/flitt/return`,
  resultUrl: '/result',
});
