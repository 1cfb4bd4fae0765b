import '@flitt-checkout/react/styles.css';
import { FlittProvider, type FlittProviderProps } from '@flitt-checkout/react';
import { az } from '@flitt-checkout/react/locales/az';
import { en } from '@flitt-checkout/react/locales/en';
import { hy } from '@flitt-checkout/react/locales/hy';
import { ka } from '@flitt-checkout/react/locales/ka';
import { kk } from '@flitt-checkout/react/locales/kk';
import { ro } from '@flitt-checkout/react/locales/ro';
import { ru } from '@flitt-checkout/react/locales/ru';
import { uk } from '@flitt-checkout/react/locales/uk';
import { uz } from '@flitt-checkout/react/locales/uz';
import type { Decorator, Preview } from '@storybook/react-vite';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import type { StoryMerchantOptions } from '../stories/storyMerchant.ts';
import { createStoryShop, shopOf } from '../stories/storyShop.ts';

declare module 'storybook/internal/csf' {
  interface Parameters {
    /** How the story's shop (and the Flitt sandbox behind it) behaves. */
    merchant?: StoryMerchantOptions;
    /** Extra FlittProvider props for the story. */
    flitt?: Pick<FlittProviderProps, 'timeoutMs' | 'checkoutScriptUrl'>;
  }
}

// Requests to the shop or to Flitt that no handler answers are errors, never real traffic.
const startWorker = async () => {
  const worker = setupWorker();
  await worker.start({
    quiet: true,
    onUnhandledRequest(request, print) {
      const url = new URL(request.url);
      if (
        url.pathname.startsWith('/api/') ||
        url.pathname.startsWith('/flitt-sandbox/') ||
        url.hostname.endsWith('flitt.com')
      )
        print.error();
    },
  });
  return worker;
};

// The toolbar's languages; each story's provider gets the chosen one's texts.
const LOCALES = { en, ka, ru, uk, uz, ro, hy, kk, az };

const withFlitt: Decorator = (Story, { globals, loaded, parameters }) => {
  const { merchant, navigate, queryClient } = shopOf(loaded);
  const locale = LOCALES[globals.locale as keyof typeof LOCALES] ?? en;
  const theme = globals.theme === 'dark' ? 'dark' : 'light';
  return (
    <FlittProvider
      queryClient={queryClient}
      locale={locale}
      theme={theme}
      navigate={navigate}
      {...merchant.providerProps}
      {...parameters.flitt}
    >
      <Story />
    </FlittProvider>
  );
};

const preview: Preview = {
  // A fresh shop, sandbox, query cache and navigation spy per story: nothing leaks between stories.
  loaders: [
    mswLoader(startWorker),
    ({ parameters }) => ({ shop: createStoryShop(parameters.merchant) }),
  ],
  async beforeEach({ msw, loaded }) {
    const { merchant } = shopOf(loaded);
    msw.use(...merchant.handlers);
    return () => merchant.close();
  },
  decorators: [withFlitt],
  globalTypes: {
    locale: {
      description: 'Payer language',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'ka', title: 'ქართული' },
          { value: 'ru', title: 'Русский' },
          { value: 'uk', title: 'Українська' },
          { value: 'uz', title: 'Oʻzbekcha' },
          { value: 'ro', title: 'Română' },
          { value: 'hy', title: 'Հայերեն' },
          { value: 'kk', title: 'Қазақша' },
          { value: 'az', title: 'Azərbaycanca' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Component theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'light' },
  parameters: {
    // axe violations fail the story's test, not just the a11y panel.
    a11y: { test: 'error' },
  },
};

export default preview;
