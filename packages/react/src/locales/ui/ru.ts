import type { UiText } from '../types.ts';

/**
 * Russian labels of the components; the provider loads only the active locale's.
 * (Public through `ru.ui` of `@flitt-checkout/react/locales/ru`.)
 */
export const ui: UiText = {
  pay: 'Оплатить',
  redirecting: 'Открываем защищённую страницу оплаты…',
  creating: 'Готовим платёж…',
  processing: 'Обрабатываем платёж…',
  retry: 'Попробовать снова',
  loadingForm: 'Загружаем форму оплаты…',
  checkingStatus: 'Проверяем платёж…',
  approvedTitle: 'Оплата прошла успешно',
  declinedTitle: 'Платёж отклонён',
  failedTitle: 'Не удалось завершить оплату',
  expiredTitle: 'Время оплаты истекло',
  processingTitle: 'Платёж обрабатывается',
  notFoundTitle: 'Платёж не найден',
  backToShop: 'Вернуться в магазин',
};
