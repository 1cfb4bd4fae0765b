import type { PayerMessages } from '@flitt-checkout/core/checkout';

/** Labels of the components' own UI (buttons, titles), per locale. */
export interface UiText {
  readonly pay: string;
  readonly redirecting: string;
  readonly creating: string;
  readonly processing: string;
  readonly retry: string;
  readonly loadingForm: string;
  readonly checkingStatus: string;
  readonly approvedTitle: string;
  readonly declinedTitle: string;
  readonly failedTitle: string;
  readonly expiredTitle: string;
  readonly processingTitle: string;
  readonly notFoundTitle: string;
  readonly backToShop: string;
}

/** Everything the components say in one language: their labels and the payer messages. */
export interface LocaleText {
  readonly ui: UiText;
  readonly payer: PayerMessages;
}
