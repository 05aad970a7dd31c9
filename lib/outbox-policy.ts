/**
 * The outbox's queue policy, as pure functions (lib/outbox.ts runs them): folding a new write into
 * one not yet sent, which op goes next and when, how long a retry waits, and which of Asana's
 * entries an uncertain create made. Unit- and mutation-tested where they live.
 */
import type { CreateEntryInput } from './asana/client';
import type { Entry } from './asana/schemas';
import type { OutboxOp, OutboxState } from './storage/schemas';

/** The longest a write waits between tries. */
export const BACKOFF_CAP_MS = 5 * 60_000;
/** How far before our first send an entry found on Asana may have been created (clock skew). */
export const CREATE_MATCH_SKEW_MS = 5 * 60_000;

/**
 * How long a write waits after its `attempts`-th failure: the base doubling each time (2 s, 4 s,
 * 8 s…), capped at 5 minutes, with ±20% jitter (`random` in [0, 1)) so that many waiting writes
 * do not all retry at once.
 */
export function retryDelay(attempts: number, baseMs: number, random: number): number {
  const base = Math.min(BACKOFF_CAP_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random));
}

/** Does Asana's entry carry exactly what the create asked for? */
export function sameShape(entry: Entry, data: CreateEntryInput, userGid: string): boolean {
  if (entry.created_by && entry.created_by.gid !== userGid) return false;
  if (entry.duration_minutes !== data.duration_minutes) return false;
  if (data.entered_on && entry.entered_on !== data.entered_on) return false;
  if ((entry.description ?? '') !== (data.description ?? '') && entry.description !== undefined) return false;
  const cats = (entry.categories ?? []).map((c) => c.gid).sort().join(',');
  if (cats !== [...(data.categories ?? [])].sort().join(',')) return false;
  if (data.attributable_to && entry.attributable_to && entry.attributable_to.gid !== data.attributable_to) return false;
  if (data.billable_status && entry.billable_status && entry.billable_status !== data.billable_status) return false;
  return true;
}

/**
 * Which of Asana's entries is the one an uncertain create made, if any: the oldest entry of the
 * same shape, by the same user, created no earlier than (our first send − clock skew), that is
 * neither known from before the send (`knownGids`: an identical entry that already existed is
 * not ours) nor already claimed by another uncertain create. Pure.
 */
export function pickLandedCreate(op: Pick<Extract<OutboxOp, { kind: 'entry.create' }>, 'data' | 'user' | 'sentAt' | 'createdAt' | 'knownGids'>, candidates: readonly Entry[], claimed: readonly string[]): Entry | null {
  const since = (op.sentAt ?? op.createdAt) - CREATE_MATCH_SKEW_MS;
  const excluded = new Set([...op.knownGids, ...claimed]);
  const match = candidates
    .filter((e) => !excluded.has(e.gid) && sameShape(e, op.data, op.user.gid) && (!e.created_at || Date.parse(e.created_at) >= since))
    .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.gid.localeCompare(b.gid))[0];
  return match ?? null;
}

/** The first due op of each chain; null when none is due (or all wait on another user). */
export function nextDue(state: OutboxState, me: string | null, at: number): OutboxOp | null {
  const blocked = new Set<string>();
  for (const op of state.ops) {
    const chainKey = op.targetGid;
    if (blocked.has(chainKey)) continue;
    blocked.add(chainKey);
    if (op.user.gid !== me) continue;
    if (op.state !== 'pending') continue;
    if (op.nextAttemptAt <= at && op.notBefore <= at) return op;
  }
  return null;
}

/** When the next of `me`'s ops falls due (ms), or null when none of them waits. */
export function nextWake(state: OutboxState, me: string | null): number | null {
  let at: number | null = null;
  const seen = new Set<string>();
  for (const op of state.ops) {
    if (seen.has(op.targetGid)) continue;
    seen.add(op.targetGid);
    if (op.user.gid !== me || op.state !== 'pending') continue;
    const due = Math.max(op.nextAttemptAt, op.notBefore);
    at = at === null ? due : Math.min(at, due);
  }
  return at;
}

/**
 * Folds a new op into the queue. An update to something not yet sent merges into it; a delete of
 * an entry not yet sent cancels its create. Returns what happened.
 */
export function coalesce(state: OutboxState, op: OutboxOp): { kind: 'queued' } | { kind: 'absorbed'; into: string | null } | { kind: 'cancelled'; cancelled: string } {
  const sameTarget = state.ops.filter((o) => o.targetGid === op.targetGid);
  const last = sameTarget[sameTarget.length - 1];
  const untouched = (o: OutboxOp | undefined): o is OutboxOp => o !== undefined && o.state === 'pending' && !o.uncertain && o.sentAt === null;
  const isUpdate = op.kind.endsWith('.update');
  const isDelete = op.kind.endsWith('.delete');
  if (isUpdate && 'data' in op && untouched(last) && (last.kind.endsWith('.create') || last.kind.endsWith('.update')) && 'data' in last) {
    (last as { data: object }).data = { ...last.data, ...op.data };
    return { kind: 'absorbed', into: last.id };
  }
  if (isDelete && untouched(last) && last.kind.endsWith('.create') && sameTarget.length === 1) {
    state.ops = state.ops.filter((o) => o.id !== last.id);
    return { kind: 'cancelled', cancelled: last.id };
  }
  if (isDelete && untouched(last) && last.kind.endsWith('.update')) {
    state.ops = state.ops.filter((o) => o.id !== last.id);
  }
  state.ops.push(op);
  return { kind: 'queued' };
}

/**
 * Asana's entries (of task `taskGid`, or of any task when null) less the copies of `userGid`'s
 * creates that were sent but not yet answered: on the wire, or answered too late or lost, which
 * the outbox will look into on its next try (`pickLandedCreate`). Every view lays the waiting
 * create over the cache, so a cache holding its copy too showed the entry twice and counted it
 * twice. The copy comes back with the outbox's answer (the cache's `applied`). Taken once each;
 * entries the outbox has created or claimed (`renamed`, `claimed`) are never a copy. Pure.
 */
export function withoutUnansweredCopies(entries: readonly Entry[], state: OutboxState, userGid: string, taskGid: string | null): Entry[] {
  const taken = [...Object.values(state.renamed), ...state.claimed];
  const copies = new Set<string>();
  for (const op of state.ops) {
    if (op.kind !== 'entry.create' || op.user.gid !== userGid || op.state === 'failed' || !op.sentAt) continue;
    if (taskGid !== null && op.taskGid !== taskGid) continue;
    const copy = pickLandedCreate(op, entries.filter((e) => !copies.has(e.gid) && (!e.task || e.task.gid === op.taskGid)), taken);
    if (copy) copies.add(copy.gid);
  }
  return copies.size ? entries.filter((e) => !copies.has(e.gid)) : [...entries];
}
