import { useEffect, useRef } from 'react';
import type { UiText } from './locales/types.ts';

/**
 * The inline problem shown by the checkout components: announced (role=alert) and focused when it
 * appears, so keyboard and screen-reader users land on it, with an optional retry. Rendered once
 * its message is known, so a screen reader is never told a bare title and then the reason.
 */
export function ProblemAlert(props: {
  /** What the server said ('' when it said nothing: the general title is shown). */
  message: string;
  ui: UiText;
  /** Called with the click event, which it may ignore. */
  onRetry?: (() => void) | undefined;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="flitt-alert" role="alert" tabIndex={-1} ref={ref}>
      <p className="flitt-alert__message">{props.message || props.ui.failedTitle}</p>
      {props.onRetry ? (
        <button
          type="button"
          className="flitt-button flitt-button--secondary"
          onClick={props.onRetry}
        >
          {props.ui.retry}
        </button>
      ) : null}
    </div>
  );
}
