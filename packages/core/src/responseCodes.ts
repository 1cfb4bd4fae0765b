import type { CheckoutState } from './checkoutAttempt.ts';
import type { Locale, PayerMessageKey, PayerMessages } from './payerMessages.ts';

/**
 * Who can resolve a declined or failed payment, which decides what the UI offers the payer.
 *
 * - `retry`: the payer may simply try again with the same card (typo, 3DS step, timeout).
 * - `other_method`: the payer should use another card or payment method.
 * - `merchant`: the shop's integration or configuration is wrong; the payer can't fix it.
 * - `flitt`: Flitt, the acquirer or the shop's Flitt account must act; the payer can't fix it.
 *
 * @example
 * const category: ResponseCodeCategory = describeResponseCode(1037).category; // 'other_method'
 */
export type ResponseCodeCategory = 'retry' | 'other_method' | 'merchant' | 'flitt';

/**
 * What a Flitt `response_code` / `error_code` means for the payer.
 *
 * @example
 * const info: ResponseCodeInfo = describeResponseCode(1037);
 * info.messageKey; // 'insufficient_funds'
 */
export interface ResponseCodeInfo {
  readonly code: number;
  readonly category: ResponseCodeCategory;
  readonly messageKey: PayerMessageKey;
}

/**
 * Per-language replacements for built-in payer messages, or whole tables for a language with none
 * built in (keyed by the primary subtag, `de`); missing or empty entries fall back.
 *
 * @example
 * const overrides: PayerMessageOverrides = { en: { shop_error: 'Call us on 032 2 00 00 00.' } };
 */
export type PayerMessageOverrides = Readonly<
  Partial<Record<Locale | (string & Record<never, never>), Partial<PayerMessages>>>
>;

// One row per (category, message) pair with space-separated codes: this ships to browsers, and
// 124 object literals would cost several times the bytes. The test checks it covers the JSON.
// Judgement calls (the reference's "who fixes it" is about investigation, not the payer's action):
// - 1000 general decline is [F] in the reference, so 'flitt', but the payer still sees the
//   neutral decline text, since trying another card is the only thing they can do.
// - Card-level refusals Flitt or the acquirer applies (1041 blacklist, 1045, 1051 antifraud,
//   1111/1125 brand, 1104 card country, 1105 full 3DS, 1088 lookup attempts) are 'other_method'.
// - Transient acquirer faults (1066, 1122, 1089, 1123) are 'retry' even though Flitt owns them.
// - 1019 (order already completed, e.g. an expired order paid) stays 'merchant' as the
//   reference says, but shows 'expired': the payer's way out is to restart from the shop.
// - 1036/2009 already paid and 1086 finished transaction: the shop offered a closed order.
// - 1120 split amount mismatch is [F] in the reference but is a bad request: 'merchant'.
// - 1103 receipt created is not a failure; 'retry' is the least wrong category, and its
//   message tells the payer to complete the bank transfer rather than pay again.
const TABLE: readonly (readonly [ResponseCodeCategory, PayerMessageKey, string])[] = [
  ['retry', 'invalid_cvv', '1003 2017'],
  ['retry', 'invalid_expiry', '1025 2016'],
  ['retry', 'invalid_card_number', '1015 2013'],
  ['retry', 'invalid_details', '1076 1092 1096'],
  ['retry', 'authentication_failed', '1024 2015'],
  ['retry', 'authentication_unavailable', '1053'],
  ['retry', 'expired', '1052 1054 2006'],
  ['retry', 'timeout', '1089 1123'],
  ['retry', 'service_error', '1066 1122'],
  ['retry', 'cookies_disabled', '2002'],
  ['retry', 'cancelled', '1098'],
  ['retry', 'awaiting_transfer', '1103'],
  ['other_method', 'card_declined', '1004 1005 1057 1058 1063 1065 1067 1072 1082 2000 2018'],
  ['other_method', 'insufficient_funds', '1037 2019'],
  ['other_method', 'limit_exceeded', '1040 1047 1048 1055 1080 1083 2025'],
  ['other_method', 'card_blocked', '1041 1042 1043 1044 1045 1078 1079 1115 1116'],
  ['other_method', 'card_not_supported', '1090 1102 1104 1111 1125 2039'],
  ['other_method', 'contact_bank', '1064 1097'],
  ['other_method', 'security_declined', '1051 1117 2040'],
  ['other_method', 'too_many_attempts', '1061 1088 2023'],
  ['other_method', 'authentication_required', '1073 1075 1091 1105 2038'],
  [
    'merchant',
    'shop_error',
    '1007 1008 1009 1010 1011 1012 1013 1014 1021 1023 1026 1028 1034 1035 1046 1086 1107 1108 ' +
      '1109 1114 1120 2001 2004 2007 2008 2014',
  ],
  ['merchant', 'expired', '1019'],
  ['merchant', 'already_paid', '1036 2009'],
  ['flitt', 'card_declined', '1000'],
  ['flitt', 'service_error', '1002 1018 1049 1068 1069 1070 1084'],
  [
    'flitt',
    'shop_error',
    '1006 1016 1017 1027 1059 1060 1062 1074 1077 1081 1087 1099 1100 1106 2003 2005 2021',
  ],
];

function buildCodes(): ReadonlyMap<number, ResponseCodeInfo> {
  const map = new Map<number, ResponseCodeInfo>();
  for (const [category, messageKey, codes] of TABLE) {
    for (const text of codes.split(' ')) {
      const code = Number(text);
      map.set(code, Object.freeze({ code, category, messageKey }));
    }
  }
  return map;
}

// Marked pure so bundlers can drop the table when only the message tables are imported.
/**
 * Every known Flitt response code (1xxx API/decline, 20xx embedded checkout) with its category
 * and payer message key.
 *
 * @example
 * RESPONSE_CODES.get(1014)?.category; // 'merchant'
 */
export const RESPONSE_CODES: ReadonlyMap<number, ResponseCodeInfo> = /* @__PURE__ */ buildCodes();

// Flitt sends codes as numbers in JSON and as strings in form posts; anything else is garbage.
function toCode(code: unknown): number {
  if (typeof code === 'number') return Number.isSafeInteger(code) ? code : Number.NaN;
  if (typeof code === 'string' && /^\s*\d{1,9}\s*$/.test(code)) return Number(code);
  return Number.NaN;
}

/**
 * Describes a Flitt response code; unknown or malformed codes get category `flitt` and the
 * `unknown_error` message (with `code` NaN when the input is not a number at all).
 *
 * @example
 * describeResponseCode('1037').category; // 'other_method'
 */
export function describeResponseCode(code: number | string): ResponseCodeInfo {
  const value = toCode(code);
  return (
    RESPONSE_CODES.get(value) ?? { code: value, category: 'flitt', messageKey: 'unknown_error' }
  );
}

/**
 * The payer message key for a checkout state: the decline's code, the failure's Flitt code or
 * kind, `expired`; `undefined` for states with nothing to say (idle, creating, approved…).
 *
 * @example
 * checkoutMessageKey({ status: 'declined', orderId: 'o1', code: 1037 }); // 'insufficient_funds'
 */
export function checkoutMessageKey(state: CheckoutState): PayerMessageKey | undefined {
  switch (state.status) {
    case 'declined':
      return describeResponseCode(state.code).messageKey;
    case 'expired':
      return 'expired';
    case 'failed':
      if (state.flittCode !== undefined) return describeResponseCode(state.flittCode).messageKey;
      switch (state.code) {
        case 'network_error':
          return 'network_error';
        case 'timeout':
          return 'timeout';
        case 'order_reversed':
          return 'cancelled';
        case 'order_not_found':
          return 'payment_not_found';
        case 'flitt_failure':
          return 'service_error';
        case 'unsafe_checkout_url':
        case 'invalid_token':
        case 'invalid_response':
        case 'server_error':
          return 'shop_error';
        default:
          return 'unknown_error';
      }
    default:
      return undefined;
  }
}
