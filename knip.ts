// knip: unused files, exports and dependencies (`npm run test:knip`, a step of `npm test`).
//
// Run it with `--tsConfig tsconfig.knip.json` (both scripts do). Workspace packages reach their
// sources only through the `@flitt-checkout/source` export condition, which knip's resolver does
// not know: without that file `@flitt-checkout/core` resolves to a built packages/core/dist file,
// knip cannot map it back to src (tsc's outDir is node_modules/.cache/tsc, not dist), and every
// import from another workspace is lost. tsconfig.knip.json maps each export to its source, and
// this file checks that it still reaches every export.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { KnipConfig } from 'knip';
import ts from 'typescript';
import { examplesInMarkdown } from './test/examples/extractExamples.ts';
import { sourceEntries } from './test/examples/packageEntries.ts';

const TSCONFIG = 'tsconfig.knip.json';

/**
 * Fails unless knip runs with tsconfig.knip.json, and that file maps every package and every
 * TypeScript export of it to the file its `@flitt-checkout/source` condition names.
 */
function checkTsconfig() {
  const argv = process.argv.slice(2);
  if (!argv.some((a) => a === '-t' || a === '--tsConfig' || a.startsWith('--tsConfig=')))
    throw new Error(`Run knip with --tsConfig ${TSCONFIG} (npm run test:knip): see knip.ts.`);
  const paths: Record<string, string[]> =
    ts.readConfigFile(TSCONFIG, ts.sys.readFile).config?.compilerOptions?.paths ?? {};
  const problems: string[] = [];
  const wanted = new Set<string>();
  for (const dir of readdirSync('packages').sort()) {
    const manifest = JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8')) as {
      name: string;
      exports?: Record<string, unknown>;
    };
    const src = `./packages/${dir}/src`;
    const want = {
      [manifest.name]: [`${src}/index.ts`],
      [`${manifest.name}/*`]: [`${src}/*.ts`, `${src}/*/index.ts`],
    };
    for (const [key, value] of Object.entries(want)) {
      wanted.add(key);
      if (JSON.stringify(paths[key]) !== JSON.stringify(value))
        problems.push(`paths["${key}"] should be ${JSON.stringify(value)}`);
    }
    for (const { key, source } of sourceEntries(`packages/${dir}`)) {
      const file = `${src}/${source.slice('./src/'.length)}`;
      const candidates =
        key === '.'
          ? [`${src}/index.ts`]
          : [`${src}/${key.slice(2)}.ts`, `${src}/${key.slice(2)}/index.ts`];
      if (candidates.find((c) => existsSync(c)) !== file)
        problems.push(
          `${manifest.name} exports "${key}" as ${source}, which the paths do not reach`,
        );
    }
  }
  for (const key of Object.keys(paths))
    if (!wanted.has(key)) problems.push(`paths["${key}"] names no package`);
  if (problems.length > 0) throw new Error(`${TSCONFIG}:\n  ${problems.join('\n  ')}`);
}

/**
 * The import declarations of README.md's TypeScript blocks (the ones test/node/examples.test.ts
 * type-checks), so an export a reader is shown counts as used. Each import gets its own local
 * names: blocks are separate files and may import the same name twice.
 */
function readmeImports(text: string): string {
  let n = 0;
  const alias = () => `_${n++}`;
  const lines: string[] = [];
  for (const example of examplesInMarkdown('README.md', text)) {
    const source = ts.createSourceFile('block.tsx', example.code, ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
        continue;
      const from = JSON.stringify(statement.moduleSpecifier.text);
      const clause = statement.importClause;
      if (!clause) {
        lines.push(`import ${from};`);
        continue;
      }
      const type = clause.isTypeOnly ? 'type ' : '';
      if (clause.name) lines.push(`import ${type}${alias()} from ${from};`);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings))
        lines.push(`import ${type}* as ${alias()} from ${from};`);
      if (bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0) {
        const names = bindings.elements.map(
          (e) => `${e.isTypeOnly ? 'type ' : ''}${(e.propertyName ?? e.name).text} as ${alias()}`,
        );
        lines.push(`import ${type}{ ${names.join(', ')} } from ${from};`);
      }
    }
  }
  return lines.join('\n');
}

checkTsconfig();

const config: KnipConfig = {
  // Entries are found by knip's plugins: vite.config.ts (the vitest projects' test files and setup
  // files), playwright.config.ts (test/e2e), .storybook/main.ts (stories), package.json scripts
  // (scripts/*, the shop's server), each package's `exports`, `bin` and tsdown.config.ts. Listed
  // here is only what no plugin names.
  compilers: {
    md: readmeImports,
  },
  workspaces: {
    '.': {
      // What a reader of the README is shown to import counts as used (see readmeImports). The
      // runtime tests' Worker and Deno server are started by test/node/runtimes/*.test.ts; the
      // mutation tests' Vitest config is named by stryker.config.mjs.
      entry: [
        'README.md',
        'test/runtimes/workerd/worker.ts',
        'test/runtimes/deno/main.ts',
        'test/mutation/vitest.config.ts',
      ],
      // knip's default project files, but of the Markdown files only READMEs (the others are
      // prose: BENCHMARKS.md, SECURITY.md, docs/decisions).
      project: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}', '**/*.mdx', '**/README.md'],
      // The demo shop's Vite config (its index.html loads src/main.tsx); root's is the default.
      vite: { config: ['vite.config.ts', 'examples/shop/vite.config.ts'] },
      // The Next.js example: its config names the app (pages, layouts and route handlers).
      next: { config: ['examples/next/next.config.ts'] },
      // Its `@/…` imports (examples/next/tsconfig.json, which tsconfig.knip.json does not extend).
      paths: { '@/*': ['examples/next/*'] },
      // TypeScript reads it for imports of scripts/ensure-services.mjs; knip resolves those to the .mjs.
      ignore: ['scripts/ensure-services.d.mts'],
      // A system tool, not a package: test/node/nodeAdapterEdges.test.ts makes its TLS certificate.
      ignoreBinaries: ['openssl'],
      ignoreDependencies: [
        // Run as node_modules/.bin/attw by scripts/check-packages.mjs, which knip cannot follow.
        '@arethetypeswrong/cli',
        // Run as node_modules/.bin/{deno,wrangler} by test/node/runtimes/*.test.ts, likewise.
        'deno',
        'wrangler',
      ],
    },
    // The shared test helpers (@flitt-checkout/test-kit, private): its `exports` are its entries,
    // and an export no test, story, config or script imports is reported.
    'test/kit': { includeEntryExports: true },
    'packages/*': {
      // A package's public surface is its entry files: report their exports nobody imports.
      includeEntryExports: true,
      // The README npm shows: what it imports counts as used, like the root README's.
      entry: ['README.md'],
    },
  },
};

export default config;
