/**
 * Figure (b): from a pushState navigation to a task until the widget shows its total, for tasks
 * never opened in this profile (cold: the entries come from Asana) and for tasks opened before
 * (revisit: the total comes from the extension's cache, then one background check), beside the
 * time the sandbox itself took to answer the requests of that open.
 */
import type { Page } from 'playwright-core';
import type { Sandbox } from '../sandbox/index.ts';
import type { BenchTask } from './bench-world.ts';
import { timeTaskOpen } from './page-timing.ts';
import { openPhases, waitForQuiet, type OpenPhases } from './sandbox-traffic.ts';
import { summarize, type Summary } from './summary.ts';

export interface OpenSample {
  taskGid: string;
  /** Navigation call to the right total in the DOM, measured in the page. */
  openMs: number;
  /** The sandbox's own time for this open's requests (sum of durationMs; pages are fetched one after another). */
  apiMs: number;
  /**
   * What the extension and the browser add: openMs - apiMs when the requests are on the way to
   * the total (cold), openMs when they are not (revisit: the check runs after the total shows).
   */
  overheadMs: number;
  requests: number;
  /** Where the time went (from the sandbox's log). */
  phases: OpenPhases | null;
}

export interface OpenSeries {
  samples: OpenSample[];
  open: Summary;
  api: Summary;
  overhead: Summary;
  /** open / API per open (cold: the API is on the way to the total). */
  ratioToApi: Summary;
  /** Summaries of {@link OpenSample.phases} (opens that sent requests). */
  phases: { toFirstRequest: Summary; requests: Summary; afterLastResponse: Summary };
}

export interface NavigationFigures {
  cold: OpenSeries;
  revisit: OpenSeries;
}

/** Opens `task` from wherever the page is, waits until the extension is idle, and pairs the timing with the sandbox's log. */
async function openOnce(sandbox: Sandbox, page: Page, task: BenchTask, apiOnPath: boolean): Promise<OpenSample> {
  const mark = sandbox.stats.mark();
  const timing = await timeTaskOpen(page, { path: task.path, taskGid: task.gid, expectedTotal: task.total });
  // Longer than the widget's 0.5 s wait before checking a revisited task with Asana.
  await waitForQuiet(sandbox, 800);
  // Only this task's requests: any other traffic would be a bug worth seeing in (c), not time here.
  const requests = sandbox.stats.since(mark).filter((r) => r.area === 'api' && r.path.includes(`/${task.gid}`));
  const apiMs = requests.reduce((s, r) => s + r.durationMs, 0);
  const phases = openPhases(requests, timing.startedAt, timing.startedAt + timing.totalMs);
  return { taskGid: task.gid, openMs: timing.totalMs, apiMs, overheadMs: apiOnPath ? timing.totalMs - apiMs : timing.totalMs, requests: requests.length, phases };
}

function series(samples: OpenSample[]): OpenSeries {
  const phases = samples.flatMap((s) => (s.phases ? [s.phases] : []));
  return {
    samples,
    open: summarize(samples.map((s) => s.openMs)),
    api: summarize(samples.map((s) => s.apiMs)),
    overhead: summarize(samples.map((s) => s.overheadMs)),
    ratioToApi: summarize(samples.filter((s) => s.apiMs > 0).map((s) => s.openMs / s.apiMs)),
    phases: {
      toFirstRequest: summarize(phases.map((p) => p.toFirstRequestMs)),
      requests: summarize(phases.map((p) => p.requestsMs)),
      afterLastResponse: summarize(phases.map((p) => p.afterLastResponseMs)),
    },
  };
}

/**
 * Opens every task once (cold), then every task again in the same order (revisit). Each open
 * starts from the previous task, the way people click through a list, and only after the
 * extension has finished with the previous one.
 */
export async function measureNavigation(sandbox: Sandbox, page: Page, tasks: readonly BenchTask[]): Promise<NavigationFigures> {
  const cold: OpenSample[] = [];
  for (const task of tasks) cold.push(await openOnce(sandbox, page, task, true));
  const revisit: OpenSample[] = [];
  for (const task of tasks) revisit.push(await openOnce(sandbox, page, task, false));
  return { cold: series(cold), revisit: series(revisit) };
}
