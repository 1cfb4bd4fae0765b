// Where the bytes a payer downloads come from: every character of each fetched file is attributed
// through the build's source map to a source file of ours (Vite maps to dist files, whose tsdown
// `//#region src/…` markers name the source; esbuild follows dist's own maps on to src), to the
// page's own code, or, when unmapped, to the bundler.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { SourceMapLike } from './sizeBuild.ts';

export type PartGroup =
  | 'texts'
  | 'response-code table'
  | 'state machine'
  | 'other core'
  | 'React code'
  | 'page code'
  | 'bundler glue';

/** One source file (or glue) and what it costs across the fetched files. */
export interface SizePart {
  readonly part: string;
  readonly group: PartGroup;
  /** Minified bytes that the source maps attribute to this part. */
  readonly min: number;
  /** Σ over files of gzip(file) − gzip(file without this part's bytes): what removing it would save. */
  readonly gzipMarginal: number;
}

export interface GroupSize {
  readonly group: PartGroup;
  readonly min: number;
  readonly gzipMarginal: number;
}

const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
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
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {}
  return text.split('\n').map((line) => {
    const start = /^\/\/#region (src\/\S+)/.exec(line);
    if (start) current = start[1];
    const here = current;
    if (line.startsWith('//#endregion')) current = undefined;
    return here;
  });
}

function partOf(pkg: string, file: string, region: string | undefined): [string, PartGroup] {
  const name = region ?? `src/${file.replace(/\.js$/, '.ts')}`;
  if (/(^|\/)(messages|locales)\//.test(name)) return [`${pkg} ${name}`, 'texts'];
  if (pkg === 'react') return [`react ${name}`, 'React code'];
  if (name.endsWith('/responseCodes.ts')) return [`core ${name}`, 'response-code table'];
  // The attempt's states and what moves them: the session, each flow's steps, prefetching.
  if (
    /\/(checkoutAttempt|checkoutSession|createCheckoutSession|redirectFlow|embeddedCheckout|prefetch|paymentOutcome)\.ts$/.test(
      name,
    )
  )
    return [`core ${name}`, 'state machine'];
  return [`${pkg} ${name}`, 'other core'];
}

/** The part that owns each character of the file (newlines included), and each part's group. */
function ownership(root: string, code: string, map: SourceMapLike, pageName: string) {
  const decoded = decodeMappings(map.mappings);
  const regions = new Map<string, (string | undefined)[]>();
  const groups = new Map<string, PartGroup>([['bundler glue', 'bundler glue']]);
  const owner: string[] = [];
  code.split('\n').forEach((text, index) => {
    const segments = decoded[index] ?? [];
    // Unmapped bytes (preload helpers, import/export glue, runtime helpers) stay with the bundler.
    const names: string[] = Array.from({ length: text.length + 1 }, () => 'bundler glue');
    segments.forEach(([column, source, line], k) => {
      const end = segments[k + 1]?.[0] ?? text.length + 1;
      const path = source >= 0 ? (map.sources[source] ?? '') : '';
      let part: string;
      let group: PartGroup;
      // Vite maps to our dist files; esbuild follows their source maps on to src.
      const ours = /packages\/(\w+)\/(dist|src)\/(.+)$/.exec(path);
      if (ours) {
        const [, pkg = '', kind, file = ''] = ours;
        const dist = join(root, 'packages', pkg, 'dist', file);
        if (kind === 'dist' && !regions.has(dist)) regions.set(dist, regionsOf(dist));
        const region = kind === 'src' ? `src/${file}` : regions.get(dist)?.[line];
        [part, group] = partOf(pkg, file, region);
      } else if (path.endsWith(`/${pageName}`) || path === pageName) {
        [part, group] = [`page ${pageName}`, 'page code'];
      } else return;
      groups.set(part, group);
      for (let c = column; c < end; c++) names[c] = part;
    });
    owner.push(...names);
  });
  return { owner, groups };
}

/** The file's code without the characters whose owner `drop` selects. */
function without(code: string, owner: readonly string[], drop: (part: string) => boolean): string {
  let kept = '';
  for (let i = 0; i < code.length; i++) if (!drop(owner[i] ?? '')) kept += code[i];
  return kept;
}

/**
 * Minified bytes per part and group across `files`, and what gzip would save without each (gzip is
 * not additive: a group's saving is measured by removing the whole group at once).
 */
export function attribute(
  root: string,
  files: readonly { code: string; map: SourceMapLike | undefined }[],
  pageName: string,
): { parts: SizePart[]; groups: GroupSize[] } {
  const owned = files.flatMap(({ code, map }) =>
    map ? [{ code, total: gzip(code), ...ownership(root, code, map, pageName) }] : [],
  );
  const groupOf = new Map<string, PartGroup>();
  for (const o of owned) for (const [part, group] of o.groups) groupOf.set(part, group);
  const measure = (drop: (part: string) => boolean) => {
    let min = 0;
    let gzipMarginal = 0;
    for (const { code, owner, total } of owned) {
      const kept = without(code, owner, drop);
      min += bytes(code) - bytes(kept);
      gzipMarginal += total - gzip(kept);
    }
    return { min, gzipMarginal };
  };
  const parts = [...groupOf.entries()]
    .map(([part, group]) => ({ part, group, ...measure((p) => p === part) }))
    .filter((p) => p.min > 0)
    .sort((a, b) => b.min - a.min);
  const groups = [...new Set(parts.map((p) => p.group))]
    .map((group) => ({ group, ...measure((p) => groupOf.get(p) === group) }))
    .sort((a, b) => b.min - a.min);
  return { parts, groups };
}
