import { API_BASE, setupFlittTestServer } from '@flitt-checkout/test-kit/msw';
import { render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { FlittEmbeddedCheckout } from './FlittEmbeddedCheckout.tsx';
import { FlittProvider } from './FlittProvider.tsx';
import { en } from './locales/en.ts';

const { sandbox } = setupFlittTestServer();
const cart = { items: [{ sku: 'churchkhela', qty: 4 }] };

// jsdom cannot run checkout.js; the widget itself is tested in Chromium (test/browser).
describe('FlittEmbeddedCheckout (jsdom)', () => {
  it('creates exactly one order under StrictMode’s double mount and shows the loading state', async () => {
    render(
      <StrictMode>
        <FlittProvider locale={en} apiBase={API_BASE}>
          <FlittEmbeddedCheckout order={cart} />
        </FlittProvider>
      </StrictMode>,
    );
    expect(await screen.findByText('Loading the payment form…')).toHaveAttribute('role', 'status');
    await waitFor(() => expect(sandbox.control.orders()).toHaveLength(1));
    expect(sandbox.control.orders()[0]).toMatchObject({ amount: 1800 });
    await new Promise((r) => setTimeout(r, 50));
    expect(sandbox.control.orders()).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Pay' })).toHaveAttribute('aria-disabled', 'true');
  });

  it('adds checkout.js and its CSS once, with the CSP nonce', async () => {
    const url = 'https://pay.flitt.com/latest/checkout-vue/checkout.js?nonce-test';
    const view = render(
      <FlittProvider locale={en} apiBase={API_BASE} checkoutScriptUrl={url} nonce="r4nd0m">
        <FlittEmbeddedCheckout order={cart} />
        <FlittEmbeddedCheckout order={cart} />
      </FlittProvider>,
    );
    await waitFor(() => expect(document.querySelectorAll(`script[src="${url}"]`)).toHaveLength(1));
    const script = document.querySelector<HTMLScriptElement>(`script[src="${url}"]`);
    expect(script?.nonce).toBe('r4nd0m');
    const link = document.querySelector<HTMLLinkElement>(
      'link[data-flitt-checkout][href$="?nonce-test"]',
    );
    expect(link?.href).toBe('https://pay.flitt.com/latest/checkout-vue/checkout.css?nonce-test');
    expect(link?.nonce).toBe('r4nd0m');
    view.unmount();
  });
});
