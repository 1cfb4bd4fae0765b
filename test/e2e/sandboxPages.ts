// What the e2e specs do on the sandbox's pages, reached through the demo shop.
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
 * the number, an expiry in the future and a CVV.
 */
export async function fillCard(page: Page, number: string): Promise<void> {
  await page.locator('input[name="card_number"]').fill(number);
  await page.locator('input[name="expiry_date"]').fill('12/30');
  await page.locator('input[name="cvv2"]').fill('123');
}
