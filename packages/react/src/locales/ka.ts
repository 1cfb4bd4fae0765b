import type { LocaleText } from './types.ts';

/**
 * Georgian texts of the components. Import the one your payers speak: a page carries no other
 * language, and needs no request for its labels.
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
    checkingStatus: 'გადახდის სტატუსი მოწმდება…',
    approvedTitle: 'გადახდა წარმატებით შესრულდა',
    declinedTitle: 'გადახდა უარყოფილია',
    failedTitle: 'გადახდა ვერ დასრულდა',
    expiredTitle: 'გადახდის დრო ამოიწურა',
    processingTitle: 'გადახდა მუშავდება',
    notFoundTitle: 'გადახდა ვერ მოიძებნა',
    backToShop: 'მაღაზიაში დაბრუნება',
    networkError:
      'მაღაზიასთან დაკავშირება ვერ მოხერხდა. შეამოწმეთ ინტერნეტთან კავშირი და სცადეთ ხელახლა.',
  },
};
