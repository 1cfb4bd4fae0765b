import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { OrderStatusResult } from './api.ts';
import { useFlittContext } from './FlittProvider.tsx';
import { loadEngine } from './loadEngine.ts';

/** Final for the payer: anything but `created`, and `processing` only with a failed attempt's code. */
export const isFinalStatus = (result: OrderStatusResult | undefined): boolean =>
  Boolean(result) &&
  result?.status !== 'created' &&
  (result?.status !== 'processing' || result.responseCode !== null);

/** Options of `useOrderStatus`. */
export interface OrderStatusPolling {
  /** First poll interval; doubles up to `capMs`. */
  readonly firstMs: number;
  readonly capMs: number;
  /** Stop polling after this long (since this order was first asked about). */
  readonly maxWaitMs: number;
  /** Part of the cache key: a new payment attempt must not see the last attempt's answer. */
  readonly round?: number;
  /** When polling may stop. Default `isFinalStatus`. */
  readonly isFinal?: (result: OrderStatusResult | undefined) => boolean;
}

/**
 * Asks the merchant's status handler about an order (none while `orderId` is null) and polls with
 * backoff until the answer is final or `maxWaitMs` have passed. Errors are retried on the same
 * schedule.
 */
export function useOrderStatus(orderId: string | null, polling: OrderStatusPolling) {
  const { getStatus, transport } = useFlittContext('useOrderStatus');
  const { firstMs, capMs, maxWaitMs, round = 0, isFinal = isFinalStatus } = polling;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the clock restarts per order
  const since = useMemo(() => Date.now(), [orderId, round]);
  return useQuery({
    queryKey: ['@flitt-checkout/status', orderId, round],
    queryFn: async ({ signal }) =>
      (getStatus ?? (await loadEngine()).fetchStatus(transport))(orderId as string, signal),
    enabled: Boolean(orderId),
    retry: 2,
    retryDelay: (n) => Math.min(500 * 2 ** n, 4000),
    refetchOnWindowFocus: false,
    refetchInterval: (q) => {
      const polls = q.state.dataUpdateCount + q.state.errorUpdateCount;
      return (
        !isFinal(q.state.data) &&
        Date.now() - since < maxWaitMs &&
        Math.min(firstMs * 2 ** Math.max(0, polls - 1), capMs)
      );
    },
  });
}
