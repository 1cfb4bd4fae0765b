export type {
  CardCheckStatus,
  CheckoutErrorCode,
  CheckoutFlow,
  CheckoutSession,
  CheckoutState,
  CreateCheckoutRequest,
  CreateCheckoutResponse,
  Locale,
  MerchantApi,
  MerchantApiOptions,
  OrderStatusResponse,
  RecurringData,
  SavedCardPaymentResponse,
  SavedCardsApi,
  SavedCardsResponse,
  SavedCardView,
  SubscriptionActionRequest,
  SubscriptionActionResponse,
} from '@flitt-checkout/core/checkout';
export {
  cardsEndpoints,
  createMerchantApi,
  MerchantApiError,
} from '@flitt-checkout/core/checkout';
export type { FlittAddCardProps } from './FlittAddCard.tsx';
export { FlittAddCard } from './FlittAddCard.tsx';
export type { FlittCheckoutButtonProps } from './FlittCheckoutButton.tsx';
export { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
export type {
  EmbeddedCheckoutOptions,
  FlittEmbeddedCheckoutProps,
} from './FlittEmbeddedCheckout.tsx';
export { FlittEmbeddedCheckout } from './FlittEmbeddedCheckout.tsx';
export type { FlittPaymentResultProps } from './FlittPaymentResult.tsx';
export { FlittPaymentResult } from './FlittPaymentResult.tsx';
export type { FlittPlanSummaryProps } from './FlittPlanSummary.tsx';
export { FlittPlanSummary } from './FlittPlanSummary.tsx';
export type { FlittContextValue, FlittProviderProps } from './FlittProvider.tsx';
export { FlittProvider, useFlittContext } from './FlittProvider.tsx';
export type { FlittSaveCardCheckboxProps } from './FlittSaveCardCheckbox.tsx';
export { FlittSaveCardCheckbox } from './FlittSaveCardCheckbox.tsx';
export type { FlittSavedCardsProps } from './FlittSavedCards.tsx';
export { FlittSavedCards } from './FlittSavedCards.tsx';
export type { FlittSubscriptionManagerProps } from './FlittSubscriptionManager.tsx';
export { FlittSubscriptionManager } from './FlittSubscriptionManager.tsx';
export type {
  FlittWalletButtonsProps,
  WalletButtonStyle,
  WalletMethod,
} from './FlittWalletButtons.tsx';
export { FlittWalletButtons } from './FlittWalletButtons.tsx';
export type {
  LocaleText,
  PlanPeriod,
  ResultText,
  SavedCardsText,
  SubscriptionText,
  UiText,
} from './locales/types.ts';
export type {
  FlittCheckout,
  FlittCheckoutState,
  UseFlittCheckoutOptions,
} from './useFlittCheckout.ts';
export { useFlittCheckout } from './useFlittCheckout.ts';
export type { FlittReturnState, UseFlittReturnOptions } from './useFlittReturn.ts';
export { useFlittReturn } from './useFlittReturn.ts';
export type {
  FlittSavedCardPayment,
  FlittSavedCardRemoval,
  FlittSavedCardsList,
  FlittSavedCardsState,
  UseFlittSavedCardsOptions,
} from './useFlittSavedCards.ts';
export { useFlittSavedCards } from './useFlittSavedCards.ts';
export type { FlittSubscriptionState } from './useFlittSubscription.ts';
export { useFlittSubscription } from './useFlittSubscription.ts';
