import type { LocaleText, ResultText } from './types.ts';

/**
 * Ukrainian texts of the checkout components (button, embedded form). Import the one your payers
 * speak: a page carries no other language, and needs no request for its labels.
 *
 * @example
 * <FlittProvider locale={uk}>…</FlittProvider>
 */
export const uk: LocaleText = {
  code: 'uk',
  ui: {
    pay: 'Сплатити',
    redirecting: 'Відкриваємо захищену сторінку оплати…',
    creating: 'Готуємо платіж…',
    processing: 'Обробляємо платіж…',
    retry: 'Спробувати ще раз',
    loadingForm: 'Завантажуємо форму оплати…',
    approvedTitle: 'Оплата пройшла успішно',
    failedTitle: 'Не вдалося завершити оплату',
    expiredTitle: 'Час оплати минув',
    networkError:
      'Не вдалося зв’язатися з магазином. Перевірте підключення до інтернету й спробуйте ще раз.',
  },
};

/**
 * Ukrainian texts of the result page, kept apart so a checkout page does not carry them.
 *
 * @example
 * <FlittPaymentResult texts={ukResult} />
 */
export const ukResult: ResultText = {
  checkingStatus: 'Перевіряємо платіж…',
  approvedTitle: 'Оплата пройшла успішно',
  declinedTitle: 'Платіж відхилено',
  failedTitle: 'Не вдалося завершити оплату',
  expiredTitle: 'Час оплати минув',
  processingTitle: 'Платіж обробляється',
  notFoundTitle: 'Платіж не знайдено',
  backToShop: 'Повернутися до магазину',
};
