// What every story gets, fresh: the shop's server (with its sandbox), a navigation spy standing in
// for leaving to Flitt's hosted page, and a query cache. Created by the preview's loader.
import { QueryClient } from '@tanstack/react-query';
import { fn } from 'storybook/test';
import {
  createStoryMerchant,
  type StoryMerchant,
  type StoryMerchantOptions,
} from './storyMerchant.ts';

/** One story's shop. */
export interface StoryShop {
  readonly merchant: StoryMerchant;
  /** FlittProvider's `navigate`: records where the payer would have been sent. */
  readonly navigate: ReturnType<typeof fn<(url: string) => void>>;
  readonly queryClient: QueryClient;
}

/**
 * Creates a story's shop.
 *
 * @example
 * const shop = createStoryShop({ secretKey: 'wrong' });
 */
export function createStoryShop(options?: StoryMerchantOptions): StoryShop {
  return {
    merchant: createStoryMerchant(options),
    navigate: fn<(url: string) => void>().mockName('navigate'),
    queryClient: new QueryClient({
      defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
    }),
  };
}

/**
 * The shop of the story being played, from the story context's `loaded`.
 *
 * @example
 * play: async ({ loaded }) => expect(shopOf(loaded).navigate).toHaveBeenCalledOnce()
 */
export function shopOf(loaded: Readonly<Record<string, unknown>>): StoryShop {
  return loaded.shop as StoryShop;
}
