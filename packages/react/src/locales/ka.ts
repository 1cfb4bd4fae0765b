import { ka as payer } from '@flitt-checkout/core/messages/ka';
import type { LocaleText } from './types.ts';

/**
 * Georgian texts of the components.
 *
 * @example
 * <FlittProvider locale="ka" messages={ka}>…</FlittProvider>
 */
export const ka: LocaleText = {
  payer,
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
  },
};
