import type { UiText } from '../types.ts';

/**
 * Georgian labels of the components; the provider loads only the active locale's.
 * (Public through `ka.ui` of `@flitt-checkout/react/locales/ka`.)
 */
export const ui: UiText = {
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
};
