import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/checkout.ts',
    'src/responseCodes.ts',
    'src/messages/index.ts',
    'src/messages/en.ts',
    'src/messages/ka.ts',
    'src/messages/ru.ts',
    'src/messages/uk.ts',
    'src/messages/uz.ts',
    'src/messages/ro.ts',
    'src/messages/hy.ts',
    'src/messages/kk.ts',
    'src/messages/az.ts',
  ],
  format: ['esm'],
  platform: 'neutral',
  dts: true,
  // One module per source file, so an app's bundler can put each part (the response-code table,
  // the texts) in the chunk that needs it instead of wherever the first import lands.
  unbundle: true,
  clean: true,
  sourcemap: true,
});
