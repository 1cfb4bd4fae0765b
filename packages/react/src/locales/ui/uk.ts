import type { UiText } from '../types.ts';

/**
 * Ukrainian labels of the components; the provider loads only the active locale's.
 * (Public through `uk.ui` of `@flitt-checkout/react/locales/uk`.)
 */
export const ui: UiText = {
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
  notFoundTitle: 'Платіж не знайдено',
  backToShop: 'Повернутися до магазину',
};
