import type { Locale } from '@flitt-checkout/core/checkout';

/** Labels of the checkout components' own UI (button, embedded form), per locale. */
export interface UiText {
  readonly pay: string;
  readonly redirecting: string;
  readonly creating: string;
  readonly processing: string;
  readonly retry: string;
  readonly loadingForm: string;
  readonly approvedTitle: string;
  readonly failedTitle: string;
  readonly expiredTitle: string;
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

/**
 * The result page's titles, per locale (`kaResult` …): apart from `LocaleText`, so a checkout page
 * does not carry them. What the server says about the payment comes with its answer.
 */
export interface ResultText {
  /** While the server is asked, and while it cannot be reached. */
  readonly checkingStatus: string;
  readonly approvedTitle: string;
  readonly declinedTitle: string;
  /** Cancelled or refunded. */
  readonly failedTitle: string;
  readonly expiredTitle: string;
  readonly processingTitle: string;
  /** No order id on the page, or none the shop knows. */
  readonly notFoundTitle: string;
  readonly backToShop: string;
}
