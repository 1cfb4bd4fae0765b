import { describe, expect, it } from 'vitest';
import { paymentOutcome } from './paymentOutcome.ts';

describe('paymentOutcome', () => {
  it.each([
    [{ status: 'approved', responseCode: null }, { outcome: 'approved' }],
    [
      { status: 'declined', responseCode: 1037 },
      { outcome: 'declined', code: 1037 },
    ],
    [
      { status: 'declined', responseCode: null },
      { outcome: 'declined', code: 1000 },
    ],
    [{ status: 'created', responseCode: null }, { outcome: 'processing' }],
    [{ status: 'processing', responseCode: null }, { outcome: 'processing' }],
    [
      { status: 'processing', responseCode: 1051 },
      { outcome: 'declined', code: 1051 },
    ],
    [{ status: 'expired' }, { outcome: 'expired' }],
    [{ status: 'reversed', responseCode: null }, { outcome: 'reversed' }],
  ] as const)('reads %j as %j', (order, expected) => {
    expect(paymentOutcome(order)).toEqual(expected);
  });
});
