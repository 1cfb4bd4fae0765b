import type { LocaleText, ResultText, SavedCardsText, SubscriptionText } from './types.ts';

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
  cardAddedTitle: 'Card saved',
  cardFailedTitle: 'The card could not be checked',
};

/**
 * English texts of the plan summary and the subscription manage view, apart so a checkout page
 * does not carry them.
 *
 * @example
 * <FlittPlanSummary plan={{ every: 1, period: 'month', amount: 990 }} currency="GEL" texts={enSubscription} />
 */
export const enSubscription: SubscriptionText = {
  planTitle: 'Your subscription',
  today: (amount) => `Today: ${amount}`,
  recurring: (amount, every, period) =>
    `Then ${amount} every ${every === 1 ? period : `${every} ${period}s`}`,
  trial: (n, period) => `Free trial: ${n} ${period}${n === 1 ? '' : 's'}`,
  firstCharge: (date) => `First charge on ${date}`,
  charges: (n) => `${n} charge${n === 1 ? '' : 's'} in total`,
  until: (date) => `Until ${date}`,
  stopAnytime: 'You can stop the subscription at any time.',
  manageTitle: 'Subscription',
  statusActive: 'Active: the next charge will be taken as planned.',
  statusStopped: 'Stopped: no further charges will be taken.',
  stop: 'Stop subscription',
  start: 'Start subscription again',
  stopping: 'Stopping the subscription…',
  starting: 'Starting the subscription…',
  stoppedNow: 'Your subscription is stopped. No further charges will be taken.',
  startedNow: 'Your subscription is active again, from the next due date.',
  notAllowed: 'This subscription cannot be changed from this account. Please contact the shop.',
  notFound: 'We couldn’t find this subscription. Please contact the shop.',
  failed: 'We couldn’t change the subscription. Please try again later.',
};

/**
 * English texts of the saved-card list and the save-card checkbox, apart so a page without saved
 * cards does not carry them.
 *
 * @example
 * <FlittSavedCards order={{ cartId }} texts={enSavedCards} />
 */
export const enSavedCards: SavedCardsText = {
  title: 'Saved cards',
  loading: 'Loading your saved cards…',
  none: 'You have no saved cards yet.',
  card: (brand, last4) => `${brand || 'Card'} •••• ${last4}`,
  expired: 'expired',
  pay: (last4) => `Pay with •••• ${last4}`,
  paying: 'Paying with your saved card…',
  approved: 'Payment successful',
  payFailed: 'The payment could not be completed. Please try again.',
  remove: (last4) => `Remove card •••• ${last4}`,
  confirmRemove: (last4) =>
    `Remove card •••• ${last4}? To pay with it again, you will need to enter its details.`,
  confirmYes: 'Remove',
  confirmNo: 'Keep the card',
  removing: 'Removing the card…',
  removed: (last4) => `Card •••• ${last4} has been removed.`,
  removeFailed: 'We couldn’t remove the card. Please try again.',
  useNewCard: 'Use a new card',
  unusable: 'This saved card can no longer be used. Please choose another card or use a new one.',
  signedOut: 'Please sign in to pay with a saved card.',
  loadFailed: 'We couldn’t load your saved cards. Please try again.',
  saveCard: 'Save this card for next time',
  addCard: 'Add a card',
  checkCard: 'Check and save the card',
  cardCheckNote: 'To check the card, a small amount is held on it and given back at once.',
  cardAdded: 'Your card has been saved.',
};
