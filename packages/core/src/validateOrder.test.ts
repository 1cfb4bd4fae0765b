import { describe, expect, it } from 'vitest';
import { FlittValidationError } from './errors.ts';
import {
  assertValidOrder,
  encodeReservationData,
  FLITT_CURRENCIES,
  MAX_AMOUNT,
  requireAmount,
  requireCurrency,
  requireText,
  validateOrder,
} from './validateOrder.ts';

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

/** The message of the one issue about `param`, as the merchant reads it in the error. */
function messageOf(params: unknown, param: string, options?: Parameters<typeof validateOrder>[1]) {
  const result = validateOrder(params, options);
  if (result.ok) throw new Error(`expected ${param} to be refused`);
  const issue = result.error.issues.find((i) => i.param === param);
  expect(result.error.message).toContain(`- ${param}: ${issue?.message}`);
  return issue?.message;
}

/** What `fn` throws, for the issues of a FlittValidationError. */
function thrown(fn: () => unknown): FlittValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FlittValidationError);
    return error as FlittValidationError;
  }
  throw new Error('expected a FlittValidationError');
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
    ['fractional', 10.5, 'type'],
    ['zero', 0, 'range'],
    ['negative', -100, 'range'],
    ['NaN', Number.NaN, 'type'],
    ['Infinity', Number.POSITIVE_INFINITY, 'type'],
    ['13 digits', 1_000_000_000_000, 'range'],
    ['a string', '1500', 'type'],
    ['a bigint-like object', { value: 1500 }, 'type'],
  ])('rejects an amount that is %s (1023, %s)', (_, amount, kind) => {
    expect(issuesOf({ ...valid, amount })).toEqual([['amount', kind, 1023]]);
    expect(messageOf({ ...valid, amount }, 'amount')).toMatch(/minor units \(1020 = 10\.20 GEL\)/);
  });

  it('makes the zero-amount exception of a card verification for the amount only', () => {
    expect(issuesOf({ ...valid, verification: 'Y', lifetime: 0 })).toEqual([
      ['lifetime', 'range', 1007],
    ]);
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

  it('judges an http(s) URL exactly as the WHATWG parser does, on its fast path and off it', () => {
    // The rule: it parses, its scheme is http or https, and it has a host name.
    const reference = (url: string) => {
      try {
        const parsed = new URL(url);
        return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !!parsed.hostname;
      } catch {
        return false;
      }
    };
    for (const url of [
      'https://shop.example/return?order_id=a%20b',
      'HTTPS://SHOP.EXAMPLE',
      'https:shop.example/no-slashes',
      'https:///three-slashes.example',
      'http://127.0.0.1:3000/cb',
      'https://[::1]:8443/cb',
      'https://[::1]:99999/',
      'https://shop.example:65536/',
      ' https://leading-space.example',
      '\thttps://leading-tab.example',
      'ht\ttps://tab-inside.example',
      'https://a b.example',
      'https://%zz.example',
      'http://',
      'https://@',
      'https://user:pass@shop.example/',
      'https://xn--80ak6aa92e.com/',
      'https://ши.example/',
      'httpsx://shop.example',
      'file:///etc/passwd',
    ]) {
      const refused = issuesOf({ ...valid, server_callback_url: url }).length > 0;
      expect(refused, url).toBe(!reference(url));
    }
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

  it('quotes the value it refused, cut to 40 characters, so the log shows the mistake', () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ lang: 'georgian' }, 'lang', /got "georgian"\.$/],
      [{ lang: 'x'.repeat(40) }, 'lang', new RegExp(`got "${'x'.repeat(40)}"\\.$`)],
      [{ lang: 'x'.repeat(41) }, 'lang', new RegExp(`got "${'x'.repeat(40)}…"\\.$`)],
      [{ order_desc: 42 }, 'order_desc', /must be a string, got number 42\.$/],
      [{ preauth: true }, 'preauth', /got boolean true\.$/],
      [{ preauth: ['Y'] }, 'preauth', /got an array\.$/],
      [{ preauth: { value: 'Y' } }, 'preauth', /got an object\.$/],
      [{ lifetime: 1.5 }, 'lifetime', /must be an integer, got number 1\.5\.$/],
    ];
    for (const [fields, param, quoted] of cases) {
      expect(messageOf({ ...valid, ...fields }, param)).toMatch(quoted);
    }
    expect(messageOf(null, '(order)')).toMatch(/got null\.$/);
  });

  it('reports a value of the wrong type once, as a type problem, not also as a malformed one', () => {
    for (const param of ['order_desc', 'server_callback_url', 'sender_email', 'reservation_data']) {
      expect(issuesOf({ ...valid, [param]: 42 })).toEqual([[param, 'type', 1007]]);
    }
  });

  it('tells a merchant who passes a number as a string to pass a number', () => {
    expect(messageOf({ ...valid, lifetime: '600' }, 'lifetime')).toMatch(
      /pass a number, not a string/,
    );
    expect(messageOf({ ...valid, lifetime: 600.5 }, 'lifetime')).not.toMatch(/not a string/);
    expect(
      messageOf(
        { ...valid, recurring_data: { every: '1', period: 'month', amount: 500 } },
        'recurring_data.every',
        { protocol: '2.0' },
      ),
    ).toMatch(/pass a number, not a string/);
  });

  it('says when a required field is inherited (a getter on a class), which is not sent', () => {
    class Order {
      merchant_id = valid.merchant_id;
      order_desc = valid.order_desc;
      amount = valid.amount;
      currency = valid.currency;
      get order_id() {
        return 'shop-1001';
      }
    }
    expect(issuesOf(new Order())).toEqual([['order_id', 'missing', 1011]]);
    expect(messageOf(new Order(), 'order_id')).toMatch(/own property.*inherited.*plain object/);
    const { order_id: _, ...without } = valid;
    expect(messageOf(without, 'order_id')).not.toMatch(/inherited/);
  });

  it('accepts optional parameters left out as undefined, null or "" (they are not signed)', () => {
    for (const param of ['lang', 'response_url', 'preauth', 'lifetime', 'recurring_data']) {
      for (const value of [undefined, null, '']) {
        expect(validateOrder({ ...valid, [param]: value }).ok, `${param}: ${value}`).toBe(true);
      }
    }
  });

  it.each([1549901, '1549901', 999_999_999_999, '999999999999'])(
    'accepts the merchant id %j',
    (merchant_id) => {
      expect(validateOrder({ ...valid, merchant_id }).ok).toBe(true);
    },
  );

  it.each([
    ['a leading zero, which signs differently', '01549901'],
    ['trailing text', '1549901x'],
    ['a leading space', ' 1549901'],
    ['13 digits', '1234567890123'],
    ['13 digits as a number', 1_000_000_000_000],
    ['zero', 0],
    ['negative', -1549901],
    ['in an array (a query-string parser)', ['1549901']],
    ['a boolean', true],
  ])('refuses a merchant id with %s', (_, merchant_id) => {
    expect(issuesOf({ ...valid, merchant_id })).toEqual([['merchant_id', 'format', 1007]]);
    expect(messageOf({ ...valid, merchant_id }, 'merchant_id')).toMatch(/1549901/);
  });

  it.each([
    'A'.repeat(40),
    'a'.repeat(39),
    'a'.repeat(41),
    `x${'a'.repeat(40)}`,
    `${'a'.repeat(40)}x`,
    ['a'.repeat(40)],
    42,
  ])('refuses the signature %j and says to let the signer add it', (signature) => {
    expect(issuesOf({ ...valid, signature })).toEqual([['signature', 'format', 1014]]);
    expect(messageOf({ ...valid, signature }, 'signature')).toMatch(/let the signer add it/);
  });

  it.each(['nino@', '@example.ge', 'nino@example', 'nino nino@example.ge', 'nino@example.ge nino'])(
    'refuses the e-mail address %j (1096)',
    (sender_email) => {
      expect(issuesOf({ ...valid, sender_email })).toEqual([['sender_email', 'format', 1096]]);
    },
  );

  it('says in each message how to fix it', () => {
    const { order_id: _, ...withoutId } = valid;
    // biome-ignore format: one row per line reads as a table
    const cases: [unknown, string, RegExp][] = [
      [withoutId, 'order_id', /is required/],
      [{ ...valid, order_desc: '' }, 'order_desc', /is empty; it is required/],
      [{ ...valid, callback_url: 'https://a.ge' }, 'callback_url', /check the spelling/],
      [{ ...valid, preauth: 'yes' }, 'preauth', /the string "Y" or "N"/],
      [{ ...valid, lang: 'ge' }, 'lang', /one of az, cs, .*, zh/],
      [{ ...valid, currency: 'gel' }, 'currency', /one of GEL, USD, .*, UZS/],
      [{ ...valid, response_url: '/return' }, 'response_url', /absolute http\(s\) URL/],
      [{ ...valid, order_id: 'x'.repeat(1025) }, 'order_id', /is 1025 characters long; Flitt allows at most 1024/],
      [{ ...valid, order_desc: 'a|b' }, 'order_desc', /contains "\|".*remove or replace it/],
      [{ ...valid, order_desc: 'a\uD800' }, 'order_desc', /lone UTF-16 surrogate.*fix the text encoding/],
      [{ ...valid, sender_email: 'nino@' }, 'sender_email', /e-mail address/],
      [{ ...valid, reservation_data: '{"a":1}' }, 'reservation_data', /encodeReservationData\(\)/],
      [{ ...valid, lifetime: 0 }, 'lifetime', /between 1 and 69120000, got 0/],
      [{ ...valid, verification_type: 'code' }, 'verification_type', /verification: "Y"/],
      [{ ...valid, subscription: 'Y' }, 'recurring_data', /required when subscription is "Y"/],
      [{ ...valid, subscription: 'Y', recurring_data: [] }, 'recurring_data', /must be an object/],
      [{ ...valid, subscription: 'Y', recurring_data: {} }, 'recurring_data.every', /is required/],
    ];
    for (const [order, param, fix] of cases) expect(messageOf(order, param), param).toMatch(fix);
    expect(messageOf('order', '(order)')).toMatch(/must be an object of Flitt parameters/);
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

  it('requires recurring_data for a subscription, even when it is null or empty', () => {
    for (const recurring_data of [undefined, null, '']) {
      expect(
        issuesOf({ ...valid, subscription: 'Y', recurring_data }, { protocol: '2.0' }),
      ).toEqual([['recurring_data', 'missing', 1011]]);
    }
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

describe('validateOrder: recurring_data (a subscription’s plan)', () => {
  const plan = { every: 1, period: 'month', amount: 500 };
  const subscribe = (recurring_data: unknown) => ({ ...valid, subscription: 'Y', recurring_data });

  it.each([
    ['a plan without start, end or quantity (charges follow the approval)', {}],
    ['a start date', { start_time: '2026-12-01' }],
    [
      'a start and end with times',
      { start_time: '2026-12-01 10:00:00', end_time: '2027-12-01 10:00:00' },
    ],
    ['a number of charges', { quantity: 12 }],
    ['a trial', { trial_period: 'week', trial_quantity: 2 }],
    ['daily charges every 3 days', { period: 'day', every: 3 }],
    ['weekly charges', { period: 'week' }],
  ])('accepts %s', (_, fields) => {
    expect(validateOrder(subscribe({ ...plan, ...fields }), { protocol: '2.0' }).ok).toBe(true);
  });

  // biome-ignore format: one row per line reads as a table
  const bad: [string, unknown, string, string, number][] = [
    ['a string', 'every month', 'recurring_data', 'type', 1007],
    ['an array', [plan], 'recurring_data', 'type', 1007],
    ['a number', 1, 'recurring_data', 'type', 1007],
    ['every left out', { period: 'month', amount: 500 }, 'recurring_data.every', 'missing', 1011],
    ['every zero', { ...plan, every: 0 }, 'recurring_data.every', 'range', 1007],
    ['every fractional', { ...plan, every: 1.5 }, 'recurring_data.every', 'type', 1007],
    ['every a string', { ...plan, every: '1' }, 'recurring_data.every', 'type', 1007],
    ['amount left out', { every: 1, period: 'month' }, 'recurring_data.amount', 'missing', 1011],
    ['amount zero', { ...plan, amount: 0 }, 'recurring_data.amount', 'range', 1023],
    ['amount over 12 digits', { ...plan, amount: MAX_AMOUNT + 1 }, 'recurring_data.amount', 'range', 1023],
    ['amount in major units', { ...plan, amount: 4.99 }, 'recurring_data.amount', 'type', 1023],
    ['amount a string', { ...plan, amount: '500' }, 'recurring_data.amount', 'type', 1023],
    ['period left out', { every: 1, amount: 500 }, 'recurring_data.period', 'missing', 1011],
    ['period a year', { ...plan, period: 'year' }, 'recurring_data.period', 'format', 1007],
    ['period capitalised', { ...plan, period: 'Month' }, 'recurring_data.period', 'format', 1007],
    ['period null', { ...plan, period: null }, 'recurring_data.period', 'format', 1007],
    ['start_time with a T', { ...plan, start_time: '2026-12-01T10:00:00' }, 'recurring_data.start_time', 'format', 1007],
    ['start_time as a number', { ...plan, start_time: 20261201 }, 'recurring_data.start_time', 'format', 1007],
    ['start_time in an array', { ...plan, start_time: ['2026-12-01'] }, 'recurring_data.start_time', 'format', 1007],
    ['start_time day first', { ...plan, start_time: '01.12.2026' }, 'recurring_data.start_time', 'format', 1007],
    ['end_time without seconds', { ...plan, end_time: '2027-12-01 10:00' }, 'recurring_data.end_time', 'format', 1007],
    ['end_time a Date', { ...plan, end_time: new Date(0) }, 'recurring_data.end_time', 'format', 1007],
    ['quantity zero', { ...plan, quantity: 0 }, 'recurring_data.quantity', 'range', 1007],
    ['quantity a string', { ...plan, quantity: '12' }, 'recurring_data.quantity', 'type', 1007],
    ['trial_quantity zero', { ...plan, trial_period: 'day', trial_quantity: 0 }, 'recurring_data.trial_quantity', 'range', 1007],
    ['trial_quantity fractional', { ...plan, trial_period: 'day', trial_quantity: 1.5 }, 'recurring_data.trial_quantity', 'type', 1007],
    ['trial_period a year', { ...plan, trial_period: 'year', trial_quantity: 1 }, 'recurring_data.trial_period', 'format', 1007],
    ['trial_period null', { ...plan, trial_period: null, trial_quantity: 1 }, 'recurring_data.trial_period', 'format', 1007],
  ];

  it.each(bad)(
    'refuses %s with a typed error naming the field, before anything is sent',
    (_, recurring_data, param, kind, code) => {
      const order = subscribe(recurring_data);
      expect(issuesOf(order, { protocol: '2.0' })).toEqual([[param, kind, code]]);
      const error = thrown(() => assertValidOrder(order, { protocol: '2.0' }));
      expect(error.code).toBe('invalid_order');
      expect(error.message).toContain(`- ${param}: `);
      expect(error.message).toMatch(/nothing was sent to Flitt/);
    },
  );

  it('names the allowed periods and date formats in the message', () => {
    const options = { protocol: '2.0' } as const;
    for (const [fields, param] of [
      [{ period: 'year' }, 'recurring_data.period'],
      [{ trial_period: 'year', trial_quantity: 1 }, 'recurring_data.trial_period'],
    ] as const) {
      expect(messageOf(subscribe({ ...plan, ...fields }), param, options)).toMatch(
        /one of day, week, month, got "year"/,
      );
    }
    expect(
      messageOf(
        subscribe({ ...plan, start_time: '01.12.2026' }),
        'recurring_data.start_time',
        options,
      ),
    ).toMatch(/"YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS", got "01\.12\.2026"/);
  });

  it('says to use protocol 2.0 for a plan sent with protocol 1.0', () => {
    expect(issuesOf(subscribe(plan))).toEqual([['recurring_data', 'conflict', 1007]]);
    expect(messageOf(subscribe(plan), 'recurring_data')).toMatch(/protocol 2\.0/);
  });
});

describe('requireText, requireAmount, requireCurrency (the other API calls)', () => {
  const issueOf = (fn: () => unknown) => {
    const [issue, ...more] = thrown(fn).issues;
    expect(more).toEqual([]);
    return issue && ([issue.param, issue.kind, issue.flittCode] as const);
  };

  it('returns a good value as it is', () => {
    expect(requireText('o-1', 'order_id')).toBe('o-1');
    expect(requireText('x'.repeat(1024), 'order_id')).toHaveLength(1024);
    expect(requireText('r'.repeat(50), 'reverse_id', 50)).toHaveLength(50);
    expect(requireText('emoji 🍷 ok', 'comment')).toBe('emoji 🍷 ok');
    expect(requireAmount(1500)).toBe(1500);
    for (const currency of FLITT_CURRENCIES) expect(requireCurrency(currency)).toBe(currency);
  });

  it.each([undefined, null, '', 42, 'x'.repeat(1025), 'a|b', 'o-\uD800', '\uDC00 trailing'])(
    'reports the order id %j as validateOrder does (same kind and Flitt code)',
    (order_id) => {
      expect([issueOf(() => requireText(order_id, 'order_id'))]).toEqual(
        issuesOf({ ...valid, order_id }),
      );
      expect(thrown(() => requireText(order_id, 'order_id')).message).toMatch(
        /order_id: must be a non-empty string of at most 1024 characters without "\|"/,
      );
    },
  );

  it('names the limit it was given', () => {
    expect(issueOf(() => requireText('r'.repeat(51), 'reverse_id', 50))).toEqual([
      'reverse_id',
      'too_long',
      1007,
    ]);
    expect(thrown(() => requireText('r'.repeat(51), 'reverse_id', 50)).message).toMatch(
      /reverse_id: must be a non-empty string of at most 50 characters/,
    );
  });

  it.each([undefined, null, '', '1500', 10.5, 0, -1, MAX_AMOUNT + 1])(
    'reports the amount %j as validateOrder does',
    (amount) => {
      expect([issueOf(() => requireAmount(amount))]).toEqual(issuesOf({ ...valid, amount }));
      expect(thrown(() => requireAmount(amount)).message).toMatch(/amount: .*minor units/);
    },
  );

  it.each([undefined, null, '', 'gel', 'XYZ', 981])(
    'reports the currency %j as validateOrder does',
    (currency) => {
      expect([issueOf(() => requireCurrency(currency))]).toEqual(issuesOf({ ...valid, currency }));
      expect(thrown(() => requireCurrency(currency)).message).toMatch(
        /currency: must be the order's currency, one of GEL, USD/,
      );
    },
  );

  it('quotes the refused currency, cut to 10 characters', () => {
    expect(thrown(() => requireCurrency('gel')).message).toMatch(/got "gel"\.$/);
    expect(thrown(() => requireCurrency('x'.repeat(20))).message).toMatch(
      new RegExp(`got "${'x'.repeat(10)}"\\.$`),
    );
    expect(thrown(() => requireCurrency(981)).message).toMatch(/got 981\.$/);
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
