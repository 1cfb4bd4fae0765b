// The test merchant: @flitt-checkout/server's real handlers (createFlittHandlers over
// createFlittClient) for the sandbox's test merchant, pricing a `TestCart` on the server. Every
// test backend is this one factory with options: msw in jsdom (msw.ts), HTTP for Chromium
// (test/setup/browserServers.ts), a process per instance (test/node/multiInstanceMerchant.ts),
// inside the page for stories (stories/storyMerchant.ts), and the size bench.
import { TEST_MERCHANT } from '@flitt-checkout/sandbox';
import {
  createFlittClient,
  createFlittHandlers,
  type FlittHandlersOptions,
  type FlittOrder,
} from '@flitt-checkout/server';
import { priceTestCart } from './orders.ts';

/** Options of `createTestMerchant`: anything of `createFlittHandlers` replaces the default. */
export interface TestMerchantOptions extends Partial<Omit<FlittHandlersOptions, 'client'>> {
  /** The key the merchant signs with. Default the test merchant's (`test`). */
  readonly secretKey?: string;
  /** How long the client waits for Flitt. Default 2000 ms. */
  readonly timeoutMs?: number;
  /** The client's `fetch` to Flitt. Default the global one. */
  readonly fetch?: typeof fetch;
}

/** Silent unless FLITT_TEST_LOG is set (read where `process` exists: not in a story's page). */
const quiet =
  typeof process !== 'undefined' && process.env.FLITT_TEST_LOG
    ? console
    : { warn: () => {}, error: () => {} };

/**
 * Creates the test merchant against a sandbox (or anything with its `baseUrl`): its handlers, and
 * the orders its default `onEvent` received.
 *
 * @example
 * const { handlers, received } = createTestMerchant(sandbox, { callbackUrl });
 */
export function createTestMerchant(
  flitt: { readonly baseUrl: string },
  options: TestMerchantOptions = {},
) {
  const { secretKey, timeoutMs, fetch, ...overrides } = options;
  const received: FlittOrder[] = [];
  const handlers = createFlittHandlers({
    client: createFlittClient({
      merchantId: TEST_MERCHANT.merchantId,
      secretKey: secretKey ?? TEST_MERCHANT.secretKey,
      baseUrl: flitt.baseUrl,
      timeoutMs: timeoutMs ?? 2000,
      ...(fetch ? { fetch } : {}),
    }),
    resolveOrder: ({ order }) => priceTestCart(order),
    onEvent: (event) => {
      if ('order' in event) received.push(event.order);
    },
    resultUrl: '/result',
    logger: quiet,
    ...overrides,
  });
  return { handlers, received };
}
