// Every `@example` in the packages' JSDoc and every TypeScript block in the READMEs type-checks
// against the current sources (test/examples). A consumer who copies one gets code that compiles.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkExamples, type ExampleCheck } from '../examples/checkExamples.ts';
import { type Example, examplesInSource, extractExamples } from '../examples/extractExamples.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const globals = fileURLToPath(new URL('../examples/globals.d.ts', import.meta.url));
const examples = extractExamples(root);

// Checked with the others: proves an unknown name fails instead of being declared for the example.
const [canary] = examplesInSource(
  'packages/server/src/canary.ts',
  '/**\n * @example\n * notDeclaredAnywhere(cartId);\n */\nexport const x = 1;\n',
  'server',
);

let check: ExampleCheck;
beforeAll(() => {
  check = checkExamples(root, canary ? [...examples, canary] : examples, globals);
}, 120_000);

function failIfAny(example: Example) {
  const diagnostics = check.diagnostics(example);
  if (diagnostics.length > 0)
    throw new Error(`${diagnostics.join('\n')}\n\nchecked as:\n${check.source(example)}`);
}

describe('the examples a consumer reads', () => {
  it('are found: more than 50, in JSDoc and README', () => {
    expect(examples.length).toBeGreaterThan(50);
    expect(examples.some((e) => e.kind === 'readme')).toBe(true);
    expect(new Set(examples.map((e) => e.pkg).filter(Boolean))).toEqual(
      new Set(['core', 'react', 'sandbox', 'server']),
    );
  });

  it('are checked with placeholder declarations that compile themselves', () => {
    expect(check.general).toEqual([]);
  });

  it('fail on a name nobody declared', () => {
    expect(canary).toBeDefined();
    const diagnostics = canary ? check.diagnostics(canary) : [];
    expect(diagnostics).toEqual([
      expect.stringMatching(
        /^packages\/server\/src\/canary\.ts:3:4 - error TS2304: Cannot find name 'notDeclaredAnywhere'/,
      ),
    ]);
  });

  for (const example of examples) it(example.id, () => failIfAny(example));
});
