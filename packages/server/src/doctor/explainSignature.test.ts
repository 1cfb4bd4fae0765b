import { createHash } from 'node:crypto';
import { createSignature, type FlittParams, signingValues } from '@flitt-checkout/core';
import vectors from '@flitt-checkout/test-kit/fixtures/flitt-vectors.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { explainSignature } from './explainSignature.ts';

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
/** Flitt's masking: every occurrence of the key, in values too (api-reference §1.6). */
const flittMasked = (signingString: string, key: string) =>
  signingString.split(key).join('**********');

// The strings Flitt's docs print beside vectors 2, 6 and 8 (api-reference §1.5), as Flitt masks them.
const PUBLISHED: Record<string, string> = {
  'recurring request, string numbers':
    'test|4600|GEL|1549901|Debit by token transaction|test_recurring_payment123|I0wh7fBmFIdcY6K3Px2QugVrVR65sPafeZkPmRanOiRnXG',
  'subscription start': 'test|start|1549901|test_subscription11',
  'installments checkout/url':
    'test|10000|GEL|1549901|Test installment payment|test_installment_1|x|installments|https://example.com|https://testapi.com/api/callback/',
};

const ORDER = { amount: 100, currency: 'GEL', merchant_id: 1549901, order_id: 'ord-1' };

describe('explainSignature', () => {
  it('finds nothing to explain in the known vectors, and the signature right for the key', async () => {
    for (const vector of vectors.protocol_1) {
      const params = { ...vector.params, signature: vector.signature } as FlittParams;
      const signing =
        PUBLISHED[vector.name] ??
        vector.signing_string ??
        ['test', ...signingValues(params)].join('|');
      const flittString = flittMasked(signing, 'test');
      const withKey = await explainSignature({ params, flittString, secretKey: vector.key });
      expect(withKey.differences, vector.name).toEqual([]);
      expect(withKey.same).toBe(true);
      expect(withKey.verdict.kind, vector.name).toBe('signature_right');
      // Without the key, Flitt's masked values (test_recurring… → **********_recurring…) still match.
      const without = await explainSignature({ params, flittString });
      expect(without.differences, vector.name).toEqual([]);
      expect(without.verdict.kind).toBe('same_values');
    }
  });

  it('explains an empty value a signer kept: the official node SDK’s null (vector 12)', async () => {
    const params = {
      ...ORDER,
      merchant_data: null,
      product_id: null,
      signature: 'd45c2c32dfa0f54811c9d50cd43516ea89f1efbe',
    };
    const result = await explainSignature({
      params,
      flittString: '**********|100|GEL|1549901|ord-1',
      secretKey: 'test',
    });
    expect(result.ours).toBe('**********|100|GEL||1549901|ord-1|');
    expect(result.differences.map((d) => [d.kind, d.key])).toEqual([
      ['empty_value', 'merchant_data'],
      ['empty_value', 'product_id'],
    ]);
    expect(result.differences[0]?.message).toBe(
      'merchant_data is empty: Flitt drops empty values, but your signer kept it as an empty segment ("||"). Leave out \'\', null and undefined when signing (createSignature does).',
    );
    expect(result.verdict.kind).toBe('values_differ');
    // The same from the string the merchant's signer printed.
    const given = await explainSignature({
      params: { ...ORDER, merchant_data: '' },
      flittString: '**********|100|GEL|1549901|ord-1',
      ours: '**********|100|GEL||1549901|ord-1',
    });
    expect(given.differences).toMatchObject([
      { kind: 'empty_value', key: 'merchant_data', ours: '' },
    ]);
  });

  it('explains a number written another way', async () => {
    const result = await explainSignature({
      params: { ...ORDER, amount: 1000 },
      flittString: '**********|1000.0|GEL|1549901|ord-1',
    });
    expect(result.differences).toEqual([
      {
        kind: 'number_format',
        key: 'amount',
        ours: '1000',
        flitt: '1000.0',
        message:
          'amount: we hash "1000", Flitt hashed "1000.0": the same number written another way. Send and sign it as the same text: integers of minor units (1000, not 10.00 or 1000.0).',
      },
    ]);
  });

  it('explains a "|" inside a value: it reads as two values', async () => {
    const result = await explainSignature({
      params: { ...ORDER, order_desc: 'Tea | honey' },
      flittString: '**********|100|GEL|1549901|Tea | honey|ord-1',
    });
    expect(result.differences).toMatchObject([{ kind: 'pipe_in_value', key: 'order_desc' }]);
    expect(result.differences[0]?.message).toMatch(
      /reads as 2 values and Flitt refuses it \(1034\)/,
    );
    // Also when the string is your signer’s: the "|" is found in the request’s value.
    const given = await explainSignature({
      params: { ...ORDER, order_desc: 'Tea | honey' },
      flittString: '**********|100|GEL|1549901|Tea | honey|ord-1',
      ours: '**********|100|GEL|1549901|Tea | honey|ord-1',
    });
    expect(given.differences).toMatchObject([{ kind: 'pipe_in_value', key: 'order_desc' }]);
  });

  it('explains a trailing newline in the key, without showing the key', async () => {
    const key = 'sk-live-5f1e0c9a2b7d4e83\n';
    const params = { ...ORDER, signature: sha1(`${key}|100|GEL|1549901|ord-1`) };
    const result = await explainSignature({
      params,
      flittString: '**********|100|GEL|1549901|ord-1',
      secretKey: key,
    });
    expect(result.ours).toBe('**********\n|100|GEL|1549901|ord-1');
    expect(result.differences).toMatchObject([
      { kind: 'key_whitespace', ours: '**********\n', flitt: '**********' },
    ]);
    expect(result.differences[0]?.message).toMatch(
      /a trailing line break .*Trim the key where it is read/,
    );
    expect(JSON.stringify(result)).not.toContain('sk-live');
  });

  it('explains a value Flitt read differently, one it did not get, and one not signed', async () => {
    const changed = await explainSignature({
      params: { ...ORDER, order_desc: 'Tea and honey' },
      flittString: '**********|100|GEL|1549901|Tea+and+honey|ord-1',
    });
    expect(changed.differences).toMatchObject([
      { kind: 'value_differs', key: 'order_desc', ours: 'Tea and honey', flitt: 'Tea+and+honey' },
    ]);
    const missing = await explainSignature({
      params: { ...ORDER, lang: 'ka' },
      flittString: '**********|100|GEL|1549901|ord-1|https://shop.example/cb',
    });
    // Each side has a value the other lacks: two differences, not one value changed.
    expect(missing.differences).toMatchObject([
      { kind: 'not_in_flitt', key: 'lang', ours: 'ka' },
      { kind: 'only_in_flitt', flitt: 'https://shop.example/cb' },
    ]);
    const extra = await explainSignature({
      params: ORDER,
      flittString: '**********|100|GEL|1549901|ord-1|https://shop.example/cb',
    });
    expect(extra.differences).toMatchObject([
      { kind: 'only_in_flitt', flitt: 'https://shop.example/cb' },
    ]);
    const notInFlitt = await explainSignature({
      params: { ...ORDER, lang: 'ka' },
      flittString: '**********|100|GEL|1549901|ord-1',
    });
    expect(notInFlitt.differences).toMatchObject([
      { kind: 'not_in_flitt', key: 'lang', ours: 'ka' },
    ]);
  });

  it('says what is left when the values agree: a wrong signature, an upper-case one, or a value it cannot sign', async () => {
    const flittString = '**********|100|GEL|1549901|ord-1';
    const wrong = await explainSignature({
      params: { ...ORDER, signature: '0'.repeat(40) },
      flittString,
      secretKey: 'test',
    });
    expect(wrong.verdict.kind).toBe('signature_differs');
    const upper = await explainSignature({
      params: { ...ORDER, signature: (await createSignature(ORDER, 'test')).toUpperCase() },
      flittString,
      secretKey: 'test',
    });
    expect(upper.verdict.message).toMatch(/upper-case hex: Flitt wants lower case/);
    const flag = await explainSignature({
      params: { ...ORDER, preauth: true },
      flittString: `${flittString}|true`,
    });
    expect(flag.differences).toMatchObject([
      {
        kind: 'unsignable',
        key: 'preauth',
        message: expect.stringMatching(/Flitt flags are the strings 'Y' and 'N'/),
      },
      { kind: 'only_in_flitt', flitt: 'true' },
    ]);
  });
});
