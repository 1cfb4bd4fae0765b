import type { LocaleText, ResultText } from './types.ts';

/**
 * English texts of the checkout components (button, embedded form). Import the one your payers
 * speak: a page carries no other language, and needs no request for its labels.
 *
 * @example
 * <FlittProvider locale={en}>…</FlittProvider>
 */
export const en: LocaleText = {
  code: 'en',
  ui: {
    pay: 'Pay',
    redirecting: 'Opening the secure payment page…',
    creating: 'Preparing your payment…',
    processing: 'Processing your payment…',
    retry: 'Try again',
    loadingForm: 'Loading the payment form…',
    approvedTitle: 'Payment successful',
    failedTitle: 'Payment could not be completed',
    expiredTitle: 'Payment session expired',
    networkError:
      'We couldn’t connect to the shop. Please check your internet connection and try again.',
  },
};

/**
 * English texts of the result page, kept apart so a checkout page does not carry them.
 *
 * @example
 * <FlittPaymentResult texts={enResult} />
 */
export const enResult: ResultText = {
  checkingStatus: 'Checking your payment…',
  approvedTitle: 'Payment successful',
  declinedTitle: 'Payment declined',
  failedTitle: 'Payment could not be completed',
  expiredTitle: 'Payment session expired',
  processingTitle: 'Payment is being processed',
  notFoundTitle: 'Payment not found',
  backToShop: 'Back to the shop',
};
