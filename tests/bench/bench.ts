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
import { measureLargeTask, measureRevisitsBySize } from './measure-large-task.ts';
import { compare, alternate, median } from './interleave.ts';
import { measureHeap } from './measure-heap.ts';
import { launchWithoutExtension, MAIN_THREAD_METRICS, measuredPage, navigationBlock, type MainThreadFigures, type PerNavigation } from './measure-main-thread.ts';
import { LOAD_MARKS, pageLoadSample, type PageLoadSample } from './measure-page-load.ts';
import { createTeamWorld, measureTeamScale } from './measure-team-scale.ts';
import { measureNavigation } from './measure-navigation.ts';
import { measurePopup } from './measure-popup.ts';
import { measureRequestBudget } from './measure-requests.ts';
import { printReport, type BenchResults, type PageLoadFigures } from './report.ts';
import { NAME_HELPER, timeTaskOpen, widgetShows } from './page-timing.ts';
import { waitForQuiet } from './sandbox-traffic.ts';

/** How much of everything; sized to keep the whole run near ten minutes on 2 cores. */
const PLAN = {
  navigationTasks: 32, // cold and revisit opens (≥ 30 each)
  largeTasks: 3, // 5,000-entry tasks for (f): a median of three
  revisitRounds: 12, // revisits per task size (10 / 5,000 / 50,000 entries), for a p95
  popupOpens: 30,
  // Per navigation: rounds of (no extension, compact widget, every section open), a block of
  // navigations each; enough rounds that the halves of a run agree within 10%.
  mainThread: { rounds: 12, perBlock: 10, settleMs: 300, paths: 10 },
  heap: { checkpoints: [100, 500], block: 50, settleMs: 150 },
  pageLoads: 10, // per browser, alternating
  team: { people: 20, perPerson: 50, reportEntries: 20_000, perMinute: 150 },
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

/** The median of each metric over a run's blocks. */
const medianMetrics = (blocks: PerNavigation[]): PerNavigation =>
  Object.fromEntries(MAIN_THREAD_METRICS.map((m) => [m, median(blocks.map((b) => b[m]))])) as PerNavigation;

async function main(): Promise<void> {
  const began = Date.now();
  const log = (step: string) => console.error(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(3)} s] ${step}`);

  log(`extension: ${EXTENSION_DIR}`);
  const bundle = measureBundleSize(EXTENSION_DIR);

  // The extension's own work is the subject: lift the per-minute rate limit so a burst of opens
  // is never slowed by a 429 (Asana's 1,500/min would be, in this compressed timeline).
  const sandbox = await startSandbox({ tls: true, rateLimit: { perMinute: 1_000_000 } });
  const world = createBenchWorld(sandbox, { navigation: PLAN.navigationTasks, large: PLAN.largeTasks });
  const teamWorld = createTeamWorld(sandbox, PLAN.team);
  let harness: Harness | undefined;
  let baseline: Awaited<ReturnType<typeof launchWithoutExtension>> | undefined;
  try {
    // A new user's widget: compact (totals, timer, duration and Log); sections opened where a figure needs them.
    harness = await Harness.launch({ useSandbox: sandbox, connect: true, widget: 'defaults' });
    await harness.context.addInitScript({ content: NAME_HELPER });
    const machine = describeMachine(harness.context.browser()?.version() ?? 'unknown');

    const page = await harness.openAsana(`https://app.asana.com${world.start.path}`);
    // The first open of the page: the content script starts, the start task is cached.
    await widgetShows(page, world.start.gid, world.start.total);
    await waitForQuiet(sandbox);

    log(`(b) ${PLAN.navigationTasks} cold opens, then ${PLAN.navigationTasks} revisits`);
    const navigation = await measureNavigation(sandbox, page, world.navigation);

    log('(c) requests per open');
    const requests = await measureRequestBudget(sandbox, page, world.budget, world.start);

    log(`(f) ${world.large.length} tasks with 5,000 entries, one with 50,000`);
    await harness.openWidgetSections(); // the list is what (f) is about
    const large = await measureLargeTask(sandbox, page, world.large, world.start);
    // A task this size once never showed a total (its cache was over storage.local's quota):
    // a failure is a figure too.
    const hugeCold = await measureLargeTask(sandbox, page, [world.huge], world.start, 1).then(([run]) => run!, (error: Error) => ({ error: error.message.split('\n')[0]! }));
    await harness.resetWidgetSections();
    await timeTaskOpen(page, { path: world.start.path, taskGid: world.start.gid, expectedTotal: world.start.total });
    await waitForQuiet(sandbox, 500, 120_000);
    const sizes = [world.navigation[0]!, world.large[0]!, ...('error' in hugeCold ? [] : [world.huge])];
    log(`(f) ${PLAN.revisitRounds} revisits of each size (${sizes.map((t) => t.entries).join(', ')} entries), alternating`);
    const revisits = await measureRevisitsBySize(sandbox, page, sizes, world.start, PLAN.revisitRounds);

    log(`(d) ${PLAN.popupOpens} popup opens`);
    await timeTaskOpen(page, { path: world.start.path, taskGid: world.start.gid, expectedTotal: world.start.total });
    await waitForQuiet(sandbox);
    const popup = await measurePopup(harness, sandbox, page, PLAN.popupOpens);
    await page.close();

    // From here on, a Chromium without the extension runs beside ours, on the same sandbox.
    baseline = await launchWithoutExtension(sandbox);
    await baseline.context.addInitScript({ content: NAME_HELPER });
    const openNone = async () => {
      const p = await baseline!.context.newPage();
      await p.goto(`https://app.asana.com${world.start.path}`);
      return measuredPage(p);
    };
    const openOurs = async () => measuredPage(await harness!.openAsana(`https://app.asana.com${world.start.path}`));
    const paths = world.navigation.slice(0, PLAN.mainThread.paths).map((t) => t.path);

    const { rounds, perBlock, settleMs } = PLAN.mainThread;
    log(`(e) main thread per navigation: ${rounds} rounds of ${perBlock} navigations, without the extension, compact, every section open`);
    const none = await openNone();
    const ours = await openOurs();
    for (const m of [none, ours]) await navigationBlock(m, paths, 5, settleMs, 0); // warm-up: code paths compiled once
    let sectionsOpen = false;
    const oursWith = async (open: boolean) => {
      if (sectionsOpen !== open) await (open ? harness!.openWidgetSections() : harness!.resetWidgetSections());
      sectionsOpen = open;
      return navigationBlock(ours, paths, perBlock, settleMs);
    };
    const blocks: Record<'none' | 'compact' | 'open', PerNavigation[]> = { none: [], compact: [], open: [] };
    await alternate(rounds, {
      none: async () => (blocks.none.push(await navigationBlock(none, paths, perBlock, settleMs)), 0),
      compact: async () => (blocks.compact.push(await oursWith(false)), 0),
      open: async () => (blocks.open.push(await oursWith(true)), 0),
    }, (r) => log(`    round ${r + 1}/${rounds}`));
    if (sectionsOpen) await harness.resetWidgetSections();
    const task = (list: PerNavigation[]) => list.map((b) => b.TaskDuration);
    const mainThread: MainThreadFigures = {
      rounds,
      navigationsPerBlock: perBlock,
      settleMs,
      compact: compare(task(blocks.compact), task(blocks.none)),
      open: compare(task(blocks.open), task(blocks.none)),
      perMetric: { none: medianMetrics(blocks.none), compact: medianMetrics(blocks.compact), open: medianMetrics(blocks.open) },
    };
    await none.page.close();
    await ours.page.close();

    log(`(g) heap after ${PLAN.heap.checkpoints.join(' and ')} navigations, both browsers in turn`);
    const heapNone = await openNone();
    const heapOurs = await openOurs();
    const heap = await measureHeap(heapOurs, heapNone, paths, PLAN.heap.checkpoints, PLAN.heap.block, PLAN.heap.settleMs);
    await heapNone.page.close();
    await heapOurs.page.close();

    log(`(h) ${PLAN.pageLoads} page loads in each browser, alternating`);
    await harness.context.addInitScript({ content: LOAD_MARKS });
    await baseline.context.addInitScript({ content: LOAD_MARKS });
    const url = `https://app.asana.com${world.start.path}`;
    const paneShown = (p: Page) => p.waitForSelector(`[data-task-id="${world.start.gid}"]`);
    const loads: Record<'none' | 'ours', PageLoadSample[]> = { none: [], ours: [] };
    await alternate(PLAN.pageLoads, {
      none: async () => (loads.none.push(await pageLoadSample(baseline!.context, url, paneShown)), 0),
      ours: async () => {
        loads.ours.push(await pageLoadSample(harness!.context, url, async (p) => {
          await paneShown(p);
          await widgetShows(p, world.start.gid, world.start.total);
        }));
        await waitForQuiet(sandbox);
        return 0;
      },
    });
    const pageLoad: PageLoadFigures = {
      samples: loads,
      task: compare(loads.ours.map((l) => l.metrics.TaskDuration), loads.none.map((l) => l.metrics.TaskDuration)),
      script: compare(loads.ours.map((l) => l.metrics.ScriptDuration), loads.none.map((l) => l.metrics.ScriptDuration)),
    };
    await baseline.close();
    baseline = undefined;

    log(`(i) team scale at ${PLAN.team.perMinute} requests a minute`);
    const team = await measureTeamScale(harness, sandbox, teamWorld, PLAN.team.perMinute);

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
      hugeCold,
      revisits,
      heap,
      pageLoad,
      team,
    };
    console.log(printReport(results));
    mkdirSync(path.dirname(OUT), { recursive: true });
    // Two decimals are plenty for milliseconds and keep the file readable.
    const round = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value);
    writeFileSync(OUT, `${JSON.stringify(results, round, 2)}\n`);
    log(`written ${path.relative(process.cwd(), OUT)}`);
  } finally {
    await baseline?.close();
    await harness?.close();
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
