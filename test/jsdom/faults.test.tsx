// Faults a shop meets in the field, injected through the sandbox's control API (Flitt side) and
// msw (the shop's own endpoint): for each, the payer sees a message with a retry, the spinner
// stops, at most one order exists per click, the retry works once the fault is gone, and nothing
// is left as an unhandled rejection.
import { RESPONSE_CODES } from '@flitt-checkout/core';
import { en as payer } from '@flitt-checkout/core/messages/en';
import { FlittCheckoutButton, FlittProvider } from '@flitt-checkout/react';
import { en } from '@flitt-checkout/react/locales/en';
import type { FaultKind } from '@flitt-checkout/sandbox';
import { API_BASE, setupFlittTestServer } from '@flitt-checkout/test-kit/msw';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const { sandbox, server } = setupFlittTestServer();
const cart = { items: [{ sku: 'tea', qty: 1 }] };

const unhandled: unknown[] = [];
const collect = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', collect));
afterAll(() => process.off('unhandledRejection', collect));
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(unhandled).toEqual([]);
});

function shop(timeoutMs?: number) {
  const navigate = vi.fn();
  const user = userEvent.setup();
  render(
    <FlittProvider
      locale={en}
      apiBase={API_BASE}
      navigate={navigate}
      {...(timeoutMs ? { timeoutMs } : {})}
    >
      <FlittCheckoutButton order={cart}>Pay 7 ₾</FlittCheckoutButton>
    </FlittProvider>,
  );
  const button = () => screen.getByRole('button', { name: 'Pay 7 ₾' });
  return { navigate, user, button };
}

/** Click, expect the failure with `message`, check nothing spins, then retry after `heal()`. */
async function failThenRecover(
  message: string,
  heal: () => void,
  options: { timeoutMs?: number; maxOrdersOnFailure?: number } = {},
) {
  const { navigate, user, button } = shop(options.timeoutMs);
  await user.click(button());
  const alert = await screen.findByRole('alert', {}, { timeout: 6000 });
  await waitFor(() => expect(alert).toHaveTextContent(message));
  expect(button()).toHaveAttribute('aria-disabled', 'false');
  expect(button()).toHaveAttribute('aria-busy', 'false');
  expect(screen.getByRole('status')).toHaveTextContent('');
  expect(navigate).not.toHaveBeenCalled();
  expect(sandbox.control.orders().length).toBeLessThanOrEqual(options.maxOrdersOnFailure ?? 1);
  heal();
  await user.click(await screen.findByRole('button', { name: 'Try again' }));
  await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
  expect(String(navigate.mock.calls[0]?.[0])).toMatch(/^https:\/\/pay\.flitt\.com\/merchants\//);
  expect(screen.queryByRole('alert')).toBeNull();
  // One order for the successful click; a failed one may have reached Flitt (e.g. a lost reply).
  expect(sandbox.control.orders().length).toBeLessThanOrEqual(
    1 + (options.maxOrdersOnFailure ?? 1),
  );
}

describe('Flitt side faults (sandbox control API), through the real handlers', () => {
  const heal = () => sandbox.control.reset();
  it.each<[FaultKind, string]>([
    ['http500', payer.service_error],
    ['malformed', payer.service_error],
    ['reset', payer.service_error],
  ])('%s from Flitt → a message and a working retry', async (kind, message) => {
    sandbox.control.failNext(1, kind, '/api/checkout/url');
    await failThenRecover(message, heal, { maxOrdersOnFailure: 0 });
  });

  it('a Flitt that never answers → the shop’s timeout, then a working retry', async () => {
    sandbox.control.failNext(1, 'timeout', '/api/checkout/url');
    await failThenRecover(payer.timeout, heal, { maxOrdersOnFailure: 0 });
  });

  it('a slow Flitt (400 ms) → busy meanwhile, one order, no failure', async () => {
    sandbox.control.setLatency(400);
    const { navigate, user, button } = shop();
    await user.click(button());
    expect(button()).toHaveAttribute('aria-busy', 'true');
    await user.click(button());
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1), { timeout: 3000 });
    expect(sandbox.control.orders()).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  // Every code Flitt can refuse a request with (merchant or Flitt side), answered like Flitt does.
  const refusals = [...RESPONSE_CODES.values()].filter(
    (info) => (info.category === 'merchant' || info.category === 'flitt') && info.code < 2000,
  );
  it(`covers every refusal code (${refusals.length})`, () => {
    expect(refusals.length).toBeGreaterThan(40);
  });
  it.each(refusals.map((info) => [info.code, info.messageKey] as const))(
    'Flitt refuses with %i → “%s” and a working retry',
    async (code, key) => {
      sandbox.control.failNext(1, 'flitt_error', '/api/checkout/url', code);
      await failThenRecover(payer[key], heal, { maxOrdersOnFailure: 0 });
    },
  );
});

describe('the shop’s own endpoint (msw)', () => {
  const heal = () => server.resetHandlers();
  const broken = (resolver: Parameters<typeof http.post>[1]) =>
    server.use(http.post(`${API_BASE}/checkout`, resolver));

  it.each<[string, Parameters<typeof http.post>[1], string]>([
    ['offline (network error)', () => HttpResponse.error(), payer.network_error],
    [
      'HTTP 500 with an HTML page',
      () => new HttpResponse('<h1>oops</h1>', { status: 500 }),
      en.ui.failedTitle,
    ],
    [
      'HTTP 200 with malformed JSON',
      () => new HttpResponse('{"orderId":', { status: 200 }),
      en.ui.failedTitle,
    ],
    [
      'HTTP 200 without a checkoutUrl',
      () => HttpResponse.json({ orderId: 'o1' }),
      en.ui.failedTitle,
    ],
    [
      'HTTP 502 flitt_failure with a code',
      () =>
        HttpResponse.json({ error: { code: 'flitt_failure', flittCode: 1002 } }, { status: 502 }),
      // Without the server's payerMessage the browser says only what it knows: it failed.
      en.ui.failedTitle,
    ],
    [
      'HTTP 429 from a rate limiter',
      () => HttpResponse.json({ error: { code: 'too_many' } }, { status: 429 }),
      en.ui.failedTitle,
    ],
  ])('%s → a message and a working retry', async (_name, resolver, message) => {
    broken(resolver);
    await failThenRecover(message, heal, { maxOrdersOnFailure: 0 });
  });

  it('an endpoint that hangs → the provider’s timeoutMs, then a working retry', async () => {
    broken(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    await failThenRecover(en.ui.networkError, heal, { timeoutMs: 300, maxOrdersOnFailure: 0 });
  });
});
