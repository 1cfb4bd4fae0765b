import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/messages/en.ts',
    'src/messages/ka.ts',
    'src/messages/ru.ts',
    'src/messages/uk.ts',
  ],
  format: ['esm'],
  platform: 'neutral',
  dts: true,
  clean: true,
  sourcemap: true,
});
