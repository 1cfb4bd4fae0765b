import { createSignature, verifySignature } from '@flitt-checkout/core';
import { getByLabelText, getByRole, queryByRole } from '@testing-library/dom';
// @ts-expect-error jsdom ships no types and the workspace has no @types/jsdom: typed below.
import { JSDOM as UntypedJSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from './createSandbox.ts';
import { type PageLocale, pageLocale, text } from './pages.ts';

/** The part of jsdom's API these tests use. */
const JSDOM = UntypedJSDOM as new (
  html: string,
  options?: { runScripts?: 'outside-only'; url?: string },
) => { window: Window & typeof globalThis };

// The hosted page's code step of verification_type=code, read as a payer's browser would: by
// role and label, in each of the page's languages.

const BASE = 'https://pay.flitt.com';
const KEY = 'test';
const LOCALES: readonly PageLocale[] = ['en', 'ka', 'ru', 'uk'];
let sandbox: Sandbox;
let seq = 0;

beforeEach(() => {
  sandbox = createSandbox({ baseUrl: BASE });
});
afterEach(() => sandbox.close());

async function codeOrder(extra: Record<string, unknown> = {}) {
  const params = {
    order_id: `page-${++seq}`,
    merchant_id: 1549901,
    order_desc: 'Save a card',
    amount: 100,
    currency: 'GEL',
    verification: 'Y',
    verification_type: 'code',
    required_rectoken: 'Y',
    ...extra,
  };
  const response = await sandbox.handle(
    new Request(`${BASE}/api/checkout/url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        request: { ...params, signature: await createSignature(params, KEY) },
      }),
    }),
  );
  const { checkout_url } = ((await response.json()) as { response: { checkout_url: string } })
    .response;
  return {
    orderId: params.order_id,
    url: checkout_url,
    token: String(new URL(checkout_url).searchParams.get('token')),
  };
}

/** A page the sandbox answered, as a document (its scripts do not run). */
async function documentOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  return new JSDOM(await response.text()).window.document;
}

const postForm = (path: string, fields: Record<string, string>) =>
  sandbox.handle(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    }),
  );

const payCard = (token: string) =>
  postForm('/sandbox/pay', {
    token,
    card_number: '4444555511116666',
    expiry_date: '12/30',
    cvv2: '123',
  });

describe('the hosted page’s verification code step', () => {
  it('asks for the code after the card, in the order’s language, with a labelled, focused field', async () => {
    for (const locale of LOCALES) {
      const t = text(locale);
      const { orderId, token } = await codeOrder({ lang: locale });
      const doc = await documentOf(await payCard(token));
      expect(doc.documentElement.lang).toBe(locale);
      expect(getByRole(doc.body, 'heading', { name: t.verifyTitle })).toBeTruthy();
      const field = getByLabelText(doc.body, t.verifyCode) as HTMLInputElement;
      expect(field.name).toBe('verification_code');
      expect(field.hasAttribute('autofocus')).toBe(true);
      expect(field.required).toBe(true);
      // The field is described by the instructions; the sandbox's banner shows the code.
      const help = doc.getElementById(String(field.getAttribute('aria-describedby')));
      expect(help?.textContent).toBe(t.verifyBody);
      const code = sandbox.control.order(orderId)?.verificationCode ?? 'none';
      expect(doc.querySelector('[data-testid="verification-code"]')?.textContent).toBe(
        t.verifyHint.replace('{code}', code),
      );
      expect(getByRole(doc.body, 'button', { name: t.verifySubmit })).toBeTruthy();
      expect(queryByRole(doc.body, 'alert')).toBeNull();
    }
  });

  it('says a wrong code is wrong: an alert, the field marked invalid and described by it', async () => {
    const t = text('uk');
    const { orderId, token } = await codeOrder({ lang: 'uk' });
    await payCard(token);
    const code = sandbox.control.order(orderId)?.verificationCode ?? '';
    const wrong = code === '0000' ? '1111' : '0000';
    const doc = await documentOf(
      await postForm('/sandbox/verify', { token, verification_code: wrong }),
    );
    const alert = getByRole(doc.body, 'alert');
    expect(alert.textContent).toBe(t.verifyWrong);
    const field = getByLabelText(doc.body, t.verifyCode);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(sandbox.control.order(orderId)?.verificationStatus).toBe('incorrect');
  });

  it('shows the code step again when the payer reloads the page', async () => {
    const t = text('ka');
    const { url, token } = await codeOrder({ lang: 'ka' });
    await payCard(token);
    const doc = await documentOf(await sandbox.handle(new Request(url)));
    expect(getByLabelText(doc.body, t.verifyCode)).toBeTruthy();
    expect(doc.querySelector('[name="card_number"]')).toBeNull();
  });

  it('ends on “card verified” with the right code when there is no response_url', async () => {
    const t = text('ru');
    const { orderId, token } = await codeOrder({ lang: 'ru' });
    await payCard(token);
    const code = sandbox.control.order(orderId)?.verificationCode ?? '';
    const doc = await documentOf(
      await postForm('/sandbox/verify', { token, verification_code: code }),
    );
    expect(getByRole(doc.body, 'heading', { name: t.verified })).toBeTruthy();
    expect(queryByRole(doc.body, 'alert')).toBeNull();
  });

  it('takes the payer back to response_url with the signed, verified order and its token', async () => {
    const { orderId, token } = await codeOrder({ response_url: 'https://shop.example/return' });
    await payCard(token);
    const code = sandbox.control.order(orderId)?.verificationCode ?? '';
    const doc = await documentOf(
      await postForm('/sandbox/verify', { token, verification_code: code }),
    );
    const form = doc.querySelector('form') as HTMLFormElement;
    expect(form.action).toBe('https://shop.example/return');
    const posted = Object.fromEntries(
      [...form.querySelectorAll('input')].map((input) => [input.name, input.value]),
    );
    expect(posted).toMatchObject({
      order_status: 'reversed',
      verification_status: 'verified',
    });
    expect(posted.rectoken).toMatch(/^[0-9A-Za-z]{46}$/);
    expect(await verifySignature(posted, KEY)).toBe(true);
  });

  it('has every text of the code step in each language', () => {
    const keys = [
      'verifyTitle',
      'verifyBody',
      'verifyCode',
      'verifySubmit',
      'verifyWrong',
      'verifyHint',
      'verified',
    ] as const;
    for (const key of keys) {
      const values = LOCALES.map((locale) => text(locale)[key]);
      for (const value of values) expect(value.trim()).not.toBe('');
      // Translated, not English copied into the other languages.
      expect(new Set(values).size).toBe(LOCALES.length);
    }
    for (const locale of LOCALES) expect(text(locale).verifyHint).toContain('{code}');
  });
});

describe('the hosted page’s test-card table', () => {
  /** The table's words (the summary, each card's 3-D Secure and outcome, the footnote). */
  async function tableWords(lang: PageLocale) {
    const { url } = await codeOrder({ lang });
    const doc = await documentOf(await sandbox.handle(new Request(url)));
    const details = doc.querySelector('details');
    expect(details?.querySelector('table')).toBeTruthy();
    const text = [...(details?.querySelectorAll('summary, td, p') ?? [])]
      .map((e) => e.textContent)
      .join(' ');
    return new Set(text.toLowerCase().match(/\p{L}{2,}/gu) ?? []);
  }
  // Card brands and the acronyms every language writes so.
  const NAMES = new Set(['visa', 'mastercard', 'humo', 'uzcard', 'ds', 'cvv']);

  it.each(LOCALES.filter((l) => l !== 'en'))('has no English left in %s', async (lang) => {
    const english = [...(await tableWords('en'))].filter((w) => !NAMES.has(w));
    // What English's table says of 3-D Secure, among the words checked.
    expect(english).toEqual(expect.arrayContaining(['challenge', 'frictionless', 'no']));
    const words = await tableWords(lang);
    expect(english.filter((w) => words.has(w))).toEqual([]);
  });
});

describe('the page language', () => {
  it('is the language Flitt would show, when the sandbox speaks it, else English', async () => {
    // What the embedded form may be told (checkout.js has Uzbek, Flitt has no Armenian or Kazakh).
    for (const lang of ['hy', 'kk', 'uz', 'ru-RU']) expect(pageLocale(lang), lang).toBe('ru');
    // Flitt has Romanian and Azerbaijani pages; the sandbox's are in English.
    for (const lang of ['ro', 'az', 'de', '', undefined, 42]) expect(pageLocale(lang)).toBe('en');
    expect(pageLocale('ge')).toBe('ka');
    const { token } = await codeOrder({ lang: 'ro' });
    const doc = await documentOf(await payCard(token));
    expect(doc.documentElement.lang).toBe('en');
    expect(getByRole(doc.body, 'heading', { name: text('en').verifyTitle })).toBeTruthy();
  });
});

describe('the hosted page’s amount', () => {
  it.each([
    ['en', '₾11.50'],
    ['ka', '11,50 ₾'],
    ['ru', '11,50 ₾'],
    ['uk', '11,50 ₾'],
  ] as const)(
    'is written with the lari’s sign ₾ in %s (%s), never GEL or the old ლ',
    async (lang, shown) => {
      const { url } = await codeOrder({ amount: 1150, lang, order_desc: 'Churchkhela' });
      const doc = await documentOf(await sandbox.handle(new Request(url)));
      const body = (doc.body.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');
      expect(body).toContain(shown);
      expect(body).not.toMatch(/GEL|\d ?ლ/);
    },
  );
});
