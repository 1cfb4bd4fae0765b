import { API_BASE, setupFlittTestServer } from '@flitt-checkout/test-kit/msw';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, HttpResponse, http } from 'msw';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
import { FlittProvider, type FlittProviderProps } from './FlittProvider.tsx';
import { en } from './locales/en.ts';
import { ka } from './locales/ka.ts';

const { sandbox, server } = setupFlittTestServer();
const cart = { items: [{ sku: 'tea', qty: 2 }], amount: 1 };

function renderButton(
  props: Partial<Parameters<typeof FlittCheckoutButton>[0]> = {},
  provider: Partial<FlittProviderProps> = {},
) {
  const navigate = vi.fn();
  const user = userEvent.setup();
  const view = render(
    <FlittProvider locale={en} apiBase={API_BASE} navigate={navigate} {...provider}>
      <FlittCheckoutButton order={cart} {...props} />
    </FlittProvider>,
  );
  return { navigate, user, ...view };
}

const payButton = () => screen.findByRole('button', { name: /pay/i });
const mockCheckout = (resolver: Parameters<typeof http.post>[1]) =>
  server.use(http.post(`${API_BASE}/checkout`, resolver));

describe('FlittCheckoutButton', () => {
  it('creates the order on the server and navigates to Flitt’s checkout_url', async () => {
    const { navigate, user } = renderButton();
    expect(await payButton()).toHaveAttribute('aria-busy', 'false');
    await user.click(await payButton());
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    const url = String(navigate.mock.calls[0]?.[0]);
    expect(url).toMatch(
      /^https:\/\/pay\.flitt\.com\/merchants\/[0-9a-f]+\/default\/index\.html\?token=[0-9a-f]{40}$/,
    );
    // The server priced the cart (2 × 700), ignoring the amount the browser sent.
    expect(sandbox.control.orders()).toEqual([
      expect.objectContaining({ amount: 1400, currency: 'GEL' }),
    ]);
    expect(screen.getByRole('status')).toHaveTextContent(/opening the secure payment page/i);
    expect(await payButton()).toHaveAttribute('aria-disabled', 'true');
  });

  it('is busy and disabled while creating, and a double click makes one order', async () => {
    sandbox.control.setLatency(80);
    const { navigate, user } = renderButton();
    await user.dblClick(await payButton());
    await user.click(await payButton());
    expect(await payButton()).toHaveAttribute('aria-busy', 'true');
    expect(await payButton()).toHaveAttribute('aria-disabled', 'true');
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(sandbox.control.orders()).toHaveLength(1);
  });

  it('makes exactly one order per click under StrictMode, and none at mount', async () => {
    const navigate = vi.fn();
    const user = userEvent.setup();
    render(
      <StrictMode>
        <FlittProvider locale={en} apiBase={API_BASE} navigate={navigate}>
          <FlittCheckoutButton order={cart}>Pay now</FlittCheckoutButton>
        </FlittProvider>
      </StrictMode>,
    );
    expect(sandbox.control.orders()).toHaveLength(0);
    await user.click(await screen.findByRole('button', { name: 'Pay now' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(sandbox.control.orders()).toHaveLength(1);
  });

  it('shows a merchant endpoint 500 inline, announced and focused, and retries successfully', async () => {
    mockCheckout(() =>
      HttpResponse.json({ error: { code: 'internal_error', message: 'boom' } }, { status: 500 }),
    );
    const onError = vi.fn();
    const { navigate, user } = renderButton({ onError });
    await user.click(await payButton());
    const alert = await screen.findByRole('alert');
    // A body without the server's payerMessage: the browser says only that it failed.
    expect(alert).toHaveTextContent('Payment could not be completed');
    expect(alert).toHaveFocus();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'failed', code: 'server_error' }),
    );
    server.resetHandlers();
    await user.click(await screen.findByRole('button', { name: /try again/i }));
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the shop’s own refusal (FlittHttpError from resolveOrder) as the shop wrote it', async () => {
    const onError = vi.fn();
    const { navigate, user } = renderButton({ onError, order: { items: [] } });
    await user.click(await payButton());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your cart is empty. Add something before paying.');
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({
        status: 'failed',
        code: 'empty_cart',
        message: 'Your cart is empty. Add something before paying.',
      }),
    );
    expect(navigate).not.toHaveBeenCalled();
    expect(sandbox.control.orders()).toHaveLength(0);
  });

  it('times out a merchant endpoint that does not answer', async () => {
    mockCheckout(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const { navigate, user } = renderButton({}, { timeoutMs: 100 });
    await user.click(await payButton());
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(/couldn’t connect to the shop/i),
    );
    expect(navigate).not.toHaveBeenCalled();
  });

  it('reports malformed JSON and a network error', async () => {
    mockCheckout(
      () => new HttpResponse('{"orderId": ', { headers: { 'content-type': 'application/json' } }),
    );
    const { user } = renderButton();
    await user.click(await payButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('Payment could not be completed');
    mockCheckout(() => HttpResponse.error());
    await user.click(await screen.findByRole('button', { name: /try again/i }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(/couldn’t connect to the shop/i),
    );
  });

  it('shows Flitt’s refusal passed on by the server (502) without blaming the payer', async () => {
    sandbox.control.failNext(1, 'http500');
    const { user, navigate } = renderButton();
    await user.click(await payButton());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/payment service is temporarily unavailable.*try again later/i);
    expect(alert).not.toHaveTextContent(/your card/i);
    expect(navigate).not.toHaveBeenCalled();
  });

  it.each([
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'http://pay.flitt.com/merchants/x/default/index.html',
    'https://pay.flitt.com.evil.example/merchants/x',
    'https://pay.flitt.com@evil.example/',
    '//evil.example/x',
  ])('never follows the unsafe checkout_url %s', async (checkoutUrl) => {
    mockCheckout(() => HttpResponse.json({ flow: 'redirect', orderId: 'o-1', checkoutUrl }));
    const onError = vi.fn();
    const { navigate, user } = renderButton({ onError });
    await user.click(await payButton());
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(navigate).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'unsafe_checkout_url' }));
  });

  it('follows the sandbox origin when it is configured', async () => {
    const url = `http://127.0.0.1:8610/merchants/ab/default/index.html?token=${'a'.repeat(40)}`;
    mockCheckout(() => HttpResponse.json({ flow: 'redirect', orderId: 'o-1', checkoutUrl: url }));
    const { navigate, user } = renderButton({}, { sandboxOrigin: 'http://127.0.0.1:8610' });
    await user.click(await payButton());
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(url));
  });

  it('does nothing after unmount mid-request', async () => {
    mockCheckout(async () => {
      await delay(60);
      return HttpResponse.json({
        flow: 'redirect',
        orderId: 'o',
        checkoutUrl: 'https://pay.flitt.com/x',
      });
    });
    const { navigate, user, unmount } = renderButton();
    await user.click(await payButton());
    unmount();
    await new Promise((r) => setTimeout(r, 120));
    expect(navigate).not.toHaveBeenCalled();
  });

  it('with prefetch="intent" creates the order on hover and leaves at once on click', async () => {
    const { navigate, user } = renderButton({ prefetch: 'intent' });
    await user.hover(await payButton());
    await waitFor(() => expect(sandbox.control.orders()).toHaveLength(1));
    expect(navigate).not.toHaveBeenCalled();
    await user.click(await payButton());
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(sandbox.control.orders()).toHaveLength(1);
  });

  it('keeps the order prefetched on hover when the page re-renders with a new navigate', async () => {
    const user = userEvent.setup();
    const navigated: string[] = [];
    // The app passes a new navigate function on every render (an inline arrow).
    const page = (n: number) => (
      <FlittProvider
        locale={en}
        apiBase={API_BASE}
        navigate={(url) => navigated.push(`${n} ${url}`)}
      >
        <FlittCheckoutButton order={cart} prefetch="intent" />
      </FlittProvider>
    );
    const view = render(page(1));
    await user.hover(await payButton());
    await waitFor(() => expect(sandbox.control.orders()).toHaveLength(1));
    view.rerender(page(2));
    await user.click(await payButton());
    await waitFor(() => expect(navigated).toHaveLength(1));
    expect(navigated[0]).toMatch(/^2 /);
    expect(sandbox.control.orders()).toHaveLength(1);
  });

  it('uses an order prefetched on hover even when the click comes before it is ready', async () => {
    sandbox.control.setLatency(120);
    const { navigate, user } = renderButton({ prefetch: 'intent' });
    await user.hover(await payButton());
    await user.click(await payButton());
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(sandbox.control.orders()).toHaveLength(1);
  });

  it('speaks the payer’s language (ka) for the label and the errors', async () => {
    mockCheckout(() => HttpResponse.json({ error: { code: 'timeout' } }, { status: 504 }));
    const { user } = renderButton({}, { locale: ka });
    const button = await screen.findByRole('button', { name: 'გადახდა' });
    await user.click(button);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(ka.ui.networkError));
    expect(screen.getByRole('button', { name: 'ხელახლა ცდა' })).toBeInTheDocument();
  });

  it('is fully keyboard operable', async () => {
    const { navigate, user } = renderButton();
    await user.tab();
    expect(await payButton()).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
  });

  it('supports asChild and a render prop', async () => {
    const navigate = vi.fn();
    const user = userEvent.setup();
    render(
      <FlittProvider locale={en} apiBase={API_BASE} navigate={navigate}>
        <FlittCheckoutButton order={cart} asChild>
          <a href="#pay">Checkout link</a>
        </FlittCheckoutButton>
        <FlittCheckoutButton
          order={cart}
          render={(checkout) => (
            <button type="button" onClick={() => checkout.start(cart)}>
              Custom {checkout.state.status}
            </button>
          )}
        />
      </FlittProvider>,
    );
    await user.click(screen.getByRole('link', { name: 'Checkout link' }));
    await user.click(await screen.findByRole('button', { name: 'Custom idle' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(2));
  });

  it('asChild keeps the child’s own handlers', async () => {
    const navigate = vi.fn();
    const own = vi.fn();
    const user = userEvent.setup();
    render(
      <FlittProvider locale={en} apiBase={API_BASE} navigate={navigate}>
        <FlittCheckoutButton order={cart} asChild>
          <button type="button" onClick={own}>
            Mine
          </button>
        </FlittCheckoutButton>
      </FlittProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Mine' }));
    expect(own).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
  });

  it('throws a clear error outside FlittProvider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<FlittCheckoutButton order={cart} />)).toThrow(
      '[flitt-checkout] FlittCheckoutButton must be used inside <FlittProvider>.',
    );
  });
});
