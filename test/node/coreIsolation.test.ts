import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import vectors from '@flitt-checkout/test-kit/fixtures/flitt-vectors.json' with { type: 'json' };
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../packages/core/src/index.ts', import.meta.url));

/** Bundles core the way a browser app would, recording every import that leaves the package. */
async function bundleCore() {
  const leaving: string[] = [];
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions: ['@flitt-checkout/source', 'browser', 'import', 'default'] },
    plugins: [
      {
        name: 'record-external-imports',
        enforce: 'pre',
        resolveId(source) {
          if (source.startsWith('.') || source.startsWith('/') || source.startsWith('\0'))
            return null;
          leaving.push(source);
          return { id: source, external: true };
        },
      },
    ],
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ['iife'], name: 'FlittCore', fileName: 'core' },
    },
  });
  const [result] = Array.isArray(output) ? output : [output];
  const chunk = (result as Rolldown.RolldownOutput).output.find((o) => o.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('no chunk built');
  return { code: chunk.code, leaving };
}

describe('@flitt-checkout/core', () => {
  it('imports nothing outside itself: no React, no Node built-ins, no dependencies', async () => {
    const { leaving } = await bundleCore();
    expect(leaving).toEqual([]);
  });

  it('runs with only Web-standard globals (no require, process or Buffer)', async () => {
    const { code } = await bundleCore();
    const globals = {
      crypto: globalThis.crypto,
      TextEncoder,
      TextDecoder,
      URL,
      URLSearchParams,
      btoa,
      atob,
    };
    const context: Record<string, unknown> = { ...globals };
    runInNewContext(`${code}\nthis.FlittCore = FlittCore;`, context);
    const core = context.FlittCore as typeof import('@flitt-checkout/core');
    expect(context.require).toBeUndefined();
    expect(context.process).toBeUndefined();
    const [v] = vectors.protocol_1;
    if (!v) throw new Error('no vector');
    expect(await core.createSignature(v.params, v.key)).toBe(v.signature);
    expect(core.validateOrder({}).ok).toBe(false);
  });

  it('has no runtime dependencies in its package.json', () => {
    const require = createRequire(import.meta.url);
    const pkg = require('../../packages/core/package.json') as Record<string, unknown>;
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
  });
});
