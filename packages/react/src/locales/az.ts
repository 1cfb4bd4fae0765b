import type { LocaleText, ResultText, SavedCardsText, SubscriptionText } from './types.ts';

// Azerbaijani in the Latin script, with the formal «Siz». Translated from the English texts by an
// AI assistant (Claude, by Anthropic) for flitt-checkout in December 2026; not yet reviewed by a
// native speaker.

/**
 * Azerbaijani texts of the checkout components (button, embedded form). Import the one your payers
 * speak: a page carries no other language, and needs no request for its labels.
 *
 * @example
 * <FlittProvider locale={az}>…</FlittProvider>
 */
export const az: LocaleText = {
  code: 'az',
  ui: {
    pay: 'Ödəyin',
    redirecting: 'Təhlükəsiz ödəniş səhifəsi açılır…',
    creating: 'Ödəniş hazırlanır…',
    processing: 'Ödəniş emal olunur…',
    retry: 'Yenidən cəhd edin',
    loadingForm: 'Ödəniş forması yüklənir…',
    approvedTitle: 'Ödəniş uğurla tamamlandı',
    failedTitle: 'Ödənişi tamamlamaq mümkün olmadı',
    expiredTitle: 'Ödəniş sessiyasının vaxtı bitdi',
    networkError:
      'Mağaza ilə əlaqə qurmaq mümkün olmadı. İnternet bağlantısını yoxlayın və yenidən cəhd edin.',
  },
};

/**
 * Azerbaijani texts of the result page, kept apart so a checkout page does not carry them.
 *
 * @example
 * <FlittPaymentResult texts={azResult} />
 */
export const azResult: ResultText = {
  checkingStatus: 'Ödəniş yoxlanılır…',
  approvedTitle: 'Ödəniş uğurla tamamlandı',
  declinedTitle: 'Ödəniş rədd edildi',
  failedTitle: 'Ödənişi tamamlamaq mümkün olmadı',
  expiredTitle: 'Ödəniş sessiyasının vaxtı bitdi',
  processingTitle: 'Ödəniş emal olunur',
  notFoundTitle: 'Ödəniş tapılmadı',
  backToShop: 'Mağazaya qayıdın',
  cardAddedTitle: 'Kart yadda saxlanıldı',
  cardFailedTitle: 'Kartı yoxlamaq mümkün olmadı',
};

// A noun after a number stays singular in Azerbaijani (3 ay, 12 ödəniş), so no plural rules are
// needed; suffixes go on the noun, in its vowel harmony, never on a number or an amount.
const azUnit = { day: 'gün', week: 'həftə', month: 'ay' } as const;
const azEvery = { day: 'gündən', week: 'həftədən', month: 'aydan' } as const;

/**
 * Azerbaijani texts of the plan summary and the subscription manage view, apart so a checkout page
 * does not carry them.
 *
 * @example
 * <FlittPlanSummary plan={{ every: 1, period: 'month', amount: 990 }} currency="AZN" texts={azSubscription} />
 */
export const azSubscription: SubscriptionText = {
  planTitle: 'Abunəliyiniz',
  today: (amount) => `Bu gün: ${amount}`,
  recurring: (amount, every, period) =>
    `Sonra ${every === 1 ? `hər ${azUnit[period]}` : `hər ${every} ${azEvery[period]} bir`} ${amount}`,
  trial: (n, period) => `Pulsuz sınaq müddəti: ${n} ${azUnit[period]}`,
  firstCharge: (date) => `İlk ödəniş: ${date}`,
  charges: (n) => `Cəmi ${n} ödəniş`,
  until: (date) => `Bitmə tarixi: ${date}`,
  stopAnytime: 'Abunəliyi istənilən vaxt dayandıra bilərsiniz.',
  manageTitle: 'Abunəlik',
  statusActive: 'Aktiv: növbəti ödəniş plana uyğun tutulacaq.',
  statusStopped: 'Dayandırılıb: bundan sonra ödəniş tutulmayacaq.',
  stop: 'Abunəliyi dayandırın',
  start: 'Abunəliyi bərpa edin',
  stopping: 'Abunəlik dayandırılır…',
  starting: 'Abunəlik bərpa olunur…',
  stoppedNow: 'Abunəlik dayandırıldı. Bundan sonra ödəniş tutulmayacaq.',
  startedNow: 'Abunəlik yenidən aktivdir: növbəti ödəniş tarixindən başlayaraq.',
  notAllowed:
    'Bu abunəliyi bu hesabdan dəyişmək mümkün deyil. Zəhmət olmasa, mağaza ilə əlaqə saxlayın.',
  notFound: 'Bu abunəlik tapılmadı. Zəhmət olmasa, mağaza ilə əlaqə saxlayın.',
  failed: 'Abunəliyi dəyişmək mümkün olmadı. Zəhmət olmasa, sonra yenidən cəhd edin.',
};

/**
 * Azerbaijani texts of the saved-card list and the save-card checkbox, apart so a page without
 * saved cards does not carry them.
 *
 * @example
 * <FlittSavedCards order={{ cartId }} texts={azSavedCards} />
 */
export const azSavedCards: SavedCardsText = {
  title: 'Yadda saxlanmış kartlar',
  loading: 'Yadda saxlanmış kartlar yüklənir…',
  none: 'Hələ yadda saxlanmış kartınız yoxdur.',
  card: (brand, last4) => `${brand || 'Kart'} •••• ${last4}`,
  expired: 'müddəti bitib',
  pay: (last4) => `•••• ${last4} ilə ödəyin`,
  paying: 'Yadda saxlanmış kartla ödəniş edilir…',
  approved: 'Ödəniş uğurla tamamlandı',
  payFailed: 'Ödənişi tamamlamaq mümkün olmadı. Zəhmət olmasa, yenidən cəhd edin.',
  remove: (last4) => `•••• ${last4} kartını silin`,
  confirmRemove: (last4) =>
    `•••• ${last4} kartı silinsin? Onunla yenidən ödəmək üçün kart məlumatlarını yenidən daxil etməli olacaqsınız.`,
  confirmYes: 'Silin',
  confirmNo: 'Kartı saxlayın',
  removing: 'Kart silinir…',
  removed: (last4) => `•••• ${last4} kartı silindi.`,
  removeFailed: 'Kartı silmək mümkün olmadı. Zəhmət olmasa, yenidən cəhd edin.',
  useNewCard: 'Yeni kartla ödəyin',
  unusable:
    'Bu yadda saxlanmış kartdan artıq istifadə etmək mümkün deyil. Başqa kart seçin və ya yeni kartla ödəyin.',
  signedOut: 'Yadda saxlanmış kartla ödəmək üçün hesabınıza daxil olun.',
  loadFailed: 'Yadda saxlanmış kartları yükləmək mümkün olmadı. Zəhmət olmasa, yenidən cəhd edin.',
  saveCard: 'Kartı növbəti alışlar üçün yadda saxlayın',
  addCard: 'Kart əlavə edin',
  checkCard: 'Kartı yoxlayın və yadda saxlayın',
  cardCheckNote: 'Kartı yoxlamaq üçün onda kiçik məbləğ bloklanır və dərhal geri qaytarılır.',
  cardAdded: 'Kartınız yadda saxlanıldı.',
};
