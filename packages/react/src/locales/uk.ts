import { uk as payer } from '@flitt-checkout/core/messages/uk';
import type { LocaleText } from './types.ts';
import { ui } from './ui/uk.ts';

/**
 * Ukrainian texts of the components, for `messages` (server rendering, no text request).
 *
 * @example
 * <FlittProvider locale="uk" messages={uk}>…</FlittProvider>
 */
export const uk: LocaleText = { payer, ui };
