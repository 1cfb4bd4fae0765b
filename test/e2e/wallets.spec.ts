// Issue 18 in Chromium on the demo shop and the sandbox: Apple Pay and Google Pay through the
// sandbox's stand-in for Flitt's js-sdk, whose availability checks the page simulates.
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './expectAccessible.ts';

const lastSandboxOrder = async (page: Page) => {
  const { sandboxUrl } = (await (await page.request.get('/api/shop/config')).json()) as {
    sandboxUrl: string;
  };
  const orders = (await (
    await page.request.get(`${sandboxUrl}/sandbox/control/orders`)
  ).json()) as { orderId: string; status: string }[];
  return orders.at(-1);
};

const recorded = async (page: Page) =>
  (await (await page.request.get('/api/shop/callbacks')).json()) as {
    orderId: string;
    status: string;
  }[];

/** A cart with one khachapuri, paying by wallet, in a browser that can pay with `wallets`. */
async function walletCart(page: Page, wallets: { apple?: boolean; google?: boolean }) {
  await page.addInitScript((can) => {
    (window as { __flittSandboxWallets?: unknown }).__flittSandboxWallets = can;
  }, wallets);
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/');
  await page.getByRole('button', { name: 'Add to cart: Adjarian khachapuri' }).click();
  await page.getByRole('link', { name: /^Cart/ }).click();
  await page.getByLabel('With Apple Pay or Google Pay').check();
}

test.describe('wallets on the demo shop', () => {
  test('Google Pay approved: the result page, and the shop heard of it once', async ({ page }) => {
    await walletCart(page, { google: true });
    const google = page.getByRole('button', { name: 'Google Pay' });
    await expect(google).toBeVisible();
    await expect(page.getByRole('button', { name: 'Apple Pay' })).toHaveCount(0);
    await expectAccessible(page, 'cart, paying by wallet');
    await google.click();
    const sheet = page.getByRole('dialog', { name: 'Google Pay (sandbox)' });
    // The sheet takes the focus, on its main action.
    await expect(sheet.getByRole('button', { name: 'Pay', exact: true })).toBeFocused();
    await sheet.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForURL(/\/result\?order_id=/);
    await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    const orderId = new URL(page.url()).searchParams.get('order_id') ?? '';
    await expect
      .poll(async () => (await recorded(page)).filter((r) => r.orderId === orderId))
      .toEqual([expect.objectContaining({ status: 'approved' })]);
  });

  test('a declined wallet payment says why and offers another try', async ({ page }) => {
    await walletCart(page, { apple: true });
    await page.getByRole('button', { name: 'Apple Pay' }).click();
    await page.getByRole('button', { name: 'Decline (sandbox)' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The payment was declined');
    // The shop's onEvent heard of the decline once, from Flitt's callback.
    const declined = await lastSandboxOrder(page);
    expect(declined?.status).toBe('declined');
    await expect
      .poll(async () => (await recorded(page)).filter((r) => r.orderId === declined?.orderId))
      .toEqual([expect.objectContaining({ status: 'declined' })]);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('button', { name: 'Apple Pay' })).toBeVisible();
  });

  test('a cancelled sheet is no error: the payer stays on the cart with the buttons', async ({
    page,
  }) => {
    await walletCart(page, { google: true });
    await page.getByRole('button', { name: 'Google Pay' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Google Pay' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/cart');
    // Nothing happened to the order: still open at Flitt, and no event.
    const open = await lastSandboxOrder(page);
    expect(open?.status).toBe('created');
    expect((await recorded(page)).filter((r) => r.orderId === open?.orderId)).toEqual([]);
  });

  test('no wallet button where the browser has no wallet, and a way on', async ({ page }) => {
    await walletCart(page, { apple: false, google: false });
    await expect(
      page.getByText('Neither Apple Pay nor Google Pay can be used in this browser.'),
    ).toBeVisible({
      timeout: 10_000,
    });
    await expect(page.getByRole('button', { name: /Pay$/ })).toHaveCount(0);
  });
});
