import type { LocaleText, ResultText } from './types.ts';

/**
 * Russian texts of the checkout components (button, embedded form). Import the one your payers
 * speak: a page carries no other language, and needs no request for its labels.
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
    approvedTitle: 'Оплата прошла успешно',
    failedTitle: 'Не удалось завершить оплату',
    expiredTitle: 'Время оплаты истекло',
    networkError:
      'Не удалось связаться с магазином. Проверьте подключение к интернету и попробуйте ещё раз.',
  },
};

/**
 * Russian texts of the result page, kept apart so a checkout page does not carry them.
 *
 * @example
 * <FlittPaymentResult texts={ruResult} />
 */
export const ruResult: ResultText = {
  checkingStatus: 'Проверяем платёж…',
  approvedTitle: 'Оплата прошла успешно',
  declinedTitle: 'Платёж отклонён',
  failedTitle: 'Не удалось завершить оплату',
  expiredTitle: 'Время оплаты истекло',
  processingTitle: 'Платёж обрабатывается',
  notFoundTitle: 'Платёж не найден',
  backToShop: 'Вернуться в магазин',
};
