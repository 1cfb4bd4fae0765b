export { decodeBase64Utf8, encodeBase64Utf8 } from './base64.ts';
export type {
  CheckoutAttempt,
  CheckoutErrorCode,
  CheckoutFlow,
  CheckoutState,
} from './checkoutAttempt.ts';
export { isBusy, isProblem } from './checkoutAttempt.ts';
export type {
  CheckoutFlowSteps,
  CheckoutSession,
  CheckoutSessionOptions,
  FlowSession,
  FlowSessionOptions,
} from './checkoutSession.ts';
export { createFlowSession } from './checkoutSession.ts';
export { FLITT_CHECKOUT_ORIGINS, isFlittToken, isSafeCheckoutUrl } from './checkoutUrl.ts';
export { createCheckoutSession } from './createCheckoutSession.ts';
export type {
  EmbeddedCheckout,
  EmbeddedCheckoutTiming,
  PaymentReport,
} from './embeddedCheckout.ts';
export {
  afterReport,
  canSubmit,
  createEmbeddedCheckout,
  embeddedFlow,
} from './embeddedCheckout.ts';
export type { FlittErrorCode, ValidationIssue, ValidationIssueKind } from './errors.ts';
export {
  FlittConfigError,
  FlittError,
  FlittResponseError,
  FlittValidationError,
} from './errors.ts';
export type { MerchantApi, MerchantApiOptions } from './merchantApi.ts';
export {
  checkoutEndpoint,
  createMerchantApi,
  isRefusal,
  MerchantApiError,
  statusEndpoint,
} from './merchantApi.ts';
export type {
  CreateCheckoutRequest,
  CreateCheckoutResponse,
  MerchantErrorBody,
  OrderStatusResponse,
} from './merchantContract.ts';
export {
  isCreateCheckoutRequest,
  isCreateCheckoutResponse,
  isMerchantErrorBody,
  isOrderStatusResponse,
  MERCHANT_ROUTES,
} from './merchantContract.ts';
export type {
  CaptureResult,
  CheckoutUrlResult,
  DeclinedResult,
  FailureResult,
  FlittResult,
  OrderResult,
  ReverseResult,
  TokenResult,
} from './parseFlittResponse.ts';
export { ORDER_STATUSES, parseFlittResponse } from './parseFlittResponse.ts';
export type { Locale, PayerMessageKey, PayerMessages } from './payerMessages.ts';
export { LOCALES, resolveLocale } from './payerMessages.ts';
export type { PaymentOutcome } from './paymentOutcome.ts';
export { paymentOutcome } from './paymentOutcome.ts';
export type { PrefetchingCheckout } from './prefetch.ts';
export { withPrefetch } from './prefetch.ts';
export { redirectFlow } from './redirectFlow.ts';
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
export type {
  CreateOrderParams,
  FlittCurrency,
  FlittLang,
  FlittOrder,
  FlittParams,
  FlittProtocolVersion,
  FlittRequestEnvelope,
  FlittResponseEnvelope,
  OrderStatus,
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
  validateOrder,
} from './validateOrder.ts';
