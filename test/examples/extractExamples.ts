// Finds the code a consumer reads as documentation: every `@example` in the JSDoc of the packages'
// sources and every TypeScript code block in the READMEs. test/node/examples.test.ts type-checks
// each one (checkExamples.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One example, as written, with where each of its lines came from. */
export interface Example {
  /** `path:line` of its first line of code, relative to the repository root. */
  readonly id: string;
  readonly file: string;
  /** `jsdoc`: a statement list checked inside a function; `readme`: a module of its own. */
  readonly kind: 'jsdoc' | 'readme';
  /** The package whose source holds a JSDoc example (`core`, `server`, …); none for a README. */
  readonly pkg: string | undefined;
  readonly code: string;
  /** Per line of `code`: its 1-based line in `file`, and how many characters came before it. */
  readonly lines: readonly { readonly line: number; readonly column: number }[];
}

interface SourceLine {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

function toExample(
  file: string,
  kind: Example['kind'],
  pkg: string | undefined,
  lines: SourceLine[],
): Example | undefined {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.text.trim() === '') start++;
  while (end > start && lines[end - 1]?.text.trim() === '') end--;
  const kept = lines.slice(start, end);
  const first = kept[0];
  if (!first) return undefined;
  return {
    id: `${file}:${first.line}`,
    file,
    kind,
    pkg,
    code: kept.map((l) => l.text).join('\n'),
    lines: kept.map(({ line, column }) => ({ line, column })),
  };
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;
const TS_LANGS = new Set(['ts', 'tsx', 'typescript']);

/** The ```ts / ```tsx / ```typescript blocks of Markdown lines, each as its lines. */
function fencedBlocks(lines: readonly SourceLine[], langs: ReadonlySet<string> | null) {
  const blocks: SourceLine[][] = [];
  let open: { fence: string; indent: number; keep: boolean; body: SourceLine[] } | undefined;
  for (const l of lines) {
    const match = FENCE.exec(l.text);
    if (!open) {
      if (match?.[2]) {
        const lang = (match[3] ?? '').toLowerCase();
        open = {
          fence: match[2],
          indent: match[1]?.length ?? 0,
          keep: langs === null ? lang === '' || TS_LANGS.has(lang) : langs.has(lang),
          body: [],
        };
      }
      continue;
    }
    const close = l.text.trim();
    if (close.startsWith(open.fence[0] ?? '`') && /^(`{3,}|~{3,})$/.test(close)) {
      if (close.length >= open.fence.length) {
        if (open.keep) blocks.push(open.body);
        open = undefined;
        continue;
      }
    }
    // Markdown strips the fence's own indentation from each line of the block.
    const indent = Math.min(open.indent, l.text.length - l.text.trimStart().length);
    open.body.push({ text: l.text.slice(indent), line: l.line, column: l.column + indent });
  }
  return blocks;
}

// A line holding only `// some/path/file.ts` starts another file inside a README block (the
// Next.js route handlers are one block of four one-line files).
const FILE_COMMENT = /^\/\/ [\w@.[\]()/-]+\.(?:ts|tsx|mts)$/;

function splitFiles(block: SourceLine[]): SourceLine[][] {
  const files: SourceLine[][] = [[]];
  for (const l of block) {
    const current = files[files.length - 1] ?? [];
    if (FILE_COMMENT.test(l.text.trim()) && current.some((c) => c.text.trim() !== ''))
      files.push([l]);
    else current.push(l);
  }
  return files;
}

/** The TypeScript code blocks of a Markdown file (a block naming several files is split). */
export function examplesInMarkdown(file: string, text: string): Example[] {
  const lines = text.split('\n').map((t, i) => ({ text: t, line: i + 1, column: 0 }));
  return fencedBlocks(lines, TS_LANGS)
    .flatMap(splitFiles)
    .map((block) => toExample(file, 'readme', undefined, block))
    .filter((e): e is Example => e !== undefined);
}

/** The body lines of a `/** … *\/` comment, with the `*` margin removed. */
function commentLines(comment: string, firstLine: number): SourceLine[] {
  return comment.split('\n').map((raw, i) => {
    let text = raw;
    let column = 0;
    const cut = (n: number) => {
      text = text.slice(n);
      column += n;
    };
    if (i === 0) cut(text.indexOf('/**') + 3);
    else {
      const margin = /^\s*\*(?!\/)/.exec(text);
      if (margin) cut(margin[0].length);
    }
    const close = text.lastIndexOf('*/');
    if (close !== -1) text = text.slice(0, close);
    if (text.startsWith(' ')) cut(1);
    return { text: text.trimEnd(), line: firstLine + i, column };
  });
}

const TAG = /^@[a-zA-Z]/;

/** The `@example` blocks of one JSDoc comment; a block with fences keeps only what they hold. */
function examplesInComment(comment: SourceLine[]): SourceLine[][] {
  const found: SourceLine[][] = [];
  let current: SourceLine[] | undefined;
  let fenced = false;
  for (const l of comment) {
    const trimmed = l.text.trimStart();
    if (!fenced && TAG.test(trimmed)) {
      if (current) found.push(current);
      current = undefined;
      if (trimmed.startsWith('@example')) {
        current = [];
        // Code may start on the tag's own line (a `<caption>` there is not code).
        const rest = trimmed.slice('@example'.length).replace(/^\s*<caption>.*?<\/caption>/, '');
        if (rest.trim() !== '') {
          const offset = l.text.length - rest.trimStart().length;
          current.push({ text: rest.trimStart(), line: l.line, column: l.column + offset });
        }
      }
      continue;
    }
    if (current) {
      if (FENCE.test(l.text)) fenced = !fenced;
      current.push(l);
    }
  }
  if (current) found.push(current);
  return found.flatMap((block) =>
    block.some((l) => FENCE.test(l.text)) ? fencedBlocks(block, null) : [block],
  );
}

/** Every `@example` in the JSDoc comments of one TypeScript source file. */
export function examplesInSource(file: string, text: string, pkg: string | undefined): Example[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const seen = new Set<number>();
  const examples: Example[] = [];
  const visit = (node: ts.Node) => {
    for (const doc of ts.getJSDocCommentsAndTags(node)) {
      if (!ts.isJSDoc(doc) || seen.has(doc.pos)) continue;
      seen.add(doc.pos);
      const start = doc.getStart(source);
      const firstLine = source.getLineAndCharacterOfPosition(start).line + 1;
      const lines = commentLines(text.slice(start, doc.end), firstLine);
      for (const block of examplesInComment(lines)) {
        const example = toExample(file, 'jsdoc', pkg, block);
        if (example) examples.push(example);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return examples.sort((a, b) => (a.lines[0]?.line ?? 0) - (b.lines[0]?.line ?? 0));
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) &&
      !/\.test(-d)?\.tsx?$/.test(entry.name) &&
      !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

/** Every example in packages/<name>/src and in README.md and packages/<name>/README.md. */
export function extractExamples(root: string): Example[] {
  const examples: Example[] = [];
  const packages = readdirSync(join(root, 'packages')).sort();
  const readmes = [
    join(root, 'README.md'),
    ...packages.map((name) => join(root, 'packages', name, 'README.md')),
  ];
  for (const path of readmes.filter((p) => existsSync(p)))
    examples.push(...examplesInMarkdown(relative(root, path), readFileSync(path, 'utf8')));
  for (const name of packages) {
    for (const path of sourceFiles(join(root, 'packages', name, 'src')).sort()) {
      const file = relative(root, path);
      examples.push(...examplesInSource(file, readFileSync(path, 'utf8'), name));
    }
  }
  return examples;
}
