import type { LocaleText, ResultText, SavedCardsText, SubscriptionText } from './types.ts';

/**
 * Georgian texts of the checkout components (button, embedded form). Import the one your payers
 * speak: a page carries no other language, and needs no request for its labels.
 *
 * @example
 * <FlittProvider locale={ka}>…</FlittProvider>
 */
export const ka: LocaleText = {
  code: 'ka',
  ui: {
    pay: 'გადახდა',
    redirecting: 'იხსნება გადახდის დაცული გვერდი…',
    creating: 'გადახდა მზადდება…',
    processing: 'გადახდა მუშავდება…',
    retry: 'ხელახლა ცდა',
    loadingForm: 'გადახდის ფორმა იტვირთება…',
    approvedTitle: 'გადახდა წარმატებით შესრულდა',
    failedTitle: 'გადახდა ვერ დასრულდა',
    expiredTitle: 'გადახდის დრო ამოიწურა',
    networkError:
      'მაღაზიასთან დაკავშირება ვერ მოხერხდა. შეამოწმეთ ინტერნეტთან კავშირი და სცადეთ ხელახლა.',
  },
};

/**
 * Georgian texts of the result page, kept apart so a checkout page does not carry them.
 *
 * @example
 * <FlittPaymentResult texts={kaResult} />
 */
export const kaResult: ResultText = {
  checkingStatus: 'გადახდის სტატუსი მოწმდება…',
  approvedTitle: 'გადახდა წარმატებით შესრულდა',
  declinedTitle: 'გადახდა უარყოფილია',
  failedTitle: 'გადახდა ვერ დასრულდა',
  expiredTitle: 'გადახდის დრო ამოიწურა',
  processingTitle: 'გადახდა მუშავდება',
  notFoundTitle: 'გადახდა ვერ მოიძებნა',
  backToShop: 'მაღაზიაში დაბრუნება',
  cardAddedTitle: 'ბარათი შენახულია',
  cardFailedTitle: 'ბარათის შემოწმება ვერ მოხერხდა',
};

const kaPeriod = { day: 'დღე', week: 'კვირა', month: 'თვე' } as const;

/**
 * Georgian texts of the plan summary and the subscription manage view, apart so a checkout page
 * does not carry them.
 *
 * @example
 * <FlittPlanSummary plan={{ every: 1, period: 'month', amount: 990 }} currency="GEL" texts={kaSubscription} />
 */
export const kaSubscription: SubscriptionText = {
  planTitle: 'თქვენი გამოწერა',
  today: (amount) => `დღეს: ${amount}`,
  // Georgian keeps the noun singular after a number.
  recurring: (amount, every, period) =>
    `შემდეგ ${amount} ${every === 1 ? `ყოველ${kaPeriod[period]}` : `ყოველ ${every} ${kaPeriod[period]}ში`}`,
  trial: (n, period) => `უფასო საცდელი პერიოდი: ${n} ${kaPeriod[period]}`,
  firstCharge: (date) => `პირველი ჩამოჭრა: ${date}`,
  charges: (n) => `სულ ${n} ჩამოჭრა`,
  until: (date) => `${date}-მდე`,
  stopAnytime: 'გამოწერის შეჩერება ნებისმიერ დროს შეგიძლიათ.',
  manageTitle: 'გამოწერა',
  statusActive: 'აქტიურია: შემდეგი ჩამოჭრა მოხდება გეგმის მიხედვით.',
  statusStopped: 'შეჩერებულია: თანხა აღარ ჩამოიჭრება.',
  stop: 'გამოწერის შეჩერება',
  start: 'გამოწერის განახლება',
  stopping: 'გამოწერა ჩერდება…',
  starting: 'გამოწერა ახლდება…',
  stoppedNow: 'გამოწერა შეჩერებულია. თანხა აღარ ჩამოიჭრება.',
  startedNow: 'გამოწერა კვლავ აქტიურია შემდეგი თარიღიდან.',
  notAllowed: 'ამ გამოწერის შეცვლა ამ ანგარიშიდან შეუძლებელია. გთხოვთ, დაუკავშირდეთ მაღაზიას.',
  notFound: 'ეს გამოწერა ვერ მოიძებნა. გთხოვთ, დაუკავშირდეთ მაღაზიას.',
  failed: 'გამოწერის შეცვლა ვერ მოხერხდა. გთხოვთ, სცადოთ მოგვიანებით.',
};

/**
 * Georgian texts of the saved-card list and the save-card checkbox, apart so a page without saved
 * cards does not carry them.
 *
 * @example
 * <FlittSavedCards order={{ cartId }} texts={kaSavedCards} />
 */
export const kaSavedCards: SavedCardsText = {
  title: 'შენახული ბარათები',
  loading: 'შენახული ბარათები იტვირთება…',
  none: 'შენახული ბარათები ჯერ არ გაქვთ.',
  card: (brand, last4) => `${brand || 'ბარათი'} •••• ${last4}`,
  expired: 'ვადაგასულია',
  pay: (last4) => `გადახდა ბარათით •••• ${last4}`,
  paying: 'მიმდინარეობს გადახდა შენახული ბარათით…',
  approved: 'გადახდა წარმატებით შესრულდა',
  payFailed: 'გადახდა ვერ დასრულდა. გთხოვთ, სცადოთ ხელახლა.',
  remove: (last4) => `ბარათის •••• ${last4} წაშლა`,
  confirmRemove: (last4) =>
    `წაიშალოს ბარათი •••• ${last4}? ამ ბარათით კვლავ გადასახდელად მისი მონაცემების ხელახლა შეყვანა მოგიწევთ.`,
  confirmYes: 'წაშლა',
  confirmNo: 'ბარათის დატოვება',
  removing: 'ბარათი იშლება…',
  removed: (last4) => `ბარათი •••• ${last4} წაიშალა.`,
  removeFailed: 'ბარათის წაშლა ვერ მოხერხდა. გთხოვთ, სცადოთ ხელახლა.',
  useNewCard: 'ახალი ბარათით გადახდა',
  unusable:
    'ამ შენახული ბარათის გამოყენება აღარ შეიძლება. გთხოვთ, აირჩიოთ სხვა ბარათი ან გადაიხადოთ ახალი ბარათით.',
  signedOut: 'შენახული ბარათით გადასახდელად, გთხოვთ, შეხვიდეთ სისტემაში.',
  loadFailed: 'შენახული ბარათების ჩატვირთვა ვერ მოხერხდა. გთხოვთ, სცადოთ ხელახლა.',
  saveCard: 'ბარათის შენახვა შემდეგი გადახდებისთვის',
  addCard: 'ბარათის დამატება',
  checkCard: 'ბარათის შემოწმება და შენახვა',
  cardCheckNote:
    'ბარათის შესამოწმებლად მასზე დაიბლოკება მცირე თანხა, რომელიც მაშინვე დაგიბრუნდებათ.',
  cardAdded: 'თქვენი ბარათი შენახულია.',
};
