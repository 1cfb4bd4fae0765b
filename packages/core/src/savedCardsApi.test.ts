import { describe, expect, it } from 'vitest';
import { isRefusal, MerchantApiError } from './merchantApi.ts';
import { isSavedCardRequest } from './savedCards.ts';
import { cardsEndpoints } from './savedCardsApi.ts';

/** A stand-in for the shop's endpoint: records each request and answers `answer`. */
function shop(answer: () => Response) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(new URL(String(input), 'http://shop.test'), init));
    return answer();
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

const signal = () => new AbortController().signal;
const card = {
  id: 'card_1',
  brand: 'VISA',
  maskedPan: '444455XXXXXX1111',
  last4: '1111',
  expiresAt: null,
  expired: false,
};
const paid = {
  orderId: 'fc-2',
  status: 'approved',
  responseCode: null,
  amount: 1800,
  currency: 'GEL',
  reversalAmount: 0,
  payerMessage: 'Thank you!',
};
/** The error a call failed with (a call that succeeds fails the test). */
const failure = (call: Promise<unknown>) =>
  call.then(
    (answer) => {
      throw new Error(`answered ${JSON.stringify(answer)}`);
    },
    (error: unknown) => error as MerchantApiError,
  );

describe('cardsEndpoints', () => {
  it('lists the cards with GET, the payer’s language in the URL and no body', async () => {
    const { requests, fetch } = shop(() => Response.json({ cards: [card] }));
    const api = cardsEndpoints({ apiBase: '/api/flitt/', locale: 'ka', fetch });
    await expect(api.list(signal())).resolves.toEqual({ cards: [card] });
    const [sent] = requests;
    expect(sent?.method).toBe('GET');
    expect(sent?.url).toBe('http://shop.test/api/flitt/cards?locale=ka');
    expect(sent?.body).toBeNull();
  });

  it('pays with a card: posts only { action, cardId, order } as JSON, never an amount of its own', async () => {
    const { requests, fetch } = shop(() => Response.json(paid));
    const api = cardsEndpoints({ locale: 'ru', fetch, credentials: 'include' });
    await expect(api.pay('card_1', { cartId: 'c-42' }, signal())).resolves.toEqual(paid);
    const [sent] = requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('http://shop.test/api/flitt/cards?locale=ru');
    expect(sent?.credentials).toBe('include');
    expect(sent?.headers.get('content-type')).toBe('application/json');
    expect(await sent?.json()).toEqual({
      action: 'pay',
      cardId: 'card_1',
      order: { cartId: 'c-42' },
    });
  });

  it('sends the attempt id with a payment when given, for the server to charge it at most once', async () => {
    const { requests, fetch } = shop(() => Response.json(paid));
    await cardsEndpoints({ fetch }).pay('card_1', { cartId: 'c-42' }, signal(), 'a1b2c3d4e5f6a7b8');
    expect(await requests[0]?.json()).toEqual({
      action: 'pay',
      cardId: 'card_1',
      order: { cartId: 'c-42' },
      attempt: 'a1b2c3d4e5f6a7b8',
    });
  });

  it('removes a card and answers the cards left', async () => {
    const { requests, fetch } = shop(() => Response.json({ cards: [] }));
    await expect(cardsEndpoints({ fetch }).remove('card_1', signal())).resolves.toEqual({
      cards: [],
    });
    expect(requests[0]?.url).toBe('http://shop.test/api/flitt/cards?locale=');
    expect(await requests[0]?.json()).toEqual({ action: 'remove', cardId: 'card_1' });
  });

  it('adds a card: posts { action: add, flow } and answers the check’s checkout of that flow', async () => {
    const token = 'f'.repeat(40);
    const { requests, fetch } = shop(() =>
      Response.json({ flow: 'embedded', orderId: 'fc-check', token }),
    );
    await expect(cardsEndpoints({ fetch }).add('embedded', signal())).resolves.toEqual({
      flow: 'embedded',
      orderId: 'fc-check',
      token,
    });
    expect(requests[0]?.method).toBe('POST');
    expect(await requests[0]?.json()).toEqual({ action: 'add', flow: 'embedded' });
    // An answer for the other flow is not this one's.
    const other = await failure(cardsEndpoints({ fetch }).add('redirect', signal()));
    expect(other.code).toBe('invalid_response');
  });

  it('refuses answers that are not the contract’s: a list with a token-less shape, a payment that is a list', async () => {
    const broken = { cards: [{ ...card, expired: 'no' }] };
    const list = await failure(
      cardsEndpoints({ fetch: shop(() => Response.json(broken)).fetch }).list(signal()),
    );
    expect(list).toBeInstanceOf(MerchantApiError);
    expect(list.code).toBe('invalid_response');
    const pay = await failure(
      cardsEndpoints({ fetch: shop(() => Response.json({ cards: [] })).fetch }).pay(
        'card_1',
        {},
        signal(),
      ),
    );
    expect(pay.code).toBe('invalid_response');
    const remove = await failure(
      cardsEndpoints({ fetch: shop(() => Response.json(paid)).fetch }).remove('card_1', signal()),
    );
    expect(remove.code).toBe('invalid_response');
  });

  it.each([
    [401, 'sign_in_required', 'sign_in_required'],
    [403, 'saved_cards_off', 'saved_cards_off'],
    [404, 'card_not_found', 'card_not_found'],
    [410, 'card_expired', 'card_expired'],
  ])(
    'keeps the shop’s %i refusal (%s) with its payer message, as a refusal not worth retrying',
    async (status, code, expected) => {
      const body = { error: { code, payerMessage: 'ამ ბარათს ვეღარ გამოიყენებთ.' } };
      const { fetch } = shop(() => Response.json(body, { status }));
      const error = await failure(cardsEndpoints({ fetch }).pay('card_1', {}, signal()));
      expect(error.code).toBe(expected);
      expect(error.details).toMatchObject({ status, payerMessage: body.error.payerMessage });
      expect(isRefusal(error)).toBe(true);
    },
  );

  it('reports the shop→Flitt leg’s 502 as flitt_failure, worth another try', async () => {
    const body = { error: { code: 'saved_cards_unavailable', flittCode: 1059 } };
    const { fetch } = shop(() => Response.json(body, { status: 502 }));
    const error = await failure(cardsEndpoints({ fetch }).pay('card_1', {}, signal()));
    expect(error.code).toBe('flitt_failure');
    expect(error.details).toMatchObject({ status: 502, flittCode: 1059 });
    expect(isRefusal(error)).toBe(false);
  });

  it('is a network_error when the shop cannot be reached', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const error = await failure(cardsEndpoints({ fetch }).list(signal()));
    expect(error.code).toBe('network_error');
  });
});

describe('isSavedCardRequest', () => {
  it.each([
    [{ action: 'pay', cardId: 'card_1', order: {} }, true],
    [{ action: 'pay', cardId: 'card_1', order: {}, attempt: 'a1b2c3d4-e5f6_7890' }, true],
    [{ action: 'pay', cardId: 'card_1', order: {}, attempt: 'short' }, false],
    [{ action: 'pay', cardId: 'card_1', order: {}, attempt: 'x'.repeat(65) }, false],
    [{ action: 'pay', cardId: 'card_1', order: {}, attempt: 'has|pipe1' }, false],
    [{ action: 'pay', cardId: '', order: {} }, false],
    [{ action: 'remove', cardId: 'card_1' }, true],
    [{ action: 'add', flow: 'embedded' }, true],
    [{ action: 'add', flow: 'popup' }, false],
    [{ action: 'refund', cardId: 'card_1' }, false],
    [{ action: 'remove', cardId: 'card_1', locale: 7 }, false],
  ])('%j → %s', (body, expected) => {
    expect(isSavedCardRequest(body)).toBe(expected);
  });
});
