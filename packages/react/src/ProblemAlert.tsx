import { useEffect, useRef } from 'react';
import type { UiText } from './locales/types.ts';

/**
 * The inline problem shown by the checkout components: announced (role=alert), focused when it
 * appears so keyboard and screen-reader users land on it, with an optional retry.
 */
export function ProblemAlert(props: {
  message: string | undefined;
  ui: UiText | undefined;
  onRetry?: (() => void) | undefined;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="flitt-alert" role="alert" tabIndex={-1} ref={ref}>
      <p className="flitt-alert__message">{props.message}</p>
      {props.onRetry ? (
        <button
          type="button"
          className="flitt-button flitt-button--secondary"
          onClick={props.onRetry}
        >
          {/* Without the labels (their chunk could not load) the symbol still says "again". */}
          {props.ui?.retry ?? '↻'}
        </button>
      ) : null}
    </div>
  );
}
