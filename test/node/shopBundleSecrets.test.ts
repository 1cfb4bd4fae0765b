// The secret payment key must never reach a browser. Build the demo shop exactly as it ships (Vite
// production build) with the key in the environment and in a .env file, then scan every emitted
// file for it and for server-side code.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const FROM_ENV = `flitt-secret-canary-env-${Math.random().toString(36).slice(2)}`;
const FROM_DOTENV = `flitt-secret-canary-dotenv-${Math.random().toString(36).slice(2)}`;
let outDir: string;
let envDir: string;
let files: { name: string; text: string }[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'flitt-shop-scan-'));
  envDir = await mkdtemp(join(tmpdir(), 'flitt-shop-env-'));
  await writeFile(
    join(envDir, '.env'),
    `FLITT_SECRET_KEY=${FROM_DOTENV}\nFLITT_MERCHANT_ID=1549901\n`,
  );
  const saved = process.env.FLITT_SECRET_KEY;
  process.env.FLITT_SECRET_KEY = FROM_ENV;
  try {
    await build({
      configFile: join(root, 'examples/shop/vite.config.ts'),
      root: join(root, 'examples/shop'),
      envDir,
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, sourcemap: true },
    });
  } finally {
    if (saved === undefined) delete process.env.FLITT_SECRET_KEY;
    else process.env.FLITT_SECRET_KEY = saved;
  }
  const names = await readdir(outDir, { recursive: true });
  for (const name of names) {
    if (!/\.(js|mjs|css|html|map|json)$/.test(name)) continue;
    files.push({ name, text: await readFile(join(outDir, name), 'utf8') });
  }
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
  await rm(envDir, { recursive: true, force: true });
  files = [];
});

describe('the built demo shop', () => {
  it('was built and is scanned (control: the app code is there)', () => {
    expect(files.some((f) => f.name.endsWith('.html'))).toBe(true);
    expect(files.some((f) => f.text.includes('/api/flitt'))).toBe(true);
  });

  it.each([
    ['the secret key from the environment', FROM_ENV],
    ['the secret key from a .env file', FROM_DOTENV],
    ['the variable name FLITT_SECRET_KEY', 'FLITT_SECRET_KEY'],
    ['the server package', 'createFlittHandlers'],
    ['the Node adapter', 'toNodeHandler'],
  ])('contains no %s (source maps included)', (_what, needle) => {
    const found = files.filter((f) => f.text.includes(needle)).map((f) => f.name);
    expect(found).toEqual([]);
  });

  // Code only: the source maps carry core's doc comments, which mention these words.
  it.each([
    ['a secretKey property', /secretKey/],
    ['an import of a Node built-in', /["'`]node:[a-z]/],
  ])('runs no code with %s', (_what, pattern) => {
    const found = files.filter((f) => f.name.endsWith('.js') && pattern.test(f.text));
    expect(found.map((f) => f.name)).toEqual([]);
  });

  it('contains no signing code: no SHA-1 digest, no signature string builder', () => {
    const code = files.filter((f) => f.name.endsWith('.js'));
    expect(code.length).toBeGreaterThan(0);
    for (const file of code) {
      expect(file.text, file.name).not.toMatch(/SHA-1/i);
      expect(file.text, file.name).not.toContain('response_signature_string');
    }
  });
});
