// A real merchant backend for component tests: @flitt-checkout/server's handlers, pricing a cart on
// the server, talking to the sandbox. Used through msw in jsdom, and over HTTP in Chromium.
import type { Sandbox } from '@flitt-checkout/sandbox';
import {
  createFlittClient,
  createFlittHandlers,
  FlittHttpError,
  type FlittOrder,
} from '@flitt-checkout/server';

/** Prices of the test shop, in tetri. */
const PRICES: Record<string, number> = { tea: 700, honey: 1800, churchkhela: 450 };

/** The cart the tests send: `{ items: [{ sku, qty }], delayed? }`. */
interface TestCart {
  items: { sku: string; qty: number }[];
  /** Lets a test ask for Flitt's one-attempt mode. */
  delayed?: 'Y' | 'N';
  /** A monthly plan of the cart's amount, with a 14-day trial. */
  subscribe?: boolean;
}

export function createTestMerchant(
  sandbox: Sandbox,
  options: { callbackUrl?: string; authorizeSubscription?: (orderId: string) => boolean } = {},
) {
  const received: FlittOrder[] = [];
  const handlers = createFlittHandlers({
    client: createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      baseUrl: sandbox.baseUrl,
      timeoutMs: 2000,
    }),
    resolveOrder: ({ order }) => {
      const cart = order as TestCart;
      if (!cart?.items?.length)
        throw new FlittHttpError(
          400,
          'empty_cart',
          'Your cart is empty. Add something before paying.',
        );
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
    },
    onEvent: (event) => {
      if ('order' in event) received.push(event.order);
    },
    ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}),
    ...(options.authorizeSubscription && {
      authorizeSubscription: (_request: Request, orderId: string) =>
        options.authorizeSubscription?.(orderId) ?? false,
    }),
    resultUrl: '/result',
    logger: process.env.FLITT_TEST_LOG ? console : { warn: () => {}, error: () => {} },
  });
  return { handlers, received };
}
