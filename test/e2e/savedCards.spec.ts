// Issue 17 in Chromium on the demo shop and the sandbox: the signed-in test customer pays and
// saves the card, pays again in one click without the card form, and an expired token asks for
// the card again; each charge reaches the shop's onEvent once.
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './expectAccessible.ts';
import { fillCard, sandboxUrl } from './sandboxPages.ts';

interface SandboxOrder {
  orderId: string;
  status: string;
  amount: number;
  rectoken?: string;
}

const sandboxOrders = async (page: Page) =>
  (await (
    await page.request.get(`${await sandboxUrl(page)}/sandbox/control/orders`)
  ).json()) as SandboxOrder[];

const recorded = async (page: Page) =>
  (await (await page.request.get('/api/shop/callbacks')).json()) as {
    orderId: string;
    status: string;
  }[];

/** A fresh visit, signed in as the test customer, with one khachapuri in the cart. */
async function signedInCart(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.context().clearCookies();
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in as Nino (test customer)' }).click();
  await expect(page.getByText('Signed in as Nino')).toBeVisible();
  await page.getByRole('button', { name: 'Add to cart: Adjarian khachapuri' }).click();
  await page.getByRole('link', { name: /^Cart/ }).click();
}

/** Removes the customer's saved cards one by one, through the list's confirmed removal. */
async function removeSavedCards(page: Page) {
  const cards = page.getByRole('region', { name: 'Saved cards' });
  const none = cards.getByText('You have no saved cards yet.');
  await expect(none.or(cards.getByRole('radiogroup'))).toBeVisible();
  while (!(await none.isVisible())) {
    const count = await cards.getByRole('radio').count();
    await cards
      .getByRole('button', { name: /^Remove card •••• / })
      .first()
      .click();
    await cards.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(cards.getByRole('status')).toContainText('has been removed');
    await expect(cards.getByRole('radio')).toHaveCount(count - 1);
  }
}

/** Pays the cart on the sandbox's hosted page with the card, keeping it; the order id. */
async function payAndSave(page: Page, card = '4444555511116666') {
  await page.getByLabel('Save this card for next time').check();
  const sandbox = await sandboxUrl(page);
  await page.getByRole('button', { name: /^Pay ₾\d/ }).click();
  await page.waitForURL((url) => url.href.startsWith(`${sandbox}/merchants/`));
  await fillCard(page, card);
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.waitForURL(/\/result\?order_id=/);
  await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  return new URL(page.url()).searchParams.get('order_id') ?? '';
}

test.describe('saved cards on the demo shop', () => {
  test('pay and save a card, then pay again in one click without the card form', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await signedInCart(page);
    await removeSavedCards(page);
    const first = await payAndSave(page);
    expect((await sandboxOrders(page)).find((o) => o.orderId === first)?.rectoken).toBeTruthy();

    await page.goto('/');
    await page.getByRole('button', { name: 'Add to cart: Adjarian khachapuri' }).click();
    await page.getByRole('link', { name: /^Cart/ }).click();
    const saved = page.getByRole('radiogroup');
    await expect(saved.getByRole('radio', { name: /•••• 6666/ })).toBeChecked();
    await expectAccessible(page, 'cart with a saved card, signed in');
    const sandbox = await sandboxUrl(page);
    const visited: string[] = [];
    page.on('framenavigated', (frame) => visited.push(frame.url()));
    await page.getByRole('button', { name: 'Pay with •••• 6666' }).click();
    await page.waitForURL(/\/result\?order_id=/);
    await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    const second = new URL(page.url()).searchParams.get('order_id') ?? '';
    expect(second).not.toBe(first);
    // One click: no hosted page, no card form.
    expect(visited.filter((url) => url.startsWith(sandbox))).toEqual([]);
    // The server priced it: one khachapuri, whatever the browser holds.
    expect((await sandboxOrders(page)).find((o) => o.orderId === second)).toMatchObject({
      status: 'approved',
    });
    // Each charge reached the shop's onEvent once (its callback came too).
    await expect
      .poll(async () => (await recorded(page)).filter((r) => r.orderId === second).length)
      .toBe(1);
    expect((await recorded(page)).filter((r) => r.orderId === first)).toHaveLength(1);
  });

  test('an expired token asks for the card again', async ({ page }) => {
    test.setTimeout(60_000);
    await signedInCart(page);
    // The test customer's cards outlive sessions: start from none, removing each in the list.
    await removeSavedCards(page);
    const first = await payAndSave(page);
    const rectoken = (await sandboxOrders(page)).find((o) => o.orderId === first)?.rectoken;
    // Flitt's token runs out (the sandbox's clock control), while the shop still lists the card.
    await page.request.post(`${await sandboxUrl(page)}/sandbox/control/rectoken`, {
      data: { rectoken, expiresInSeconds: 0 },
    });
    // A paid cart is emptied: a new one.
    await page.goto('/');
    await page.getByRole('button', { name: 'Add to cart: Adjarian khachapuri' }).click();
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('button', { name: 'Pay with •••• 6666' }).click();
    await expect(page.getByRole('alert')).toContainText('This saved card can no longer be used');
    // The card is gone, and the normal checkout is there to enter it again.
    await expect(page.getByText('You have no saved cards yet.')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Pay ₾\d/ })).toBeVisible();
  });

  test('add a card without buying, on the customer’s cards page, then pay with it in one click', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await signedInCart(page);
    await removeSavedCards(page);
    await page.getByRole('link', { name: 'Your cards' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your cards' })).toBeFocused();
    const cards = page.getByRole('region', { name: 'Saved cards' });
    await expect(cards.getByText('You have no saved cards yet.')).toBeVisible();
    // A page that only manages cards: no choice to make, nothing to pay.
    await expect(cards.getByRole('button', { name: /^Pay with/ })).toHaveCount(0);
    await cards.getByRole('button', { name: 'Add a card' }).click();
    await expect(
      page.getByText('To check the card, a small amount is held on it and given back at once.'),
    ).toBeVisible();
    await fillCard(page, '4444555511116666');
    await page.getByRole('button', { name: 'Check and save the card' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Your card has been saved.' }),
    ).toBeVisible();
    // The list shows it at once, as a card to manage.
    await expect(cards.getByRole('listitem').filter({ hasText: 'VISA •••• 6666' })).toBeVisible();
    await expectAccessible(page, 'your cards, a card just added');
    // The check: the shop's 1.00 ₾, given back by Flitt itself; the shop heard of it once.
    const check = (await sandboxOrders(page)).at(-1);
    expect(check).toMatchObject({ amount: 100, status: 'reversed' });
    await expect
      .poll(async () => (await recorded(page)).filter((r) => r.orderId === check?.orderId).length)
      .toBe(1);
    await page.getByRole('button', { name: 'Done' }).click();

    // Back to the cart: the new card pays in one click.
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByRole('button', { name: 'Pay with •••• 6666' }).click();
    await page.waitForURL(/\/result\?order_id=/);
    await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  });

  test('signed out, no saved cards and no save option', async ({ page }) => {
    await page.goto('/');
    await page.context().clearCookies();
    await page.evaluate(() => localStorage.clear());
    await page.goto('/');
    await page.getByRole('button', { name: 'Add to cart: Adjarian khachapuri' }).click();
    await page.getByRole('link', { name: /^Cart/ }).click();
    await expect(page.getByRole('button', { name: /^Pay / })).toBeVisible();
    await expect(page.getByLabel('Save this card for next time')).toHaveCount(0);
    await expect(page.getByRole('radiogroup')).toHaveCount(0);
    // The endpoint itself refuses a payer nobody signed in.
    const refused = await page.request.get('/api/flitt/cards');
    expect(refused.status()).toBe(401);
  });
});
