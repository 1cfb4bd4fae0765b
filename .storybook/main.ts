import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';
import { type Alias, type AliasOptions, defaultClientConditions } from 'vite';

/** Vite accepts aliases as an object or a list; this keeps Storybook's own ones whichever it used. */
const aliasList = (alias: AliasOptions | undefined): Alias[] =>
  Array.isArray(alias)
    ? alias
    : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));

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
    return {
      ...vite,
      resolve: {
        ...vite.resolve,
        conditions: ['@flitt-checkout/source', ...defaultClientConditions],
        alias: [
          ...aliasList(vite.resolve?.alias),
          // @flitt-checkout/server refuses browser bundles (its `browser` condition throws). The
          // stories' "merchant server" (stories/storyMerchant.ts) runs its real handlers inside the
          // page, against the in-browser sandbox, with the public test key: the one browser bundle
          // allowed to hold the server, and it never ships. Only this exact specifier is aliased.
          {
            find: /^@flitt-checkout\/server$/,
            replacement: fileURLToPath(new URL('../packages/server/src/index.ts', import.meta.url)),
          },
        ],
      },
    };
  },
};

export default config;
