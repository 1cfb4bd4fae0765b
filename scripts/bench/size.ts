// Bundle size of @flitt-checkout/react as an app gets it: Vite (Rolldown) production build of the
// packages' dist, minified, gzip -9, with React and react-query external. Also proves that
// @flitt-checkout/server cannot end up in a browser bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, defaultClientConditions, type Plugin, type Rolldown } from 'vite';

/** Budgets from issue 7, in bytes of min+gzip (1 kB = 1000 B), compared with `inApp`. */
export const BUDGETS = { typical: 3000, embeddedExtra: 1500 } as const;

/**
 * What `npm test` enforces besides BUDGETS (test/node/bundleSize.test.ts): the lazy chunks, which
 * every payer downloads right after the first render, at today's figures plus a little room.
 */
export const LAZY_CEILINGS = { engine: 3800, locale: 1800 } as const;

// An app that already lazy-loads something: Vite's preload helper is then in its entry anyway.
const ROUTE = `export const route = () => import('bench:route');`;

/** Minified and min+gzip bytes of one chunk. */
export interface ChunkSize {
  readonly file: string;
  readonly min: number;
  readonly gzip: number;
}

/** Where the bytes of an entry chunk come from (one source file of a package, or glue). */
export interface SizePart {
  readonly part: string;
  readonly group: PartGroup;
  /** Minified bytes that the source map attributes to this part. */
  readonly min: number;
  /** gzip(all) − gzip(all without this part's bytes): what removing it would save. */
  readonly gzipMarginal: number;
}

export type PartGroup =
  | 'core texts'
  | 'response-code table'
  | 'state machine'
  | 'other core'
  | 'React code'
  | 'bundler glue';

/** One measured import. */
export interface ImportSize {
  readonly name: string;
  readonly code: string;
  readonly entry: ChunkSize;
  readonly lazy: readonly ChunkSize[];
  readonly parts: readonly SizePart[];
  readonly groups: readonly { group: PartGroup; min: number; gzipMarginal: number }[];
  /** The same import with `@flitt-checkout/core` external: the React package's own bytes. */
  readonly withoutCore: ChunkSize;
  /** gzip bytes the import adds to the entry of an app that already lazy-loads a route. */
  readonly inApp: number;
}

export interface SizeResult {
  readonly method: string;
  readonly rebuiltDist: string | null;
  readonly budgets: { readonly typical: number; readonly embedded: number };
  readonly lazyCeilings: typeof LAZY_CEILINGS;
  /** gzip of the entry of an app with only a lazy route (Vite's preload helper and the import). */
  readonly appBaseline: number;
  readonly typical: ImportSize;
  readonly embedded: ImportSize;
  readonly embeddedExtra: { readonly gzip: number; readonly budget: number };
  readonly server: { readonly result: 'refused' | 'bundled'; readonly detail: string };
}

const PACKAGES = ['core', 'react', 'server'] as const;
const EXTERNAL = [/^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\/react-query/];
const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds the packages when a dist is missing or older than its sources; says why, or null. */
export function ensureDist(root: string): string | null {
  const stale = PACKAGES.filter((name) => {
    const dist = join(root, 'packages', name, 'dist', 'index.js');
    return (
      !existsSync(dist) || statSync(dist).mtimeMs < newest(join(root, 'packages', name, 'src'))
    );
  });
  if (stale.length === 0) return null;
  const reason = `dist of ${stale.join(', ')} missing or older than src`;
  console.log(`[bench] ${reason}: npx --yes pnpm@10.34.9 run build`);
  execFileSync('npx', ['--yes', 'pnpm@10.34.9', 'run', 'build'], { cwd: root, stdio: 'ignore' });
  return reason;
}

function virtualEntry(code: string): Plugin {
  return {
    name: 'bench-entry',
    enforce: 'pre',
    resolveId: (id) => (id.startsWith('bench:') ? `\0${id}` : undefined),
    load: (id) =>
      id === '\0bench:entry' ? code : id === '\0bench:route' ? 'export default 1;' : undefined,
  };
}

async function bundle(
  root: string,
  code: string,
  external: readonly (string | RegExp)[],
): Promise<Rolldown.OutputChunk[]> {
  const output = await build({
    configFile: false,
    root,
    publicDir: false,
    logLevel: 'silent',
    mode: 'production',
    plugins: [virtualEntry(code)],
    // As in a production build even when this runs inside Vitest (NODE_ENV=test), which Vite
    // would otherwise inline and so keep the development-only prop checks.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    // Resolved like an app resolves the published packages: the dist, not the source condition.
    resolve: { conditions: [...defaultClientConditions] },
    build: {
      write: false,
      minify: true,
      sourcemap: 'hidden',
      rolldownOptions: {
        input: 'bench:entry',
        preserveEntrySignatures: 'exports-only',
        external: [...external],
      },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  return results.flatMap((result) =>
    'output' in result
      ? result.output.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk')
      : [],
  );
}

const sizeOf = (chunk: Rolldown.OutputChunk): ChunkSize => ({
  file: chunk.fileName.replace(/^assets\//, ''),
  min: bytes(chunk.code),
  gzip: gzip(chunk.code),
});

// ── attribution: source map of the minified chunk → dist file and line → `//#region src/…` ──

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes source-map mappings into, per generated line, [column, source, original line] segments. */
function decodeMappings(mappings: string): [number, number, number][][] {
  const lines: [number, number, number][][] = [];
  let source = 0;
  let line = 0;
  for (const text of mappings.split(';')) {
    const segments: [number, number, number][] = [];
    let generated = 0;
    for (const segment of text.split(',')) {
      if (segment === '') continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = VLQ.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      generated += fields[0] ?? 0;
      if (fields.length >= 4) {
        source += fields[1] ?? 0;
        line += fields[2] ?? 0;
        segments.push([generated, source, line]);
      } else segments.push([generated, -1, -1]);
    }
    lines.push(segments);
  }
  return lines;
}

/** For a dist file, the `src/…` file each line belongs to (from tsdown's region comments). */
function regionsOf(path: string): (string | undefined)[] {
  let current: string | undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => {
      const start = /^\/\/#region (src\/\S+)/.exec(line);
      if (start) current = start[1];
      const here = current;
      if (line.startsWith('//#endregion')) current = undefined;
      return here;
    });
}

function partOf(pkg: string, file: string, region: string | undefined): [string, PartGroup] {
  if (pkg === 'core' && file.startsWith('messages/')) return [`core ${file}`, 'core texts'];
  if (pkg === 'react' && file.startsWith('locales/')) return [`react ${file}`, 'core texts'];
  const name = region ?? `${file} (imports/exports)`;
  if (pkg === 'react') return [`react ${name}`, 'React code'];
  if (region === 'src/responseCodes.ts') return [`core ${name}`, 'response-code table'];
  if (region === 'src/checkoutAttempt.ts') return [`core ${name}`, 'state machine'];
  return [`core ${name}`, 'other core'];
}

/** The part that owns each character of the chunk (newlines included), and each part's group. */
function ownership(root: string, chunk: Rolldown.OutputChunk) {
  const { map } = chunk;
  if (!map) throw new Error('[bench] the entry chunk has no source map; cannot attribute bytes.');
  const decoded = decodeMappings(map.mappings);
  const regions = new Map<string, (string | undefined)[]>();
  const groups = new Map<string, PartGroup>([['bundler glue', 'bundler glue']]);
  const owner: string[] = [];
  chunk.code.split('\n').forEach((text, index) => {
    const segments = decoded[index] ?? [];
    // Unmapped bytes (Vite's preload helper, import/export glue) stay with the bundler.
    const names: string[] = Array.from({ length: text.length + 1 }, () => 'bundler glue');
    segments.forEach(([column, source, line], k) => {
      const end = segments[k + 1]?.[0] ?? text.length + 1;
      const found =
        source >= 0 ? /packages\/(\w+)\/dist\/(.+)$/.exec(map.sources[source] ?? '') : null;
      if (!found) return;
      const [, pkg = '', file = ''] = found;
      const path = join(root, 'packages', pkg, 'dist', file);
      if (!regions.has(path)) regions.set(path, regionsOf(path));
      const [part, group] = partOf(pkg, file, regions.get(path)?.[line]);
      groups.set(part, group);
      for (let c = column; c < end; c++) names[c] = part;
    });
    owner.push(...names);
  });
  return { owner, groups };
}

/** The chunk's code without the characters whose owner `drop` selects. */
function without(code: string, owner: readonly string[], drop: (part: string) => boolean): string {
  let kept = '';
  for (let i = 0; i < code.length; i++) if (!drop(owner[i] ?? '')) kept += code[i];
  return kept;
}

/** Minified bytes per part and group, and what gzip would save without each. */
function attribute(root: string, chunk: Rolldown.OutputChunk) {
  const { owner, groups } = ownership(root, chunk);
  const { code } = chunk;
  const total = gzip(code);
  const minOf = (drop: (part: string) => boolean) =>
    bytes(code) - bytes(without(code, owner, drop));
  const marginal = (drop: (part: string) => boolean) => total - gzip(without(code, owner, drop));
  const parts: SizePart[] = [...groups.entries()]
    .map(([part, group]) => ({
      part,
      group,
      min: minOf((p) => p === part),
      gzipMarginal: marginal((p) => p === part),
    }))
    .filter((p) => p.min > 0)
    .sort((a, b) => b.min - a.min);
  // gzip is not additive: a group's saving is measured by removing the whole group at once.
  const groupTotals = [...new Set(parts.map((p) => p.group))]
    .map((group) => ({
      group,
      min: minOf((p) => groups.get(p) === group),
      gzipMarginal: marginal((p) => groups.get(p) === group),
    }))
    .sort((a, b) => b.min - a.min);
  return { parts, groups: groupTotals };
}

async function entryOf(root: string, code: string, external = EXTERNAL) {
  const chunks = await bundle(root, code, external);
  const entry = chunks.find((c) => c.isEntry);
  if (!entry) throw new Error(`[bench] no entry chunk for ${code}`);
  // Chunks the entry imports statically load with it: they count as the entry.
  const statics = chunks.filter((c) => entry.imports.includes(c.fileName));
  if (statics.length) throw new Error(`[bench] ${code} splits its entry: ${entry.imports}`);
  return { chunks, entry };
}

async function measureImport(
  root: string,
  name: string,
  names: string[],
  appBaseline: number,
): Promise<ImportSize> {
  const code = `export { ${names.join(', ')} } from '@flitt-checkout/react';`;
  const { chunks, entry } = await entryOf(root, code);
  const inApp = gzip((await entryOf(root, `${code}\n${ROUTE}`)).entry.code) - appBaseline;
  const withoutCore = (
    await bundle(root, code, [...EXTERNAL, /^@flitt-checkout\/core($|\/)/])
  ).find((c) => c.isEntry);
  if (!withoutCore) throw new Error(`[bench] no entry chunk for ${name} without core`);
  return {
    inApp,
    name,
    code,
    entry: sizeOf(entry),
    lazy: chunks.filter((c) => !c.isEntry).map(sizeOf),
    ...attribute(root, entry),
    withoutCore: sizeOf(withoutCore),
  };
}

/** A browser build that imports @flitt-checkout/server must fail. */
async function serverInBrowser(root: string): Promise<SizeResult['server']> {
  try {
    const chunks = await bundle(
      root,
      `export { createFlittClient, createFlittHandlers } from '@flitt-checkout/server';`,
      [...EXTERNAL, /^node:/],
    );
    const entry = chunks.find((c) => c.isEntry);
    return { result: 'bundled', detail: `${entry ? gzip(entry.code) : 0} B min+gzip` };
  } catch (error) {
    const text = stripVTControlCharacters(error instanceof Error ? error.message : String(error));
    const lines = text.split('\n').map((line) => line.trim());
    const detail = lines.find((line) => line.includes('server-only--')) ?? lines[0] ?? '';
    return {
      result: 'refused',
      detail: detail.split(root.replace(/\/$/, '')).join('.').slice(0, 300),
    };
  }
}

/** Measures the typical and embedded imports and the server guard. */
export async function runSize(root: string): Promise<SizeResult> {
  const rebuiltDist = ensureDist(root);
  const appBaseline = gzip((await entryOf(root, ROUTE)).entry.code);
  const typicalNames = ['FlittProvider', 'useFlittCheckout', 'FlittCheckoutButton'];
  const typical = await measureImport(root, 'typical', typicalNames, appBaseline);
  const embedded = await measureImport(
    root,
    'embedded',
    [...typicalNames, 'FlittEmbeddedCheckout'],
    appBaseline,
  );
  return {
    method:
      'vite build (Rolldown) with the defaults of an app build, minify: true, client conditions without @flitt-checkout/source (packages/*/dist), react, react-dom and @tanstack/react-query external; gzip -9 (node:zlib); 1 kB = 1000 B',
    rebuiltDist,
    budgets: { typical: BUDGETS.typical, embedded: BUDGETS.typical + BUDGETS.embeddedExtra },
    lazyCeilings: LAZY_CEILINGS,
    appBaseline,
    typical,
    embedded,
    embeddedExtra: {
      gzip: embedded.inApp - typical.inApp,
      budget: BUDGETS.embeddedExtra,
    },
    server: await serverInBrowser(root),
  };
}
