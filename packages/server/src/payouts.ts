// Payouts (`/api/p2pcredit`): money to a card by its token, signed with the payout ("credit")
// key, which signs nothing else: the payment key never signs a payout, and the payout key never a
// payment. The reply and the payout's callbacks are verified with it too.
import {
  type CreateOrderParams,
  decodeProtocol2,
  FlittConfigError,
  FlittError,
  type FlittOrder,
  type FlittResult,
  FlittValidationError,
  requireAmount,
  requireCurrency,
  requireText,
  unwrapResponse,
} from '@flitt-checkout/core';
import {
  type CallOptions,
  createFlittCaller,
  isEnvelope,
  signedOrder,
} from './createFlittCaller.ts';
import { FlittSignatureError } from './errors.ts';
import type { PayoutApprovedEvent, PayoutDeclinedEvent } from './events.ts';
import type { ClientConfig } from './readClientConfig.ts';

/** Flitt's `tran_type` of a payout. */
const P2P_CREDIT = 'p2p credit';

/** Who receives a payout: a card token Flitt issued, or one from UFC; never a card number (1074). */
type PayoutReceiver =
  | {
      /** A `rectoken` Flitt issued (a saved card). */ receiverRectoken: string;
      externalRectoken?: never;
    }
  | { /** A card token from UFC. */ externalRectoken: string; receiverRectoken?: never };

/** What `client.payout()` sends; amounts in minor units (1020 = 10.20 GEL). */
export type PayoutInput = {
  /** Your id for the payout, unique among all your orders (1013 otherwise). */
  orderId: string;
  amount: number;
  currency: CreateOrderParams['currency'];
  /** Shown in Flitt's portal (`order_desc`). */
  description: string;
  /** Where Flitt posts the payout's result (`server_callback_url`); mount the callback handler there. */
  callbackUrl?: string;
  /** Echoed back in the reply and callbacks (`merchant_data`). */
  merchantData?: string;
} & PayoutReceiver;

/** What Flitt answered a payout, verified with the payout key; `order` is its signed reply. */
export type Payout =
  | {
      readonly status: 'approved';
      readonly orderId: string;
      readonly amount: number;
      readonly currency: string;
      readonly order: FlittOrder;
    }
  | {
      readonly status: 'declined';
      readonly orderId: string;
      readonly amount: number;
      readonly currency: string;
      /** Flitt's code (1058: the receiving card's issuer declined …). */
      readonly responseCode: number;
      readonly responseDescription: string;
      readonly order: FlittOrder;
    }
  | {
      /** Not final yet: the callback to `callbackUrl` brings the result. */
      readonly status: 'processing';
      readonly orderId: string;
      readonly amount: number;
      readonly currency: string;
      readonly order: FlittOrder;
    };

/** The payout methods of the client. */
export interface PayoutMethods {
  payout(input: PayoutInput, options?: CallOptions): Promise<Payout>;
  verifyPayout(posted: unknown): Promise<FlittOrder | null>;
}

const issue = (param: string, message: string, flittCode: number) =>
  new FlittValidationError([{ param, kind: 'format', message, flittCode }], 'payout parameters');

/** The signed request's parameters, checked before anything is sent. */
function payoutParams(input: PayoutInput, merchantId: number): Record<string, unknown> {
  if (typeof input !== 'object' || input === null)
    throw issue(
      '(payout)',
      'must be an object: { orderId, amount, currency, description, receiverRectoken }.',
      1010,
    );
  const params: Record<string, unknown> = {
    order_id: requireText(input.orderId, 'order_id'),
    merchant_id: merchantId,
    order_desc: requireText(input.description, 'order_desc'),
    amount: requireAmount(input.amount),
    currency: requireCurrency(input.currency),
  };
  const { receiverRectoken, externalRectoken } = input as {
    receiverRectoken?: unknown;
    externalRectoken?: unknown;
  };
  if ((receiverRectoken === undefined) === (externalRectoken === undefined))
    throw issue(
      'receiverRectoken',
      'pass exactly one of receiverRectoken (a card token Flitt issued) and externalRectoken (UFC): Flitt pays out by token only.',
      1074,
    );
  if (receiverRectoken !== undefined)
    params.receiver_rectoken = requireText(receiverRectoken, 'receiver_rectoken', 100);
  else params.external_rectoken = requireText(externalRectoken, 'external_rectoken', 100);
  if (input.callbackUrl !== undefined) {
    if (typeof input.callbackUrl !== 'string' || !/^https?:\/\/[^/]/.test(input.callbackUrl))
      throw issue('callbackUrl', 'must be an absolute http(s) URL that Flitt can reach.', 1007);
    params.server_callback_url = requireText(input.callbackUrl, 'server_callback_url', 2048);
  }
  if (input.merchantData !== undefined)
    params.merchant_data = requireText(input.merchantData, 'merchant_data', 2048);
  return params;
}

/** The typed payout of a verified reply to `/api/p2pcredit` for `orderId`. */
function payoutOf(result: FlittResult, orderId: string): Payout {
  const order =
    result.status === 'declined' || (result.status === 'success' && result.kind === 'order')
      ? result.order
      : undefined;
  if (!order || order.tran_type !== P2P_CREDIT)
    throw new FlittError(
      'invalid_response',
      "[flitt-checkout] Flitt's reply to /api/p2pcredit is not a payout (tran_type 'p2p credit').",
    );
  if (String(order.order_id) !== orderId)
    throw new FlittSignatureError(
      `[flitt-checkout] Flitt answered the payout "${orderId}" with order "${order.order_id}".`,
    );
  const base = {
    orderId,
    amount: Number(order.amount),
    currency: String(order.currency ?? ''),
    order,
  };
  if (order.order_status === 'approved') return { status: 'approved', ...base };
  if (order.order_status === 'declined' || result.status === 'declined') {
    const code = Number(order.response_code);
    return {
      status: 'declined',
      ...base,
      responseCode: Number.isSafeInteger(code) && code > 0 ? code : 1000,
      responseDescription: String(order.response_description ?? ''),
    };
  }
  return { status: 'processing', ...base };
}

/** The flat object of a posted body, whether it is the order or a protocol 2.0 envelope. */
function postedOrder(posted: unknown): Record<string, unknown> | undefined {
  const body = unwrapResponse(posted);
  if (!isEnvelope(body)) return body;
  try {
    return decodeProtocol2(body.data);
  } catch {
    return undefined;
  }
}

/**
 * True for a post that says it is a payout's callback (`tran_type: 'p2p credit'`): not verified
 * here, only which key to verify it with.
 */
export const isPayoutPost = (posted: unknown): boolean =>
  postedOrder(posted)?.tran_type === P2P_CREDIT;

/** The payout methods over a checked configuration; they need `creditKey`. */
export function createPayoutMethods(config: ClientConfig): PayoutMethods {
  // A caller of its own whose only key is the payout key: the payment key cannot sign a payout,
  // and the payout key is what its messages are redacted of.
  const caller = config.creditKey
    ? createFlittCaller({ ...config, secretKey: config.creditKey })
    : undefined;
  const creditKey = (): string => {
    if (config.creditKey) return config.creditKey;
    throw new FlittConfigError(
      'missing_credit_key',
      '[flitt-checkout] payouts need creditKey: pass the payout key from the Flitt portal (test merchant 1549901: "testcredit"), e.g. from process.env.FLITT_CREDIT_KEY. It is a key of its own, not secretKey.',
    );
  };

  return {
    async payout(input, call) {
      creditKey();
      const params = payoutParams(input, config.merchantId);
      const path = '/api/p2pcredit';
      // Never retried: a payout that reached Flitt and lost its answer must not be sent twice
      // (the same orderId again is refused with 1013, which says it arrived).
      const result = await (caller as NonNullable<typeof caller>).send(path, params, call);
      return payoutOf(result, String(params.order_id));
    },

    async verifyPayout(posted) {
      const order = await signedOrder(posted, creditKey(), config.merchantId);
      return order?.tran_type === P2P_CREDIT ? order : null;
    },
  };
}

/**
 * The event a verified payout callback stands for: `payout.approved` or `payout.declined`;
 * undefined while it is not final. Its id covers the status and the code, so each outcome is
 * delivered once however often Flitt posts it.
 */
export function payoutEvent(
  order: FlittOrder,
): PayoutApprovedEvent | PayoutDeclinedEvent | undefined {
  const orderId = String(order.order_id);
  const base = {
    id: [orderId, 'payout', order.order_status, order.response_code ?? ''].join('|'),
    orderId,
    amount: Number(order.amount),
    currency: String(order.currency ?? ''),
    order,
  };
  if (order.order_status === 'approved') return { type: 'payout.approved', ...base };
  if (order.order_status !== 'declined') return undefined;
  const code = Number(order.response_code);
  return {
    type: 'payout.declined',
    ...base,
    responseCode: Number.isSafeInteger(code) && code > 0 ? code : 1000,
  };
}
