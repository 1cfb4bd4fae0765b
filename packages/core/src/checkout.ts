// The browser's part of core, as its own entry point (`@flitt-checkout/core/checkout`): what a
// checkout page runs, without the signing, validation, response parsing and code table that the
// main entry also re-exports. Bundlers that split by module reachability (esbuild) would otherwise
// put everything the main entry re-exports into the page's first chunk. Everything here is also
// on the main entry.

export type { CardCheckStatus } from './cardCheck.ts';
export { cardCheckOf, orderOutcome } from './cardCheck.ts';
export type {
  CheckoutErrorCode,
  CheckoutFlow,
  CheckoutState,
} from './checkoutAttempt.ts';
export { isBusy, isProblem } from './checkoutAttempt.ts';
export type {
  CheckoutFlowSteps,
  CheckoutSession,
  FlowSessionOptions,
} from './checkoutSession.ts';
export { createFlowSession } from './checkoutSession.ts';
export { createCheckoutSession } from './createCheckoutSession.ts';
export type { EmbeddedCheckout } from './embeddedCheckout.ts';
export { canSubmit, createEmbeddedCheckout, embeddedFlow } from './embeddedCheckout.ts';
export { FlittConfigError } from './errors.ts';
export type { MerchantApi, MerchantApiOptions } from './merchantApi.ts';
export {
  checkoutEndpoint,
  createMerchantApi,
  isRefusal,
  MerchantApiError,
  statusEndpoint,
  subscriptionEndpoint,
} from './merchantApi.ts';
export type {
  CreateCheckoutRequest,
  CreateCheckoutResponse,
  OrderStatusResponse,
  SubscriptionActionRequest,
  SubscriptionActionResponse,
} from './merchantContract.ts';
export { formatAmount, intlLocale } from './money.ts';
export type { Locale } from './payerMessages.ts';
export type { PaymentOutcome } from './paymentOutcome.ts';
export { paymentOutcome } from './paymentOutcome.ts';
export { withPrefetch } from './prefetch.ts';
export { redirectFlow } from './redirectFlow.ts';
export type {
  SavedCardPaymentResponse,
  SavedCardRequest,
  SavedCardsResponse,
  SavedCardView,
} from './savedCards.ts';
export type { SavedCardsApi } from './savedCardsApi.ts';
export { cardsEndpoints } from './savedCardsApi.ts';
export { firstChargeAt } from './subscriptionPlan.ts';
export type { OrderStatus, RecurringData } from './types.ts';
