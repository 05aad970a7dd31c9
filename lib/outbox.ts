/**
 * The durable outbox: every write a user makes (entries and categories) is recorded in extension
 * storage BEFORE it is sent, and leaves the outbox only when Asana has accepted it or the user
 * discards it. Retries wait with backoff (honouring Retry-After) and survive the service worker
 * stopping and the browser restarting. A create whose outcome is unknown (the connection dropped
 * after sending) is never posted twice: Asana is checked first.
 *
 * Ops on the same target run strictly in order (create → update → delete of one entry); ops on
 * different targets do not block each other.
 */
import { t } from './i18n';
import { AsanaError } from './asana/errors';
import type { AsanaClient } from './asana/client';
import { addDays } from './dates';
import type { Category, Entry, TimesheetApprovalStatus } from './asana/schemas';
import type { Lock } from './lock';
import type { Write } from './storage/store';
import { BACKOFF_CAP_MS, coalesce, nextDue, nextWake, pickLandedCreate, retryDelay, sameShape } from './outbox-policy';

export { coalesce, nextDue, nextWake, pickLandedCreate, retryDelay, sameShape } from './outbox-policy';
import type { OutboxOp, OutboxState } from './storage/schemas';

export type { OutboxOp, OutboxState } from './storage/schemas';
export { emptyOutbox } from './storage/schemas';

/** The fields of an op that the one who queues it chooses; the rest is the outbox's bookkeeping. */
type Chosen<K extends OutboxOp['kind']> = Omit<Extract<OutboxOp, { kind: K }>, 'id' | 'createdAt' | 'targetGid' | 'state' | 'attempts' | 'nextAttemptAt' | 'notBefore' | 'sentAt' | 'uncertain' | 'error' | 'knownGids'>;
/** A new write, by kind, as a handler queues it. */
export type NewOp = {
  [K in OutboxOp['kind']]: Chosen<K> & {
    /** The entry or category it changes (absent for creates: a local id is made). */
    targetGid?: string;
    notBefore?: number;
    id?: string;
    /** Items written in the same atomic commit that records the op (e.g. clearing the timer). */
    extra?: Write[];
    /** A create: entries of the same shape that already exist (see `pickLandedCreate`). */
    knownGids?: string[];
  };
}[OutboxOp['kind']];

export type WriteResult<T> =
  | { opId: string; state: 'done'; result: T }
  | { opId: string; state: 'pending'; message: string }
  | { opId: string; state: 'failed'; message: string };

/** What Asana answered an op with: the entry, category or timesheet week it saved, or nothing (a delete). */
/** Where a refused new entry moves (outbox.retry): its new task, and the entries already there of its shape. */
export interface EntryMove {
  taskGid: string;
  taskName: string;
  workspaceGid: string | null;
  /** The new task's projects (an attribution to another is dropped). */
  projectGids: string[];
  knownGids: string[];
}
export type OpResult = Entry | Category | TimesheetApprovalStatus | null;
export type ExecResult = { ok: true; result: OpResult } | { ok: false; error: AsanaError };

export interface OutboxDeps {
  read(): Promise<OutboxState>;
  /** Writes the outbox together with `extra` items in one commit (atomic for guarded items). */
  write(state: OutboxState, extra?: Write[]): Promise<void>;
  client: AsanaClient;
  /** The background's storage lock; `applied` runs inside it. */
  lock: Lock;
  /** Whose ops may be sent now: the connected user (null when signed out or refused). */
  currentUserGid(): Promise<string | null>;
  /** Cache changes for an op Asana accepted, written before the op is removed. Runs inside the lock. */
  applied(op: OutboxOp, result: OpResult): Promise<Write[]>;
  /** Ask to be run again at `at` (ms since epoch); null when nothing waits. */
  wake(at: number | null): void;
  now?: () => number;
  random?: () => number;
  /** First retry delay (doubles each attempt, capped at 5 min). Default 2 s. */
  backoffBaseMs?: number;
  /** Called after every change, for badges and logs. */
  changed?(state: OutboxState): void;
  /**
   * After each new entry or category, look on Asana for a copy of it and delete it. For Firefox,
   * whose network layer sends a POST again by itself when the connection is reset before any
   * answer: the first copy may have landed too (tests/e2e-firefox/reliability.test.ts).
   */
  removeReplayedCreates?: boolean;
}

const BACKOFF_BASE_MS = 2_000;
/** Wake-up set while an op is on the wire, in case the worker dies with it (a spurious one is harmless). */
const SENDING_WATCHDOG_MS = 15_000;
/** How far before our first send a replayed copy may have been created (clock skew between us and Asana). */
const REPLAY_SKEW_MS = 60_000;
const MAX_CLAIMED = 500;
const MAX_RENAMED = 200;

export const localGid = (opId: string) => `local-${opId}`;
export const isLocalGid = (gid: string) => gid.startsWith('local-');

export function newOpId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type Outbox = ReturnType<typeof createOutbox>;

export function createOutbox(deps: OutboxDeps) {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const locked = deps.lock;
  const waiters = new Map<string, Array<(r: WriteResult<unknown>) => void>>();
  let draining: Promise<void> | null = null;
  let again = false;

  function settle(opId: string, result: WriteResult<unknown>) {
    const list = waiters.get(opId);
    if (!list) return;
    waiters.delete(opId);
    for (const resolve of list) resolve(result);
  }

  async function save(state: OutboxState, extra?: Write[]) {
    await deps.write(state, extra);
    deps.changed?.(state);
  }

  /**
   * Records a write and tries it at once. Resolves with the first outcome: done, failed (Asana
   * refused: the reason), or pending (it will be retried; or it waits for its undo window).
   */
  async function submit<T>(input: NewOp): Promise<WriteResult<T>> {
    const [result] = await submitAll<T>([input], input.extra);
    return result!;
  }

  /**
   * Records several writes in one commit, with `extra` (a timer's run split by day: its entries
   * and clearing the timer, so a stop is never half done), then tries each as {@link submit} does.
   */
  async function submitAll<T>(inputs: NewOp[], extra?: Write[]): Promise<Array<WriteResult<T>>> {
    const ops = inputs.map(build);
    const outcomes = await locked(async () => {
      const state = await deps.read();
      const merged = ops.map((op) => {
        // Sent with the local id of an entry that has since been created: aim at Asana's gid.
        op.targetGid = state.renamed?.[op.targetGid] ?? op.targetGid;
        return coalesce(state, op);
      });
      await save(state, extra);
      return merged;
    });
    return Promise.all(ops.map((op, i) => outcomeOf<T>(op, outcomes[i]!)));
  }

  function build(input: NewOp): OutboxOp {
    const id = input.id ?? newOpId();
    const { extra: _extra, knownGids, ...chosen } = input;
    return {
      ...chosen,
      ...(input.kind === 'entry.create' ? { knownGids: knownGids ?? [] } : {}),
      id,
      createdAt: now(),
      targetGid: input.targetGid ?? localGid(id),
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now(),
      notBefore: input.notBefore ?? 0,
      sentAt: null,
      uncertain: false,
      error: null,
    } as OutboxOp;
  }

  async function outcomeOf<T>(op: OutboxOp, outcome: ReturnType<typeof coalesce>): Promise<WriteResult<T>> {
    const { id } = op;
    if (outcome.kind === 'absorbed') {
      // Folded into a create that has not been sent yet, or it cancelled one: nothing to send.
      kick();
      return { opId: outcome.into ?? id, state: 'pending', message: t('outboxWaiting') } as WriteResult<T>;
    }
    if (outcome.kind === 'cancelled') {
      settle(outcome.cancelled, { opId: outcome.cancelled, state: 'failed', message: t('outboxDeletedFirst') });
      return { opId: id, state: 'done', result: null as T };
    }
    if (op.notBefore > now()) {
      deps.wake(op.notBefore);
      return { opId: id, state: 'pending', message: t('outboxUndoWindow') };
    }
    const result = new Promise<WriteResult<T>>((resolve) => {
      const list = waiters.get(id) ?? [];
      list.push(resolve as (r: WriteResult<unknown>) => void);
      waiters.set(id, list);
    });
    kick();
    return result;
  }

  /** Starts draining if it is not already running. */
  function kick(): Promise<void> {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      try {
        do {
          again = false;
          await drainOnce();
        } while (again);
        await settleWaiting();
      } finally {
        draining = null;
      }
    })();
    return draining;
  }

  /** Nothing more can be sent now: callers still waiting learn their write is queued (or why). */
  async function settleWaiting(): Promise<void> {
    if (waiters.size === 0) return;
    const [state, me] = await Promise.all([deps.read(), deps.currentUserGid()]);
    for (const id of [...waiters.keys()]) {
      const op = state.ops.find((o) => o.id === id);
      if (!op) continue;
      if (op.state === 'failed') settle(id, { opId: id, state: 'failed', message: op.error?.message ?? t('asanaRefusedIt') });
      else if (op.state === 'pending') {
        const why = op.user.gid !== me ? t('outboxOtherAccount') : (op.error?.message ?? t('outboxWaiting'));
        settle(id, { opId: id, state: 'pending', message: why });
      }
    }
  }

  async function drainOnce(): Promise<void> {
    for (;;) {
      const me = await deps.currentUserGid();
      const op = await locked(async () => {
        const state = await deps.read();
        const next = nextDue(state, me, now());
        if (!next) {
          deps.wake(nextWake(state, me));
          return null;
        }
        next.state = 'sending';
        next.sentAt ??= now();
        await save(state);
        // If the worker is stopped before the answer arrives, nothing else would wake it (the op is
        // no longer "pending", so no retry alarm exists): this one does, and recover() takes over.
        deps.wake(now() + SENDING_WATCHDOG_MS);
        return structuredClone(next);
      });
      if (!op) return;
      const outcome = await execute(op);
      await finish(op, outcome);
    }
  }

  async function execute(op: OutboxOp): Promise<ExecResult> {
    const { client } = deps;
    try {
      switch (op.kind) {
        case 'entry.create': {
          if (op.uncertain) {
            const found = await findLandedCreate(op);
            // (A stop between the answer and the clean-up leaves the op uncertain, with both copies on Asana.)
            if (found && deps.removeReplayedCreates) await removeReplayedEntries(op, found).catch(() => undefined);
            if (found) return { ok: true, result: found };
          }
          const created = await client.createEntry(op.taskGid, op.data);
          if (deps.removeReplayedCreates) await removeReplayedEntries(op, created).catch(() => undefined);
          return { ok: true, result: created };
        }
        case 'entry.update':
          return { ok: true, result: await client.updateEntry(op.targetGid, op.data) };
        case 'entry.delete':
          await client.deleteEntry(op.targetGid).catch(ignoreNotFound);
          return { ok: true, result: null };
        case 'category.create': {
          if (op.uncertain) {
            const found = await findLandedCategory(op);
            if (found) return { ok: true, result: found };
          }
          const before = deps.removeReplayedCreates ? await categoryGidsNamed(op).catch(() => null) : null;
          const created = await client.createCategory(op.workspaceGid, op.data);
          if (before) await removeReplayedCategories(op, created, before).catch(() => undefined);
          return { ok: true, result: created };
        }
        case 'category.update':
          return { ok: true, result: await client.updateCategory(op.targetGid, op.data) };
        case 'category.delete':
          await client.deleteCategory(op.targetGid).catch(ignoreNotFound);
          return { ok: true, result: null };
        case 'timesheet.transition':
          return { ok: true, result: await moveWeek(op) };
      }
    } catch (error) {
      return { ok: false, error: error instanceof AsanaError ? error : new AsanaError({ code: 'internal', message: String(error) }) };
    }
  }

  /** Looks on Asana for the entry an uncertain create may have made. */
  async function findLandedCreate(op: Extract<OutboxOp, { kind: 'entry.create' }>): Promise<Entry | null> {
    const data = op.data;
    const state = await deps.read();
    const candidates = await deps.client.listEntries({
      task: op.taskGid,
      user: op.user.gid,
      entered_on_start_date: data.entered_on,
      entered_on_end_date: data.entered_on,
    });
    return pickLandedCreate(op, candidates, state.claimed);
  }

  /**
   * Moves a timesheet week to `to`: finds Asana's record of the week (or, to submit a week that
   * has none yet, creates it), then changes its status. Safe to repeat: a retry after an answer
   * that was lost finds the week already there and sends nothing more.
   */
  async function moveWeek(op: Extract<OutboxOp, { kind: 'timesheet.transition' }>): Promise<TimesheetApprovalStatus> {
    const { user, start, to, message } = op.data;
    let week = isLocalGid(op.targetGid) ? await deps.client.findTimesheetWeek(op.workspaceGid, user, start) : await deps.client.getTimesheetApprovalStatus(op.targetGid);
    if (!week) {
      if (to !== 'submitted') throw new AsanaError({ code: 'not_found', message: t('errWeekNeverSubmitted') });
      week = await deps.client.createTimesheetApprovalStatus({ user, workspace: op.workspaceGid, start_date: start, end_date: addDays(start, 6) });
    }
    if (week.approval_status === to.toUpperCase()) return week;
    return deps.client.updateTimesheetApprovalStatus(week.gid, message ? { approval_status: to, message } : { approval_status: to });
  }

  /**
   * Deletes the copies of `created` that the browser's own re-send of the same POST left on Asana:
   * my entries of the same shape, made since this op was first sent, that no other op made (the
   * claimed list holds every entry the outbox created) and that were not there before. Not when
   * another create of the same entry is still queued: that one is no replay.
   */
  async function removeReplayedEntries(op: Extract<OutboxOp, { kind: 'entry.create' }>, created: Entry): Promise<void> {
    const data = op.data;
    const state = await deps.read();
    if (state.ops.some((o) => o.id !== op.id && o.user.gid === op.user.gid && o.kind === 'entry.create' && o.taskGid === op.taskGid && JSON.stringify(o.data) === JSON.stringify(op.data))) return;
    const candidates = await deps.client.listEntries({
      task: op.taskGid,
      user: op.user.gid,
      entered_on_start_date: data.entered_on,
      entered_on_end_date: data.entered_on,
    });
    const since = (op.sentAt ?? op.createdAt) - REPLAY_SKEW_MS;
    const excluded = new Set([...op.knownGids, ...state.claimed, created.gid]);
    for (const twin of candidates) {
      if (excluded.has(twin.gid) || !sameShape(twin, data, op.user.gid) || !twin.created_at || Date.parse(twin.created_at) < since) continue;
      // Through the outbox, so that a 429, a 5xx or a stop does not leave the copy there.
      void submit({ kind: 'entry.delete', user: op.user, taskGid: op.taskGid, taskName: op.taskName, workspaceGid: op.workspaceGid, targetGid: twin.gid }).catch(() => undefined);
    }
  }

  /** The workspace's categories (active and archived) with this op's name. */
  async function categoryGidsNamed(op: Extract<OutboxOp, { kind: 'category.create' }>): Promise<Set<string>> {
    const name = op.data.name;
    const [active, archived] = await Promise.all([deps.client.listCategories(op.workspaceGid, false), deps.client.listCategories(op.workspaceGid, true)]);
    return new Set([...active, ...archived].filter((c) => c.name === name).map((c) => c.gid));
  }

  /** As removeReplayedEntries, for a new category: a copy is one with its name that was not there before the POST. */
  async function removeReplayedCategories(op: Extract<OutboxOp, { kind: 'category.create' }>, created: Category, before: Set<string>): Promise<void> {
    const state = await deps.read();
    if (state.ops.some((o) => o.id !== op.id && o.user.gid === op.user.gid && o.kind === 'category.create' && o.workspaceGid === op.workspaceGid && o.data.name === op.data.name)) return;
    for (const gid of await categoryGidsNamed(op)) {
      if (gid === created.gid || before.has(gid) || state.claimed.includes(gid)) continue;
      void submit({ kind: 'category.delete', user: op.user, workspaceGid: op.workspaceGid, targetGid: gid }).catch(() => undefined);
    }
  }

  async function findLandedCategory(op: Extract<OutboxOp, { kind: 'category.create' }>): Promise<Category | null> {
    const name = op.data.name;
    const state = await deps.read();
    const [active, archived] = await Promise.all([deps.client.listCategories(op.workspaceGid, false), deps.client.listCategories(op.workspaceGid, true)]);
    return [...active, ...archived].find((c) => c.name === name && !state.claimed.includes(c.gid)) ?? null;
  }

  async function finish(op: OutboxOp, outcome: ExecResult): Promise<void> {
    if (outcome.ok) {
      await locked(async () => {
        const extra = await deps.applied(op, outcome.result);
        const state = await deps.read();
        state.ops = state.ops.filter((o) => o.id !== op.id);
        const realGid = outcome.result && 'gid' in outcome.result ? outcome.result.gid : null;
        if (realGid && isLocalGid(op.targetGid)) {
          for (const o of state.ops) if (o.targetGid === op.targetGid) o.targetGid = realGid;
          state.renamed = Object.fromEntries([...Object.entries(state.renamed ?? {}), [op.targetGid, realGid]].slice(-MAX_RENAMED));
          if (op.uncertain || deps.removeReplayedCreates) state.claimed = [...state.claimed, realGid].slice(-MAX_CLAIMED);
        }
        await save(state, extra);
      });
      settle(op.id, { opId: op.id, state: 'done', result: outcome.result });
      return;
    }
    const error = outcome.error;
    const result = await locked(async () => {
      const state = await deps.read();
      const stored = state.ops.find((o) => o.id === op.id);
      if (!stored) return null; // discarded while in flight
      stored.attempts++;
      stored.uncertain = stored.uncertain || error.outcomeUnknown;
      stored.error = { code: error.code, message: error.message };
      if (error.retryable || error.code === 'unauthorized' || error.code === 'not_connected') {
        stored.state = 'pending';
        const wait = error.code === 'unauthorized' || error.code === 'not_connected' ? BACKOFF_CAP_MS : Math.max(error.retryAfterMs ?? 0, backoff(stored.attempts));
        stored.nextAttemptAt = now() + wait;
        if (error.code === 'unauthorized' || error.code === 'not_connected') {
          stored.error = { code: error.code, message: t('outboxKeptReconnect', error.message) };
        }
      } else {
        stored.state = 'failed';
      }
      await save(state);
      return stored;
    });
    if (!result) return;
    settle(op.id, result.state === 'failed' ? { opId: op.id, state: 'failed', message: error.message } : { opId: op.id, state: 'pending', message: error.message });
  }

  const backoff = (attempts: number) => retryDelay(attempts, deps.backoffBaseMs ?? BACKOFF_BASE_MS, random());

  /** At start-up: an op left "sending" was cut off by a stop; its outcome is unknown. */
  async function recover(): Promise<void> {
    await locked(async () => {
      const state = await deps.read();
      let touched = false;
      for (const op of state.ops) {
        if (op.state === 'sending') {
          op.state = 'pending';
          op.uncertain = true;
          op.nextAttemptAt = now();
          touched = true;
        }
      }
      if (touched) await save(state);
    });
  }

  /** Removes an op (undo of a delete, or discarding a refused write) and everything waiting on it. */
  async function cancel(opId: string): Promise<boolean> {
    return locked(async () => {
      const state = await deps.read();
      const op = state.ops.find((o) => o.id === opId);
      if (!op || op.state === 'sending') return false;
      const dropTarget = op.kind.endsWith('.create') ? op.targetGid : null;
      state.ops = state.ops.filter((o) => o.id !== opId && (dropTarget === null || o.targetGid !== dropTarget));
      await save(state);
      settle(opId, { opId, state: 'failed', message: t('discarded') });
      return true;
    });
  }

  /**
   * Sends failed (or all of one user's waiting) ops again now, optionally with corrected data for
   * one, and optionally moving that one (a new entry) to another task (`moveTo`, checked by the
   * caller: the task exists and the person sees it).
   */
  async function retry(opId?: string, patch?: Record<string, unknown>, userGid?: string, moveTo?: EntryMove): Promise<number> {
    const n = await locked(async () => {
      const state = await deps.read();
      let count = 0;
      for (const op of state.ops) {
        if (opId !== undefined && op.id !== opId) continue;
        if (userGid !== undefined && op.user.gid !== userGid) continue;
        if (op.state === 'sending') continue;
        if (patch && op.id === opId && 'data' in op) (op as { data: object }).data = { ...op.data, ...patch };
        if (moveTo && op.id === opId && op.kind === 'entry.create') {
          op.taskGid = moveTo.taskGid;
          op.taskName = moveTo.taskName;
          op.workspaceGid = moveTo.workspaceGid;
          op.knownGids = moveTo.knownGids;
          // The project the time counted toward belongs to the old task: Asana refuses it on another.
          if (op.data.attributable_to && !moveTo.projectGids.includes(op.data.attributable_to)) delete op.data.attributable_to;
        }
        op.state = 'pending';
        op.nextAttemptAt = now();
        op.error = null;
        count++;
      }
      await save(state);
      return count;
    });
    kick();
    return n;
  }

  /**
   * A user connected again: their ops that waited for a sign-in go now (the wait was set to the
   * longest backoff while no accepted sign-in existed), keeping their attempt counts.
   */
  async function resume(userGid: string): Promise<void> {
    await locked(async () => {
      const state = await deps.read();
      let touched = false;
      for (const op of state.ops) {
        if (op.user.gid !== userGid || op.state !== 'pending') continue;
        if (op.nextAttemptAt > now()) {
          op.nextAttemptAt = now();
          touched = true;
        }
      }
      if (touched) await save(state);
    });
    await kick();
  }

  /** Discards every op of one user (signing out with "discard"). Returns how many. */
  async function discardUser(userGid: string): Promise<number> {
    return locked(async () => {
      const state = await deps.read();
      const gone = state.ops.filter((o) => o.user.gid === userGid && o.state !== 'sending');
      if (gone.length === 0) return 0;
      state.ops = state.ops.filter((o) => !gone.includes(o));
      await save(state);
      for (const op of gone) settle(op.id, { opId: op.id, state: 'failed', message: t('discarded') });
      return gone.length;
    });
  }

  return { submit, submitAll, kick, recover, cancel, retry, resume, discardUser, idle: () => draining ?? Promise.resolve() };
}

const ignoreNotFound = (error: unknown) => {
  // Deleting what is already gone is success.
  if (error instanceof AsanaError && error.code === 'not_found') return;
  throw error;
};

