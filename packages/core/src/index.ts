export { decodeBase64Utf8, encodeBase64Utf8 } from './base64.ts';
// Everything the browser's entry (`@flitt-checkout/core/checkout`) has, and the rest of core.
export * from './checkout.ts';
export type { CheckoutAttempt } from './checkoutAttempt.ts';
export type { CheckoutSessionOptions, FlowSession } from './checkoutSession.ts';
export { FLITT_CHECKOUT_ORIGINS, isFlittToken, isSafeCheckoutUrl } from './checkoutUrl.ts';
export type { EmbeddedCheckoutTiming, PaymentReport } from './embeddedCheckout.ts';
export { afterReport } from './embeddedCheckout.ts';
export type { FlittErrorCode, ValidationIssue, ValidationIssueKind } from './errors.ts';
export { FlittError, FlittResponseError, FlittValidationError } from './errors.ts';
export type { FlittLangTarget } from './flittLang.ts';
export { flittLang } from './flittLang.ts';
export type { MerchantErrorBody } from './merchantContract.ts';
export {
  isCreateCheckoutRequest,
  isCreateCheckoutResponse,
  isMerchantErrorBody,
  isOrderStatusResponse,
  isSubscriptionActionRequest,
  isSubscriptionActionResponse,
  MERCHANT_ROUTES,
} from './merchantContract.ts';
export { formatAmount, intlLocale } from './money.ts';
export type {
  CaptureResult,
  CheckoutUrlResult,
  DeclinedResult,
  FailureResult,
  FlittResult,
  OrderResult,
  ReverseResult,
  SubscriptionResult,
  TokenResult,
} from './parseFlittResponse.ts';
export { ORDER_STATUSES, parseFlittResponse, unwrapResponse } from './parseFlittResponse.ts';
export type { PayerMessageKey, PayerMessages } from './payerMessages.ts';
export { LOCALES, languageOf, resolveLocale } from './payerMessages.ts';
export type { PrefetchingCheckout } from './prefetch.ts';
export { RESPONSE_CODE_MEANINGS, responseCodeMeaning } from './responseCodeMeanings.ts';
export type {
  PayerMessageOverrides,
  ResponseCodeCategory,
  ResponseCodeInfo,
} from './responseCodes.ts';
export {
  checkoutMessageKey,
  describeResponseCode,
  RESPONSE_CODES,
} from './responseCodes.ts';
export { isSavedCardRequest, isSavedCardsResponse } from './savedCards.ts';
export {
  createSignature,
  decodeProtocol2,
  maskedSigningString,
  signingValues,
  signProtocol2,
  timingSafeEqual,
  verifyProtocol2,
  verifySignature,
} from './signature.ts';
// The plan calendar beside firstChargeAt (which the browser entry has): for servers and the sandbox.
export { addPeriods, planTime } from './subscriptionPlan.ts';
export type {
  CreateOrderParams,
  FlittCurrency,
  FlittLang,
  FlittOrder,
  FlittParams,
  FlittProtocolVersion,
  FlittRequestEnvelope,
  FlittResponseEnvelope,
  Protocol2Envelope,
  RecurringData,
  YesNo,
} from './types.ts';
export type { OrderValidation, ValidateOrderOptions } from './validateOrder.ts';
export {
  assertValidOrder,
  encodeReservationData,
  FLITT_CURRENCIES,
  FLITT_LANGS,
  MAX_AMOUNT,
  MAX_LIFETIME,
  requireAmount,
  requireCurrency,
  requireText,
  validateOrder,
} from './validateOrder.ts';
