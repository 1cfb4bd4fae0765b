import {
  MerchantApiError,
  type OrderStatusResponse,
  orderOutcome,
  type PaymentOutcome,
} from '@flitt-checkout/core/checkout';
import { useEffect, useState } from 'react';
import { useFlittContext } from './FlittProvider.tsx';
import { ownWords } from './useFlittCheckout.ts';
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
  /** The page has no order id at all. */
  | { readonly status: 'missing' }
  /** The shop knows no such order (a mistyped or stale link). */
  | { readonly status: 'not_found'; readonly orderId: string; readonly message: string }
  | {
      readonly status: PaymentOutcome['outcome'];
      readonly orderId: string;
      readonly code: number | null;
      readonly message: string;
      readonly result: OrderStatusResponse;
    }
  /** The status could not be asked (network, server); `refresh` asks again. */
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
 * function ResultPage() {
 *   const { state } = useFlittReturn();
 *   return state.status === 'approved' ? <p>Thank you!</p> : <FlittPaymentResult texts={kaResult} />;
 * }
 */
export function useFlittReturn(options: UseFlittReturnOptions = {}) {
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
  const { ui } = useFlittContext('useFlittReturn');

  let state: FlittReturnState;
  if (!orderId)
    state =
      fromUrl === undefined && options.orderId === undefined
        ? { status: 'loading', orderId: null }
        : { status: 'missing' };
  // One failed poll does not undo what the server already said: the last answer stays.
  else if (query.error && !query.data) {
    const { error } = query;
    const known = error instanceof MerchantApiError ? error : undefined;
    const said = known?.details.payerMessage ?? '';
    state =
      known?.code === 'order_not_found'
        ? { status: 'not_found', orderId, message: said }
        : {
            status: 'failed',
            orderId,
            message: said || ownWords(known?.code ?? 'network_error', ui),
            error,
          };
  } else if (!query.data) state = { status: 'loading', orderId };
  else {
    const result = query.data;
    const outcome = orderOutcome(result);
    const code = outcome.outcome === 'declined' ? outcome.code : result.responseCode;
    // The server's words for this status, in the payer's language.
    const message = result.payerMessage;
    state = { status: outcome.outcome, orderId, code, message, result };
  }
  return { state, refresh: () => void query.refetch() };
}
