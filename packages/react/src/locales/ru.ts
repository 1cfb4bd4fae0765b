import { ru as payer } from '@flitt-checkout/core/messages/ru';
import type { LocaleText } from './types.ts';

/**
 * Russian texts of the components.
 *
 * @example
 * <FlittProvider locale="ru" messages={ru}>…</FlittProvider>
 */
export const ru: LocaleText = {
  payer,
  ui: {
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
  },
};
