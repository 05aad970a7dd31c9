/**
 * Changes waiting in the outbox, laid over Asana's data, and the one rule for what may be edited.
 * The widget, the popup, the timesheet, the categories manager and the background all call these,
 * so a waiting change looks the same everywhere and a refusal is decided once.
 *
 * Only the signed-in user's own ops are laid over anything: another account's waiting writes are
 * never shown as, counted for, or editable by this one (they are only counted, by owner, so the
 * options page can say they wait for that account).
 */
import { t } from './i18n';
import type { Category, Entry, Named } from './asana/schemas';
import { addDays } from './dates';
import type { CategoryOp, EntryOp, Owner, OutboxOp, TaskCache } from './storage/schemas';

export interface ViewEntry extends Entry {
  /** A change to it is waiting to sync. */
  pending: 'create' | 'update' | null;
  /** The waiting op, for undo/discard. */
  opId: string | null;
}

export interface PendingContext {
  /** The signed-in user; null when signed out (then nothing is laid over). */
  me: Owner | null;
  /** Known categories and projects, to show a waiting change's names. */
  categories: Category[];
  projects: Array<{ gid: string; name?: string | null }>;
  now: number;
}

/** What waits, in numbers and words: the count, the latest retry reason, the refused ops. */
export interface PendingSummary {
  waiting: number;
  waitingReason: string | null;
  /** Changes Asana refused: shown with the reason, to fix or discard. */
  failed: OutboxOp[];
}

export interface TaskView extends PendingSummary {
  /** The entries at hand (the summary's newest, and pages read beyond them), with my waiting changes. */
  entries: ViewEntry[];
  /** The same entries as Asana has them (each once), without my waiting changes. */
  known: Entry[];
  /** Every entry of the task, with my waiting changes (more than `entries` holds when the task is large). */
  count: number;
  totalMinutes: number;
  myMinutes: number;
  /** Deletes still inside their undo window. */
  undoable: OutboxOp[];
}

/** The ops that belong to `me` (none when signed out). */
export const ownOps = <T extends OutboxOp>(ops: readonly T[], me: Owner | null): T[] => (me ? ops.filter((o) => o.user.gid === me.gid) : []);

const isEntryOp = (op: OutboxOp): op is EntryOp => op.kind.startsWith('entry.');
const isCategoryOp = (op: OutboxOp): op is CategoryOp => op.kind.startsWith('category.');

/**
 * My waiting and refused ops among `ops` that `include` selects. An op queued behind a refused
 * one on the same target counts as refused: it cannot go until the first is fixed or discarded.
 */
export function summarize(ops: readonly OutboxOp[], me: Owner | null, include: (op: OutboxOp) => boolean = () => true): PendingSummary {
  const failed: OutboxOp[] = [];
  const failedTargets = new Set<string>();
  let waiting = 0;
  let waitingReason: string | null = null;
  for (const op of ownOps(ops, me)) {
    if (!include(op)) continue;
    if (op.state === 'failed' || failedTargets.has(op.targetGid)) {
      failed.push(op);
      failedTargets.add(op.targetGid);
      continue;
    }
    waiting++;
    if (op.error && !waitingReason) waitingReason = op.error.message;
  }
  return { waiting, waitingReason, failed };
}

/**
 * Entries with my waiting changes laid over them: creates added, updates applied, deletes
 * removed. Refused changes are rolled back (the entry shows as Asana has it). `include` picks the
 * ops that concern these entries (one task's; one week's).
 */
export function overlayEntries(entries: readonly Entry[], ops: readonly OutboxOp[], ctx: PendingContext, include: (op: EntryOp) => boolean): { entries: ViewEntry[]; undoable: OutboxOp[] } {
  let out: ViewEntry[] = entries.map((e) => ({ ...e, pending: null, opId: null }));
  const undoable: OutboxOp[] = [];
  const failedTargets = new Set<string>();
  for (const op of ownOps(ops, ctx.me)) {
    if (!isEntryOp(op) || !include(op)) continue;
    if (op.state === 'failed' || failedTargets.has(op.targetGid)) {
      failedTargets.add(op.targetGid);
      continue;
    }
    if (op.kind === 'entry.create') {
      const data = op.data;
      out.push({
        gid: op.targetGid,
        duration_minutes: data.duration_minutes,
        entered_on: data.entered_on,
        description: data.description ?? '',
        billable_status: data.billable_status ?? null,
        approval_status: 'DRAFT',
        created_by: ctx.me ? { gid: ctx.me.gid, name: ctx.me.name } : null,
        created_at: new Date(op.createdAt).toISOString(),
        categories: categoriesFor(data.categories, ctx.categories),
        attributable_to: projectFor(data.attributable_to, ctx.projects),
        task: { gid: op.taskGid, name: op.taskName },
        pending: 'create',
        opId: op.id,
      });
    } else if (op.kind === 'entry.update') {
      const data = op.data;
      out = out.map((e) => {
        if (e.gid !== op.targetGid) return e;
        const next: ViewEntry = { ...e, pending: e.pending ?? 'update', opId: op.id };
        if (data.duration_minutes !== undefined) next.duration_minutes = data.duration_minutes;
        if (data.entered_on !== undefined) next.entered_on = data.entered_on;
        if (data.description !== undefined) next.description = data.description;
        if (data.billable_status !== undefined) next.billable_status = data.billable_status;
        if (data.categories !== undefined) next.categories = categoriesFor(data.categories, ctx.categories);
        if (data.attributable_to !== undefined) next.attributable_to = projectFor(data.attributable_to, ctx.projects);
        return next;
      });
    } else {
      out = out.filter((e) => e.gid !== op.targetGid);
      if (op.notBefore > ctx.now) undoable.push(op);
    }
  }
  // A week submitted, recalled, approved or rejected and still on its way to Asana: its entries
  // already show (and are locked or unlocked by) the status they are about to have.
  for (const op of ownOps(ops, ctx.me)) {
    if (op.kind !== 'timesheet.transition' || op.state === 'failed') continue;
    const { user, start, to } = op.data;
    const end = addDays(start, 6);
    out = out.map((e) => (e.created_by?.gid === user && e.entered_on >= start && e.entered_on <= end ? { ...e, approval_status: to.toUpperCase() } : e));
  }
  return { entries: out, undoable };
}

/** Newest first: date, then when logged, then gid. */
export const byNewest = (a: Entry, b: Entry) => b.entered_on.localeCompare(a.entered_on) || (b.created_at ?? '').localeCompare(a.created_at ?? '') || b.gid.localeCompare(a.gid);

/**
 * What a task's widget shows: its summary's figures and entries (with `more`, entries read beyond
 * the summary's head, newest first), with my waiting changes laid over them. Totals are the
 * summary's, moved by each waiting change: a new entry adds its minutes, a change of minutes the
 * difference, a delete takes the entry's minutes away (known from the entries at hand, else from
 * the op, which notes them when it is made). Pure.
 */
export function buildTaskView(taskGid: string, cache: TaskCache | null, ops: readonly OutboxOp[], ctx: PendingContext, more: readonly Entry[] = []): TaskView {
  const forTask = (op: OutboxOp) => isEntryOp(op) && op.taskGid === taskGid;
  // The older entries read beyond the summary (`more`) were read against an earlier summary: until
  // they are read again, one a delete brought up into the head is in both. It is one entry.
  const head = cache?.head ?? [];
  const known = [...head, ...more.filter((e) => !head.some((h) => h.gid === e.gid))];
  const { entries, undoable } = overlayEntries(known, ops, ctx, forTask);
  entries.sort(byNewest);
  const summary = summarize(ops, ctx.me, forTask);
  const moved = waitingChanges(known, summary.failed, ownOps(ops, ctx.me).filter(forTask) as EntryOp[]);
  const mine = ctx.me ? (cache?.authors[ctx.me.gid]?.minutes ?? 0) + moved.minutes : 0;
  return { entries, known, count: (cache?.count ?? 0) + moved.count, totalMinutes: (cache?.totalMinutes ?? 0) + moved.minutes, myMinutes: mine, undoable, ...summary };
}

/**
 * How my waiting entry changes move a task's count and minutes: the refused ones (and what waits
 * behind them) roll back, so they move nothing.
 */
function waitingChanges(known: readonly Entry[], failed: readonly OutboxOp[], ops: readonly EntryOp[]): { count: number; minutes: number } {
  const refused = new Set(failed.map((o) => o.id));
  const minutesOf = new Map(known.map((e) => [e.gid, e.duration_minutes]));
  let count = 0;
  let minutes = 0;
  for (const op of ops) {
    if (refused.has(op.id)) continue;
    if (op.kind === 'entry.create') {
      count++;
      minutes += op.data.duration_minutes;
      minutesOf.set(op.targetGid, op.data.duration_minutes);
      continue;
    }
    const base = minutesOf.get(op.targetGid) ?? op.baseMinutes;
    if (op.kind === 'entry.update') {
      const next = op.data.duration_minutes;
      if (next !== undefined && base !== undefined) {
        minutes += next - base;
        minutesOf.set(op.targetGid, next);
      }
    } else {
      count--;
      minutes -= base ?? 0;
      minutesOf.delete(op.targetGid);
    }
  }
  return { count, minutes };
}

/**
 * A workspace's categories with my waiting category changes laid over them: new ones added,
 * renames/recolours applied, archived ones moved, deleted ones gone. Refused ones roll back.
 */
export function overlayCategories(active: readonly Category[], archived: readonly Category[], ops: readonly OutboxOp[], me: Owner | null, workspaceGid: string) {
  let act: Array<Category & { pending: boolean }> = active.map((c) => ({ ...c, pending: false }));
  let arch: Array<Category & { pending: boolean }> = archived.map((c) => ({ ...c, pending: false }));
  const failedTargets = new Set<string>();
  for (const op of ownOps(ops, me)) {
    if (!isCategoryOp(op) || op.workspaceGid !== workspaceGid) continue;
    if (op.state === 'failed' || failedTargets.has(op.targetGid)) {
      failedTargets.add(op.targetGid);
      continue;
    }
    if (op.kind === 'category.create') act.push({ gid: op.targetGid, name: op.data.name, color: op.data.color, is_archived: false, pending: true });
    else if (op.kind === 'category.delete') {
      act = act.filter((c) => c.gid !== op.targetGid);
      arch = arch.filter((c) => c.gid !== op.targetGid);
    } else {
      const patch = op.data;
      const found = [...act, ...arch].find((c) => c.gid === op.targetGid);
      if (!found) continue;
      const next = { ...found, ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.color !== undefined ? { color: patch.color } : {}), is_archived: patch.is_archived ?? found.is_archived, pending: true };
      act = act.filter((c) => c.gid !== op.targetGid);
      arch = arch.filter((c) => c.gid !== op.targetGid);
      (next.is_archived ? arch : act).push(next);
    }
  }
  return { active: act, archived: arch, ...summarize(ops, me, (op) => isCategoryOp(op) && op.workspaceGid === workspaceGid) };
}

/** Other accounts' waiting writes on this browser, by owner: "2 changes by Morgan are waiting for that account". */
export function othersWaiting(ops: readonly OutboxOp[], me: Owner | null): Array<{ user: Owner; count: number }> {
  const byUser = new Map<string, { user: Owner; count: number }>();
  for (const op of ops) {
    if (me && op.user.gid === me.gid) continue;
    const found = byUser.get(op.user.gid) ?? { user: op.user, count: 0 };
    found.count++;
    byUser.set(op.user.gid, found);
  }
  return [...byUser.values()];
}

/** True when the entry sits on a submitted or approved timesheet, which Asana no longer lets anyone change. */
export const isLocked = (entry: Pick<Entry, 'approval_status'>): boolean => entry.approval_status === 'SUBMITTED' || entry.approval_status === 'APPROVED';

/**
 * THE rule for what may be edited: why `entry` cannot be changed by `meGid`, or null if it can.
 * Asana lets only an entry's author change it, and nobody once its week is submitted or approved.
 */
export function readOnlyReason(entry: Pick<Entry, 'created_by' | 'approval_status'>, meGid: string | null): string | null {
  if (meGid && entry.created_by && entry.created_by.gid !== meGid) return entry.created_by.name ? t('lockedOther', entry.created_by.name) : t('lockedSomeone');
  return entry.approval_status === 'SUBMITTED' || entry.approval_status === 'APPROVED' ? t(`locked_${entry.approval_status}`) : null;
}

/** Entries grouped by date, newest first. */
export function groupByDate<T extends { entered_on: string; duration_minutes: number }>(entries: T[]): Array<{ date: string; minutes: number; entries: T[] }> {
  const groups = new Map<string, T[]>();
  for (const e of entries) {
    const list = groups.get(e.entered_on) ?? [];
    list.push(e);
    groups.set(e.entered_on, list);
  }
  return [...groups.entries()]
    .sort((a, b) => b[0].localeCompare(a[0]))
    .map(([date, list]) => ({ date, minutes: list.reduce((s, e) => s + e.duration_minutes, 0), entries: list }));
}

function categoriesFor(gids: string[] | undefined, known: Category[]): Category[] {
  return (gids ?? []).map((gid) => known.find((c) => c.gid === gid) ?? { gid, name: '', color: 'none' as const });
}

function projectFor(gid: string | undefined, projects: PendingContext['projects']): Named | null {
  if (!gid) return null;
  const p = projects.find((x) => x.gid === gid);
  return { gid, name: p?.name ?? null };
}
