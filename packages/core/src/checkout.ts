// The browser's part of core, as its own entry point (`@flitt-checkout/core/checkout`): what a
// checkout page runs, without the signing, validation, response parsing and code table that the
// main entry also re-exports. Bundlers that split by module reachability (esbuild) would otherwise
// put everything the main entry re-exports into the page's first chunk.
export type {
  CheckoutAttempt,
  CheckoutErrorCode,
  CheckoutEvent,
  CheckoutFlow,
  CheckoutState,
} from './checkoutAttempt.ts';
export {
  checkoutReducer,
  createCheckoutAttempt,
  isBusy,
  isProblem,
} from './checkoutAttempt.ts';
export type { CheckoutSession, CheckoutSessionOptions } from './checkoutSession.ts';
export { createCheckoutSession } from './checkoutSession.ts';
export { FLITT_CHECKOUT_ORIGINS, isFlittToken, isSafeCheckoutUrl } from './checkoutUrl.ts';
export { FlittConfigError, FlittError } from './errors.ts';
export type { MerchantApi, MerchantApiOptions } from './merchantApi.ts';
export {
  checkoutEndpoint,
  createMerchantApi,
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
export type { Locale, PayerMessageKey, PayerMessages } from './payerMessages.ts';
export { LOCALES, resolveLocale } from './payerMessages.ts';
export type { PaymentOutcome, PaymentOutcomeOptions } from './paymentOutcome.ts';
export { paymentOutcome } from './paymentOutcome.ts';
export type { OrderStatus } from './types.ts';
