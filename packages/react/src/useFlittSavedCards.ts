import {
  cardsEndpoints,
  isRefusal,
  MerchantApiError,
  paymentOutcome,
  type SavedCardPaymentResponse,
  type SavedCardsApi,
  type SavedCardView,
} from '@flitt-checkout/core/checkout';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { useFlittContext } from './FlittProvider.tsx';
import type { SavedCardsText, UiText } from './locales/types.ts';
import { useProviderQueryClient } from './useOrderStatus.ts';

/** The signed-in payer's saved cards, as `useFlittSavedCards` knows them. */
export type FlittSavedCardsList =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly cards: readonly SavedCardView[] }
  /** Nobody is signed in (401): the shop's sign-in decides who the payer is. */
  | { readonly status: 'signed_out'; readonly message: string }
  | { readonly status: 'failed'; readonly message: string };

/** The last payment with a saved card. `message` is what to tell the payer, in their language. */
export type FlittSavedCardPayment =
  | { readonly status: 'idle' }
  | { readonly status: 'paying'; readonly cardId: string }
  | {
      readonly status: 'approved' | 'declined' | 'processing';
      readonly cardId: string;
      /** Your server's answer: Flitt's final order. */
      readonly answer: SavedCardPaymentResponse;
      readonly message: string;
    }
  /** Flitt no longer takes the card (410) or the shop knows no such card (404): it is gone from the list. */
  | { readonly status: 'unusable'; readonly cardId: string; readonly message: string }
  | { readonly status: 'signed_out'; readonly cardId: string; readonly message: string }
  | {
      readonly status: 'failed';
      readonly cardId: string;
      /** The `MerchantApiError` code (`network_error`, `flitt_failure` …). */
      readonly code: string;
      readonly message: string;
    };

/** The last removal of a saved card. */
export type FlittSavedCardRemoval =
  | { readonly status: 'idle' }
  | { readonly status: 'removing'; readonly cardId: string }
  | { readonly status: 'removed'; readonly card: SavedCardView }
  | { readonly status: 'failed'; readonly cardId: string; readonly message: string };

/** The first part of every saved-card list's query key (`FlittAddCard` refreshes them all). */
export const SAVED_CARDS_KEY = '@flitt-checkout/cards';

/** Options of `useFlittSavedCards`. */
export interface UseFlittSavedCardsOptions {
  /**
   * Who is signed in, as your app knows them (a user id): each payer's list is cached apart, so
   * after a sign-out and another sign-in in the same tab the last payer's cards are never shown,
   * even for a moment. Your server still decides whose cards it answers.
   */
  customer?: string | undefined;
  /** Your own transport of `{apiBase}/cards` instead of the provider's (`cardsEndpoints(...)`'s shape). */
  api?: SavedCardsApi | undefined;
  onApproved?: ((answer: SavedCardPaymentResponse) => void) | undefined;
  /** Declined (or expired, reversed) by Flitt: `answer.payerMessage` says why. */
  onDeclined?: ((answer: SavedCardPaymentResponse) => void) | undefined;
}

/** What `useFlittSavedCards` returns. */
export interface FlittSavedCardsState {
  readonly list: FlittSavedCardsList;
  readonly payment: FlittSavedCardPayment;
  readonly removal: FlittSavedCardRemoval;
  /** A payment or a removal is under way. */
  readonly busy: boolean;
  /**
   * Pays `order` (your reference; your server prices it) with a listed card that has not expired;
   * false, and nothing sent, for any other card or while busy. Paying the same order with the
   * same card again after a failure without an answer repeats that attempt (your server charges
   * it at most once); after an answer it is a new payment.
   */
  pay(cardId: string, order: unknown): boolean;
  /** Removes a listed card; false, and nothing sent, for any other card or while busy. */
  remove(cardId: string): boolean;
  /** Asks for the list again (after a failure). */
  reload(): void;
}

type Variables = {
  readonly card: SavedCardView;
  readonly order?: unknown;
  readonly attempt?: string;
};

/** 128 random bits as hex (not randomUUID: it exists only on https and localhost pages). */
function newAttempt(): string {
  let hex = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(16)))
    hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The payer's words for a failure: the browser's own when the shop was not reached, else the shop's. */
function words(error: unknown, fallback: string, ui: UiText): string {
  if (!(error instanceof MerchantApiError)) return fallback;
  if (error.code === 'network_error' || error.code === 'timeout') return ui.networkError;
  return error.details.payerMessage || fallback;
}

const statusOf = (error: unknown) =>
  error instanceof MerchantApiError ? (error.details.status ?? 0) : 0;

/**
 * The signed-in payer's saved cards through your server (`{apiBase}/cards`): the list as a
 * react-query query, paying and removing as mutations on the provider's QueryClient. A refusal is
 * never retried, and a payment never silently sent twice.
 *
 * @example
 * const saved = useFlittSavedCards(enSavedCards, { onApproved: () => router.push('/thanks') });
 * const [newest] = saved.list.status === 'ready' ? saved.list.cards : [];
 * if (newest) saved.pay(newest.id, { cartId });
 */
export function useFlittSavedCards(
  texts: SavedCardsText,
  options: UseFlittSavedCardsOptions = {},
): FlittSavedCardsState {
  const context = useFlittContext('useFlittSavedCards');
  const { transport, ui } = context;
  const client = useProviderQueryClient(context);
  const api = useMemo(() => options.api ?? cardsEndpoints(transport), [options.api, transport]);
  const queryKey = [SAVED_CARDS_KEY, transport.apiBase, transport.locale, options.customer ?? ''];
  // Set by pay/remove and cleared when they settle: two clicks before a render send one request.
  const working = useRef(false);
  const settle = () => {
    working.current = false;
  };
  // The attempt "Try again" repeats after a payment that got no answer (it may have been
  // charged) or is still processing: the same id, so the server charges it at most once. A
  // settled answer (approved, declined) ends it: paying again is then a new payment.
  const attempt = useRef<{ readonly key: string; readonly id: string }>(undefined);

  const query = useQuery(
    {
      queryKey,
      queryFn: ({ signal }) => api.list(signal),
      retry: (failures, error) => !isRefusal(error) && failures < 2,
      retryDelay: (n) => Math.min(500 * 2 ** n, 4000),
      refetchOnWindowFocus: false,
    },
    client,
  );
  const refresh = () => client.invalidateQueries({ queryKey });

  const payment = useMutation(
    {
      mutationKey: ['@flitt-checkout/cards/pay'],
      mutationFn: ({ card, order, attempt: id }: Variables) =>
        api.pay(card.id, order, new AbortController().signal, id),
      // A second try could charge twice: the payer decides, with "Try again".
      retry: false,
      onSettled: settle,
      onSuccess: (answer) => {
        const { outcome } = paymentOutcome(answer);
        // Settled: paying again is a new payment. Still processing: a repeat must stay this one.
        if (outcome !== 'processing') attempt.current = undefined;
        if (outcome === 'approved') options.onApproved?.(answer);
        else if (outcome !== 'processing') options.onDeclined?.(answer);
      },
      // The server forgot an expired card (410), or never had it (404): the list is out of date.
      onError: (error) => {
        // The attempt was for another amount (the cart changed since): the next try is new.
        if (statusOf(error) === 409) attempt.current = undefined;
        if ([404, 410].includes(statusOf(error))) void refresh();
      },
    },
    client,
  );
  const removal = useMutation(
    {
      mutationKey: ['@flitt-checkout/cards/remove'],
      mutationFn: async ({ card }: Variables) => {
        try {
          return await api.remove(card.id, new AbortController().signal);
        } catch (error) {
          // Removed already (another tab): what the payer asked for is done; the list is refreshed.
          if (statusOf(error) === 404) return undefined;
          throw error;
        }
      },
      retry: false,
      onSettled: settle,
      onSuccess: (answer) => {
        if (answer) client.setQueryData(queryKey, answer);
        else void refresh();
      },
    },
    client,
  );

  const error = query.error;
  const list: FlittSavedCardsList = query.data
    ? { status: 'ready', cards: query.data.cards }
    : query.isError && !query.isFetching
      ? statusOf(error) === 401
        ? { status: 'signed_out', message: words(error, texts.signedOut, ui) }
        : { status: 'failed', message: words(error, texts.loadFailed, ui) }
      : { status: 'loading' };

  const paid = payment.variables?.card.id ?? '';
  let paymentState: FlittSavedCardPayment = { status: 'idle' };
  if (payment.isPending) paymentState = { status: 'paying', cardId: paid };
  else if (payment.data) {
    const answer = payment.data;
    const { outcome } = paymentOutcome(answer);
    paymentState = {
      status: outcome === 'approved' || outcome === 'processing' ? outcome : 'declined',
      cardId: paid,
      answer,
      message: answer.payerMessage || (outcome === 'approved' ? texts.approved : texts.payFailed),
    };
  } else if (payment.isError) {
    const failure = payment.error;
    const status = statusOf(failure);
    paymentState =
      status === 404 || status === 410
        ? { status: 'unusable', cardId: paid, message: words(failure, texts.unusable, ui) }
        : status === 401
          ? { status: 'signed_out', cardId: paid, message: words(failure, texts.signedOut, ui) }
          : {
              status: 'failed',
              cardId: paid,
              code: failure instanceof MerchantApiError ? failure.code : 'network_error',
              message: words(failure, texts.payFailed, ui),
            };
  }

  const removing = removal.variables?.card;
  const removalState: FlittSavedCardRemoval = removal.isPending
    ? { status: 'removing', cardId: removing?.id ?? '' }
    : removal.isSuccess && removing
      ? { status: 'removed', card: removing }
      : removal.isError
        ? {
            status: 'failed',
            cardId: removing?.id ?? '',
            message: words(removal.error, texts.removeFailed, ui),
          }
        : { status: 'idle' };

  const busy = payment.isPending || removal.isPending;
  /** The listed card of that id, if the payer may act on it now. */
  const listed = (cardId: string) =>
    busy || working.current ? undefined : query.data?.cards.find((card) => card.id === cardId);

  return {
    list,
    payment: paymentState,
    removal: removalState,
    busy,
    pay(cardId, order) {
      const card = listed(cardId);
      if (!card || card.expired) return false;
      // One outcome on screen at a time: the payment's.
      working.current = true;
      removal.reset();
      const key = `${cardId}|${JSON.stringify(order)}`;
      if (attempt.current?.key !== key) attempt.current = { key, id: newAttempt() };
      payment.mutate({ card, order, attempt: attempt.current.id });
      return true;
    },
    remove(cardId) {
      const card = listed(cardId);
      if (!card) return false;
      working.current = true;
      payment.reset();
      removal.mutate({ card });
      return true;
    },
    reload: () => void query.refetch(),
  };
}
