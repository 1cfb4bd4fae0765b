import type { LocaleText, ResultText, SavedCardsText, SubscriptionText } from './types.ts';

// Armenian, with the formal «Դուք» (capitalised, as in «Ձեր»); sentences end in the verjaket «։», a
// label is set off by the but «՝», and the question mark «՞» sits on the stressed vowel. Translated
// from the English texts by an AI assistant (Claude, by Anthropic) for flitt-checkout in December
// 2026; not yet reviewed by a native speaker.

/**
 * Armenian texts of the checkout components (button, embedded form). Import the one your payers
 * speak: a page carries no other language, and needs no request for its labels.
 *
 * @example
 * <FlittProvider locale={hy}>…</FlittProvider>
 */
export const hy: LocaleText = {
  code: 'hy',
  ui: {
    pay: 'Վճարել',
    redirecting: 'Բացվում է վճարման պաշտպանված էջը…',
    creating: 'Վճարումը պատրաստվում է…',
    processing: 'Վճարումը մշակվում է…',
    retry: 'Կրկին փորձել',
    loadingForm: 'Վճարման ձևը բեռնվում է…',
    approvedTitle: 'Վճարումը հաջողվեց',
    failedTitle: 'Չհաջողվեց ավարտել վճարումը',
    expiredTitle: 'Վճարման ժամկետը լրացել է',
    networkError:
      'Չհաջողվեց կապ հաստատել խանութի հետ։ Խնդրում ենք ստուգել ինտերնետ կապը և կրկին փորձել։',
  },
};

/**
 * Armenian texts of the result page, kept apart so a checkout page does not carry them.
 *
 * @example
 * <FlittPaymentResult texts={hyResult} />
 */
export const hyResult: ResultText = {
  checkingStatus: 'Վճարումը ստուգվում է…',
  approvedTitle: 'Վճարումը հաջողվեց',
  declinedTitle: 'Վճարումը մերժվել է',
  failedTitle: 'Չհաջողվեց ավարտել վճարումը',
  expiredTitle: 'Վճարման ժամկետը լրացել է',
  processingTitle: 'Վճարումը մշակվում է',
  notFoundTitle: 'Վճարումը չի գտնվել',
  backToShop: 'Վերադառնալ խանութ',
  cardAddedTitle: 'Քարտը պահպանված է',
  cardFailedTitle: 'Չհաջողվեց ստուգել քարտը',
};

// A noun after a number stays singular in Armenian (3 ամիս, 12 գանձում), so no plural rules are
// needed. «3 ամիսը մեկ»: once every three months.
const hyUnit = { day: 'օր', week: 'շաբաթ', month: 'ամիս' } as const;

/**
 * Armenian texts of the plan summary and the subscription manage view, apart so a checkout page
 * does not carry them.
 *
 * @example
 * <FlittPlanSummary plan={{ every: 1, period: 'month', amount: 990 }} currency="AMD" texts={hySubscription} />
 */
export const hySubscription: SubscriptionText = {
  planTitle: 'Ձեր բաժանորդագրությունը',
  today: (amount) => `Այսօր՝ ${amount}`,
  recurring: (amount, every, period) =>
    `Այնուհետև ${amount} ${every === 1 ? `ամեն ${hyUnit[period]}` : `${every} ${hyUnit[period]}ը մեկ`}`,
  trial: (n, period) => `Անվճար փորձաշրջան՝ ${n} ${hyUnit[period]}`,
  firstCharge: (date) => `Առաջին գանձումը՝ ${date}`,
  charges: (n) => `Ընդամենը ${n} գանձում`,
  until: (date) => `Մինչև ${date}`,
  stopAnytime: 'Բաժանորդագրությունը կարող եք դադարեցնել ցանկացած պահի։',
  manageTitle: 'Բաժանորդագրություն',
  statusActive: 'Ակտիվ է։ Հաջորդ գանձումը կկատարվի ըստ ժամանակացույցի։',
  statusStopped: 'Դադարեցված է։ Այլևս գանձումներ չեն լինի։',
  stop: 'Դադարեցնել բաժանորդագրությունը',
  start: 'Վերսկսել բաժանորդագրությունը',
  stopping: 'Բաժանորդագրությունը դադարեցվում է…',
  starting: 'Բաժանորդագրությունը վերսկսվում է…',
  stoppedNow: 'Բաժանորդագրությունը դադարեցվեց։ Այլևս գանձումներ չեն լինի։',
  startedNow: 'Բաժանորդագրությունը կրկին ակտիվ է՝ հաջորդ գանձման օրվանից։',
  notAllowed:
    'Այս բաժանորդագրությունը հնարավոր չէ փոխել այս հաշվից։ Խնդրում ենք կապվել խանութի հետ։',
  notFound: 'Այս բաժանորդագրությունը չի գտնվել։ Խնդրում ենք կապվել խանութի հետ։',
  failed: 'Չհաջողվեց փոխել բաժանորդագրությունը։ Խնդրում ենք փորձել ավելի ուշ։',
};

/**
 * Armenian texts of the saved-card list and the save-card checkbox, apart so a page without saved
 * cards does not carry them.
 *
 * @example
 * <FlittSavedCards order={{ cartId }} texts={hySavedCards} />
 */
export const hySavedCards: SavedCardsText = {
  title: 'Պահպանված քարտեր',
  loading: 'Պահպանված քարտերը բեռնվում են…',
  none: 'Դուք դեռ պահպանված քարտեր չունեք։',
  card: (brand, last4) => `${brand || 'Քարտ'} •••• ${last4}`,
  expired: 'ժամկետանց',
  pay: (last4) => `Վճարել •••• ${last4} քարտով`,
  paying: 'Վճարումը պահպանված քարտով կատարվում է…',
  approved: 'Վճարումը հաջողվեց',
  payFailed: 'Չհաջողվեց ավարտել վճարումը։ Խնդրում ենք կրկին փորձել։',
  remove: (last4) => `Հեռացնել •••• ${last4} քարտը`,
  confirmRemove: (last4) =>
    `Հեռացնե՞լ •••• ${last4} քարտը։ Այն կրկին օգտագործելու համար պետք է նորից մուտքագրեք քարտի տվյալները։`,
  confirmYes: 'Հեռացնել',
  confirmNo: 'Պահել քարտը',
  removing: 'Քարտը հեռացվում է…',
  removed: (last4) => `•••• ${last4} քարտը հեռացվեց։`,
  removeFailed: 'Չհաջողվեց հեռացնել քարտը։ Խնդրում ենք կրկին փորձել։',
  useNewCard: 'Վճարել նոր քարտով',
  unusable:
    'Այս պահպանված քարտն այլևս հնարավոր չէ օգտագործել։ Խնդրում ենք ընտրել այլ քարտ կամ վճարել նոր քարտով։',
  signedOut: 'Պահպանված քարտով վճարելու համար խնդրում ենք մուտք գործել։',
  loadFailed: 'Չհաջողվեց բեռնել պահպանված քարտերը։ Խնդրում ենք կրկին փորձել։',
  saveCard: 'Պահպանել քարտը հաջորդ գնումների համար',
  addCard: 'Ավելացնել քարտ',
  checkCard: 'Ստուգել և պահպանել քարտը',
  cardCheckNote:
    'Քարտը ստուգելու համար դրա վրա փոքր գումար է արգելափակվում, որն անմիջապես վերադարձվում է։',
  cardAdded: 'Ձեր քարտը պահպանված է։',
};
