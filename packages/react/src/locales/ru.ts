import type { LocaleText, ResultText, SavedCardsText, SubscriptionText } from './types.ts';

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
  cardAddedTitle: 'Карта сохранена',
  cardFailedTitle: 'Не удалось проверить карту',
};

/** Forms for one / few / many: `день, дня, дней`. */
const ruForm = (n: number, forms: readonly [string, string, string]) => {
  // Made per call: a module-level one would run on every page that imports the language.
  const rule = new Intl.PluralRules('ru').select(n);
  return forms[rule === 'one' ? 0 : rule === 'few' ? 1 : 2];
};
// After "раз в" the accusative: раз в 1 неделю, 2 недели, 5 недель.
const ruEvery = {
  day: ['день', 'дня', 'дней'],
  week: ['неделю', 'недели', 'недель'],
  month: ['месяц', 'месяца', 'месяцев'],
} as const;
const ruCount = {
  day: ['день', 'дня', 'дней'],
  week: ['неделя', 'недели', 'недель'],
  month: ['месяц', 'месяца', 'месяцев'],
} as const;
const ruEach = { day: 'каждый день', week: 'каждую неделю', month: 'каждый месяц' } as const;

/**
 * Russian texts of the plan summary and the subscription manage view, apart so a checkout page
 * does not carry them.
 *
 * @example
 * <FlittPlanSummary plan={{ every: 1, period: 'month', amount: 990 }} currency="GEL" texts={ruSubscription} />
 */
export const ruSubscription: SubscriptionText = {
  planTitle: 'Ваша подписка',
  today: (amount) => `Сегодня: ${amount}`,
  recurring: (amount, every, period) =>
    `Затем ${amount} ${every === 1 ? ruEach[period] : `раз в ${every} ${ruForm(every, ruEvery[period])}`}`,
  trial: (n, period) => `Бесплатный пробный период: ${n} ${ruForm(n, ruCount[period])}`,
  firstCharge: (date) => `Первое списание: ${date}`,
  charges: (n) => `Всего ${n} ${ruForm(n, ['списание', 'списания', 'списаний'])}`,
  until: (date) => `До ${date}`,
  stopAnytime: 'Подписку можно остановить в любой момент.',
  manageTitle: 'Подписка',
  statusActive: 'Активна: следующее списание пройдёт по плану.',
  statusStopped: 'Остановлена: больше списаний не будет.',
  stop: 'Остановить подписку',
  start: 'Возобновить подписку',
  stopping: 'Останавливаем подписку…',
  starting: 'Возобновляем подписку…',
  stoppedNow: 'Подписка остановлена. Больше списаний не будет.',
  startedNow: 'Подписка снова активна, со следующей даты списания.',
  notAllowed: 'Эту подписку нельзя изменить из этой учётной записи. Свяжитесь с магазином.',
  notFound: 'Мы не нашли эту подписку. Свяжитесь с магазином.',
  failed: 'Не удалось изменить подписку. Попробуйте позже.',
};

/**
 * Russian texts of the saved-card list and the save-card checkbox, apart so a page without saved
 * cards does not carry them.
 *
 * @example
 * <FlittSavedCards order={{ cartId }} texts={ruSavedCards} />
 */
export const ruSavedCards: SavedCardsText = {
  title: 'Сохранённые карты',
  loading: 'Загружаем сохранённые карты…',
  none: 'У вас пока нет сохранённых карт.',
  card: (brand, last4) => `${brand || 'Карта'} •••• ${last4}`,
  expired: 'срок действия истёк',
  pay: (last4) => `Оплатить картой •••• ${last4}`,
  paying: 'Идёт оплата сохранённой картой…',
  approved: 'Оплата прошла успешно',
  payFailed: 'Не удалось завершить оплату. Пожалуйста, попробуйте ещё раз.',
  remove: (last4) => `Удалить карту •••• ${last4}`,
  confirmRemove: (last4) =>
    `Удалить карту •••• ${last4}? Чтобы снова оплатить ею, нужно будет заново ввести её данные.`,
  confirmYes: 'Удалить',
  confirmNo: 'Оставить карту',
  removing: 'Удаляем карту…',
  removed: (last4) => `Карта •••• ${last4} удалена.`,
  removeFailed: 'Не удалось удалить карту. Пожалуйста, попробуйте ещё раз.',
  useNewCard: 'Оплатить новой картой',
  unusable:
    'Эту сохранённую карту больше нельзя использовать. Пожалуйста, выберите другую карту или оплатите новой.',
  signedOut: 'Пожалуйста, войдите в аккаунт, чтобы оплатить сохранённой картой.',
  loadFailed: 'Не удалось загрузить сохранённые карты. Пожалуйста, попробуйте ещё раз.',
  saveCard: 'Сохранить карту для следующих покупок',
  addCard: 'Добавить карту',
  checkCard: 'Проверить и сохранить карту',
  cardCheckNote:
    'Для проверки на карте будет заблокирована небольшая сумма, которая сразу же вернётся.',
  cardAdded: 'Ваша карта сохранена.',
};
