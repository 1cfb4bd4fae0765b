// Split payments (docs.flitt.com/api/split): `/api/settlement` divides a paid order between
// merchants, in protocol 2.0 only (the receivers are nested), and a reverse with `receiver` gives
// back part of each one's share. Every amount is an integer of minor units, and the parts are
// checked against the amount before anything is sent: Flitt's 1120 becomes a typed error here.
import {
  type CreateOrderParams,
  FlittError,
  type FlittOrder,
  type FlittResult,
  FlittValidationError,
  MAX_AMOUNT,
  type OrderStatus,
  type ReverseResult,
  requireAmount,
  requireText,
  type ValidationIssue,
  validateOrder,
} from '@flitt-checkout/core';
import type { CallOptions, FlittCaller } from './createFlittCaller.ts';
import { FlittApiError, FlittSignatureError } from './errors.ts';

/** One merchant's part of a split payment. */
export interface SettlementReceiver {
  /** The Flitt merchant that receives the part: one of your company's (another's is 1107). */
  merchantId: number;
  /** Minor units (1020 = 10.20 GEL). */
  amount: number;
  /** The purpose of the transfer, as the receiver sees it (`settlement_description`). */
  description: string;
  /** The partner's fee for this part, in minor units (`fee_partner_amount`). */
  feePartnerAmount?: number;
}

/** Parameters of a split of a paid order (`client.settle`). */
export interface SettleInput {
  /** A new order id for the split itself (not the paid order's). */
  orderId: string;
  /** The paid order to split (for a pre-authorisation: captured first, or Flitt answers 1114). */
  operationId: string;
  /** Minor units: what the paid order holds (captured, less refunds); the parts add up to it. */
  amount: number;
  currency: CreateOrderParams['currency'];
  /** The split's `order_desc`. */
  description: string;
  receivers: readonly SettlementReceiver[];
  /** Where Flitt posts the split's callback (`server_callback_url`), e.g. the handlers' callbackUrl. */
  callbackUrl?: string;
}

/** A split Flitt confirmed in its signed reply. */
export interface SettlementResult {
  /** The split's own order. */
  readonly orderId: string;
  /** The paid order it split. */
  readonly operationId: string;
  readonly status: OrderStatus;
  /** Minor units. */
  readonly amount: number;
  readonly currency: string;
  /** The parts Flitt accepted, as sent (its reply lists none), in minor units. */
  readonly receivers: readonly { readonly merchantId: number; readonly amount: number }[];
  /** The split's order object, verified. */
  readonly order: FlittOrder;
}

/** How much of one receiver's share a split refund takes back. */
export interface SplitRefundReceiver {
  merchantId: number;
  /** Minor units. */
  amount: number;
}

const isMerchantId = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) > 0 && (value as number) < 1e12;

const describe = (value: unknown) =>
  typeof value === 'string' ? `"${value.slice(0, 20)}"` : String(value);

/** `check`'s issues, renamed to `param`; its value, or undefined when it refused. */
function collect<T>(issues: ValidationIssue[], param: string, check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof FlittValidationError)) throw error;
    issues.push(...error.issues.map((issue) => ({ ...issue, param })));
    return undefined;
  }
}

/**
 * Checks receivers (`merchantId`, `amount`, and for a split `description` and `feePartnerAmount`)
 * and that their amounts add up to `amount`; the valid parts, with every problem in `issues`.
 */
function checkReceivers(
  issues: ValidationIssue[],
  receivers: unknown,
  amount: number | undefined,
  settlement: boolean,
): { merchantId: number; amount: number; description?: string; feePartnerAmount?: number }[] {
  const shape = settlement
    ? '{ merchantId, amount, description, feePartnerAmount? }'
    : '{ merchantId, amount }';
  if (!Array.isArray(receivers) || receivers.length === 0) {
    issues.push({
      param: 'receivers',
      kind: receivers === undefined ? 'missing' : 'type',
      message: `must be a non-empty array of ${shape}, amounts in minor units, got ${Array.isArray(receivers) ? 'an empty array' : typeof receivers}.`,
      flittCode: receivers === undefined ? 1011 : 1007,
    });
    return [];
  }
  const parts: ReturnType<typeof checkReceivers> = [];
  const seen = new Set<number>();
  let complete = true;
  receivers.forEach((entry: unknown, i) => {
    const at = `receivers[${i}]`;
    const receiver = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    const { merchantId } = receiver;
    if (!isMerchantId(merchantId)) {
      issues.push({
        param: `${at}.merchantId`,
        kind: merchantId === undefined ? 'missing' : 'type',
        message: `must be the receiver's numeric Flitt merchant id, got ${describe(merchantId)}.`,
        flittCode: 1007,
      });
      complete = false;
    } else if (seen.has(merchantId)) {
      issues.push({
        param: `${at}.merchantId`,
        kind: 'conflict',
        message: `names merchant ${merchantId} a second time: give each receiver one entry with its whole part.`,
        flittCode: 1007,
      });
    } else seen.add(merchantId);
    const part = collect(issues, `${at}.amount`, () => requireAmount(receiver.amount));
    if (part === undefined) complete = false;
    let description: string | undefined;
    if (settlement) {
      description = collect(issues, `${at}.description`, () =>
        requireText(receiver.description, 'description'),
      );
      const fee = receiver.feePartnerAmount;
      if (
        fee !== undefined &&
        !(Number.isSafeInteger(fee) && (fee as number) >= 0 && (fee as number) <= MAX_AMOUNT)
      )
        issues.push({
          param: `${at}.feePartnerAmount`,
          kind: 'type',
          message: `must be an integer of minor units, 0 or more, got ${describe(fee)}.`,
          flittCode: 1007,
        });
    }
    if (isMerchantId(merchantId) && part !== undefined)
      parts.push({
        merchantId,
        amount: part,
        ...(description === undefined ? {} : { description }),
        ...(typeof receiver.feePartnerAmount === 'number'
          ? { feePartnerAmount: receiver.feePartnerAmount }
          : {}),
      });
  });
  const sum = parts.reduce((total, p) => total + p.amount, 0);
  if (complete && amount !== undefined && sum !== amount) {
    issues.push({
      param: 'receivers',
      kind: 'conflict',
      message: `amounts add up to ${sum}, but amount is ${amount}: make the parts add up to the amount exactly (Flitt refuses a split that does not with 1120).`,
      flittCode: 1120,
    });
  }
  return parts;
}

/** Flitt's names for the order fields of a split, and ours. */
const OUR_NAMES: Readonly<Record<string, string>> = {
  order_id: 'orderId',
  order_desc: 'description',
  server_callback_url: 'callbackUrl',
};

/**
 * The `/api/settlement` order for `input`, checked: every problem at once, named by `input`'s
 * fields, in a `FlittValidationError`.
 */
function settlementRequest(input: SettleInput, merchantId: number): Record<string, unknown> {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Partial<SettleInput>;
  const order: Record<string, unknown> = {
    order_type: 'settlement',
    order_id: raw.orderId,
    operation_id: raw.operationId,
    merchant_id: merchantId,
    order_desc: raw.description,
    amount: raw.amount,
    currency: raw.currency,
  };
  if (raw.callbackUrl !== undefined) order.server_callback_url = raw.callbackUrl;
  const { order_type: _type, operation_id: _operation, ...flat } = order;
  const checked = validateOrder(flat, { protocol: '2.0' });
  const issues: ValidationIssue[] = checked.ok
    ? []
    : checked.error.issues
        .filter((issue) => issue.kind !== 'unknown')
        .map((issue) => ({ ...issue, param: OUR_NAMES[issue.param] ?? issue.param }));
  collect(issues, 'operationId', () => requireText(raw.operationId, 'operationId'));
  if (typeof raw.orderId === 'string' && raw.orderId === raw.operationId)
    issues.push({
      param: 'orderId',
      kind: 'conflict',
      message:
        "must be a new order id for the split, not the paid order's (operationId): Flitt answers 1013 for an order id that is taken.",
      flittCode: 1013,
    });
  const amountValid = Number.isSafeInteger(raw.amount) && (raw.amount as number) > 0;
  const parts = checkReceivers(issues, raw.receivers, amountValid ? raw.amount : undefined, true);
  if (issues.length > 0) throw new FlittValidationError(issues, 'settlement parameters');
  order.receiver = parts.map((part) => ({
    type: 'merchant',
    requisites: {
      amount: part.amount,
      merchant_id: part.merchantId,
      settlement_description: part.description,
      ...(part.feePartnerAmount === undefined ? {} : { fee_partner_amount: part.feePartnerAmount }),
    },
  }));
  return order;
}

/**
 * The `receiver` of a split refund of `amount`: each part checked, and their sum against the
 * amount, before anything is sent.
 */
export function splitRefundReceiver(receivers: unknown, amount: number): Record<string, unknown>[] {
  const issues: ValidationIssue[] = [];
  const parts = checkReceivers(issues, receivers, amount, false);
  if (issues.length > 0) throw new FlittValidationError(issues, 'reverse parameters');
  return parts.map((part) => ({
    type: 'merchant',
    requisites: { amount: part.amount, merchant_id: part.merchantId },
  }));
}

/**
 * A split refund's verified reply: returned when approved; a declined one (Flitt's split docs
 * answer a receiver it cannot take back from so, with `response_code`) is thrown as a
 * `FlittApiError` with that code: 1108 a merchant that is not one of the order's receivers.
 */
export function splitRefundResult(result: ReverseResult): ReverseResult {
  if (result.reverseStatus !== 'declined') return result;
  const code = Number(result.response.response_code);
  throw new FlittApiError(
    Number.isSafeInteger(code) && code > 0 ? code : 1000,
    String(result.response.response_description ?? ''),
    undefined,
    '/api/reverse/order_id (split refund)',
  );
}

/** `/api/settlement`: sends the checked split in protocol 2.0 and reads Flitt's verified reply. */
export async function sendSettlement(
  send: FlittCaller['send'],
  merchantId: number,
  input: SettleInput,
  call?: CallOptions,
): Promise<SettlementResult> {
  const path = '/api/settlement';
  const request = settlementRequest(input, merchantId);
  const result: FlittResult = await send(path, request, call);
  const order =
    result.status === 'declined' || (result.status === 'success' && result.kind === 'order')
      ? result.order
      : undefined;
  if (!order) {
    throw new FlittError(
      'invalid_response',
      `[flitt-checkout] Flitt's reply to ${path} holds no order object.`,
    );
  }
  if (String(order.order_id) !== input.orderId) {
    throw new FlittSignatureError(
      `[flitt-checkout] Flitt answered the split "${input.orderId}" with order "${order.order_id}".`,
    );
  }
  if (result.status === 'declined') {
    throw new FlittApiError(
      result.responseCode ?? 1000,
      result.responseDescription,
      undefined,
      path,
    );
  }
  if (Number(order.amount) !== input.amount) {
    throw new FlittError(
      'invalid_response',
      `[flitt-checkout] Flitt confirmed the split "${input.orderId}" for ${String(order.amount)}, not ${input.amount}: read the order's status before acting on it.`,
    );
  }
  const operation = order.operation_id;
  if (operation !== undefined && String(operation) !== input.operationId) {
    throw new FlittSignatureError(
      `[flitt-checkout] Flitt answered the split of "${input.operationId}" for order "${String(operation)}".`,
    );
  }
  return {
    orderId: input.orderId,
    operationId: input.operationId,
    status: order.order_status,
    amount: input.amount,
    currency: String(order.currency ?? input.currency),
    receivers: input.receivers.map((r) => ({ merchantId: r.merchantId, amount: r.amount })),
    order,
  };
}
