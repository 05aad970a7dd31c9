/**
 * `npm run bench`: what the extension costs Asana, measured on the production build in Chromium
 * against the local sandbox (loopback, HTTPS + HTTP/2). Prints a table of figures, each with how
 * it was measured, and writes them to tests/bench/results/latest.json. Timings are reported,
 * never asserted; the one deterministic budget (content-script size) is enforced by
 * tests/e2e/bundle-size.test.ts.
 *
 *   EXTENSION_DIR=$PWD/.output-bench/chrome-mv3 npx tsx tests/bench/bench.ts   # another build
 *   BENCH_OUT=/tmp/run.json npx tsx tests/bench/bench.ts                       # another results file
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, Harness } from '../e2e/harness.ts';
import { startSandbox } from '../sandbox/index.ts';
import { createBenchWorld } from './bench-world.ts';
import { describeMachine, loadAverage } from './machine.ts';
import { measureBundleSize } from './measure-bundle-size.ts';
import { measureLargeTask } from './measure-large-task.ts';
import { addedByExtension, launchWithoutExtension, mainThreadPerNavigation, type MainThreadFigures } from './measure-main-thread.ts';
import { measureNavigation } from './measure-navigation.ts';
import { measurePopup } from './measure-popup.ts';
import { measureRequestBudget } from './measure-requests.ts';
import { printReport, type BenchResults } from './report.ts';
import { NAME_HELPER, timeTaskOpen } from './page-timing.ts';
import { waitForQuiet } from './sandbox-traffic.ts';

/** How much of everything; sized to keep the whole run within a few minutes on 2 cores. */
const PLAN = {
  navigationTasks: 32, // cold and revisit opens (≥ 30 each)
  largeTasks: 3, // 5,000-entry tasks for (f): a median of three
  popupOpens: 30,
  mainThread: { navigations: 50, settleMs: 300, paths: 10 },
};

const OUT = process.env.BENCH_OUT ?? path.resolve(import.meta.dirname, 'results/latest.json');

/** The commit the build came from, marked when the working tree had uncommitted changes. */
function sourceVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const began = Date.now();
  const log = (step: string) => console.error(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(3)} s] ${step}`);

  log(`extension: ${EXTENSION_DIR}`);
  const bundle = measureBundleSize(EXTENSION_DIR);

  // The extension's own work is the subject: lift the per-minute rate limit so a burst of opens
  // is never slowed by a 429 (Asana's 1,500/min would be, in this compressed timeline).
  const sandbox = await startSandbox({ tls: true, rateLimit: { perMinute: 1_000_000 } });
  const world = createBenchWorld(sandbox, { navigation: PLAN.navigationTasks, large: PLAN.largeTasks });
  let harness: Harness | undefined;
  try {
    // A new user's widget: compact (totals, timer, duration and Log); sections opened where a figure needs them.
    harness = await Harness.launch({ useSandbox: sandbox, connect: true, widget: 'defaults' });
    await harness.context.addInitScript({ content: NAME_HELPER });
    const machine = describeMachine(harness.context.browser()?.version() ?? 'unknown');

    const page = await harness.openAsana(`https://app.asana.com${world.start.path}`);
    // The first open of the page: the content script starts, the start task is cached.
    await page.waitForFunction((gid) => document.querySelector('asana-time-log')?.shadowRoot?.querySelector(`section[data-task-gid="${gid}"] [data-testid="total"]`)?.textContent !== '…', world.start.gid);
    await waitForQuiet(sandbox);

    log(`(b) ${PLAN.navigationTasks} cold opens, then ${PLAN.navigationTasks} revisits`);
    const navigation = await measureNavigation(sandbox, page, world.navigation);

    log('(c) requests per open');
    const requests = await measureRequestBudget(sandbox, page, world.budget, world.start);

    log(`(f) ${world.large.length} tasks with 5,000 entries`);
    await harness.openWidgetSections(); // the list is what (f) is about
    const large = await measureLargeTask(sandbox, page, world.large, world.start);
    await harness.resetWidgetSections();

    log(`(d) ${PLAN.popupOpens} popup opens`);
    await timeTaskOpen(page, { path: world.start.path, taskGid: world.start.gid, expectedTotal: world.start.total });
    await waitForQuiet(sandbox);
    const popup = await measurePopup(harness, sandbox, page, PLAN.popupOpens);
    await page.close();

    log(`(e) main thread, ${PLAN.mainThread.navigations} navigations with the extension, then without`);
    const paths = world.navigation.slice(0, PLAN.mainThread.paths).map((t) => t.path);
    const runMainThread = async (open: (url: string) => Promise<Page>) => {
      const p = await open(`https://app.asana.com${world.start.path}`);
      const figures = await mainThreadPerNavigation(p, paths, PLAN.mainThread.navigations, PLAN.mainThread.settleMs);
      await p.close();
      return figures;
    };
    const withExtension = await runMainThread((url) => harness!.openAsana(url));
    await harness.openWidgetSections();
    const withExtensionOpen = await runMainThread((url) => harness!.openAsana(url));
    await harness.close();
    harness = undefined;
    const baseline = await launchWithoutExtension(sandbox);
    let withoutExtension;
    try {
      await baseline.context.addInitScript({ content: NAME_HELPER });
      withoutExtension = await runMainThread(async (url) => {
        const p = await baseline.context.newPage();
        await p.goto(url);
        return p;
      });
    } finally {
      await baseline.close();
    }
    const mainThread: MainThreadFigures = {
      navigations: PLAN.mainThread.navigations,
      settleMs: PLAN.mainThread.settleMs,
      withExtension,
      withoutExtension,
      added: addedByExtension(withExtension, withoutExtension),
      withExtensionOpen,
      addedOpen: addedByExtension(withExtensionOpen, withoutExtension),
    };

    machine.loadAtEnd = loadAverage();
    const results: BenchResults = {
      date: new Date().toISOString(),
      durationS: Math.round((Date.now() - began) / 1000),
      extensionDir: path.relative(process.cwd(), EXTENSION_DIR) || EXTENSION_DIR,
      source: sourceVersion(),
      machine,
      bundle,
      navigation,
      requests,
      popup,
      mainThread,
      large,
    };
    console.log(printReport(results));
    mkdirSync(path.dirname(OUT), { recursive: true });
    // Two decimals are plenty for milliseconds and keep the file readable.
    const round = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value);
    writeFileSync(OUT, `${JSON.stringify(results, round, 2)}\n`);
    log(`written ${path.relative(process.cwd(), OUT)}`);
  } finally {
    await harness?.close();
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
