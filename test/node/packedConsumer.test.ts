// The packages as an app gets them from the registry: each packed with pnpm, unpacked into a fresh
// project's node_modules, and a small full-stack app compiled against their .d.ts files with
// `strict` and `skipLibCheck: false`, under bundler and node16 resolution, and its browser page
// built with Vite and with esbuild from what was installed. Nothing is downloaded:
// React, msw and the type packages are symlinks to the workspace's own copies.
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { type Rolldown, build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = ['core', 'server', 'react', 'sandbox'] as const;
const PNPM = ['--yes', 'pnpm@10.34.9'];
// What the consumer installs besides our packages, linked from the workspace.
const LINKED = [
  'react',
  'react-dom',
  '@types/react',
  '@types/react-dom',
  '@types/node',
  '@tanstack/react-query',
  'msw',
];

interface Manifest {
  name: string;
  exports: Record<string, string | Record<string, unknown>>;
}

const manifest = (name: string): Manifest =>
  JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));

/** `exports` keys that have types, as import specifiers (`@flitt-checkout/core/messages/en`). */
function typedEntries(name: string): string[] {
  const { name: pkg, exports } = manifest(name);
  return Object.entries(exports)
    .filter(([, target]) => typeof target === 'object' && 'types' in target)
    .map(([key]) => `${pkg}${key.slice(1)}`);
}

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** Packages whose dist lacks an entry's files or is older than its sources or build config. */
function staleDists(): string[] {
  return PACKAGES.filter((name) => {
    const dir = join(root, 'packages', name);
    const inputs = Math.max(
      newest(join(dir, 'src')),
      newest(join(dir, 'package.json')),
      newest(join(dir, 'tsdown.config.ts')),
    );
    const outputs = Object.values(manifest(name).exports).flatMap((target) =>
      typeof target === 'object'
        ? [target.types, target.default].filter((f): f is string => typeof f === 'string')
        : [],
    );
    return outputs.some((file) => {
      const path = join(dir, file);
      return !existsSync(path) || statSync(path).mtimeMs < inputs;
    });
  });
}

const consumerFiles = (): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'shop', private: true, type: 'module' }),
  'tsconfig.bundler.json': tsconfig({ module: 'preserve', moduleResolution: 'bundler' }),
  'tsconfig.node16.json': tsconfig({ module: 'node16', moduleResolution: 'node16' }),
  // Every entry point with types, so a new subpath is compiled without touching this test.
  'src/entries.ts': [
    ...PACKAGES.flatMap(typedEntries).map((s, i) => `import * as entry${i} from '${s}';`),
    `export const entries = [${PACKAGES.flatMap(typedEntries)
      .map((_, i) => `entry${i}`)
      .join(', ')}];`,
  ].join('\n'),
  'src/Checkout.tsx': `
import { describeResponseCode, isSafeCheckoutUrl, type Locale } from '@flitt-checkout/core';
import {
  FlittCheckoutButton,
  type FlittCheckoutButtonProps,
  FlittEmbeddedCheckout,
  FlittPaymentResult,
  FlittProvider,
} from '@flitt-checkout/react';
import { en, enResult } from '@flitt-checkout/react/locales/en';
import { ka } from '@flitt-checkout/react/locales/ka';
import { ru } from '@flitt-checkout/react/locales/ru';
import { uk } from '@flitt-checkout/react/locales/uk';
import '@flitt-checkout/react/styles.css';
import { createRoot } from 'react-dom/client';

const texts = { en, ka, ru, uk };

function PayButton(props: FlittCheckoutButtonProps) {
  return <FlittCheckoutButton {...props} />;
}

export function Checkout({ cartId, locale }: { cartId: string; locale: Locale }) {
  return (
    <FlittProvider apiBase="/api/flitt" locale={texts[locale]}>
      <PayButton
        order={{ cartId }}
        prefetch="intent"
        onDeclined={(state) => console.warn(describeResponseCode(state.code).category)}
      >
        Pay 23.50 ₾
      </PayButton>
      <FlittEmbeddedCheckout
        order={{ cartId }}
        onApproved={(state) => window.location.assign(\`/result?order_id=\${state.orderId}\`)}
      />
    </FlittProvider>
  );
}

export function Result() {
  return (
    <FlittProvider apiBase="/api/flitt" locale={en}>
      <FlittPaymentResult texts={enResult} actions={<a href="/cart">Back to the cart</a>} />
    </FlittProvider>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Checkout cartId="cart-1" locale="ka" />);

export const leavesForFlitt = (url: string) => isSafeCheckoutUrl(url);
`,
  'src/server.ts': `
import { createServer } from 'node:http';
import { validateOrder } from '@flitt-checkout/core';
import {
  createFlittClient,
  createFlittHandlers,
  FlittApiError,
  FlittHttpError,
  type FlittOrder,
} from '@flitt-checkout/server';
import { toNodeHandler } from '@flitt-checkout/server/node';

const prices: Record<string, number> = { tea: 700, churchkhela: 450 };
const paid: FlittOrder[] = [];

export const flitt = createFlittHandlers({
  client: createFlittClient({
    merchantId: process.env.FLITT_MERCHANT_ID ?? '1549901',
    secretKey: process.env.FLITT_SECRET_KEY ?? 'test',
  }),
  resolveOrder: async ({ order }) => {
    const items = (order as { items?: { sku: string; qty: number }[] }).items ?? [];
    if (items.length === 0) throw new FlittHttpError(400, 'empty_cart', 'The cart is empty.');
    const amount = items.reduce((sum, item) => sum + (prices[item.sku] ?? 0) * item.qty, 0);
    return { amount, currency: 'GEL', order_desc: 'Tea shop' };
  },
  onEvent: async (event) => {
    if (event.type === 'payment.approved') paid.push(event.order);
  },
  callbackUrl: 'https://shop.example/api/flitt/callback',
  returnUrl: 'https://shop.example/api/flitt/return',
  resultUrl: '/checkout/result',
});

const routes = new Map([
  ['/api/flitt/checkout', toNodeHandler(flitt.createCheckout)],
  ['/api/flitt/callback', toNodeHandler(flitt.callback)],
  ['/api/flitt/return', toNodeHandler(flitt.paymentReturn)],
  ['/api/flitt/status', toNodeHandler(flitt.status)],
]);

export const server = createServer((req, res) => {
  const handle = routes.get(new URL(req.url ?? '/', 'http://localhost').pathname);
  if (handle) void handle(req, res);
  else res.writeHead(404).end();
});

export function isGoodOrder(params: unknown): boolean {
  return validateOrder(params).ok;
}

export const isDuplicate = (error: unknown) => error instanceof FlittApiError && error.flittCode === 1013;
`,
  'src/sandbox.ts': `
import { createFlittClient } from '@flitt-checkout/server';
import { createSandbox, TEST_CARDS } from '@flitt-checkout/sandbox';
import { sandboxHandlers } from '@flitt-checkout/sandbox/msw';
import { startSandbox } from '@flitt-checkout/sandbox/node';
import { setupServer } from 'msw/node';

export const mocked = setupServer(...sandboxHandlers(createSandbox({ baseUrl: 'https://pay.flitt.com' })));

export async function payOnce(): Promise<string> {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: sandbox.url });
    const { checkoutUrl } = await client.createCheckoutUrl({
      order_id: \`o-\${Date.now()}\`,
      order_desc: 'Tea',
      amount: 700,
      currency: 'GEL',
    });
    return \`\${checkoutUrl} (\${TEST_CARDS.length} test cards)\`;
  } finally {
    await sandbox.stop();
  }
}
`,
});

function tsconfig(resolution: { module: string; moduleResolution: string }): string {
  return JSON.stringify({
    compilerOptions: {
      ...resolution,
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx',
      strict: true,
      skipLibCheck: false,
      noEmit: true,
    },
    include: ['src'],
  });
}

let dir: string;
let consumer: string;

beforeAll(async () => {
  const stale = staleDists();
  if (stale.length > 0) {
    console.log(`[packedConsumer] dist of ${stale.join(', ')} missing or older than src: building`);
    const filters = stale.flatMap((name) => ['--filter', `@flitt-checkout/${name}`]);
    await run('npx', [...PNPM, ...filters, 'build'], { cwd: root });
  }
  dir = mkdtempSync(join(tmpdir(), 'flitt-consumer-'));
  consumer = join(dir, 'shop');
  const tarballs = join(dir, 'tarballs');
  mkdirSync(tarballs);
  await Promise.all(
    PACKAGES.map((name) =>
      run('npx', [...PNPM, 'pack', '--pack-destination', join(tarballs, name)], {
        cwd: join(root, 'packages', name),
      }),
    ),
  );
  for (const name of PACKAGES) {
    const [tarball] = readdirSync(join(tarballs, name)).filter((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${name}`);
    const target = join(consumer, 'node_modules', '@flitt-checkout', name);
    mkdirSync(target, { recursive: true });
    await run('tar', ['-xzf', join(tarballs, name, tarball), '-C', target, '--strip-components=1']);
  }
  for (const name of LINKED) {
    const link = join(consumer, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), link, 'dir');
  }
  for (const [file, text] of Object.entries(consumerFiles())) {
    mkdirSync(dirname(join(consumer, file)), { recursive: true });
    writeFileSync(join(consumer, file), text);
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Compiled {
  /** tsc's diagnostics, '' when there are none. */
  readonly errors: string;
  /** Every file in the program (tsc --listFiles). */
  readonly files: readonly string[];
}

const compiled = new Map<string, Promise<Compiled>>();

/** Both projects compile at once (one per core); each test awaits its own. */
function compileAll(): Map<string, Promise<Compiled>> {
  for (const project of ['tsconfig.bundler.json', 'tsconfig.node16.json'])
    if (!compiled.has(project)) compiled.set(project, compile(project));
  return compiled;
}

async function compile(project: string): Promise<Compiled> {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [tsc, '-p', project, '--pretty', 'false', '--listFiles'];
  let output: string;
  try {
    output = (await run(process.execPath, args, { cwd: consumer, maxBuffer: 1 << 26 })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    output = `${stdout ?? ''}${stderr ?? ''}` || String(error);
  }
  // --listFiles prints absolute paths; diagnostics are printed relative to the project.
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  return {
    errors: lines.filter((line) => !line.startsWith('/')).join('\n'),
    files: lines.filter((line) => line.startsWith('/')),
  };
}

describe('an app installing the packed packages', () => {
  it('gets the published manifests, with workspace ranges replaced', () => {
    for (const name of PACKAGES) {
      const installed = JSON.parse(
        readFileSync(
          join(consumer, 'node_modules', '@flitt-checkout', name, 'package.json'),
          'utf8',
        ),
      );
      expect(JSON.stringify(installed.dependencies ?? {})).not.toContain('workspace:');
    }
  });

  it('gets "use client" at the top of every React module and in no declaration file', () => {
    const dist = join(consumer, 'node_modules', '@flitt-checkout', 'react', 'dist');
    const files = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)],
      );
    const all = files(dist);
    const js = all.filter((f) => f.endsWith('.js'));
    const dts = all.filter((f) => f.endsWith('.d.ts'));
    expect(js.length).toBeGreaterThan(0);
    expect(dts.length).toBeGreaterThan(0);
    const directive = /^\s*['"]use client['"]/;
    expect(js.filter((f) => !directive.test(readFileSync(f, 'utf8')))).toEqual([]);
    expect(dts.filter((f) => directive.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it.each([
    ['bundler', 'tsconfig.bundler.json'],
    ['node16', 'tsconfig.node16.json'],
  ])(
    'compiles with 0 errors under %s resolution (strict, skipLibCheck: false)',
    async (_, project) => {
      const result = await compileAll().get(project);
      expect(result?.errors).toBe('');
      // The types came from the tarballs, not from the workspace's sources or dist.
      const ours = result?.files.filter((f) => f.includes('/@flitt-checkout/')) ?? [];
      for (const name of PACKAGES)
        expect(ours).toContainEqual(
          expect.stringContaining(`${consumer}/node_modules/@flitt-checkout/${name}/dist/`),
        );
      expect(result?.files.filter((f) => f.startsWith(join(root, 'packages')))).toEqual([]);
    },
    // Two full tsc runs over React's and Node's types: 30 s alone, over a minute on a busy 2-core run.
    180_000,
  );

  it('bundles its browser page from the installed packages with esbuild', async () => {
    const result = await esbuild.build({
      entryPoints: [join(consumer, 'src/Checkout.tsx')],
      absWorkingDir: consumer,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      external: ['*.css'],
      write: false,
      metafile: true,
      logLevel: 'silent',
      outdir: join(consumer, 'esbuild-out'),
    });
    const inputs = Object.keys(result.metafile.inputs);
    for (const name of ['core', 'react'])
      expect(inputs).toContainEqual(
        expect.stringContaining(`node_modules/@flitt-checkout/${name}/dist/`),
      );
    expect(inputs.filter((f) => f.includes('packages/'))).toEqual([]);
  }, 60_000);

  it('bundles its browser page from the installed packages with Vite', async () => {
    const output = await viteBuild({
      configFile: false,
      root: consumer,
      logLevel: 'silent',
      mode: 'production',
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        write: false,
        sourcemap: true,
        rolldownOptions: { input: join(consumer, 'src/Checkout.tsx') },
      },
    });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) =>
      'output' in o ? o.output.filter((c): c is Rolldown.OutputChunk => c.type === 'chunk') : [],
    );
    const sources = chunks.flatMap((c) => c.map?.sources ?? []);
    for (const name of ['core', 'react'])
      expect(sources).toContainEqual(
        expect.stringContaining(`node_modules/@flitt-checkout/${name}/dist/`),
      );
    expect(sources.filter((f) => f.includes('packages/'))).toEqual([]);
  }, 60_000);
});
