import { expect, type Page, test } from '@playwright/test';
import { CATALOG, TEA_CLUB } from '../../examples/shop/src/catalog.ts';
import { fillCard, openShopIn, sandboxUrl } from './sandboxPages.ts';
import { screenshotPath } from './screenshotPath.ts';

/** Adds products by name, opens the cart, picks the flow. */
async function cartWith(
  page: Page,
  products: string[],
  flow: 'redirect' | 'embedded' = 'redirect',
) {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/');
  for (const name of products)
    await page.getByRole('button', { name: `Add to cart: ${name}` }).click();
  await page.getByRole('link', { name: /cart/i }).click();
  if (flow === 'embedded') await page.getByLabel('With a card, here').check();
}

/** Redirect flow: click pay, land on the sandbox's hosted page. */
async function toHostedPage(page: Page, pay: RegExp = /^Pay /) {
  const sandbox = await sandboxUrl(page);
  await page.getByRole('button', { name: pay }).click();
  await page.waitForURL((url) => url.href.startsWith(`${sandbox}/merchants/`));
}

async function payHosted(page: Page, card: string, threeDs?: 'Confirm' | 'Fail authentication') {
  await fillCard(page, card);
  await page.getByRole('button', { name: /^Pay / }).click();
  if (threeDs) await page.getByRole('button', { name: threeDs }).click();
  await page.waitForURL(/\/result\?order_id=/);
}

/** Every English name and description of the catalogue (tea club included). */
const ENGLISH_CATALOGUE = [
  ...CATALOG.flatMap((p) => [p.text.en.name, p.text.en.description]),
  TEA_CLUB.text.en.name,
  TEA_CLUB.text.en.description,
];

/** The page has none of the catalogue's English, in its text or its labels and title. */
async function expectNoEnglishCatalogue(page: Page) {
  const shown = await page.evaluate(() =>
    [
      document.title,
      document.body.textContent,
      ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')),
    ].join('\n'),
  );
  for (const english of ENGLISH_CATALOGUE) expect(shown, english).not.toContain(english);
}

const orderIdOf = (page: Page) => new URL(page.url()).searchParams.get('order_id') ?? '';

test.describe('demo shop on the sandbox', () => {
  test('pays by redirect with an approving card; the callback reached the shop, verified', async ({
    page,
  }) => {
    await cartWith(page, ['Georgian black tea', 'Churchkhela']);
    await expect(page.getByTestId('cart-total')).toHaveText('₾11.50');
    await page.screenshot({ path: screenshotPath('shop-cart.png') });
    await toHostedPage(page);
    await expect(page.getByTestId('amount')).toContainText('11.50');
    await payHosted(page, '4444555511116666');
    await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    const orderId = orderIdOf(page);
    // The order summary: what was bought (the cart as it was), its number and the amount the
    // server confirmed, written as the cart did.
    const summary = page.getByRole('region', { name: 'Your order' });
    await expect(summary.getByRole('listitem')).toHaveText([
      /Georgian black tea × 1\s*₾7\.00/,
      /Churchkhela × 1\s*₾4\.50/,
    ]);
    await expect(page.getByRole('term')).toHaveText(['Order number', 'Amount']);
    await expect(page.getByRole('definition')).toHaveText([orderId, '₾11.50']);
    // Approved: the cart is emptied, and there is nothing to try again.
    await expect(page.getByRole('link', { name: 'Cart (0)' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Try again' })).toHaveCount(0);
    // The verdict's heading has the focus (for screen readers), with no focus ring: it is no
    // control. A link reached by Tab keeps its ring.
    const verdict = page.getByRole('heading', { name: 'Payment successful' });
    await expect(verdict).toBeFocused();
    expect(await verdict.evaluate((h) => getComputedStyle(h).outlineStyle)).toBe('none');
    await page.screenshot({ path: screenshotPath('shop-result.png') });
    await page.keyboard.press('Tab');
    const next = page.locator(':focus');
    await expect(next).toHaveRole('link');
    expect(await next.evaluate((a) => getComputedStyle(a).outlineStyle)).not.toBe('none');
    await expect
      .poll(async () => (await page.request.get('/api/shop/callbacks')).json())
      .toContainEqual({ orderId, status: 'approved', amount: 1150 });
  });

  test('an old result page lists its own order, not the cart of the same total, and keeps the cart', async ({
    page,
  }) => {
    await cartWith(page, ['Adjarian khachapuri']);
    await toHostedPage(page);
    await payHosted(page, '4444555511116666');
    await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Cart (0)' })).toBeVisible();
    const result = page.url();
    // Shopping on: four churchkhela, 4 × ₾4.50, the khachapuri's ₾18.00.
    await page.goto('/');
    for (let i = 0; i < 4; i++)
      await page.getByRole('button', { name: 'Add to cart: Churchkhela' }).click();
    await expect(page.getByRole('link', { name: 'Cart (4)' })).toBeVisible();
    await page.goto(result);
    await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Your order' }).getByRole('listitem')).toHaveText(
      [/Adjarian khachapuri × 1\s*₾18\.00/],
    );
    await expect(page.getByRole('definition')).toHaveText([orderIdOf(page), '₾18.00']);
    // Not the order the cart was checked out as: it keeps its four churchkhela.
    await page.waitForTimeout(300);
    await expect(page.getByRole('link', { name: 'Cart (4)' })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('shop.cart'))).toContain(
      '"churchkhela":4',
    );
  });

  test('shows a decline with the payer message', async ({ page }) => {
    await cartWith(page, ['Mountain honey']);
    await toHostedPage(page);
    await payHosted(page, '4444111155556666');
    const verdict = page.getByRole('heading', { name: 'Payment declined' });
    await expect(verdict).toBeFocused();
    await expect(verdict).toHaveAccessibleDescription(
      'The payment was declined. Please try a different card or payment method.',
    );
    // The order summary as for an approval, and a way to pay again, with the cart as it was.
    const summary = page.getByRole('region', { name: 'Your order' });
    await expect(summary.getByRole('listitem')).toHaveText([/Mountain honey × 1\s*₾18\.50/]);
    await expect(page.getByRole('definition')).toHaveText([orderIdOf(page), '₾18.50']);
    await expect(
      page.getByRole('main').getByRole('link', { name: 'Continue shopping' }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Try again' }).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByRole('heading', { name: 'Cart', level: 1 })).toBeFocused();
    await expect(page.getByTestId('cart-total')).toHaveText('₾18.50');
    await expect(page.getByRole('button', { name: 'Pay ₾18.50' })).toBeVisible();
  });

  test('Flitt’s page has a way back to the cart, which keeps its items', async ({ page }) => {
    await cartWith(page, ['Churchkhela']);
    await toHostedPage(page);
    await page.getByRole('link', { name: 'Cancel and return to the shop' }).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByTestId('cart-total')).toHaveText('₾4.50');
  });

  test('"Add to cart" says what it added, politely, and the header counts it', async ({ page }) => {
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await page.goto('/');
    const status = page.getByRole('status');
    await expect(status).toHaveText('');
    await expect(page.getByRole('link', { name: 'Cart (0)' })).toBeVisible();
    await page.getByRole('button', { name: 'Add to cart: Churchkhela' }).click();
    await expect(status).toHaveText('Added: Churchkhela');
    await expect(page.getByRole('link', { name: 'Cart (1)' })).toBeVisible();
    await page.getByRole('button', { name: 'Add to cart: Georgian black tea' }).click();
    await expect(status).toHaveText('Added: Georgian black tea');
    await expect(page.getByRole('link', { name: 'Cart (2)' })).toBeVisible();
    // In the shop's language, like the rest of the page, the product's name too.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ka');
    await expect(status).toHaveText('დაემატა: ქართული შავი ჩაი');
  });

  test('passes 3-D Secure, and fails it', async ({ page }) => {
    await cartWith(page, ['Saperavi']);
    await toHostedPage(page);
    await payHosted(page, '4444555566661111', 'Confirm');
    await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();

    await cartWith(page, ['Saperavi']);
    await toHostedPage(page);
    await payHosted(page, '4444555566661111', 'Fail authentication');
    await expect(
      page.getByRole('heading', { name: 'Payment declined' }),
    ).toHaveAccessibleDescription(/Your bank couldn’t confirm the payment/);
  });

  test('pays with the embedded form, approved and declined, without leaving the shop', async ({
    page,
  }) => {
    await cartWith(page, ['Adjarian khachapuri'], 'embedded');
    await expect(page.locator('input[name="card_number"]')).toBeVisible();
    await fillCard(page, '4000001037000007');
    await page.getByRole('button', { name: 'Pay ₾18.00' }).click();
    await expect(page.getByRole('alert')).toContainText('Your card doesn’t have enough funds');
    expect(new URL(page.url()).pathname).toBe('/cart');

    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('input[name="card_number"]')).toBeVisible();
    await fillCard(page, '4444555511116666');
    await page.getByRole('button', { name: 'Pay ₾18.00' }).click();
    await page.waitForURL(/\/result\?order_id=/);
    await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  });

  test('the embedded form draws ₾ with the shop’s fonts, as the cart does', async ({ page }) => {
    await cartWith(page, ['Churchkhela'], 'embedded');
    // checkout.js's form shows the amount; the pay button is the component's own.
    await expect(page.locator('.f-checkout .f-amount')).toHaveText('₾4.50');
    await page.evaluate(() => document.fonts.ready);
    // The fonts Chromium draws each text with (DevTools' "Rendered fonts"): ₾ from the shop's
    // Lari where the system's fonts have none (Debian's), else from the same system font.
    const client = await page.context().newCDPSession(page);
    await client.send('DOM.enable');
    await client.send('CSS.enable');
    await client.send('DOM.getDocument', { depth: -1 });
    const fontsOf = async (selector: string) => {
      const { result } = await client.send('Runtime.evaluate', {
        expression: `document.querySelector(${JSON.stringify(selector)})`,
      });
      const { nodeId } = await client.send('DOM.requestNode', { objectId: result.objectId ?? '' });
      const { fonts } = await client.send('CSS.getPlatformFontsForNode', { nodeId });
      return fonts.map((f) => f.familyName).sort();
    };
    const shop = await fontsOf('[data-testid="cart-total"]');
    expect(await fontsOf('.flitt-embedded .flitt-button')).toEqual(shop);
    expect(await fontsOf('.f-checkout .f-amount')).toEqual(shop);
  });

  test('the embedded form’s 3-D Secure dialog is the bank’s page, with no empty bands', async ({
    page,
  }) => {
    await cartWith(page, ['Churchkhela'], 'embedded');
    await fillCard(page, '4444555566661111');
    await page.getByRole('button', { name: 'Pay ₾4.50' }).click();
    const dialog = page.getByRole('dialog');
    const bank = page.frameLocator('.f-3ds iframe');
    await expect(bank.getByRole('button', { name: 'Confirm' })).toBeVisible();
    // The frame fills its dialog, and the bank's page fills the frame: no strip of the frame's
    // own background above or below it (there were 32 px above and 158 px below, in a 560 px frame).
    await expect(async () => {
      const box = await dialog.boundingBox();
      const frame = await page.locator('.f-3ds iframe').boundingBox();
      const content = await bank.locator('main').boundingBox();
      expect(box && frame && content).toBeTruthy();
      if (!box || !frame || !content) return;
      expect(Math.abs(frame.y - box.y)).toBeLessThanOrEqual(1);
      expect(Math.abs(frame.height - box.height)).toBeLessThanOrEqual(1);
      expect(Math.abs(content.y - frame.y)).toBeLessThanOrEqual(1);
      expect(Math.abs(content.height - frame.height)).toBeLessThanOrEqual(1);
    }).toPass({ timeout: 5_000 });
    await bank.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/\/result\?order_id=/);
    await expect(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  });

  test('an expired order says so, on Flitt’s page and on the result page', async ({ page }) => {
    await cartWith(page, ['Churchkhela']);
    await toHostedPage(page);
    const sandbox = await sandboxUrl(page);
    const token = new URL(page.url()).searchParams.get('token');
    await page.request.post(`${sandbox}/sandbox/control/clock`, { data: { seconds: 36_001 } });
    await page.reload();
    await expect(page.getByRole('alert')).toContainText(/expired/i);
    const orders = (await (await page.request.get(`${sandbox}/sandbox/control/orders`)).json()) as {
      orderId: string;
      token: string;
    }[];
    const orderId = orders.find((o) => o.token === token)?.orderId;
    await page.goto(`/result?order_id=${orderId}`);
    await expect(page.getByRole('heading', { name: 'Payment session expired' })).toBeVisible();
    await page.getByRole('link', { name: 'Try again' }).click();
    await expect(page.getByTestId('cart-total')).toHaveText('₾4.50');
  });

  test('the shop server down: an error with a retry that then succeeds', async ({ page }) => {
    await cartWith(page, ['Georgian black tea']);
    await page.route('**/api/flitt/checkout', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: /^Pay / }).click();
    await expect(page.getByRole('alert')).toContainText('We couldn’t connect to the shop');
    await page.unroute('**/api/flitt/checkout');
    const sandbox = await sandboxUrl(page);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${sandbox}/merchants/`));
  });

  test('the result page shows the server’s status even when its URL is edited', async ({
    page,
  }) => {
    await cartWith(page, ['Georgian black tea']);
    await toHostedPage(page);
    await payHosted(page, '4444111155556666');
    const orderId = orderIdOf(page);
    await page.goto(`/result?order_id=${orderId}&status=approved&order_status=approved`);
    await expect(page.getByRole('heading', { name: 'Payment declined' })).toBeVisible();
    await expect(page.getByText('Payment successful')).toHaveCount(0);
  });

  test('a mistyped order id on the result page says the payment was not found, asking once', async ({
    page,
  }) => {
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/flitt/status')) asked.push(request.url());
    });
    await page.goto('/result?order_id=fc-this-order-does-not-exist');
    const verdict = page.getByRole('heading', { name: 'Payment not found' });
    await expect(verdict).toHaveAccessibleDescription(/couldn’t find this payment/);
    await expect(verdict).not.toHaveAccessibleDescription(/internet connection/);
    await expect(
      page.getByRole('main').getByRole('link', { name: 'Continue shopping' }),
    ).toBeVisible();
    await page.waitForTimeout(1500);
    expect(asked).toHaveLength(1);
  });

  test('speaks Georgian end to end', async ({ page }) => {
    await openShopIn(page, 'ka');
    await expect(page.getByRole('heading', { name: 'პროდუქტები', level: 1 })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ka');
    // The products in Georgian, their names and descriptions, and the tea club's.
    await expect(page.getByRole('listitem').getByRole('heading', { level: 2 })).toHaveText([
      'ჩურჩხელა',
      'აჭარული ხაჭაპური',
      'ქართული შავი ჩაი',
      'მთის თაფლი',
      'საფერავი',
    ]);
    await expect(page.getByRole('complementary', { name: 'ჩაის კლუბი' })).toContainText(
      'პირველი 14 დღე უფასოდ',
    );
    await expectNoEnglishCatalogue(page);
    await page.screenshot({ path: screenshotPath('shop-products-ka.png') });
    await page.getByRole('button', { name: 'კალათაში დამატება: ჩურჩხელა' }).click();
    await expect(page.getByRole('status')).toHaveText('დაემატა: ჩურჩხელა');
    await page.getByRole('link', { name: /კალათა/ }).click();
    await expect(page.getByRole('listitem').filter({ hasText: '4,50' })).toContainText(
      'ჩურჩხელა × 1',
    );
    // Chromium has no Georgian number data: Russian's, which writes Georgia's conventions.
    await expect(page.getByTestId('cart-total')).toHaveText('4,50 ₾');
    // The sandbox's test cards say what they do in Georgian too.
    const cards = page.getByRole('complementary', { name: /სატესტო ბარათები/ });
    await expect(cards).toContainText('4444555511116666 — დადასტურდება');
    await expect(cards).toContainText('4444111155556666 — უარყოფილი იქნება (1004)');
    await expect(cards).toContainText('4444555566661111 — დადასტურდება, 3-D Secure');
    await expect(cards).not.toContainText(/approved|declined|later charges/);
    await expectNoEnglishCatalogue(page);
    await page.screenshot({ path: screenshotPath('shop-cart-ka.png') });
    // The embedded form, drawn by the sandbox's checkout.js, in the widget's language: its
    // labels and the expiry's placeholder.
    await page.getByLabel('ბარათით, აქვე').check();
    await expect(page.getByLabel('მოქმედების ვადა (თთ/წწ)')).toHaveAttribute(
      'placeholder',
      'თთ/წწ',
    );
    await page.getByLabel('Flitt-ის დაცულ გვერდზე').check();
    await toHostedPage(page, /^გადახდა 4,50\s₾/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ka');
    await expect(page.getByRole('heading', { name: 'გადახდა' })).toBeVisible();
    // Flitt's page shows the order's description: the server wrote it in the payer's language.
    await expect(page.getByTestId('order-desc')).toHaveText('ჩურჩხელა ×1');
    await expect(page.locator('input[name="expiry_date"]')).toHaveAttribute('placeholder', 'თთ/წწ');
    // Its test-card table too: no English left (3-D Secure's kinds included).
    await expect(page.locator('details')).toContainText('3DS, ბანკის გვერდით');
    await expect(page.locator('details')).not.toContainText(
      /approved|declined|challenge|frictionless|no 3DS|sandbox only/,
    );
    await fillCard(page, '4444111155556666');
    await page.getByRole('button', { name: /^გადახდა / }).click();
    await page.waitForURL(/\/result\?order_id=/);
    await expect(page.getByRole('heading', { name: 'გადახდა უარყოფილია' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ka');
    await expect(
      page.getByRole('region', { name: 'თქვენი შეკვეთა' }).getByRole('listitem'),
    ).toHaveText([/ჩურჩხელა × 1\s*4,50\s₾/]);
    await expectNoEnglishCatalogue(page);
    await expect(page.getByRole('link', { name: 'ხელახლა ცდა' })).toBeVisible();
    await page.screenshot({ path: screenshotPath('shop-declined-ka.png') });
  });

  test('the tea club’s plan and Flitt’s page speak the payer’s language', async ({ page }) => {
    await openShopIn(page, 'ka', '/subscribe');
    await expect(page.getByRole('heading', { name: 'ჩაის კლუბი', level: 1 })).toBeVisible();
    expect(await page.title()).toBe('ჩაის კლუბი — თბილისის სარდაფი');
    await expectNoEnglishCatalogue(page);
    await toHostedPage(page, /^გამოწერა /);
    await expect(page.getByTestId('order-desc')).toHaveText('ჩაის კლუბი, ყოველთვიური');
  });

  // Debian's Chromium lists uz, kk and az as supported (Intl.NumberFormat.supportedLocalesOf)
  // but has none of their data: they would come out in the root's, `₾ 4.50` and `2026 M02 14`.
  // The shop and the plan summary fall back to Russian's, as for Georgian and Armenian.
  for (const [code, add, churchkhela] of [
    ['kk', 'Себетке қосу', 'Чурчхела'],
    ['uz', 'Savatga qoʻshish', 'Churchxela'],
    ['az', 'Səbətə əlavə edin', 'Çurçxela'],
  ] as const) {
    test(`writes money and dates in ${code} with real data, Russian’s where the browser has none`, async ({
      page,
    }) => {
      await openShopIn(page, code);
      await page.getByRole('button', { name: `${add}: ${churchkhela}` }).click();
      await page.goto('/cart');
      await expect(page.getByTestId('cart-total')).toHaveText('4,50 ₾');
      await page.goto('/subscribe');
      const plan = page.locator('.flitt-plan');
      await expect(plan).toBeVisible();
      const text = (await plan.getByRole('listitem').allTextContents())
        .join('\n')
        .replace(/[\u00a0\u202f]/g, ' ');
      expect(text).toMatch(/\b\d+,\d\d ₾/);
      expect(text).toMatch(/\b\d\d\.\d\d\.\d{4}\b/);
      expect(text).not.toMatch(/\bM\d|\d\.\d\d\b(?!\.)|GEL/);
    });
  }

  test('the product list', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Products' })).toBeVisible();
    await expect(page.getByRole('listitem')).toHaveCount(5);
    // Each product has its picture, drawn inline (no image to fetch), hidden from assistive
    // technology: the product's name beside it says what it is.
    for (const item of await page.getByRole('listitem').all()) {
      const art = item.locator('svg');
      await expect(art).toHaveAttribute('aria-hidden', 'true');
      expect((await art.boundingBox())?.height).toBeGreaterThan(80);
    }
    await expect(page.locator('img')).toHaveCount(0);
    // ₾ drawn by the shop's own one-glyph font where the system's fonts have none (Debian's).
    const lari = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].find((f) => f.family === 'Lari')?.status;
    });
    expect(lari).toBe('loaded');
    // An inline icon: no request for /favicon.ico, so no 404 in the console.
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute(
      'href',
      /^data:image\/svg\+xml,/,
    );
    await page.screenshot({ path: screenshotPath('shop-products.png') });
  });
});
