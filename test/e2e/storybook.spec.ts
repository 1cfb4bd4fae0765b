import { expect, test } from '@playwright/test';
import { screenshotPath } from './screenshotPath.ts';

const STORYBOOK = 'http://127.0.0.1:6007';

test.describe('built Storybook', () => {
  test('lists every component and renders a story in the manager', async ({ page }) => {
    const index = (await (await page.request.get(`${STORYBOOK}/index.json`)).json()) as {
      entries: Record<string, { title: string; type: string }>;
    };
    const titles = new Set(Object.values(index.entries).map((e) => e.title.split('/').pop()));
    for (const name of [
      'FlittCheckoutButton',
      'FlittEmbeddedCheckout',
      'FlittPaymentResult',
      'FlittPlanSummary',
      'FlittSubscriptionManager',
    ]) {
      expect([...titles].some((t) => t?.includes(name))).toBe(true);
    }
    const declined = Object.entries(index.entries).find(
      ([id, e]) =>
        e.type === 'story' && id.includes('flittpaymentresult') && id.includes('declined'),
    );
    expect(declined).toBeDefined();
    await page.goto(`${STORYBOOK}/?path=/story/${declined?.[0]}`);
    const preview = page.frameLocator('#storybook-preview-iframe');
    // The verdict takes the focus, read with the server's reason.
    const verdict = preview.getByRole('heading', { name: 'Payment declined' });
    await expect(verdict).toBeFocused({ timeout: 20_000 });
    await expect(verdict).toHaveAccessibleDescription(/\S/);
    await page.screenshot({ path: screenshotPath('storybook.png') });
  });
});
