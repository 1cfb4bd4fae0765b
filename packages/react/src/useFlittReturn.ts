import { useEffect, useState } from 'react';
import type { OrderStatusResult } from './api.ts';
import { useFlittContext } from './FlittProvider.tsx';
import { useOrderStatus } from './useOrderStatus.ts';

/** Options of `useFlittReturn`. */
export interface UseFlittReturnOptions {
  /** The order to check; by default `order_id` from the page URL (read in the browser only). */
  orderId?: string | null;
  /** First poll interval while the payment is processing; doubles up to 10 s. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Stop polling after this long (the page then says the payment is still processing). Default 120 000 ms. */
  maxWaitMs?: number;
}

/** What the result page shows, verified by your server with Flitt (never from the URL). */
export type FlittReturnState =
  | { readonly status: 'loading'; readonly orderId: string | null }
  | { readonly status: 'missing' }
  | {
      readonly status: 'approved' | 'processing' | 'expired' | 'declined' | 'reversed';
      readonly orderId: string;
      readonly code: number | null;
      readonly message: string;
      readonly result: OrderStatusResult;
    }
  | {
      readonly status: 'failed';
      readonly orderId: string;
      readonly message: string;
      readonly error: unknown;
    };

/**
 * On the return page: asks your status handler for the verified status of the order and polls
 * with backoff while it is processing.
 *
 * @example
 * const { state, refresh } = useFlittReturn();
 * if (state.status === 'approved') return <Thanks />;
 */
export function useFlittReturn(options: UseFlittReturnOptions = {}) {
  const { say } = useFlittContext('useFlittReturn');
  const [fromUrl, setFromUrl] = useState<string | null | undefined>(
    options.orderId === undefined ? undefined : null,
  );
  useEffect(() => {
    if (options.orderId === undefined)
      setFromUrl(new URLSearchParams(window.location.search).get('order_id'));
  }, [options.orderId]);
  const orderId = options.orderId ?? fromUrl ?? null;
  const query = useOrderStatus(orderId, {
    firstMs: options.pollIntervalMs ?? 1000,
    capMs: 10_000,
    maxWaitMs: options.maxWaitMs ?? 120_000,
  });

  let state: FlittReturnState;
  if (!orderId)
    state =
      fromUrl === undefined && options.orderId === undefined
        ? { status: 'loading', orderId: null }
        : { status: 'missing' };
  else if (query.error)
    state = { status: 'failed', orderId, message: say('network_error'), error: query.error };
  else if (!query.data) state = { status: 'loading', orderId };
  else {
    const result = query.data;
    const code = result.responseCode;
    // "processing" with a code is a failed attempt on a delayed order: show the decline.
    const status =
      result.status === 'created'
        ? 'processing'
        : result.status === 'processing' && code !== null
          ? 'declined'
          : result.status;
    const message = say(
      status === 'declined' ? (code ?? 1000) : status === 'reversed' ? 'cancelled' : status,
    );
    state = { status, orderId, code, message, result };
  }
  return { state, refresh: () => void query.refetch() };
}
