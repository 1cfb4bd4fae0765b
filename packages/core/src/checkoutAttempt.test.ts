import { describe, expect, it } from 'vitest';
import { type CheckoutState, isBusy, isProblem } from './checkoutAttempt.ts';
import { checkoutMessageKey } from './responseCodes.ts';

const token = 'f'.repeat(40);
const all: CheckoutState[] = [
  { status: 'idle' },
  { status: 'creating', flow: 'redirect' },
  { status: 'redirecting', orderId: 'o', checkoutUrl: 'https://pay.flitt.com/x' },
  { status: 'ready', orderId: 'o', token },
  { status: 'processing', orderId: 'o', token },
  { status: 'approved', orderId: 'o' },
  { status: 'declined', orderId: 'o', code: 1037 },
  { status: 'failed', code: 'timeout' },
  { status: 'expired', orderId: 'o' },
];

describe('the states of an attempt', () => {
  it('is busy only while something is under way (a second start waits)', () => {
    expect(all.filter(isBusy).map((s) => s.status)).toEqual([
      'creating',
      'redirecting',
      'processing',
    ]);
  });

  it('is a problem to tell the payer about only when declined, failed or expired', () => {
    expect(all.filter(isProblem).map((s) => s.status)).toEqual(['declined', 'failed', 'expired']);
  });

  it('gives every problem a message key, and nothing else one', () => {
    const cases: [CheckoutState, string | undefined][] = [
      [{ status: 'declined', orderId: 'o', code: 1037 }, 'insufficient_funds'],
      [{ status: 'declined', orderId: 'o', code: 1000 }, 'card_declined'],
      [{ status: 'failed', code: 'timeout' }, 'timeout'],
      [{ status: 'failed', code: 'flitt_failure', flittCode: 1014 }, 'shop_error'],
      [{ status: 'failed', code: 'network_error' }, 'network_error'],
      [{ status: 'failed', code: 'order_reversed' }, 'cancelled'],
      [{ status: 'failed', code: 'unsafe_checkout_url' }, 'shop_error'],
      [{ status: 'failed', code: 'script_load_failed' }, 'unknown_error'],
      [{ status: 'expired' }, 'expired'],
      [{ status: 'approved', orderId: 'o' }, undefined],
      [{ status: 'idle' }, undefined],
    ];
    for (const [state, key] of cases) expect(checkoutMessageKey(state)).toBe(key);
  });
});
