import type { StorybookConfig } from '@storybook/react-vite';
import { defaultClientConditions } from 'vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.tsx'],
  addons: [
    '@storybook/addon-docs',
    '@storybook/addon-a11y',
    '@storybook/addon-vitest',
    'msw-storybook-addon',
  ],
  // Serves public/mockServiceWorker.js, which answers the shop's and Flitt's URLs in the browser.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  viteFinal(vite) {
    // Workspace packages resolve to their sources, so Storybook runs without building them first.
    // Stories never import @flitt-checkout/server: it refuses browser bundles on purpose.
    return {
      ...vite,
      resolve: {
        ...vite.resolve,
        conditions: ['@flitt-checkout/source', ...defaultClientConditions],
      },
    };
  },
};

export default config;
