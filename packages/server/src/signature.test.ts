import { createHash } from 'node:crypto';
import vectors from '@flitt-checkout/test-kit/fixtures/flitt-vectors.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSignature, signProtocol2, verifyProtocol2, verifySignature } from './index.ts';

/**
 * A deliberately plain second implementation of api-reference §1.1 (node:crypto, no shared code),
 * the oracle the package's Web Crypto signer is checked against.
 */
function oracle(params: Record<string, string | number | null | undefined>, key: string): string {
  const parts = [key];
  for (const name of Object.keys(params).sort()) {
    if (name === 'signature' || name === 'response_signature_string') continue;
    const value = params[name];
    if (value === undefined || value === null || value === '') continue;
    parts.push(String(value));
  }
  return createHash('sha1').update(parts.join('|'), 'utf8').digest('hex');
}

const key = fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' });
const value = fc.oneof(
  fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('|')),
  fc.integer({ min: 0, max: 999_999_999_999 }),
  fc.constant(0),
  fc.constant(''),
  fc.constant(null),
  fc.constant(undefined),
);
const params = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,24}$/), value, { maxKeys: 25 });

describe('signatures from @flitt-checkout/server', () => {
  it('reproduce every vector', async () => {
    for (const v of vectors.protocol_1)
      expect(await createSignature(v.params, v.key)).toBe(v.signature);
    for (const v of vectors.protocol_2) {
      expect(await signProtocol2(JSON.parse(v.order_json).order, v.key)).toMatchObject({
        data: v.data,
        signature: v.signature,
      });
    }
  });

  it('agree with an independent node:crypto implementation on arbitrary parameters', async () => {
    await fc.assert(
      fc.asyncProperty(params, key, async (p, k) => {
        expect(await createSignature(p, k)).toBe(oracle(p, k));
      }),
      { numRuns: 1000 },
    );
  });

  it('verify what the oracle signed and reject any single change', async () => {
    await fc.assert(
      fc.asyncProperty(
        params.filter((p) =>
          Object.values(p).some((v) => v !== '' && v !== null && v !== undefined),
        ),
        key,
        fc.nat(),
        async (p, k, pick) => {
          const signed = { ...p, signature: oracle(p, k) };
          expect(await verifySignature(signed, k)).toBe(true);
          const names = Object.keys(p).filter(
            (n) => p[n] !== '' && p[n] !== null && p[n] !== undefined,
          );
          const name = names[pick % names.length] as string;
          const tampered = { ...signed, [name]: `${String(p[name])}x` };
          expect(await verifySignature(tampered, k)).toBe(false);
          expect(await verifySignature(signed, `${k}x`)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sign protocol 2.0 as sha1(key|data) over the base64 text', async () => {
    await fc.assert(
      fc.asyncProperty(params, key, async (p, k) => {
        const clean = JSON.parse(JSON.stringify(p));
        const envelope = await signProtocol2(clean, k);
        expect(envelope.signature).toBe(
          createHash('sha1').update(`${k}|${envelope.data}`, 'utf8').digest('hex'),
        );
        expect(JSON.parse(Buffer.from(envelope.data, 'base64').toString('utf8'))).toEqual({
          order: clean,
        });
        expect(await verifyProtocol2(envelope, k)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
