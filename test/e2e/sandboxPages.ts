// What the e2e specs do on the demo shop's and the sandbox's pages.
import type { Page } from '@playwright/test';

/** The sandbox's address the demo shop pays against (its `/api/shop/config`). */
export async function sandboxUrl(page: Page): Promise<string> {
  const config = (await (await page.request.get('/api/shop/config')).json()) as {
    sandboxUrl: string;
  };
  return config.sandboxUrl;
}

/**
 * Types a test card into the sandbox's card form (its hosted page or checkout.js's embedded form):
 * the number, an expiry in the future and a CVV; within `scope` (a CSS selector) when one is given.
 */
export async function fillCard(page: Page, number: string, scope?: string): Promise<void> {
  const within = scope ? `${scope} ` : '';
  await page.locator(`${within}input[name="card_number"]`).fill(number);
  await page.locator(`${within}input[name="expiry_date"]`).fill('12/30');
  await page.locator(`${within}input[name="cvv2"]`).fill('123');
}

/** Opens the demo shop at `path` in `locale`, with nothing stored from before (no cart). */
export async function openShopIn(page: Page, locale: string, path = '/'): Promise<void> {
  await page.goto('/');
  await page.evaluate((code) => {
    localStorage.clear();
    localStorage.setItem('shop.locale', JSON.stringify(code));
  }, locale);
  await page.goto(path);
}
