import {
  isRefusal,
  type OrderStatusResponse,
  orderOutcome,
  statusEndpoint,
} from '@flitt-checkout/core/checkout';
import { QueryClient, QueryClientContext, useQuery } from '@tanstack/react-query';
import { useContext, useEffect, useMemo } from 'react';
import { type FlittContextValue, useFlittContext } from './FlittProvider.tsx';

/** Final for the payer: whatever core's `orderOutcome` does not call `processing`. */
const settled = (result: OrderStatusResponse | undefined): boolean =>
  result !== undefined && orderOutcome(result).outcome !== 'processing';

/**
 * The query client of the provider's hooks: the provider's `queryClient`, the app's, or a private
 * one the provider keeps (every query and mutation here sets its own retry policy, so a default
 * client will do).
 */
export function useProviderQueryClient({
  queryClient,
  own,
}: Pick<FlittContextValue, 'queryClient' | 'own'>): QueryClient {
  const app = useContext(QueryClientContext);
  if (!queryClient && !app) own.client ??= new QueryClient();
  const client = (queryClient ?? app ?? own.client) as QueryClient;
  // A client outside a QueryClientProvider must be mounted, or a query paused while offline or
  // hidden never resumes (mount counts, so a client mounted elsewhere too is fine).
  useEffect(() => {
    if (client === app) return;
    client.mount();
    return () => client.unmount();
  }, [client, app]);
  return client;
}

/** Options of `useOrderStatus`. */
export interface OrderStatusPolling {
  /** First poll interval; doubles up to `capMs`. */
  readonly firstMs: number;
  readonly capMs: number;
  /** Stop polling after this long (since this order was first asked about). */
  readonly maxWaitMs: number;
}

/**
 * Asks the merchant's status endpoint about an order (none while `orderId` is null) and polls with
 * backoff until the answer is final or `maxWaitMs` have passed. Network and server errors are
 * retried on the same schedule; "no such order" is an answer, not retried.
 */
export function useOrderStatus(orderId: string | null, polling: OrderStatusPolling) {
  const context = useFlittContext('useOrderStatus');
  const { api, transport } = context;
  const client = useProviderQueryClient(context);
  const getStatus = useMemo(() => api?.getStatus ?? statusEndpoint(transport), [api, transport]);
  const { firstMs, capMs, maxWaitMs } = polling;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the clock restarts per order
  const since = useMemo(() => Date.now(), [orderId]);
  return useQuery(
    {
      queryKey: ['@flitt-checkout/status', orderId, transport.locale],
      queryFn: ({ signal }) => getStatus(orderId as string, signal),
      enabled: Boolean(orderId),
      retry: (failures, error) => !isRefusal(error) && failures < 2,
      retryDelay: (n) => Math.min(500 * 2 ** n, 4000),
      refetchOnWindowFocus: false,
      refetchInterval: (q) => {
        if (isRefusal(q.state.error)) return false;
        const polls = q.state.dataUpdateCount + q.state.errorUpdateCount;
        return (
          !settled(q.state.data) &&
          Date.now() - since < maxWaitMs &&
          Math.min(firstMs * 2 ** Math.max(0, polls - 1), capMs)
        );
      },
    },
    client,
  );
}
