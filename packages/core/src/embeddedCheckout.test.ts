import { describe, expect, it } from 'vitest';
import type { CheckoutState } from './checkoutAttempt.ts';
import { afterReport, canSubmit } from './embeddedCheckout.ts';
import { checkoutMessageKey } from './responseCodes.ts';

const token = 'f'.repeat(40);
const processing: CheckoutState = { status: 'processing', orderId: 'o', token };

describe('afterReport: what the widget (or the server) says about the order', () => {
  it('pays: approved, with Flitt’s order data', () => {
    expect(afterReport(processing, { status: 'approved', order: { amount: 700 } })).toEqual({
      status: 'approved',
      orderId: 'o',
      order: { amount: 700 },
    });
  });

  it('keeps a decline’s code, and the token only while the order stays open (delayed)', () => {
    const closed = afterReport(processing, { status: 'declined', responseCode: 1037 });
    expect(closed).toMatchObject({ status: 'declined', code: 1037, token: undefined });
    expect(canSubmit(closed)).toBe(false);
    expect(checkoutMessageKey(closed)).toBe('insufficient_funds');
    const open = afterReport(processing, { status: 'processing', responseCode: 1004 });
    expect(open).toMatchObject({ status: 'declined', code: 1004, token });
    expect(canSubmit(open)).toBe(true);
  });

  it('treats a decline without a response_code as Flitt’s generic decline, not as processing', () => {
    expect(afterReport(processing, { status: 'declined' })).toMatchObject({
      status: 'declined',
      code: 1000,
    });
  });

  it('brings the server’s words for a decline or an expiry', () => {
    expect(
      afterReport(processing, { status: 'expired', payerMessage: 'Time ran out.' }),
    ).toMatchObject({ status: 'expired', payerMessage: 'Time ran out.' });
    expect(
      afterReport(processing, { status: 'declined', responseCode: 1051, payerMessage: 'No.' }),
    ).toMatchObject({ status: 'declined', code: 1051, payerMessage: 'No.' });
  });

  it('goes back to the form when the order is open again (a card-field problem)', () => {
    expect(afterReport(processing, { status: 'created' })).toEqual({
      status: 'ready',
      orderId: 'o',
      token,
    });
    const ready: CheckoutState = { status: 'ready', orderId: 'o', token };
    expect(afterReport(ready, { status: 'created' })).toBe(ready);
  });

  it('keeps the attempt’s own order whatever id the report carries', () => {
    expect(afterReport(processing, { orderId: 'other', status: 'approved' })).toMatchObject({
      orderId: 'o',
    });
  });

  it('reads a reversal as a failure, and a processing order without a code as processing', () => {
    expect(afterReport(processing, { status: 'reversed' })).toEqual({
      status: 'failed',
      code: 'order_reversed',
      orderId: 'o',
    });
    expect(afterReport(processing, { status: 'processing', responseCode: null })).toMatchObject({
      status: 'processing',
      token,
    });
  });

  it('changes nothing before the order exists or once it is paid', () => {
    const before: CheckoutState[] = [
      { status: 'idle' },
      { status: 'creating', flow: 'embedded' },
      { status: 'approved', orderId: 'o' },
    ];
    for (const state of before)
      expect(afterReport(state, { status: 'declined', responseCode: 1037 })).toBe(state);
  });

  it('submits only an open order: ready, or a decline that left a delayed order open', () => {
    expect(canSubmit({ status: 'ready', orderId: 'o', token })).toBe(true);
    expect(canSubmit(processing)).toBe(false);
    expect(canSubmit({ status: 'declined', orderId: 'o', code: 1037 })).toBe(false);
    expect(canSubmit({ status: 'idle' })).toBe(false);
  });
});
