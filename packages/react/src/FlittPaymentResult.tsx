import { type ReactNode, useEffect, useRef } from 'react';
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
  /** Where "Back to the shop" leads when there is no such payment (shown unless you pass `actions`). Default `/`. */
  shopHref?: string;
  className?: string;
}

const PROBLEMS: readonly FlittReturnState['status'][] = [
  'declined',
  'failed',
  'expired',
  'missing',
  'not_found',
  'reversed',
];

/**
 * The return page's verdict: approved, declined with the reason for its code, processing (polled),
 * expired or not found, in the payer's language; the status always comes from your server, not the URL.
 *
 * @example
 * <FlittPaymentResult texts={kaResult} shopHref="/" actions={<a href="/cart">Back to the cart</a>} />
 */
export function FlittPaymentResult(props: FlittPaymentResultProps) {
  if (process.env.NODE_ENV !== 'production') checkProps('FlittPaymentResult', props, RESULT_PROPS);
  const { actions, className, shopHref = '/', texts, ...options } = props;
  const { ui, theme } = useFlittContext('FlittPaymentResult');
  const { state, refresh } = useFlittReturn(options);
  const heading = useRef<HTMLHeadingElement>(null);
  const settled = state.status !== 'loading';
  useEffect(() => {
    if (settled) heading.current?.focus();
  }, [settled]);

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
  const message = 'message' in state ? state.message : '';
  const lost = state.status === 'missing' || state.status === 'not_found';

  return (
    <section
      className={className ? `flitt-result ${className}` : 'flitt-result'}
      data-flitt-theme={theme}
      data-status={state.status}
      role={PROBLEMS.includes(state.status) ? 'alert' : 'status'}
      aria-busy={state.status === 'loading' || state.status === 'processing'}
    >
      <h2 className="flitt-result__title" tabIndex={-1} ref={heading}>
        {titles[state.status]}
      </h2>
      {message ? <p className="flitt-result__message">{message}</p> : null}
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
