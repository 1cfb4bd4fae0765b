// The msw server for tests in Node (jsdom and node projects): msw answers Flitt with the sandbox
// engine and the shop's /api/flitt with the test merchant's real @flitt-checkout/server handlers,
// so components talk to the same pieces a shop runs.
import type { OrderStatus } from '@flitt-checkout/core';
import { createSandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTestMerchant } from './merchant.ts';

const SHOP = 'http://localhost:3000';
export const API_BASE = `${SHOP}/api/flitt`;

export function setupFlittTestServer() {
  const sandbox = createSandbox({ baseUrl: 'https://pay.flitt.com', callbackTimeScale: 0.0001 });
  // Subscriptions are this payer's when the test says so (`mine`), as a shop checks its customer.
  const mine = new Set<string>();
  const merchant = createTestMerchant(sandbox, {
    authorizeSubscription: (_request, id) => mine.has(id),
  });
  const server = setupServer(
    ...sandboxHandlers(sandbox),
    http.post(`${API_BASE}/checkout`, ({ request }) => merchant.handlers.createCheckout(request)),
    http.get(`${API_BASE}/status`, ({ request }) => merchant.handlers.status(request)),
    http.post(`${API_BASE}/subscription`, ({ request }) => merchant.handlers.subscription(request)),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    sandbox.control.reset();
    merchant.received.length = 0;
    mine.clear();
  });
  afterAll(() => {
    server.close();
    sandbox.close();
  });

  /** Pays an order the way the hosted page would; resolves the paid order object. */
  const pay = async (orderId: string, card?: string) =>
    (await sandbox.control.pay(orderId, card)) as {
      order: { order_status: OrderStatus; response_code?: number };
    };

  return { sandbox, merchant, server, pay, mine };
}
