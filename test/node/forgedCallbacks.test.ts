// Forged Flitt callbacks and payer returns, fuzzed from genuine orders the sandbox signed and thrown
// at the real handlers: every forgery must get the handler's 400, be refused before any request to
// Flitt, and never reach onEvent. FLITT_FUZZ_RUNS sets the runs per property (npm run test:fuzz).
import { createHash } from 'node:crypto';
import { encodeBase64Utf8, signProtocol2 } from '@flitt-checkout/core';
import { createSandbox } from '@flitt-checkout/sandbox';
import {
  createFlittClient,
  createFlittHandlers,
  type FlittHandlers,
  type FlittOrder,
  type ResolvedOrder,
} from '@flitt-checkout/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const RUNS = Number(process.env.FLITT_FUZZ_RUNS ?? 500);
const SEED =
  process.env.FLITT_FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FLITT_FUZZ_SEED) };
const TIMEOUT = Math.max(30_000, RUNS * 60);
const SHOP = 'https://shop.example';
// A name only: the client's fetch is the engine's own handle, so nothing leaves the process.
const FLITT = 'http://127.0.0.1:9';
const KEY = 'test';
const MERCHANT_ID = 1549901;
const UNSIGNED = new Set(['signature', 'response_signature_string']);

type Body = Record<string, unknown>;

// ── the sandbox and the shop ──────────────────────────────────────────────────────────────────

// Its callbacks are recorded (control.callbacks()) and answered 200 here; tests post them themselves.
const sandbox = createSandbox({ baseUrl: FLITT, fetch: async () => new Response('OK') });
/** Requests the shop's Flitt client made: a forgery must add none (no status check for it). */
let flittRequests = 0;
const flittFetch: typeof fetch = async (input, init) => {
  flittRequests++;
  return sandbox.handle(new Request(input, init));
};

const FIXTURES: readonly { name: string; card: string; order: ResolvedOrder }[] = [
  {
    name: 'approved',
    card: '4444555511116666',
    order: { amount: 3200, currency: 'GEL', order_desc: 'Tea ×2, honey', delayed: 'N' },
  },
  {
    name: 'declined',
    card: '4444111155556666',
    order: { amount: 1800, currency: 'GEL', order_desc: 'Honey', delayed: 'N' },
  },
  {
    name: 'declined for insufficient funds, with merchant data',
    card: '4000001037000007',
    order: {
      amount: 700,
      currency: 'USD',
      order_desc: 'Tea',
      delayed: 'N',
      merchant_data: '{"cart":42}',
      sender_email: 'payer@example.com',
    },
  },
  {
    name: 'processing (delayed, one failed attempt)',
    card: '4444111155556666',
    order: { amount: 450, currency: 'EUR', order_desc: 'Churchkhela', delayed: 'Y' },
  },
  {
    name: 'approved, card saved',
    card: '4444555511116666',
    order: { amount: 100, currency: 'GEL', order_desc: 'Subscription', required_rectoken: 'Y' },
  },
  {
    name: 'pre-authorised',
    card: '4444555511116666',
    order: { amount: 5000, currency: 'GEL', order_desc: 'Deposit', preauth: 'Y', delayed: 'N' },
  },
];

interface Shop {
  readonly handlers: FlittHandlers;
  readonly paid: FlittOrder[];
  readonly warnings: string[];
  readonly errors: unknown[];
}

/** A fresh shop (fresh callback store) on the real handlers. */
function openShop(): Shop {
  const paid: FlittOrder[] = [];
  const warnings: string[] = [];
  const errors: unknown[] = [];
  const handlers = createFlittHandlers({
    client: createFlittClient({
      merchantId: MERCHANT_ID,
      secretKey: KEY,
      baseUrl: FLITT,
      fetch: flittFetch,
      retries: 0,
    }),
    resolveOrder: ({ order }) => {
      const fixture = FIXTURES[(order as { fixture: number }).fixture];
      if (!fixture) throw new Error('unknown fixture');
      return fixture.order;
    },
    onEvent: (event) => {
      if ('order' in event) paid.push(event.order);
    },
    callbackUrl: `${SHOP}/api/flitt/callback`,
    returnUrl: `${SHOP}/api/flitt/return`,
    resultUrl: '/checkout/result',
    logger: {
      warn: (message: string) => warnings.push(message),
      error: (...args: unknown[]) => errors.push(args),
    },
  });
  return { handlers, paid, warnings, errors };
}

const jsonRequest = (url: string, body: unknown) =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

// ── genuine orders, as the sandbox posts them ─────────────────────────────────────────────────

interface Genuine {
  readonly name: string;
  readonly orderId: string;
  readonly status: string;
  /** The JSON object the sandbox POSTed to server_callback_url. */
  readonly callback: Body;
  /** The same order as a protocol 2.0 merchant gets it: base64 envelope signed with the key. */
  readonly envelope: Body;
  /** The order inside the envelope. */
  readonly order: Body;
  /** The form the hosted page of a finished order auto-posts to response_url. */
  readonly returned: Record<string, string> | undefined;
}

const unescapeHtml = (text: string) =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

async function payGenuine(fixture: number): Promise<Genuine> {
  const { handlers } = openShop();
  const created = await handlers.createCheckout(
    jsonRequest(`${SHOP}/api/flitt/checkout`, { flow: 'redirect', order: { fixture } }),
  );
  const { orderId, checkoutUrl } = (await created.json()) as {
    orderId: string;
    checkoutUrl: string;
  };
  const token = new URL(checkoutUrl).searchParams.get('token');
  const { card, name } = FIXTURES[fixture] as (typeof FIXTURES)[number];
  await sandbox.control.pay(token ?? '', card);
  await sandbox.control.callbacksIdle();
  const callback = sandbox.control.callbacks().find((c) => c.orderId === orderId)?.body;
  if (!callback) throw new Error(`no callback for ${name}`);
  // The payer's browser: a finished order's hosted page auto-submits a form to response_url.
  const page = await (await sandbox.handle(new Request(checkoutUrl))).text();
  const form = /<form id="flitt-return" method="post" action="([^"]*)">(.*?)<\/form>/s.exec(page);
  let returned: Record<string, string> | undefined;
  if (form) {
    expect(unescapeHtml(form[1] ?? '')).toBe(`${SHOP}/api/flitt/return?order_id=${orderId}`);
    returned = Object.fromEntries(
      [...(form[2] ?? '').matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
        ([, k, v]) => [unescapeHtml(k ?? ''), unescapeHtml(v ?? '')],
      ),
    );
  }
  const order = Object.fromEntries(Object.entries(callback).filter(([k]) => !UNSIGNED.has(k)));
  const envelope = { ...(await signProtocol2(order, KEY)) };
  return {
    name,
    orderId,
    status: String(callback.order_status),
    callback,
    envelope,
    order,
    returned,
  };
}

// ── how bodies travel ─────────────────────────────────────────────────────────────────────────

const ENCODINGS = ['json', 'json in response', 'json as text/plain', 'form'] as const;
type Encoding = (typeof ENCODINGS)[number];

function post(url: string, body: Body, encoding: Encoding): Request {
  if (encoding === 'form') {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(body)) form.append(key, String(value));
    return new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }
  return new Request(url, {
    method: 'POST',
    headers: {
      'content-type':
        encoding === 'json as text/plain' ? 'text/plain;charset=UTF-8' : 'application/json',
    },
    body: JSON.stringify(encoding === 'json in response' ? { response: body } : body),
  });
}

// ── forgeries ─────────────────────────────────────────────────────────────────────────────────

/** A forged body; `jsonOnly` when form encoding would turn it back into the genuine text. */
interface Forgery {
  readonly what: string;
  readonly body: Body;
  readonly jsonOnly: boolean;
}

/** The text Flitt signs for a value, `undefined` when the value is skipped. */
const signedText = (value: unknown) =>
  value === '' || value === null || value === undefined ? undefined : String(value);
const isText = (value: string | undefined): value is string => value !== undefined;
const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

/** An independent protocol 1.0 signer (node:crypto) for signing with keys that are not ours. */
function signFlat(body: Body, key: string): string {
  const values = Object.keys(body)
    .filter((k) => !UNSIGNED.has(k))
    .sort()
    .map((k) => signedText(body[k]))
    .filter(isText);
  return sha1([key, ...values].join('|'));
}

type Edit =
  | { readonly field: string; readonly op: 'delete'; readonly jsonOnly: false }
  | {
      readonly field: string;
      readonly op: 'set';
      readonly value: unknown;
      readonly jsonOnly: boolean;
    };

function applyEdits(base: Body, edits: readonly Edit[]): Body {
  const body: Body = { ...base };
  for (const edit of edits) {
    if (edit.op === 'delete') delete body[edit.field];
    // defineProperty, so `__proto__` becomes a field as it does in JSON.parse.
    else
      Object.defineProperty(body, edit.field, {
        value: edit.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return body;
}

const KEY_FIELDS = [
  'amount',
  'order_status',
  'order_id',
  'merchant_id',
  'currency',
  'response_code',
  'actual_amount',
  'reversal_amount',
];

const VALUE: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'approved',
    'declined',
    'reversed',
    'processing',
    'expired',
    'APPROVED',
    'failure',
    'GEL',
    'USD',
    'gel',
    '1549902',
    '01549901',
    ' 1549901',
    '1549901.0',
    '1',
    '-3200',
    '3200.00',
    '1000',
    '1004',
    '99999999999999',
    'null',
    'გადახდა №5',
    ' ',
    '\n',
    'a|b',
  ),
  fc.integer({ min: -1_000_000, max: 2_000_000_000 }),
  fc.maxSafeNat(),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  // Past the handlers' 64 KiB body limit.
  fc.constant('x'.repeat(70_000)),
);

const EXTRA_KEY = fc.oneof(
  fc.constantFrom(
    'fee_oplata',
    'version',
    'data',
    'token',
    'checkout_url',
    'reverse_status',
    'capture_status',
    'error_code',
    'response',
    'request',
    '__proto__',
    'constructor',
    'toString',
    'Signature',
    'SIGNATURE',
    'signature ',
    'signature[]',
    '',
  ),
  fc.string({ minLength: 1, maxLength: 20 }),
);

/**
 * One to four edits on distinct fields. Each either clears a field that had a value, or gives a
 * field a value whose text the original does not contain, so the signed text always changes.
 * (Moving a value to another field name keeps it: that reshaping is why every callback is
 * confirmed with Flitt's status API; the "|" merge that the signature check itself must catch is a forgery of its own.)
 */
function contentEdits(original: Body): fc.Arbitrary<Edit[]> {
  const fields = Object.keys(original).filter((k) => !UNSIGNED.has(k));
  const texts = new Set(fields.map((k) => signedText(original[k])).filter(isText));
  const fresh = (value: unknown) => {
    const text = signedText(value);
    return text !== undefined && !texts.has(text);
  };
  const filled = fields.filter((k) => signedText(original[k]) !== undefined);
  const field = fc.oneof(
    fc.constantFrom(...KEY_FIELDS.filter((k) => fields.includes(k))),
    fc.constantFrom(...fields),
  );
  const change = fc.record({
    field,
    op: fc.constant('set' as const),
    value: VALUE.filter(fresh),
    jsonOnly: fc.constant(false),
  });
  const clear = fc.oneof(
    fc.record({
      field: fc.constantFrom(...filled),
      op: fc.constant('delete' as const),
      jsonOnly: fc.constant(false as const),
    }),
    fc.record({
      field: fc.constantFrom(...filled),
      op: fc.constant('set' as const),
      value: fc.constantFrom('', null),
      jsonOnly: fc.constant(false),
    }),
  );
  const add = fc.record({
    field: EXTRA_KEY.filter((k) => !Object.hasOwn(original, k) && !UNSIGNED.has(k)),
    op: fc.constant('set' as const),
    value: VALUE.filter(fresh),
    jsonOnly: fc.constant(false),
  });
  // Values protocol 1.0 cannot sign; a form would flatten them back into text.
  const confuse = fc.record({
    field,
    op: fc.constant('set' as const),
    value: fc.constantFrom<unknown>(true, false, {}, [], { value: 1 }, ['1549901']),
    jsonOnly: fc.constant(true),
  });
  return fc.uniqueArray(
    fc.oneof(
      { arbitrary: change, weight: 4 },
      { arbitrary: clear, weight: 2 },
      { arbitrary: add, weight: 2 },
      { arbitrary: confuse, weight: 1 },
    ),
    { minLength: 1, maxLength: 4, selector: (edit) => edit.field },
  );
}

type SignatureEdit =
  | { readonly what: 'kept' }
  | { readonly what: 'missing' }
  | { readonly what: 'signed with another key'; readonly key: string }
  | { readonly what: string; readonly value: unknown; readonly jsonOnly: boolean };

const KEPT: SignatureEdit = { what: 'kept' };

const OTHER_KEY = fc
  .oneof(
    fc.constantFrom('Test', 'TEST', ' test', 'test ', 'test\n', 'tes', 'testcredit', '**********'),
    fc.string({ minLength: 1, maxLength: 24 }),
  )
  .filter((k) => k !== KEY);

/** Every way to spoil a signature `sig` without knowing the key. */
function signatureEdits(sig: string, others: readonly string[]): fc.Arbitrary<SignatureEdit> {
  const replaced = (what: string, value: unknown, jsonOnly = false): SignatureEdit => ({
    what,
    value,
    jsonOnly,
  });
  const hex = (i: number, step: number) =>
    `${sig.slice(0, i)}${((Number.parseInt(sig[i] ?? '0', 16) + step) % 16).toString(16)}${sig.slice(i + 1)}`;
  return fc.oneof(
    fc.constant<SignatureEdit>({ what: 'missing' }),
    ...(sig.toUpperCase() === sig ? [] : [fc.constant(replaced('upper-cased', sig.toUpperCase()))]),
    fc.nat(39).map((n) => replaced(`truncated to ${n}`, sig.slice(0, n))),
    fc
      .tuple(fc.nat(39), fc.integer({ min: 1, max: 15 }))
      .map(([i, step]) => replaced(`digit ${i} changed`, hex(i, step))),
    fc.constantFrom('0', 'f').map((c) => replaced('one digit too long', sig + c)),
    fc.constantFrom(` ${sig}`, `${sig} `, `${sig}\n`, `\t${sig}`).map((v) => replaced('padded', v)),
    fc
      .constantFrom(...others.filter((o) => o !== sig))
      .map((v) => replaced("another order's signature", v)),
    OTHER_KEY.map((key): SignatureEdit => ({ what: 'signed with another key', key })),
    fc
      .constantFrom<unknown>(0, 1, null, true, [sig], { signature: sig })
      .map((v) => replaced('not a string', v, true)),
  );
}

function withSignature(
  body: Body,
  edit: SignatureEdit,
  signWithKey: (body: Body, key: string) => string,
): Body {
  if (edit.what === 'kept') return body;
  const { signature: _, ...rest } = body;
  if (edit.what === 'missing') return rest;
  if ('key' in edit) return { ...rest, signature: signWithKey(rest, edit.key) };
  if ('value' in edit) return { ...rest, signature: edit.value };
  return rest;
}

const jsonOnlyEdit = (edit: SignatureEdit) => 'jsonOnly' in edit && edit.jsonOnly;
const describeEdits = (edits: readonly Edit[]) =>
  edits
    .map((e) =>
      e.op === 'delete' ? `-${e.field}` : `${e.field}=${JSON.stringify(e.value)?.slice(0, 40)}`,
    )
    .join(', ');

const OTHER_MERCHANT = fc
  .oneof(
    fc.integer({ min: 1, max: 999_999_999 }),
    fc.constantFrom('1549902', '0', '-1549901', '1549901a', '', '15499010'),
  )
  .filter((v) => Number(v) !== MERCHANT_ID);

/** Forgeries of a flat (protocol 1.0) order object: a callback or a return form. */
function flatForgery(genuine: Body, others: readonly string[]): fc.Arbitrary<Forgery> {
  const sig = String(genuine.signature);
  const sigEdits = signatureEdits(sig, others);
  const edited = fc
    .record({
      edits: contentEdits(genuine),
      sig: fc.oneof({ arbitrary: fc.constant(KEPT), weight: 3 }, sigEdits),
    })
    .map(
      ({ edits, sig: s }): Forgery => ({
        what: `${describeEdits(edits)}; signature ${s.what}`,
        body: withSignature(applyEdits(genuine, edits), s, signFlat),
        jsonOnly: edits.some((e) => e.jsonOnly) || jsonOnlyEdit(s),
      }),
    );
  const resigned = sigEdits.map(
    (s): Forgery => ({
      what: `signature ${s.what}`,
      body: withSignature(genuine, s, signFlat),
      jsonOnly: jsonOnlyEdit(s),
    }),
  );
  // Flitt signs values, not names: two neighbours merged with "|" keep the SHA-1 input unchanged.
  const filled = Object.keys(genuine)
    .filter((k) => !UNSIGNED.has(k) && signedText(genuine[k]) !== undefined)
    .sort();
  const merged = fc
    .tuple(fc.nat(filled.length - 2), fc.boolean())
    .map(([i, intoFirst]): Forgery => {
      const a = filled[i] as string;
      const b = filled[i + 1] as string;
      const body: Body = { ...genuine };
      const text = `${signedText(genuine[a])}|${signedText(genuine[b])}`;
      if (intoFirst) delete body[b];
      else delete body[a];
      body[intoFirst ? a : b] = text;
      return { what: `${a} and ${b} merged`, body, jsonOnly: false };
    });
  // Correctly signed with our key, but for another merchant.
  const otherMerchant = OTHER_MERCHANT.map((merchantId): Forgery => {
    const { signature: _, ...rest } = genuine;
    const body = { ...rest, merchant_id: merchantId };
    return {
      what: `merchant_id ${JSON.stringify(merchantId)}, signed with our key`,
      body: { ...body, signature: signFlat(body, KEY) },
      jsonOnly: false,
    };
  });
  return fc.oneof(
    { arbitrary: edited, weight: 5 },
    { arbitrary: resigned, weight: 3 },
    { arbitrary: merged, weight: 1 },
    { arbitrary: otherMerchant, weight: 1 },
  );
}

const encode2 = (order: unknown) => encodeBase64Utf8(JSON.stringify({ order }));

/** Forgeries of a protocol 2.0 envelope `{ version, data, signature }`. */
function envelopeForgery(genuine: Genuine, others: readonly string[]): fc.Arbitrary<Forgery> {
  const { envelope, order } = genuine;
  const data = String(envelope.data);
  const sig = String(envelope.signature);
  const sign2 = (body: Body, key: string) => sha1(`${key}|${String(body.data)}`);
  const sigEdits = signatureEdits(sig, others);
  const forgery = (what: string, body: Body, jsonOnly = false): Forgery => ({
    what: `2.0: ${what}`,
    body,
    jsonOnly,
  });
  const reencoded = fc
    .record({
      edits: contentEdits(order),
      sig: fc.oneof({ arbitrary: fc.constant(KEPT), weight: 3 }, sigEdits),
    })
    .map(({ edits, sig: s }) =>
      forgery(
        `order ${describeEdits(edits)}; signature ${s.what}`,
        withSignature({ ...envelope, data: encode2(applyEdits(order, edits)) }, s, sign2),
        jsonOnlyEdit(s),
      ),
    );
  // atob ignores whitespace and missing padding: the same order, but not the text that was signed.
  const at = fc.nat(data.length - 1);
  const text = fc.oneof(
    fc.constantFrom('\n', ' ', '=', '\r\n').map((s) => data + s),
    fc.constantFrom(' ', '\n').map((s) => s + data),
    ...(data.endsWith('=') ? [fc.constant(data.replace(/=+$/, ''))] : []),
    at.map((i) => `${data.slice(0, i)}\n${data.slice(i)}`),
    at.map((i) => data.slice(0, i) + data.slice(i + 1)),
    at
      .filter((i) => /[a-z]/i.test(data[i] ?? ''))
      .map((i) => {
        const c = data[i] as string;
        return (
          data.slice(0, i) +
          (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) +
          data.slice(i + 1)
        );
      }),
  );
  const textEdited = text.map((d) => forgery('data text changed', { ...envelope, data: d }));
  const resigned = sigEdits.map((s) =>
    forgery(`signature ${s.what}`, withSignature(envelope, s, sign2), jsonOnlyEdit(s)),
  );
  const version = fc
    .constantFrom<unknown>(undefined, '1.0', '1.0.1', '2', '2.00', '2.0 ', ' 2.0', 2, null, '')
    .map((v) => {
      const { version: _, ...rest } = envelope;
      return forgery(
        `version ${JSON.stringify(v)}`,
        v === undefined ? rest : { ...rest, version: v },
      );
    });
  const dataType = fc
    .constantFrom<[unknown, boolean]>(
      [undefined, false],
      ['', false],
      [0, false],
      [[data], true],
      [{ data }, true],
    )
    .map(([v, jsonOnly]) => {
      const { data: _, ...rest } = envelope;
      return forgery(
        `data ${Array.isArray(v) ? 'in an array' : JSON.stringify(v)}`,
        v === undefined ? rest : { ...rest, data: v },
        jsonOnly,
      );
    });
  // Signed with our key, so only what is inside can refuse it.
  const ourKey = (what: string, d: string) =>
    forgery(`${what}, signed with our key`, {
      version: '2.0',
      data: d,
      signature: sha1(`${KEY}|${d}`),
    });
  const otherMerchant = OTHER_MERCHANT.map((merchantId) =>
    ourKey(
      `merchant_id ${JSON.stringify(merchantId)}`,
      encode2({ ...order, merchant_id: merchantId }),
    ),
  );
  const notAnOrder = fc
    .constantFrom<[string, string]>(
      ['unknown order_status', encode2({ ...order, order_status: 'paid' })],
      ['no order_id', encode2({ ...order, order_id: null })],
      ['a failure reply', encode2({ ...order, response_status: 'failure', error_code: 1002 })],
      ['a token reply', encode2({ ...order, token: 'a'.repeat(40) })],
      ['no merchant_id', encode2({ ...order, merchant_id: undefined })],
      ['order null', encode2(null)],
      ['order an array', encode2([order])],
      ['no order', encodeBase64Utf8('{}')],
      ['truncated JSON', encodeBase64Utf8('{"order":')],
      ['not base64', 'not base64!'],
    )
    .map(([what, d]) => ourKey(what, d));
  const request = fc.constant(forgery('wrapped in request', { request: envelope }));
  return fc.oneof(
    { arbitrary: reencoded, weight: 4 },
    { arbitrary: textEdited, weight: 2 },
    { arbitrary: resigned, weight: 3 },
    { arbitrary: version, weight: 1 },
    { arbitrary: dataType, weight: 1 },
    { arbitrary: otherMerchant, weight: 1 },
    { arbitrary: notAnOrder, weight: 1 },
    { arbitrary: request, weight: 1 },
  );
}

/** Payer returns are mostly forms: a repeated entry weighs more in `constantFrom`. */
const RETURN_ENCODINGS: readonly Encoding[] = ['form', 'form', 'form', ...ENCODINGS];
const encodingFor = (forgery: Forgery, encodings: readonly Encoding[] = ENCODINGS) =>
  fc.constantFrom(...(forgery.jsonOnly ? encodings.filter((e) => e !== 'form') : encodings));

// ── the tests ─────────────────────────────────────────────────────────────────────────────────

let genuines: Genuine[] = [];
let signatures: string[] = [];
const sent = { forged: 0, genuine: 0 };
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  genuines = [];
  for (let i = 0; i < FIXTURES.length; i++) genuines.push(await payGenuine(i));
  signatures = genuines.map((g) => String(g.callback.signature));
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  sandbox.close();
  console.log(
    `[fuzz] ${sent.forged} forged callbacks and returns answered 400, ${sent.genuine} genuine ones accepted (${RUNS} runs per property)`,
  );
  expect(unhandled).toEqual([]);
});

const CALLBACK_URL = `${SHOP}/api/flitt/callback`;
const returnUrl = (g: Genuine) => `${SHOP}/api/flitt/return?order_id=${g.orderId}`;

/** Sends one forgery and checks the handler's exact refusal, with no Flitt request and no onEvent. */
async function expectRefused(
  handler: 'callback' | 'paymentReturn',
  url: string,
  forgery: Forgery,
  encoding: Encoding,
) {
  const shop = openShop();
  const before = flittRequests;
  const res = await shop.handlers[handler](post(url, forgery.body, encoding));
  sent.forged++;
  expect(res.status).toBe(400);
  expect(res.headers.get('location')).toBeNull();
  expect(await res.text()).toBe(
    handler === 'callback' ? 'Invalid callback' : 'The payment return could not be verified.',
  );
  expect(flittRequests).toBe(before);
  expect(shop.paid).toEqual([]);
  expect(shop.warnings).toEqual([expect.stringMatching(/rejected/)]);
  expect(shop.errors).toEqual([]);
}

describe('genuine sandbox orders (the seeds of every forgery)', () => {
  it('are accepted as callbacks in every encoding and as protocol 2.0, each confirmed with Flitt', async () => {
    for (const g of genuines) {
      for (const [encoding, body] of [
        ...ENCODINGS.map((e) => [e, g.callback] as const),
        ...ENCODINGS.map((e) => [e, g.envelope] as const),
      ]) {
        const shop = openShop();
        const before = flittRequests;
        const res = await shop.handlers.callback(post(CALLBACK_URL, body, encoding));
        expect(res.status, `${g.name} ${encoding}`).toBe(200);
        expect(flittRequests - before).toBe(1);
        expect(shop.paid).toEqual([
          expect.objectContaining({ order_id: g.orderId, order_status: g.status }),
        ]);
        sent.genuine++;
      }
    }
    expect(genuines.map((g) => g.status)).toEqual([
      'approved',
      'declined',
      'declined',
      'processing',
      'approved',
      'approved',
    ]);
  });

  it('are accepted as payer returns and sent on to the result page', async () => {
    const finished = genuines.filter((g) => g.returned);
    expect(finished).toHaveLength(5); // a processing order stays on Flitt's page
    for (const g of finished) {
      for (const [encoding, body] of [
        ['form', g.returned as Body],
        ['json', g.returned as Body],
        ['form', g.envelope],
      ] as const) {
        const res = await openShop().handlers.paymentReturn(post(returnUrl(g), body, encoding));
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toBe(`/checkout/result?order_id=${g.orderId}`);
        sent.genuine++;
      }
    }
  });
});

describe('forged callbacks', () => {
  it(
    'answer 400 to altered flat callbacks before any status request, and never call onEvent',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...genuines)
            .chain((g) =>
              flatForgery(g.callback, signatures).chain((forgery) =>
                fc.tuple(fc.constant(forgery), encodingFor(forgery)),
              ),
            ),
          async ([forgery, encoding]) => {
            await expectRefused('callback', CALLBACK_URL, forgery, encoding);
          },
        ),
        { numRuns: RUNS, ...SEED },
      );
    },
    TIMEOUT,
  );

  it(
    'answer 400 to altered protocol 2.0 envelopes before any status request, and never call onEvent',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...genuines)
            .chain((g) =>
              envelopeForgery(g, signatures).chain((forgery) =>
                fc.tuple(fc.constant(forgery), encodingFor(forgery)),
              ),
            ),
          async ([forgery, encoding]) => {
            await expectRefused('callback', CALLBACK_URL, forgery, encoding);
          },
        ),
        { numRuns: RUNS, ...SEED },
      );
    },
    TIMEOUT,
  );
});

describe('forged payer returns', () => {
  it(
    'answer 400 without a redirect to altered return forms and envelopes',
    async () => {
      const finished = genuines.filter((g) => g.returned);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...finished).chain((g) =>
            fc
              .oneof(
                { arbitrary: flatForgery(g.returned as Body, signatures), weight: 3 },
                { arbitrary: envelopeForgery(g, signatures), weight: 1 },
              )
              .chain((forgery) =>
                // Browsers post forms; JSON is what a script would try.
                fc.tuple(
                  fc.constant(g),
                  fc.constant(forgery),
                  encodingFor(forgery, RETURN_ENCODINGS),
                ),
              ),
          ),
          async ([g, forgery, encoding]) => {
            await expectRefused('paymentReturn', returnUrl(g), forgery, encoding);
          },
        ),
        { numRuns: RUNS, ...SEED },
      );
    },
    TIMEOUT,
  );
});

describe('genuine callbacks among forged and replayed ones', () => {
  const GENUINE_FORMS = [
    ...ENCODINGS.map((e) => ['flat', e] as const),
    ...ENCODINGS.map((e) => ['2.0', e] as const),
  ];

  it(
    'are processed exactly once, however many forgeries come before or alongside them',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...genuines).chain((g) =>
            fc.record({
              g: fc.constant(g),
              forged: fc.array(
                fc
                  .oneof(flatForgery(g.callback, signatures), envelopeForgery(g, signatures))
                  .chain((f) => fc.tuple(fc.constant(f), encodingFor(f))),
                { minLength: 1, maxLength: 6 },
              ),
              copies: fc.array(fc.constantFrom(...GENUINE_FORMS), { minLength: 1, maxLength: 3 }),
              concurrent: fc.boolean(),
              ranks: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }),
            }),
          ),
          async ({ g, forged, copies, concurrent, ranks }) => {
            const shop = openShop();
            const before = flittRequests;
            const requests = [
              ...forged.map(([f, encoding]) => ({ genuine: false, body: f.body, encoding })),
              ...copies.map(([protocol, encoding]) => ({
                genuine: true,
                body: protocol === 'flat' ? g.callback : g.envelope,
                encoding,
              })),
            ];
            const send = async (r: (typeof requests)[number]) => ({
              genuine: r.genuine,
              status: (await shop.handlers.callback(post(CALLBACK_URL, r.body, r.encoding))).status,
            });
            let answers: { genuine: boolean; status: number }[];
            if (concurrent) {
              const shuffled = requests
                .map((r, i) => ({ r, rank: ranks[i] ?? i }))
                .sort((a, b) => a.rank - b.rank)
                .map(({ r }) => r);
              answers = await Promise.all(shuffled.map(send));
            } else {
              answers = [];
              for (const r of requests) answers.push(await send(r));
            }
            sent.forged += forged.length;
            sent.genuine += copies.length;
            for (const a of answers) expect(a.status).toBe(a.genuine ? 200 : 400);
            expect(shop.paid).toHaveLength(1);
            expect(shop.paid[0]).toMatchObject({ order_id: g.orderId, order_status: g.status });
            // Only the genuine copies asked Flitt for the status.
            expect(flittRequests - before).toBe(copies.length);
            expect(shop.errors).toEqual([]);
          },
        ),
        { numRuns: RUNS, ...SEED },
      );
    },
    TIMEOUT,
  );

  it('call onEvent once for a callback sent twice, then twenty times at once', async () => {
    const g = genuines[0] as Genuine;
    const shop = openShop();
    const send = () => shop.handlers.callback(post(CALLBACK_URL, g.callback, 'json'));
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect(shop.paid).toHaveLength(1);

    const fresh = openShop();
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        fresh.handlers.callback(post(CALLBACK_URL, g.callback, 'json')).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array(20).fill(200));
    expect(fresh.paid).toHaveLength(1);
    expect(fresh.paid[0]).toMatchObject({ order_id: g.orderId, order_status: 'approved' });
    sent.genuine += 22;
  });
});
