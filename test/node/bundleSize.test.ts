// Size budgets, enforced in `npm test` (bytes are deterministic; timings live in `npm run bench`).
// Uses the benchmark's own measurement: a Vite production build of the packages' dist.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, LAZY_CEILINGS, runSize, type SizeResult } from '../../scripts/bench/size.ts';

const root = new URL('../..', import.meta.url).pathname;
let size: SizeResult;

beforeAll(async () => {
  size = await runSize(root);
}, 180_000);

describe('bundle size', () => {
  it(`adds at most ${BUDGETS.typical} B min+gzip for provider + hook + button`, () => {
    expect(size.typical.inApp).toBeGreaterThan(1000); // measured something real
    expect(size.typical.inApp).toBeLessThanOrEqual(BUDGETS.typical);
  });

  it(`adds at most ${BUDGETS.embeddedExtra} B more for the embedded checkout`, () => {
    expect(size.embeddedExtra.gzip).toBeGreaterThan(0);
    expect(size.embeddedExtra.gzip).toBeLessThanOrEqual(BUDGETS.embeddedExtra);
  });

  it('keeps payer messages, the response-code table and the dev checks out of the entry chunk', () => {
    for (const part of [...size.typical.parts, ...size.embedded.parts]) {
      expect(part.group, part.part).not.toBe('core texts');
      expect(part.group, part.part).not.toBe('response-code table');
      expect(part.part).not.toContain('checkProps'); // development-only prop checks
    }
    const lazy = size.typical.lazy.map((c) => c.file.replace(/-[\w-]+\.js$/, '')).sort();
    expect(lazy).toEqual(['en', 'engine', 'ka', 'ru', 'uk']);
    for (const chunk of size.typical.lazy) {
      const ceiling = chunk.file.startsWith('engine') ? LAZY_CEILINGS.engine : LAZY_CEILINGS.locale;
      expect(chunk.gzip, chunk.file).toBeLessThanOrEqual(ceiling);
    }
  });

  it('refuses to put @flitt-checkout/server in a browser bundle at all', () => {
    expect(size.server.result).toBe('refused');
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
