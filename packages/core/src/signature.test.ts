import vectors from '@flitt-checkout/test-kit/fixtures/flitt-vectors.json' with { type: 'json' };
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FlittError } from './errors.ts';
import {
  createSignature,
  decodeProtocol2,
  maskedSigningString,
  sha1For,
  signingValues,
  signProtocol2,
  timingSafeEqual,
  verifyProtocol2,
  verifySignature,
} from './signature.ts';

type Params = Record<string, unknown>;

const toHex = (buffer: ArrayBuffer) =>
  [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
/** SHA-1 by Web Crypto, the reference the library's own hashing is held to. */
const webSha1 = async (text: string) =>
  toHex(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)));

describe('createSignature (protocol 1.0)', () => {
  it('hashes exactly as Web Crypto does (in Node it takes node:crypto’s faster path)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.stringMatching(/^[a-z_]{1,12}$/),
          fc.oneof(
            fc.string({ unit: 'binary' }).filter((v) => !v.includes('|')),
            fc.nat(),
          ),
        ),
        fc.string({ minLength: 1, unit: 'binary' }),
        async (params, key) => {
          const text = [key, ...signingValues(params)].join('|');
          expect(await createSignature(params, key)).toBe(await webSha1(text));
        },
      ),
      { numRuns: 300 },
    );
    // 300 Web Crypto round trips: seconds on a loaded machine or under coverage (Stryker).
  }, 30_000);

  it.each(vectors.protocol_1.map((v) => [v.name, v] as const))(
    'reproduces vector: %s',
    async (_, v) => {
      expect(await createSignature(v.params, v.key)).toBe(v.signature);
    },
  );

  it.each(
    vectors.protocol_1
      .filter((v) => 'signing_string' in v)
      .map((v) => [v.name, v as typeof v & { signing_string: string }] as const),
  )('builds the documented signing string: %s', (_, v) => {
    expect([v.key, ...signingValues(v.params)].join('|')).toBe(v.signing_string);
  });

  it('leaves signature and response_signature_string out, so a received object verifies as posted', async () => {
    const order = { order_id: 'a', amount: '100' };
    const signature = await createSignature(order, 'test');
    expect(signingValues({ ...order, signature, response_signature_string: 'test|100|a' })).toEqual(
      ['100', 'a'],
    );
    expect(await createSignature({ ...order, signature: 'f'.repeat(40) }, 'test')).toBe(signature);
  });

  it('signs numbers and their decimal strings alike, and keeps zero', async () => {
    const a = await createSignature({ amount: 0, merchant_id: 1549901, order_id: 'x' }, 'test');
    const b = await createSignature({ amount: '0', merchant_id: '1549901', order_id: 'x' }, 'test');
    expect(a).toBe(b);
    expect(signingValues({ amount: 0 })).toEqual(['0']);
  });

  it('drops empty strings, null and undefined', () => {
    expect(signingValues({ a: '', b: null, c: undefined, d: 'x' })).toEqual(['x']);
  });

  it('refuses booleans, objects and non-finite numbers with a typed error naming the field', async () => {
    for (const [value, hint] of [
      [true, /'Y' and 'N'/],
      [{ every: 1 }, /protocol 2\.0/],
      [['a'], /array/],
      [Number.NaN, /finite/],
    ] as const) {
      const promise = createSignature({ preauth: value, order_id: 'x' }, 'test');
      await expect(promise).rejects.toBeInstanceOf(FlittError);
      await expect(promise).rejects.toMatchObject({ code: 'invalid_signature_input' });
      await expect(promise).rejects.toThrow(/preauth/);
      await expect(promise).rejects.toThrow(hint);
    }
  });

  it('signs a bigint like the number it stands for', async () => {
    expect(signingValues({ amount: 1500n })).toEqual(['1500']);
    expect(await createSignature({ amount: 1500n, order_id: 'x' }, 'test')).toBe(
      await createSignature({ amount: 1500, order_id: 'x' }, 'test'),
    );
  });

  it('refuses an empty or missing secret key (an unset environment variable) in every call', async () => {
    const envelope = await signProtocol2({ order_id: 'a' }, 'test');
    for (const key of ['', undefined, 42] as unknown as string[]) {
      for (const call of [
        () => createSignature({ a: '1' }, key),
        () => verifySignature({ a: '1', signature: 'f'.repeat(40) }, key),
        () => signProtocol2({ order_id: 'a' }, key),
        () => verifyProtocol2(envelope, key),
      ]) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(FlittError);
        expect(error).toMatchObject({ code: 'invalid_signature_input' });
        expect((error as FlittError).message).toMatch(/secretKey is empty/);
      }
    }
  });

  it('rejects, never throws, for parameters that are not an object', async () => {
    for (const params of [null, undefined] as unknown as Record<string, unknown>[]) {
      for (const call of [
        () => createSignature(params, 'test'),
        () => verifySignature(params, 'test'),
      ]) {
        let promise: Promise<unknown> | undefined;
        expect(() => {
          promise = call();
        }).not.toThrow();
        await expect(promise).rejects.toBeInstanceOf(Error);
      }
    }
  });

  it('masks the key the way Flitt prints response_signature_string', () => {
    const v = vectors.protocol_1[0];
    expect(maskedSigningString(v?.params ?? {})).toBe(
      '**********|1000|GEL|1549901|Test payment|TestOrder2|http://myshop/callback/',
    );
  });
});

describe('verifySignature', () => {
  const signed = async (params: Params, key = 'test'): Promise<Params> => ({
    ...params,
    signature: await createSignature(params, key),
  });
  const order: Params = {
    order_id: 'ord-7',
    merchant_id: 1549901,
    amount: '1500',
    currency: 'GEL',
    order_status: 'approved',
    response_status: 'success',
    additional_info: '{"capture_status": null, "card_type": "VISA"}',
    fee: 0,
  };

  it('accepts every published vector with its signature', async () => {
    for (const v of vectors.protocol_1) {
      expect(await verifySignature({ ...v.params, signature: v.signature }, v.key)).toBe(true);
    }
  });

  it('ignores response_signature_string', async () => {
    const body = { ...(await signed(order)), response_signature_string: '**********|whatever' };
    expect(await verifySignature(body, 'test')).toBe(true);
  });

  it('rejects a missing, upper-case, short or non-string signature', async () => {
    const good = await signed(order);
    const sig = good.signature as string;
    for (const signature of [undefined, '', sig.toUpperCase(), sig.slice(1), 42, null]) {
      expect(await verifySignature({ ...good, signature }, 'test')).toBe(false);
    }
  });

  it('rejects values holding "|", which would let fields be merged under one signature', async () => {
    const params = { a: 'x', b: 'y', c: 'z' };
    const signature = await createSignature(params, 'test');
    expect(await verifySignature({ a: 'x|y', c: 'z', signature }, 'test')).toBe(false);
    expect(await verifySignature({ ...params, signature }, 'test')).toBe(true);
  });

  it('rejects the same object signed with another key', async () => {
    expect(await verifySignature(await signed(order, 'other'), 'test')).toBe(false);
  });

  it('rejects an object carrying a value protocol 1.0 cannot sign, without throwing', async () => {
    const good = await signed(order);
    expect(await verifySignature({ ...good, extra: { nested: true } }, 'test')).toBe(false);
  });

  it('fails when any single field changes, is added or is removed', async () => {
    const field = fc.constantFrom(...Object.keys(order));
    const text = fc.string({ minLength: 1 }).filter((s) => !s.includes('|'));
    await fc.assert(
      fc.asyncProperty(field, text, async (key, value) => {
        const good = await signed(order);
        fc.pre(String(good[key]) !== value);
        expect(await verifySignature({ ...good, [key]: value }, 'test')).toBe(false);
        const { [key]: _removed, ...without } = good;
        expect(await verifySignature(without, 'test')).toBe(false);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[a-z_]{1,20}$/).filter((k) => !(k in order) && k !== 'signature'),
        text,
        async (key, value) => {
          const good = await signed(order);
          expect(await verifySignature({ ...good, [key]: value }, 'test')).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('timingSafeEqual', () => {
  it('compares whole strings of equal length only', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
    expect(timingSafeEqual('', '')).toBe(true);
  });
});

describe('protocol 2.0', () => {
  const [vector] = vectors.protocol_2;

  it('reproduces the vector: data and signature', async () => {
    if (!vector) throw new Error('fixture has no protocol 2.0 vector');
    const order = JSON.parse(vector.order_json).order;
    const envelope = await signProtocol2(order, vector.key);
    expect(envelope).toEqual({ version: '2.0', data: vector.data, signature: vector.signature });
    expect(await verifyProtocol2(envelope, vector.key)).toBe(true);
    expect(decodeProtocol2(envelope.data)).toEqual(order);
  });

  it('round-trips nested data and UTF-8 text', async () => {
    const order = {
      order_id: 'sub-1',
      order_desc: 'გამოწერა — подписка',
      recurring_data: { every: 1, period: 'month', amount: 500, start_time: '2026-12-01' },
    };
    const envelope = await signProtocol2(order, 'test');
    expect(await verifyProtocol2(envelope, 'test')).toBe(true);
    expect(decodeProtocol2(envelope.data)).toEqual(order);
  });

  it('rejects a changed data blob, another key, or a malformed envelope', async () => {
    const envelope = await signProtocol2({ order_id: 'a', amount: 100 }, 'test');
    const other = await signProtocol2({ order_id: 'a', amount: 101 }, 'test');
    expect(await verifyProtocol2({ ...envelope, data: other.data }, 'test')).toBe(false);
    expect(await verifyProtocol2(envelope, 'other')).toBe(false);
    for (const bad of [
      undefined,
      null,
      'x',
      42,
      {},
      { data: envelope.data },
      { ...envelope, data: '' },
      { ...envelope, data: 42 },
      { ...envelope, signature: 'x' },
      { ...envelope, signature: 42 },
      { ...envelope, signature: `${envelope.signature}0` },
      // A boxed String is no JSON value: only the string Flitt sent is checked.
      { ...envelope, signature: new String(envelope.signature) },
      { data: new String(envelope.data), signature: envelope.signature },
    ]) {
      expect(await verifyProtocol2(bad, 'test')).toBe(false);
    }
  });

  it('accepts only a non-empty data string, even when the signature matches its text form', async () => {
    for (const data of [42, '', ['a'], null]) {
      const signature = await webSha1(`test|${data}`);
      expect(await verifyProtocol2({ version: '2.0', data, signature }, 'test')).toBe(false);
    }
  });

  it('throws a typed error for data that is not base64 JSON, keeping the parser’s error as cause', () => {
    for (const data of ['%%%', btoa('{"order":'), btoa('not json')]) {
      const error = (() => {
        try {
          decodeProtocol2(data);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(FlittError);
      expect(error).toMatchObject({ code: 'invalid_response' });
      expect((error as Error).message).toMatch(/not base64/);
      expect((error as Error).cause).toBeInstanceOf(Error);
    }
  });

  it('throws a typed error for JSON without an order object', () => {
    for (const json of [
      '{"nope":1}',
      'null',
      '42',
      '{"order":null}',
      '{"order":[1]}',
      '{"order":"x"}',
    ]) {
      expect(() => decodeProtocol2(btoa(json)), json).toThrow(FlittError);
      expect(() => decodeProtocol2(btoa(json)), json).toThrow(/no "order" object/);
    }
    try {
      decodeProtocol2(btoa('{"order":null}'));
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_response' });
    }
  });
});

describe('sha1For: the SHA-1 each runtime offers', () => {
  type Runtime = { process?: { getBuiltinModule?: (id: string) => unknown } };
  const texts = [
    ...vectors.protocol_1.map((v) => [v.key, ...signingValues(v.params)].join('|')),
    'test|გამოწერა — подписка 🍷',
    '',
  ];
  // A stand-in node:crypto (these tests run in Chromium too): Web Crypto's digests, handed out
  // synchronously through node:crypto's API, which checks the algorithm and encodings asked for.
  const digests = new Map<string, string>();
  beforeAll(async () => {
    for (const text of texts) digests.set(text, await webSha1(text));
  });
  const digestOf = (algorithm: string, text: string, encoding: string) => {
    expect([algorithm, encoding]).toEqual(['sha1', 'hex']);
    const digest = digests.get(text);
    if (digest === undefined) throw new Error(`no digest for ${JSON.stringify(text)}`);
    return digest;
  };
  const hash = (algorithm: string, text: string, encoding: string) =>
    digestOf(algorithm, text, encoding);
  const createHash = (algorithm: string) => ({
    update(text: string, input: string) {
      expect(input).toBe('utf8');
      return { digest: (encoding: string) => digestOf(algorithm, text, encoding) };
    },
  });
  const offering = (crypto: unknown): Runtime => ({
    process: { getBuiltinModule: (id) => (id === 'node:crypto' ? crypto : undefined) },
  });

  it.each([
    ['Node ≥ 20.16, Deno, Bun: node:crypto’s one-shot hash', offering({ hash })],
    ['a runtime with createHash only', offering({ createHash })],
  ])('%s: digests synchronously with node:crypto', (_, runtime) => {
    const sha1 = sha1For(runtime);
    for (const text of texts) expect(sha1(text)).toBe(digests.get(text));
  });

  it.each([
    ['a browser or Worker (no process)', {}],
    ['Node before 20.16 (no getBuiltinModule)', { process: {} }],
    ['a runtime without node:crypto', offering(undefined)],
  ])('%s: falls back to Web Crypto', async (_, runtime) => {
    const sha1 = sha1For(runtime);
    for (const text of texts) {
      const digest = sha1(text);
      expect(digest).toBeInstanceOf(Promise);
      expect(await digest).toBe(digests.get(text));
    }
  });

  it('gives each published vector its signature in this runtime', async () => {
    for (const v of vectors.protocol_1) {
      const text = [v.key, ...signingValues(v.params)].join('|');
      expect(await sha1For(globalThis)(text)).toBe(v.signature);
    }
  });

  it('digests synchronously exactly where the runtime hands out node:crypto (Node), else with Web Crypto', () => {
    const offersNodeCrypto =
      typeof (globalThis as Runtime).process?.getBuiltinModule === 'function';
    expect(typeof sha1For(globalThis)('test|a') === 'string').toBe(offersNodeCrypto);
  });
});
