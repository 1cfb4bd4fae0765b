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
  /**
   * The language: sent to your server (which answers in it, or falls back to English) and to
   * Flitt's form. Any language tag: a shop can bring a language of its own (`de`, `en-GB` …).
   */
  readonly code: Locale | (string & Record<never, never>);
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
  /** A card check (adding a card without paying) that Flitt verified. */
  readonly cardAddedTitle: string;
  /** A card check that failed. */
  readonly cardFailedTitle: string;
  readonly backToShop: string;
}

/** A plan's period, as in Flitt's `recurring_data`. */
export type PlanPeriod = 'day' | 'week' | 'month';

/**
 * The subscription views' texts, per locale (`kaSubscription` …): apart from `LocaleText`, so a
 * plain checkout page does not carry them. Amounts and dates arrive formatted (Intl, in the
 * provider's language); the functions put them in a sentence with the language's plural forms.
 */
export interface SubscriptionText {
  readonly planTitle: string;
  /** The first payment, taken now: `Today: 9,90 ₾`. */
  readonly today: (amount: string) => string;
  /** `Then 9,90 ₾ every month`. */
  readonly recurring: (amount: string, every: number, period: PlanPeriod) => string;
  readonly trial: (quantity: number, period: PlanPeriod) => string;
  readonly firstCharge: (date: string) => string;
  /** `quantity` of the plan: how many charges in all. */
  readonly charges: (count: number) => string;
  readonly until: (date: string) => string;
  /** Said under every plan: how to stop. */
  readonly stopAnytime: string;
  readonly manageTitle: string;
  readonly statusActive: string;
  readonly statusStopped: string;
  readonly stop: string;
  readonly start: string;
  readonly stopping: string;
  readonly starting: string;
  /** Announced when a stop went through. */
  readonly stoppedNow: string;
  readonly startedNow: string;
  /** The shop refused (403): not this payer's subscription, or stopping online is off. */
  readonly notAllowed: string;
  /** The shop or Flitt knows no such subscription (404). */
  readonly notFound: string;
  /** Anything else the server could not say in words. */
  readonly failed: string;
}

/**
 * The saved-card views' texts, per locale (`kaSavedCards` …): apart from `LocaleText`, so a page
 * without saved cards does not carry them. Why a payment was declined, and most refusals, come in
 * your server's words; these are the labels and what the browser must say by itself.
 */
export interface SavedCardsText {
  readonly title: string;
  readonly loading: string;
  readonly none: string;
  /** A card in the list: `VISA •••• 1111` (`brand` may be empty). */
  readonly card: (brand: string, last4: string) => string;
  /** Said after an expired card's name. */
  readonly expired: string;
  readonly pay: (last4: string) => string;
  readonly paying: string;
  /** Announced after an approval, when the server said nothing. */
  readonly approved: string;
  /** Declined, failed or not reached, when the server said nothing. */
  readonly payFailed: string;
  /** The remove button of one card (its accessible name). */
  readonly remove: (last4: string) => string;
  readonly confirmRemove: (last4: string) => string;
  readonly confirmYes: string;
  readonly confirmNo: string;
  readonly removing: string;
  readonly removed: (last4: string) => string;
  readonly removeFailed: string;
  readonly useNewCard: string;
  /** The card is expired at Flitt or unknown (410 / 404), when the server said nothing. */
  readonly unusable: string;
  /** Nobody is signed in (401), when the server said nothing. */
  readonly signedOut: string;
  /** The list could not be loaded. */
  readonly loadFailed: string;
  /** The label of `FlittSaveCardCheckbox`. */
  readonly saveCard: string;
  /** The button that opens `FlittAddCard` (and `FlittAddCard`'s button to Flitt's page). */
  readonly addCard: string;
  /** The embedded form's submit button when it adds a card. */
  readonly checkCard: string;
  /** Above `FlittAddCard`: why a card is charged when nothing is bought. */
  readonly cardCheckNote: string;
  /** Announced once the card is checked and saved. */
  readonly cardAdded: string;
}
