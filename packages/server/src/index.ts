// Everything that touches the secret payment key lives in this package. The signing code itself
// is isomorphic (Web Crypto) and kept in core so the sandbox can sign like Flitt; it is re-exported
// here because this is where merchants should reach for it.
export type {
  CaptureResult,
  CardCheckStatus,
  CheckoutFlow,
  CreateCheckoutRequest,
  CreateCheckoutResponse,
  CreateOrderParams,
  FlittOrder,
  FlittParams,
  FlittResult,
  MerchantErrorBody,
  OrderStatus,
  OrderStatusResponse,
  Protocol2Envelope,
  RecurringData,
  ReverseResult,
  SavedCardPaymentResponse,
  SavedCardRequest,
  SavedCardsResponse,
  SavedCardView,
  SubscriptionActionRequest,
  SubscriptionActionResponse,
} from '@flitt-checkout/core';
export {
  createSignature,
  decodeProtocol2,
  FlittConfigError,
  FlittError,
  FlittResponseError,
  FlittValidationError,
  MERCHANT_ROUTES,
  maskedSigningString,
  parseFlittResponse,
  signProtocol2,
  validateOrder,
  verifyProtocol2,
  verifySignature,
} from '@flitt-checkout/core';
export { majorToMinor, minorToMajor } from './amounts.ts';
export type { PayerLocale } from './answers.ts';
export { APPLE_DOMAIN_ASSOCIATION_PATH, appleDomainAssociation } from './appleDomain.ts';
export type { CallbackStore, ClaimResult } from './callbackStore.ts';
export { createMemoryCallbackStore } from './callbackStore.ts';
export type { CardDetails, CardVault, SavedCard } from './cardVault.ts';
export { createMemoryCardVault } from './cardVault.ts';
export type {
  CallOptions,
  CaptureInput,
  CheckoutToken,
  CheckoutUrl,
  FlittClient,
  FlittClientOptions,
  OrderInput,
  ReverseInput,
  SubscriptionState,
} from './createFlittClient.ts';
export { createFlittClient } from './createFlittClient.ts';
export type {
  FlittHandlers,
  FlittHandlersOptions,
  ResolvedOrder,
  ResolveOrderInput,
  WebHandler,
} from './createFlittHandlers.ts';
export { createFlittHandlers } from './createFlittHandlers.ts';
export {
  FlittApiError,
  FlittHttpError,
  FlittNetworkError,
  FlittSignatureError,
  FlittTimeoutError,
} from './errors.ts';
export type {
  CardVerifiedEvent,
  FlittEvent,
  PaymentApprovedEvent,
  PaymentCapturedEvent,
  PaymentChargebackEvent,
  PaymentDeclinedEvent,
  PaymentExpiredEvent,
  PaymentProcessingEvent,
  PaymentRefundedEvent,
  PayoutApprovedEvent,
  PayoutDeclinedEvent,
  SettlementApprovedEvent,
  SubscriptionChargeDeclinedEvent,
  SubscriptionChargedEvent,
  SubscriptionStartedEvent,
  SubscriptionStoppedEvent,
} from './events.ts';
export type { OrderMoney, RefundInput } from './operations.ts';
export { captureInFull, orderMoney, refund } from './operations.ts';
export type { Payout, PayoutInput } from './payouts.ts';
export type { CardCheck, CustomerOf } from './savedCards.ts';
export type {
  SettleInput,
  SettlementReceiver,
  SettlementResult,
  SplitRefundReceiver,
} from './settlement.ts';
export type { FlittTransaction } from './transactions.ts';
