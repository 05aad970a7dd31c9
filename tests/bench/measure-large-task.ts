/**
 * Figure (f): a task with 5,000 entries. Cold open: time to the total and to the list (in the DOM
 * and painted), and the longest long task the page saw meanwhile; then the time to handle clicks
 * on "Show N more"; and a revisit from the cache.
 */
import type { Page } from 'playwright-core';
import type { Sandbox } from '../sandbox/index.ts';
import type { BenchTask } from './bench-world.ts';
import { timeTaskOpen, type OpenTiming } from './page-timing.ts';
import { openPhases, waitForQuiet, type OpenPhases } from './sandbox-traffic.ts';
import { alternate } from './interleave.ts';

export interface ShowMoreTiming {
  rowsBefore: number;
  rowsAfter: number;
  /** Click to the new rows in the DOM. */
  domMs: number;
  /** Click to the first frame after that (laid out and painted). */
  paintedMs: number;
  /** Longest long task during the click's handling (0 when none was over 50 ms). */
  longestTaskMs: number;
}

export interface LargeTaskRun {
  taskGid: string;
  cold: OpenTiming;
  /** The sandbox's own time for the list pages of the cold open (sum of durationMs). */
  coldApiMs: number;
  coldRequests: number;
  coldPhases: OpenPhases | null;
  showMore: ShowMoreTiming[];
  revisit: OpenTiming;
}

/** Clicks the list's "Show N more" button and times it inside the page. */
async function timeShowMore(page: Page): Promise<ShowMoreTiming> {
  // The widget acts only on a person's click (lib/page/person-guard.ts): the page's script watches
  // and times, and Playwright clicks as a person does. The time starts at the click's event.
  await page.evaluate(() => {
    const root = document.querySelector('asana-time-log')?.shadowRoot;
    if (!root) throw new Error('no widget');
    const rows = () => root.querySelectorAll('li.tl-entry').length;
    const rowsBefore = rows();
    (window as unknown as { __showMore: Promise<ShowMoreTiming> }).__showMore = new Promise<ShowMoreTiming>((resolve, reject) => {
      let start = 0;
      root.addEventListener('click', (e) => (start = e.timeStamp), { capture: true, once: true });
      const longTasks: number[] = [];
      const longTaskObserver = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
      longTaskObserver.observe({ type: 'longtask' });
      const timeout = window.setTimeout(() => reject(new Error('"Show N more" added no rows in 30 s')), 30_000);
      const observer = new MutationObserver(() => {
        if (rows() <= rowsBefore) return;
        observer.disconnect();
        window.clearTimeout(timeout);
        const dom = performance.now();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const painted = performance.now();
            window.setTimeout(() => {
              longTasks.push(...longTaskObserver.takeRecords().map((e) => e.duration));
              longTaskObserver.disconnect();
              resolve({ rowsBefore, rowsAfter: rows(), domMs: dom - start, paintedMs: painted - start, longestTaskMs: Math.max(0, ...longTasks) });
            }, 100);
          };
          channel.port2.postMessage(null);
        });
      });
      observer.observe(root, { childList: true, subtree: true });
    });
  });
  await page.locator('asana-time-log').getByRole('button', { name: /^Show \d+ more/ }).first().click();
  return page.evaluate(() => (window as unknown as { __showMore: Promise<ShowMoreTiming> }).__showMore);
}

/**
 * For each large task: a cold open (waiting for the list too), `clicks` clicks on "Show N more",
 * a step to `elsewhere`, and a revisit.
 */
export async function measureLargeTask(sandbox: Sandbox, page: Page, tasks: readonly BenchTask[], elsewhere: BenchTask, clicks = 3): Promise<LargeTaskRun[]> {
  const runs: LargeTaskRun[] = [];
  for (const task of tasks) {
    const mark = sandbox.stats.mark();
    const cold = await timeTaskOpen(page, { path: task.path, taskGid: task.gid, expectedTotal: task.total, waitForList: true, timeoutMs: 60_000 });
    await waitForQuiet(sandbox, 500, 60_000);
    const requests = sandbox.stats.since(mark).filter((r) => r.area === 'api' && r.path.includes(`/${task.gid}`));
    const showMore: ShowMoreTiming[] = [];
    for (let i = 0; i < clicks; i++) showMore.push(await timeShowMore(page));
    await timeTaskOpen(page, { path: elsewhere.path, taskGid: elsewhere.gid, expectedTotal: elsewhere.total });
    await waitForQuiet(sandbox);
    const revisit = await timeTaskOpen(page, { path: task.path, taskGid: task.gid, expectedTotal: task.total, waitForList: true });
    await waitForQuiet(sandbox, 500);
    // The revisit's check rewrites the whole cached task in storage.local after the network is
    // quiet: let that finish, or the next open would queue behind it and time the wrong thing.
    await page.waitForTimeout(1_000);
    const coldPhases = openPhases(requests, cold.startedAt, cold.startedAt + cold.totalMs);
    runs.push({ taskGid: task.gid, cold, coldApiMs: requests.reduce((s, r) => s + r.durationMs, 0), coldRequests: requests.length, coldPhases, showMore, revisit });
  }
  return runs;
}

/** Revisit times (navigation to the total shown, ms) by task size, the sizes alternating round by round. */
export interface RevisitBySize {
  sizes: Array<{ entries: number; taskGid: string; ms: number[] }>;
}

/**
 * Revisits each task `rounds` times, the tasks taking turns (and rotating which goes first), each
 * revisit coming from `elsewhere` once the extension is quiet. The smallest task is the baseline
 * the others are compared with, round by round.
 */
export async function measureRevisitsBySize(sandbox: Sandbox, page: Page, tasks: readonly BenchTask[], elsewhere: BenchTask, rounds: number): Promise<RevisitBySize> {
  const arms = Object.fromEntries(
    tasks.map((task) => [
      task.gid,
      async () => {
        await timeTaskOpen(page, { path: elsewhere.path, taskGid: elsewhere.gid, expectedTotal: elsewhere.total });
        await waitForQuiet(sandbox, 300);
        const t = await timeTaskOpen(page, { path: task.path, taskGid: task.gid, expectedTotal: task.total, timeoutMs: 60_000 });
        // Past the widget's 0.5 s wait before it checks a revisited task with Asana.
        await waitForQuiet(sandbox, 800, 60_000);
        return t.totalMs;
      },
    ]),
  );
  const ms = await alternate(rounds, arms);
  return { sizes: tasks.map((t) => ({ entries: t.entries, taskGid: t.gid, ms: ms[t.gid]! })) };
}
