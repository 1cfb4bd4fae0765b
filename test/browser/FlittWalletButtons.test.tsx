import { FlittProvider, FlittWalletButtons } from '@flitt-checkout/react';
import { en } from '@flitt-checkout/react/locales/en';
import { StrictMode } from 'react';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';

// The wallet buttons in Chromium against the sandbox's stand-in for Flitt's js-sdk: which wallets
// the browser can pay with is simulated (window.__flittSandboxWallets); the sheet's choices
// settle the order at the sandbox, which calls the shop back as for a card.
const sandboxUrl = inject('sandboxUrl');
const apiBase = inject('apiBase');
const cart = { items: [{ sku: 'tea', qty: 1 }], delayed: 'N' };

type Wallets = { apple?: boolean; google?: boolean };
const browserCanPay = (wallets: Wallets) => {
  (window as { __flittSandboxWallets?: Wallets }).__flittSandboxWallets = wallets;
};
afterEach(() => {
  delete (window as { __flittSandboxWallets?: Wallets }).__flittSandboxWallets;
});

async function lastOrder(): Promise<{ orderId: string; status: string; amount: number }> {
  const all = (await (await fetch(`${sandboxUrl}/sandbox/control/orders`)).json()) as {
    orderId: string;
    status: string;
    amount: number;
  }[];
  return all.at(-1) as { orderId: string; status: string; amount: number };
}

function mount(props: Partial<Parameters<typeof FlittWalletButtons>[0]> = {}) {
  return render(
    <StrictMode>
      <FlittProvider locale={en} apiBase={apiBase} sandboxOrigin={sandboxUrl}>
        <FlittWalletButtons order={cart} {...props} />
      </FlittProvider>
    </StrictMode>,
  );
}

describe('FlittWalletButtons in Chromium with the sandbox’s js-sdk', () => {
  it('shows only the wallet the browser can pay with, and pays with it', async () => {
    browserCanPay({ google: true, apple: false });
    const onApproved = vi.fn();
    mount({ onApproved });
    const google = page.getByRole('button', { name: 'Google Pay' });
    await expect.element(google).toBeVisible();
    expect(page.getByRole('button', { name: 'Apple Pay' }).elements()).toHaveLength(0);
    await google.click();
    const sheet = page.getByRole('dialog', { name: 'Google Pay (sandbox)' });
    await expect.element(sheet).toBeVisible();
    await expect.element(page.getByRole('status')).toHaveTextContent('Processing');
    await sheet.getByRole('button', { name: 'Pay', exact: true }).click();
    await vi.waitFor(() => expect(onApproved).toHaveBeenCalledTimes(1), { timeout: 5000 });
    await expect.element(page.getByRole('status')).toHaveTextContent('Payment successful');
    // The server's price (one tea, 7.00 ₾), paid once, and nothing left to press.
    expect(await lastOrder()).toMatchObject({ status: 'approved', amount: 700 });
    expect(page.getByRole('button', { name: 'Google Pay' }).elements()).toHaveLength(0);
  });

  it('takes Apple Pay where only Apple Pay can pay, after the bank’s 3-D Secure step', async () => {
    browserCanPay({ apple: true });
    const onApproved = vi.fn();
    mount({ onApproved });
    await page.getByRole('button', { name: 'Apple Pay' }).click();
    expect(page.getByRole('button', { name: 'Google Pay' }).elements()).toHaveLength(0);
    await page.getByRole('button', { name: 'Pay with 3-D Secure' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await vi.waitFor(() => expect(onApproved).toHaveBeenCalledTimes(1), { timeout: 5000 });
  });

  it('explains a decline in the payer’s words, and tries again with a new order', async () => {
    browserCanPay({ google: true });
    const onDeclined = vi.fn();
    mount({ onDeclined });
    await page.getByRole('button', { name: 'Google Pay' }).click();
    await page.getByRole('button', { name: 'Decline (sandbox)' }).click();
    const alert = page.getByRole('alert');
    await expect.element(alert).toHaveTextContent('The payment was declined');
    expect(onDeclined).toHaveBeenCalledWith(expect.objectContaining({ code: 1004 }));
    const declined = await lastOrder();
    expect(declined.status).toBe('declined');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.element(page.getByRole('button', { name: 'Google Pay' })).toBeVisible();
    expect((await lastOrder()).orderId).not.toBe(declined.orderId);
  });

  it('takes a cancelled sheet as the payer’s choice, not an error: the same order can still be paid', async () => {
    browserCanPay({ google: true });
    const onCancel = vi.fn();
    const onApproved = vi.fn();
    mount({ onCancel, onApproved });
    await page.getByRole('button', { name: 'Google Pay' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await vi.waitFor(() => expect(onCancel).toHaveBeenCalledTimes(1));
    expect(page.getByRole('alert').elements()).toHaveLength(0);
    const open = await lastOrder();
    expect(open.status).toBe('created');
    await page.getByRole('button', { name: 'Google Pay' }).click();
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await vi.waitFor(() => expect(onApproved).toHaveBeenCalledTimes(1), { timeout: 5000 });
    expect(await lastOrder()).toMatchObject({ orderId: open.orderId, status: 'approved' });
  });

  it('takes an error that carries Flitt’s order as that order: paid behind its back is paid, with no second order', async () => {
    browserCanPay({ google: true });
    const onApproved = vi.fn();
    mount({ onApproved });
    const google = page.getByRole('button', { name: 'Google Pay' });
    await expect.element(google).toBeVisible();
    const all = (await (await fetch(`${sandboxUrl}/sandbox/control/orders`)).json()) as {
      orderId: string;
      token: string;
    }[];
    const open = all.at(-1);
    // Paid in another tab (or a reply lost on the way): the order is no longer open.
    await fetch(`${sandboxUrl}/sandbox/wallet/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: open?.token, method: 'google', outcome: 'approve' }),
    });
    await google.click();
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await vi.waitFor(() => expect(onApproved).toHaveBeenCalledTimes(1), { timeout: 5000 });
    expect((await lastOrder()).orderId).toBe(open?.orderId);
  });

  it('renders no button where no wallet can pay, and says so when asked to', async () => {
    browserCanPay({ apple: false, google: false });
    mount({ fallback: <p>Pay by card instead.</p>, waitMs: 300 });
    await expect.element(page.getByText('Pay by card instead.')).toBeVisible();
    expect(page.getByRole('button').elements()).toHaveLength(0);
  });
});
