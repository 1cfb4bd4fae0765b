import { describe, expect, it } from 'vitest';
import { FlittValidationError } from './errors.ts';
import { assertValidOrder, encodeReservationData, validateOrder } from './validateOrder.ts';

const valid = {
  order_id: 'shop-1001',
  merchant_id: 1549901,
  order_desc: 'Churchkhela ×2',
  amount: 1500,
  currency: 'GEL',
} as const;

function issuesOf(params: unknown, options?: Parameters<typeof validateOrder>[1]) {
  const result = validateOrder(params, options);
  if (result.ok) return [];
  return result.error.issues.map((i) => [i.param, i.kind, i.flittCode] as const);
}

describe('validateOrder', () => {
  it('accepts a minimal order and a full one', () => {
    expect(validateOrder(valid)).toEqual({ ok: true, order: valid });
    const full = {
      ...valid,
      version: '1.0.1',
      response_url: 'https://shop.example/return',
      server_callback_url: 'http://127.0.0.1:3000/flitt/callback',
      lifetime: 69_120_000,
      merchant_data: '{"cart":[1,2]}',
      preauth: 'Y',
      sender_email: 'nino@example.ge',
      delayed: 'N',
      lang: 'ka',
      product_id: 'sku-7',
      required_rectoken: 'Y',
      verification: 'Y',
      verification_type: 'code',
      design_id: 'abc123',
      cancel_url: 'https://shop.example/cart',
      reservation_data: encodeReservationData({ customer_country: 'GE' }),
      payment_systems: 'installments',
      payment_method: 'x',
    };
    expect(validateOrder(full).ok).toBe(true);
  });

  it('accepts merchant_id as a digit string (both sign alike)', () => {
    expect(validateOrder({ ...valid, merchant_id: '1549901' }).ok).toBe(true);
  });

  it('reports every missing required field at once, with Flitt codes', () => {
    expect(issuesOf({})).toEqual([
      ['order_id', 'missing', 1011],
      ['merchant_id', 'missing', 1011],
      ['order_desc', 'missing', 1011],
      ['amount', 'missing', 1011],
      ['currency', 'missing', 1011],
    ]);
    expect(issuesOf({ ...valid, order_id: '' })).toEqual([['order_id', 'empty', 1009]]);
  });

  it.each([
    ['fractional', 10.5],
    ['zero', 0],
    ['negative', -100],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['13 digits', 1_000_000_000_000],
    ['a string', '1500'],
    ['a bigint-like object', { value: 1500 }],
  ])('rejects an amount that is %s (1023)', (_, amount) => {
    expect(issuesOf({ ...valid, amount })).toEqual([['amount', expect.any(String), 1023]]);
  });

  it('accepts amount 0 for a card verification only (the official SDK’s default)', () => {
    expect(validateOrder({ ...valid, amount: 0, verification: 'Y' }).ok).toBe(true);
    expect(issuesOf({ ...valid, amount: 0, verification: 'N' })).toEqual([
      ['amount', expect.any(String), 1023],
    ]);
    expect(issuesOf({ ...valid, amount: -1, verification: 'Y' })).toEqual([
      ['amount', expect.any(String), 1023],
    ]);
  });

  it('accepts the largest 12-digit amount', () => {
    expect(validateOrder({ ...valid, amount: 999_999_999_999 }).ok).toBe(true);
  });

  it.each(['gel', 'GE', 'GELL', 'XYZ', 981])('rejects currency %s', (currency) => {
    expect(issuesOf({ ...valid, currency })).toEqual([['currency', 'format', 1012]]);
  });

  it('rejects "|" in any value (1034) and lone surrogates (1046)', () => {
    expect(issuesOf({ ...valid, order_desc: 'tea | cake' })).toEqual([
      ['order_desc', 'separator', 1034],
    ]);
    expect(issuesOf({ ...valid, merchant_data: 'a|b', product_id: 'x\uD800' })).toEqual([
      ['merchant_data', 'separator', 1034],
      ['product_id', 'surrogate', 1046],
    ]);
    expect(validateOrder({ ...valid, order_desc: 'emoji 🍷 ok' }).ok).toBe(true);
    expect(issuesOf({ ...valid, order_desc: '\uDC00 trailing' })).toEqual([
      ['order_desc', 'surrogate', 1046],
    ]);
  });

  it('enforces string lengths', () => {
    expect(validateOrder({ ...valid, order_id: 'x'.repeat(1024) }).ok).toBe(true);
    expect(issuesOf({ ...valid, order_id: 'x'.repeat(1025) })).toEqual([
      ['order_id', 'too_long', 1007],
    ]);
    expect(issuesOf({ ...valid, merchant_data: 'x'.repeat(2049) })).toEqual([
      ['merchant_data', 'too_long', 1007],
    ]);
    expect(issuesOf({ ...valid, design_id: '1234567' })).toEqual([['design_id', 'too_long', 1007]]);
    expect(issuesOf({ ...valid, response_url: `https://a.ge/${'x'.repeat(2040)}` })).toEqual([
      ['response_url', 'too_long', 1007],
    ]);
  });

  it.each([true, 'yes', 'y', 1])('rejects Y/N flag value %s', (preauth) => {
    expect(issuesOf({ ...valid, preauth })).toEqual([['preauth', 'format', 1007]]);
  });

  it.each([
    'shop.example/return',
    '/return',
    'javascript:alert(1)',
    'ftp://shop.example/x',
    'https://',
  ])('rejects the non-absolute or non-http URL %s', (url) => {
    expect(issuesOf({ ...valid, server_callback_url: url })).toEqual([
      ['server_callback_url', 'format', 1007],
    ]);
  });

  it('checks merchant_id, lifetime, lang, e-mail, version and reservation_data', () => {
    expect(issuesOf({ ...valid, merchant_id: 'abc' })).toEqual([['merchant_id', 'format', 1007]]);
    expect(issuesOf({ ...valid, merchant_id: 1.5 })).toEqual([['merchant_id', 'format', 1007]]);
    expect(issuesOf({ ...valid, lifetime: 69_120_001 })).toEqual([['lifetime', 'range', 1007]]);
    expect(issuesOf({ ...valid, lifetime: '600' })).toEqual([['lifetime', 'type', 1007]]);
    expect(issuesOf({ ...valid, lang: 'ge' })).toEqual([['lang', 'format', 1007]]);
    expect(issuesOf({ ...valid, sender_email: 'nino@' })).toEqual([
      ['sender_email', 'format', 1096],
    ]);
    expect(issuesOf({ ...valid, version: '2.0' })).toEqual([['version', 'format', 1007]]);
    expect(issuesOf({ ...valid, reservation_data: '{"a":1}' })).toEqual([
      ['reservation_data', 'format', 1007],
    ]);
  });

  it('names unknown parameters (typos) instead of sending them', () => {
    expect(issuesOf({ ...valid, callback_url: 'https://a.ge' })).toEqual([
      ['callback_url', 'unknown', 1007],
    ]);
  });

  it('treats a bad signature field as an error but lets the signer add a good one', () => {
    expect(issuesOf({ ...valid, signature: 'ABC' })).toEqual([['signature', 'format', 1014]]);
    expect(validateOrder({ ...valid, signature: 'a'.repeat(40) }).ok).toBe(true);
  });

  it('allows recurring_data only with protocol 2.0 and checks its fields', () => {
    const recurring_data = { every: 1, period: 'month', amount: 500, start_time: '2026-12-01' };
    const subscription = { ...valid, subscription: 'Y', recurring_data };
    expect(issuesOf(subscription)).toEqual([['recurring_data', 'conflict', 1007]]);
    expect(validateOrder(subscription, { protocol: '2.0' }).ok).toBe(true);
    // Without start_time the charges follow the payer's approval (Flitt's subscription docs).
    const { start_time: _start, ...fromApproval } = recurring_data;
    expect(
      validateOrder({ ...subscription, recurring_data: fromApproval }, { protocol: '2.0' }).ok,
    ).toBe(true);
    expect(issuesOf({ ...valid, subscription: 'Y' }, { protocol: '2.0' })).toEqual([
      ['recurring_data', 'missing', 1011],
    ]);
    expect(
      issuesOf(
        {
          ...valid,
          recurring_data: { every: 0, period: 'year', amount: 1.5, start_time: '01.12.2026' },
        },
        { protocol: '2.0' },
      ),
    ).toEqual([
      ['recurring_data.every', 'range', 1007],
      ['recurring_data.amount', 'type', 1023],
      ['recurring_data.period', 'format', 1007],
      ['recurring_data.start_time', 'format', 1007],
    ]);
  });

  it('rejects verification_type without verification', () => {
    expect(issuesOf({ ...valid, verification_type: 'code' })).toEqual([
      ['verification_type', 'conflict', 1007],
    ]);
  });

  it.each([null, undefined, 'order', 42, [valid]])('rejects %s as the whole order', (input) => {
    expect(issuesOf(input)).toEqual([['(order)', 'type', 1010]]);
  });

  it('lists every problem in one error message naming each parameter and the fix', () => {
    const result = validateOrder({ ...valid, amount: 10.5, currency: 'gel', lang: 'xx' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(FlittValidationError);
    expect(result.error.code).toBe('invalid_order');
    expect(result.error.message).toMatch(/3 problems/);
    expect(result.error.message).toMatch(/amount: must be a positive integer in minor units/);
    expect(result.error.message).toMatch(/currency: must be one of GEL/);
    expect(result.error.message).toMatch(/nothing was sent to Flitt/);
  });
});

describe('assertValidOrder', () => {
  it('returns the order or throws FlittValidationError', () => {
    expect(assertValidOrder(valid)).toBe(valid);
    expect(() => assertValidOrder({ ...valid, amount: -1 })).toThrow(FlittValidationError);
  });
});

describe('encodeReservationData', () => {
  it('is base64 of the UTF-8 JSON', () => {
    const encoded = encodeReservationData({ customer_name: 'ნინო' });
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({ customer_name: 'ნინო' });
  });
});
