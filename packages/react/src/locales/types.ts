import type { Locale } from '@flitt-checkout/core/checkout';

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
  /** Said when the shop's server cannot be reached or does not answer (everything else, it says itself). */
  readonly networkError: string;
}

/**
 * Everything the components say in one language. The reasons for declines and the shop's
 * refusals come from your server (`payerMessage`, in `code`'s language); these are the labels and
 * what the browser must say by itself.
 */
export interface LocaleText {
  /** The language: sent to your server and to Flitt's form. */
  readonly code: Locale;
  readonly ui: UiText;
}
