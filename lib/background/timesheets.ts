/**
 * Timesheet weeks and project budgets, as the background keeps them for views (issue 17).
 *
 * A week is Asana's: one user's Monday to Sunday, with a status record once someone submits it.
 * When a week changes (submitted, recalled, approved, rejected), the entries of that week in
 * every cached task of the user looking take the new status at once, so the widget, the popup and
 * the timesheet lock or unlock them together.
 *
 * A budget is read once per project and kept: opening a task costs at most one request for it,
 * and a revisit none. A write attributed to the project marks it to be read again.
 */
import { t } from '../i18n';
import { AsanaError } from '../asana/errors';
import type { AsanaClient } from '../asana/client';
import type { Budget, Entry, TimesheetApprovalStatus } from '../asana/schemas';
import { addDays } from '../dates';
import type { Lock } from '../lock';
import type { OpResult } from '../outbox';
import { userItems } from '../storage/items';
import type { OutboxOp, WeekStatus } from '../storage/schemas';
import type { Store, Write } from '../storage/store';
import { weekKey } from '../weeks';
import type { TaskCacheStore } from './task-cache';

/** How long a budget read is shown without asking Asana again. */
export const BUDGET_FRESH_MS = 10 * 60_000;
/** How many weeks the view cache keeps (the newest). */
const MAX_WEEKS = 30;

/** The Monday of the ISO week of `date` (YYYY-MM-DD): Asana's approval weeks run Monday to Sunday. */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(date, day === 0 ? -6 : 1 - day);
}

/** The key of a week in the view cache (lib/weeks.ts, where views read it), and its outbox target (`local-week-<user>-<yyyymmdd>` until Asana's record is known). */
export { weekKey } from '../weeks';
export const weekTarget = (user: string, start: string) => `local-week-${user}-${start.replaceAll('-', '')}`;

/** Asana answers 402 when the workspace lacks the Timesheets & Budgets add-on: said in those words. */
function addonMissing(error: unknown): never {
  if (error instanceof AsanaError && error.code === 'payment_required') {
    throw new AsanaError({ code: 'payment_required', status: 402, asanaMessage: error.asanaMessage, message: t('errNoTimesheetsAddOn') });
  }
  throw error;
}

export function createTimesheets(deps: { client: AsanaClient; lock: Lock; store: Store; tasks: TaskCacheStore; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const { store, client } = deps;

  async function rememberWeek(viewer: string, week: WeekStatus): Promise<void> {
    const item = userItems(viewer).weeks;
    const all = { ...(await store.get(item)) };
    all[weekKey(week.user, week.start)] = week;
    const kept = Object.entries(all).sort(([, a], [, b]) => b.fetchedAt - a.fetchedAt).slice(0, MAX_WEEKS);
    await store.set(item, Object.fromEntries(kept));
  }

  /**
   * The viewer's cached task entries of `user`'s week of `start`, moved to `approval`: only the
   * caches where some entry differs are written (a write is sent to every open view).
   */
  async function entriesToStatus(viewer: string, user: string, start: string, approval: string): Promise<Write[]> {
    const end = addDays(start, 6);
    const inWeek = (e: Entry) => e.created_by?.gid === user && e.entered_on >= start && e.entered_on <= end && e.approval_status !== approval;
    return deps.tasks.changeAll(viewer, inWeek, (e) => ({ ...e, approval_status: approval }));
  }

  /**
   * One user's week as Asana has it (null record: never submitted), read afresh and kept for
   * views. Someone else may have moved it (a reviewer's approval or rejection): the viewer's
   * cached entries of that week follow, so that every view locks or unlocks them as Asana has it.
   */
  async function week(viewer: string, workspaceGid: string, user: string, start: string): Promise<WeekStatus> {
    const status = await client.findTimesheetWeek(workspaceGid, user, start).catch(addonMissing);
    const found: WeekStatus = { user, start, status, fetchedAt: now() };
    await deps.lock(async () => {
      await rememberWeek(viewer, found);
      if (status) await store.commit(await entriesToStatus(viewer, user, start, status.approval_status));
    });
    return found;
  }

  /** The submitted weeks of a workspace's people that this user may see (Asana decides whom), for review. */
  async function reviewable(viewer: string, workspaceGid: string, start: string): Promise<TimesheetApprovalStatus[]> {
    const weeks = await client.listTimesheetApprovalStatuses({ workspace: workspaceGid, from_date: start, to_date: addDays(start, 6), approval_statuses: ['submitted'] }).catch(addonMissing);
    return weeks.filter((w) => w.start_date === start && w.user?.gid !== viewer);
  }

  /** Budget reads under way, by user and project: views asking at the same time share one request. */
  const reading = new Map<string, Promise<Budget | null>>();

  /** A project's budget: from this user's cache while fresh, else one request (a refusal is kept as none too). */
  function budget(viewer: string, projectGid: string): Promise<Budget | null> {
    const key = `${viewer}/${projectGid}`;
    const running = reading.get(key);
    if (running) return running;
    const job = readBudget(viewer, projectGid).finally(() => reading.delete(key));
    reading.set(key, job);
    return job;
  }

  async function readBudget(viewer: string, projectGid: string): Promise<Budget | null> {
    const item = userItems(viewer).budget(projectGid);
    const cached = await store.get(item);
    if (cached && now() - cached.fetchedAt < BUDGET_FRESH_MS) return cached.budget;
    let fresh: Budget | null;
    try {
      fresh = await client.getProjectBudget(projectGid);
    } catch (error) {
      // Asana will not show this budget (no add-on, no access, no such project): kept as none, as
      // for a project without one, so that the views do not ask again on every task opened.
      if (error instanceof AsanaError && (error.code === 'payment_required' || error.code === 'forbidden' || error.code === 'not_found')) {
        await store.set(item, { projectGid, budget: null, fetchedAt: now() });
      }
      return addonMissing(error);
    }
    await store.set(item, { projectGid, budget: fresh, fetchedAt: now() });
    return fresh;
  }

  /**
   * Cache changes for an op Asana accepted: a week's new status on the entries of that week in
   * the op's user's task caches, and the week in their view cache; a budget to read again after
   * an entry is written to its project. Runs inside the lock.
   */
  async function applied(op: OutboxOp, result: OpResult): Promise<Write[]> {
    const viewer = op.user.gid;
    const mine = userItems(viewer);
    if (op.kind === 'timesheet.transition') {
      const status = result as TimesheetApprovalStatus;
      const { user, start } = op.data;
      const writes = await entriesToStatus(viewer, user, start, status.approval_status);
      const weeks = { ...(await store.get(mine.weeks)), [weekKey(user, start)]: { user, start, status, fetchedAt: now() } };
      writes.push([mine.weeks, weeks]);
      return writes;
    }
    if (op.kind === 'entry.create' || op.kind === 'entry.update' || op.kind === 'entry.delete') {
      // The budget's `actual` has changed for the project the time counts toward (the task's own
      // when it is in one): the next view reads those budgets again (one request each).
      const projects = new Set<string>();
      const saved = result as Entry | null;
      if (saved?.attributable_to?.gid) projects.add(saved.attributable_to.gid);
      if ('data' in op && op.data.attributable_to) projects.add(op.data.attributable_to);
      const cache = await store.get(mine.task(op.taskGid));
      for (const p of cache?.info?.projects ?? []) projects.add(p.gid);
      const before = await deps.tasks.entry(viewer, op.taskGid, op.targetGid);
      if (before?.attributable_to?.gid) projects.add(before.attributable_to.gid);
      const writes: Write[] = [];
      for (const p of projects) if (await store.get(mine.budget(p))) writes.push([mine.budget(p), null]);
      return writes;
    }
    return [];
  }

  return { week, reviewable, budget, applied };
}
