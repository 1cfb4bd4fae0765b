import { languageOf, resolveLocale } from './payerMessages.ts';
import type { FlittLang } from './types.ts';
import { FLITT_LANGS } from './validateOrder.ts';

/**
 * Where a language goes: an order's `lang` (Flitt's hosted page and the order itself, 20
 * languages), or the embedded form's `params.lang` (checkout.js, which also speaks Uzbek).
 *
 * @example
 * const target: FlittLangTarget = 'widget';
 */
export type FlittLangTarget = 'order' | 'widget';

// Flitt has no Armenian or Kazakh page, and its hosted page no Uzbek: Russian is the second
// language most payers in Armenia, Kazakhstan and Uzbekistan read, so it beats English there.
const RUSSIAN_INSTEAD: readonly string[] = ['hy', 'kk', 'uz'];

/**
 * The `lang` to give Flitt for the payer's language: the language itself when Flitt speaks it,
 * Russian for Armenian and Kazakh (and for Uzbek on the hosted page), English for anything else.
 *
 * @example
 * flittLang('hy'); // 'ru'
 * flittLang('uz', 'widget'); // 'uz'
 * flittLang('ro-MD'); // 'ro'
 */
export function flittLang(locale: string, target?: 'order'): FlittLang;
export function flittLang(locale: string, target: FlittLangTarget): FlittLang | 'uz';
export function flittLang(locale: string, target: FlittLangTarget = 'order'): FlittLang | 'uz' {
  const primary = languageOf(locale);
  // A country code used as a language (`ge`, `md` …) counts as the language it stands for.
  const language = resolveLocale(primary) === 'en' ? primary : resolveLocale(primary);
  if (language === 'uz' && target === 'widget') return 'uz';
  if ((FLITT_LANGS as readonly string[]).includes(language)) return language as FlittLang;
  return RUSSIAN_INSTEAD.includes(language) ? 'ru' : 'en';
}
