// What a merchant sees of one call to Flitt and of the client's settings: the errors they read when
// the network, a proxy or a setting is wrong, and which replies are trusted. Through the public
// createFlittClient, with Flitt replaced by fetch functions.
import { createSignature, FlittConfigError, MAX_AMOUNT, signProtocol2 } from '@flitt-checkout/core';
import { describe, expect, it } from 'vitest';
import { createFlittClient, type FlittClientOptions } from './createFlittClient.ts';
import { FlittNetworkError, FlittSignatureError } from './errors.ts';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** An approved order as Flitt's status API answers it. */
const approved = {
  order_id: 'o-1',
  merchant_id: 1549901,
  amount: 1250,
  currency: 'GEL',
  order_status: 'approved',
  response_status: 'success',
};

describe('a call to Flitt that does not get through', () => {
  it('rejects with the caller’s own reason when the caller aborts, not as a network error', async () => {
    const abort = new AbortController();
    const reason = new Error('the payer left');
    const client = createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      fetch: (_input, init) =>
        new Promise((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
          abort.abort(reason);
        }),
    });
    expect(await failure(client.getOrderStatus('o-1', { signal: abort.signal }))).toBe(reason);
  });

  it('keeps the network failure as the error’s cause, for the merchant’s logs', async () => {
    const cause = new TypeError('fetch failed');
    const error = await failure(
      createFlittClient({
        merchantId: 1549901,
        secretKey: 'test',
        retries: 0,
        fetch: async () => {
          throw cause;
        },
      }).getOrderStatus('o-1'),
    );
    expect(error).toBeInstanceOf(FlittNetworkError);
    expect((error as Error).cause).toBe(cause);
  });

  it('leaves a short key’s letters in the message: "test" is a word, not worth redacting', async () => {
    const error = await failure(
      createFlittClient({
        merchantId: 1549901,
        secretKey: 'test',
        retries: 0,
        fetch: async () => {
          throw new Error('getaddrinfo ENOTFOUND proxy.test.internal');
        },
      }).getOrderStatus('o-1'),
    );
    expect((error as Error).message).toContain('proxy.test.internal');
  });
});

describe('an answer that is not Flitt’s', () => {
  const answeredWith = (status: number) =>
    failure(
      createFlittClient({
        merchantId: 1549901,
        secretKey: 'test',
        retries: 0,
        // Status 0: what fetch gives for a redirect it was told not to follow, in a browser runtime.
        fetch: async () => (status === 0 ? Response.error() : new Response(null, { status })),
      }).getOrderStatus('o-1'),
    );

  it.each([0, 300, 302, 399])(
    'says HTTP %i is a redirect, not followed, and to check baseUrl',
    async (status) => {
      expect(await answeredWith(status)).toMatchObject({
        code: 'http_error',
        message: expect.stringMatching(/redirect .*not followed: check baseUrl/),
      });
    },
  );

  it.each([204, 400, 502])(
    'says HTTP %i came from something between the shop and Flitt',
    async (status) => {
      const error = await answeredWith(status);
      expect(error).toMatchObject({
        code: 'http_error',
        message: expect.stringMatching(/in between/),
      });
      expect((error as Error).message).not.toMatch(/redirect/);
    },
  );
});

describe('a protocol 2.0 reply', () => {
  const replying = (body: unknown) =>
    createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      fetch: async () => Response.json(body),
    });

  it('is trusted by its envelope’s signature: a genuine one is read', async () => {
    const genuine = await signProtocol2(approved, 'test');
    expect(await replying({ response: genuine }).getOrderStatus('o-1')).toMatchObject({
      order_id: 'o-1',
      order_status: 'approved',
    });
  });

  it('is refused when its envelope’s signature is wrong, even around an order signed by itself', async () => {
    const signed = { ...approved, signature: await createSignature(approved, 'test') };
    const envelope = await signProtocol2(signed, 'test');
    const altered = { ...envelope, signature: '0'.repeat(40) };
    for (const body of [{ response: altered }, altered])
      expect(await failure(replying(body).getOrderStatus('o-1'))).toBeInstanceOf(
        FlittSignatureError,
      );
  });
});

describe('the client’s settings', () => {
  const refusal = (options: Partial<FlittClientOptions> & Record<string, unknown>) => {
    try {
      void createFlittClient({
        merchantId: 1549901,
        secretKey: 'test',
        ...options,
      } as FlittClientOptions).merchantId;
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it.each<[string, unknown, RegExp]>([
    ['null', null, /got null\./],
    ['left out', undefined, /got undefined\./],
    ['NaN', Number.NaN, /got the number NaN\./],
    ['a fraction', 1.5, /got the number 1\.5\./],
    ['too large', MAX_AMOUNT + 1, /got the number 1000000000000\./],
    ['a hex string', '0x10', /got a 4-character string that is not 1–12 digits/],
    ['digits after a space', ' 1549901', /got a 8-character string/],
    ['a list of digits', ['1549901'], /got an array of 1\./],
    ['an object without a prototype', Object.create(null), /got an object \(no prototype\)\./],
    ['a Map', new Map(), /got an object \(Map\)\./],
    ['a function', () => 1549901, /got a function\./],
  ])(
    'refuses a merchantId that is %s, describing it without printing it',
    (_, merchantId, said) => {
      const error = refusal({ merchantId: merchantId as number });
      expect(error).toBeInstanceOf(FlittConfigError);
      expect(error).toMatchObject({
        code: 'invalid_merchant_id',
        message: expect.stringMatching(said),
      });
    },
  );

  it('accepts merchant ids up to 12 digits', () => {
    expect(refusal({ merchantId: MAX_AMOUNT })).toBeUndefined();
    expect(refusal({ merchantId: String(MAX_AMOUNT) })).toBeUndefined();
  });

  it('refuses a base URL that is neither https nor http on the local machine', () => {
    for (const baseUrl of ['ftp://127.0.0.1/', 'http://192.168.1.5'])
      expect(refusal({ baseUrl })).toMatchObject({ code: 'insecure_base_url' });
    expect(
      createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: 'http://[::1]:8610//' })
        .baseUrl,
    ).toBe('http://[::1]:8610');
  });

  it('takes a retry delay of 0 and refuses a negative one', () => {
    expect(refusal({ retryDelayMs: 0 })).toBeUndefined();
    expect(refusal({ retryDelayMs: -1 })).toMatchObject({
      code: 'invalid_retries',
      message: expect.stringMatching(/retryDelayMs the number -1/),
    });
    expect(refusal({ retries: 1.5 })).toMatchObject({ code: 'invalid_retries' });
  });
});
