// Type-checks extracted examples (extractExamples.ts) in one TypeScript program, the way a
// consumer's editor would see them: strict, the workspace's compiler options, each package
// resolved to its sources.
//
// What an example may use without importing it:
// - a JSDoc example: every export of every entry point (`exports` key) of its own package, as if
//   imported, so `createFlittClient(…)` in server's docs needs no import line. It is checked as
//   the body of an async function (examples are snippets from inside the merchant's code, so
//   `await` and `return` work); one that imports or exports something is checked as a module.
// - a README block: nothing. Each block is a file a reader could paste, so it imports what it uses
//   from libraries itself.
// - both: the names in test/examples/globals.d.ts, which stand for the merchant's own code
//   (`cartId`, `priceCart`, `router`, …). Any other unknown name is an error.
import { join, relative } from 'node:path';
import ts from 'typescript';
import type { Example } from './extractExamples.ts';
import { sourceEntries } from './packageEntries.ts';

export interface ExampleCheck {
  /** Formatted diagnostics of one example (empty when it type-checks). */
  diagnostics(example: Example): string[];
  /** Diagnostics outside the examples: compiler options and the placeholder declarations. */
  readonly general: string[];
  /** The generated text of the file an example was checked as. */
  source(example: Example): string;
}

interface Entry {
  readonly specifier: string;
  readonly file: string;
}

/** The entry points of a package: every `exports` key whose source condition is TypeScript. */
function entriesOf(root: string, pkg: string): Entry[] {
  const dir = join(root, 'packages', pkg);
  return sourceEntries(dir).map((e) => ({ specifier: e.specifier, file: join(dir, e.source) }));
}

function compilerOptions(root: string): ts.CompilerOptions {
  const path = join(root, 'tsconfig.base.json');
  const config = ts.readConfigFile(path, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, path);
  return {
    ...parsed.options,
    composite: false,
    declaration: false,
    emitDeclarationOnly: false,
    noEmit: true,
    incremental: false,
    // Node's types as in the server and sandbox packages: examples run on servers too.
    types: ['node'],
  };
}

/** A compiler host that serves the generated example files and parses every real file once. */
function hostWith(options: ts.CompilerOptions, virtual: Map<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const cache = new Map<string, ts.SourceFile | undefined>();
  return {
    ...host,
    fileExists: (f) => virtual.has(f) || host.fileExists(f),
    readFile: (f) => virtual.get(f) ?? host.readFile(f),
    getSourceFile(fileName, languageVersion, onError, shouldCreate) {
      const text = virtual.get(fileName);
      if (text !== undefined)
        return ts.createSourceFile(fileName, text, languageVersion, true, ts.ScriptKind.TSX);
      if (!cache.has(fileName))
        cache.set(fileName, host.getSourceFile(fileName, languageVersion, onError, shouldCreate));
      return cache.get(fileName);
    },
  };
}

/** `import { a, type B } from '…'` lines for every export of a package's entry points. */
function preambles(
  root: string,
  packages: readonly string[],
  options: ts.CompilerOptions,
  host: ts.CompilerHost,
): Map<string, string[]> {
  const entries = new Map(packages.map((pkg) => [pkg, entriesOf(root, pkg)]));
  const program = ts.createProgram(
    [...entries.values()].flat().map((e) => e.file),
    options,
    host,
  );
  const checker = program.getTypeChecker();
  const result = new Map<string, string[]>();
  for (const [pkg, list] of entries) {
    const taken = new Set<string>();
    const lines: string[] = [];
    for (const entry of list) {
      const source = program.getSourceFile(entry.file);
      const moduleSymbol = source && checker.getSymbolAtLocation(source);
      if (!moduleSymbol) throw new Error(`[examples] cannot read the exports of ${entry.file}`);
      const names: string[] = [];
      for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
        const name = symbol.getName();
        if (taken.has(name) || name === 'default') continue;
        taken.add(name);
        names.push(isValue(checker, symbol) ? name : `type ${name}`);
      }
      if (names.length > 0) lines.push(`import { ${names.join(', ')} } from '${entry.specifier}';`);
    }
    result.set(pkg, lines);
  }
  return result;
}

/** Whether an export can be imported as a value (not a type, and not re-exported `export type`). */
function isValue(checker: ts.TypeChecker, exported: ts.Symbol): boolean {
  let symbol = exported;
  for (let hops = 0; symbol.flags & ts.SymbolFlags.Alias && hops < 20; hops++) {
    if (symbol.declarations?.some((d) => ts.isTypeOnlyImportOrExportDeclaration(d))) return false;
    symbol = checker.getImmediateAliasedSymbol(symbol) ?? symbol;
    if (!(symbol.flags & ts.SymbolFlags.Alias)) break;
  }
  const target =
    exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  return (target.flags & ts.SymbolFlags.Value) !== 0;
}

/** A snippet's syntax tree (no type information). */
const parse = (code: string) =>
  ts.createSourceFile('x.tsx', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);

/** Whether a snippet has top-level imports or exports (then it is a module, not a body). */
function isModule(code: string): boolean {
  return parse(code).statements.some(
    (s) =>
      ts.isImportDeclaration(s) ||
      ts.isImportEqualsDeclaration(s) ||
      ts.isExportDeclaration(s) ||
      ts.isExportAssignment(s) ||
      (ts.canHaveModifiers(s) &&
        ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
}

/** Names a module imports itself, which the preamble then leaves out. */
function importedNames(code: string): Set<string> {
  const source = parse(code);
  const names = new Set<string>();
  for (const s of source.statements) {
    if (!ts.isImportDeclaration(s) || !s.importClause) continue;
    const { name, namedBindings } = s.importClause;
    if (name) names.add(name.text);
    if (namedBindings && ts.isNamespaceImport(namedBindings)) names.add(namedBindings.name.text);
    if (namedBindings && ts.isNamedImports(namedBindings))
      for (const e of namedBindings.elements) names.add(e.name.text);
  }
  return names;
}

function withoutNames(lines: readonly string[], names: ReadonlySet<string>): string[] {
  if (names.size === 0) return [...lines];
  return lines.flatMap((line) => {
    const match = /^import \{ (.*) \} from (.*)$/.exec(line);
    if (!match?.[1]) return [line];
    const kept = match[1].split(', ').filter((n) => !names.has(n.replace(/^type /, '')));
    return kept.length > 0 ? [`import { ${kept.join(', ')} } from ${match[2]}`] : [];
  });
}

interface Generated {
  readonly fileName: string;
  readonly text: string;
  /** Lines of generated text before the example's first line. */
  readonly offset: number;
}

function generate(
  example: Example,
  index: number,
  dir: string,
  preamble: Map<string, string[]>,
): Generated {
  const module = isModule(example.code);
  const head: string[] = [];
  if (example.kind === 'jsdoc') {
    const imports = preamble.get(example.pkg ?? '') ?? [];
    head.push(...(module ? withoutNames(imports, importedNames(example.code)) : imports));
  }
  head.push('export {};');
  if (!module) head.push(`export async function example${index}() {`);
  const tail = module ? [] : ['}'];
  const slug = example.id.replace(/[^\w.-]+/g, '_');
  return {
    fileName: join(dir, `${String(index).padStart(3, '0')}-${slug}.tsx`),
    text: [...head, example.code, ...tail, ''].join('\n'),
    offset: head.length,
  };
}

function format(diagnostic: ts.Diagnostic, where: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
  return `${where} - error TS${diagnostic.code}: ${message}`;
}

/** Type-checks every example in one program; `globals` is the file declaring the placeholders. */
export function checkExamples(
  root: string,
  examples: readonly Example[],
  globals: string,
): ExampleCheck {
  const options = compilerOptions(root);
  const virtual = new Map<string, string>();
  const host = hostWith(options, virtual);
  const packages = [
    ...new Set(examples.map((e) => e.pkg).filter((p): p is string => p !== undefined)),
  ];
  const preamble = preambles(root, packages, options, host);
  // The generated files live beside this module so package imports resolve from the workspace.
  const dir = join(root, 'test', 'examples');
  const generated = new Map<Example, Generated>();
  examples.forEach((example, i) => {
    const file = generate(example, i, dir, preamble);
    generated.set(example, file);
    virtual.set(file.fileName, file.text);
  });

  const program = ts.createProgram([globals, ...virtual.keys()], options, host);
  const general = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(program.getSourceFile(globals)),
    ...program.getSemanticDiagnostics(program.getSourceFile(globals)),
  ].map((d) => {
    const where = d.file
      ? `${relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : 'compiler options';
    return format(d, where);
  });

  return {
    general,
    source: (example) => generated.get(example)?.text ?? '',
    diagnostics(example) {
      const file = generated.get(example);
      const source = file && program.getSourceFile(file.fileName);
      if (!file || !source) return [`${example.id} - was not checked`];
      const found = [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ];
      return found.map((d) => {
        const at = source.getLineAndCharacterOfPosition(d.start ?? 0);
        const own = example.lines[at.line - file.offset];
        const where = own
          ? `${example.file}:${own.line}:${own.column + at.character + 1}`
          : `${example.id} (generated line ${at.line + 1}: ${source.text.split('\n')[at.line]?.trim()})`;
        const code = own ? `\n    ${example.code.split('\n')[at.line - file.offset]?.trim()}` : '';
        return format(d, where) + code;
      });
    },
  };
}
