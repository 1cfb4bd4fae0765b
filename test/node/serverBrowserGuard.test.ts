import { fileURLToPath } from 'node:url';
import { build, defaultClientConditions, defaultServerConditions } from 'vite';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../fixtures/importsServer.ts', import.meta.url));

const bundle = (target: 'browser' | 'server', conditions: string[]) =>
  build({
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions },
    ssr: { resolve: { conditions }, noExternal: true },
    build: {
      write: false,
      ...(target === 'server'
        ? { ssr: entry }
        : { lib: { entry, formats: ['es'], fileName: 'app' } }),
      rollupOptions: { external: [/^node:/] },
    },
  });

describe('@flitt-checkout/server in a bundle', () => {
  it('fails a browser build loudly, even with the workspace source condition', async () => {
    for (const conditions of [
      ['@flitt-checkout/source', ...defaultClientConditions],
      [...defaultClientConditions],
    ]) {
      const error = await bundle('browser', conditions).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      const text = `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`;
      expect(text).toMatch(/server-only--never-import-this-package-in-browser-code/);
    }
  });

  it('builds for the server', async () => {
    const output = await bundle('server', ['@flitt-checkout/source', ...defaultServerConditions]);
    const [result] = Array.isArray(output) ? output : [output];
    const code = JSON.stringify(result);
    expect(code).toContain('createFlittClient');
  });
});
