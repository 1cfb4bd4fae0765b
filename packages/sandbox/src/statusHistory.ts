import type { OrderStatus } from '@flitt-checkout/core';

/** One change of an order's status, at the sandbox clock's time (ms since 1970). */
export interface StatusChange {
  readonly status: OrderStatus;
  readonly at: number;
}

/**
 * Gives `order` a `statusHistory` that records its first status and every later assignment to
 * `status` that changes it. An accessor rather than a setter function, so that every path that
 * moves an order (payments, 3-D Secure, lifetimes, reversals, and paths added later) is recorded
 * without each one remembering to.
 */
export function trackStatus<T extends { status: OrderStatus }>(
  order: T,
  now: () => number,
): T & { readonly statusHistory: readonly StatusChange[] } {
  let status = order.status;
  const history: StatusChange[] = [{ status, at: now() }];
  Object.defineProperty(order, 'status', {
    enumerable: true,
    get: () => status,
    set: (next: OrderStatus) => {
      if (next !== status) history.push({ status: next, at: now() });
      status = next;
    },
  });
  Object.defineProperty(order, 'statusHistory', { enumerable: false, value: history });
  return order as T & { readonly statusHistory: readonly StatusChange[] };
}
