/**
 * What a task's widget shows: Asana's entries (from the cache) with the user's not-yet-synced
 * changes from the outbox laid over them. A refused change is rolled back here (the entry shows
 * as Asana has it) and listed separately with Asana's reason.
 */
import type { Category, Entry } from './asana/schemas';
import type { OutboxOp } from './outbox';
import type { TaskCache } from './store';

export interface ViewEntry extends Entry {
  /** A change to it is waiting to sync. */
  pending: 'create' | 'update' | null;
  /** The waiting op, for undo/discard. */
  opId: string | null;
}

export interface TaskView {
  entries: ViewEntry[];
  totalMinutes: number;
  myMinutes: number;
  /** Changes waiting to sync for this task. */
  waiting: number;
  /** Changes Asana refused: shown with the reason, to fix or discard. */
  failed: OutboxOp[];
  /** Deletes still inside their undo window. */
  undoable: OutboxOp[];
  /** The last retry reason of a waiting change (e.g. "Could not reach Asana"). */
  waitingReason: string | null;
}

export interface ViewContext {
  me: { gid: string; name: string } | null;
  categories: Category[];
  projects: Array<{ gid: string; name?: string | null }>;
  now: number;
}

/** Builds the view for one task. Pure: same inputs, same view. */
export function buildTaskView(taskGid: string, cache: TaskCache | null, ops: OutboxOp[], ctx: ViewContext): TaskView {
  let entries: ViewEntry[] = (cache?.entries ?? []).map((e) => ({ ...e, pending: null, opId: null }));
  const failed: OutboxOp[] = [];
  const undoable: OutboxOp[] = [];
  let waiting = 0;
  let waitingReason: string | null = null;
  const failedTargets = new Set<string>();

  for (const op of ops) {
    if (op.taskGid !== taskGid || !op.kind.startsWith('entry.')) continue;
    if (op.state === 'failed' || failedTargets.has(op.targetGid)) {
      failed.push(op);
      failedTargets.add(op.targetGid);
      continue;
    }
    waiting++;
    if (op.error && !waitingReason) waitingReason = op.error.message;
    const data = op.data as Partial<Entry> & { categories?: string[]; attributable_to?: string };
    if (op.kind === 'entry.create') {
      entries.push({
        gid: op.targetGid,
        duration_minutes: Number(data.duration_minutes) || 0,
        entered_on: String(data.entered_on ?? ''),
        description: (data.description as string | undefined) ?? '',
        billable_status: (data.billable_status as string | undefined) ?? null,
        approval_status: 'DRAFT',
        created_by: ctx.me ? { gid: ctx.me.gid, name: ctx.me.name } : null,
        created_at: new Date(op.createdAt).toISOString(),
        categories: categoriesFor(data.categories, ctx.categories),
        attributable_to: projectFor(data.attributable_to, ctx.projects),
        task: null,
        pending: 'create',
        opId: op.id,
      });
    } else if (op.kind === 'entry.update') {
      entries = entries.map((e) => {
        if (e.gid !== op.targetGid) return e;
        const next: ViewEntry = { ...e, pending: e.pending ?? 'update', opId: op.id };
        if (data.duration_minutes !== undefined) next.duration_minutes = Number(data.duration_minutes);
        if (data.entered_on !== undefined) next.entered_on = String(data.entered_on);
        if (data.description !== undefined) next.description = String(data.description);
        if (data.billable_status !== undefined) next.billable_status = String(data.billable_status);
        if (data.categories !== undefined) next.categories = categoriesFor(data.categories, ctx.categories);
        if (data.attributable_to !== undefined) next.attributable_to = projectFor(data.attributable_to, ctx.projects);
        return next;
      });
    } else if (op.kind === 'entry.delete') {
      entries = entries.filter((e) => e.gid !== op.targetGid);
      if (op.notBefore > ctx.now) undoable.push(op);
    }
  }

  entries.sort((a, b) => b.entered_on.localeCompare(a.entered_on) || (b.created_at ?? '').localeCompare(a.created_at ?? '') || b.gid.localeCompare(a.gid));
  const totalMinutes = entries.reduce((s, e) => s + e.duration_minutes, 0);
  const myMinutes = ctx.me ? entries.filter((e) => e.created_by?.gid === ctx.me!.gid).reduce((s, e) => s + e.duration_minutes, 0) : 0;
  return { entries, totalMinutes, myMinutes, waiting, failed, undoable, waitingReason };
}

function categoriesFor(gids: string[] | undefined, known: Category[]): Category[] {
  return (gids ?? []).map((gid) => known.find((c) => c.gid === gid) ?? { gid, name: '', color: 'none' as const });
}

function projectFor(gid: string | undefined, projects: ViewContext['projects']) {
  if (!gid) return null;
  const p = projects.find((x) => x.gid === gid);
  return { gid, name: p?.name ?? null };
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

/** Why an entry cannot be changed by me, or null if I can change it. */
export function readOnlyReason(entry: Entry, meGid: string | null): string | null {
  if (meGid && entry.created_by && entry.created_by.gid !== meGid) return `Logged by ${entry.created_by.name ?? 'someone else'}: only they can change it.`;
  if (entry.approval_status === 'SUBMITTED') return 'Submitted for approval: it can no longer be changed.';
  if (entry.approval_status === 'APPROVED') return 'Approved: it can no longer be changed.';
  return null;
}
