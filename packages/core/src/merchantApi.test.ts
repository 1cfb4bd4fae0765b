import { describe, expect, it, vi } from 'vitest';
import { FlittError } from './errors.ts';
import {
  checkoutEndpoint,
  createMerchantApi,
  isRefusal,
  MerchantApiError,
  statusEndpoint,
  subscriptionEndpoint,
} from './merchantApi.ts';

/** A stand-in for the shop's endpoint: records each request and answers `answer`. */
function shop(answer: Response) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(new URL(String(input), 'http://shop.test'), init));
    return answer;
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

const signal = () => new AbortController().signal;

describe('subscriptionEndpoint', () => {
  it('posts only { orderId, action } as JSON, with the payer’s language in the URL', async () => {
    const { requests, fetch } = shop(Response.json({ orderId: 'fc-1', status: 'disabled' }));
    const stop = subscriptionEndpoint({ apiBase: '/api/flitt/', locale: 'ka', fetch });
    const request = { orderId: 'fc-1', action: 'stop', extra: 'dropped' } as const;
    await expect(stop(request, signal())).resolves.toEqual({ orderId: 'fc-1', status: 'disabled' });
    const [sent] = requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('http://shop.test/api/flitt/subscription?locale=ka');
    expect(sent?.headers.get('content-type')).toBe('application/json');
    expect(await sent?.json()).toEqual({ orderId: 'fc-1', action: 'stop' });
  });

  it('sends an empty locale when the payer’s language is not known', async () => {
    const { requests, fetch } = shop(Response.json({ orderId: 'fc-1', status: 'active' }));
    await subscriptionEndpoint({ fetch })({ orderId: 'fc-1', action: 'start' }, signal());
    expect(requests[0]?.url).toBe('http://shop.test/api/flitt/subscription?locale=');
  });

  it('refuses an answer that is not the contract’s', async () => {
    const { fetch } = shop(Response.json({ orderId: 'fc-1', status: 'paused' }));
    const error = await subscriptionEndpoint({ fetch })(
      { orderId: 'fc-1', action: 'start' },
      signal(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MerchantApiError);
    expect((error as MerchantApiError).code).toBe('invalid_response');
  });

  it('keeps the shop’s refusal: its status, code and payer message', async () => {
    const body = { error: { code: 'forbidden', payerMessage: 'Not yours.' } };
    const { fetch } = shop(Response.json(body, { status: 403 }));
    const error = (await subscriptionEndpoint({ fetch })(
      { orderId: 'fc-1', action: 'stop' },
      signal(),
    ).catch((e: unknown) => e)) as MerchantApiError;
    expect(error.code).toBe('forbidden');
    expect(error.details).toMatchObject({ status: 403, payerMessage: 'Not yours.' });
  });
});

const statusAnswer = {
  orderId: 'fc-1',
  status: 'approved',
  responseCode: null,
  amount: 1500,
  currency: 'GEL',
  reversalAmount: 0,
  payerMessage: 'Thank you!',
};
const redirectAnswer = {
  flow: 'redirect',
  orderId: 'fc-1',
  checkoutUrl: 'https://pay.flitt.com/merchants/x/default/index.html?token=t',
  paymentId: null,
};

/** What a call rejects with. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as MerchantApiError,
  );

describe('createMerchantApi', () => {
  it('posts the order as JSON to {apiBase}/checkout, with the payer’s language and same-origin cookies', async () => {
    const { requests, fetch } = shop(Response.json(redirectAnswer));
    const api = createMerchantApi({ apiBase: 'https://shop.test/pay//', locale: 'ka', fetch });
    const request = { flow: 'redirect', order: { cartId: 'c-42' } } as const;
    await expect(api.createCheckout(request, signal())).resolves.toEqual(redirectAnswer);
    const [sent] = requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('https://shop.test/pay/checkout');
    expect(sent?.headers.get('content-type')).toBe('application/json');
    expect(sent?.credentials).toBe('same-origin');
    expect(await sent?.json()).toEqual({ ...request, locale: 'ka' });
  });

  it('sends the request as it is without a locale, and cookies to another origin when asked', async () => {
    const { requests, fetch } = shop(Response.json(redirectAnswer));
    const api = createMerchantApi({ fetch, credentials: 'include' });
    await api.createCheckout({ flow: 'redirect', order: 7 }, signal());
    expect(requests[0]?.url).toBe('http://shop.test/api/flitt/checkout');
    expect(requests[0]?.credentials).toBe('include');
    expect(await requests[0]?.json()).toEqual({ flow: 'redirect', order: 7 });
  });

  it('gets the status by GET, the order id and language encoded in the URL, without a body', async () => {
    const { requests, fetch } = shop(Response.json(statusAnswer));
    const api = createMerchantApi({ locale: 'ka', fetch });
    await expect(api.getStatus('fc 1&x=/?', signal())).resolves.toEqual(statusAnswer);
    const [sent] = requests;
    expect(sent?.method).toBe('GET');
    expect(sent?.url).toBe(
      'http://shop.test/api/flitt/status?order_id=fc%201%26x%3D%2F%3F&locale=ka',
    );
    expect(sent?.headers.get('content-type')).toBeNull();
    expect(sent?.body).toBeNull();
    const { requests: plain, fetch: fetch2 } = shop(Response.json(statusAnswer));
    await statusEndpoint({ fetch: fetch2 })('fc-1', signal());
    expect(plain[0]?.url).toBe('http://shop.test/api/flitt/status?order_id=fc-1&locale=');
  });

  it('refuses an answer of the other flow, or not JSON, as invalid_response', async () => {
    for (const answer of [
      Response.json({ flow: 'embedded', orderId: 'fc-1', token: 'a'.repeat(40) }),
      new Response('<html>ok</html>', { status: 200 }),
    ]) {
      const error = await failure(
        checkoutEndpoint({ fetch: shop(answer).fetch })({ flow: 'redirect', order: {} }, signal()),
      );
      expect(error).toBeInstanceOf(MerchantApiError);
      expect(error.code).toBe('invalid_response');
      expect(error.message).toMatch(/\/api\/flitt\/checkout: HTTP 200/);
    }
  });

  // biome-ignore format: one row per line reads as a table
  const refusals: [string, () => Response, string][] = [
    ['a 500 without a contract body', () => new Response('oops', { status: 500 }), 'server_error'],
    ['a 404 without a contract body', () => Response.json({ message: 'no' }, { status: 404 }), 'server_error'],
    ['the handlers’ internal_error', () => Response.json({ error: { code: 'internal_error' } }, { status: 500 }), 'server_error'],
    ['the handlers’ invalid_order', () => Response.json({ error: { code: 'invalid_order' } }, { status: 500 }), 'server_error'],
    ['a 502 from the shop→Flitt leg', () => Response.json({ error: { code: 'flitt_failure', flittCode: 1013 } }, { status: 502 }), 'flitt_failure'],
    ['any other code on a 502', () => Response.json({ error: { code: 'bad_gateway' } }, { status: 502 }), 'flitt_failure'],
    ['a 502 timeout, which stays a timeout', () => Response.json({ error: { code: 'timeout' } }, { status: 502 }), 'timeout'],
    ['the shop’s own code on a 503', () => Response.json({ error: { code: 'shop_closed' } }, { status: 503 }), 'shop_closed'],
    ['order_not_found on a 404', () => Response.json({ error: { code: 'order_not_found' } }, { status: 404 }), 'order_not_found'],
  ];

  it.each(refusals)('reads %s', async (_, respond, code) => {
    const answer = respond();
    const error = await failure(statusEndpoint({ fetch: shop(answer).fetch })('fc-1', signal()));
    expect(error).toBeInstanceOf(MerchantApiError);
    expect(error.code).toBe(code);
    expect(error.details.status).toBe(answer.status);
    expect(error.message).toContain(`HTTP ${answer.status}`);
  });

  it('keeps Flitt’s code and the shop’s words for the payer from an error body', async () => {
    const body = { error: { code: 'flitt_failure', flittCode: 1013, payerMessage: 'Try again.' } };
    const error = await failure(
      statusEndpoint({ fetch: shop(Response.json(body, { status: 502 })).fetch })('o', signal()),
    );
    expect(error.details).toEqual({ status: 502, flittCode: 1013, payerMessage: 'Try again.' });
    const bare = await failure(
      statusEndpoint({ fetch: shop(new Response('', { status: 500 })).fetch })('o', signal()),
    );
    expect(bare.message).toMatch(/HTTP 500 \(no error body\)/);
  });

  it('is a network_error when the shop cannot be reached, naming the URL', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    const error = await failure(createMerchantApi({ fetch }).getStatus('o', signal()));
    expect(error).toBeInstanceOf(MerchantApiError);
    expect(error.code).toBe('network_error');
    expect(error.message).toMatch(/\/api\/flitt\/status\?order_id=o.*fetch failed/);
  });

  it('gives up after timeoutMs (20 s by default) with a timeout, and aborts the request', async () => {
    const seen: AbortSignal[] = [];
    const hanging = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        const signal = init?.signal as AbortSignal;
        seen.push(signal);
        signal.addEventListener('abort', () => reject(signal.reason));
      })) as typeof globalThis.fetch;
    const error = await failure(
      createMerchantApi({ fetch: hanging, timeoutMs: 20 }).getStatus('o', signal()),
    );
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/no answer in 20 ms/);
    expect(seen[0]?.aborted).toBe(true);
    vi.useFakeTimers();
    try {
      const pending = failure(createMerchantApi({ fetch: hanging }).getStatus('o', signal()));
      await vi.advanceTimersByTimeAsync(19_999);
      expect(seen[1]?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).message).toMatch(/no answer in 20000 ms/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects with the caller’s reason when the caller aborts, before or during the call, and lets go of its signal', async () => {
    const { requests, fetch } = shop(Response.json(statusAnswer));
    const early = new AbortController();
    early.abort(new Error('unmounted'));
    await expect(createMerchantApi({ fetch }).getStatus('o', early.signal)).rejects.toThrow(
      'unmounted',
    );
    expect(requests).toEqual([]);
    const hanging = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted by fetch')));
      })) as typeof globalThis.fetch;
    const late = new AbortController();
    const pending = createMerchantApi({ fetch: hanging }).getStatus('o', late.signal);
    late.abort(new Error('left the page'));
    await expect(pending).rejects.toThrow('left the page');
    // A finished call no longer listens to the caller's signal.
    const caller = new AbortController();
    const listening = vi.spyOn(caller.signal, 'removeEventListener');
    await createMerchantApi({ fetch: shop(Response.json(statusAnswer)).fetch }).getStatus(
      'o',
      caller.signal,
    );
    expect(listening).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});

describe('isRefusal', () => {
  it('is true only for a 4xx from a merchant endpoint: asking again will not change it', () => {
    const at = (status?: number) =>
      new MerchantApiError('x', 'm', status === undefined ? {} : { status });
    expect([400, 404, 499].map((s) => isRefusal(at(s)))).toEqual([true, true, true]);
    expect([399, 500, 502].map((s) => isRefusal(at(s)))).toEqual([false, false, false]);
    expect(isRefusal(at())).toBe(false);
    expect(isRefusal(new Error('HTTP 404'))).toBe(false);
    expect(isRefusal(undefined)).toBe(false);
  });

  it('carries its code and details, as a FlittError named MerchantApiError', () => {
    const error = new MerchantApiError('server_error', 'HTTP 500');
    expect(error).toBeInstanceOf(FlittError);
    expect(error).toMatchObject({ name: 'MerchantApiError', code: 'server_error', details: {} });
  });
});
