// A package's public entry points as the workspace resolves them: each `exports` key whose
// `@flitt-checkout/source` condition names a TypeScript file. Shared by the examples check and
// knip's configuration.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One entry point: the export key (`.`, `./node` …), its specifier and its source path. */
export interface SourceEntry {
  readonly key: string;
  readonly specifier: string;
  /** As written in package.json, relative to the package (`./src/index.ts`). */
  readonly source: string;
}

/** The TypeScript entry points of the package in `dir`. */
export function sourceEntries(dir: string): SourceEntry[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    exports?: Record<string, unknown>;
  };
  const entries: SourceEntry[] = [];
  for (const [key, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target !== 'object' || target === null) continue;
    let source = (target as Record<string, unknown>)['@flitt-checkout/source'];
    if (typeof source === 'object' && source !== null)
      source = (source as Record<string, unknown>).default;
    if (typeof source !== 'string' || !/\.tsx?$/.test(source)) continue;
    entries.push({ key, specifier: `${manifest.name}${key.slice(1)}`, source });
  }
  return entries;
}
