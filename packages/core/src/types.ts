/** `Y` / `N` flags as Flitt expects them: strings, never booleans. */
export type YesNo = 'Y' | 'N';

/** Page languages the Flitt checkout accepts in `lang` (api-reference §2.2). */
export type FlittLang =
  | 'az'
  | 'cs'
  | 'da'
  | 'de'
  | 'en'
  | 'es'
  | 'fi'
  | 'fr'
  | 'hu'
  | 'it'
  | 'ka'
  | 'ko'
  | 'lv'
  | 'nl'
  | 'pl'
  | 'ro'
  | 'ru'
  | 'sk'
  | 'uk'
  | 'zh';

/** Currencies Flitt documents for card payments; a merchant only has those enabled for it. */
export type FlittCurrency =
  | 'GEL'
  | 'USD'
  | 'EUR'
  | 'GBP'
  | 'CZK'
  | 'AMD'
  | 'AZN'
  | 'KZT'
  | 'MDL'
  | 'UZS';

/** Protocol versions sent in the flat `version` parameter (2.0 uses an envelope instead). */
export type FlittProtocolVersion = '1.0' | '1.0.1';

/** Life cycle of a Flitt order (api-reference §3.1). */
export type OrderStatus =
  | 'created'
  | 'processing'
  | 'declined'
  | 'approved'
  | 'expired'
  | 'reversed';

/** Scheduled-payment settings; nested, so only sendable with protocol 2.0. */
export interface RecurringData {
  /** Charge every N periods. */
  every: number;
  period: 'day' | 'week' | 'month';
  /** Amount of each charge, integer minor units. */
  amount: number;
  /**
   * First scheduled charge, `YYYY-MM-DD` or `YYYY-MM-DD HH24:MI:SS`. Leave out to have the charges
   * follow the payer's approval of the first payment.
   */
  start_time?: string;
  end_time?: string;
  quantity?: number;
  trial_period?: 'day' | 'week' | 'month';
  trial_quantity?: number;
  state?: 'y' | 'n' | 'hidden' | 'shown_readonly';
  readonly?: YesNo;
}

/**
 * Parameters of `/api/checkout/url`, `/api/checkout/token` and `/api/checkout/redirect`, without
 * `signature` (the signer adds it). Limits are Flitt's (api-reference §2.2).
 */
export interface CreateOrderParams {
  /** Merchant's order id, unique per merchant; string(1024). */
  order_id: string;
  /** Flitt merchant id; integer(12). Test merchant: 1549901. */
  merchant_id: number | string;
  /** Description shown to the payer; string(1024), UTF-8. */
  order_desc: string;
  /** Integer minor units (1020 = 10.20 GEL); 1 to 12 digits. */
  amount: number;
  currency: FlittCurrency;
  /** Protocol version; signed when present. */
  version?: FlittProtocolVersion;
  /** Where the payer's browser returns (form POST); absolute http(s) URL, string(2048). */
  response_url?: string;
  /** Where Flitt POSTs the order server to server; absolute http(s) URL, string(2048). */
  server_callback_url?: string;
  /** Seconds until the order expires; integer(9), default 36000, at most 69120000. */
  lifetime?: number;
  /** Opaque data echoed back; string(2048) (JSON-encode objects yourself). */
  merchant_data?: string;
  /** `Y` holds the money until `/api/capture/order_id`. */
  preauth?: YesNo;
  /** Payer e-mail; string(256). */
  sender_email?: string;
  /** `Y` (Flitt's default) lets the payer retry until `lifetime` ends. */
  delayed?: YesNo;
  lang?: FlittLang;
  /** string(1024). */
  product_id?: string;
  /** `Y` returns a `rectoken` for later `/api/recurring` charges. */
  required_rectoken?: YesNo;
  /** `Y` reverses the payment automatically after approval (card check). */
  verification?: YesNo;
  verification_type?: 'amount' | 'code';
  /** Card token for recurring charges (published tokens are 34 to 46 characters). */
  rectoken?: string;
  receiver_rectoken?: string;
  /** Hosted page design from the portal; string(6). */
  design_id?: string;
  subscription?: YesNo;
  /** Nested: protocol 2.0 only. */
  recurring_data?: RecurringData;
  subscription_callback_url?: string;
  chargeback_callback_url?: string;
  /** Where the hosted page's Cancel button goes. */
  cancel_url?: string;
  /** base64 of a JSON object (see `encodeReservationData`); string(10000). */
  reservation_data?: string;
  /** Restrict methods, e.g. `installments`, `opb`. */
  payment_systems?: string;
  /** With `opb` / `installments`: `tbc`, `bog`, `liberty`, `credo`, `x` (demo bank). */
  payment_method?: string;
  /** Legacy Fondy parameter; string(25). */
  default_payment_system?: string;
}

/** Any flat parameter object as it travels on the wire. */
export type FlittParams = Readonly<Record<string, unknown>>;

/**
 * The order object Flitt returns from status, recurring and direct calls, and POSTs to callbacks
 * and `response_url` (api-reference §3.1). Values keep their wire types so signatures verify.
 */
export interface FlittOrder {
  order_id: string;
  merchant_id: number | string;
  amount: number | string;
  currency: string;
  order_status: OrderStatus;
  response_status: 'success';
  signature?: string;
  tran_type?: string;
  payment_id?: number | string;
  actual_amount?: number | string;
  actual_currency?: string;
  response_code?: number | string;
  response_description?: string;
  reversal_amount?: number | string;
  settlement_amount?: number | string;
  settlement_currency?: string;
  settlement_date?: string;
  order_time?: string;
  masked_card?: string;
  card_bin?: number | string;
  card_type?: string;
  rrn?: string;
  approval_code?: string;
  eci?: number | string;
  fee?: number | string;
  fee_oplata?: number | string;
  payment_system?: string;
  product_id?: string;
  merchant_data?: string;
  sender_email?: string;
  sender_cell_phone?: string;
  sender_account?: string;
  verification_status?: string;
  rectoken?: string;
  rectoken_lifetime?: string;
  parent_order_id?: string;
  /** A JSON string; verify it verbatim, never re-serialise it. */
  additional_info?: string;
  /** Test mode only: the string Flitt hashed, with the key masked. */
  response_signature_string?: string;
  [field: string]: unknown;
}

/** Body of a protocol 1.0 JSON request: `{"request": {...}}`. */
export interface FlittRequestEnvelope<T = FlittParams> {
  request: T;
}

/** Body of a JSON reply: `{"response": {...}}`. */
export interface FlittResponseEnvelope<T = FlittParams> {
  response: T;
}

/** The protocol 2.0 envelope: base64 JSON `data` signed as `sha1(key|data)`. */
export interface Protocol2Envelope {
  version: '2.0';
  data: string;
  signature: string;
}
