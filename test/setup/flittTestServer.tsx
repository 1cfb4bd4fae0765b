// jsdom tests: msw answers Flitt with the sandbox engine and the shop's /api/flitt with the real
// @flitt-checkout/server handlers, so components talk to the same pieces a shop runs.
import { createSandbox } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTestMerchant } from './merchant.ts';

export const SHOP = 'http://localhost:3000';
export const API_BASE = `${SHOP}/api/flitt`;

export function setupFlittTestServer() {
  const sandbox = createSandbox({ baseUrl: 'https://pay.flitt.com', callbackTimeScale: 0.0001 });
  const merchant = createTestMerchant(sandbox);
  const server = setupServer(
    ...sandboxHandlers(sandbox),
    http.post(`${API_BASE}/checkout`, ({ request }) => merchant.handlers.createCheckout(request)),
    http.get(`${API_BASE}/status`, ({ request }) => merchant.handlers.status(request)),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    sandbox.control.reset();
    merchant.received.length = 0;
  });
  afterAll(() => {
    server.close();
    sandbox.close();
  });

  /** Pays an order the way the hosted page would (card form post to the sandbox). */
  async function pay(orderId: string, card = '4444555511116666') {
    const token = sandbox.control.order(orderId)?.token;
    const res = await fetch('https://pay.flitt.com/sandbox/embedded/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, card_number: card, expiry_date: '12/30', cvv2: '123' }),
    });
    return res.json();
  }

  return { sandbox, merchant, server, pay };
}
