import { createEmbeddedCheckout, createMerchantApi } from '@flitt-checkout/core';
import { API_BASE, setupFlittTestServer } from '@flitt-checkout/test-kit/msw';
import { act, renderHook, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FlittProvider } from './FlittProvider.tsx';
import { en } from './locales/en.ts';
import { type FlittCheckout, useFlittCheckout } from './useFlittCheckout.ts';

const { sandbox, server, pay } = setupFlittTestServer();
const cart = { items: [{ sku: 'honey', qty: 1 }] };
const wrapper = ({ children }: { children: ReactNode }) => (
  <FlittProvider locale={en} apiBase={API_BASE} navigate={() => {}}>
    {children}
  </FlittProvider>
);

const api = createMerchantApi({ apiBase: API_BASE, locale: 'en' });
/** What the embedded form wires to the widget: its reports, checked with the real status handler. */
const widgetOf = (checkout: FlittCheckout) =>
  createEmbeddedCheckout(checkout.session, api.getStatus, { confirmMs: 2000 });

/** An embedded checkout, ready on a delayed order (a decline leaves it open for another try). */
async function readyDelayedOrder() {
  const onDeclined = vi.fn();
  const { result } = renderHook(() => useFlittCheckout({ flow: 'embedded', onDeclined }), {
    wrapper,
  });
  act(() => result.current.start({ ...cart, delayed: 'Y' }));
  await waitFor(() => expect(result.current.state.status).toBe('ready'));
  const orderId = (result.current.state as { orderId: string }).orderId;
  return { result, orderId, onDeclined };
}

describe('useFlittCheckout', () => {
  it('goes creating → ready with a token for the embedded flow, then approved from the widget result', async () => {
    const onApproved = vi.fn();
    const { result } = renderHook(() => useFlittCheckout({ flow: 'embedded', onApproved }), {
      wrapper,
    });
    act(() => result.current.start(cart));
    expect(result.current.state.status).toBe('creating');
    expect(result.current.busy).toBe(true);
    await waitFor(() => expect(result.current.state.status).toBe('ready'));
    const state = result.current.state;
    if (state.status !== 'ready') throw new Error('not ready');
    expect(state.token).toMatch(/^[0-9a-f]{40}$/);
    expect(sandbox.control.order(state.orderId)).toMatchObject({ amount: 1800 });

    const paid = await pay(state.orderId);
    const widget = widgetOf(result.current);
    act(() => {
      expect(widget.submit()).toBe(true);
      widget.report({ status: paid.order.order_status });
    });
    expect(result.current.state.status).toBe('approved');
    expect(onApproved).toHaveBeenCalledTimes(1);
    widget.dispose();
  });

  it('reaches declined with the server’s reason, and retry returns to the form for a delayed order', async () => {
    const { result, orderId, onDeclined } = await readyDelayedOrder();
    const paid = await pay(orderId, '4000001037000007');
    const widget = widgetOf(result.current);
    act(() => {
      widget.submit();
      widget.report({ status: paid.order.order_status, responseCode: paid.order.response_code });
    });
    // The widget's word waits for the server's confirmation, which brings the reason: the payer
    // and onDeclined hear of the decline once, with why.
    expect(result.current.state.status).toBe('processing');
    await waitFor(() => expect(result.current.state.status).toBe('declined'));
    expect(result.current.state).toMatchObject({
      code: 1037,
      message: expect.stringMatching(/funds/i),
    });
    expect(onDeclined).toHaveBeenCalledTimes(1);
    expect(onDeclined.mock.calls[0]?.[0].message).toMatch(/funds/i);
    act(() => widget.retry()); // the form’s retry: back to the same open order
    expect(result.current.state.status).toBe('ready');
    expect(sandbox.control.orders()).toHaveLength(1);
    widget.dispose();
  });

  it('refuses a token that is not Flitt’s (compromised endpoint)', async () => {
    server.use(
      http.post(`${API_BASE}/checkout`, () =>
        HttpResponse.json({
          flow: 'embedded',
          orderId: 'o',
          token: '"><img src=x onerror=alert(1)>',
        }),
      ),
    );
    const { result } = renderHook(() => useFlittCheckout({ flow: 'embedded' }), { wrapper });
    act(() => result.current.start(cart));
    await waitFor(() =>
      expect(result.current.state).toMatchObject({ status: 'failed', code: 'invalid_token' }),
    );
  });

  it('retries a failed creation with the same order, making one new order', async () => {
    server.use(
      http.post(
        `${API_BASE}/checkout`,
        () => HttpResponse.json({ error: { code: 'network_error' } }, { status: 502 }),
        { once: true },
      ),
    );
    const { result } = renderHook(() => useFlittCheckout({ flow: 'embedded' }), { wrapper });
    act(() => result.current.start(cart));
    // The shop could not reach Flitt: not the payer's connection. This body has no payerMessage,
    // so the browser says only what it knows.
    await waitFor(() =>
      expect(result.current.state).toMatchObject({ status: 'failed', code: 'flitt_failure' }),
    );
    expect(result.current.state.message).toBe('');
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.state.status).toBe('ready'));
    expect(sandbox.control.orders()).toHaveLength(1);
  });

  it('tells onDeclined of every decline, and not again when the server only explains one', async () => {
    const { result, orderId, onDeclined } = await readyDelayedOrder();
    await pay(orderId, '4000001037000007');
    // The server has not confirmed in time (slow): the widget's decline is shown without words…
    const widget = createEmbeddedCheckout(result.current.session, api.getStatus, { confirmMs: 0 });
    sandbox.control.setLatency(300);
    act(() => {
      widget.submit();
      widget.report({ status: 'processing', responseCode: 1037 });
    });
    await waitFor(() => expect(result.current.state).toMatchObject({ status: 'declined' }));
    expect(result.current.state.message).toBe('');
    // …then the server's words for the same decline arrive: not a second decline.
    await waitFor(() => expect(result.current.state.message).toMatch(/funds/i));
    sandbox.control.setLatency(0);
    // Paid again inside the widget (a wallet), declined again: a new decline, same status.
    act(() => widget.report({ status: 'processing', responseCode: 1051 }));
    await waitFor(() => expect(result.current.state).toMatchObject({ code: 1051 }));
    expect(onDeclined.mock.calls.map(([state]) => state.code)).toEqual([1037, 1051]);
    widget.dispose();
  });

  it('reset aborts the request in flight and returns to idle', async () => {
    sandbox.control.setLatency(100);
    const { result } = renderHook(() => useFlittCheckout({ flow: 'embedded' }), { wrapper });
    act(() => result.current.start(cart));
    act(() => result.current.reset());
    expect(result.current.state.status).toBe('idle');
    await new Promise((r) => setTimeout(r, 200));
    expect(result.current.state.status).toBe('idle');
  });

  it('uses a custom api object from the provider', async () => {
    const createCheckout = vi.fn(async () => ({
      flow: 'embedded' as const,
      orderId: 'custom-1',
      token: 'a'.repeat(40),
    }));
    const { result } = renderHook(() => useFlittCheckout({ flow: 'embedded' }), {
      wrapper: ({ children }) => (
        <FlittProvider locale={en} api={{ createCheckout, getStatus: vi.fn() }}>
          {children}
        </FlittProvider>
      ),
    });
    act(() => result.current.start({ cartId: 7 }));
    await waitFor(() =>
      expect(result.current.state).toMatchObject({ status: 'ready', orderId: 'custom-1' }),
    );
    expect(createCheckout).toHaveBeenCalledWith(
      { flow: 'embedded', order: { cartId: 7 }, locale: 'en' },
      expect.any(AbortSignal),
    );
  });

  it('throws a message naming itself and the provider outside <FlittProvider>', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useFlittCheckout())).toThrow(
      '[flitt-checkout] useFlittCheckout must be used inside <FlittProvider>.',
    );
  });
});
