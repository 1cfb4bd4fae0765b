import { ru as payer } from '@flitt-checkout/core/messages/ru';
import type { LocaleText } from './types.ts';
import { ui } from './ui/ru.ts';

/**
 * Russian texts of the components, for `messages` (server rendering, no text request).
 *
 * @example
 * <FlittProvider locale="ru" messages={ru}>…</FlittProvider>
 */
export const ru: LocaleText = { payer, ui };
