import { useEffect, useRef, useState } from 'react';
import type { UiText } from './locales/types.ts';

// How long the alert waits for its payer message (an embedded decline, until the shop's server
// confirms it and says why) before it shows the general title instead.
const MESSAGE_WAIT_MS = 1500;

/**
 * The inline problem shown by the checkout components: announced (role=alert) and focused when it
 * appears, so keyboard and screen-reader users land on it, with an optional retry. It appears once,
 * with its message: while the server is asked why (briefly), so a screen reader is never told a
 * bare title and then the reason.
 */
export function ProblemAlert(props: {
  /** The payer message; '' while it loads. */
  message: string;
  ui: UiText;
  onRetry?: (() => void) | undefined;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [waited, setWaited] = useState(false);
  const { message } = props;
  useEffect(() => {
    if (message) return;
    const timer = setTimeout(() => setWaited(true), MESSAGE_WAIT_MS);
    return () => clearTimeout(timer);
  }, [message]);
  const shown = Boolean(message) || waited;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <div className="flitt-alert" role="alert" tabIndex={-1} ref={ref}>
      <p className="flitt-alert__message">{message || props.ui.failedTitle}</p>
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
