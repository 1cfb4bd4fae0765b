import { API_BASE, setupFlittTestServer } from '@flitt-checkout/test-kit/msw';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { FlittProvider } from './FlittProvider.tsx';
import { FlittSubscriptionManager } from './FlittSubscriptionManager.tsx';
import { en, enSubscription } from './locales/en.ts';
import { ru, ruSubscription } from './locales/ru.ts';

const { merchant, sandbox, server, pay, mine } = setupFlittTestServer();

/** A paid subscription (monthly with a trial) of this payer's, as the shop records it. */
async function subscribed(card?: string) {
  const res = await merchant.handlers.createCheckout(
    new Request(`${API_BASE}/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        flow: 'redirect',
        order: { items: [{ sku: 'tea', qty: 1 }], subscribe: true },
      }),
    }),
  );
  const { orderId } = (await res.json()) as { orderId: string };
  await pay(orderId, card);
  mine.add(orderId);
  return orderId;
}

const show = (orderId: string, locale = en, texts = enSubscription, onChange = vi.fn()) => {
  render(
    <FlittProvider apiBase={API_BASE} locale={locale}>
      <FlittSubscriptionManager orderId={orderId} status="active" texts={texts} onChange={onChange}>
        <p>Tea club, monthly</p>
      </FlittSubscriptionManager>
    </FlittProvider>,
  );
  return onChange;
};

describe('FlittSubscriptionManager', () => {
  it('stops the subscription at Flitt, announces it, and the sandbox then charges nothing', async () => {
    const user = userEvent.setup();
    const orderId = await subscribed();
    const onChange = show(orderId);
    const region = screen.getByRole('region', { name: 'Subscription' });
    expect(region).toHaveTextContent(/Active/);
    const button = screen.getByRole('button', { name: 'Stop subscription' });
    // The live region is there from the start; the outcome is written into it.
    const status = screen.getByRole('status');
    expect(status).toBeEmptyDOMElement();
    await user.click(button);
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'Your subscription is stopped. No further charges will be taken.',
      ),
    );
    expect(region).toHaveTextContent(/Stopped: no further charges/);
    expect(onChange).toHaveBeenCalledWith({ orderId, status: 'disabled' });
    // The same button, now to start again: the focus stayed on it.
    expect(button).toHaveAccessibleName('Start subscription again');
    expect(button).toHaveFocus();
    sandbox.control.advanceClock(60 * 86_400);
    await sandbox.control.callbacksIdle();
    expect(merchant.received.filter((o) => o.parent_order_id === orderId)).toEqual([]);
  });

  it('shows the shop’s status again once it changes after an action (a later reload)', async () => {
    const user = userEvent.setup();
    const orderId = await subscribed();
    const view = (status: 'active' | 'disabled') => (
      <FlittProvider apiBase={API_BASE} locale={en}>
        <FlittSubscriptionManager orderId={orderId} status={status} texts={enSubscription}>
          <p>Tea club, monthly</p>
        </FlittSubscriptionManager>
      </FlittProvider>
    );
    const { rerender } = render(view('active'));
    const region = screen.getByRole('region', { name: 'Subscription' });
    await user.click(screen.getByRole('button', { name: 'Stop subscription' }));
    await waitFor(() => expect(region).toHaveTextContent(/Stopped: no further charges/));
    // The shop's records catch up, then the subscription is started again elsewhere.
    rerender(view('disabled'));
    expect(region).toHaveTextContent(/Stopped: no further charges/);
    rerender(view('active'));
    expect(region).toHaveTextContent(/Active/);
    expect(screen.getByRole('button', { name: 'Stop subscription' })).toBeInTheDocument();
  });

  it('starts it again', async () => {
    const user = userEvent.setup();
    const orderId = await subscribed();
    show(orderId);
    await user.click(screen.getByRole('button', { name: 'Stop subscription' }));
    await user.click(await screen.findByRole('button', { name: 'Start subscription again' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/active again/));
    expect(screen.getByRole('button', { name: 'Stop subscription' })).toBeVisible();
  });

  it('is busy while the shop answers: aria-busy, aria-disabled, and a second click sends nothing', async () => {
    const user = userEvent.setup();
    const orderId = await subscribed();
    let calls = 0;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.use(
      http.post(`${API_BASE}/subscription`, async ({ request }) => {
        calls += 1;
        await held;
        return merchant.handlers.subscription(request);
      }),
    );
    show(orderId);
    await user.click(screen.getByRole('button', { name: 'Stop subscription' }));
    const busy = screen.getByRole('button', { name: 'Stopping the subscription…' });
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    expect(busy).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('region', { name: 'Subscription' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
    await user.click(busy);
    release();
    expect(await screen.findByRole('button', { name: 'Start subscription again' })).toBeVisible();
    expect(calls).toBe(1);
  });

  it('explains a refusal (not this payer’s) in the payer’s language, focused, and keeps the status', async () => {
    const user = userEvent.setup();
    const orderId = await subscribed();
    mine.delete(orderId);
    show(orderId, ru, ruSubscription);
    await user.click(screen.getByRole('button', { name: 'Остановить подписку' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(ruSubscription.notAllowed);
    expect(alert).toHaveFocus();
    expect(screen.getByRole('region', { name: 'Подписка' })).toHaveTextContent(/Активна/);
  });

  it('says an unknown subscription is not found', async () => {
    const user = userEvent.setup();
    mine.add('shop-nobody');
    show('shop-nobody');
    await user.click(screen.getByRole('button', { name: 'Stop subscription' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(enSubscription.notFound);
  });

  it('says the shop could not be reached, and retries on request', async () => {
    const user = userEvent.setup();
    const orderId = await subscribed();
    server.use(http.post(`${API_BASE}/subscription`, () => HttpResponse.error(), { once: true }));
    show(orderId);
    await user.click(screen.getByRole('button', { name: 'Stop subscription' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(en.ui.networkError);
    await user.click(screen.getByRole('button', { name: en.ui.retry }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/stopped/));
  });

  it('uses the shop’s own words for other failures (Flitt refusing an unpaid subscription)', async () => {
    const user = userEvent.setup();
    const res = await merchant.handlers.createCheckout(
      new Request(`${API_BASE}/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          flow: 'redirect',
          order: { items: [{ sku: 'tea', qty: 1 }], subscribe: true },
        }),
      }),
    );
    const { orderId } = (await res.json()) as { orderId: string };
    mine.add(orderId);
    show(orderId);
    await user.click(screen.getByRole('button', { name: 'Stop subscription' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toBe('');
    expect(alert).not.toHaveTextContent(enSubscription.notAllowed);
    expect(alert).not.toHaveTextContent(enSubscription.notFound);
    expect(alert).not.toHaveTextContent(enSubscription.failed);
  });

  it('throws a message naming itself and the provider outside <FlittProvider>', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() =>
      render(<FlittSubscriptionManager orderId="x" status="active" texts={enSubscription} />),
    ).toThrow('[flitt-checkout] FlittSubscriptionManager must be used inside <FlittProvider>.');
  });
});
