import type { LocaleText, ResultText, SavedCardsText, SubscriptionText } from './types.ts';

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
  cardAddedTitle: 'Картку збережено',
  cardFailedTitle: 'Не вдалося перевірити картку',
};

/** Forms for one / few / many: `день, дні, днів`. */
const ukForm = (n: number, forms: readonly [string, string, string]) => {
  // Made per call: a module-level one would run on every page that imports the language.
  const rule = new Intl.PluralRules('uk').select(n);
  return forms[rule === 'one' ? 0 : rule === 'few' ? 1 : 2];
};
const ukCount = {
  day: ['день', 'дні', 'днів'],
  week: ['тиждень', 'тижні', 'тижнів'],
  month: ['місяць', 'місяці', 'місяців'],
} as const;
const ukEach = { day: 'щодня', week: 'щотижня', month: 'щомісяця' } as const;

/**
 * Ukrainian texts of the plan summary and the subscription manage view, apart so a checkout page
 * does not carry them.
 *
 * @example
 * <FlittPlanSummary plan={{ every: 1, period: 'month', amount: 990 }} currency="GEL" texts={ukSubscription} />
 */
export const ukSubscription: SubscriptionText = {
  planTitle: 'Ваша підписка',
  today: (amount) => `Сьогодні: ${amount}`,
  recurring: (amount, every, period) =>
    `Далі ${amount} ${every === 1 ? ukEach[period] : `раз на ${every} ${ukForm(every, ukCount[period])}`}`,
  trial: (n, period) => `Безкоштовний пробний період: ${n} ${ukForm(n, ukCount[period])}`,
  firstCharge: (date) => `Перше списання: ${date}`,
  charges: (n) => `Усього ${n} ${ukForm(n, ['списання', 'списання', 'списань'])}`,
  until: (date) => `До ${date}`,
  stopAnytime: 'Підписку можна зупинити будь-коли.',
  manageTitle: 'Підписка',
  statusActive: 'Активна: наступне списання відбудеться за планом.',
  statusStopped: 'Зупинена: більше списань не буде.',
  stop: 'Зупинити підписку',
  start: 'Відновити підписку',
  stopping: 'Зупиняємо підписку…',
  starting: 'Відновлюємо підписку…',
  stoppedNow: 'Підписку зупинено. Більше списань не буде.',
  startedNow: 'Підписка знову активна, з наступної дати списання.',
  notAllowed: 'Цю підписку не можна змінити з цього облікового запису. Зверніться до магазину.',
  notFound: 'Ми не знайшли цю підписку. Зверніться до магазину.',
  failed: 'Не вдалося змінити підписку. Спробуйте пізніше.',
};

/**
 * Ukrainian texts of the saved-card list and the save-card checkbox, apart so a page without saved
 * cards does not carry them.
 *
 * @example
 * <FlittSavedCards order={{ cartId }} texts={ukSavedCards} />
 */
export const ukSavedCards: SavedCardsText = {
  title: 'Збережені картки',
  loading: 'Завантажуємо збережені картки…',
  none: 'У вас поки немає збережених карток.',
  card: (brand, last4) => `${brand || 'Картка'} •••• ${last4}`,
  expired: 'термін дії минув',
  pay: (last4) => `Сплатити карткою •••• ${last4}`,
  paying: 'Триває оплата збереженою карткою…',
  approved: 'Оплата пройшла успішно',
  payFailed: 'Не вдалося завершити оплату. Будь ласка, спробуйте ще раз.',
  remove: (last4) => `Видалити картку •••• ${last4}`,
  confirmRemove: (last4) =>
    `Видалити картку •••• ${last4}? Щоб знову сплатити нею, доведеться заново ввести її дані.`,
  confirmYes: 'Видалити',
  confirmNo: 'Залишити картку',
  removing: 'Видаляємо картку…',
  removed: (last4) => `Картку •••• ${last4} видалено.`,
  removeFailed: 'Не вдалося видалити картку. Будь ласка, спробуйте ще раз.',
  useNewCard: 'Сплатити новою карткою',
  unusable:
    'Цю збережену картку більше не можна використати. Будь ласка, оберіть іншу картку або сплатіть новою.',
  signedOut: 'Будь ласка, увійдіть в обліковий запис, щоб сплатити збереженою карткою.',
  loadFailed: 'Не вдалося завантажити збережені картки. Будь ласка, спробуйте ще раз.',
  saveCard: 'Зберегти картку для наступних покупок',
  addCard: 'Додати картку',
  checkCard: 'Перевірити й зберегти картку',
  cardCheckNote: 'Для перевірки на картці буде заблоковано невелику суму, яку одразу ж повернуть.',
  cardAdded: 'Вашу картку збережено.',
};
