// axe over the whole page as it stands (WCAG 2.0 / 2.1 A and AA, best practices): no violation.
import { expect, type Page } from '@playwright/test';
import axe from 'axe-core';

export async function expectAccessible(page: Page, state: string) {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe
      .run;
    const result = (await run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
    })) as { violations: { id: string; nodes: { target: string[] }[] }[] };
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`);
  });
  expect(violations, state).toEqual([]);
}
