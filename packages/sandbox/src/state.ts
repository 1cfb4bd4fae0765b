import { CallbackDispatcher } from './callbacks.ts';
import type { CardInput, TestCard } from './cards.ts';
import type { SandboxOrder } from './orders.ts';

/** A merchant the sandbox accepts. */
export interface SandboxMerchant {
  readonly merchantId: number;
  readonly secretKey: string;
  /**
   * The payout ("credit") key that signs `/api/p2pcredit` requests, replies and callbacks (test
   * merchant: `testcredit`). Without one, payouts answer 1100 (operation not allowed).
   */
  readonly creditKey?: string;
  /**
   * Flitt's payout IP allow-list: `/api/p2pcredit` from any other address answers 1099. The
   * address is the socket's on the HTTP server (`flitt-sandbox`); under msw it is what
   * `sandboxHandlers(sandbox, { clientAddress })` says, and unknown (so refused) without it.
   */
  readonly payoutIps?: readonly string[];
  /** What it may pay out, in minor units, before `control.setPayoutBalance`: default 1 000 000.00. */
  readonly payoutBalance?: number;
  readonly name?: string;
  /** Currencies enabled for it; others answer 1012. */
  readonly currencies?: readonly string[];
  /**
   * Saved cards (`required_rectoken`) and charges by token (`/api/recurring`): Flitt enables them
   * per merchant. `false` answers `required_rectoken=Y` with 1059 and `/api/recurring` with 1060.
   * Default `true`, as on Flitt's test merchant.
   */
  readonly recurring?: boolean;
  /**
   * The wallets Flitt allows it (`/sandbox/wallet/methods` → `allowed`): Flitt switches Apple Pay
   * and Google Pay on per merchant and domain. Default both.
   */
  readonly wallets?: readonly ('apple' | 'google')[];
  /**
   * Split payments (`/api/settlement`, split refunds): Flitt enables them per merchant. `false`
   * answers a settlement with 1106. Default `true`. Receivers must be merchants this sandbox knows
   * (another one answers 1107, "recipient from another company").
   */
  readonly split?: boolean;
}

/** Flitt's public test merchant, built in. */
export const TEST_MERCHANT: SandboxMerchant = {
  merchantId: 1549901,
  secretKey: 'test',
  creditKey: 'testcredit',
  name: 'Flitt test merchant',
  currencies: ['GEL', 'USD', 'EUR'],
  recurring: true,
  split: true,
};

/**
 * Ways to make the next requests fail (control API). `flitt_error` answers like Flitt refusing
 * the request: HTTP 200, `response_status: failure` with the given `error_code` (default 1002).
 * `timeout` never reaches Flitt; `lost_reply` does (the order is made, the card charged), and
 * then its answer never arrives: what a client that gave up cannot tell apart from `timeout`.
 */
export type FaultKind =
  | 'http500'
  | 'timeout'
  | 'lost_reply'
  | 'malformed'
  | 'reset'
  | 'flitt_error';
export const FAULT_KINDS: readonly FaultKind[] = [
  'http500',
  'timeout',
  'lost_reply',
  'malformed',
  'reset',
  'flitt_error',
];

/** Options of `createSandbox`. */
export interface SandboxOptions {
  /** Origin used in `checkout_url` and by checkout.js; the HTTP server sets its own. */
  baseUrl?: string;
  /** Merchants besides the built-in test merchant 1549901 / `test`. */
  merchants?: readonly SandboxMerchant[];
  /** Scale of Flitt's callback retry schedule (1 = real seconds; 0.001 = milliseconds). */
  callbackTimeScale?: number;
  /** fetch used for callbacks. */
  fetch?: typeof fetch;
  /** Wall clock; the control API can move the sandbox's clock forward from it. */
  now?: () => number;
  /**
   * How long a card token (`rectoken`) lives, in seconds of the sandbox clock. By default until
   * its card expires (the first second after the expiry month), which is what a token cannot
   * outlive at any gateway.
   */
  rectokenLifetimeSeconds?: number;
  /** Where the sandbox logs what it does (callbacks, faults). Silent by default. */
  log?: (line: string) => void;
}

interface Fault {
  kind: FaultKind;
  remaining: number;
  path: string;
  code: number;
}

/** A card waiting on its 3-D Secure page. */
interface Pending3ds {
  readonly orderKey: string;
  readonly card: CardInput;
  readonly behaviour: TestCard;
}

/** What a recurring charge finds behind a rectoken. */
interface SavedCard {
  readonly merchantId: number;
  readonly card: SandboxOrder['card'];
  readonly behaviour: TestCard;
  /** Sandbox clock, ms: from then on `/api/recurring` answers 1082 (`rectoken_lifetime`). */
  expiresAt: number;
}

/** A `verification_type=code` order whose card was held: the code the payer must type. */
interface PendingCode {
  readonly code: string;
  readonly card: CardInput;
  readonly behaviour: TestCard;
  /** Wrong codes typed so far. */
  wrong: number;
}

/** A subscription whose first payment was approved: what `subscriptions.ts` charges on the clock. */
export interface SandboxSubscription {
  /** The key of the first (parent) order. */
  readonly orderKey: string;
  /** The card of the first payment: later charges use it. */
  readonly behaviour: TestCard;
  readonly card: NonNullable<SandboxOrder['card']>;
  /** When the payer's first payment was approved (sandbox clock, ms). */
  readonly approvedAt: number;
  /** `false` after `action: stop`, until `action: start`. */
  active: boolean;
  /** The schedule slot due next (0 = the first scheduled charge). */
  nextSlot: number;
  /** Charges made so far: numbers the charge orders. */
  charges: number;
}

/** Everything one sandbox remembers; the modules of `createSandbox` read and change it. */
export interface SandboxState {
  baseUrl: string;
  /** How far the control API moved the clock, in ms. */
  clockOffset: number;
  latency: number;
  faults: Fault[];
  nextPaymentId: number;
  /** The sandbox clock: the wall clock plus `clockOffset`. */
  readonly now: () => number;
  readonly log: (line: string) => void;
  readonly merchants: Map<number, SandboxMerchant>;
  /** By `keyOf(merchantId, orderId)`. */
  readonly orders: Map<string, SandboxOrder>;
  /** Payment token → order key. */
  readonly byToken: Map<string, string>;
  readonly rectokens: Map<string, SavedCard>;
  /** `verification_type=code` orders waiting for the payer's code, by order key. */
  readonly pendingCodes: Map<string, PendingCode>;
  /** `rectokenLifetimeSeconds`; undefined: until the card expires. */
  readonly rectokenLifetimeSeconds: number | undefined;
  /** Approved subscriptions, by their first order's key. */
  readonly subscriptions: Map<string, SandboxSubscription>;
  readonly pending3ds: Map<string, Pending3ds>;
  /** The page origin each 3-D Secure step started from, so its result goes there only. */
  readonly frameOrigins: Map<string, string>;
  /** Ends the requests a `timeout` fault holds. */
  readonly aborters: Set<() => void>;
  readonly callbacks: CallbackDispatcher;
  /** Payout balances changed by payouts or `control.setPayoutBalance`, by merchant id (minor units). */
  readonly payoutBalances: Map<number, number>;
  /** Decline codes for the next payouts (`control.declineNextPayout`), first one first. */
  readonly payoutDeclines: number[];
  addMerchant(merchant: SandboxMerchant): void;
  keyOf(merchantId: number, orderId: string): string;
  /** Forgets every order, callback, fault and clock offset. */
  reset(): void;
}

/** The state of a new sandbox: the test merchant and `options.merchants`, no orders. */
export function createState(options: SandboxOptions): SandboxState {
  const realNow = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const now = () => realNow() + state.clockOffset;
  const state: SandboxState = {
    baseUrl: (options.baseUrl ?? 'https://pay.flitt.com').replace(/\/+$/, ''),
    clockOffset: 0,
    latency: 0,
    faults: [],
    nextPaymentId: 800_000_000 + Math.floor(Math.random() * 1_000_000),
    now,
    log,
    merchants: new Map(),
    orders: new Map(),
    byToken: new Map(),
    rectokens: new Map(),
    pendingCodes: new Map(),
    rectokenLifetimeSeconds: options.rectokenLifetimeSeconds,
    subscriptions: new Map(),
    pending3ds: new Map(),
    frameOrigins: new Map(),
    aborters: new Set(),
    callbacks: new CallbackDispatcher({
      fetch: options.fetch ?? ((...args) => fetch(...args)),
      timeScale: options.callbackTimeScale ?? 1,
      now,
      log,
    }),
    payoutBalances: new Map(),
    payoutDeclines: [],
    addMerchant: (m) => {
      state.merchants.set(m.merchantId, m);
    },
    keyOf: (merchantId, orderId) => `${merchantId}:${orderId}`,
    reset: () => {
      state.orders.clear();
      state.byToken.clear();
      state.rectokens.clear();
      state.pendingCodes.clear();
      state.subscriptions.clear();
      state.pending3ds.clear();
      state.frameOrigins.clear();
      state.callbacks.close();
      state.callbacks.attempts.length = 0;
      state.payoutBalances.clear();
      state.payoutDeclines.length = 0;
      state.faults = [];
      state.latency = 0;
      state.clockOffset = 0;
    },
  };
  state.addMerchant(TEST_MERCHANT);
  for (const m of options.merchants ?? []) state.addMerchant(m);
  return state;
}
