import { describe, expect, it } from 'vitest';
import {
  isCreateCheckoutRequest,
  isCreateCheckoutResponse,
  isMerchantErrorBody,
  isOrderStatusResponse,
  isSubscriptionActionRequest,
  isSubscriptionActionResponse,
} from './merchantContract.ts';

const status = {
  orderId: 'fc-1',
  status: 'approved',
  responseCode: null,
  amount: 2350,
  currency: 'GEL',
  reversalAmount: 0,
  payerMessage: 'Thank you! Your payment has been received.',
};

describe('the merchant contract’s guards', () => {
  it('accept what the handlers send', () => {
    expect(isCreateCheckoutRequest({ flow: 'embedded', order: { cartId: 1 } })).toBe(true);
    expect(isCreateCheckoutRequest({ order: 1 })).toBe(true); // flow defaults to redirect
    expect(
      isCreateCheckoutResponse(
        { flow: 'redirect', orderId: 'o', checkoutUrl: 'https://pay.flitt.com/x', paymentId: null },
        'redirect',
      ),
    ).toBe(true);
    expect(
      isCreateCheckoutResponse({ flow: 'embedded', orderId: 'o', token: 'f'.repeat(40) }),
    ).toBe(true);
    expect(isOrderStatusResponse(status)).toBe(true);
    expect(isOrderStatusResponse({ ...status, status: 'processing', responseCode: 1037 })).toBe(
      true,
    );
    expect(isOrderStatusResponse({ ...status, status: 'reversed', cardCheck: 'verified' })).toBe(
      true,
    );
    expect(
      isMerchantErrorBody({ error: { code: 'empty_cart', message: 'm', payerMessage: 'p' } }),
    ).toBe(true);
    expect(
      isMerchantErrorBody({ error: { code: 'flitt_failure', flittCode: 1014, requestId: 'r' } }),
    ).toBe(true);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [status]],
    ['an unknown status', { ...status, status: 'paid' }],
    ['a string amount', { ...status, amount: '23.50' }],
    ['a NaN amount', { ...status, amount: Number.NaN }],
    ['a missing currency', { ...status, currency: undefined }],
    ['a fractional code', { ...status, responseCode: 10.5 }],
    ['an empty order id', { ...status, orderId: '' }],
    ['a missing refund total', { ...status, reversalAmount: undefined }],
  ])('refuse a status answer with %s', (_label, value) => {
    expect(isOrderStatusResponse(value)).toBe(false);
  });

  it('refuse checkout answers of the wrong flow or shape', () => {
    const redirect = { flow: 'redirect', orderId: 'o', checkoutUrl: 'https://pay.flitt.com/x' };
    expect(isCreateCheckoutResponse(redirect, 'embedded')).toBe(false);
    expect(isCreateCheckoutResponse({ ...redirect, flow: undefined })).toBe(false);
    expect(isCreateCheckoutResponse({ ...redirect, checkoutUrl: 42 })).toBe(false);
    expect(isCreateCheckoutResponse({ ...redirect, paymentId: 7 })).toBe(false);
    expect(isCreateCheckoutResponse({ flow: 'embedded', orderId: 'o', token: { t: 1 } })).toBe(
      false,
    );
    expect(isCreateCheckoutRequest({ flow: 'sideways' })).toBe(false);
    expect(isCreateCheckoutRequest('{}')).toBe(false);
  });

  it('refuse error bodies without a code or with a payer message that is not text', () => {
    expect(isMerchantErrorBody({ error: {} })).toBe(false);
    expect(isMerchantErrorBody({ error: 'boom' })).toBe(false);
    expect(isMerchantErrorBody({ error: { code: 'x', payerMessage: 42 } })).toBe(false);
    expect(isMerchantErrorBody({ error: { code: 'x', flittCode: '1014' } })).toBe(false);
  });

  it('narrow subscription actions and their answers', () => {
    expect(isSubscriptionActionRequest({ orderId: 'fc-1', action: 'stop' })).toBe(true);
    expect(isSubscriptionActionRequest({ orderId: 'fc-1', action: 'start' })).toBe(true);
    for (const bad of [
      { orderId: 'fc-1', action: 'pause' },
      { orderId: '', action: 'stop' },
      { orderId: 'a|b', action: 'stop' },
      { orderId: 'x'.repeat(1025), action: 'stop' },
      { action: 'stop' },
      null,
      ['fc-1', 'stop'],
    ])
      expect(isSubscriptionActionRequest(bad)).toBe(false);
    expect(isSubscriptionActionResponse({ orderId: 'fc-1', status: 'disabled' })).toBe(true);
    expect(isSubscriptionActionResponse({ orderId: 'fc-1', status: 'stopped' })).toBe(false);
    expect(isSubscriptionActionResponse({ status: 'active' })).toBe(false);
  });
});
