import { decodeBase64Utf8, decodeProtocol2, encodeBase64Utf8 } from '@flitt-checkout/core';
import type { CallbackAttempt } from './callbacks.ts';

/** One field of a callback to change while keeping Flitt's signature: a forgery to refuse. */
export interface Tamper {
  readonly field: string;
  readonly value: string;
}

/** What `POST /sandbox/control/redeliver` asks for. */
export interface RedeliverRequest {
  readonly orderId: string;
  readonly merchantId?: number;
  readonly tamper?: Tamper;
}

/** A redelivery the sandbox cannot make, with the HTTP status the control API answers. */
class RedeliverRefused extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

const FIELD = /^[A-Za-z0-9_]{1,64}$/;

/**
 * Narrows a control request's JSON body: `{ order_id, merchant_id?, tamper?: { field, value } }`.
 */
function readRedeliverRequest(body: Record<string, unknown>): RedeliverRequest {
  const { order_id: orderId, merchant_id: merchantId, tamper } = body;
  if (typeof orderId !== 'string' || orderId === '')
    throw new RedeliverRefused(400, 'order_id must be the order id as a non-empty string');
  if (merchantId !== undefined && !(Number.isInteger(merchantId) && Number(merchantId) > 0))
    throw new RedeliverRefused(400, 'merchant_id must be a positive whole number, or left out');
  const merchant = merchantId === undefined ? {} : { merchantId: Number(merchantId) };
  if (tamper === undefined) return { orderId, ...merchant };
  if (typeof tamper !== 'object' || tamper === null)
    throw new RedeliverRefused(400, 'tamper must be { "field": "amount", "value": "1" }');
  const { field, value } = tamper as Record<string, unknown>;
  if (typeof field !== 'string' || !FIELD.test(field))
    throw new RedeliverRefused(400, 'tamper.field must be a callback field name, like amount');
  if (typeof value !== 'string')
    throw new RedeliverRefused(
      400,
      'tamper.value must be a string (Flitt sends every value as one)',
    );
  return { orderId, ...merchant, tamper: { field, value } };
}

/** The protocol 2.0 envelope inside a callback body, when it is one. */
function envelopeOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const response = body.response;
  if (typeof response !== 'object' || response === null) return undefined;
  return typeof (response as Record<string, unknown>).data === 'string'
    ? (response as Record<string, unknown>)
    : undefined;
}

/**
 * The callback's order fields: the flat body itself (protocol 1.0) or the order inside the
 * envelope's base64 (2.0).
 */
export function callbackOrder(body: Record<string, unknown>): Record<string, unknown> {
  const envelope = envelopeOf(body);
  if (!envelope) return body;
  try {
    return decodeProtocol2(String(envelope.data));
  } catch {
    return {}; // not an envelope Flitt would send: nothing in it to tamper with
  }
}

/**
 * The callback with one field changed and its signature kept. In a 2.0 envelope the field is
 * changed inside `data` (re-encoded), or is the envelope's own `signature` / `version`.
 */
export function tamperCallback(
  body: Record<string, unknown>,
  { field, value }: Tamper,
): Record<string, unknown> {
  const envelope = envelopeOf(body);
  const order = callbackOrder(body);
  const refuse = (message: string) => new RedeliverRefused(400, message);
  if (
    envelope &&
    field !== 'data' &&
    !Object.hasOwn(order, field) &&
    Object.hasOwn(envelope, field)
  ) {
    if (String(envelope[field]) === value) throw refuse(`${field} is already ${value}`);
    return { ...body, response: { ...envelope, [field]: value } };
  }
  // Own fields only: `toString` or `__proto__` is not a field of the callback.
  if (!Object.hasOwn(order, field)) {
    const names = Object.keys(order).slice(0, 12).join(', ');
    throw refuse(`the callback has no field ${field} (it has ${names}, …)`);
  }
  if (String(order[field]) === value)
    throw refuse(`${field} is already ${value}: a tampered callback needs a different value`);
  if (!envelope) return { ...body, [field]: value };
  const decoded = JSON.parse(decodeBase64Utf8(String(envelope.data))) as Record<string, unknown>;
  const data = encodeBase64Utf8(
    JSON.stringify({ ...decoded, order: { ...order, [field]: value } }),
  );
  return { ...body, response: { ...envelope, data } };
}

/**
 * The callback to redeliver for an order: its last one as Flitt signed it (a tampered redelivery
 * is never the source of the next), with the attempt number the redelivery gets.
 */
function lastCallback(
  attempts: readonly CallbackAttempt[],
  { orderId, merchantId }: RedeliverRequest,
): { source: CallbackAttempt; attempt: number } {
  const mine = attempts.filter(
    (a) =>
      a.orderId === orderId &&
      (merchantId === undefined ||
        String(callbackOrder(a.body).merchant_id) === String(merchantId)),
  );
  const source = mine.filter((a) => typeof a.redelivery !== 'object').at(-1);
  if (!source)
    throw new RedeliverRefused(
      404,
      `order ${orderId} has had no callback yet: pay it first (its server_callback_url gets one)`,
    );
  const sameEvent = mine.filter(
    (a) => a.url === source.url && a.orderStatus === source.orderStatus,
  );
  return { source, attempt: Math.max(...sameEvent.map((a) => a.attempt)) + 1 };
}

/** The dispatcher's part a redelivery needs (CallbackDispatcher has it). */
interface Redeliverer {
  readonly attempts: readonly CallbackAttempt[];
  redeliver(
    url: string,
    body: Record<string, unknown>,
    order: { orderId: string; orderStatus: string },
    attempt: number,
    redelivery: NonNullable<CallbackAttempt['redelivery']>,
  ): Promise<CallbackAttempt>;
}

/**
 * Sends an order's last callback again, as Flitt signed it or with one field tampered, and
 * resolves the attempt with the merchant's answer. Throws `RedeliverRefused` when there is none.
 */
export async function redeliverCallback(
  dispatcher: Redeliverer,
  request: RedeliverRequest,
): Promise<CallbackAttempt> {
  const { source, attempt } = lastCallback(dispatcher.attempts, request);
  const body = request.tamper ? tamperCallback(source.body, request.tamper) : source.body;
  return dispatcher.redeliver(
    source.url,
    body,
    { orderId: source.orderId, orderStatus: source.orderStatus },
    attempt,
    request.tamper ?? 'same',
  );
}

/** `POST /sandbox/control/redeliver`: the attempt, or why not, with its HTTP status. */
export async function redeliverRoute(
  dispatcher: Redeliverer,
  body: Record<string, unknown>,
): Promise<{ status: number; json: unknown }> {
  try {
    const attempt = await redeliverCallback(dispatcher, readRedeliverRequest(body));
    return { status: 200, json: { attempt } };
  } catch (error) {
    if (error instanceof RedeliverRefused)
      return { status: error.status, json: { error: error.message } };
    throw error;
  }
}
