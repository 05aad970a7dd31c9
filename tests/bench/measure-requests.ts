/**
 * Figure (c): how many requests one widget open costs, counted by the sandbox, for tasks with
 * 0, 99, 100, 101, 250 and 5,000 entries. Cold: the task was never opened in this profile and
 * must cost ceil(N/100) list requests (at least 1). Revisit: at most 1 (the background check).
 */
import type { Page } from 'playwright-core';
import type { Sandbox } from '../sandbox/index.ts';
import type { BenchTask } from './bench-world.ts';
import { timeTaskOpen } from './page-timing.ts';
import { apiRequestsSince, countByRoute, waitForQuiet } from './sandbox-traffic.ts';

/** The list request, one per page of 100 entries. */
export const LIST_ROUTE = 'GET /tasks/{gid}/time_tracking_entries';

export interface OpenCount {
  requests: number;
  /** Requests by route, e.g. `{ "GET /tasks/{gid}/time_tracking_entries": 3 }`. */
  byRoute: Record<string, number>;
}

export interface RequestBudgetRow {
  entries: number;
  cold: OpenCount;
  revisit: OpenCount;
  /** ceil(N/100), at least 1. */
  coldBudget: number;
  revisitBudget: number;
  coldMet: boolean;
  revisitMet: boolean;
}

/** Opens a task and counts every API request the sandbox saw until the extension fell quiet. */
async function countOpen(sandbox: Sandbox, page: Page, task: BenchTask): Promise<OpenCount> {
  const mark = sandbox.stats.mark();
  await timeTaskOpen(page, { path: task.path, taskGid: task.gid, expectedTotal: task.total, timeoutMs: 60_000 });
  // Quiet for longer than usual: a late extra request is exactly what this figure must catch.
  await waitForQuiet(sandbox, 750, 60_000);
  const requests = apiRequestsSince(sandbox, mark);
  return { requests: requests.length, byRoute: countByRoute(requests) };
}

/**
 * For each task: a cold open, a step to `elsewhere` (an already cached task), then a revisit.
 * All API requests count, not only the task's own, so an unexpected call shows up.
 */
export async function measureRequestBudget(sandbox: Sandbox, page: Page, tasks: readonly BenchTask[], elsewhere: BenchTask): Promise<RequestBudgetRow[]> {
  const rows: RequestBudgetRow[] = [];
  for (const task of tasks) {
    const cold = await countOpen(sandbox, page, task);
    await countOpen(sandbox, page, elsewhere);
    const revisit = await countOpen(sandbox, page, task);
    const coldBudget = Math.max(1, Math.ceil(task.entries / 100));
    const coldMet = cold.requests === coldBudget && cold.byRoute[LIST_ROUTE] === coldBudget;
    rows.push({ entries: task.entries, cold, revisit, coldBudget, revisitBudget: 1, coldMet, revisitMet: revisit.requests <= 1 });
  }
  return rows;
}
