import type { LocaleText, ResultText, SavedCardsText, SubscriptionText } from './types.ts';

// Romanian, as read in Moldova, with the formal «dumneavoastră». Translated from the English texts
// by an AI assistant (Claude, by Anthropic) for flitt-checkout in December 2026; not yet reviewed
// by a native speaker.

/**
 * Romanian texts of the checkout components (button, embedded form). Import the one your payers
 * speak: a page carries no other language, and needs no request for its labels.
 *
 * @example
 * <FlittProvider locale={ro}>…</FlittProvider>
 */
export const ro: LocaleText = {
  code: 'ro',
  ui: {
    pay: 'Plătiți',
    redirecting: 'Se deschide pagina securizată de plată…',
    creating: 'Se pregătește plata…',
    processing: 'Se procesează plata…',
    retry: 'Încercați din nou',
    loadingForm: 'Se încarcă formularul de plată…',
    approvedTitle: 'Plata a reușit',
    failedTitle: 'Plata nu a putut fi finalizată',
    expiredTitle: 'Sesiunea de plată a expirat',
    networkError:
      'Nu ne-am putut conecta la magazin. Vă rugăm să verificați conexiunea la internet și să încercați din nou.',
  },
};

/**
 * Romanian texts of the result page, kept apart so a checkout page does not carry them.
 *
 * @example
 * <FlittPaymentResult texts={roResult} />
 */
export const roResult: ResultText = {
  checkingStatus: 'Se verifică plata…',
  approvedTitle: 'Plata a reușit',
  declinedTitle: 'Plata a fost refuzată',
  failedTitle: 'Plata nu a putut fi finalizată',
  expiredTitle: 'Sesiunea de plată a expirat',
  processingTitle: 'Plata este în curs de procesare',
  notFoundTitle: 'Plata nu a fost găsită',
  backToShop: 'Înapoi la magazin',
  cardAddedTitle: 'Cardul a fost salvat',
  cardFailedTitle: 'Cardul nu a putut fi verificat',
};

/**
 * A count with its noun: `1 zi`, `2 zile`, `20 de zile` (CLDR one / few / other; from 20 on, and
 * for 101, 120 …, Romanian puts «de» between the number and the noun).
 */
const roCount = (n: number, [one, few]: readonly [string, string]) => {
  // Made per call: a module-level one would run on every page that imports the language.
  const rule = new Intl.PluralRules('ro').select(n);
  return rule === 'one' ? `${n} ${one}` : rule === 'few' ? `${n} ${few}` : `${n} de ${few}`;
};
const roUnit = {
  day: ['zi', 'zile'],
  week: ['săptămână', 'săptămâni'],
  month: ['lună', 'luni'],
} as const;
const roEach = {
  day: 'în fiecare zi',
  week: 'în fiecare săptămână',
  month: 'în fiecare lună',
} as const;

/**
 * Romanian texts of the plan summary and the subscription manage view, apart so a checkout page
 * does not carry them.
 *
 * @example
 * <FlittPlanSummary plan={{ every: 1, period: 'month', amount: 990 }} currency="MDL" texts={roSubscription} />
 */
export const roSubscription: SubscriptionText = {
  planTitle: 'Abonamentul dumneavoastră',
  today: (amount) => `Astăzi: ${amount}`,
  recurring: (amount, every, period) =>
    `Apoi ${amount} ${every === 1 ? roEach[period] : `o dată la ${roCount(every, roUnit[period])}`}`,
  trial: (n, period) => `Perioadă de probă gratuită: ${roCount(n, roUnit[period])}`,
  firstCharge: (date) => `Prima plată: ${date}`,
  charges: (n) => `În total ${roCount(n, ['plată', 'plăți'])}`,
  until: (date) => `Până la ${date}`,
  stopAnytime: 'Puteți opri abonamentul oricând.',
  manageTitle: 'Abonament',
  statusActive: 'Activ: următoarea plată va fi încasată conform planului.',
  statusStopped: 'Oprit: nu vor mai fi încasate alte plăți.',
  stop: 'Opriți abonamentul',
  start: 'Reporniți abonamentul',
  stopping: 'Se oprește abonamentul…',
  starting: 'Se repornește abonamentul…',
  stoppedNow: 'Abonamentul a fost oprit. Nu vor mai fi încasate alte plăți.',
  startedNow: 'Abonamentul este din nou activ, de la următoarea dată de plată.',
  notAllowed:
    'Acest abonament nu poate fi modificat din acest cont. Vă rugăm să contactați magazinul.',
  notFound: 'Nu am găsit acest abonament. Vă rugăm să contactați magazinul.',
  failed: 'Nu am putut modifica abonamentul. Vă rugăm să încercați mai târziu.',
};

/**
 * Romanian texts of the saved-card list and the save-card checkbox, apart so a page without saved
 * cards does not carry them.
 *
 * @example
 * <FlittSavedCards order={{ cartId }} texts={roSavedCards} />
 */
export const roSavedCards: SavedCardsText = {
  title: 'Carduri salvate',
  loading: 'Se încarcă cardurile salvate…',
  none: 'Nu aveți încă niciun card salvat.',
  card: (brand, last4) => `${brand || 'Card'} •••• ${last4}`,
  expired: 'expirat',
  pay: (last4) => `Plătiți cu •••• ${last4}`,
  paying: 'Se plătește cu cardul salvat…',
  approved: 'Plata a reușit',
  payFailed: 'Plata nu a putut fi finalizată. Vă rugăm să încercați din nou.',
  remove: (last4) => `Eliminați cardul •••• ${last4}`,
  confirmRemove: (last4) =>
    `Eliminați cardul •••• ${last4}? Pentru a plăti din nou cu el, va trebui să introduceți din nou datele lui.`,
  confirmYes: 'Eliminați',
  confirmNo: 'Păstrați cardul',
  removing: 'Se elimină cardul…',
  removed: (last4) => `Cardul •••• ${last4} a fost eliminat.`,
  removeFailed: 'Nu am putut elimina cardul. Vă rugăm să încercați din nou.',
  useNewCard: 'Plătiți cu un card nou',
  unusable:
    'Acest card salvat nu mai poate fi folosit. Vă rugăm să alegeți alt card sau să folosiți unul nou.',
  signedOut: 'Vă rugăm să vă autentificați pentru a plăti cu un card salvat.',
  loadFailed: 'Nu am putut încărca cardurile salvate. Vă rugăm să încercați din nou.',
  saveCard: 'Salvați cardul pentru plățile viitoare',
  addCard: 'Adăugați un card',
  checkCard: 'Verificați și salvați cardul',
  cardCheckNote: 'Pentru verificare, pe card se blochează o sumă mică, care se returnează imediat.',
  cardAdded: 'Cardul dumneavoastră a fost salvat.',
};
