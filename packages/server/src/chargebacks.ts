// Chargebacks: Flitt notifies `chargeback_callback_url` when a payer's bank takes a payment back.
// Its docs name the parameter, not the notice's body; this reads the body the sandbox sends (the
// order object with `tran_type: 'chargeback'` and `chargeback_amount` in minor units), and takes
// everything else from the order Flitt's status API confirms.
import type { FlittOrder } from '@flitt-checkout/core';
import type { PaymentChargebackEvent } from './events.ts';

/** Flitt's `tran_type` of a chargeback notice. */
export const CHARGEBACK = 'chargeback';

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/**
 * The event of a verified chargeback notice, given the order Flitt's status API returned for it:
 * undefined when the notice's amount is not a whole number of minor units between 1 and the
 * order's amount, or the order was never paid. Its id names the chargeback (`chargeback_id`, else
 * its amount and date), so each one is delivered once, and a second chargeback is a new event.
 */
export function chargebackEvent(
  notice: FlittOrder,
  confirmed: FlittOrder,
): PaymentChargebackEvent | undefined {
  const record = notice as FlittOrder & Record<string, unknown>;
  const amount = Number(confirmed.amount);
  const raw = text(record.chargeback_amount);
  const chargebackAmount = /^\d{1,12}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(chargebackAmount >= 1 && chargebackAmount <= amount)) return undefined;
  if (confirmed.order_status !== 'approved' && confirmed.order_status !== 'reversed')
    return undefined;
  const orderId = String(confirmed.order_id);
  const which = text(record.chargeback_id) || `${raw}@${text(record.chargeback_date)}`;
  return {
    type: 'payment.chargeback',
    id: `${orderId}|chargeback|${which}`,
    orderId,
    amount,
    currency: String(confirmed.currency ?? ''),
    order: confirmed,
    chargebackAmount,
  };
}
