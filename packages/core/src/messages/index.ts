import type { Locale, PayerMessages } from '../payerMessages.ts';
import { en } from './en.ts';
import { ka } from './ka.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';

/**
 * All built-in payer message tables by locale; importing this pulls in every language.
 *
 * @example
 * MESSAGES.ka.approved; // 'გადახდა წარმატებით შესრულდა. გმადლობთ!'
 */
export const MESSAGES: Readonly<Record<Locale, PayerMessages>> = { en, ka, ru, uk };
