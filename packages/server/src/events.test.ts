import type { FlittOrder } from '@flitt-checkout/core';
import { describe, expect, it } from 'vitest';
import { eventOf } from './events.ts';

/** A status reply as Flitt's API returns it (strings, like the wire). */
const reply = (fields: Record<string, unknown>): FlittOrder =>
  ({
    order_id: 'shop-1',
    merchant_id: 1549901,
    amount: '5000',
    currency: 'GEL',
    order_status: 'approved',
    response_code: '',
    reversal_amount: '0',
    ...fields,
  }) as FlittOrder;

describe('eventOf', () => {
  it('reads a capture whose amount Flitt leaves out from actual_amount, in minor units', () => {
    const info = JSON.stringify({ capture_status: 'captured', capture_amount: null });
    expect(eventOf(reply({ additional_info: info, actual_amount: '4000' }))).toMatchObject({
      type: 'payment.captured',
      capturedAmount: 4000,
    });
    const major = JSON.stringify({ capture_status: 'captured', capture_amount: '40.5' });
    expect(eventOf(reply({ additional_info: major }))).toMatchObject({ capturedAmount: 4050 });
  });

  it('treats additional_info that is not JSON, or a capture_status that is no string, as no capture', () => {
    expect(eventOf(reply({ additional_info: 'not json' }))).toMatchObject({
      type: 'payment.approved',
      held: false,
      id: 'shop-1|approved|0||',
    });
    const odd = JSON.stringify({ capture_status: 5 });
    expect(eventOf(reply({ additional_info: odd }))).toMatchObject({
      type: 'payment.approved',
      id: 'shop-1|approved|0||',
    });
  });

  it('gives each failed attempt on an open (delayed) order its own event, not final', () => {
    const first = eventOf(reply({ order_status: 'processing', response_code: '1037' }));
    const second = eventOf(reply({ order_status: 'processing', response_code: '1051' }));
    expect(first).toMatchObject({ type: 'payment.declined', responseCode: 1037, final: false });
    expect(second).toMatchObject({ type: 'payment.declined', responseCode: 1051, final: false });
    expect(first.id).not.toBe(second.id);
  });

  it.each([[''], [null], [undefined]])(
    'reads an open order with response_code %j as still processing',
    (response_code) => {
      const event = eventOf(reply({ order_status: 'created', response_code }));
      expect(event.type).toBe('payment.processing');
      expect(event.id).toBe('shop-1|created|0||');
    },
  );

  it('marks a refund of the whole amount as full, and a smaller one as partial', () => {
    expect(eventOf(reply({ reversal_amount: '5000' }))).toMatchObject({
      type: 'payment.refunded',
      refundedAmount: 5000,
      full: true,
    });
    expect(eventOf(reply({ reversal_amount: '4999' }))).toMatchObject({ full: false });
  });

  it('answers payment.expired for an order whose lifetime ran out', () => {
    expect(eventOf(reply({ order_status: 'expired' }))).toMatchObject({
      type: 'payment.expired',
      id: 'shop-1|expired|0||',
    });
  });

  it('answers a decline without a code as 1000 and an order without currency with ""', () => {
    expect(
      eventOf(reply({ order_status: 'declined', response_code: undefined, currency: undefined })),
    ).toMatchObject({ type: 'payment.declined', responseCode: 1000, final: true, currency: '' });
  });
});
