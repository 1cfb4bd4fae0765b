import type { UiText } from '../types.ts';

/**
 * English labels of the components; the provider loads only the active locale's.
 * (Public through `en.ui` of `@flitt-checkout/react/locales/en`.)
 */
export const ui: UiText = {
  pay: 'Pay',
  redirecting: 'Opening the secure payment page…',
  creating: 'Preparing your payment…',
  processing: 'Processing your payment…',
  retry: 'Try again',
  loadingForm: 'Loading the payment form…',
  checkingStatus: 'Checking your payment…',
  approvedTitle: 'Payment successful',
  declinedTitle: 'Payment declined',
  failedTitle: 'Payment could not be completed',
  expiredTitle: 'Payment session expired',
  processingTitle: 'Payment is being processed',
  notFoundTitle: 'Payment not found',
  backToShop: 'Back to the shop',
};
