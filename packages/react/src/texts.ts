// The components' texts, one locale at a time: the labels load when the provider mounts, the payer
// messages (and the response-code table) only when something needs saying. Each locale is its own
// chunk in every bundler, so a payer downloads only their language.
import type { Locale, PayerMessages } from '@flitt-checkout/core/checkout';
import type { UiText } from './locales/types.ts';

/** The labels of one locale. */
export const UI_TEXTS: Readonly<Record<Locale, () => Promise<UiText>>> = {
  en: () => import('./locales/ui/en.ts').then((m) => m.ui),
  ka: () => import('./locales/ui/ka.ts').then((m) => m.ui),
  ru: () => import('./locales/ui/ru.ts').then((m) => m.ui),
  uk: () => import('./locales/ui/uk.ts').then((m) => m.ui),
};

/** The payer messages of one locale. */
export const PAYER_TEXTS: Readonly<Record<Locale, () => Promise<PayerMessages>>> = {
  en: () => import('@flitt-checkout/core/messages/en').then((m) => m.en),
  ka: () => import('@flitt-checkout/core/messages/ka').then((m) => m.ka),
  ru: () => import('@flitt-checkout/core/messages/ru').then((m) => m.ru),
  uk: () => import('@flitt-checkout/core/messages/uk').then((m) => m.uk),
};
