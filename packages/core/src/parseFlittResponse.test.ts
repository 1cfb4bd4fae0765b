import { describe, expect, it } from 'vitest';
import { FlittResponseError } from './errors.ts';
import { parseFlittResponse } from './parseFlittResponse.ts';
import { signProtocol2 } from './signature.ts';

const approved = {
  order_id: 'shop-1001',
  merchant_id: 1549901,
  amount: '1500',
  currency: 'GEL',
  order_status: 'approved',
  response_status: 'success',
  payment_id: 822895805,
  response_code: '',
  signature: 'a'.repeat(40),
};

describe('parseFlittResponse', () => {
  it('reads a checkout_url reply in the JSON envelope', () => {
    const checkoutUrl = 'https://pay.flitt.com/merchants/abc/default/index.html?token=t';
    const result = parseFlittResponse({
      response: { checkout_url: checkoutUrl, payment_id: '805230052', response_status: 'success' },
    });
    expect(result).toMatchObject({
      status: 'success',
      kind: 'checkout_url',
      checkoutUrl,
      paymentId: '805230052',
      protocol: '1.0',
    });
  });

  it('reads a token reply from JSON text', () => {
    const token = 'f'.repeat(40);
    const result = parseFlittResponse(
      JSON.stringify({ response: { token, response_status: 'success' } }),
    );
    expect(result).toMatchObject({ status: 'success', kind: 'token', token });
  });

  it('reads form-encoded replies (text, URLSearchParams or a decoded object)', () => {
    const text =
      'response_status=failure&error_code=1011&error_message=Parameter+%60amount%60+is+missing&request_id=abc';
    const expected = {
      status: 'failure',
      errorCode: 1011,
      errorMessage: 'Parameter `amount` is missing',
      requestId: 'abc',
    };
    expect(parseFlittResponse(text)).toMatchObject(expected);
    expect(parseFlittResponse(new URLSearchParams(text))).toMatchObject(expected);
    expect(parseFlittResponse(Object.fromEntries(new URLSearchParams(text)))).toMatchObject(
      expected,
    );
  });

  it('accepts error_code as a number or a numeric string', () => {
    const result = parseFlittResponse({
      response: { response_status: 'failure', error_code: '1008' },
    });
    expect(result).toMatchObject({
      status: 'failure',
      errorCode: 1008,
      errorMessage: '',
      requestId: undefined,
    });
  });

  it('reads an approved order, keeping wire values for signature checks', () => {
    const result = parseFlittResponse({ response: approved });
    expect(result.status).toBe('success');
    if (result.status !== 'success' || result.kind !== 'order') throw new Error('not an order');
    expect(result.order.amount).toBe('1500');
    expect(result.response).toBe(approved);
  });

  it('reads a flat callback body (no envelope)', () => {
    expect(parseFlittResponse({ ...approved, order_status: 'expired' })).toMatchObject({
      status: 'success',
      kind: 'order',
      order: { order_status: 'expired' },
    });
  });

  it('turns a declined order into the declined variant with its code', () => {
    const declined = {
      ...approved,
      order_status: 'declined',
      response_code: 1037,
      response_description: 'Insufficient funds',
    };
    expect(parseFlittResponse({ response: declined })).toMatchObject({
      status: 'declined',
      responseCode: 1037,
      responseDescription: 'Insufficient funds',
      order: { order_id: 'shop-1001' },
    });
    expect(parseFlittResponse({ ...declined, response_code: '1004' })).toMatchObject({
      responseCode: 1004,
    });
  });

  it('reads reverse and capture replies', () => {
    expect(
      parseFlittResponse({
        response: {
          response_status: 'success',
          reverse_status: 'approved',
          reversal_amount: '500',
        },
      }),
    ).toMatchObject({ kind: 'reverse', reverseStatus: 'approved', reversalAmount: 500 });
    expect(
      parseFlittResponse({ response: { response_status: 'success', capture_status: 'captured' } }),
    ).toMatchObject({
      kind: 'capture',
      captureStatus: 'captured',
    });
  });

  it('reads the start / stop reply of /api/subscription, and only its two statuses', () => {
    for (const status of ['active', 'disabled'] as const)
      expect(
        parseFlittResponse({ response: { response_status: 'success', order_id: 'o-1', status } }),
      ).toMatchObject({ kind: 'subscription', subscriptionStatus: status });
    expect(() =>
      parseFlittResponse({ response: { response_status: 'success', status: 'paused' } }),
    ).toThrow(/subscription status/);
  });

  it('decodes a protocol 2.0 envelope', async () => {
    const envelope = await signProtocol2({ ...approved, signature: undefined }, 'test');
    expect(parseFlittResponse({ response: envelope })).toMatchObject({
      status: 'success',
      kind: 'order',
      protocol: '2.0',
      order: { order_id: 'shop-1001' },
    });
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['an array', [approved]],
    ['empty text', '  '],
    ['broken JSON', '{"response": '],
    ['HTML', '<html>502 Bad Gateway</html>'],
    ['no response_status', { response: { checkout_url: 'https://x' } }],
    ['an unknown response_status', { response: { response_status: 'ok' } }],
    ['a failure without error_code', { response: { response_status: 'failure' } }],
    [
      'a failure with a word as code',
      { response: { response_status: 'failure', error_code: 'bad' } },
    ],
    ['a success with nothing in it', { response: { response_status: 'success' } }],
    ['an unknown order_status', { response: { ...approved, order_status: 'paid' } }],
    ['an order without order_id', { response: { ...approved, order_id: undefined } }],
    [
      'bad protocol 2.0 data',
      { response: { version: '2.0', data: 'not-base64!', signature: 'x' } },
    ],
  ])('throws FlittResponseError for %s', (_, raw) => {
    expect(() => parseFlittResponse(raw)).toThrow(FlittResponseError);
    try {
      parseFlittResponse(raw);
    } catch (error) {
      expect((error as FlittResponseError).code).toBe('invalid_response');
    }
  });
});
