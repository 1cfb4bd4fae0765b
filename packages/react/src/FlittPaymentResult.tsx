import { type ReactNode, useEffect, useId, useRef } from 'react';
import { checkProps, RESULT_PROPS } from './checkProps.ts';
import { useFlittContext } from './FlittProvider.tsx';
import type { ResultText } from './locales/types.ts';
import {
  type FlittReturnState,
  type UseFlittReturnOptions,
  useFlittReturn,
} from './useFlittReturn.ts';

declare const process: { env: { NODE_ENV?: string } };

/** Props of `FlittPaymentResult`. */
export interface FlittPaymentResultProps extends UseFlittReturnOptions {
  /** The page's titles in the provider's language: `import { kaResult } from '@flitt-checkout/react/locales/ka'`. */
  texts: ResultText;
  /** Extra content under the message (a link back to the shop, order details). */
  actions?: ReactNode | ((state: FlittReturnState) => ReactNode);
  /** The heading's level: 1 when the verdict is the page's main heading (a return page). Default 2. */
  headingLevel?: 1 | 2;
  /** Where "Back to the shop" leads when there is no such payment (shown unless you pass `actions`). Default `/`. */
  shopHref?: string;
  className?: string;
}

/**
 * The return page's verdict: approved, declined with the reason for its code, processing (polled),
 * expired or not found, in the payer's language; the status always comes from your server, not the URL.
 *
 * @example
 * <FlittPaymentResult texts={kaResult} shopHref="/" actions={<a href="/cart">Back to the cart</a>} />
 */
export function FlittPaymentResult(props: FlittPaymentResultProps) {
  if (process.env.NODE_ENV !== 'production') checkProps('FlittPaymentResult', props, RESULT_PROPS);
  const { actions, className, shopHref = '/', texts, headingLevel, ...options } = props;
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const { ui, theme } = useFlittContext('FlittPaymentResult');
  const { state, refresh } = useFlittReturn(options);
  const heading = useRef<HTMLHeadingElement>(null);
  // Each verdict is announced once: the heading is a new element per status and takes the focus,
  // and a screen reader reads it with the message (aria-describedby). No live region repeats it.
  useEffect(() => {
    if (state.status !== 'loading') heading.current?.focus();
  }, [state.status]);
  const messageId = useId();

  const titles: Record<FlittReturnState['status'], string> = {
    loading: texts.checkingStatus,
    missing: texts.notFoundTitle,
    not_found: texts.notFoundTitle,
    approved: texts.approvedTitle,
    processing: texts.processingTitle,
    declined: texts.declinedTitle,
    reversed: texts.failedTitle,
    expired: texts.expiredTitle,
    // The status could not be read: nothing is known about the payment yet.
    failed: texts.checkingStatus,
  };
  // A card check (adding a card): its own words, not a payment's.
  if ('result' in state && state.result.cardCheck) {
    titles.approved = texts.cardAddedTitle;
    titles.declined = texts.cardFailedTitle;
  }
  const message = 'message' in state ? state.message : '';
  const lost = state.status === 'missing' || state.status === 'not_found';

  return (
    <section
      className={className ? `flitt-result ${className}` : 'flitt-result'}
      data-flitt-theme={theme}
      data-status={state.status}
      aria-busy={state.status === 'loading'}
    >
      <Heading
        key={state.status}
        className="flitt-result__title"
        tabIndex={-1}
        ref={heading}
        aria-describedby={message ? messageId : undefined}
      >
        {titles[state.status]}
      </Heading>
      {message ? (
        <p id={messageId} className="flitt-result__message">
          {message}
        </p>
      ) : null}
      {state.status === 'failed' ? (
        <button type="button" className="flitt-button flitt-button--secondary" onClick={refresh}>
          {ui.retry}
        </button>
      ) : null}
      {lost && actions === undefined ? (
        <a className="flitt-button flitt-button--secondary" href={shopHref}>
          {texts.backToShop}
        </a>
      ) : null}
      {typeof actions === 'function' ? actions(state) : actions}
    </section>
  );
}
