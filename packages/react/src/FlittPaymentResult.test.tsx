import { MESSAGES } from '@flitt-checkout/core/messages';
import { API_BASE, setupFlittTestServer } from '@flitt-checkout/test-kit/msw';
import { onlineManager } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { FlittPaymentResult } from './FlittPaymentResult.tsx';
import { FlittProvider } from './FlittProvider.tsx';
import { en, enResult } from './locales/en.ts';
import { kaResult } from './locales/ka.ts';
import { ru, ruResult } from './locales/ru.ts';
import { uk, ukResult } from './locales/uk.ts';

const { merchant, sandbox, server, pay } = setupFlittTestServer();

async function newOrder(delayed: 'Y' | 'N' = 'N') {
  const res = await merchant.handlers.createCheckout(
    new Request(`${API_BASE}/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        flow: 'embedded',
        order: { items: [{ sku: 'tea', qty: 1 }], delayed },
      }),
    }),
  );
  return ((await res.json()) as { orderId: string }).orderId;
}

const show = (orderId: string | null, locale = en, poll = 20, texts = enResult) =>
  render(
    <FlittProvider apiBase={API_BASE} locale={locale}>
      <FlittPaymentResult
        texts={texts}
        orderId={orderId}
        pollIntervalMs={poll}
        actions={<a href="/cart">Back to the cart</a>}
      />
    </FlittProvider>,
  );

describe('FlittPaymentResult', () => {
  it.each([
    ['en', enResult],
    ['ka', kaResult],
    ['ru', ruResult],
    ['uk', ukResult],
  ] as const)('never says its title twice: the %s messages add to the titles', (code, texts) => {
    const said = MESSAGES[code];
    const pairs: [string, string][] = [
      [texts.approvedTitle, said.approved],
      [texts.processingTitle, said.processing],
      [texts.expiredTitle, said.expired],
      [texts.declinedTitle, said.card_declined],
      [texts.notFoundTitle, said.payment_not_found],
    ];
    for (const [title, message] of pairs)
      expect(message.toLowerCase(), title).not.toContain(title.toLowerCase());
  });

  it('shows approved from the server’s verified status', async () => {
    const orderId = await newOrder();
    await pay(orderId);
    show(orderId);
    expect(await screen.findByRole('heading', { name: 'Payment successful' })).toBeInTheDocument();
    // Focused, and read with the server's words: announced once, with no live region repeating it.
    const heading = screen.getByRole('heading');
    await waitFor(() => expect(heading).toHaveFocus());
    expect(heading).toHaveAccessibleDescription(/thank you/i);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('link', { name: 'Back to the cart' })).toBeInTheDocument();
  });

  it('asks when the connection comes back, on the private QueryClient it made', async () => {
    const orderId = await newOrder();
    await pay(orderId);
    onlineManager.setOnline(false);
    try {
      show(orderId);
      await new Promise((r) => setTimeout(r, 100));
      expect(screen.getByRole('heading')).toHaveTextContent('Checking your payment…');
      onlineManager.setOnline(true);
      expect(
        await screen.findByRole('heading', { name: 'Payment successful' }),
      ).toBeInTheDocument();
    } finally {
      onlineManager.setOnline(true);
    }
  });

  it('shows a decline with the reason for its code, in Russian', async () => {
    const orderId = await newOrder();
    await pay(orderId, '4000001037000007');
    show(orderId, ru, 20, ruResult);
    expect(await screen.findByRole('heading', { name: 'Платёж отклонён' })).toBeInTheDocument();
    expect(screen.getByRole('heading')).toHaveAccessibleDescription(/недостаточно средств/);
  });

  it('polls while processing and shows the final status', async () => {
    const orderId = await newOrder();
    show(orderId);
    expect(
      await screen.findByRole('heading', { name: 'Payment is being processed' }),
    ).toBeInTheDocument();
    await pay(orderId);
    const settled = await screen.findByRole(
      'heading',
      { name: 'Payment successful' },
      { timeout: 3000 },
    );
    // The new verdict is a new heading that takes the focus: announced, once.
    await waitFor(() => expect(settled).toHaveFocus());
  });

  it('shows a failed attempt on a delayed order as a decline instead of polling', async () => {
    const orderId = await newOrder('Y');
    await pay(orderId, '4444111155556666');
    expect(sandbox.control.order(orderId)?.status).toBe('processing');
    show(orderId);
    expect(await screen.findByRole('heading', { name: 'Payment declined' })).toBeInTheDocument();
    expect(screen.getByRole('heading')).toHaveAccessibleDescription(/try a different card/i);
  });

  it('shows expired when the order’s lifetime ended', async () => {
    const orderId = await newOrder();
    sandbox.control.advanceClock(36_001);
    show(orderId, uk, 20, ukResult);
    expect(await screen.findByRole('heading', { name: 'Час оплати минув' })).toBeInTheDocument();
  });

  it('trusts the server, not an edited URL', async () => {
    const orderId = await newOrder();
    window.history.pushState(
      {},
      '',
      `/result?order_id=${orderId}&status=approved&order_status=approved`,
    );
    render(
      <FlittProvider locale={en} apiBase={API_BASE}>
        <FlittPaymentResult texts={enResult} pollIntervalMs={5000} />
      </FlittProvider>,
    );
    expect(
      await screen.findByRole('heading', { name: 'Payment is being processed' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Payment successful')).toBeNull();
  });

  it('offers a retry when the status handler fails, which then succeeds', async () => {
    const orderId = await newOrder();
    await pay(orderId);
    server.use(
      http.get(`${API_BASE}/status`, () =>
        HttpResponse.json({ error: { code: 'internal_error' } }, { status: 500 }),
      ),
    );
    show(orderId);
    const retry = await screen.findByRole('button', { name: 'Try again' }, { timeout: 5000 });
    // The status could not be read: the page claims neither a failure nor the payer's connection.
    expect(screen.getByRole('heading')).toHaveTextContent('Checking your payment…');
    expect(screen.getByRole('heading')).not.toHaveAccessibleDescription(/could not be completed/);
    expect(screen.getByRole('heading')).not.toHaveAccessibleDescription(/internet connection/);
    server.resetHandlers();
    retry.click();
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Payment successful' })).toBeInTheDocument(),
    );
  });

  it('says an unknown order id was not found, with a way back, and asks only once', async () => {
    let asked = 0;
    server.use(
      http.get(`${API_BASE}/status`, () => {
        asked += 1; // then falls through to the real status handler
      }),
    );
    render(
      <FlittProvider locale={en} apiBase={API_BASE}>
        <FlittPaymentResult
          texts={enResult}
          orderId="fc-mistyped-order-id"
          shopHref="/shop"
          pollIntervalMs={20}
        />
      </FlittProvider>,
    );
    const heading = await screen.findByRole('heading', { name: 'Payment not found' });
    expect(heading).toHaveAccessibleDescription(/couldn’t find this payment/i);
    expect(screen.getByRole('link', { name: 'Back to the shop' })).toHaveAttribute('href', '/shop');
    expect(heading).not.toHaveAccessibleDescription(/internet connection/);
    // 404 is an answer: no retries, no polling.
    await new Promise((r) => setTimeout(r, 300));
    expect(asked).toBe(1);
  });

  it('says so when there is no order to check', async () => {
    show(null);
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Payment not found' })).toHaveFocus(),
    );
    // The shop's own actions replace the built-in way back.
    expect(screen.getByRole('link', { name: 'Back to the cart' })).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Back to the shop' })).toBeNull();
  });
});
