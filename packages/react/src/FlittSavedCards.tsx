import type { SavedCardPaymentResponse, SavedCardsApi } from '@flitt-checkout/core/checkout';
import { useEffect, useId, useRef, useState } from 'react';
import { checkProps, SAVED_CARDS_PROPS } from './checkProps.ts';
import { useFlittContext } from './FlittProvider.tsx';
import type { SavedCardsText } from './locales/types.ts';
import { ProblemAlert } from './ProblemAlert.tsx';
import { useFlittSavedCards } from './useFlittSavedCards.ts';

declare const process: { env: { NODE_ENV?: string } };

/** Props of `FlittSavedCards`. */
export interface FlittSavedCardsProps {
  /**
   * Your order reference (cart id, items …): sent to your server, which decides the amount.
   * Leave it out for a page that only manages the cards (remove, add): no choice, no pay button.
   */
  order?: unknown;
  /** The texts in the provider's language: `import { kaSavedCards } from '@flitt-checkout/react/locales/ka'`. */
  texts: SavedCardsText;
  onApproved?: ((answer: SavedCardPaymentResponse) => void) | undefined;
  /** Declined by Flitt: `answer.payerMessage` says why (also shown, with "Try again"). */
  onDeclined?: ((answer: SavedCardPaymentResponse) => void) | undefined;
  /** The payer wants to enter a card: show your usual checkout. Without it, no such button. */
  onUseNewCard?: (() => void) | undefined;
  /** The payer wants to add a card without paying: show `FlittAddCard`. Without it, no such button. */
  onAddCard?: (() => void) | undefined;
  /** Who is signed in, as your app knows them: each payer's list is cached apart. */
  customer?: string | undefined;
  /** Your own transport of `{apiBase}/cards` instead of the provider's. */
  api?: SavedCardsApi | undefined;
  /** The heading's level. Default 2. */
  headingLevel?: 2 | 3;
  className?: string;
}

/**
 * The signed-in payer's saved cards as a radio group, one button to pay with the chosen one, a
 * confirmed removal per card, "Use a new card" and "Add a card"; outcomes are announced, and refusals
 * explained, in the payer's language. Your server knows who the payer is and prices the order.
 *
 * @example
 * <FlittSavedCards order={{ cartId }} texts={enSavedCards} onApproved={() => router.push('/thanks')} onUseNewCard={() => router.push('/checkout')} />
 */
export function FlittSavedCards(props: FlittSavedCardsProps) {
  if (process.env.NODE_ENV !== 'production')
    checkProps('FlittSavedCards', props, SAVED_CARDS_PROPS);
  const { order, texts, onUseNewCard, onAddCard, className } = props;
  const { ui, theme } = useFlittContext('FlittSavedCards');
  const saved = useFlittSavedCards(texts, props);
  const { list, payment, removal, busy } = saved;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const titleId = useId();
  const name = useId();
  const [selected, setSelected] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const [refocus, setRefocus] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const removeButtons = useRef(new Map<string, HTMLButtonElement>());

  const cards = list.status === 'ready' ? list.cards : [];
  const manage = order === undefined;
  // A card to choose is a labelled radio button; a card only listed is its name.
  const Choice = manage ? 'span' : 'label';
  const payable = manage ? [] : cards.filter((card) => !card.expired);
  // The payer's choice while it is still listed and payable, else the newest payable card.
  const chosen = payable.find((card) => card.id === selected) ?? payable[0];
  const paying = payment.status === 'paying';
  const removing = removal.status === 'removing';

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (refocus) removeButtons.current.get(refocus)?.focus();
  }, [refocus]);
  // The removed card's row is gone, and the focus with it: back to the list's title.
  useEffect(() => {
    if (removal.status !== 'removed') return;
    setConfirming(undefined);
    heading.current?.focus();
  }, [removal.status]);

  const announce =
    list.status === 'loading'
      ? texts.loading
      : paying
        ? texts.paying
        : payment.status === 'approved' || payment.status === 'processing'
          ? payment.message
          : removing
            ? texts.removing
            : removal.status === 'removed'
              ? texts.removed(removal.card.last4)
              : '';
  const newCard = onUseNewCard ? { ...ui, retry: texts.useNewCard } : ui;

  return (
    <section
      className={className ? `flitt-saved-cards ${className}` : 'flitt-saved-cards'}
      data-flitt-theme={theme}
      data-status={payment.status === 'idle' ? list.status : payment.status}
      aria-labelledby={titleId}
      aria-busy={busy || list.status === 'loading'}
    >
      <Heading id={titleId} className="flitt-saved-cards__title" tabIndex={-1} ref={heading}>
        {texts.title}
      </Heading>
      {list.status === 'ready' && cards.length === 0 ? (
        <p className="flitt-saved-cards__none">{texts.none}</p>
      ) : null}
      {list.status === 'signed_out' ? (
        <p className="flitt-saved-cards__signed-out">{list.message}</p>
      ) : null}
      {cards.length > 0 ? (
        <div
          className="flitt-saved-cards__list"
          // Named by the title either way (spread: the role is decided here, not in the markup).
          {...{ role: manage ? 'list' : 'radiogroup', 'aria-labelledby': titleId }}
        >
          {cards.map((card) => (
            <div
              className="flitt-saved-card"
              key={card.id}
              data-expired={card.expired}
              role={manage ? 'listitem' : undefined}
            >
              <Choice className="flitt-saved-card__label">
                {manage ? null : (
                  <input
                    type="radio"
                    name={name}
                    value={card.id}
                    checked={chosen?.id === card.id}
                    disabled={card.expired}
                    onChange={() => setSelected(card.id)}
                  />
                )}
                {/* One span: a flex item per piece would put a space before the comma. */}
                <span>
                  {texts.card(card.brand, card.last4)}
                  {card.expired ? (
                    <span className="flitt-saved-card__expired">{`, ${texts.expired}`}</span>
                  ) : null}
                </span>
              </Choice>
              {confirming === card.id ? (
                <span className="flitt-saved-card__confirm">
                  <span id={`${name}-${card.id}`}>{texts.confirmRemove(card.last4)}</span>
                  <button
                    type="button"
                    className="flitt-button flitt-button--secondary"
                    ref={confirmButton}
                    aria-describedby={`${name}-${card.id}`}
                    aria-disabled={busy}
                    aria-busy={removing}
                    onClick={() => {
                      if (saved.remove(card.id)) setRefocus(undefined);
                    }}
                  >
                    {removing ? texts.removing : texts.confirmYes}
                  </button>
                  <button
                    type="button"
                    className="flitt-button flitt-button--secondary"
                    aria-disabled={removing}
                    onClick={() => {
                      if (removing) return;
                      setConfirming(undefined);
                      setRefocus(card.id);
                    }}
                  >
                    {texts.confirmNo}
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="flitt-button flitt-button--secondary"
                  ref={(button) => {
                    if (button) removeButtons.current.set(card.id, button);
                    else removeButtons.current.delete(card.id);
                  }}
                  aria-disabled={busy}
                  onClick={() => {
                    if (busy) return;
                    setRefocus(undefined);
                    setConfirming(card.id);
                  }}
                >
                  {texts.remove(card.last4)}
                </button>
              )}
            </div>
          ))}
        </div>
      ) : null}
      {chosen ? (
        // Keeps the focus through the payment: aria-disabled, not disabled. Once approved, the
        // order is paid: the same button must not pay it again.
        <button
          type="button"
          className="flitt-button"
          aria-disabled={busy || payment.status === 'approved'}
          aria-busy={paying}
          onClick={() => {
            if (payment.status !== 'approved') saved.pay(chosen.id, order);
          }}
        >
          {paying ? texts.paying : texts.pay(chosen.last4)}
        </button>
      ) : null}
      {onUseNewCard && list.status !== 'loading' ? (
        <button
          type="button"
          className="flitt-button flitt-button--secondary"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) onUseNewCard();
          }}
        >
          {texts.useNewCard}
        </button>
      ) : null}
      {onAddCard && list.status === 'ready' ? (
        <button
          type="button"
          className="flitt-button flitt-button--secondary"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) onAddCard();
          }}
        >
          {texts.addCard}
        </button>
      ) : null}
      {/* Present from the start, so each outcome is announced when it is written in. */}
      <p className="flitt-saved-cards__announce" role="status">
        {announce}
      </p>
      {list.status === 'failed' ? (
        <ProblemAlert message={list.message} ui={ui} onRetry={saved.reload} />
      ) : payment.status === 'declined' || payment.status === 'failed' ? (
        <ProblemAlert
          message={payment.message}
          ui={ui}
          onRetry={() => saved.pay(payment.cardId, order)}
        />
      ) : payment.status === 'unusable' || payment.status === 'signed_out' ? (
        // Nothing to try again with this card: the way on is a new card.
        <ProblemAlert message={payment.message} ui={newCard} onRetry={onUseNewCard} />
      ) : removal.status === 'failed' ? (
        <ProblemAlert
          message={removal.message}
          ui={ui}
          onRetry={() => saved.remove(removal.cardId)}
        />
      ) : null}
    </section>
  );
}
