// What the shop takes from flitt-checkout's server package, in one place.
export {
  captureInFull,
  createFlittClient,
  createFlittHandlers,
  createMemoryCardVault,
  type FlittClient,
  FlittHttpError,
  type FlittOrder,
  FlittValidationError,
  majorToMinor,
  orderMoney,
  refund,
} from '@flitt-checkout/server';

/** Page languages the shop lets payers choose. */
export const FLITT_LANGS_SUPPORTED: readonly string[] = ['en', 'ka', 'ru', 'uk'];
