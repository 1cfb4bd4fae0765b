import { describe, expect, it, vi } from 'vitest';
import { type CheckoutState, checkoutReducer, createCheckoutAttempt } from './checkoutAttempt.ts';
import { checkoutMessageKey } from './responseCodes.ts';

const token = 'f'.repeat(40);
const run = (...events: Parameters<typeof checkoutReducer>[1][]) =>
  events.reduce<CheckoutState>((state, event) => checkoutReducer(state, event), { status: 'idle' });

describe('checkoutReducer', () => {
  it('goes idle → creating → redirecting for the redirect flow', () => {
    expect(run({ type: 'start', flow: 'redirect' })).toEqual({
      status: 'creating',
      flow: 'redirect',
    });
    expect(
      run(
        { type: 'start', flow: 'redirect' },
        { type: 'created', orderId: 'o', checkoutUrl: 'https://pay.flitt.com/x' },
      ),
    ).toEqual({
      status: 'redirecting',
      orderId: 'o',
      checkoutUrl: 'https://pay.flitt.com/x',
    });
  });

  it('goes creating → ready → processing → approved for the embedded flow', () => {
    const ready = run(
      { type: 'start', flow: 'embedded' },
      { type: 'created', orderId: 'o', token },
    );
    expect(ready).toEqual({ status: 'ready', orderId: 'o', token });
    const processing = checkoutReducer(ready, { type: 'submit' });
    expect(processing.status).toBe('processing');
    expect(
      checkoutReducer(processing, { type: 'result', orderId: 'o', orderStatus: 'approved' }),
    ).toEqual({
      status: 'approved',
      orderId: 'o',
    });
  });

  it('keeps a decline’s code, whose message key checkoutMessageKey finds', () => {
    const state = run(
      { type: 'start', flow: 'embedded' },
      { type: 'created', orderId: 'o', token },
      { type: 'submit' },
      { type: 'result', orderId: 'o', orderStatus: 'declined', responseCode: 1037 },
    );
    expect(state).toEqual({
      status: 'declined',
      orderId: 'o',
      code: 1037,
    });
    expect(checkoutMessageKey(state)).toBe('insufficient_funds');
    expect(checkoutReducer(state, { type: 'retry' })).toEqual({ status: 'idle' });
  });

  it('keeps the token after a failed attempt on a delayed order, so retry returns to the form', () => {
    const state = run(
      { type: 'start', flow: 'embedded' },
      { type: 'created', orderId: 'o', token },
      { type: 'submit' },
      { type: 'result', orderId: 'o', orderStatus: 'processing', responseCode: 1004 },
    );
    expect(state).toMatchObject({ status: 'declined', code: 1004, token });
    expect(checkoutReducer(state, { type: 'retry' })).toEqual({
      status: 'ready',
      orderId: 'o',
      token,
    });
  });

  it('treats a decline without a response_code as Flitt’s generic decline, not as processing', () => {
    const state = run(
      { type: 'start', flow: 'embedded' },
      { type: 'created', orderId: 'o', token },
      { type: 'submit' },
      { type: 'result', orderId: 'o', orderStatus: 'declined' },
    );
    expect(state).toMatchObject({ status: 'declined', code: 1000 });
    expect(checkoutMessageKey(state)).toBe('card_declined');
  });

  it('reaches expired and failed, with message keys for failures', () => {
    expect(
      run(
        { type: 'start', flow: 'redirect' },
        { type: 'created', orderId: 'o', checkoutUrl: 'u' },
        { type: 'result', orderId: 'o', orderStatus: 'expired' },
      ),
    ).toEqual({
      status: 'expired',
      orderId: 'o',
    });
    const timeout = run({ type: 'start', flow: 'redirect' }, { type: 'fail', code: 'timeout' });
    expect(timeout).toEqual({ status: 'failed', code: 'timeout' });
    expect(checkoutMessageKey(timeout)).toBe('timeout');
    const refused = run(
      { type: 'start', flow: 'redirect' },
      { type: 'fail', code: 'flitt_failure', flittCode: 1014 },
    );
    expect(refused).toMatchObject({ flittCode: 1014 });
    expect(checkoutMessageKey(refused)).toBe('shop_error');
    const cases: [CheckoutState, string | undefined][] = [
      [{ status: 'failed', code: 'network_error' }, 'network_error'],
      [{ status: 'failed', code: 'order_reversed' }, 'cancelled'],
      [{ status: 'failed', code: 'unsafe_checkout_url' }, 'shop_error'],
      [{ status: 'failed', code: 'script_load_failed' }, 'unknown_error'],
      [{ status: 'expired' }, 'expired'],
      [{ status: 'approved', orderId: 'o' }, undefined],
      [{ status: 'idle' }, undefined],
    ];
    for (const [state, key] of cases) expect(checkoutMessageKey(state)).toBe(key);
  });

  it('ignores events that do not fit: double start, late created after reset, results while idle', () => {
    const creating = run({ type: 'start', flow: 'redirect' });
    expect(checkoutReducer(creating, { type: 'start', flow: 'embedded' })).toBe(creating);
    const reset = checkoutReducer(creating, { type: 'reset' });
    expect(checkoutReducer(reset, { type: 'created', orderId: 'o', token })).toBe(reset);
    expect(checkoutReducer(reset, { type: 'result', orderId: 'o', orderStatus: 'approved' })).toBe(
      reset,
    );
    expect(checkoutReducer(reset, { type: 'fail', code: 'timeout' })).toBe(reset);
    const approved: CheckoutState = { status: 'approved', orderId: 'o' };
    expect(checkoutReducer(approved, { type: 'fail', code: 'timeout' })).toBe(approved);
  });
});

describe('createCheckoutAttempt', () => {
  it('notifies subscribers only on real changes and stops after unsubscribe', () => {
    const attempt = createCheckoutAttempt();
    const listener = vi.fn();
    const unsubscribe = attempt.subscribe(listener);
    attempt.dispatch({ type: 'start', flow: 'redirect' });
    attempt.dispatch({ type: 'start', flow: 'redirect' });
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    attempt.dispatch({ type: 'reset' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(attempt.getState()).toEqual({ status: 'idle' });
  });
});
