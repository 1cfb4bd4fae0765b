// The redirect flow's use of the page (location.assign, the back/forward cache's pageshow) in
// Node, where the test can stand in for `location` and `addEventListener`: a browser's own
// cannot be replaced (core's tests also run in Chromium), and leaving the page is the end-to-end
// tests' to see.
import { type CheckoutState, createFlowSession, redirectFlow } from '@flitt-checkout/core/checkout';
import { afterEach, describe, expect, it, vi } from 'vitest';

const checkoutUrl = 'https://pay.flitt.com/merchants/x/default/index.html?token=t';

/** A redirect session whose endpoint answers Flitt's page at once. */
async function redirected(navigate?: (url: string) => void) {
  const session = createFlowSession({
    flow: redirectFlow,
    navigate,
    api: {
      createCheckout: async () => ({
        flow: 'redirect',
        orderId: 'fc-1',
        checkoutUrl,
        paymentId: null,
      }),
    },
  });
  session.start('cart');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return session;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('redirectFlow in the page', () => {
  it('goes to Flitt with location.assign by default', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { assign });
    const session = await redirected();
    expect(assign).toHaveBeenCalledExactlyOnceWith(checkoutUrl);
    expect(session.getState().status).toBe('redirecting');
  });

  it('fails as invalid_response where there is no page to leave (no location)', async () => {
    const session = await redirected();
    expect(session.getState()).toMatchObject({
      status: 'failed',
      code: 'invalid_response',
      orderId: 'fc-1',
    });
  });

  it('resets a page restored from the back/forward cache still redirecting, so the button works again', async () => {
    const listeners: { type: string; listener: (event: unknown) => void; options: unknown }[] = [];
    vi.stubGlobal('addEventListener', (type: string, listener: () => void, options: unknown) =>
      listeners.push({ type, listener, options }),
    );
    const session = await redirected(() => {});
    expect(listeners).toEqual([
      { type: 'pageshow', listener: expect.any(Function), options: { once: true } },
    ]);
    const [{ listener }] = listeners as [(typeof listeners)[0]];
    listener({ persisted: false }); // a fresh load: nothing to undo
    expect(session.getState().status).toBe('redirecting');
    listener({ persisted: true });
    expect(session.getState()).toEqual({ status: 'idle' });
  });

  it('leaves a restored page alone when the attempt has moved on', async () => {
    const listeners: ((event: unknown) => void)[] = [];
    vi.stubGlobal('addEventListener', (_: string, listener: () => void) =>
      listeners.push(listener),
    );
    const session = await redirected(() => {});
    const failed: CheckoutState = { status: 'failed', code: 'timeout' };
    session.update(() => failed);
    listeners[0]?.({ persisted: true });
    expect(session.getState()).toBe(failed);
  });
});
