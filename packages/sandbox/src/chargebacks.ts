// Chargebacks: the payer's bank takes a payment back, and Flitt notifies the order's
// `chargeback_callback_url`. Flitt's docs name the parameter and nothing else, so the
// notification's body is the sandbox's choice (README): the order object as a callback carries
// it, with `tran_type: 'chargeback'`, `chargeback_amount` (minor units, like every amount of an
// order object), `chargeback_id` and `chargeback_date`, signed with the payment key like any
// callback.
import { flittTime, orderObject, signLikeFlitt } from './orders.ts';
import { type SandboxMerchant, type SandboxState, TEST_MERCHANT } from './state.ts';

/**
 * Records a chargeback of `amount` (default: all that is still taken, less refunds and earlier
 * chargebacks) on a paid order and posts the signed notification to its
 * `chargeback_callback_url`, on Flitt's retry schedule. Resolves the notification's body; throws
 * for an order that is not there, not paid, or has less left than `amount`.
 */
export async function chargeback(
  state: SandboxState,
  orderId: string,
  amount?: number,
  merchantId: number = TEST_MERCHANT.merchantId,
): Promise<Record<string, unknown>> {
  const order = state.orders.get(state.keyOf(merchantId, orderId));
  if (!order) throw new Error(`no order ${orderId} at merchant ${merchantId}`);
  if (order.status !== 'approved')
    throw new Error(`order ${orderId} is ${order.status}: only a paid order can be charged back`);
  const taken =
    order.captureStatus === 'captured'
      ? (order.captureAmount ?? order.params.amount)
      : order.params.amount;
  const earlier = (order.chargebacks ?? []).reduce((sum, c) => sum + c.amount, 0);
  const left = taken - order.reversalAmount - earlier;
  const value = amount ?? left;
  if (!Number.isSafeInteger(value) || value <= 0 || value > left)
    throw new Error(
      `a chargeback of order ${orderId} must be 1 to ${left} minor units, got ${String(amount)}`,
    );
  const record = {
    id: order.paymentId * 100 + 50 + (order.chargebacks?.length ?? 0),
    amount: value,
    at: state.now(),
  };
  order.chargebacks = [...(order.chargebacks ?? []), record];
  const merchant = state.merchants.get(merchantId) as SandboxMerchant;
  const notice = await signLikeFlitt(
    {
      ...orderObject(order),
      tran_type: 'chargeback',
      chargeback_amount: String(record.amount),
      chargeback_id: String(record.id),
      chargeback_date: flittTime(record.at),
    },
    merchant.secretKey,
  );
  const url = order.params.chargeback_callback_url;
  if (typeof url === 'string' && url !== '')
    state.callbacks.send(url, notice, { orderId, orderStatus: 'chargeback' });
  else state.log(`chargeback ${orderId}: the order has no chargeback_callback_url, nothing posted`);
  return notice;
}
