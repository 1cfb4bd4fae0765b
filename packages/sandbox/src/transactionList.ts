// `/api/transaction_list`: an order's transactions as a bare JSON array with amounts in decimal
// major units (`20.0`), or `[]`. Flitt documents the array and its amounts, not its fields: the
// ones here (id, tran_type, transaction_status, amount, currency, timestart …) are the sandbox's
// choice, listed in the README.
import { merchantAuth } from './merchantAuth.ts';
import { flittTime, type SandboxOrder } from './orders.ts';
import type { SandboxState } from './state.ts';
import { FlittFailure, MESSAGES, type ParsedRequest } from './wire.ts';

/** Minor units as Flitt's major-unit decimal, in Python's float spelling: 2000 → `20.0`, 5 → `0.05`. */
export function majorUnits(minor: number): string {
  const cents = minor % 100;
  const fraction = cents === 0 ? '0' : String(cents).padStart(2, '0').replace(/0$/, '');
  return `${Math.floor(minor / 100)}.${fraction}`;
}

/** One transaction of an order; `amount` in minor units until it is written out. */
interface Transaction {
  readonly id: number;
  readonly tranType: string;
  readonly status: 'approved' | 'declined' | 'processing';
  readonly amount: number;
  readonly at: number;
  readonly responseCode?: number | '';
}

/** What happened to an order, oldest first: its payment, capture, refunds and chargebacks. */
function transactionsOf(order: SandboxOrder): Transaction[] {
  const list: Transaction[] = [];
  const base = order.paymentId * 100;
  const paid = order.status === 'approved' || order.status === 'reversed';
  if (paid || order.status === 'declined' || order.attempts > 0) {
    list.push({
      id: base,
      tranType: order.tranType,
      status: paid ? 'approved' : order.responseCode !== '' ? 'declined' : 'processing',
      amount: order.params.amount,
      at: order.createdAt,
      responseCode: order.responseCode,
    });
  }
  if (order.captureStatus === 'captured' && order.captureAmount !== undefined)
    list.push({
      id: base + 1,
      tranType: 'capture',
      status: 'approved',
      amount: order.captureAmount,
      at: order.createdAt,
    });
  // Each reverse reply carries the cumulative reversal_amount: its own amount is the step.
  let reversed = 0;
  for (const reply of order.reversals.values()) {
    const total = Number(reply.reversal_amount);
    if (reply.reverse_status !== 'approved' || !(total > reversed)) continue;
    list.push({
      id: Number(reply.transaction_id) || base + 2 + list.length,
      tranType: 'reverse',
      status: 'approved',
      amount: total - reversed,
      at: order.createdAt,
    });
    reversed = total;
  }
  // A card check's hold goes back without a reverse request.
  if (order.reversalAmount > reversed)
    list.push({
      id: base + 2 + list.length,
      tranType: 'reverse',
      status: 'approved',
      amount: order.reversalAmount - reversed,
      at: order.createdAt,
    });
  for (const chargeback of order.chargebacks ?? [])
    list.push({
      id: chargeback.id,
      tranType: 'chargeback',
      status: 'approved',
      amount: chargeback.amount,
      at: chargeback.at,
    });
  return list;
}

/** The array as JSON text with amounts spelled as Flitt does (`20.0`, which JSON.stringify writes `20`). */
function listJson(order: SandboxOrder): string {
  const items = transactionsOf(order).map((t) => {
    const fields: [string, string][] = [
      ['id', String(t.id)],
      ['order_id', JSON.stringify(order.orderId)],
      ['merchant_id', String(order.merchantId)],
      ['tran_type', JSON.stringify(t.tranType)],
      ['transaction_status', JSON.stringify(t.status)],
      ['amount', majorUnits(t.amount)],
      ['currency', JSON.stringify(order.params.currency)],
      ['timestart', JSON.stringify(flittTime(t.at))],
      ['response_code', JSON.stringify(t.responseCode ?? '')],
      ['masked_card', JSON.stringify(order.card?.masked ?? '')],
      ['card_type', JSON.stringify(order.card?.brand ?? '')],
      ['payment_system', JSON.stringify(order.card ? 'card' : '')],
    ];
    return `{${fields.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`;
  });
  return `[${items.join(', ')}]`;
}

/**
 * `/api/transaction_list` (`order_id`, signed with the payment key): the bare array, not wrapped
 * in `response`, and not signed (Flitt documents no signature for it). A refusal is Flitt's usual
 * failure object.
 */
export async function transactionList(
  state: SandboxState,
  parsed: ParsedRequest,
  settle: (order: SandboxOrder) => void,
): Promise<Response> {
  const { params } = parsed;
  if (params.order_id === undefined || params.order_id === null)
    throw new FlittFailure(1011, MESSAGES[1011]('order_id'));
  if (params.order_id === '') throw new FlittFailure(1009, MESSAGES[1009]('order_id'));
  const merchant = await merchantAuth(state, parsed, 'secretKey');
  const order = state.orders.get(state.keyOf(merchant.merchantId, String(params.order_id)));
  if (!order) throw new FlittFailure(1018, MESSAGES[1018]);
  settle(order);
  return new Response(listJson(order), {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
