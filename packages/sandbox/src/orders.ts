import {
  type CreateOrderParams,
  createSignature,
  type OrderStatus,
  RESPONSE_CODE_MEANINGS,
  signingValues,
} from '@flitt-checkout/core';
import type { TestCard } from './cards.ts';
import type { StatusChange } from './statusHistory.ts';

/** A card that paid (or tried to pay) an order, as Flitt reports it. */
interface PaidCard {
  readonly masked: string;
  readonly bin: number;
  readonly brand: TestCard['brand'];
}

/**
 * `verification_status` of a `verification=Y` order. Flitt's docs name the field ("with `code`
 * the payer must also enter a code") but not its values; these are the Fondy-era reference's for
 * the code check (created: code awaited; verified; incorrect: a wrong code, tries left; failed).
 * The sandbox reports them for `verification_type=amount` too (verified / failed): a guess.
 */
export type VerificationStatus = 'created' | 'verified' | 'incorrect' | 'failed';

/** One order in the sandbox's memory. */
export interface SandboxOrder {
  readonly merchantId: number;
  readonly orderId: string;
  readonly params: CreateOrderParams & Record<string, unknown>;
  readonly token: string;
  readonly paymentId: number;
  readonly createdAt: number;
  readonly expiresAt: number;
  status: OrderStatus;
  /** Set by trackStatus: the first status and each change. */
  readonly statusHistory: readonly StatusChange[];
  responseCode: number | '';
  responseDescription: string;
  attempts: number;
  card?: PaidCard;
  /** The wallet the last attempt paid with (the sandbox's stand-in Apple Pay / Google Pay sheet). */
  wallet?: 'apple' | 'google';
  eci?: number;
  approvalCode?: string;
  rrn?: string;
  rectoken?: string;
  rectokenLifetime?: string;
  verificationStatus?: VerificationStatus;
  captureStatus?: 'hold' | 'captured';
  captureAmount?: number;
  /** Chargebacks the control API made (`control.chargeback`), in minor units, oldest first. */
  chargebacks?: readonly { readonly id: number; readonly amount: number; readonly at: number }[];
  reversalAmount: number;
  readonly reversals: Map<string, Record<string, unknown>>;
  parentOrderId?: string;
  /** `settlement` for an order made by `/api/settlement` (a split of a paid order). */
  tranType: 'purchase' | 'settlement' | 'p2p credit';
  /**
   * A split: on the settlement order and on the paid order it splits (`operation_id`), the same
   * receivers' parts, so a split refund on the paid order shows on both.
   */
  split?: SplitRecord;
  /** The protocol of the request that created it: Flitt answers a 2.0 merchant in 2.0. */
  readonly protocol: '1.0' | '2.0';
}

/** One receiver's part of a split payment, in minor units. */
export interface SplitPart {
  readonly merchantId: number;
  readonly amount: number;
  /** Given back so far by split refunds (`/api/reverse/order_id` with `receiver`). */
  reversed: number;
}

/** Which settlement split which paid order, and how. */
export interface SplitRecord {
  readonly settlementOrderId: string;
  readonly operationId: string;
  readonly parts: readonly SplitPart[];
}

const two = (n: number) => String(n).padStart(2, '0');

/** `DD.MM.YYYY hh:mm:ss` in UTC, Flitt's `order_time` format. */
export function flittTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** Flitt's English `response_description` for a code. */
export function describeCode(code: number): string {
  const meaning = RESPONSE_CODE_MEANINGS[code] ?? 'Declined';
  return meaning.charAt(0).toUpperCase() + meaning.slice(1);
}

/**
 * `length` letters and digits, upper and lower case: the shape of Flitt's card tokens
 * (`rectoken`; the documented one, API reference §1 vector 2, has 46).
 */
export function randomAlphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(
    crypto.getRandomValues(new Uint8Array(length)),
    (b) => alphabet[b % alphabet.length],
  ).join('');
}

/** Random hex of the given length (payment tokens are 40 hex characters at Flitt). */
export function randomHex(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(Math.ceil(length / 2)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, length);
}

// Python-style JSON (", " and ": "), which is what Flitt's additional_info looks like; verifiers
// must sign it verbatim, and this spacing catches any that re-serialise it.
function pythonJson(value: Record<string, unknown>): string {
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v ?? null)}`)
    .join(', ')}}`;
}

/** The order object Flitt sends (status replies, callbacks, `response_url` posts), unsigned. */
export function orderObject(order: SandboxOrder): Record<string, unknown> {
  const p = order.params;
  const approvedLike = order.status === 'approved' || order.status === 'reversed';
  return {
    order_id: order.orderId,
    merchant_id: order.merchantId,
    amount: String(p.amount),
    currency: p.currency,
    order_status: order.status,
    response_status: 'success',
    tran_type: order.tranType,
    sender_cell_phone: '',
    sender_account: '',
    sender_email: p.sender_email ?? '',
    masked_card: order.card?.masked ?? '',
    card_bin: order.card?.bin ?? '',
    card_type: order.card?.brand ?? '',
    rrn: order.rrn ?? '',
    approval_code: order.approvalCode ?? '',
    response_code: order.responseCode,
    response_description: order.responseDescription,
    reversal_amount: String(order.reversalAmount),
    settlement_amount: '0',
    settlement_currency: '',
    settlement_date: '',
    order_time: flittTime(order.createdAt),
    eci: order.eci === undefined ? '' : String(order.eci),
    fee: '0',
    payment_system: order.card ? 'card' : '',
    payment_id: order.paymentId,
    // The authorised amount, also after a partial capture: the capture shows in additional_info
    // (docs.flitt.com/api/get-capture-status: "capture_amount will be lower than actual_amount").
    actual_amount: approvedLike ? String(p.amount) : '0',
    actual_currency: approvedLike ? p.currency : '',
    product_id: p.product_id ?? '',
    merchant_data: p.merchant_data ?? '',
    verification_status: order.verificationStatus ?? '',
    rectoken: order.rectoken ?? '',
    rectoken_lifetime: order.rectokenLifetime ?? '',
    parent_order_id: order.parentOrderId ?? '',
    // A settlement order names the paid order it split, as its request did.
    ...(order.tranType === 'settlement' && order.split
      ? { operation_id: order.split.operationId }
      : {}),
    additional_info: pythonJson({
      capture_status: order.captureStatus ?? null,
      capture_amount: order.captureAmount === undefined ? null : order.captureAmount / 100,
      reservation_data: null,
      transaction_id: order.paymentId * 10 + order.attempts,
      bank_response_code: null,
      bank_response_description: null,
      client_fee: 0.0,
      settlement_fee: 0.0,
      bank_name: null,
      bank_country: null,
      card_type: order.card?.brand ?? null,
      card_product: null,
      card_category: null,
      timeend: flittTime(order.expiresAt),
      ipaddress_v4: '127.0.0.1',
      // A wallet's card is still a card to Flitt (payment_system); which wallet carried it is the
      // sandbox's guess at the name Flitt's direct API gives it (`wallet`: applepay / googlepay).
      payment_method: order.wallet ? `${order.wallet}pay` : order.card ? 'card' : null,
      version_3ds: order.eci === 5 ? 2 : null,
      is_test: true,
    }),
  };
}

/**
 * Signs an object like Flitt in test mode: `signature` plus `response_signature_string` with
 * every occurrence of the key masked (which is why it cannot always be turned back).
 */
export async function signLikeFlitt(
  body: Record<string, unknown>,
  secretKey: string,
): Promise<Record<string, unknown>> {
  const signature = await createSignature(body, secretKey);
  const masked = [secretKey, ...signingValues(body)].join('|').split(secretKey).join('**********');
  return { ...body, response_signature_string: masked, signature };
}
