// What a payer's browser downloads of ours before a click can complete, enforced in `npm test`
// (bytes are deterministic; timings live in `npm run bench`). Uses the benchmark's own measurement
// (scripts/bench/size.ts): each page built from the packages' dist with Vite and with esbuild,
// loaded in Chromium against the sandbox, every script it requests recorded, the approved path run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUDGETS,
  BUNDLERS,
  type Bundler,
  type OurPage,
  type PageSize,
  runSize,
  type SizeResult,
} from '../../scripts/bench/size.ts';

const root = new URL('../..', import.meta.url).pathname;
let size: SizeResult;

beforeAll(async () => {
  size = await runSize(root);
}, 180_000);

function pageOf(name: OurPage, bundler: Bundler): PageSize {
  const found = size.ours.find((p) => p.page === name && p.bundler === bundler);
  if (!found) throw new Error(`no measurement of the ${name} page with ${bundler}`);
  return found;
}

/** The fetched files, for the failure message: what to look at when a budget breaks. */
const fetched = (p: PageSize) =>
  `${p.requests} requests: ${p.files.map((f) => `${f.file} ${f.gzip} B (${f.how}: ${f.modules.slice(0, 4).join(', ')})`).join('; ')}`;

describe.each(BUNDLERS)('what a payer downloads of ours, built with %s', (bundler) => {
  it.each(Object.entries(BUDGETS) as [OurPage, number][])(
    'keeps the %s page within its budget of %i B min+gzip before the click',
    (name, budget) => {
      const page = pageOf(name, bundler);
      expect(page.gzip, 'measured something real').toBeGreaterThan(1000);
      expect(page.gzip, fetched(page)).toBeLessThanOrEqual(budget);
    },
  );

  it.each(Object.keys(BUDGETS) as OurPage[])(
    'delivers the %s page in one request of ours: nothing a click needs loads later',
    (name) => {
      const page = pageOf(name, bundler);
      expect(page.requests, fetched(page)).toBe(1);
    },
  );

  it.each(Object.keys(BUDGETS) as OurPage[])(
    'fetches nothing more of ours on the approved path of the %s page',
    (name) => {
      const page = pageOf(name, bundler);
      expect(page.pageErrors, 'errors in the page').toEqual([]);
      expect(page.action, 'the approved path ran to the end').toMatchObject({ done: true });
      expect(page.afterAction).toEqual([]);
    },
  );

  it.each(Object.keys(BUDGETS) as OurPage[])(
    'loads only the active locale’s texts on the %s page, and none of the result page’s',
    (name) => {
      const found = new Map<string, string[]>();
      for (const t of pageOf(name, bundler).foreignTexts) {
        const key = `${t.locale} texts in ${t.file}`;
        found.set(key, [...(found.get(key) ?? []), t.text]);
      }
      const summary = [...found].map(
        ([key, texts]) => `${key}: ${texts.length}, e.g. ${JSON.stringify(texts[0])}`,
      );
      expect(summary, `locale="${size.activeLocale}"`).toEqual([]);
    },
  );

  it('leaves the development-only prop checks out of a production build', () => {
    for (const name of Object.keys(BUDGETS) as OurPage[]) {
      const modules = pageOf(name, bundler).files.flatMap((f) => f.modules);
      expect(
        modules.filter((m) => m.includes('checkProps')),
        name,
      ).toEqual([]);
    }
  });

  it('refuses to put @flitt-checkout/server in a browser bundle at all', () => {
    expect(size.server[bundler].result, size.server[bundler].detail).toBe('refused');
  });
});

describe('browser code and a strict Content-Security-Policy', () => {
  it('never evaluates strings or writes inline script (no unsafe-eval, no unsafe-inline needed)', () => {
    const files = ['core', 'react'].flatMap((pkg) => {
      const dist = join(root, 'packages', pkg, 'dist');
      return readdirSync(dist, { recursive: true })
        .map(String)
        .filter((name) => name.endsWith('.js'))
        .map((name) => ({ name: `${pkg}/${name}`, text: readFileSync(join(dist, name), 'utf8') }));
    });
    expect(files.length).toBeGreaterThan(10);
    for (const { name, text } of files) {
      expect(text, name).not.toMatch(
        /\beval\(|new Function\(|innerHTML|document\.write|setTimeout\(\s*['"`]/,
      );
    }
  });
});
