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

/**
 * Asks the merchant's status handler about an order (none while `orderId` is null) and polls with
 * backoff, `firstMs` × 2ⁿ up to `capMs`, until the answer is final or `maxWaitMs` have passed.
 * Errors are retried on the same schedule.
 */
export function useOrderStatus(
  orderId: string | null,
  firstMs: number,
  capMs: number,
  maxWaitMs: number,
) {
  const { getStatus, transport } = useFlittContext('useOrderStatus');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the clock restarts per order
  const since = useMemo(() => Date.now(), [orderId]);
  return useQuery({
    queryKey: ['@flitt-checkout/status', orderId],
    queryFn: async ({ signal }) =>
      (getStatus ?? (await loadEngine()).fetchStatus(transport))(orderId as string, signal),
    enabled: Boolean(orderId),
    retry: 2,
    retryDelay: (n) => Math.min(500 * 2 ** n, 4000),
    refetchOnWindowFocus: false,
    refetchInterval: (q) =>
      !isFinalStatus(q.state.data) &&
      Date.now() - since < maxWaitMs &&
      Math.min(firstMs * 2 ** (q.state.dataUpdateCount + q.state.errorUpdateCount), capMs),
  });
}
