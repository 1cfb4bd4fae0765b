import {
  MerchantApiError,
  type OrderStatusResponse,
  paymentOutcome,
  statusEndpoint,
} from '@flitt-checkout/core/checkout';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useFlittContext } from './FlittProvider.tsx';

/** Final for the payer: whatever core's `paymentOutcome` does not call `processing`. */
const settled = (result: OrderStatusResponse | undefined): boolean =>
  result !== undefined && paymentOutcome(result).outcome !== 'processing';

/** An answer that asking again will not change: a 4xx (no such order, not yours, a bad id). */
const isFinalRefusal = (error: unknown) =>
  error instanceof MerchantApiError &&
  (error.details.status ?? 0) >= 400 &&
  (error.details.status ?? 0) < 500;

/** Options of `useOrderStatus`. */
export interface OrderStatusPolling {
  /** First poll interval; doubles up to `capMs`. */
  readonly firstMs: number;
  readonly capMs: number;
  /** Stop polling after this long (since this order was first asked about). */
  readonly maxWaitMs: number;
  /** Part of the cache key: a new payment attempt must not see the last attempt's answer. */
  readonly round?: number;
  /** When polling may stop. Default: a settled `paymentOutcome`. */
  readonly isFinal?: (result: OrderStatusResponse | undefined) => boolean;
}

/**
 * Asks the merchant's status endpoint about an order (none while `orderId` is null) and polls with
 * backoff until the answer is final or `maxWaitMs` have passed. Network and server errors are
 * retried on the same schedule; "no such order" is an answer, not retried.
 */
export function useOrderStatus(orderId: string | null, polling: OrderStatusPolling) {
  const { api, transport } = useFlittContext('useOrderStatus');
  const getStatus = useMemo(() => api?.getStatus ?? statusEndpoint(transport), [api, transport]);
  const { firstMs, capMs, maxWaitMs, round = 0, isFinal = settled } = polling;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the clock restarts per order
  const since = useMemo(() => Date.now(), [orderId, round]);
  return useQuery({
    queryKey: ['@flitt-checkout/status', orderId, round, transport.locale],
    queryFn: ({ signal }) => getStatus(orderId as string, signal),
    enabled: Boolean(orderId),
    retry: (failures, error) => !isFinalRefusal(error) && failures < 2,
    retryDelay: (n) => Math.min(500 * 2 ** n, 4000),
    refetchOnWindowFocus: false,
    refetchInterval: (q) => {
      if (isFinalRefusal(q.state.error)) return false;
      const polls = q.state.dataUpdateCount + q.state.errorUpdateCount;
      return (
        !isFinal(q.state.data) &&
        Date.now() - since < maxWaitMs &&
        Math.min(firstMs * 2 ** Math.max(0, polls - 1), capMs)
      );
    },
  });
}
