// Orders that add a card without paying (Flitt's `verification=Y`): Flitt holds a small amount
// and gives it back by itself, so the order ends `reversed`, and that is the success. Its own
// module: a checkout page carries none of it; the result page, `FlittAddCard` and the server do.
import { type PaymentOutcome, paymentOutcome } from './paymentOutcome.ts';
import type { OrderStatus } from './types.ts';

/**
 * Where the card check of an order that adds a card stands: `verified` (Flitt gave the amount
 * back by itself: success, though the order reads `reversed`), `pending` (the payer still has
 * to type the code of a `verification_type=code` check) or `failed`.
 *
 * @example
 * const check: CardCheckStatus = 'verified';
 */
export type CardCheckStatus = 'verified' | 'pending' | 'failed';

/**
 * Flitt's `verification_status` as a `CardCheckStatus`: undefined for an order that is no card
 * check (Flitt sends `''`). `created` and `incorrect` (a wrong code, tries left) are `pending`.
 *
 * @example
 * cardCheckOf('verified'); // 'verified'
 */
export function cardCheckOf(verificationStatus: unknown): CardCheckStatus | undefined {
  if (!verificationStatus) return undefined;
  return verificationStatus === 'verified' || verificationStatus === 'failed'
    ? verificationStatus
    : 'pending';
}

/**
 * What any order means for the payer: a card check by its check (verified is `approved` whatever
 * the status, a failed check is declined, one awaiting its code is still processing), every
 * other order as `paymentOutcome` reads it.
 *
 * @example
 * orderOutcome({ status: 'reversed', responseCode: null, cardCheck: 'verified' }); // { outcome: 'approved' }
 */
export function orderOutcome(order: {
  readonly status: OrderStatus;
  readonly responseCode?: number | null | undefined;
  readonly cardCheck?: CardCheckStatus | undefined;
}): PaymentOutcome {
  const check = order.cardCheck;
  if (check === 'verified') return { outcome: 'approved' };
  if (check === 'failed') return { outcome: 'declined', code: order.responseCode ?? 1000 };
  // Awaiting its code while the hold stands; a declined, reversed or expired order is settled.
  if (check === 'pending' && ['created', 'processing', 'approved'].includes(order.status))
    return { outcome: 'processing' };
  return paymentOutcome(order);
}
