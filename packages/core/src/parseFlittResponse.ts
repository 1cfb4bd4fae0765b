import { FlittResponseError } from './errors.ts';
import { decodeProtocol2 } from './signature.ts';
import type { FlittOrder, OrderStatus } from './types.ts';

/** Every `order_status` Flitt reports (api-reference §3.1). */
export const ORDER_STATUSES: readonly OrderStatus[] = [
  'created',
  'processing',
  'declined',
  'approved',
  'expired',
  'reversed',
];

/** Fields every parsed reply keeps: the flat object exactly as received, to verify its signature. */
interface Received {
  /** The flat reply as received (after unwrapping `response` / decoding protocol 2.0). */
  readonly response: Readonly<Record<string, unknown>>;
  /** `'2.0'` when the reply came as a base64 envelope (verify it with `verifyProtocol2`). */
  readonly protocol: '1.0' | '2.0';
}

/** A hosted checkout page was created (`/api/checkout/url`). */
export interface CheckoutUrlResult extends Received {
  readonly status: 'success';
  readonly kind: 'checkout_url';
  readonly checkoutUrl: string;
  readonly paymentId: string | undefined;
}

/** A payment token was created (`/api/checkout/token`) for the embedded checkout. */
export interface TokenResult extends Received {
  readonly status: 'success';
  readonly kind: 'token';
  readonly token: string;
}

/** An order object (status, recurring, callbacks) that was not declined. */
export interface OrderResult extends Received {
  readonly status: 'success';
  readonly kind: 'order';
  readonly order: FlittOrder;
}

/** A reverse (refund) reply. */
export interface ReverseResult extends Received {
  readonly status: 'success';
  readonly kind: 'reverse';
  readonly reverseStatus: string;
  readonly reversalAmount: number | undefined;
}

/** A capture reply for a pre-authorised order. */
export interface CaptureResult extends Received {
  readonly status: 'success';
  readonly kind: 'capture';
  readonly captureStatus: string;
}

/** A start/stop reply of `/api/subscription`: the subscription now charges (`active`) or not. */
export interface SubscriptionResult extends Received {
  readonly status: 'success';
  readonly kind: 'subscription';
  readonly subscriptionStatus: 'active' | 'disabled';
}

/** A valid request whose payment was refused: the order carries the decline reason. */
export interface DeclinedResult extends Received {
  readonly status: 'declined';
  readonly order: FlittOrder;
  readonly responseCode: number | undefined;
  readonly responseDescription: string;
}

/** Flitt refused the request itself (`response_status: failure`). */
export interface FailureResult extends Received {
  readonly status: 'failure';
  readonly errorCode: number;
  readonly errorMessage: string;
  readonly requestId: string | undefined;
}

/** Every reply Flitt gives, as a union on `status` (and `kind` for successes). */
export type FlittResult =
  | CheckoutUrlResult
  | TokenResult
  | OrderResult
  | ReverseResult
  | CaptureResult
  | SubscriptionResult
  | DeclinedResult
  | FailureResult;

function fail(message: string, cause?: unknown): never {
  throw new FlittResponseError(
    'invalid_response',
    `[flitt-checkout] ${message} This is not a reply Flitt sends; check the base URL and that nothing between you and Flitt rewrites the body.`,
    cause === undefined ? undefined : { cause },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The flat object inside Flitt's `{ response: … }` wrapper, or the object itself when bare;
 * `undefined` for anything that is not an object.
 *
 * @example
 * unwrapResponse({ response: { response_status: 'success' } }); // { response_status: 'success' }
 */
export function unwrapResponse(raw: unknown): Record<string, unknown> | undefined {
  if (!isRecord(raw)) return undefined;
  return isRecord(raw.response) ? raw.response : raw;
}

function toObject(raw: unknown): Record<string, unknown> {
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') fail('The reply is empty.');
    if (text.startsWith('{')) {
      try {
        return toObject(JSON.parse(text));
      } catch (cause) {
        if (cause instanceof FlittResponseError) throw cause;
        fail('The reply is not valid JSON.', cause);
      }
    }
    if (!text.includes('='))
      fail(`The reply is neither JSON nor form-encoded: "${text.slice(0, 60)}".`);
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (raw instanceof URLSearchParams) return Object.fromEntries(raw);
  if (!isRecord(raw)) fail(`Expected an object, got ${raw === null ? 'null' : typeof raw}.`);
  return raw;
}

function toCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function optionalString(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Turns whatever Flitt answered (`{response: {...}}` JSON, a JSON or form-encoded string, a flat
 * form-decoded object, or a protocol 2.0 envelope) into a discriminated union. Throws a
 * `FlittResponseError` for any other shape; it does not verify signatures.
 *
 * @example
 * const result = parseFlittResponse(await response.json());
 * if (result.status === 'success' && result.kind === 'checkout_url') location.assign(result.checkoutUrl);
 */
export function parseFlittResponse(raw: unknown): FlittResult {
  let flat = unwrapResponse(toObject(raw)) as Record<string, unknown>;
  let protocol: '1.0' | '2.0' = '1.0';
  if (flat.version === '2.0' && typeof flat.data === 'string') {
    try {
      flat = { response_status: 'success', ...decodeProtocol2(flat.data) };
    } catch (cause) {
      fail('The protocol 2.0 data is not base64 JSON holding an "order".', cause);
    }
    protocol = '2.0';
  }
  // Each result is one literal: on Node 20's V8 every property added after a spread
  // (`{ response, protocol, status }`) costs about 1 µs (BENCHMARKS.md §3c), and a reply had four.
  const response = flat;

  if (flat.response_status === 'failure') {
    const errorCode = toCode(flat.error_code);
    if (errorCode === undefined) {
      fail(
        `A failure reply must carry a numeric error_code, got ${JSON.stringify(flat.error_code)}.`,
      );
    }
    return {
      response,
      protocol,
      status: 'failure',
      errorCode,
      errorMessage: typeof flat.error_message === 'string' ? flat.error_message : '',
      requestId: optionalString(flat.request_id),
    };
  }
  if (flat.response_status !== 'success') {
    fail(
      `response_status must be "success" or "failure", got ${JSON.stringify(flat.response_status)}.`,
    );
  }
  if (typeof flat.checkout_url === 'string' && flat.checkout_url !== '') {
    return {
      response,
      protocol,
      status: 'success',
      kind: 'checkout_url',
      checkoutUrl: flat.checkout_url,
      paymentId: optionalString(flat.payment_id),
    };
  }
  if (typeof flat.token === 'string' && flat.token !== '') {
    return { response, protocol, status: 'success', kind: 'token', token: flat.token };
  }
  if (typeof flat.reverse_status === 'string') {
    return {
      response,
      protocol,
      status: 'success',
      kind: 'reverse',
      reverseStatus: flat.reverse_status,
      reversalAmount: toCode(flat.reversal_amount),
    };
  }
  if (typeof flat.capture_status === 'string') {
    return {
      response,
      protocol,
      status: 'success',
      kind: 'capture',
      captureStatus: flat.capture_status,
    };
  }
  if (flat.order_status === undefined && (flat.status === 'active' || flat.status === 'disabled')) {
    return {
      response,
      protocol,
      status: 'success',
      kind: 'subscription',
      subscriptionStatus: flat.status,
    };
  }
  if (ORDER_STATUSES.includes(flat.order_status as OrderStatus)) {
    if (typeof flat.order_id !== 'string' && typeof flat.order_id !== 'number') {
      fail('An order reply must carry an order_id.');
    }
    const order = flat as FlittOrder;
    if (order.order_status === 'declined') {
      return {
        response,
        protocol,
        status: 'declined',
        order,
        responseCode: toCode(flat.response_code),
        responseDescription:
          typeof flat.response_description === 'string' ? flat.response_description : '',
      };
    }
    return { response, protocol, status: 'success', kind: 'order', order };
  }
  if (flat.order_status !== undefined) {
    fail(`Unknown order_status ${JSON.stringify(flat.order_status)}.`);
  }
  return fail(
    'A success reply carries none of checkout_url, token, order_status, reverse_status, capture_status or a subscription status.',
  );
}
