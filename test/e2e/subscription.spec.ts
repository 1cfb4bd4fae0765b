// Issue 16 in Chromium on the demo shop and the sandbox: subscribe to the tea club with a trial,
// move the sandbox clock, see each charge arrive once (in the shop's records and on its manage
// page), stop it and see no further charge; the declining card's charge is declined and explained.
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './expectAccessible.ts';
import { fillCard } from './sandboxPages.ts';

interface Charge {
  orderId: string;
  status: 'approved' | 'declined';
  responseCode: number | null;
}
interface Subscription {
  orderId: string;
  status: 'active' | 'disabled';
  charges: Charge[];
}

const sandboxUrl = async (page: Page) =>
  ((await (await page.request.get('/api/shop/config')).json()) as { sandboxUrl: string })
    .sandboxUrl;

const subscriptionOf = async (page: Page, orderId: string) =>
  ((await (await page.request.get('/api/shop/subscriptions')).json()) as Subscription[]).find(
    (s) => s.orderId === orderId,
  );

/**
 * Subscribes on the shop's page and pays, on the sandbox's hosted page or in the embedded form;
 * the first order's id.
 */
async function subscribe(
  page: Page,
  card: string,
  flow: 'redirect' | 'embedded' = 'redirect',
): Promise<string> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/');
  await page.getByRole('link', { name: 'Tea club subscription' }).click();
  const plan = page.getByRole('region', { name: 'Your subscription' });
  await expect(plan).toContainText('Today: ₾1.00');
  await expect(plan).toContainText('Then ₾15.00 every month');
  await expect(plan).toContainText('Free trial: 14 days');
  await expect(plan).toContainText('First charge on');
  const sandbox = await sandboxUrl(page);
  if (flow === 'redirect') {
    await page.getByRole('button', { name: /^Subscribe for/ }).click();
    await page.waitForURL((url) => url.href.startsWith(`${sandbox}/merchants/`));
    // Flitt's page shows the plan the server sent, read-only.
    await expect(page.getByTestId('plan')).toHaveText(
      'Subscription: ₾15.00 every month, the first 14 days free',
    );
  } else {
    await page.getByLabel('With a card, here').check();
    // The form shows the same plan (options.subscription.type 'shown_readonly').
    await expect(page.locator('.f-plan')).toHaveText(
      'Subscription: ₾15.00 every month, the first 14 days free',
    );
  }
  await fillCard(page, card);
  await page
    .getByRole('button', { name: flow === 'redirect' ? /^Pay / : /^Subscribe for/ })
    .click();
  await page.waitForURL(/\/result\?order_id=/);
  await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  const orderId = new URL(page.url()).searchParams.get('order_id') ?? '';
  // The paid callback made it a subscription in the shop's records.
  await expect.poll(async () => (await subscriptionOf(page, orderId))?.status).toBe('active');
  await page.getByRole('link', { name: 'Your subscriptions' }).click();
  return orderId;
}

/** The manage view of one subscription (the page lists the shop's subscriptions). */
const managerOf = (page: Page, orderId: string) =>
  page.getByRole('region', { name: 'Subscription', exact: true }).filter({ hasText: orderId });

async function advanceMonth(page: Page, times: number) {
  await page.getByRole('button', { name: 'Advance the sandbox clock one month' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sandbox clock moved' })).toHaveText(
    `Sandbox clock moved, months: ${times}`,
  );
}

test.describe('subscriptions on the demo shop', () => {
  test('trial, a charge per month once each, stop, and no charge after', async ({ page }) => {
    test.setTimeout(60_000);
    const orderId = await subscribe(page, '4444555511116666');
    const manager = managerOf(page, orderId);
    await expect(manager).toContainText('Active');
    await expect(manager).toContainText('No charges yet.');
    await expectAccessible(page, 'manage view, active');

    await advanceMonth(page, 1);
    const charges = manager.getByRole('list', { name: 'Charges' }).getByRole('listitem');
    await expect(charges).toHaveCount(1);
    await expect(charges.first()).toHaveText('Charged: ₾15.00');
    await advanceMonth(page, 2);
    await expect(charges).toHaveCount(2);
    // Each charge is its own order, linked to the first, recorded once.
    const recorded = (await subscriptionOf(page, orderId))?.charges ?? [];
    expect(recorded.map((c) => c.status)).toEqual(['approved', 'approved']);
    expect(new Set(recorded.map((c) => c.orderId)).size).toBe(2);
    for (const c of recorded) expect(c.orderId.startsWith(`${orderId}-`)).toBe(true);

    const stop = manager.getByRole('button', { name: 'Stop subscription' });
    await stop.click();
    await expect(manager.getByRole('status')).toHaveText(
      'Your subscription is stopped. No further charges will be taken.',
    );
    await expect(manager).toContainText('Stopped: no further charges');
    await expect(manager.getByRole('button', { name: 'Start subscription again' })).toBeFocused();
    await expectAccessible(page, 'manage view, stopped');
    expect((await subscriptionOf(page, orderId))?.status).toBe('disabled');

    await advanceMonth(page, 3);
    // The page polls every second: give a charge that would come the time to show, then count.
    await page.waitForTimeout(2500);
    await expect(charges).toHaveCount(2);
    expect((await subscriptionOf(page, orderId))?.charges).toHaveLength(2);
  });

  test('the declining card: the first payment approved, the charge declined and explained', async ({
    page,
  }) => {
    const orderId = await subscribe(page, '4000001099000002');
    const manager = managerOf(page, orderId);
    await advanceMonth(page, 1);
    const charge = manager.getByRole('list', { name: 'Charges' }).getByRole('listitem');
    await expect(charge).toHaveCount(1);
    await expect(charge).toContainText('Charge declined: ₾15.00');
    // The reason for 1037 in the payer's words (core's messages), not a code.
    await expect(charge).toContainText('Your card doesn’t have enough funds.');
    expect((await subscriptionOf(page, orderId))?.charges).toMatchObject([
      { status: 'declined', responseCode: 1037 },
    ]);
    // A declined charge leaves the subscription active: the payer can still stop it.
    await expect(manager).toContainText('Active');
  });

  test('paid in the embedded form: the plan shown in the form, a charge a month, stopped', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const orderId = await subscribe(page, '4444555511116666', 'embedded');
    const manager = managerOf(page, orderId);
    await expect(manager).toContainText('Active');
    await advanceMonth(page, 1);
    const charges = manager.getByRole('list', { name: 'Charges' }).getByRole('listitem');
    await expect(charges).toHaveText(['Charged: ₾15.00']);
    await manager.getByRole('button', { name: 'Stop subscription' }).click();
    await expect(manager).toContainText('Stopped: no further charges');
    // The shop's record came from the subscription.stopped event.
    expect((await subscriptionOf(page, orderId))?.status).toBe('disabled');
    await advanceMonth(page, 2);
    await page.waitForTimeout(2500);
    await expect(charges).toHaveCount(1);
  });

  test('speaks the payer’s language on the plan and the manage view (Georgian)', async ({
    page,
  }) => {
    await page.goto('/');
    await page.evaluate(() => localStorage.setItem('shop.locale', '"ka"'));
    await page.goto('/subscribe');
    const plan = page.getByRole('region', { name: 'თქვენი გამოწერა' });
    await expect(plan).toContainText('ყოველთვე');
    await expect(plan).toContainText('14 დღე');
    await expectAccessible(page, 'plan summary, ka');
  });
});
