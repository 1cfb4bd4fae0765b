import type { LocaleText, ResultText } from './types.ts';

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
};
