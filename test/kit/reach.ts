// Waiting on a checkout session (or anything with getState / subscribe) in tests without React.
import type { CheckoutState } from '@flitt-checkout/core';

/** Resolves with the first state the session reaches for which `until` holds. */
export function reach(
  session: { getState(): CheckoutState; subscribe(l: () => void): () => void },
  until: (s: CheckoutState) => boolean,
) {
  return new Promise<CheckoutState>((resolve) => {
    if (until(session.getState())) return resolve(session.getState());
    const stop = session.subscribe(() => {
      if (!until(session.getState())) return;
      stop();
      resolve(session.getState());
    });
  });
}
