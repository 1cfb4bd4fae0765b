import { describe, expect, it } from 'vitest';
import { isFlittToken, isSafeCheckoutUrl } from './checkoutUrl.ts';

describe('isSafeCheckoutUrl', () => {
  it('accepts https URLs on pay.flitt.com', () => {
    expect(
      isSafeCheckoutUrl('https://pay.flitt.com/merchants/ab12/default/index.html?token=abc'),
    ).toBe(true);
    expect(isSafeCheckoutUrl('https://PAY.FLITT.COM/x')).toBe(true);
  });

  it.each([
    'javascript:alert(document.cookie)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://pay.flitt.com/merchants/x',
    'https://pay.flitt.com.evil.example/x',
    'https://pay-flitt.com/x',
    'https://pay.flitt.co/x',
    'https://evil.example/?https://pay.flitt.com',
    'https://pay.flitt.com@evil.example/x',
    'https://user:pass@pay.flitt.com/x',
    'https://user@pay.flitt.com/x',
    'https://:pass@pay.flitt.com/x',
    'https://pay.flitt.com:8443/x',
    '//pay.flitt.com/x',
    '/relative/path',
    '',
    'https://xn--pay-flitt-ymb.com/',
  ])('rejects %s', (url) => {
    expect(isSafeCheckoutUrl(url)).toBe(false);
  });

  it.each([null, undefined, 42, {}, ['https://pay.flitt.com']])(
    'rejects the non-string %s',
    (url) => {
      expect(isSafeCheckoutUrl(url)).toBe(false);
    },
  );

  it('accepts configured extra origins exactly, including the http sandbox', () => {
    const extra = ['http://127.0.0.1:8610'];
    expect(isSafeCheckoutUrl('http://127.0.0.1:8610/merchants/x/default/index.html', extra)).toBe(
      true,
    );
    expect(isSafeCheckoutUrl('http://127.0.0.1:8611/merchants/x', extra)).toBe(false);
    expect(isSafeCheckoutUrl('http://localhost:8610/merchants/x', extra)).toBe(false);
  });

  it('accepts a checkout URL of up to 4096 characters and refuses a longer one', () => {
    const base = 'https://pay.flitt.com/merchants/x/default/index.html?token=';
    const longest = base + 'a'.repeat(4096 - base.length);
    expect(isSafeCheckoutUrl(longest)).toBe(true);
    expect(isSafeCheckoutUrl(`${longest}a`)).toBe(false);
  });

  it('never accepts opaque-origin URLs, even when "null" is wrongly configured as an origin', () => {
    // new URL('localhost:8610').origin and new URL('data:…').origin are both "null".
    for (const url of ['data:text/html,<script>alert(1)</script>', 'blob:null/x', 'about:blank'])
      expect(isSafeCheckoutUrl(url, ['null'])).toBe(false);
  });
});

describe('isFlittToken', () => {
  it('accepts 40 hex characters only', () => {
    expect(isFlittToken('a'.repeat(40))).toBe(true);
    expect(isFlittToken('a'.repeat(39))).toBe(false);
    expect(isFlittToken(`${'a'.repeat(39)}"`)).toBe(false);
    expect(isFlittToken('<script>alert(1)</script>')).toBe(false);
    expect(isFlittToken(undefined)).toBe(false);
    // Anchored at both ends: a token inside a longer string is not a token.
    expect(isFlittToken(`x${'a'.repeat(40)}`)).toBe(false);
    expect(isFlittToken(`${'a'.repeat(40)}x`)).toBe(false);
  });

  it('refuses non-strings that would stringify to a token (an array from a parsed body)', () => {
    expect(isFlittToken(['a'.repeat(40)])).toBe(false);
    expect(isFlittToken({ toString: () => 'a'.repeat(40) })).toBe(false);
  });
});
