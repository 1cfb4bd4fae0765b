// The shop's admin: its orders as Flitt has them (held, captured, refunded, what is left), capture
// a held order and refund in part or in full. Behind a password sign-in; every amount is checked
// on this server against Flitt's confirmed order, whatever the page sent.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  captureInFull,
  type FlittClient,
  type FlittOrder,
  FlittValidationError,
  majorToMinor,
  orderMoney,
  refund,
} from './flitt.ts';

const ADMIN_COOKIE = 'shop_admin';

/** Options of `createAdmin`. */
export interface AdminOptions {
  readonly client: FlittClient;
  /** The sign-in password; without one the admin pages answer 404. */
  readonly password: string | undefined;
  /** The shop's own records: orders Flitt told it of (onEvent). */
  readonly records: () => Iterable<FlittOrder>;
  /** Purchase order ids the sandbox knows, newest last (sandbox mode only). */
  readonly sandboxOrderIds?: () => Promise<string[]>;
  readonly secure: boolean;
  readonly log: (line: string) => void;
}

/** One row of the admin's list: the order as Flitt confirms it, in minor units. */
export interface AdminOrder {
  readonly orderId: string;
  readonly status: string;
  readonly currency: string;
  readonly amount: number;
  readonly capture: { readonly status: string; readonly amount: number } | null;
  readonly refunded: number;
  readonly capturable: number;
  readonly refundable: number;
}

const cookieOf = (req: IncomingMessage, name: string) => {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
};

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) throw new Error('too large');
  }
  const parsed: unknown = JSON.parse(text || '{}');
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

/** The admin's API under `/api/shop/admin/`; `hold()` tells the shop whether to pre-authorise. */
export function createAdmin(options: AdminOptions) {
  // Session → when it ends (8 hours).
  const sessions = new Map<string, number>();
  // Wrong passwords in the last minute: past 10, every sign-in waits (guessing is slowed).
  let misses: number[] = [];
  let holdNewOrders = false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
    send(res, status, { error: { code, message } });

  async function row(orderId: string): Promise<AdminOrder | undefined> {
    try {
      const order = await options.client.getOrderStatus(orderId);
      const money = orderMoney(order);
      return {
        orderId,
        status: money.status,
        currency: money.currency,
        amount: money.amount,
        capture: money.capture,
        refunded: money.refunded,
        capturable: money.capturable,
        refundable: money.refundable,
      };
    } catch {
      return undefined; // not at Flitt (any more): left out
    }
  }

  async function list(): Promise<AdminOrder[]> {
    const ids = new Set<string>();
    for (const order of options.records()) ids.add(String(order.order_id));
    for (const id of (await options.sandboxOrderIds?.()) ?? []) ids.add(id);
    const newest = [...ids].reverse().slice(0, 30);
    return (await Promise.all(newest.map(row))).filter((r): r is AdminOrder => r !== undefined);
  }

  /** Handles `/api/shop/admin/*`; false for any other path. */
  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (!path.startsWith('/api/shop/admin/')) return false;
    if (!options.password) {
      refuse(res, 404, 'not_found', 'The admin is off: set SHOP_ADMIN_PASSWORD.');
      return true;
    }
    const session = cookieOf(req, ADMIN_COOKIE) ?? '';
    const signedIn = (sessions.get(session) ?? 0) > Date.now();
    if (!signedIn) sessions.delete(session);
    if (path === '/api/shop/admin/me') {
      send(res, 200, { admin: signedIn, holdNewOrders: signedIn ? holdNewOrders : undefined });
      return true;
    }
    // JSON POSTs only: another site's form or link cannot act as the admin.
    if (req.method !== 'POST' || !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      refuse(res, 415, 'unsupported_media_type', 'POST JSON.');
      return true;
    }
    let body: Record<string, unknown>;
    try {
      body = await bodyOf(req);
    } catch {
      refuse(res, 400, 'invalid_request', 'The body must be a small JSON object.');
      return true;
    }
    if (path === '/api/shop/admin/sign-in') {
      misses = misses.filter((at) => at > Date.now() - 60_000);
      if (misses.length >= 10) {
        refuse(res, 429, 'too_many_attempts', 'Too many wrong passwords: wait a minute.');
        return true;
      }
      // Digests of equal length: neither the password nor its length shows in the timing.
      if (!timingSafeEqual(digest(String(body.password ?? '')), digest(options.password))) {
        misses.push(Date.now());
        refuse(res, 401, 'wrong_password', 'Wrong password.');
        return true;
      }
      const fresh = randomBytes(24).toString('base64url');
      sessions.set(fresh, Date.now() + 8 * 3_600_000);
      res.setHeader(
        'set-cookie',
        `${ADMIN_COOKIE}=${fresh}; HttpOnly; SameSite=Strict; Path=/api/shop/admin; Max-Age=28800${options.secure ? '; Secure' : ''}`,
      );
      send(res, 200, { admin: true, holdNewOrders });
      return true;
    }
    if (!signedIn) {
      refuse(res, 401, 'sign_in_required', 'Sign in as the admin first.');
      return true;
    }
    try {
      if (path === '/api/shop/admin/orders') send(res, 200, { orders: await list() });
      else if (path === '/api/shop/admin/hold') {
        holdNewOrders = body.hold === true;
        send(res, 200, { holdNewOrders });
      } else if (path === '/api/shop/admin/capture') {
        const orderId = String(body.orderId ?? '');
        await captureInFull(options.client, orderId);
        options.log(`[admin] captured ${orderId} in full`);
        send(res, 200, { order: await row(orderId) });
      } else if (path === '/api/shop/admin/refund') {
        const orderId = String(body.orderId ?? '');
        // Major units as the admin typed them ("5.00"), read by their digits; none: the rest.
        const amount = body.amount === undefined ? undefined : majorToMinor(body.amount);
        if (body.amount !== undefined && !amount) {
          refuse(res, 400, 'invalid_amount', 'Type an amount such as 5.00.');
          return true;
        }
        // The page's id for this refund (Flitt's reverse_id): sent again, it is the same refund.
        const reverseId = /^[\w-]{1,50}$/.test(String(body.requestId))
          ? String(body.requestId)
          : undefined;
        await refund(options.client, {
          orderId,
          ...(amount === undefined ? {} : { amount }),
          ...(reverseId === undefined ? {} : { reverseId }),
        });
        options.log(`[admin] refunded ${amount ?? 'the rest of'} ${orderId}`);
        send(res, 200, { order: await row(orderId) });
      } else refuse(res, 404, 'not_found', 'No such admin action.');
    } catch (error) {
      // Refused before sending (more than is left, nothing to capture …: the rule broken, in
      // minor units), or by Flitt.
      const message =
        error instanceof FlittValidationError
          ? error.issues.map((issue) => issue.message).join(' ')
          : error instanceof Error
            ? error.message
            : String(error);
      refuse(res, 409, 'refused', message);
    }
    return true;
  }

  return { handle, hold: () => holdNewOrders };
}
