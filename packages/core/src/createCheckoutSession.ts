import {
  type CheckoutSession,
  type CheckoutSessionOptions,
  createFlowSession,
  type FlowSessionOptions,
} from './checkoutSession.ts';
import { embeddedFlow } from './embeddedCheckout.ts';
import { type PrefetchingCheckout, withPrefetch } from './prefetch.ts';
import { redirectFlow } from './redirectFlow.ts';

/**
 * Creates a checkout session of `options.flow` (default `redirect`); React's `useFlittCheckout`
 * is a thin subscription to one.
 *
 * @example
 * const session = createCheckoutSession({ api: createMerchantApi(), flow: 'redirect' });
 * session.subscribe(() => console.log(session.getState().status));
 * session.start({ cartId: 'c-42' });
 */
export function createCheckoutSession(options: CheckoutSessionOptions): CheckoutSession {
  // One wrapper per endpoint, so a prefetched order survives `setOptions` with the same `api`.
  let api: CheckoutSessionOptions['api'] | undefined;
  let ahead: PrefetchingCheckout | undefined;
  let clock = options.now;
  const steps = (named: CheckoutSessionOptions): FlowSessionOptions => {
    clock = named.now;
    if (named.api !== api) {
      ahead?.prefetch();
      api = named.api;
      ahead = withPrefetch(named.api, () => (clock ?? Date.now)());
    }
    return {
      ...named,
      api: ahead as PrefetchingCheckout,
      flow: named.flow === 'embedded' ? embeddedFlow : redirectFlow,
    };
  };
  const session = createFlowSession(steps(options));
  return { ...session, setOptions: (next) => session.setOptions(steps(next)) };
}
