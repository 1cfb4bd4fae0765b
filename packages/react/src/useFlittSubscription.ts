import {
  MerchantApiError,
  type SubscriptionActionResponse,
  subscriptionEndpoint,
} from '@flitt-checkout/core/checkout';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useFlittContext } from './FlittProvider.tsx';
import type { SubscriptionText, UiText } from './locales/types.ts';
import { useProviderQueryClient } from './useOrderStatus.ts';

/** What `useFlittSubscription` returns. */
export type FlittSubscriptionState = (
  | { readonly status: 'active' | 'disabled' }
  | { readonly status: 'stopping' | 'starting' }
  | {
      readonly status: 'failed';
      /** What to tell the payer, in the provider's language. */
      readonly message: string;
      readonly action: 'start' | 'stop';
    }
) & {
  /** The subscription as last known: your server's status, or the last action's answer. */
  readonly subscription: 'active' | 'disabled';
};

/** The payer's words for a failed stop or start: the shop's `payerMessage`, else ours. */
function explain(error: unknown, texts: SubscriptionText, ui: UiText): string {
  if (!(error instanceof MerchantApiError)) return texts.failed;
  if (error.code === 'network_error' || error.code === 'timeout') return ui.networkError;
  // The handlers say only "the shop has a problem" for these; the payer needs to know which.
  if (error.details.status === 403) return texts.notAllowed;
  if (error.details.status === 404) return texts.notFound;
  return error.details.payerMessage || texts.failed;
}

/**
 * Stops or starts a subscription through your server (`POST {apiBase}/subscription`, or the
 * provider's `api.subscription`), as a react-query mutation; `known` is the status your server
 * last gave, shown until an action answers.
 *
 * @example
 * const { state, run } = useFlittSubscription('shop-42', 'active', enSubscription);
 * <button onClick={() => run('stop')}>Stop</button>
 */
export function useFlittSubscription(
  orderId: string,
  known: 'active' | 'disabled',
  texts: SubscriptionText,
  onChange?: (answer: SubscriptionActionResponse) => void,
) {
  const context = useFlittContext('useFlittSubscription');
  const { api, transport, ui } = context;
  // The provider's client, the app's, or the private one the status queries share.
  const client = useProviderQueryClient(context);
  const send = useMemo(
    () => api?.subscription ?? subscriptionEndpoint(transport),
    [api, transport],
  );
  const mutation = useMutation(
    {
      mutationKey: ['@flitt-checkout/subscription', orderId],
      mutationFn: (action: 'start' | 'stop') =>
        send({ orderId, action }, new AbortController().signal),
      // Stopping twice is harmless, but a payer must see the answer, not a silent second try.
      retry: false,
      onSuccess: (answer) => {
        setAnswered({ status: answer.status, over: known });
        onChange?.(answer);
      },
    },
    client,
  );
  const action = mutation.variables ?? 'stop';
  // The last action's answer stands until your server's status changes (then that one is newer);
  // a failed action leaves the status as it was.
  const [answered, setAnswered] = useState<{
    status: 'active' | 'disabled';
    over: 'active' | 'disabled';
  }>();
  // Your server's status moved on since that answer: it is the newer one from now on.
  if (answered && answered.over !== known) setAnswered(undefined);
  const subscription = answered && answered.over === known ? answered.status : known;
  const state: FlittSubscriptionState = mutation.isPending
    ? { status: action === 'stop' ? 'stopping' : 'starting', subscription }
    : mutation.isError
      ? { status: 'failed', message: explain(mutation.error, texts, ui), action, subscription }
      : { status: subscription, subscription };
  return { state, run: mutation.mutate, answered: mutation.isSuccess };
}
