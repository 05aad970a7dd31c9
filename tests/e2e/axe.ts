import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on a page (or only inside the elements matching `include`), one line
 * each. The source is evaluated in the page, since extension pages' CSP blocks addScriptTag.
 * axe looks inside open shadow roots, so `include: 'asana-time-log'` checks the widget.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    type Result = { violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> };
    const axe = (window as unknown as { axe: { run: (context?: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(selector ? { include: [[selector]] } : undefined);
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  }, include ?? null);
}
