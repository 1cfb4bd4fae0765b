import type { LocaleText, ResultText, SavedCardsText, SubscriptionText } from './types.ts';

// Kazakh in the Cyrillic script, with the formal «Сіз». Translated from the English texts by an AI
// assistant (Claude, by Anthropic) for flitt-checkout in December 2026; not yet reviewed by a
// native speaker.

/**
 * Kazakh texts of the checkout components (button, embedded form). Import the one your payers
 * speak: a page carries no other language, and needs no request for its labels.
 *
 * @example
 * <FlittProvider locale={kk}>…</FlittProvider>
 */
export const kk: LocaleText = {
  code: 'kk',
  ui: {
    pay: 'Төлеу',
    redirecting: 'Қорғалған төлем беті ашылуда…',
    creating: 'Төлем дайындалуда…',
    processing: 'Төлем өңделуде…',
    retry: 'Қайталап көру',
    loadingForm: 'Төлем формасы жүктелуде…',
    approvedTitle: 'Төлем сәтті өтті',
    failedTitle: 'Төлемді аяқтау мүмкін болмады',
    expiredTitle: 'Төлем уақыты өтті',
    networkError:
      'Дүкенмен байланыс орнату мүмкін болмады. Интернет байланысын тексеріп, қайталап көріңіз.',
  },
};

/**
 * Kazakh texts of the result page, kept apart so a checkout page does not carry them.
 *
 * @example
 * <FlittPaymentResult texts={kkResult} />
 */
export const kkResult: ResultText = {
  checkingStatus: 'Төлем тексерілуде…',
  approvedTitle: 'Төлем сәтті өтті',
  declinedTitle: 'Төлем қабылданбады',
  failedTitle: 'Төлемді аяқтау мүмкін болмады',
  expiredTitle: 'Төлем уақыты өтті',
  processingTitle: 'Төлем өңделуде',
  notFoundTitle: 'Төлем табылмады',
  backToShop: 'Дүкенге оралу',
  cardAddedTitle: 'Карта сақталды',
  cardFailedTitle: 'Картаны тексеру мүмкін болмады',
};

// A noun after a number stays singular in Kazakh (3 ай, 12 төлем), so no plural rules are needed;
// suffixes go on the noun, never on a number or an amount (their vowel harmony would need words).
const kkUnit = { day: 'күн', week: 'апта', month: 'ай' } as const;

/**
 * Kazakh texts of the plan summary and the subscription manage view, apart so a checkout page
 * does not carry them.
 *
 * @example
 * <FlittPlanSummary plan={{ every: 1, period: 'month', amount: 990 }} currency="KZT" texts={kkSubscription} />
 */
export const kkSubscription: SubscriptionText = {
  planTitle: 'Сіздің жазылымыңыз',
  today: (amount) => `Бүгін: ${amount}`,
  recurring: (amount, every, period) =>
    `Содан кейін ${every === 1 ? '' : `${every} `}${kkUnit[period]} сайын ${amount}`,
  trial: (n, period) => `Тегін сынақ мерзімі: ${n} ${kkUnit[period]}`,
  firstCharge: (date) => `Алғашқы төлем: ${date}`,
  charges: (n) => `Барлығы ${n} төлем`,
  until: (date) => `Аяқталу күні: ${date}`,
  stopAnytime: 'Жазылымды кез келген уақытта тоқтата аласыз.',
  manageTitle: 'Жазылым',
  statusActive: 'Белсенді: келесі төлем жоспар бойынша алынады.',
  statusStopped: 'Тоқтатылған: бұдан әрі төлем алынбайды.',
  stop: 'Жазылымды тоқтату',
  start: 'Жазылымды қайта қосу',
  stopping: 'Жазылым тоқтатылуда…',
  starting: 'Жазылым қайта қосылуда…',
  stoppedNow: 'Жазылым тоқтатылды. Бұдан әрі төлем алынбайды.',
  startedNow: 'Жазылым қайта белсенді: келесі төлем күнінен бастап.',
  notAllowed: 'Бұл жазылымды осы аккаунттан өзгерту мүмкін емес. Дүкенге хабарласыңыз.',
  notFound: 'Бұл жазылым табылмады. Дүкенге хабарласыңыз.',
  failed: 'Жазылымды өзгерту мүмкін болмады. Кейінірек қайталап көріңіз.',
};

/**
 * Kazakh texts of the saved-card list and the save-card checkbox, apart so a page without saved
 * cards does not carry them.
 *
 * @example
 * <FlittSavedCards order={{ cartId }} texts={kkSavedCards} />
 */
export const kkSavedCards: SavedCardsText = {
  title: 'Сақталған карталар',
  loading: 'Сақталған карталар жүктелуде…',
  none: 'Сізде әзірге сақталған карта жоқ.',
  card: (brand, last4) => `${brand || 'Карта'} •••• ${last4}`,
  expired: 'мерзімі өткен',
  pay: (last4) => `•••• ${last4} картасымен төлеу`,
  paying: 'Сақталған картамен төлем жасалуда…',
  approved: 'Төлем сәтті өтті',
  payFailed: 'Төлемді аяқтау мүмкін болмады. Қайталап көріңіз.',
  remove: (last4) => `•••• ${last4} картасын жою`,
  confirmRemove: (last4) =>
    `•••• ${last4} картасын жоясыз ба? Онымен қайта төлеу үшін карта деректерін қайта енгізу қажет болады.`,
  confirmYes: 'Жою',
  confirmNo: 'Картаны қалдыру',
  removing: 'Карта жойылуда…',
  removed: (last4) => `•••• ${last4} картасы жойылды.`,
  removeFailed: 'Картаны жою мүмкін болмады. Қайталап көріңіз.',
  useNewCard: 'Жаңа картамен төлеу',
  unusable:
    'Бұл сақталған картаны енді пайдалану мүмкін емес. Басқа картаны таңдаңыз немесе жаңа картамен төлеңіз.',
  signedOut: 'Сақталған картамен төлеу үшін жүйеге кіріңіз.',
  loadFailed: 'Сақталған карталарды жүктеу мүмкін болмады. Қайталап көріңіз.',
  saveCard: 'Картаны келесі сатып алулар үшін сақтау',
  addCard: 'Карта қосу',
  checkCard: 'Картаны тексеру және сақтау',
  cardCheckNote: 'Картаны тексеру үшін онда шағын сома бұғатталады және бірден қайтарылады.',
  cardAdded: 'Картаңыз сақталды.',
};
