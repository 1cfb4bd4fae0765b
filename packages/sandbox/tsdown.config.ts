import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/msw.ts', 'src/cli.ts'],
  format: ['esm'],
  platform: 'node',
  dts: true,
  clean: true,
  sourcemap: true,
  external: ['msw'],
});
