// The merchant's own code and data, as the examples in JSDoc and README use them without showing
// where they come from. test/node/examples.test.ts checks every example with these in scope, and
// nothing else: a name that is neither imported, declared here nor a DOM / Node global fails.
// Keep the types realistic (what the merchant's code would have), never `any`.
//
// Global on purpose, so this file is excluded from tsconfig.tooling.json.

// ── values at hand ──────────────────────────────────────────────────────────────────────────────

/** The merchant's reference of what is being paid for, sent to their own `resolveOrder`. */
declare const cartId: string;
/** A cart as the merchant's server loaded it. */
declare const cart: { readonly items: readonly { readonly sku: string; readonly qty: number }[] };
/** The order id the merchant's code is working with (reassigned when Flitt says it is taken). */
declare let orderId: string;
/** The merchant id and secret key from the Flitt portal (test merchant: 1549901 / "test"). */
declare const merchantId: string;
declare const secretKey: string;
/** An order the merchant's server built for Flitt. */
declare const order: import('@flitt-checkout/server').OrderInput;
/** Flitt parameters the merchant's code built. */
declare const params: import('@flitt-checkout/core').FlittParams;
/** A callback's fields as received (JSON or form), not yet verified. */
declare const callbackBody: import('@flitt-checkout/core').FlittParams;
/** A protocol 2.0 envelope as received (`response` of a reply or callback), not yet verified. */
declare const envelope: import('@flitt-checkout/core').Protocol2Envelope;
/** A parsed JSON body from the network: unknown until a guard narrows it. */
declare const body: unknown;
/** The request a handler is serving, and a response the browser or server received. */
declare const request: Request;
declare const response: Response;
/** A caught error. */
declare const error: unknown;
/** The CSP nonce the page was served with. */
declare const nonce: string;

// ── the merchant's functions and framework objects ──────────────────────────────────────────────

/** Prices a cart on the server, in minor units (tetri): the server decides the amount. */
declare function priceCart(order: unknown): Promise<{ total: number; summary: string }>;
/** The sale recorded for an order id, if any. */
declare function findSale(
  orderId: string,
): Promise<{ id: string; amount: number; currency: string } | undefined>;
/** Records the payment; `eventId` (the event's id) makes a second call for the same event a no-op. */
declare function markPaid(sale: { id: string }, eventId: string): Promise<void>;
/** The merchant's order table. */
declare const orders: {
  markPaid(orderId: string, amount: number, eventId: string): Promise<void>;
  markRefunded(orderId: string, refundedAmount: number): Promise<void>;
};
/** Ships a paid order. */
declare function fulfil(order: import('@flitt-checkout/core').FlittOrder): Promise<void>;
/** The merchant's logger and UI hooks. */
declare function log(...values: unknown[]): void;
declare function show(message: string): void;
declare function showThanks(): void;
/** A router: Next.js (`router.push`) or React Router (`navigate`). */
declare const router: { push(href: string): void };
declare function navigate(to: string): void;
/** The merchant's own sign-in: the session a request carries (cookie, token), or null. */
declare function sessionOf(request: Request): Promise<{ readonly customerId: string } | null>;
/** The merchant's thank-you page component. */
declare function Thanks(): import('react').JSX.Element;
/** The handlers the merchant created with `createFlittHandlers` (README: `lib/flitt.ts`). */
declare const flitt: import('@flitt-checkout/server').FlittHandlers;
/** A Flitt client, as `createFlittClient` makes one. */
declare const client: import('@flitt-checkout/server').FlittClient;
/** The merchant's Express app. */
declare const app: import('express').Express;
/** A node-redis v4 client. */
declare const redis: {
  set(key: string, value: string, options: { NX: true; EX: number }): Promise<string | null>;
  del(key: string): Promise<number>;
};
