// The saved-card endpoint (`{apiBase}/cards`) as the browser and the merchant's server speak it.
// Its own module, so a checkout page that offers no saved cards carries none of it.
import type { CheckoutFlow } from './checkoutAttempt.ts';
import type { OrderStatusResponse } from './merchantContract.ts';

/**
 * A saved card as the payer sees it: never Flitt's token, only what tells the cards apart.
 *
 * @example
 * const card: SavedCardView = { id: 'c-1', brand: 'VISA', maskedPan: '444455XXXXXX1111', last4: '1111', expiresAt: null, expired: false };
 */
export interface SavedCardView {
  /** The shop's id of the card (not Flitt's `rectoken`, which never leaves the server). */
  readonly id: string;
  /** Flitt's `card_type`: `VISA`, `MasterCard` … (empty when Flitt gave none). */
  readonly brand: string;
  /** Flitt's `masked_card`, e.g. `444455XXXXXX1111`. */
  readonly maskedPan: string;
  readonly last4: string;
  /** When Flitt stops accepting the token (from `rectoken_lifetime`, ms since 1970); null if unknown. */
  readonly expiresAt: number | null;
  /** The token's lifetime is over: ask for the card again. */
  readonly expired: boolean;
}

/**
 * What `GET {apiBase}/cards` (and a removal) answers: the signed-in payer's cards, newest first.
 *
 * @example
 * const answer: SavedCardsResponse = { cards: [] };
 */
export interface SavedCardsResponse {
  readonly cards: readonly SavedCardView[];
}

/**
 * The body of `POST {apiBase}/cards`: pay for `order` (the shop's own reference, priced by the
 * server) with a saved card, remove one, or add one without paying (`add`: a card check on
 * Flitt's page or in the embedded form, answered like `POST {apiBase}/checkout`; the card is saved
 * once Flitt confirms the check). The card is looked up for the payer the server knows; another
 * payer's card id is answered as unknown.
 *
 * @example
 * const body: SavedCardRequest = { action: 'pay', cardId: 'c-1', order: { cartId: 'c-42' } };
 */
export type SavedCardRequest =
  | {
      readonly action: 'pay';
      readonly cardId: string;
      readonly order: unknown;
      readonly locale?: string;
      /**
       * The browser's id of this payment attempt (16 to 64 letters, digits, `-`, `_`: random, for the order id is as hard to guess as it), sent again
       * when the payer repeats a payment that got no answer: the server then makes the same order
       * id, and Flitt charges it at most once.
       */
      readonly attempt?: string;
    }
  | { readonly action: 'remove'; readonly cardId: string; readonly locale?: string }
  | { readonly action: 'add'; readonly flow: CheckoutFlow; readonly locale?: string };

/**
 * What a payment with a saved card answers: Flitt's final order, as `GET {apiBase}/status` reports
 * one (a saved card is charged without a 3-D Secure step, so there is nothing to wait for).
 *
 * @example
 * const answer: SavedCardPaymentResponse = { orderId: 'fc-1', status: 'approved', responseCode: null, amount: 2350, currency: 'GEL', reversalAmount: 0, payerMessage: 'Thank you! Your payment has been received.' };
 */
export type SavedCardPaymentResponse = OrderStatusResponse;

type Json = Readonly<Record<string, unknown>>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isAttempt = (value: unknown) => typeof value === 'string' && /^[\w-]{16,64}$/.test(value);
const isId = (value: unknown): value is string =>
  typeof value === 'string' && value !== '' && value.length <= 128;

/**
 * Narrows a request body to `SavedCardRequest`.
 *
 * @example
 * if (!isSavedCardRequest(await request.json())) return new Response(null, { status: 400 });
 */
export function isSavedCardRequest(value: unknown): value is SavedCardRequest {
  if (!isRecord(value) || (value.locale !== undefined && typeof value.locale !== 'string'))
    return false;
  if (value.action === 'add') return value.flow === 'redirect' || value.flow === 'embedded';
  if (value.action === 'pay' && value.attempt !== undefined && !isAttempt(value.attempt))
    return false;
  return (value.action === 'pay' || value.action === 'remove') && isId(value.cardId);
}

function isSavedCardView(value: unknown): value is SavedCardView {
  return (
    isRecord(value) &&
    isId(value.id) &&
    typeof value.brand === 'string' &&
    typeof value.maskedPan === 'string' &&
    typeof value.last4 === 'string' &&
    (value.expiresAt === null || Number.isFinite(value.expiresAt)) &&
    typeof value.expired === 'boolean'
  );
}

/**
 * Narrows an answer of `GET {apiBase}/cards` to `SavedCardsResponse`.
 *
 * @example
 * if (isSavedCardsResponse(body)) show(`${body.cards.length} saved cards`);
 */
export function isSavedCardsResponse(value: unknown): value is SavedCardsResponse {
  return isRecord(value) && Array.isArray(value.cards) && value.cards.every(isSavedCardView);
}
