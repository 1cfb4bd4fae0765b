import type { OrderStatus } from './types.ts';

/**
 * What an order's status means for the payer: paid, refused, not settled yet, ran out of time,
 * or cancelled/refunded. `processing` is the only one that may still change.
 *
 * @example
 * const outcome: PaymentOutcome = paymentOutcome({ status: 'approved', responseCode: null });
 */
export type PaymentOutcome =
  | { readonly outcome: 'approved' }
  | { readonly outcome: 'declined'; readonly code: number }
  | { readonly outcome: 'processing' }
  | { readonly outcome: 'expired' }
  | { readonly outcome: 'reversed' };

/**
 * Decides what an order status means, once for every component: `created` is not paid yet,
 * `processing` with a response code is a failed attempt on a delayed order (a decline the payer
 * may retry), a decline without a code gets Flitt's generic 1000.
 *
 * @example
 * paymentOutcome({ status: 'processing', responseCode: 1037 }); // { outcome: 'declined', code: 1037 }
 */
export function paymentOutcome(order: {
  readonly status: OrderStatus;
  readonly responseCode?: number | null | undefined;
}): PaymentOutcome {
  const code = order.responseCode ?? null;
  switch (order.status) {
    case 'approved':
    case 'expired':
    case 'reversed':
      return { outcome: order.status };
    case 'declined':
      return { outcome: 'declined', code: code ?? 1000 };
    case 'processing':
      return code === null ? { outcome: 'processing' } : { outcome: 'declined', code };
    default:
      return { outcome: 'processing' };
  }
}
