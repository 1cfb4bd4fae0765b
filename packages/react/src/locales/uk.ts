import { uk as payer } from '@flitt-checkout/core/messages/uk';
import type { LocaleText } from './types.ts';

/**
 * Ukrainian texts of the components.
 *
 * @example
 * <FlittProvider locale="uk" messages={uk}>…</FlittProvider>
 */
export const uk: LocaleText = {
  payer,
  ui: {
    pay: 'Сплатити',
    redirecting: 'Відкриваємо захищену сторінку оплати…',
    creating: 'Готуємо платіж…',
    processing: 'Обробляємо платіж…',
    retry: 'Спробувати ще раз',
    loadingForm: 'Завантажуємо форму оплати…',
    checkingStatus: 'Перевіряємо платіж…',
    approvedTitle: 'Оплата пройшла успішно',
    declinedTitle: 'Платіж відхилено',
    failedTitle: 'Не вдалося завершити оплату',
    expiredTitle: 'Час оплати минув',
    processingTitle: 'Платіж обробляється',
  },
};
