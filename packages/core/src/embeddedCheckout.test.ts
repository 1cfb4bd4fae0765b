import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckoutState } from './checkoutAttempt.ts';
import {
  afterReport,
  canSubmit,
  createEmbeddedCheckout,
  type EmbeddedCheckoutTiming,
} from './embeddedCheckout.ts';
import { MerchantApiError } from './merchantApi.ts';
import type { OrderStatusResponse } from './merchantContract.ts';
import { checkoutMessageKey } from './responseCodes.ts';
import type { OrderStatus } from './types.ts';

const token = 'f'.repeat(40);
const processing: CheckoutState = { status: 'processing', orderId: 'o', token };

describe('afterReport: what the widget (or the server) says about the order', () => {
  it('pays: approved, with Flitt’s order data', () => {
    expect(afterReport(processing, { status: 'approved', order: { amount: 700 } })).toEqual({
      status: 'approved',
      orderId: 'o',
      order: { amount: 700 },
    });
  });

  it('keeps a decline’s code, and the token only while the order stays open (delayed)', () => {
    const closed = afterReport(processing, { status: 'declined', responseCode: 1037 });
    expect(closed).toMatchObject({ status: 'declined', code: 1037, token: undefined });
    expect(canSubmit(closed)).toBe(false);
    expect(checkoutMessageKey(closed)).toBe('insufficient_funds');
    const open = afterReport(processing, { status: 'processing', responseCode: 1004 });
    expect(open).toMatchObject({ status: 'declined', code: 1004, token });
    expect(canSubmit(open)).toBe(true);
  });

  it('treats a decline without a response_code as Flitt’s generic decline, not as processing', () => {
    expect(afterReport(processing, { status: 'declined' })).toMatchObject({
      status: 'declined',
      code: 1000,
    });
  });

  it('brings the server’s words for a decline or an expiry', () => {
    expect(
      afterReport(processing, { status: 'expired', payerMessage: 'Time ran out.' }),
    ).toMatchObject({ status: 'expired', payerMessage: 'Time ran out.' });
    expect(
      afterReport(processing, { status: 'declined', responseCode: 1051, payerMessage: 'No.' }),
    ).toMatchObject({ status: 'declined', code: 1051, payerMessage: 'No.' });
  });

  it('goes back to the form when the order is open again (a card-field problem)', () => {
    expect(afterReport(processing, { status: 'created' })).toEqual({
      status: 'ready',
      orderId: 'o',
      token,
    });
    const ready: CheckoutState = { status: 'ready', orderId: 'o', token };
    expect(afterReport(ready, { status: 'created' })).toBe(ready);
  });

  it('keeps the attempt’s own order whatever id the report carries', () => {
    expect(afterReport(processing, { orderId: 'other', status: 'approved' })).toMatchObject({
      orderId: 'o',
    });
  });

  it('takes the report’s order when the attempt names none', () => {
    const failed: CheckoutState = { status: 'failed', code: 'timeout' };
    expect(afterReport(failed, { orderId: 'fc-9', status: 'approved' })).toEqual({
      status: 'approved',
      orderId: 'fc-9',
    });
    expect(afterReport(failed, { status: 'approved' })).toEqual({
      status: 'approved',
      orderId: '',
    });
  });

  it('reads a reversal as a failure, and a processing order without a code as processing', () => {
    expect(afterReport(processing, { status: 'reversed' })).toEqual({
      status: 'failed',
      code: 'order_reversed',
      orderId: 'o',
    });
    expect(afterReport(processing, { status: 'processing', responseCode: null })).toMatchObject({
      status: 'processing',
      token,
    });
  });

  it('changes nothing before the order exists or once it is paid', () => {
    const before: CheckoutState[] = [
      { status: 'idle' },
      { status: 'creating', flow: 'embedded' },
      { status: 'approved', orderId: 'o' },
    ];
    for (const state of before)
      expect(afterReport(state, { status: 'declined', responseCode: 1037 })).toBe(state);
  });

  it('submits only an open order: ready, or a decline that left a delayed order open', () => {
    expect(canSubmit({ status: 'ready', orderId: 'o', token })).toBe(true);
    expect(canSubmit(processing)).toBe(false);
    expect(canSubmit({ status: 'declined', orderId: 'o', code: 1037 })).toBe(false);
    expect(canSubmit({ status: 'idle' })).toBe(false);
  });
});

describe('createEmbeddedCheckout: the widget’s reports, confirmed with the merchant’s server', () => {
  type Answer = OrderStatusResponse | Error;
  const answerOf = (
    status: OrderStatus,
    responseCode: number | null = null,
    words = '',
  ): Answer => ({
    orderId: 'o',
    status,
    responseCode,
    amount: 700,
    currency: 'GEL',
    reversalAmount: 0,
    payerMessage: words,
  });

  /** An attempt at `initial`, and a server that answers from `answers` (then `processing`). */
  function harness(
    initial: CheckoutState,
    answers: Answer[] = [],
    timing?: EmbeddedCheckoutTiming,
  ) {
    let state = initial;
    const seen: CheckoutState[] = [];
    const asked: number[] = [];
    const start = Date.now();
    const attempt = {
      getState: () => state,
      subscribe: () => () => {},
      update(change: (s: CheckoutState) => CheckoutState) {
        const next = change(state);
        if (next !== state) seen.push(next);
        state = next;
        return state;
      },
      retry: vi.fn(),
    };
    const getStatus = async () => {
      asked.push(Date.now() - start);
      const answer = answers.shift() ?? answerOf('processing');
      if (answer instanceof Error) throw answer;
      return answer;
    };
    const embedded = createEmbeddedCheckout(attempt, getStatus, timing);
    return { attempt, embedded, seen, asked, state: () => state };
  }
  const ready: CheckoutState = { status: 'ready', orderId: 'o', token };

  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('submits only an open order, and goes to processing with its token', () => {
    const closed = harness({ status: 'declined', orderId: 'o', code: 1037 });
    expect(closed.embedded.submit()).toBe(false);
    expect(closed.seen).toEqual([]);
    const open = harness(ready);
    expect(open.embedded.submit()).toBe(true);
    expect(open.state()).toEqual({ status: 'processing', orderId: 'o', token });
  });

  it('asks about a quiet widget after quietMs (3 s by default), then with backoff up to 15 s, for 5 minutes', async () => {
    const { embedded, asked } = harness(ready);
    embedded.submit();
    await vi.advanceTimersByTimeAsync(2999);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual([3000]);
    await vi.advanceTimersByTimeAsync(600_000);
    const gaps = asked.slice(1).map((t, i) => t - (asked[i] as number));
    expect(gaps.slice(0, 4)).toEqual([3000, 6000, 12_000, 15_000]);
    expect(new Set(gaps.slice(3))).toEqual(new Set([15_000]));
    // The last question is the first one past the 5 minutes.
    expect(asked.at(-2)).toBeLessThanOrEqual(300_000);
    expect(asked.at(-1)).toBeGreaterThan(300_000);
  });

  it('asks a quiet widget’s order no more than once a second, however short quietMs is', async () => {
    const { embedded, asked } = harness(ready, [], { quietMs: 100 });
    embedded.submit();
    await vi.advanceTimersByTimeAsync(7100);
    expect(asked).toEqual([100, 1100, 3100, 7100]);
  });

  it('takes the server’s settled answer as the state, and stops asking', async () => {
    const { embedded, asked, state } = harness(
      ready,
      [answerOf('created'), answerOf('processing'), answerOf('approved')],
      { quietMs: 1000 },
    );
    embedded.submit();
    await vi.advanceTimersByTimeAsync(1000 + 1000 + 2000);
    expect(state()).toEqual({ status: 'approved', orderId: 'o' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toHaveLength(3);
  });

  it('confirms a reversal the widget reports with the server before calling it a failure', async () => {
    // A card check (adding a card) ends reversed at Flitt: its server answers the success.
    const check = harness(ready, [answerOf('approved')]);
    check.embedded.submit();
    check.embedded.report({ status: 'reversed' });
    expect(check.state().status).toBe('processing');
    await vi.advanceTimersByTimeAsync(1000);
    expect(check.state()).toEqual({ status: 'approved', orderId: 'o' });
    // A server that does not answer in time: the widget's word stands.
    const silent = harness(ready);
    silent.embedded.submit();
    silent.embedded.report({ status: 'reversed' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(silent.state()).toEqual({ status: 'failed', code: 'order_reversed', orderId: 'o' });
    // A server that answers after the reversal was shown still has the last word.
    const late = harness(ready, [
      answerOf('processing'),
      answerOf('processing'),
      answerOf('approved'),
    ]);
    late.embedded.submit();
    late.embedded.report({ status: 'reversed' });
    await vi.advanceTimersByTimeAsync(1500);
    expect(late.state().status).toBe('failed');
    await vi.advanceTimersByTimeAsync(2000);
    expect(late.state()).toEqual({ status: 'approved', orderId: 'o' });
  });

  it('reads a failed attempt on a delayed order (processing with a code) as a decline that keeps the form open', async () => {
    const { embedded, state } = harness(ready, [answerOf('processing', 1037, 'No funds.')], {
      quietMs: 1000,
    });
    embedded.submit();
    await vi.advanceTimersByTimeAsync(1000);
    expect(state()).toEqual({
      status: 'declined',
      orderId: 'o',
      code: 1037,
      payerMessage: 'No funds.',
      token,
    });
  });

  it('on the next attempt of that order, waits for a settled answer, not the last attempt’s code', async () => {
    const { embedded, state, asked } = harness(
      ready,
      [answerOf('processing', 1037), answerOf('processing', 1037), answerOf('declined', 1051)],
      { quietMs: 1000 },
    );
    embedded.submit();
    await vi.advanceTimersByTimeAsync(1000);
    expect(state()).toMatchObject({ status: 'declined', code: 1037 });
    embedded.retry();
    expect(state()).toEqual({ status: 'ready', orderId: 'o', token });
    embedded.submit();
    await vi.advanceTimersByTimeAsync(1000);
    expect(state().status).toBe('processing');
    await vi.advanceTimersByTimeAsync(1000);
    expect(state()).toMatchObject({ status: 'declined', code: 1051 });
    expect(asked).toHaveLength(3);
  });

  it('stops asking on a refusal (4xx), and keeps asking after a failure worth retrying', async () => {
    const refused = harness(
      ready,
      [new MerchantApiError('order_not_found', 'HTTP 404', { status: 404 })],
      {
        quietMs: 1000,
      },
    );
    refused.embedded.submit();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refused.asked).toHaveLength(1);
    expect(refused.state().status).toBe('processing');
    const flaky = harness(
      ready,
      [
        new MerchantApiError('server_error', 'HTTP 500', { status: 500 }),
        new TypeError('offline'),
        answerOf('approved'),
      ],
      { quietMs: 1000 },
    );
    flaky.embedded.submit();
    await vi.advanceTimersByTimeAsync(1000 + 1000 + 2000);
    expect(flaky.asked).toHaveLength(3);
    expect(flaky.state().status).toBe('approved');
  });

  it('asks nothing more once disposed (the form went away), and leaves no timer behind', async () => {
    const { embedded, asked } = harness(ready, [], { quietMs: 1000 });
    embedded.submit();
    embedded.dispose();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toEqual([]);
  });

  it('drops an answer that comes after the form went away', async () => {
    let answer: (value: OrderStatusResponse) => void = () => {};
    const attempt = harness(ready).attempt;
    const embedded = createEmbeddedCheckout(
      attempt,
      () => new Promise<OrderStatusResponse>((resolve) => (answer = resolve)),
      { quietMs: 1000 },
    );
    embedded.submit();
    await vi.advanceTimersByTimeAsync(1000);
    embedded.dispose();
    answer(answerOf('approved') as OrderStatusResponse);
    await vi.advanceTimersByTimeAsync(0);
    expect(attempt.getState().status).toBe('processing');
  });

  it('after the form reopened for a card-field problem, still reads the next failed attempt as a decline', async () => {
    const { embedded, state } = harness(ready, [answerOf('processing', 1037)], { quietMs: 1000 });
    embedded.submit();
    embedded.report({ status: 'created' });
    expect(state()).toEqual(ready);
    embedded.submit();
    await vi.advanceTimersByTimeAsync(1000);
    expect(state()).toMatchObject({ status: 'declined', code: 1037, token });
  });

  it('stops asking once the attempt is no longer this order’s processing one', async () => {
    const { embedded, attempt, asked } = harness(ready, [], { quietMs: 1000 });
    embedded.submit();
    await vi.advanceTimersByTimeAsync(1000);
    attempt.update(() => ({ status: 'processing', orderId: 'other', token }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toHaveLength(1);
  });

  it('passes a processing report on and keeps asking the quiet widget', async () => {
    const { embedded, state, asked } = harness(ready, [answerOf('approved')], { quietMs: 1000 });
    embedded.submit();
    embedded.report({ status: 'processing' });
    expect(state().status).toBe('processing');
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toEqual([1000]);
    expect(state().status).toBe('approved');
  });

  it('shows an approval at once, and asks nothing more', async () => {
    const { embedded, state, asked } = harness(ready, [], { quietMs: 1000 });
    embedded.submit();
    embedded.report({ status: 'approved', order: { amount: 700 } });
    expect(state()).toEqual({ status: 'approved', orderId: 'o', order: { amount: 700 } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toEqual([]);
  });

  it('ignores a report that changes nothing', async () => {
    const { embedded, seen, asked } = harness(ready, [], { quietMs: 1000 });
    embedded.report({ status: 'created' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('confirms a reported decline with the server at once, and shows it with the server’s words', async () => {
    const { embedded, seen, asked } = harness(ready, [answerOf('declined', 1037, 'No funds.')]);
    embedded.submit();
    embedded.report({ status: 'declined', responseCode: 1037 });
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual([0]);
    expect(seen.at(-1)).toEqual({
      status: 'declined',
      orderId: 'o',
      code: 1037,
      payerMessage: 'No funds.',
      token: undefined,
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.map((s) => s.status)).toEqual(['processing', 'declined']);
  });

  it('shows the widget’s decline after confirmMs (1.5 s by default) when the server has not confirmed it', async () => {
    const { embedded, state } = harness(ready);
    embedded.submit();
    embedded.report({ status: 'declined', responseCode: 1037 });
    await vi.advanceTimersByTimeAsync(1499);
    expect(state().status).toBe('processing');
    await vi.advanceTimersByTimeAsync(1);
    expect(state()).toMatchObject({ status: 'declined', code: 1037, payerMessage: undefined });
  });

  it('takes a delayed order’s processing answer with the same code as the confirmation, not another code', async () => {
    const same = harness(ready, [answerOf('processing', 1037, 'No funds.')]);
    same.embedded.submit();
    same.embedded.report({ status: 'processing', responseCode: 1037 });
    await vi.advanceTimersByTimeAsync(0);
    expect(same.state()).toMatchObject({
      status: 'declined',
      code: 1037,
      payerMessage: 'No funds.',
      token,
    });
    const other = harness(ready, [answerOf('processing', 1051)], { confirmMs: 5000 });
    other.embedded.submit();
    other.embedded.report({ status: 'processing', responseCode: 1037 });
    await vi.advanceTimersByTimeAsync(0);
    expect(other.state().status).toBe('processing');
  });

  it('confirms a reported expiry with the server for at most 10 s', async () => {
    const { embedded, state, asked } = harness(ready, [], { confirmMs: 100 });
    embedded.submit();
    embedded.report({ status: 'expired' });
    await vi.advanceTimersByTimeAsync(100);
    expect(state()).toMatchObject({ status: 'expired', orderId: 'o' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked.at(-2)).toBeLessThanOrEqual(10_000);
    expect(asked.at(-1)).toBeGreaterThan(10_000);
    expect(asked.at(-1)).toBeLessThan(30_000);
  });

  it('never lets a held decline overwrite what happened meanwhile', async () => {
    const { embedded, attempt, state } = harness(ready, [], { confirmMs: 1000 });
    embedded.submit();
    embedded.report({ status: 'declined', responseCode: 1037 });
    const moved: CheckoutState = { status: 'failed', code: 'timeout', orderId: 'o' };
    attempt.update(() => moved);
    await vi.advanceTimersByTimeAsync(5000);
    expect(state()).toBe(moved);
  });

  it('a later report cancels the decline held for confirmation', async () => {
    const { embedded, state } = harness(ready, [], { confirmMs: 1000 });
    embedded.submit();
    embedded.report({ status: 'declined', responseCode: 1037 });
    embedded.report({ status: 'approved' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(state()).toEqual({ status: 'approved', orderId: 'o' });
  });

  it('retries a decline that left the order open on the same form, and anything else as a new attempt', () => {
    const open = harness({ status: 'declined', orderId: 'o', code: 1037, token });
    open.embedded.retry();
    expect(open.state()).toEqual({ status: 'ready', orderId: 'o', token });
    expect(open.attempt.retry).not.toHaveBeenCalled();
    const closed = harness({ status: 'declined', orderId: 'o', code: 1037 });
    closed.embedded.retry();
    expect(closed.attempt.retry).toHaveBeenCalledOnce();
  });

  it('does not reopen the form on retry while the payment is processing', () => {
    const { embedded, state, attempt } = harness({ status: 'processing', orderId: 'o', token });
    embedded.retry();
    expect(state()).toEqual({ status: 'processing', orderId: 'o', token });
    expect(attempt.retry).toHaveBeenCalledOnce(); // the session ignores it: not a problem
  });

  it('fails a widget that could not load, keeping the order when there is one', () => {
    const withOrder = harness(ready);
    withOrder.embedded.fail('script_load_failed');
    expect(withOrder.state()).toEqual({
      status: 'failed',
      code: 'script_load_failed',
      orderId: 'o',
    });
    const before = harness({ status: 'idle' });
    before.embedded.fail('script_load_failed');
    expect(before.state()).toEqual({
      status: 'failed',
      code: 'script_load_failed',
      orderId: undefined,
    });
  });
});
