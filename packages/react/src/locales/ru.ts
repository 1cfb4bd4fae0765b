import type { LocaleText } from './types.ts';

/**
 * Russian texts of the components. Import the one your payers speak: a page carries no other
 * language, and needs no request for its labels.
 *
 * @example
 * <FlittProvider locale={ru}>…</FlittProvider>
 */
export const ru: LocaleText = {
  code: 'ru',
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
    notFoundTitle: 'Платёж не найден',
    backToShop: 'Вернуться в магазин',
    networkError:
      'Не удалось связаться с магазином. Проверьте подключение к интернету и попробуйте ещё раз.',
  },
};
