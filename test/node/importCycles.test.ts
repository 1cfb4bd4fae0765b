// No import circles inside any package (type-only imports count too: they tie files together just
// the same for a reader, and for bundlers that keep them in declaration output).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const packages = readdirSync(join(root, 'packages'));

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test(-d)?\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}

/** Relative imports of a file: static, re-exports and dynamic `import()`. */
function importsOf(file: string, known: Set<string>): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]/g),
    ...text.matchAll(/(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? '');
  return specifiers
    .map((s) => resolve(dirname(file), s))
    .map((p) => [p, `${p}.ts`, `${p}.tsx`, join(p, 'index.ts')].find((c) => known.has(c)) ?? p)
    .filter((p) => known.has(p));
}

/** Every cycle found by a depth-first walk, as a list of files. */
function cycles(files: string[]): string[][] {
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f, known)]));
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

describe('import graph', () => {
  it('sees the imports it should (a file that imports another is an edge)', () => {
    const dir = join(root, 'packages/react/src');
    const files = sources(dir);
    const edges = importsOf(join(dir, 'FlittCheckoutButton.tsx'), new Set(files));
    expect(edges.map((f) => relative(dir, f))).toContain('useFlittCheckout.ts');
    expect(cycles([join(dir, 'locales/en.ts'), join(dir, 'locales/types.ts')])).toEqual([]);
  });

  it.each(packages)('has no import circles in packages/%s/src', (name) => {
    const dir = join(root, 'packages', name, 'src');
    const found = cycles(sources(dir)).map((c) => c.map((f) => relative(dir, f)).join(' → '));
    expect(found).toEqual([]);
  });
});
