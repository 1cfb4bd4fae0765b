export type { CheckoutErrorCode, CheckoutFlow, CheckoutState, Locale } from '@flitt-checkout/core';
export type { CreateCheckoutResult, FetchApiOptions, FlittApi, OrderStatusResult } from './api.ts';
export { createFetchApi, FlittCheckoutError, fetchCheckout, fetchStatus } from './api.ts';
export type { FlittCheckoutButtonProps } from './FlittCheckoutButton.tsx';
export { FlittCheckoutButton } from './FlittCheckoutButton.tsx';
export type {
  EmbeddedCheckoutOptions,
  FlittEmbeddedCheckoutProps,
} from './FlittEmbeddedCheckout.tsx';
export { FLITT_CHECKOUT_SCRIPT, FlittEmbeddedCheckout } from './FlittEmbeddedCheckout.tsx';
export type { FlittPaymentResultProps } from './FlittPaymentResult.tsx';
export { FlittPaymentResult } from './FlittPaymentResult.tsx';
export type { FlittContextValue, FlittProviderProps } from './FlittProvider.tsx';
export { FlittProvider, useFlittContext } from './FlittProvider.tsx';
export type {
  CheckoutApp,
  CheckoutFunction,
  CheckoutModel,
  LoadScriptOptions,
} from './loadCheckoutScript.ts';
export { loadCheckoutScript } from './loadCheckoutScript.ts';
export type { LocaleText, UiText } from './locales/types.ts';
export type {
  FlittCheckout,
  FlittCheckoutState,
  UseFlittCheckoutOptions,
} from './useFlittCheckout.ts';
export { useFlittCheckout } from './useFlittCheckout.ts';
export type { FlittReturnState, UseFlittReturnOptions } from './useFlittReturn.ts';
export { useFlittReturn } from './useFlittReturn.ts';
