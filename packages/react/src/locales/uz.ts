import type { LocaleText, ResultText, SavedCardsText, SubscriptionText } from './types.ts';

// Uzbek in the Latin script (ʻ in oʻ and gʻ, ʼ for the tutuq belgisi), with the formal «Siz».
// Translated from the English texts by an AI assistant (Claude, by Anthropic) for flitt-checkout in
// December 2026; not yet reviewed by a native speaker.

/**
 * Uzbek texts of the checkout components (button, embedded form). Import the one your payers
 * speak: a page carries no other language, and needs no request for its labels.
 *
 * @example
 * <FlittProvider locale={uz}>…</FlittProvider>
 */
export const uz: LocaleText = {
  code: 'uz',
  ui: {
    pay: 'Toʻlash',
    redirecting: 'Xavfsiz toʻlov sahifasi ochilmoqda…',
    creating: 'Toʻlov tayyorlanmoqda…',
    processing: 'Toʻlov amalga oshirilmoqda…',
    retry: 'Qayta urinish',
    loadingForm: 'Toʻlov shakli yuklanmoqda…',
    approvedTitle: 'Toʻlov muvaffaqiyatli amalga oshirildi',
    failedTitle: 'Toʻlovni yakunlab boʻlmadi',
    expiredTitle: 'Toʻlov vaqti tugadi',
    networkError:
      'Doʻkon bilan bogʻlanib boʻlmadi. Iltimos, internet aloqasini tekshiring va qaytadan urinib koʻring.',
  },
};

/**
 * Uzbek texts of the result page, kept apart so a checkout page does not carry them.
 *
 * @example
 * <FlittPaymentResult texts={uzResult} />
 */
export const uzResult: ResultText = {
  checkingStatus: 'Toʻlov tekshirilmoqda…',
  approvedTitle: 'Toʻlov muvaffaqiyatli amalga oshirildi',
  declinedTitle: 'Toʻlov rad etildi',
  failedTitle: 'Toʻlovni yakunlab boʻlmadi',
  expiredTitle: 'Toʻlov vaqti tugadi',
  processingTitle: 'Toʻlov qayta ishlanmoqda',
  notFoundTitle: 'Toʻlov topilmadi',
  backToShop: 'Doʻkonga qaytish',
  cardAddedTitle: 'Karta saqlandi',
  cardFailedTitle: 'Kartani tekshirib boʻlmadi',
};

// A noun after a number stays singular in Uzbek (3 oy, 12 ta toʻlov), so no plural rules are
// needed; suffixes go on the noun, never on a number or an amount.
const uzUnit = { day: 'kun', week: 'hafta', month: 'oy' } as const;
const uzEach = { day: 'har kuni', week: 'har hafta', month: 'har oy' } as const;

/**
 * Uzbek texts of the plan summary and the subscription manage view, apart so a checkout page
 * does not carry them.
 *
 * @example
 * <FlittPlanSummary plan={{ every: 1, period: 'month', amount: 990 }} currency="UZS" texts={uzSubscription} />
 */
export const uzSubscription: SubscriptionText = {
  planTitle: 'Obunangiz',
  today: (amount) => `Bugun: ${amount}`,
  recurring: (amount, every, period) =>
    `Keyin ${every === 1 ? uzEach[period] : `har ${every} ${uzUnit[period]}da`} ${amount}`,
  trial: (n, period) => `Bepul sinov muddati: ${n} ${uzUnit[period]}`,
  firstCharge: (date) => `Birinchi toʻlov: ${date}`,
  charges: (n) => `Jami ${n} ta toʻlov`,
  until: (date) => `Tugash sanasi: ${date}`,
  stopAnytime: 'Obunani istalgan vaqtda toʻxtatishingiz mumkin.',
  manageTitle: 'Obuna',
  statusActive: 'Faol: keyingi toʻlov reja boʻyicha yechib olinadi.',
  statusStopped: 'Toʻxtatilgan: boshqa toʻlovlar yechib olinmaydi.',
  stop: 'Obunani toʻxtatish',
  start: 'Obunani qayta yoqish',
  stopping: 'Obuna toʻxtatilmoqda…',
  starting: 'Obuna qayta yoqilmoqda…',
  stoppedNow: 'Obuna toʻxtatildi. Boshqa toʻlovlar yechib olinmaydi.',
  startedNow: 'Obuna yana faol: keyingi toʻlov sanasidan boshlab.',
  notAllowed: 'Bu obunani ushbu hisobdan oʻzgartirib boʻlmaydi. Iltimos, doʻkonga murojaat qiling.',
  notFound: 'Bu obuna topilmadi. Iltimos, doʻkonga murojaat qiling.',
  failed: 'Obunani oʻzgartirib boʻlmadi. Iltimos, keyinroq urinib koʻring.',
};

/**
 * Uzbek texts of the saved-card list and the save-card checkbox, apart so a page without saved
 * cards does not carry them.
 *
 * @example
 * <FlittSavedCards order={{ cartId }} texts={uzSavedCards} />
 */
export const uzSavedCards: SavedCardsText = {
  title: 'Saqlangan kartalar',
  loading: 'Saqlangan kartalar yuklanmoqda…',
  none: 'Sizda hali saqlangan karta yoʻq.',
  card: (brand, last4) => `${brand || 'Karta'} •••• ${last4}`,
  expired: 'muddati tugagan',
  pay: (last4) => `•••• ${last4} kartasi bilan toʻlash`,
  paying: 'Saqlangan karta bilan toʻlanmoqda…',
  approved: 'Toʻlov muvaffaqiyatli amalga oshirildi',
  payFailed: 'Toʻlovni yakunlab boʻlmadi. Iltimos, qaytadan urinib koʻring.',
  remove: (last4) => `•••• ${last4} kartasini oʻchirish`,
  confirmRemove: (last4) =>
    `•••• ${last4} kartasi oʻchirilsinmi? U bilan yana toʻlash uchun karta maʼlumotlarini qaytadan kiritishingiz kerak boʻladi.`,
  confirmYes: 'Oʻchirish',
  confirmNo: 'Kartani qoldirish',
  removing: 'Karta oʻchirilmoqda…',
  removed: (last4) => `•••• ${last4} kartasi oʻchirildi.`,
  removeFailed: 'Kartani oʻchirib boʻlmadi. Iltimos, qaytadan urinib koʻring.',
  useNewCard: 'Yangi karta bilan toʻlash',
  unusable:
    'Bu saqlangan kartadan endi foydalanib boʻlmaydi. Iltimos, boshqa kartani tanlang yoki yangisidan foydalaning.',
  signedOut: 'Saqlangan karta bilan toʻlash uchun hisobingizga kiring.',
  loadFailed: 'Saqlangan kartalarni yuklab boʻlmadi. Iltimos, qaytadan urinib koʻring.',
  saveCard: 'Kartani keyingi xaridlar uchun saqlash',
  addCard: 'Karta qoʻshish',
  checkCard: 'Kartani tekshirish va saqlash',
  cardCheckNote: 'Kartani tekshirish uchun undan kichik summa band qilinadi va darhol qaytariladi.',
  cardAdded: 'Kartangiz saqlandi.',
};
