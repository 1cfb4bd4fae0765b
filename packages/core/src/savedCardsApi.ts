// The browser's side of `{apiBase}/cards`: its own module, so a checkout page that offers no saved
// cards carries none of it.

import type { CheckoutFlow } from './checkoutAttempt.ts';
import { call, type MerchantApiOptions } from './merchantApi.ts';
import {
  type CreateCheckoutResponse,
  isCreateCheckoutResponse,
  isOrderStatusResponse,
  MERCHANT_ROUTES,
} from './merchantContract.ts';
import {
  isSavedCardsResponse,
  type SavedCardPaymentResponse,
  type SavedCardRequest,
  type SavedCardsResponse,
} from './savedCards.ts';

/** The saved-card calls of `cardsEndpoints`: every failure a `MerchantApiError`. */
export interface SavedCardsApi {
  /** `GET {apiBase}/cards`: the signed-in payer's cards, newest first. */
  list(signal: AbortSignal): Promise<SavedCardsResponse>;
  /**
   * `POST {apiBase}/cards` `{ action: 'pay' }`: Flitt's final answer for `order` (priced by the
   * server). `attempt`: the same id again for a repeat of a payment that got no answer, so the
   * server charges it at most once.
   */
  pay(
    cardId: string,
    order: unknown,
    signal: AbortSignal,
    attempt?: string,
  ): Promise<SavedCardPaymentResponse>;
  /** `POST {apiBase}/cards` `{ action: 'remove' }`: the cards left. */
  remove(cardId: string, signal: AbortSignal): Promise<SavedCardsResponse>;
  /**
   * `POST {apiBase}/cards` `{ action: 'add' }`: a card check (the server's `cardCheck`), answered
   * like `POST {apiBase}/checkout` for `flow`; the card is saved once Flitt confirms the check.
   */
  add(flow: CheckoutFlow, signal: AbortSignal): Promise<CreateCheckoutResponse>;
}

/**
 * `{apiBase}/cards` of the contract: list the signed-in payer's saved cards, pay with one, remove
 * one, add one. Who the payer is, is the server's to know (its sign-in), never the browser's to say.
 *
 * @example
 * const cards = cardsEndpoints({ apiBase: '/api/flitt', locale: 'ka' });
 * const { cards: saved } = await cards.list(new AbortController().signal);
 */
export function cardsEndpoints(options: MerchantApiOptions = {}): SavedCardsApi {
  // The handler reads the payer's language from the URL, as the status endpoint does.
  const path = `${MERCHANT_ROUTES.cards}?locale=${encodeURIComponent(options.locale ?? '')}`;
  // `call` names the other routes' bodies; this one sends a SavedCardRequest.
  const post = <T>(body: SavedCardRequest, signal: AbortSignal, accept: (d: unknown) => d is T) =>
    call(options, path, signal, accept, body as never);
  return {
    list: (signal) => call(options, path, signal, isSavedCardsResponse),
    pay: (cardId, order, signal, attempt) =>
      post(
        attempt ? { action: 'pay', cardId, order, attempt } : { action: 'pay', cardId, order },
        signal,
        isOrderStatusResponse,
      ),
    remove: (cardId, signal) => post({ action: 'remove', cardId }, signal, isSavedCardsResponse),
    add: (flow, signal) =>
      post({ action: 'add', flow }, signal, (d): d is CreateCheckoutResponse =>
        isCreateCheckoutResponse(d, flow),
      ),
  };
}
