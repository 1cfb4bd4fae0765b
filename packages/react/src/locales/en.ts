import { en as payer } from '@flitt-checkout/core/messages/en';
import type { LocaleText } from './types.ts';

/**
 * English texts of the components.
 *
 * @example
 * <FlittProvider locale="en" messages={en}>…</FlittProvider>
 */
export const en: LocaleText = {
  payer,
  ui: {
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
  },
};
