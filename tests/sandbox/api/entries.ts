/**
 * Time tracking entries: the task list, the filtered list, create, get, update, delete.
 *
 * Choices where Asana's docs are silent (also in README):
 * - Lists are ordered by entered_on, then created_at, then gid, ascending.
 * - duration_minutes must be an integer 1..1440 (one day); strings are refused.
 * - attributable_to defaults to the task's project when it has exactly one, else null.
 * - Only the author may PUT/DELETE an entry, and not while it is SUBMITTED or APPROVED (403).
 *   The entry's own status decides: its week's transitions set it (see World).
 * - A new entry is DRAFT, whatever the status of its week (see README).
 * - Read-only fields in a write body (approval_status, created_by, task…) are ignored.
 * - `timesheet_approval_status` is the gid of a week record: the entries of that user's week in
 *   its workspace. It is enough on its own (no task/user/… filter needed).
 */
import { isValidDate } from '../dates.ts';
import { badRequest, forbidden, unknownObject } from '../errors.ts';
import { gidKey } from '../pagination.ts';
import { BILLABLE_STATUSES, type BillableStatus, type EntryRecord, type TaskRecord } from '../types.ts';
import { compareEntries } from '../world.ts';
import { requireTimesheet } from './timesheets.ts';
import {
  canSeeWorkspace, findUser, list, one, readData, requireTask, requireTimeTracking, requireWorkspace,
  type ApiContext, type ApiResult,
} from './context.ts';

export const MAX_DURATION_MINUTES = 24 * 60;

/** Keyset sort key matching compareEntries. */
export const entryKey = (e: EntryRecord) => `${e.entered_on}|${e.created_at}|${gidKey(e.gid)}`;

function entryList(ctx: ApiContext, entries: EntryRecord[], scopeParams: readonly string[]): ApiResult {
  entries.sort(compareEntries);
  return list(ctx, entries, entryKey, (e) => ctx.res.entry(e), scopeParams);
}

/** Validates the writable fields present in `data` against the task; returns the changes. */
function entryChanges(ctx: ApiContext, data: Record<string, unknown>, task: TaskRecord, existing?: EntryRecord): Partial<EntryRecord> {
  const out: Partial<EntryRecord> = {};
  if ('duration_minutes' in data) {
    const d = data.duration_minutes;
    if (typeof d !== 'number' || !Number.isInteger(d) || d <= 0) {
      throw badRequest('duration_minutes', `Must be a positive integer number of minutes, got ${JSON.stringify(d)}.`);
    }
    if (d > MAX_DURATION_MINUTES) throw badRequest('duration_minutes', `Must be at most ${MAX_DURATION_MINUTES} (24 hours), got ${d}.`);
    out.duration_minutes = d;
  } else if (!existing) {
    throw badRequest('duration_minutes', 'Missing input');
  }
  if ('entered_on' in data) {
    if (!isValidDate(data.entered_on)) {
      throw badRequest('entered_on', `Must be a date in YYYY-MM-DD format, got ${JSON.stringify(data.entered_on)}.`);
    }
    out.entered_on = data.entered_on;
  }
  if ('attributable_to' in data) {
    const a = data.attributable_to;
    if (a === null) out.attributable_to = null;
    else if (typeof a !== 'string') throw badRequest('attributable_to', `Must be a project gid, got ${JSON.stringify(a)}.`);
    else if (!task.projects.includes(a)) {
      throw badRequest('attributable_to', `Project ${a} is not one of the projects of task ${task.gid}.`);
    } else out.attributable_to = a;
  }
  if ('categories' in data) {
    const c = data.categories;
    if (c === null) out.categories = [];
    else if (!Array.isArray(c) || c.some((x) => typeof x !== 'string')) {
      throw badRequest('categories', 'Must be an array of time tracking category gids.');
    } else {
      if (c.length > 1) throw badRequest('categories', `At most 1 category can be assigned to a time tracking entry, got ${c.length}.`);
      for (const gid of c as string[]) {
        const cat = ctx.world.categories.get(gid);
        if (!cat) throw badRequest('categories', `Unknown time tracking category: ${gid}.`);
        if (cat.workspace !== task.workspace) {
          throw badRequest('categories', `Time tracking category ${gid} belongs to another workspace than the task.`);
        }
        // Archived categories stay on the entries that already had them, but cannot be newly assigned.
        if (cat.is_archived && !existing?.categories.includes(gid)) {
          throw badRequest('categories', `Time tracking category ${gid} is archived and cannot be assigned to entries.`);
        }
      }
      out.categories = [...(c as string[])];
    }
  }
  if ('billable_status' in data) {
    const b = data.billable_status;
    if (typeof b !== 'string' || !(BILLABLE_STATUSES as readonly string[]).includes(b)) {
      throw badRequest('billable_status', `Must be one of ${BILLABLE_STATUSES.join(', ')}, got ${JSON.stringify(b)}.`);
    }
    out.billable_status = b as BillableStatus;
  }
  if ('description' in data) {
    const d = data.description;
    if (d !== null && typeof d !== 'string') throw badRequest('description', `Must be a string, got ${JSON.stringify(d)}.`);
    out.description = d ?? '';
  }
  return out;
}

/** An entry the user can see (404 unknown or invisible task, 402 no time tracking). */
function requireEntry(ctx: ApiContext, gid: string): { entry: EntryRecord; task: TaskRecord } {
  const entry = ctx.world.entries.get(gid);
  const task = entry ? ctx.world.tasks.get(entry.task) : undefined;
  if (!entry || !task) throw unknownObject('time_tracking_entry', gid);
  if (!canSeeWorkspace(ctx.user, task.workspace)) throw forbidden('You do not have access to this time tracking entry.');
  requireTimeTracking(ctx, task.workspace);
  return { entry, task };
}

/** 403 unless the user may change the entry (author, and not locked by a timesheet approval). */
function requireEditable(ctx: ApiContext, entry: EntryRecord, verb: 'update' | 'delete'): void {
  if (entry.created_by !== ctx.user.gid) {
    throw forbidden(`You can only ${verb} time tracking entries that you created. This entry was created by another user.`);
  }
  if (entry.approval_status === 'SUBMITTED' || entry.approval_status === 'APPROVED') {
    throw forbidden(
      `This time tracking entry is in a ${entry.approval_status === 'SUBMITTED' ? 'submitted' : 'approved'} timesheet and can no longer be changed (approval_status: ${entry.approval_status}).`,
    );
  }
}

export function getTaskEntries(ctx: ApiContext): ApiResult {
  const task = requireTask(ctx, ctx.params.task_gid as string, 'task_gid');
  requireTimeTracking(ctx, task.workspace);
  return entryList(ctx, ctx.world.entriesOfTask(task.gid), []);
}

export function createEntry(ctx: ApiContext): ApiResult {
  const task = requireTask(ctx, ctx.params.task_gid as string, 'task_gid');
  requireTimeTracking(ctx, task.workspace);
  const changes = entryChanges(ctx, readData(ctx), task);
  const entry = ctx.world.addEntry({
    attributable_to: ctx.world.defaultAttribution(task.gid),
    entered_on: ctx.world.today(),
    ...changes,
    task: task.gid,
    created_by: ctx.user.gid,
    approval_status: 'DRAFT',
    created_at: new Date().toISOString(),
  });
  return one(ctx, ctx.res.entry(entry), 201, { Location: `${ctx.apiBase}/time_tracking_entries/${entry.gid}` });
}

export function getEntry(ctx: ApiContext): ApiResult {
  const { entry } = requireEntry(ctx, ctx.params.time_tracking_entry_gid as string);
  return one(ctx, ctx.res.entry(entry));
}

export function updateEntry(ctx: ApiContext): ApiResult {
  const { entry, task } = requireEntry(ctx, ctx.params.time_tracking_entry_gid as string);
  requireEditable(ctx, entry, 'update');
  Object.assign(entry, entryChanges(ctx, readData(ctx), task, entry));
  return one(ctx, ctx.res.entry(entry));
}

export function deleteEntry(ctx: ApiContext): ApiResult {
  const { entry } = requireEntry(ctx, ctx.params.time_tracking_entry_gid as string);
  requireEditable(ctx, entry, 'delete');
  ctx.world.entries.delete(entry.gid);
  return { status: 200, body: { data: {} } };
}

const FILTERS = ['task', 'attributable_to', 'portfolio', 'user', 'workspace', 'entered_on_start_date',
  'entered_on_end_date', 'timesheet_approval_status'] as const;

export function getEntries(ctx: ApiContext): ApiResult {
  const q = (name: (typeof FILTERS)[number]) => {
    const v = ctx.query.get(name);
    return v === null || v === '' ? null : v;
  };
  const [taskGid, projectGid, portfolioGid, userRef, workspaceGid] =
    [q('task'), q('attributable_to'), q('portfolio'), q('user'), q('workspace')];
  const start = q('entered_on_start_date');
  const end = q('entered_on_end_date');
  const status = q('timesheet_approval_status');

  if (!taskGid && !projectGid && !portfolioGid && !userRef && !workspaceGid && !status) {
    throw badRequest('task', 'Missing input. Filter by at least one of task, attributable_to, portfolio, user, workspace or timesheet_approval_status.');
  }
  for (const [name, value] of [['entered_on_start_date', start], ['entered_on_end_date', end]] as const) {
    if (value !== null && !isValidDate(value)) throw badRequest(name, `Must be a date in YYYY-MM-DD format, got ${JSON.stringify(value)}.`);
  }
  if (workspaceGid && !start && !end) {
    throw badRequest('entered_on_start_date',
      'At least one of entered_on_start_date or entered_on_end_date must be provided when filtering by workspace.');
  }

  const tests: Array<(e: EntryRecord, t: TaskRecord) => boolean> = [];
  if (taskGid) {
    const task = requireTask(ctx, taskGid);
    requireTimeTracking(ctx, task.workspace);
    tests.push((e) => e.task === taskGid);
  }
  if (projectGid) {
    const project = ctx.world.projects.get(projectGid);
    if (!project) throw unknownObject('attributable_to', projectGid);
    requireWorkspace(ctx, project.workspace, 'attributable_to');
    requireTimeTracking(ctx, project.workspace);
    tests.push((e) => e.attributable_to === projectGid);
  }
  if (portfolioGid) {
    const portfolio = ctx.world.portfolios.get(portfolioGid);
    if (!portfolio) throw unknownObject('portfolio', portfolioGid);
    requireWorkspace(ctx, portfolio.workspace, 'portfolio');
    requireTimeTracking(ctx, portfolio.workspace);
    // An entry counts for a portfolio when attributed to one of its projects, or, unattributed,
    // when its task is in one of them.
    const inPortfolio = new Set(portfolio.projects);
    tests.push((e, t) => (e.attributable_to !== null ? inPortfolio.has(e.attributable_to) : t.projects.some((p) => inPortfolio.has(p))));
  }
  if (userRef) {
    const user = findUser(ctx, userRef);
    if (!user) throw unknownObject('user', userRef);
    tests.push((e) => e.created_by === user.gid);
  }
  if (workspaceGid) {
    requireWorkspace(ctx, workspaceGid);
    requireTimeTracking(ctx, workspaceGid);
    tests.push((_e, t) => t.workspace === workspaceGid);
  }
  if (start) tests.push((e) => e.entered_on >= start);
  if (end) tests.push((e) => e.entered_on <= end);
  if (status) {
    const week = requireTimesheet(ctx, status);
    requireTimeTracking(ctx, week.workspace);
    tests.push((e, t) => e.created_by === week.user && t.workspace === week.workspace && e.entered_on >= week.start_date && e.entered_on <= week.end_date);
  }

  const entries: EntryRecord[] = [];
  for (const e of ctx.world.entries.values()) {
    const t = ctx.world.tasks.get(e.task);
    const ws = t ? ctx.world.workspaces.get(t.workspace) : undefined;
    if (!t || !ws || !ws.time_tracking || !canSeeWorkspace(ctx.user, t.workspace)) continue;
    if (tests.every((test) => test(e, t))) entries.push(e);
  }
  return entryList(ctx, entries, FILTERS);
}
