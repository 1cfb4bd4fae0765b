import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/locales/en.ts',
    'src/locales/ka.ts',
    'src/locales/ru.ts',
    'src/locales/uk.ts',
    'src/locales/uz.ts',
    'src/locales/ro.ts',
    'src/locales/hy.ts',
    'src/locales/kk.ts',
    'src/locales/az.ts',
  ],
  format: ['esm'],
  platform: 'neutral',
  dts: true,
  unbundle: true,
  clean: true,
  sourcemap: true,
  external: [/^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\//, /^@flitt-checkout\//],
  // Every export is a client component or hook (React Server Components need the directive).
  // JavaScript only: in a .d.ts it is a statement, which `tsc` refuses there (TS1036) unless the
  // app skips lib checks. tsdown's per-extension banner; rolldown's own would hit both.
  banner: { js: "'use client';" },
});
