import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSignature, verifySignature } from '@flitt-checkout/core';
import { type RunningSandbox, startSandbox } from '@flitt-checkout/sandbox/node';
import { expect, type Page, test } from '@playwright/test';
import axe from 'axe-core';
import { screenshotPath } from './screenshotPath.ts';

// The sandbox's dashboard in real Chromium (playwright.config.ts launches it): an order paid through the hosted page, its callback
// to a merchant that checks Flitt's signature, a redelivery (accepted) and a tampered one (400),
// keyboard focus kept across the live refresh, and axe.

const WAIT = { timeout: 8000 };
// An order description a shop's customer could have typed: it must stay text.
const DESC = '<img src=x onerror="window.pwned=1">Khachapuri for two';

let sandbox: RunningSandbox;
let merchant: Server;
let merchantUrl: string;

test.beforeAll(async () => {
  merchant = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    res.writeHead((await verifySignature(body, 'test')) ? 200 : 400).end();
  });
  merchant.listen(0, '127.0.0.1');
  const start = Date.now();
  [sandbox] = await Promise.all([
    // A fixed date, so the screenshot shows the same day on every run.
    startSandbox({ port: 0, now: () => Date.UTC(2026, 0, 15, 9, 30) + (Date.now() - start) }),
    once(merchant, 'listening'),
  ]);
  merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await sandbox?.stop();
  merchant?.closeAllConnections();
  merchant?.close();
});

async function createOrder(orderId: string) {
  const params = {
    order_id: orderId,
    merchant_id: 1549901,
    order_desc: DESC,
    amount: 2350,
    currency: 'GEL',
    server_callback_url: `${merchantUrl}/flitt/callback`,
    lang: 'en',
  };
  const response = await fetch(`${sandbox.url}/api/checkout/url`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      request: { ...params, signature: await createSignature(params, 'test') },
    }),
  });
  const { response: body } = (await response.json()) as { response: Record<string, string> };
  expect(body.response_status).toBe('success');
  return String(body.checkout_url);
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const { axe: run } = window as unknown as {
      axe: { run: (...a: unknown[]) => Promise<Result> };
    };
    const result = await run.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
    );
  });
}

test.describe('the sandbox dashboard in Chromium', () => {
  test('shows a paid order and its callback, redelivers it, sends a tampered one (400), passes axe', async ({
    browser,
  }) => {
    const orderId = 'order-2026-0042';
    const checkoutUrl = await createOrder(orderId);
    // axe's script needs to run in a page whose policy allows only the dashboard's own.
    const context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(WAIT.timeout);
    try {
      const payer = await context.newPage();
      await payer.goto(checkoutUrl);
      await payer.locator('#card_number').fill('4444555511116666');
      await payer.locator('#expiry_date').fill('12/30');
      await payer.locator('#cvv2').fill('123');
      await payer.getByRole('button', { name: /^Pay / }).click();
      await expect
        .poll(() => payer.getByRole('heading', { level: 1 }).textContent(), WAIT)
        .toBe('Payment approved');

      const page = await context.newPage();
      await page.goto(`${sandbox.url}/`);
      const orders = page.getByRole('table', { name: /^Orders/ });
      const order = orders.getByRole('row', { name: new RegExp(orderId) });
      await expect.poll(() => order.textContent(), WAIT).toMatch(/approved/);
      expect(await order.textContent()).toContain(DESC);
      expect(await order.getByRole('listitem').allTextContents()).toEqual([
        expect.stringMatching(/^09:30:\d\d\.\d{3} created$/),
        expect.stringMatching(/^09:30:\d\d\.\d{3} approved$/),
      ]);
      const deliveries = page
        .getByRole('table', { name: /^Callback deliveries/ })
        .locator('tbody tr');
      await expect.poll(() => deliveries.count(), WAIT).toBe(1);
      expect(await deliveries.first().textContent()).toMatch(/approved\s*1\s*HTTP 200/);

      // Redeliver from the keyboard: the button keeps the focus when the tables refresh.
      const redeliver = page.getByRole('button', {
        name: `Redeliver the last callback of order ${orderId}`,
      });
      await redeliver.focus();
      await page.keyboard.press('Enter');
      const result = page.locator('#result');
      await expect
        .poll(() => result.textContent(), WAIT)
        .toMatch(/attempt 2 redelivered; the merchant answered HTTP 200/);
      await expect.poll(() => deliveries.count(), WAIT).toBe(2);
      expect(await deliveries.first().textContent()).toMatch(
        /2\s*HTTP 200.*redelivered, same signature/,
      );
      expect(
        await page.evaluate(() => (document.activeElement as HTMLElement).dataset.focusKey),
      ).toBe(`redeliver 1549901:${orderId}`);

      await page.getByRole('button', { name: `Tamper… with order ${orderId}'s callback` }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('tamper-field');
      expect(await page.getByLabel('Order id').inputValue()).toBe(orderId);
      await page.getByLabel('Field', { exact: true }).fill('amount');
      await page.getByLabel('New value').fill('1');
      await page.getByRole('button', { name: 'Send tampered callback' }).click();
      await expect
        .poll(() => result.textContent(), WAIT)
        .toMatch(
          /attempt 3 sent with amount = "1" and the original signature; the merchant answered HTTP 400/,
        );
      await expect.poll(() => deliveries.count(), WAIT).toBe(3);
      expect(await deliveries.first().textContent()).toMatch(/3\s*HTTP 400.*tampered: amount = 1/);
      await expect
        .poll(() => page.locator('#summary').textContent(), WAIT)
        .toBe(`1 order, 3 callback attempts; last: order ${orderId}, attempt 3, HTTP 400.`);

      // A fault through the form shows up among the conditions.
      await page.getByLabel('Kind', { exact: true }).selectOption('http500');
      await page.getByLabel('On paths starting with').fill('/api/status/');
      await page.getByRole('button', { name: 'Inject fault' }).click();
      await expect
        .poll(() => page.locator('.conditions').textContent(), WAIT)
        .toMatch(/http500 × 1 on \/api\/status\//);

      expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('sandbox-dashboard.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  test('runs under its own Content-Security-Policy: its style applies, its script acts, nothing is refused', async ({
    browser,
  }) => {
    const orderId = 'order-2026-0043';
    await createOrder(orderId);
    await sandbox.control.pay(orderId);
    await sandbox.control.callbacksIdle();
    const context = await browser.newContext();
    context.setDefaultTimeout(WAIT.timeout);
    try {
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text()))
          refused.push(message.text());
      });
      await page.goto(`${sandbox.url}/`);
      expect(await page.locator('h1').evaluate((h) => getComputedStyle(h).fontSize)).toBe('22.4px');
      await page
        .getByRole('button', { name: `Redeliver the last callback of order ${orderId}` })
        .click();
      await expect
        .poll(() => page.locator('#result').textContent(), WAIT)
        .toMatch(
          new RegExp(
            `Order ${orderId}: callback attempt 2 redelivered; the merchant answered HTTP 200`,
          ),
        );
      expect(refused).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
