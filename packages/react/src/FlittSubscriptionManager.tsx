import type { SubscriptionActionResponse } from '@flitt-checkout/core/checkout';
import { type ReactNode, useId } from 'react';
import { useFlittContext } from './FlittProvider.tsx';
import type { SubscriptionText } from './locales/types.ts';
import { ProblemAlert } from './ProblemAlert.tsx';
import { useFlittSubscription } from './useFlittSubscription.ts';

/** Props of `FlittSubscriptionManager`. */
export interface FlittSubscriptionManagerProps {
  /** The subscription's first order (what your server's `authorizeSubscription` checks). */
  orderId: string;
  /** The status your server knows, from its own records. */
  status: 'active' | 'disabled';
  /** The texts in the provider's language: `import { kaSubscription } from '@flitt-checkout/react/locales/ka'`. */
  texts: SubscriptionText;
  /** After a stop or start went through, with your server's answer. */
  onChange?: (answer: SubscriptionActionResponse) => void;
  /** Extra content under the status (the charges so far, the plan). */
  children?: ReactNode;
  /** The heading's level. Default 2. */
  headingLevel?: 2 | 3;
  className?: string;
}

/**
 * A subscription's status with one button to stop it (or start it again) through your server's
 * `subscription` endpoint; the outcome is announced, and a refusal explained, in the payer's language.
 *
 * @example
 * <FlittSubscriptionManager orderId="shop-42" status="active" texts={enSubscription} />
 */
export function FlittSubscriptionManager(props: FlittSubscriptionManagerProps) {
  const { orderId, status, texts, onChange, className } = props;
  const { ui, theme } = useFlittContext('FlittSubscriptionManager');
  const { state, run, answered } = useFlittSubscription(orderId, status, texts, onChange);
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const titleId = useId();
  const pending = state.status === 'stopping' || state.status === 'starting';
  const active = state.subscription === 'active';
  const label = pending
    ? state.status === 'stopping'
      ? texts.stopping
      : texts.starting
    : active
      ? texts.stop
      : texts.start;
  return (
    <section
      className={className ? `flitt-subscription ${className}` : 'flitt-subscription'}
      data-flitt-theme={theme}
      data-status={state.status}
      aria-labelledby={titleId}
      aria-busy={pending}
    >
      <Heading id={titleId} className="flitt-subscription__title">
        {texts.manageTitle}
      </Heading>
      <p className="flitt-subscription__status">
        {active ? texts.statusActive : texts.statusStopped}
      </p>
      {props.children}
      {/* One button that keeps the focus through the action: aria-disabled, not disabled. */}
      <button
        type="button"
        className={active ? 'flitt-button flitt-button--secondary' : 'flitt-button'}
        aria-disabled={pending}
        aria-busy={pending}
        onClick={() => {
          if (!pending) run(active ? 'stop' : 'start');
        }}
      >
        {label}
      </button>
      {/* Present from the start, so the outcome is announced when it is written in. */}
      <p className="flitt-subscription__announce" role="status">
        {answered && state.status !== 'failed'
          ? active
            ? texts.startedNow
            : texts.stoppedNow
          : ''}
      </p>
      {state.status === 'failed' ? (
        <ProblemAlert message={state.message} ui={ui} onRetry={() => run(state.action)} />
      ) : null}
    </section>
  );
}
