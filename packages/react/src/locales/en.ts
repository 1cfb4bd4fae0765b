import { en as payer } from '@flitt-checkout/core/messages/en';
import type { LocaleText } from './types.ts';
import { ui } from './ui/en.ts';

/**
 * English texts of the components, for `messages` (server rendering, no text request).
 *
 * @example
 * <FlittProvider locale="en" messages={en}>…</FlittProvider>
 */
export const en: LocaleText = { payer, ui };
