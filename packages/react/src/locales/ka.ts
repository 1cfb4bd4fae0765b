import { ka as payer } from '@flitt-checkout/core/messages/ka';
import type { LocaleText } from './types.ts';
import { ui } from './ui/ka.ts';

/**
 * Georgian texts of the components, for `messages` (server rendering, no text request).
 *
 * @example
 * <FlittProvider locale="ka" messages={ka}>…</FlittProvider>
 */
export const ka: LocaleText = { payer, ui };
