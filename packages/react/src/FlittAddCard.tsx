import {
  type CheckoutFlow,
  cardsEndpoints,
  type OrderStatusResponse,
  orderOutcome,
  type SavedCardsApi,
  statusEndpoint,
} from '@flitt-checkout/core/checkout';
import { useMemo, useState } from 'react';
import { ADD_CARD_PROPS, checkProps } from './checkProps.ts';
import { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
import { type EmbeddedCheckoutOptions, FlittEmbeddedCheckout } from './FlittEmbeddedCheckout.tsx';
import { FlittContext, type FlittContextValue, useFlittContext } from './FlittProvider.tsx';
import type { SavedCardsText } from './locales/types.ts';
import type { UseFlittCheckoutOptions } from './useFlittCheckout.ts';
import { SAVED_CARDS_KEY } from './useFlittSavedCards.ts';
import { useProviderQueryClient } from './useOrderStatus.ts';

declare const process: { env: { NODE_ENV?: string } };

/** Props of `FlittAddCard`. */
export interface FlittAddCardProps extends Omit<UseFlittCheckoutOptions, 'flow' | 'saveCard'> {
  /**
   * `embedded` (default): Flitt's card form in your page, the list refreshed once the card is
   * checked. `redirect`: a button to Flitt's page; the payer comes back to your result page.
   */
  flow?: CheckoutFlow;
  /** The texts in the provider's language: `kaSavedCards`. */
  texts: SavedCardsText;
  /** Embedded only: checkout.js options, as for `FlittEmbeddedCheckout`. */
  options?: EmbeddedCheckoutOptions;
  cssVariables?: Readonly<Record<string, string | number>>;
  /** Your own transport of `{apiBase}/cards` instead of the provider's. */
  api?: SavedCardsApi | undefined;
  className?: string;
}

/** What the checkout components send as the order: the server's `add` action takes none. */
const CARD_CHECK = { cardCheck: true };

/**
 * A card check's status as the checkout's state machine reads a payment's: a verified check
 * (which Flitt reversed by itself) is approved, a failed one declined, a pending one processing.
 */
function asPayment(answer: OrderStatusResponse): OrderStatusResponse {
  if (!answer.cardCheck) return answer;
  const { outcome } = orderOutcome(answer);
  const status = outcome === 'approved' || outcome === 'declined' ? outcome : 'processing';
  return { ...answer, status, responseCode: outcome === 'processing' ? null : answer.responseCode };
}

/**
 * Adds a card for the signed-in payer without a purchase: your server's `cardCheck` (a small
 * amount Flitt holds and gives back at once, or a code the payer types), in the embedded form or on
 * Flitt's page. The card is saved for the payer your server's sign-in names once Flitt confirms the
 * check; the saved-card list then shows it.
 *
 * @example
 * <FlittAddCard texts={enSavedCards} onApproved={() => router.push('/cards')} />
 */
export function FlittAddCard(props: FlittAddCardProps) {
  if (process.env.NODE_ENV !== 'production') checkProps('FlittAddCard', props, ADD_CARD_PROPS);
  const { flow = 'embedded', texts, options, cssVariables, className, ...callbacks } = props;
  const context = useFlittContext('FlittAddCard');
  const client = useProviderQueryClient(context);
  const { api: custom, transport } = context;
  const cards = useMemo(() => props.api ?? cardsEndpoints(transport), [props.api, transport]);
  // The checkout components as they are, speaking to `{apiBase}/cards` and in the words of a
  // card check: "Check the card", "Your card has been saved".
  const value = useMemo<FlittContextValue>(
    () => ({
      ...context,
      api: {
        createCheckout: (request, signal) => cards.add(request.flow, signal),
        getStatus: async (orderId, signal) =>
          asPayment(await (custom?.getStatus ?? statusEndpoint(transport))(orderId, signal)),
      },
      ui: { ...context.ui, pay: texts.checkCard, approvedTitle: texts.cardAdded },
    }),
    [context, custom, transport, cards, texts],
  );
  const [added, setAdded] = useState(false);
  const onApproved: UseFlittCheckoutOptions['onApproved'] = (state) => {
    setAdded(true);
    // The server saved the card when it confirmed the check: the lists show it now.
    void client.invalidateQueries({ queryKey: [SAVED_CARDS_KEY] });
    callbacks.onApproved?.(state);
  };
  const classes = className ? `flitt-add-card ${className}` : 'flitt-add-card';
  return (
    <FlittContext.Provider value={value}>
      <div className={classes}>
        {/* Why a card is charged when nothing is bought; once saved, only that is said. */}
        {added ? null : <p className="flitt-add-card__note">{texts.cardCheckNote}</p>}
        {flow === 'redirect' ? (
          <FlittCheckoutButton order={CARD_CHECK} {...callbacks} onApproved={onApproved}>
            {texts.addCard}
          </FlittCheckoutButton>
        ) : (
          <FlittEmbeddedCheckout
            order={CARD_CHECK}
            {...callbacks}
            onApproved={onApproved}
            {...(options && { options })}
            {...(cssVariables && { cssVariables })}
            submitLabel={texts.checkCard}
          />
        )}
      </div>
    </FlittContext.Provider>
  );
}
