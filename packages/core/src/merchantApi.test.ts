import { describe, expect, it } from 'vitest';
import { MerchantApiError, subscriptionEndpoint } from './merchantApi.ts';

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
