import { addPeriods, planTime, type RecurringData } from '@flitt-checkout/core';
import type { Lifecycle } from './lifecycle.ts';
import { describeCode, randomHex, type SandboxOrder, signLikeFlitt } from './orders.ts';
import type { SandboxMerchant, SandboxState, SandboxSubscription } from './state.ts';
import { trackStatus } from './statusHistory.ts';
import { FlittFailure, MESSAGES } from './wire.ts';

/**
 * When schedule slot `slot` is due. Flitt's docs say the charges start at `start_time`, or follow
 * the payer's approval without one; they do not say whether a trial adds to `start_time`. The
 * sandbox's reading: the first charge is at `start_time` (or one period after the approval, which
 * was itself the first payment), a trial (`trial_quantity` × `trial_period`) pushes it back, and
 * the charges then repeat every `every` × `period`.
 */
function dueAt(plan: RecurringData, subscription: SandboxSubscription, slot: number): number {
  const start = planTime(plan.start_time);
  const every = Number(plan.every);
  const trial = plan.trial_period && plan.trial_quantity ? Number(plan.trial_quantity) : 0;
  const from = start ?? subscription.approvedAt;
  if (trial > 0)
    return addPeriods(
      addPeriods(from, plan.trial_period ?? 'day', trial),
      plan.period,
      slot * every,
    );
  // Counted from the anchor, not from the previous charge: 31 Jan → 28 Feb → 31 Mar.
  return addPeriods(from, plan.period, (start === undefined ? slot + 1 : slot) * every);
}

/** The slot is past the plan's end: `quantity` charges (slots, stopped ones included) or `end_time`. */
function ended(plan: RecurringData, slot: number, due: number): boolean {
  if (plan.quantity !== undefined && slot >= Number(plan.quantity)) return true;
  const end = planTime(plan.end_time);
  return end !== undefined && due > end;
}

/**
 * Scheduled charges of approved subscriptions (`subscription: 'Y'` + `recurring_data`), made when
 * the sandbox clock passes their due time, and `/api/subscription` start / stop.
 *
 * Each charge is a new order `<first order_id>-<n>` (Flitt's docs do not show a charge's id or
 * fields; the sandbox sends the full order object with `parent_order_id`), charged to the first
 * payment's card without 3-D Secure, final at once (like `/api/recurring`), and posted signed to
 * `subscription_callback_url`, else `server_callback_url`, in the first order's protocol.
 */
export function createSubscriptions(state: SandboxState, lifecycle: Pick<Lifecycle, 'notify'>) {
  const running = new Set<Promise<void>>();

  function planOf(parent: SandboxOrder): RecurringData {
    return parent.params.recurring_data as RecurringData;
  }

  async function charge(parent: SandboxOrder, subscription: SandboxSubscription, due: number) {
    subscription.charges += 1;
    const plan = planOf(parent);
    let orderId = `${parent.orderId}-${subscription.charges}`;
    while (state.orders.has(state.keyOf(parent.merchantId, orderId))) orderId += 'x';
    const order: SandboxOrder = trackStatus<Omit<SandboxOrder, 'statusHistory'>>(
      {
        merchantId: parent.merchantId,
        orderId,
        params: {
          ...parent.params,
          order_id: orderId,
          amount: Number(plan.amount),
          delayed: 'N',
        },
        token: randomHex(40),
        paymentId: state.nextPaymentId++,
        createdAt: due,
        expiresAt: due + 36000 * 1000,
        status: 'created',
        responseCode: '',
        responseDescription: '',
        attempts: 1,
        reversalAmount: 0,
        reversals: new Map(),
        parentOrderId: parent.orderId,
        tranType: 'purchase',
        protocol: parent.protocol,
      },
      () => due,
    );
    order.card = subscription.card;
    order.eci = 7;
    const { behaviour } = subscription;
    const outcome = behaviour.laterCharges ?? behaviour;
    if (outcome.result === 'approved') {
      order.status = 'approved';
      order.approvalCode = String(100000 + Math.floor(Math.random() * 900000));
      order.rrn = String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
    } else {
      order.responseCode = outcome.declineCode ?? 1004;
      order.responseDescription = describeCode(order.responseCode);
      order.status = 'declined';
    }
    state.orders.set(state.keyOf(order.merchantId, order.orderId), order);
    state.log(`subscription ${parent.orderId}: charge ${orderId} ${order.status}`);
    const url = parent.params.subscription_callback_url || parent.params.server_callback_url;
    await lifecycle.notify(order, url);
  }

  /** Makes every charge due by the sandbox clock (in due order per subscription). */
  function runDue(): void {
    const now = state.now();
    for (const subscription of state.subscriptions.values()) {
      const parent = state.orders.get(subscription.orderKey);
      if (!parent) continue;
      const plan = planOf(parent);
      for (;;) {
        const due = dueAt(plan, subscription, subscription.nextSlot);
        if (due > now || ended(plan, subscription.nextSlot, due)) break;
        subscription.nextSlot += 1;
        // A stopped subscription lets its due dates pass uncharged.
        if (!subscription.active) continue;
        const sent = charge(parent, subscription, due);
        running.add(sent);
        void sent.finally(() => running.delete(sent));
      }
    }
  }

  /** `/api/subscription`: `action` start | stop on a subscription's first order. */
  async function api(merchant: SandboxMerchant, parent: SandboxOrder, action: unknown) {
    if (action !== 'start' && action !== 'stop')
      throw new FlittFailure(1007, MESSAGES[1007]('action'));
    if (parent.params.subscription !== 'Y')
      throw new FlittFailure(1007, `${MESSAGES[1007]('order_id')}: not a subscription`);
    const subscription = state.subscriptions.get(state.keyOf(parent.merchantId, parent.orderId));
    // Flitt's docs do not say what a subscription whose first payment is not approved answers.
    if (!subscription)
      throw new FlittFailure(
        1007,
        `${MESSAGES[1007]('order_id')}: order is ${parent.status}, a subscription starts once its first payment is approved`,
      );
    runDue();
    if (action === 'stop') subscription.active = false;
    else if (!subscription.active) {
      // Resumes from the next due date: the dates that passed while stopped are not charged.
      const now = state.now();
      while (dueAt(planOf(parent), subscription, subscription.nextSlot) <= now)
        subscription.nextSlot += 1;
      subscription.active = true;
    }
    return signLikeFlitt(
      {
        order_id: parent.orderId,
        merchant_id: merchant.merchantId,
        status: subscription.active ? 'active' : 'disabled',
        response_status: 'success',
      },
      merchant.secretKey,
    );
  }

  /** Resolves when every charge started so far has been handed to the callback dispatcher. */
  async function idle(): Promise<void> {
    while (running.size > 0) await Promise.all([...running]);
  }

  return { runDue, api, idle };
}

/** The scheduler and `/api/subscription` over one sandbox's state. */
export type Subscriptions = ReturnType<typeof createSubscriptions>;
