import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: { conditions: ['@flitt-checkout/source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true },
});
