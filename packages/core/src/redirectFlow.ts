import type { CheckoutState } from './checkoutAttempt.ts';
import type { CheckoutFlowSteps } from './checkoutSession.ts';
import { isSafeCheckoutUrl } from './checkoutUrl.ts';

/**
 * The redirect flow: to Flitt's hosted page, and only there (or to `allowedOrigins`, the local
 * sandbox). Coming back with the browser's Back button, the page may be restored from the
 * back/forward cache still `redirecting`: the session is reset so the button works again.
 *
 * @example
 * const session = createFlowSession({ api: createMerchantApi(), flow: redirectFlow });
 */
export const redirectFlow: CheckoutFlowSteps = {
  flow: 'redirect',
  open(result, session, options) {
    if (result.flow !== 'redirect') return 'invalid_response';
    const { orderId, checkoutUrl } = result;
    // A compromised or buggy endpoint must not send the payer anywhere but Flitt.
    if (!isSafeCheckoutUrl(checkoutUrl, options.allowedOrigins)) return 'unsafe_checkout_url';
    const leaving: CheckoutState = { status: 'redirecting', orderId, checkoutUrl };
    session.update(() => leaving);
    globalThis.addEventListener?.(
      'pageshow',
      (event) => {
        if ((event as PageTransitionEvent).persisted && session.getState() === leaving)
          session.reset();
      },
      { once: true },
    );
    try {
      (options.navigate ?? ((url) => globalThis.location.assign(url)))(checkoutUrl);
    } catch {
      return 'invalid_response';
    }
  },
};
