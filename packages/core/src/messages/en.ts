import type { PayerMessages } from '../payerMessages.ts';

/**
 * English payer messages, also the fallback for every other locale.
 *
 * @example
 * en.insufficient_funds; // 'Your card doesn’t have enough funds. …'
 */
export const en: PayerMessages = {
  approved: 'Thank you! Your payment has been received.',
  processing: 'Your payment is still being processed. Please wait a moment and don’t pay again.',
  awaiting_transfer:
    'Your payment receipt has been created. The order will be paid once your bank transfer arrives.',
  cancelled: 'The payment was cancelled. You can try again whenever you’re ready.',
  expired:
    'This payment session has expired. Please return to the shop and start the payment again.',
  already_paid: 'This order has already been paid. You don’t need to pay again.',
  network_error:
    'We couldn’t connect to the shop. Please check your internet connection and try again.',
  timeout: 'The payment didn’t complete in time. Please try again in a moment.',
  unknown_error:
    'Something went wrong with the payment. Please try again later or contact the shop.',
  invalid_card_number: 'The card number is incorrect. Please check it and try again.',
  invalid_expiry: 'The expiry date is incorrect. Please check it and try again.',
  invalid_cvv:
    'The security code (CVV/CVC) is incorrect. Please check the code on the back of the card and try again.',
  invalid_details:
    'Some of the details you entered are incorrect. Please check them and try again.',
  authentication_failed:
    'Your bank couldn’t confirm the payment. Please try again and complete the bank’s confirmation step.',
  authentication_unavailable:
    'Your bank’s confirmation service isn’t responding. Please try again in a few minutes.',
  cookies_disabled:
    'Your browser is blocking cookies that the payment needs. Please allow cookies and try again.',
  card_declined: 'The payment was declined. Please try a different card or payment method.',
  insufficient_funds:
    'Your card doesn’t have enough funds. Please use a different card or payment method.',
  limit_exceeded:
    'Your card’s limit is reached or online payments are turned off. Use another card or contact your bank.',
  card_blocked:
    'This card can’t be used for payments. Please use another card or contact your bank.',
  card_not_supported:
    'The shop doesn’t accept this type of card. Please use a different card or payment method.',
  contact_bank: 'Your bank declined the payment. Please contact your bank or use another card.',
  security_declined:
    'The payment was declined for security reasons. Please use a different card or payment method.',
  too_many_attempts:
    'There have been too many payment attempts. Please use another card or try again later.',
  authentication_required:
    'This payment needs a bank confirmation that this card doesn’t support. Please use another card.',
  shop_error:
    'The shop can’t accept payments right now. Please try again later or contact the shop.',
  service_error: 'The payment service is temporarily unavailable. Please try again later.',
  payment_not_found:
    'We couldn’t find this payment. Please check the link, or return to the shop and start again.',
  sign_in_required: 'Please sign in to save a card or pay with a saved one.',
  saved_card_unusable:
    'This saved card can no longer be used. Please enter your card details again.',
  card_verified:
    'Your card has been checked and saved. The amount held for the check goes back to it.',
};
