// Issue 19 in Chromium on the demo shop and the sandbox: the admin signs in, holds new orders,
// captures a held order and refunds in part and in full; the server decides every amount.
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './expectAccessible.ts';
import { fillCard } from './sandboxPages.ts';

async function signInAsAdmin(page: Page) {
  await page.goto('/admin');
  await page.getByLabel('Admin password').fill('admin');
  await page.getByRole('button', { name: 'Sign in as admin' }).click();
  await expect(
    page.getByLabel('Hold new orders, capture on dispatch (pre-authorise)'),
  ).toBeVisible();
}

/** Buys one khachapuri (₾18.00) on Flitt's page with the approving card; the order id. */
async function buy(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/');
  await page.getByRole('button', { name: 'Add to cart: Adjarian khachapuri' }).click();
  await page.getByRole('link', { name: /^Cart/ }).click();
  await page.getByRole('button', { name: /^Pay ₾\d/ }).click();
  await page.waitForURL(/\/merchants\//);
  await fillCard(page, '4444555511116666');
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.waitForURL(/\/result\?order_id=/);
  await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  return new URL(page.url()).searchParams.get('order_id') ?? '';
}

const row = (page: Page, orderId: string) => page.locator(`tr[data-order="${orderId}"]`);

test.describe('the demo shop’s admin page', () => {
  test.beforeEach(async ({ page }) => {
    await page.context().clearCookies();
  });

  test('refuses a wrong password, and the admin API without a sign-in', async ({ page }) => {
    await page.goto('/admin');
    await page.getByLabel('Admin password').fill('guess');
    await page.getByRole('button', { name: 'Sign in as admin' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong password.');
    const refused = await page.request.post('/api/shop/admin/refund', {
      data: { orderId: 'shop-anything' },
    });
    expect(refused.status()).toBe(401);
  });

  test('holds an order, captures it, refunds part of it and then the rest', async ({ page }) => {
    test.setTimeout(60_000);
    await signInAsAdmin(page);
    const hold = page.getByLabel('Hold new orders, capture on dispatch (pre-authorise)');
    await hold.check();
    await expect(page.getByRole('status')).toHaveText(
      'New orders are held until you capture them.',
    );
    const orderId = await buy(page);

    // Still signed in as the admin (the cookie), back on the admin page.
    await page.goto('/admin');
    const line = row(page, orderId);
    await expect(line).toContainText('held');
    await expectAccessible(page, 'admin, a held order');
    // Refunding part of a hold is refused by the server before Flitt is asked.
    await line.getByLabel(`Refund amount for ${orderId}`).fill('1.00');
    await line.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('uncaptured hold');
    await line.getByRole('button', { name: 'Capture ₾18.00' }).click();
    await expect(page.getByRole('status')).toHaveText(`Captured ₾18.00 of ${orderId}.`);
    await expect(line).toContainText('approved');
    await expect(line.getByRole('button', { name: /^Capture/ })).toHaveCount(0);

    // More than was taken: refused, with what is left.
    await line.getByLabel(`Refund amount for ${orderId}`).fill('20.00');
    await line.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('at most 1800');
    await line.getByLabel(`Refund amount for ${orderId}`).fill('2.30');
    await line.getByRole('button', { name: 'Refund', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText(`Refunded ₾2.30 of ${orderId}.`);
    await expect(line.getByRole('button', { name: 'Refund all ₾15.70' })).toBeVisible();
    await line.getByRole('button', { name: 'Refund all ₾15.70' }).click();
    await expect(page.getByRole('status')).toHaveText(`Refunded ₾15.70 of ${orderId}.`);
    await expect(line).toContainText('reversed');
    await expect(line.getByRole('button', { name: /^Refund/ })).toHaveCount(0);
    // Flitt's own record agrees, to the tetri.
    const config = (await (await page.request.get('/api/shop/config')).json()) as {
      sandboxUrl: string;
    };
    const orders = (await (
      await page.request.get(`${config.sandboxUrl}/sandbox/control/orders`)
    ).json()) as { orderId: string; reversalAmount: number; status: string }[];
    expect(orders.find((o) => o.orderId === orderId)).toMatchObject({
      status: 'reversed',
      reversalAmount: 1800,
    });
    await hold.uncheck();
  });
});
