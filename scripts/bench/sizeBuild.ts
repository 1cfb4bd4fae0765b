// Production builds of one consumer page, with Vite (Rolldown) and with esbuild, as an app would
// build it, plus the vendor files (React, react-query) the measuring page loads through an import
// map. Outputs stay in memory; only the page sources are files, so the bundlers resolve packages
// from where the page sits (the repository's node_modules, or the peers' install).
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import react from '@vitejs/plugin-react';
import * as esbuild from 'esbuild';
import { defaultClientConditions, type Rolldown, build as viteBuild } from 'vite';

export type Bundler = 'vite' | 'esbuild';
export const BUNDLERS: readonly Bundler[] = ['vite', 'esbuild'];

/** The app's own copies: provided by the page's import map, never counted. */
const VENDOR_MODULES = [
  'react',
  'react/jsx-runtime',
  'react-dom',
  'react-dom/client',
  '@tanstack/react-query',
] as const;
const VITE_EXTERNAL = [/^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\/react-query($|\/)/];
const ESBUILD_EXTERNAL = ['react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/react-query'];
// An app's production build inlines `production`, whatever NODE_ENV the build runs with.
const PRODUCTION = { 'process.env.NODE_ENV': JSON.stringify('production') };

/** The part of a source map the attribution reads. */
export interface SourceMapLike {
  readonly sources: readonly string[];
  readonly mappings: string;
}

/** One JavaScript file of a build, as the browser would get it. */
interface OutputFile {
  /** Path under the site root, e.g. `assets/engine-AbC1.js`. */
  readonly file: string;
  readonly code: string;
  readonly map: SourceMapLike | undefined;
  /** Files of the same build it imports statically, and those it may `import()`. */
  readonly imports: readonly string[];
  readonly dynamicImports: readonly string[];
  /** The source modules in it, largest first, relative to the page's directory's root. */
  readonly modules: readonly string[];
}

export interface PageBuild {
  readonly bundler: Bundler;
  readonly entry: string;
  readonly files: readonly OutputFile[];
}

/** `…/packages/react/dist/engine.js` → `react/engine.js`; a package's file from its name on; else the file name. */
function moduleLabel(path: string): string {
  const ours = /packages\/(\w+)\/(?:dist|src)\/(.+)$/.exec(path);
  if (ours) return `${ours[1]}/${ours[2]}`;
  // The last node_modules/<package>/ (never `.cache`, where the pages themselves are written).
  const theirs = /.*node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\/(.+)$/.exec(path);
  if (theirs) return `${theirs[1]}/${theirs[2]}`;
  return path.split('/').at(-1) ?? path;
}

/**
 * `vite build` runs with NODE_ENV unset, which Vite then sets to production; inside Vitest it is
 * `test`, and Vite would compile JSX for development (`react/jsx-dev-runtime`, `jsxDEV`).
 */
async function asProduction<T>(work: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

async function withVite(page: string): Promise<PageBuild> {
  const output = await asProduction(() =>
    viteBuild({
      configFile: false,
      root: dirname(page),
      publicDir: false,
      logLevel: 'silent',
      mode: 'production',
      // What an app's vite.config.ts has: the React plugin (automatic JSX runtime).
      plugins: [react()],
      define: PRODUCTION,
      // Resolved like an app resolves the published packages: the dist, not the source condition.
      resolve: { conditions: [...defaultClientConditions] },
      build: {
        write: false,
        minify: true,
        sourcemap: 'hidden',
        rolldownOptions: { input: page, external: VITE_EXTERNAL },
      },
    }),
  );
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) =>
    'output' in result
      ? result.output.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk')
      : [],
  );
  const names = new Set(chunks.map((c) => c.fileName));
  const entry = chunks.find((c) => c.isEntry);
  if (!entry) throw new Error(`[bench] vite built no entry chunk for ${page}`);
  return {
    bundler: 'vite',
    entry: entry.fileName,
    files: chunks.map((chunk) => ({
      file: chunk.fileName,
      code: chunk.code,
      map: chunk.map ?? undefined,
      imports: chunk.imports.filter((i) => names.has(i)),
      dynamicImports: chunk.dynamicImports.filter((i) => names.has(i)),
      modules: Object.entries(chunk.modules)
        .filter(([, m]) => m.renderedLength > 0)
        .sort(([, a], [, b]) => b.renderedLength - a.renderedLength)
        .map(([id]) => moduleLabel(id)),
    })),
  };
}

/** What both esbuild builds share: a browser app's production bundle, split by dynamic import. */
const ESBUILD_APP = {
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  platform: 'browser',
  define: PRODUCTION,
} as const satisfies esbuild.BuildOptions;

/** The bundle as `esbuild --bundle --splitting --format=esm --minify --platform=browser` makes it. */
async function withEsbuild(page: string): Promise<PageBuild> {
  const base = dirname(page);
  const outdir = join(base, 'esbuild-out', 'assets');
  const result = await esbuild.build({
    entryPoints: [page],
    absWorkingDir: base,
    ...ESBUILD_APP,
    // The automatic runtime, as a React app's tsconfig (`"jsx": "react-jsx"`) would ask for.
    jsx: 'automatic',
    external: ESBUILD_EXTERNAL,
    outdir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    sourcemap: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const served = (path: string) => relative(dirname(outdir), join(base, path));
  const texts = new Map(result.outputFiles.map((f) => [relative(dirname(outdir), f.path), f.text]));
  const files: OutputFile[] = [];
  let entry: string | undefined;
  for (const [path, meta] of Object.entries(result.metafile.outputs)) {
    if (!path.endsWith('.js')) continue;
    const file = served(path);
    const mapText = texts.get(`${file}.map`);
    if (meta.entryPoint && join(base, meta.entryPoint) === page) entry = file;
    files.push({
      file,
      code: texts.get(file) ?? '',
      map: mapText ? (JSON.parse(mapText) as SourceMapLike) : undefined,
      imports: meta.imports
        .filter((i) => !i.external && i.kind === 'import-statement')
        .map((i) => served(i.path)),
      dynamicImports: meta.imports
        .filter((i) => !i.external && i.kind === 'dynamic-import')
        .map((i) => served(i.path)),
      modules: Object.entries(meta.inputs)
        .filter(([, m]) => m.bytesInOutput > 0)
        .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
        .map(([id]) => moduleLabel(id)),
    });
  }
  if (!entry) throw new Error(`[bench] esbuild built no entry chunk for ${page}`);
  return { bundler: 'esbuild', entry, files };
}

/** Builds the page file (a `.tsx` that renders) for production with one bundler. */
export function buildPage(bundler: Bundler, page: string): Promise<PageBuild> {
  return bundler === 'vite' ? withVite(page) : withEsbuild(page);
}

/** The first line of a failed build's error, or null when the page built. */
export async function buildError(bundler: Bundler, page: string): Promise<string | null> {
  try {
    await buildPage(bundler, page);
    return null;
  } catch (error) {
    const messages =
      error && typeof error === 'object' && 'errors' in error && Array.isArray(error.errors)
        ? (error.errors as { text?: string }[]).map((e) => e.text ?? '')
        : [];
    return [...messages, error instanceof Error ? error.message : String(error)].join('\n');
  }
}

/**
 * React, React DOM and react-query as browser ES modules, built once from the root node_modules:
 * one file per import-map entry over one shared copy of each. React is CommonJS, so each entry
 * re-exports the names the required module has. Returns path → code, and the import map.
 */
export async function buildVendor(root: string, scratch: string) {
  const require = createRequire(join(root, 'package.json'));
  const identifier = /^[A-Za-z_$][\w$]*$/;
  const entries: Record<string, string> = {};
  for (const id of VENDOR_MODULES) {
    const name = id.replace(/\W+/g, '-');
    const names = Object.keys(require(id) as object).filter(
      (key) => identifier.test(key) && key !== 'default',
    );
    entries[name] = id.startsWith('@tanstack/')
      ? `export * from '${id}';`
      : `import M from '${id}';\nexport default M;\nexport const { ${names.join(', ')} } = M;\n`;
  }
  const result = await esbuild.build({
    entryPoints: Object.keys(entries).map((name) => ({ in: `vendor:${name}`, out: name })),
    plugins: [
      {
        name: 'vendor-entries',
        setup(build) {
          build.onResolve({ filter: /^vendor:/ }, (args) => ({ path: args.path, namespace: 'v' }));
          build.onLoad({ filter: /.*/, namespace: 'v' }, (args) => ({
            contents: entries[args.path.slice('vendor:'.length)] ?? '',
            resolveDir: scratch,
            loader: 'js',
          }));
        },
      },
    ],
    absWorkingDir: root,
    ...ESBUILD_APP,
    outdir: join(scratch, 'vendor'),
    write: false,
    logLevel: 'silent',
  });
  const files = new Map(
    result.outputFiles.map((f) => [`vendor/${relative(join(scratch, 'vendor'), f.path)}`, f.text]),
  );
  const imports = Object.fromEntries(
    VENDOR_MODULES.map((id) => [id, `/vendor/${id.replace(/\W+/g, '-')}.js`]),
  );
  return { files, importMap: JSON.stringify({ imports }) };
}
