// What the shop takes from flitt-checkout's server package, in one place.
export {
  createFlittClient,
  createFlittHandlers,
  createMemoryCardVault,
  FlittHttpError,
  type FlittOrder,
} from '@flitt-checkout/server';

/** Page languages the shop lets payers choose. */
export const FLITT_LANGS_SUPPORTED: readonly string[] = ['en', 'ka', 'ru', 'uk'];
