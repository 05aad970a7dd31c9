import type { Reporter, TestCase, TestModule } from 'vitest/node';

/**
 * Prints the plain closing line `N passed, N failed` (CI recognises it; vitest's own summary it
 * does not). Every test case counts once, across all projects; a file that fails to load counts
 * as one failure so that a broken suite can never look green.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      if (mod.state() === 'failed' && countCases(mod) === 0) failed++;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      const moduleErrors = mod.errors().length;
      if (moduleErrors > 0 && countCases(mod) > 0) failed += moduleErrors;
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
  }
}

function countCases(mod: TestModule): number {
  let n = 0;
  for (const _ of mod.children.allTests() as Iterable<TestCase>) n++;
  return n;
}
