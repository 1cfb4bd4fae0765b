import { describe, expect, it } from 'vitest';
import { cardCheckOf, orderOutcome } from './cardCheck.ts';

describe('a card check (adding a card without paying)', () => {
  it.each([
    // Flitt reverses a verified check itself: that is the success, not a cancellation.
    [{ status: 'reversed', responseCode: null, cardCheck: 'verified' }, { outcome: 'approved' }],
    [{ status: 'approved', responseCode: null, cardCheck: 'verified' }, { outcome: 'approved' }],
    // Approved and held, the code not typed yet: still under way.
    [{ status: 'approved', responseCode: null, cardCheck: 'pending' }, { outcome: 'processing' }],
    [{ status: 'processing', responseCode: null, cardCheck: 'pending' }, { outcome: 'processing' }],
    [
      { status: 'declined', responseCode: 1088, cardCheck: 'failed' },
      { outcome: 'declined', code: 1088 },
    ],
    // A failed check Flitt gave back is refused, not "cancelled".
    [
      { status: 'reversed', responseCode: null, cardCheck: 'failed' },
      { outcome: 'declined', code: 1000 },
    ],
    // Any other order reads as a payment.
    [{ status: 'reversed', responseCode: null }, { outcome: 'reversed' }],
    [{ status: 'expired', responseCode: null, cardCheck: 'pending' }, { outcome: 'expired' }],
    // A pending check whose hold is gone is settled, not processing for ever.
    [
      { status: 'declined', responseCode: 1004, cardCheck: 'pending' },
      { outcome: 'declined', code: 1004 },
    ],
    [{ status: 'reversed', responseCode: null, cardCheck: 'pending' }, { outcome: 'reversed' }],
  ] as const)('reads %j as %j', (order, expected) => {
    expect(orderOutcome(order)).toEqual(expected);
  });

  it('reads Flitt’s verification_status, and nothing for an order that checks no card', () => {
    expect(cardCheckOf('verified')).toBe('verified');
    expect(cardCheckOf('failed')).toBe('failed');
    expect(cardCheckOf('created')).toBe('pending');
    expect(cardCheckOf('incorrect')).toBe('pending');
    expect(cardCheckOf('')).toBeUndefined();
    expect(cardCheckOf(undefined)).toBeUndefined();
  });
});
