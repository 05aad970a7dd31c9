// Mutation testing of the extension's pure logic: `npm run test:mutation`. Stryker changes one
// operator, condition or literal at a time in the files below and runs the unit tests that import
// them; a change that no test notices ("survived") is a line the tests do not really guard.
// Scores per module and the accepted survivors: tests/unit/MUTATION.md.

/**
 * The modules under mutation testing. To add one, add its path here: the unit tests that import
 * it are found by themselves (vitest's related mode), so they need no listing.
 */
export const PURE_MODULES = [
  'lib/duration.ts',
  'lib/dates.ts',
  'lib/day-split.ts',
  'lib/time-range.ts',
  'lib/asana/task-url.ts',
  'lib/timesheet.ts',
  'lib/csv.ts',
  // The outbox's queue policy, the entries view (waiting changes over Asana's data, the edit
  // rule), and message validation (the checks, and the request schemas they apply).
  'lib/outbox-policy.ts',
  'lib/pending.ts',
  'lib/messaging/validate.ts',
  'lib/messaging/protocol.ts',
  'lib/asana/input-schemas.ts',
];

// The tests' "browser zone" during the run: one with DST and a half-hour offset, so that a mutant
// that confuses local time with UTC is caught (the test runners inherit it).
process.env.TZ = 'America/St_Johns';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Only the unit project: the end-to-end tests also import lib/ files and must not run here.
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // Stryker reads tsconfig.json with TypeScript's JS API to rewrite paths that leave the sandbox;
  // TypeScript 7 has no JS API, and our tsconfig needs no rewriting (it extends .wxt/ inside it).
  tsconfigFile: 'no-tsconfig-rewrite.json',
  mutate: PURE_MODULES,
  coverageAnalysis: 'perTest',
  // Two cores, shared: one worker leaves the other to whoever else is working.
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'tests/.artifacts/mutation/index.html' },
  jsonReporter: { fileName: 'tests/.artifacts/mutation/mutation.json' },
  // Reports and sandboxes in tests/.artifacts (ignored by git): nothing generated gets committed.
  tempDirName: 'tests/.artifacts/stryker-tmp',
  ignorePatterns: ['.output', 'tests/e2e', 'tests/bench', 'tests/demo', 'tests/.artifacts'],
  thresholds: { high: 90, low: 85, break: null },
  cleanTempDir: true,
};
