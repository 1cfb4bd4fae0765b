export type {
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
} from '@flitt-checkout/core/checkout';
export { createMerchantApi, MerchantApiError } from '@flitt-checkout/core/checkout';
export type { FlittCheckoutButtonProps } from './FlittCheckoutButton.tsx';
export { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
export type {
  EmbeddedCheckoutOptions,
  FlittEmbeddedCheckoutProps,
} from './FlittEmbeddedCheckout.tsx';
export { FlittEmbeddedCheckout } from './FlittEmbeddedCheckout.tsx';
export type { FlittPaymentResultProps } from './FlittPaymentResult.tsx';
export { FlittPaymentResult } from './FlittPaymentResult.tsx';
export type { FlittContextValue, FlittProviderProps } from './FlittProvider.tsx';
export { FlittProvider, useFlittContext } from './FlittProvider.tsx';
export type { LocaleText, ResultText, UiText } from './locales/types.ts';
export type {
  FlittCheckout,
  FlittCheckoutState,
  UseFlittCheckoutOptions,
} from './useFlittCheckout.ts';
export { useFlittCheckout } from './useFlittCheckout.ts';
export type { FlittReturnState, UseFlittReturnOptions } from './useFlittReturn.ts';
export { useFlittReturn } from './useFlittReturn.ts';
