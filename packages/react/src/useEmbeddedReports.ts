import {
  createEmbeddedCheckout,
  type EmbeddedCheckout,
  statusEndpoint,
} from '@flitt-checkout/core/checkout';
import { useEffect, useRef, useState } from 'react';
import type { FlittContextValue } from './FlittProvider.tsx';
import type { FlittCheckout } from './useFlittCheckout.ts';

/**
 * What Flitt's widget or wallet buttons report about the session's order, checked with the
 * shop's server through the provider's transport (the latest one, read when asking); disposed on
 * unmount.
 */
export function useEmbeddedReports(
  session: FlittCheckout['session'],
  context: FlittContextValue,
): EmbeddedCheckout {
  const latest = useRef(context);
  useEffect(() => {
    latest.current = context;
  });
  const [embedded] = useState(() =>
    createEmbeddedCheckout(session, (orderId, signal) =>
      (latest.current.api?.getStatus ?? statusEndpoint(latest.current.transport))(orderId, signal),
    ),
  );
  useEffect(() => embedded.dispose, [embedded]);
  return embedded;
}
