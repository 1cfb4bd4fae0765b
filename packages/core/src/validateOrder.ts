import { encodeBase64Utf8 } from './base64.ts';
import { FlittValidationError, type ValidationIssue, type ValidationIssueKind } from './errors.ts';
import type { CreateOrderParams, FlittCurrency, FlittLang } from './types.ts';

/** Languages accepted in `lang`. */
// biome-ignore format: a table reads better
export const FLITT_LANGS: readonly FlittLang[] = [
  'az', 'cs', 'da', 'de', 'en', 'es', 'fi', 'fr', 'hu', 'it',
  'ka', 'ko', 'lv', 'nl', 'pl', 'ro', 'ru', 'sk', 'uk', 'zh',
];

/** Currencies Flitt documents for card payments. */
// biome-ignore format: a table reads better
export const FLITT_CURRENCIES: readonly FlittCurrency[] = [
  'GEL', 'USD', 'EUR', 'GBP', 'CZK', 'AMD', 'AZN', 'KZT', 'MDL', 'UZS',
];

/** Largest amount Flitt accepts: integer(12). */
export const MAX_AMOUNT = 999_999_999_999;
/** Longest `lifetime` Flitt accepts, in seconds. */
export const MAX_LIFETIME = 69_120_000;

type Rule =
  | { type: 'string'; max: number; required?: true }
  | { type: 'url' }
  | { type: 'flag' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'amount' }
  | { type: 'merchant_id' }
  | { type: 'lifetime' }
  | { type: 'email' }
  | { type: 'base64'; max: number }
  | { type: 'recurring_data' };

const URL_RULE: Rule = { type: 'url' };
const FLAG: Rule = { type: 'flag' };

const RULES: Readonly<Record<keyof CreateOrderParams, Rule>> = {
  order_id: { type: 'string', max: 1024, required: true },
  merchant_id: { type: 'merchant_id' },
  order_desc: { type: 'string', max: 1024, required: true },
  amount: { type: 'amount' },
  currency: { type: 'enum', values: FLITT_CURRENCIES },
  version: { type: 'enum', values: ['1.0', '1.0.1'] },
  response_url: URL_RULE,
  server_callback_url: URL_RULE,
  lifetime: { type: 'lifetime' },
  merchant_data: { type: 'string', max: 2048 },
  preauth: FLAG,
  sender_email: { type: 'email' },
  delayed: FLAG,
  lang: { type: 'enum', values: FLITT_LANGS },
  product_id: { type: 'string', max: 1024 },
  required_rectoken: FLAG,
  verification: FLAG,
  verification_type: { type: 'enum', values: ['amount', 'code'] },
  // Documented as string(40) but published tokens run to 46 characters, so only a loose cap.
  rectoken: { type: 'string', max: 100 },
  receiver_rectoken: { type: 'string', max: 100 },
  design_id: { type: 'string', max: 6 },
  subscription: FLAG,
  recurring_data: { type: 'recurring_data' },
  subscription_callback_url: URL_RULE,
  chargeback_callback_url: URL_RULE,
  cancel_url: URL_RULE,
  reservation_data: { type: 'base64', max: 10000 },
  payment_systems: { type: 'string', max: 1024 },
  payment_method: { type: 'string', max: 1024 },
  default_payment_system: { type: 'string', max: 25 },
};

const REQUIRED = ['order_id', 'merchant_id', 'order_desc', 'amount', 'currency'] as const;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;
const PERIODS = ['day', 'week', 'month'];

/** Options of `validateOrder`. */
export interface ValidateOrderOptions {
  /** `'2.0'` allows nested `recurring_data`; protocol 1.0 can only sign flat values. */
  protocol?: '1.0' | '2.0';
}

/** Result of `validateOrder`: the typed parameters, or an error listing every problem. */
export type OrderValidation =
  | { ok: true; order: CreateOrderParams }
  | { ok: false; error: FlittValidationError };

const FLITT_CODE: Record<ValidationIssueKind, number> = {
  missing: 1011,
  empty: 1009,
  type: 1007,
  format: 1007,
  too_long: 1007,
  range: 1007,
  separator: 1034,
  surrogate: 1046,
  unknown: 1007,
  conflict: 1007,
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

class Issues {
  readonly list: ValidationIssue[] = [];
  add(param: string, kind: ValidationIssueKind, message: string, flittCode = FLITT_CODE[kind]) {
    this.list.push({ param, kind, message, flittCode });
  }
}

/** How a required value that is not there is reported: `missing` (1011) or `empty` (1009). */
const absence = (value: unknown): 'missing' | 'empty' | undefined =>
  value === undefined || value === null ? 'missing' : value === '' ? 'empty' : undefined;

/** Checks the text rules every string value shares: no `|` (Flitt's separator), valid UTF-16. */
function checkText(issues: Issues, param: string, value: string): void {
  if (value.includes('|')) {
    issues.add(
      param,
      'separator',
      'contains "|", which Flitt forbids in any value (error 1034); remove or replace it.',
    );
  }
  if (LONE_SURROGATE.test(value)) {
    issues.add(
      param,
      'surrogate',
      'contains a lone UTF-16 surrogate, which cannot be sent as UTF-8 (Flitt error 1046); fix the text encoding.',
    );
  }
}

function checkString(issues: Issues, param: string, value: unknown, max: number): value is string {
  if (typeof value !== 'string') {
    issues.add(param, 'type', `must be a string, got ${describe(value)}.`);
    return false;
  }
  if (value.length > max) {
    issues.add(
      param,
      'too_long',
      `is ${value.length} characters long; Flitt allows at most ${max}.`,
    );
  }
  checkText(issues, param, value);
  return true;
}

/** `URL.canParse` where the runtime has it (Node ≥ 19.9, current browsers): no URL object made. */
const canParse = (URL as { canParse?: (url: string) => boolean }).canParse;
const HTTP_SCHEME = /^https?:/i;

function checkUrl(issues: Issues, param: string, value: unknown): void {
  if (!checkString(issues, param, value, 2048)) return;
  // An http(s) URL that parses always has a host (WHATWG: special schemes refuse an empty one),
  // so the scheme at the very start and canParse decide it without building the URL. Anything
  // else (leading spaces, other schemes, no canParse) takes the full check below.
  if (canParse && HTTP_SCHEME.test(value) && canParse(value)) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
    issues.add(
      param,
      'format',
      `must be an absolute http(s) URL such as "https://shop.example/flitt/callback", got ${describe(value)}.`,
    );
  }
}

function checkInteger(
  issues: Issues,
  param: string,
  value: unknown,
  min: number,
  max: number,
  code?: number,
) {
  // Number.isInteger is false for every non-number.
  if (!Number.isInteger(value)) {
    const hint = typeof value === 'string' ? ' (pass a number, not a string)' : '';
    issues.add(param, 'type', `must be an integer, got ${describe(value)}${hint}.`, code);
    return;
  }
  if ((value as number) < min || (value as number) > max) {
    issues.add(param, 'range', `must be between ${min} and ${max}, got ${value}.`, code);
  }
}

function checkAmount(issues: Issues, value: unknown): value is number {
  // Number.isInteger is false for every non-number.
  if (Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_AMOUNT)
    return true;
  issues.add(
    'amount',
    Number.isInteger(value) ? 'range' : 'type',
    `must be a positive integer in minor units (1020 = 10.20 GEL) of at most 12 digits, got ${describe(value)}.`,
    1023,
  );
  return false;
}

function checkRecurringData(issues: Issues, value: unknown, nested: boolean): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.add('recurring_data', 'type', `must be an object, got ${describe(value)}.`);
    return;
  }
  if (!nested) {
    issues.add(
      'recurring_data',
      'conflict',
      'is nested, and protocol 1.0 signs only flat values: send the order with protocol 2.0.',
    );
  }
  const data = value as Record<string, unknown>;
  const p = (name: string) => `recurring_data.${name}`;
  for (const name of ['every', 'amount'] as const) {
    if (data[name] === undefined) issues.add(p(name), 'missing', 'is required.');
    else
      checkInteger(
        issues,
        p(name),
        data[name],
        1,
        MAX_AMOUNT,
        name === 'amount' ? 1023 : undefined,
      );
  }
  if (!PERIODS.includes(data.period as string)) {
    issues.add(
      p('period'),
      data.period === undefined ? 'missing' : 'format',
      `must be one of ${PERIODS.join(', ')}, got ${describe(data.period)}.`,
    );
  }
  for (const name of ['start_time', 'end_time'] as const) {
    const v = data[name];
    // Both are optional: without start_time the charges follow the payer's approval (Flitt's docs).
    if (v !== undefined && (typeof v !== 'string' || !DATE.test(v))) {
      issues.add(
        p(name),
        'format',
        `must be "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS", got ${describe(v)}.`,
      );
    }
  }
  for (const name of ['quantity', 'trial_quantity'] as const) {
    if (data[name] !== undefined) checkInteger(issues, p(name), data[name], 1, MAX_AMOUNT);
  }
  if (data.trial_period !== undefined && !PERIODS.includes(data.trial_period as string)) {
    issues.add(
      p('trial_period'),
      'format',
      `must be one of ${PERIODS.join(', ')}, got ${describe(data.trial_period)}.`,
    );
  }
}

function checkParam(
  issues: Issues,
  param: keyof CreateOrderParams,
  value: unknown,
  nested: boolean,
) {
  const rule = RULES[param];
  switch (rule.type) {
    case 'string':
      checkString(issues, param, value, rule.max);
      return;
    case 'url':
      checkUrl(issues, param, value);
      return;
    case 'flag':
      if (value !== 'Y' && value !== 'N') {
        issues.add(param, 'format', `must be the string "Y" or "N", got ${describe(value)}.`);
      }
      return;
    case 'enum':
      if (!rule.values.includes(value as string)) {
        issues.add(
          param,
          'format',
          `must be one of ${rule.values.join(', ')}, got ${describe(value)}.`,
          param === 'currency' ? 1012 : undefined,
        );
      }
      return;
    case 'amount':
      checkAmount(issues, value);
      return;
    case 'merchant_id': {
      const ok =
        typeof value === 'number'
          ? Number.isSafeInteger(value) && value > 0 && value <= MAX_AMOUNT
          : typeof value === 'string' && /^[1-9]\d{0,11}$/.test(value);
      if (!ok)
        issues.add(
          'merchant_id',
          'format',
          `must be your numeric Flitt merchant id (test merchant: 1549901), got ${describe(value)}.`,
        );
      return;
    }
    case 'lifetime':
      checkInteger(issues, 'lifetime', value, 1, MAX_LIFETIME);
      return;
    case 'email':
      if (checkString(issues, param, value, 256) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
        issues.add(param, 'format', `must be an e-mail address, got ${describe(value)}.`, 1096);
      }
      return;
    case 'base64':
      if (checkString(issues, param, value, rule.max) && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
        issues.add(
          param,
          'format',
          'must be base64 of a JSON object: build it with encodeReservationData().',
        );
      }
      return;
    case 'recurring_data':
      checkRecurringData(issues, value, nested);
      return;
  }
}

/**
 * Checks create-order parameters against every documented Flitt limit before anything is sent, and
 * lists every problem with the parameter it concerns. Accepts `unknown` so JavaScript callers get
 * the same checks as TypeScript ones.
 *
 * @example
 * const result = validateOrder({ order_id: 'o-1', merchant_id: 1549901, order_desc: 'Tea', amount: 1500, currency: 'GEL' });
 * if (!result.ok) console.error(result.error.message);
 */
export function validateOrder(
  params: unknown,
  options: ValidateOrderOptions = {},
): OrderValidation {
  const nested = options.protocol === '2.0';
  const issues = new Issues();
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    issues.add(
      '(order)',
      'type',
      `must be an object of Flitt parameters, got ${describe(params)}.`,
      1010,
    );
    return { ok: false, error: new FlittValidationError(issues.list) };
  }
  const input = params as Record<string, unknown>;
  for (const param of REQUIRED) {
    // Only own enumerable values are sent (spread, JSON): a getter on a class is not.
    const own = Object.prototype.propertyIsEnumerable.call(input, param);
    const value = own ? input[param] : undefined;
    if (value === undefined || value === null) {
      issues.add(
        param,
        'missing',
        !own && param in input
          ? 'is required as an own property; it is inherited (a getter?): pass a plain object.'
          : 'is required.',
      );
    } else if (value === '') {
      issues.add(param, 'empty', 'is empty; it is required.');
    }
  }
  // Keys, not entries: no [key, value] array per parameter on every order.
  for (const param of Object.keys(input)) {
    const value = input[param];
    if (param === 'signature') {
      if (typeof value !== 'string' || !/^[0-9a-f]{40}$/.test(value)) {
        issues.add(
          param,
          'format',
          'must be 40 lower-case hex characters; leave it out and let the signer add it.',
          1014,
        );
      }
      continue;
    }
    if (!Object.hasOwn(RULES, param)) {
      issues.add(
        param,
        'unknown',
        'is not a Flitt create-order parameter; check the spelling (api-reference §2.2).',
      );
      continue;
    }
    // Absent optional values are skipped when signing, so they are allowed; required ones were reported above.
    if (value === undefined || value === null || value === '') continue;
    // A card check charges nothing: Flitt takes amount 0 with verification "Y" (the official node
    // SDK's Verification() sends exactly that by default).
    if (param === 'amount' && value === 0 && input.verification === 'Y') continue;
    checkParam(issues, param as keyof CreateOrderParams, value, nested);
  }
  if (input.subscription === 'Y' && absence(input.recurring_data)) {
    issues.add('recurring_data', 'missing', 'is required when subscription is "Y".');
  }
  if (input.verification_type !== undefined && input.verification !== 'Y') {
    issues.add('verification_type', 'conflict', 'only applies with verification: "Y".');
  }
  if (issues.list.length > 0) return { ok: false, error: new FlittValidationError(issues.list) };
  return { ok: true, order: input as unknown as CreateOrderParams };
}

/**
 * Like `validateOrder`, but throws the `FlittValidationError` and returns the typed parameters.
 *
 * @example
 * const order = assertValidOrder(await request.json());
 */
export function assertValidOrder(
  params: unknown,
  options?: ValidateOrderOptions,
): CreateOrderParams {
  const result = validateOrder(params, options);
  if (!result.ok) throw result.error;
  return result.order;
}

/**
 * Encodes `reservation_data` the way Flitt expects it: base64 of the UTF-8 JSON object.
 *
 * @example
 * encodeReservationData({ customer_country: 'GE', phonemobile: '995555123456' });
 */
export function encodeReservationData(data: Readonly<Record<string, unknown>>): string {
  return encodeBase64Utf8(JSON.stringify(data));
}

// ── single parameters of the other API calls (status, reverse, capture, recurring) ───────────

/**
 * What is wrong with a required text value, as `validateOrder` names it (`separator` 1034,
 * `surrogate` 1046 …), or undefined when it is fine.
 */
function textProblem(value: unknown, max: number): ValidationIssueKind | undefined {
  const absent = absence(value);
  if (absent) return absent;
  if (typeof value !== 'string') return 'type';
  if (value.length > max) return 'too_long';
  if (value.includes('|')) return 'separator';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  return undefined;
}

/**
 * Checks one identifier or text parameter (order id, reverse id, comment, rectoken): a non-empty
 * string of at most `max` characters without Flitt's `|` separator or lone surrogates; returns it,
 * or throws a `FlittValidationError` naming `param`, with the kind and Flitt code `validateOrder`
 * gives the same problem.
 *
 * @example
 * const orderId = requireText('o-1', 'order_id'); // 'o-1'; '' or 'a|b' throw
 */
export function requireText(value: unknown, param: string, max = 1024): string {
  const kind = textProblem(value, max);
  if (kind === undefined) return value as string;
  throw new FlittValidationError([
    {
      param,
      kind,
      message: `must be a non-empty string of at most ${max} characters without "|" or broken Unicode (lone surrogates).`,
      flittCode: FLITT_CODE[kind],
    },
  ]);
}

/**
 * Checks an `amount` in minor units by the same rule as `validateOrder`; returns it, or throws a
 * `FlittValidationError`.
 *
 * @example
 * const amount = requireAmount(1500); // 1500 (15.00 GEL); 12.5 throws
 */
export function requireAmount(value: unknown): number {
  const issues = new Issues();
  const absent = absence(value);
  if (absent)
    issues.add(
      'amount',
      absent,
      'is required: a positive integer in minor units (1020 = 10.20 GEL).',
    );
  else if (checkAmount(issues, value)) return value;
  throw new FlittValidationError(issues.list);
}

/**
 * Checks a `currency` against `FLITT_CURRENCIES`; returns it, or throws a `FlittValidationError`
 * (`missing` 1011 or `empty` 1009 when there is none, as `validateOrder` says; else 1012).
 *
 * @example
 * const currency = requireCurrency('GEL'); // 'GEL'; 'gel' throws
 */
export function requireCurrency(value: unknown): FlittCurrency {
  if (FLITT_CURRENCIES.includes(value as FlittCurrency)) return value as FlittCurrency;
  const kind = absence(value) ?? 'format';
  throw new FlittValidationError([
    {
      param: 'currency',
      kind,
      message: `must be the order's currency, one of ${FLITT_CURRENCIES.join(', ')} (upper case), got ${typeof value === 'string' ? `"${value.slice(0, 10)}"` : String(value)}.`,
      flittCode: kind === 'format' ? 1012 : FLITT_CODE[kind],
    },
  ]);
}
