// Section 1 of BENCHMARKS.md, what a payer downloads, and its rows of the summary; every sentence
// that judges a figure is computed from it.
import {
  BUNDLERS,
  type Bundler,
  type OurPage,
  type PageSize,
  type PartGroup,
  type SizeResult,
} from './size.ts';

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
const int = (value: number) => value.toLocaleString('en-US');
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const code = (text: string) => `\`${text}\``;
const NAMES: Record<Bundler, string> = { vite: 'Vite', esbuild: 'esbuild' };
const PAGES = ['redirect', 'embedded'] as const satisfies readonly OurPage[];
const file = (path: string) => path.replace(/^assets\//, '');

function verdict(value: number, budget: number): string {
  return value <= budget
    ? `within (${kB(budget - value)} to spare)`
    : `**over by ${kB(value - budget)}** (${(value / budget).toFixed(2)}× the budget)`;
}

function pageOf(size: SizeResult, page: OurPage, bundler: Bundler): PageSize {
  const found = size.ours.find((p) => p.page === page && p.bundler === bundler);
  if (!found) throw new Error(`[bench] no ${page} page measured with ${bundler}`);
  return found;
}

function afterClick(p: PageSize): string {
  if (!p.action?.done) return `**did not complete**: ${p.action?.detail ?? 'no approved path'}`;
  return p.afterAction.length === 0
    ? `nothing (${p.action.detail})`
    : `**${p.afterAction.length} files**: ${p.afterAction.map((f) => code(file(f.slice(1)))).join(', ')}`;
}

function foreign(p: PageSize): string {
  if (p.foreignTexts.length === 0) return 'none';
  const counts = new Map<string, number>();
  for (const t of p.foreignTexts) {
    const key = `${t.locale} in ${code(file(t.file))}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return `**${[...counts].map(([key, n]) => `${n} ${key}`).join(', ')}**`;
}

/** The summary table's rows for section 1. */
export function sizeSummaryRows(size: SizeResult): string[][] {
  const pageRows = PAGES.map((name) => {
    const [vite, esbuild] = BUNDLERS.map((b) => pageOf(size, name, b)) as [PageSize, PageSize];
    const budget = size.budgets[name];
    return [
      `${name} page: our JS before the click, Vite / esbuild (requests)`,
      `**${kB(vite.gzip)}** (${vite.requests}) / **${kB(esbuild.gzip)}** (${esbuild.requests})`,
      `≤ ${kB(budget)}: ${verdict(Math.max(vite.gzip, esbuild.gzip), budget)}`,
    ];
  });
  const server = BUNDLERS.map((b) => `${NAMES[b]} ${size.server[b].result}`).join(', ');
  return [
    ...pageRows,
    ['`@flitt-checkout/server` in a browser bundle', `**0 B (${server})**`, '0 B'],
  ];
}

/** Modules esbuild loads with the entry that Vite's entry leaves out, and where Vite put each. */
function esbuildExtras(size: SizeResult, name: OurPage) {
  const vite = pageOf(size, name, 'vite');
  const esbuild = pageOf(size, name, 'esbuild');
  const viteStatic = new Set(
    vite.files.filter((f) => f.how === 'static').flatMap((f) => f.modules),
  );
  const whereVite = (module: string) => {
    const after = vite.files.find((f) => f.modules.includes(module));
    if (after) return `after mount, in ${code(file(after.file))}`;
    const never = vite.notFetched.find((f) => f.modules.includes(module));
    return never ? `in ${code(file(never.file))}, never fetched` : 'nowhere: tree-shaken';
  };
  return esbuild.files
    .filter((f) => f.how === 'static')
    .flatMap((f) =>
      f.modules
        .filter((m) => !viteStatic.has(m) && !m.endsWith('.tsx'))
        .map((m) => ({ module: m, file: f.file, vite: whereVite(m) })),
    );
}

function groupTable(size: SizeResult): string {
  const columns = PAGES.flatMap((name) => BUNDLERS.map((b) => pageOf(size, name, b)));
  const groups = [...new Set(columns.flatMap((p) => p.groups.map((g) => g.group)))] as PartGroup[];
  return table(
    ['group', ...columns.map((p) => `${p.page}, ${NAMES[p.bundler]}: min / gzip saved`)],
    groups.map((group) => [
      group,
      ...columns.map((p) => {
        const g = p.groups.find((x) => x.group === group);
        return g ? `${int(g.min)} / ${int(g.gzipMarginal)}` : '—';
      }),
    ]),
  );
}

function peersSection(size: SizeResult): string {
  const { peers } = size;
  if (!peers) return 'Peers were not measured in this run (`npm run bench` measures them).';
  const cell = (p: PageSize | undefined) => (p ? `${kB(p.gzip)} (${p.requests})` : 'build failed');
  const ours = PAGES.map((name) => [
    `**flitt-checkout**, ${name} page (\`locale={${size.activeLocale}}\`)`,
    ...BUNDLERS.map((b) => `**${cell(pageOf(size, name, b))}**`),
    'none',
  ]);
  const labels = [...new Set(peers.pages.map((p) => p.page))];
  const theirs = labels.map((name) => {
    const pages = BUNDLERS.map((b) => peers.pages.find((p) => p.page === name && p.bundler === b));
    const blocked = [
      ...new Set(pages.flatMap((p) => p?.blocked ?? []).map((r) => r.replace(/^\w+ |\?.*$/g, ''))),
    ].map(code);
    return [pages.find(Boolean)?.label ?? name, ...pages.map(cell), blocked.join(', ') || 'none'];
  });
  const failed = peers.failed.map((f) => `${f.page} with ${NAMES[f.bundler]}: ${f.error}`);
  const legal = peers.pages
    .filter((p) => p.bundler === 'esbuild')
    .map((p) => ({ page: p.page, bytes: p.files.reduce((sum, f) => sum + f.legalComments, 0) }))
    .filter((p) => p.bytes > 0);
  return `${table(
    [
      'what the page renders',
      'Vite: min+gzip (requests)',
      'esbuild: min+gzip (requests)',
      'requests off this machine, refused (not counted)',
    ],
    [...ours, ...theirs],
  )}

Peers: ${peers.method} Versions: ${Object.entries(peers.versions)
    .map(([name, version]) => `${code(name)} ${version}`)
    .join(', ')}.${failed.length ? ` Failed: ${failed.join('; ')}.` : ''}${
    legal.length
      ? ` Part of what esbuild adds: it keeps the packages' \`/*! … */\` license comments at the end of the file (its default \`legalComments: 'eof'\`), which Vite's minifier drops: ${legal.map((l) => `${int(l.bytes)} B of gzip on ${l.page}`).join(', ')}.`
      : ''
  }`;
}

function whyEsbuild(size: SizeResult): string {
  const vite = pageOf(size, 'redirect', 'vite');
  const esbuild = pageOf(size, 'redirect', 'esbuild');
  const extras = esbuildExtras(size, 'redirect');
  const bare = esbuild.files.flatMap((f) => f.bareImports.map((b) => code(b)));
  const texts = (p: PageSize) => p.groups.find((g) => g.group === 'texts');
  const [viteTexts, esbuildTexts] = [texts(vite), texts(esbuild)];
  const glue = vite.groups.find((g) => g.group === 'bundler glue');
  const preload = vite.files.some((f) => f.modules.includes('preload-helper.js'));
  const lines = [
    `On the redirect page the entry and its static imports come to ${kB(esbuild.staticGzip)} with esbuild and ${kB(vite.staticGzip)} with Vite, in ${esbuild.files.filter((f) => f.how === 'static').length} and ${vite.files.filter((f) => f.how === 'static').length} files.`,
  ];
  if (extras.length > 0)
    lines.push(
      `Modules that esbuild loads with the entry and Vite does not: ${extras.map((e) => `${code(e.module)} (Vite: ${e.vite})`).join(', ')}.`,
      `The bundles show why. esbuild assigns whole files to chunks by which entry points reach them along import statements, not by which of their code is used; with code splitting and more than one entry point (each \`import()\` is one) it also stops honouring \`"sideEffects": false\` (esbuild 0.11.5's changelog). The page imports the packages' index files, which re-export every module, so a module that a lazy chunk uses and an index re-exports is "reached" by the entry as well: it lands in a chunk shared by both, which the entry imports${bare.length > 0 ? ` (here partly with bare imports, ${bare.join(', ')}, left where tree shaking removed every use)` : ''}. Rolldown (Vite) first drops side-effect-free modules whose exports are unused, then splits, so its entry neither carries nor imports them.`,
    );
  if (viteTexts && esbuildTexts && esbuildTexts.min > viteTexts.min * 1.2)
    lines.push(
      `esbuild also writes non-ASCII text as \`\\uXXXX\` escapes (its default \`charset: 'ascii'\`): the same Georgian labels take ${int(esbuildTexts.min)} B minified in its build against ${int(viteTexts.min)} B in Vite's (about ${int(esbuildTexts.gzipMarginal)} B against ${int(viteTexts.gzipMarginal)} B of gzip).`,
    );
  if (preload && glue)
    lines.push(
      `Vite's entry carries its \`__vitePreload\` helper because the entry has \`import()\`s: with the import and export glue, ${int(glue.min)} B minified, ${int(glue.gzipMarginal)} B of gzip on the redirect page.`,
    );
  return lines.join('\n');
}

/** Section 1 of BENCHMARKS.md. */
export function sizeSection(size: SizeResult): string {
  const { budgets } = size;
  const rows = PAGES.flatMap((name) =>
    BUNDLERS.map((b) => {
      const p = pageOf(size, name, b);
      const mounted = p.gzip - p.staticGzip;
      return [
        name,
        NAMES[b],
        `**${kB(p.gzip)}**`,
        p.requests,
        kB(p.staticGzip),
        kB(mounted),
        kB(budgets[name]),
        verdict(p.gzip, budgets[name]),
        afterClick(p),
        foreign(p),
      ];
    }),
  );
  const fileRows = PAGES.flatMap((name) =>
    BUNDLERS.flatMap((b) =>
      pageOf(size, name, b).files.map((f) => [
        `${name}, ${NAMES[b]}`,
        code(file(f.file)),
        f.how === 'static' ? 'with the entry' : 'after mount',
        `${int(f.min)} B`,
        kB(f.gzip),
        `${f.modules.slice(0, 8).map(code).join(', ')}${f.modules.length > 8 ? ', …' : ''}`,
      ]),
    ),
  );
  const unfetched = PAGES.flatMap((name) =>
    BUNDLERS.map((b) => {
      const p = pageOf(size, name, b);
      const list = p.notFetched.map(
        (f) => `${code(file(f.file))} (${kB(f.gzip)}: ${f.modules.slice(0, 2).join(', ')})`,
      );
      return `- ${name}, ${NAMES[b]}: ${list.join('; ') || 'none'}`;
    }),
  );
  const embedded = pageOf(size, 'embedded', 'vite');
  const esbuildRedirect = pageOf(size, 'redirect', 'esbuild');
  const viteRedirect = pageOf(size, 'redirect', 'vite');
  const topParts = (p: PageSize) =>
    p.parts.slice(0, 12).map((x) => [x.part, x.group, int(x.min), int(x.gzipMarginal)]);
  return `## 1. What a payer downloads before a click can complete

Issue 12's budgets: all of our JavaScript a browser fetches before a click can complete (the entry,
its static imports, and whatever loads without user action, such as chunks imported on mount), cold
cache, min+gzip: **redirect page ≤ ${kB(budgets.redirect)}, embedded page ≤ ${kB(budgets.embedded)}**,
built with Vite and with esbuild; on the approved path nothing more of ours after the click; only
the payer's locale's texts (\`locale={${size.activeLocale}}\`: no text of any other locale, en, ru,
uk, uz, ro, hy, kk or az, in anything fetched). \`npm test\` enforces all of it
(\`test/node/bundleSize.test.ts\`; the measurement took ${size.seconds} s here).

${size.method}.${size.rebuiltDist ? ` The packages were rebuilt first (${size.rebuiltDist}).` : ''}

${table(
  [
    'page',
    'bundler',
    'our JS before the click, min+gzip',
    'requests',
    'entry + static imports',
    'loaded after mount',
    'budget',
    'verdict',
    'approved path: more of ours after the click',
    'other locales’ texts fetched',
  ],
  rows,
)}

The pages, as a shop writes them (\`sandboxOrigin\` and \`navigate\` are the harness's wiring):

\`\`\`tsx
${size.pages.redirect.trim()}
\`\`\`

The embedded page renders \`<FlittEmbeddedCheckout order={{ items: [{ sku: 'tea', qty: 1 }] }} />\` instead of the button.

### Which files

${table(['page, bundler', 'file', 'loaded', 'min', 'min+gzip', 'what is in it, largest first'], fileRows)}

Built but never requested:

${unfetched.join('\n')}

Not counted: the vendor modules (React, React DOM, react-query: ${embedded.otherRequests.vendor} requests through the import
map) and, on the embedded page, ${embedded.otherRequests.others.map(code).join(', ') || 'nothing else'} (the
sandbox stands in for Flitt's CDN and API). \`@flitt-checkout/server\` in a browser build:
${BUNDLERS.map((b) => `${NAMES[b]} ${size.server[b].result === 'refused' ? 'refuses it' : `**${size.server[b].result}: the guard is broken**`} (\`${size.server[b].detail}\`)`).join('; ')}.

### Why esbuild fetches more

${whyEsbuild(size)}

### What makes up the bytes

Every byte of every fetched file is attributed through the build's source map to a source file of
ours (Vite maps to dist files, whose tsdown \`//#region\` markers name the source; esbuild follows
dist's own maps to src), to the page, or, unmapped, to the bundler (Vite's preload helper,
import/export glue). "gzip saved" is Σ over files of gzip(file) − gzip(file without those bytes):
gzip is not additive, so the column does not sum to the total.

${groupTable(size)}

${table(['redirect page, Vite: source file', 'group', 'min B', 'gzip saved B'], topParts(viteRedirect))}

${table(['redirect page, esbuild: source file', 'group', 'min B', 'gzip saved B'], topParts(esbuildRedirect))}

### Beside PayPal and Stripe

Measured the same way (builds, import map, Chromium, cold cache), in \`npm run bench\` only.

${peersSection(size)}`;
}
