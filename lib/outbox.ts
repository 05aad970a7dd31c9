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
import { AsanaError } from './asana/errors';
import type { AsanaClient, CreateEntryInput } from './asana/client';
import type { Category, Entry } from './asana/schemas';
import type { Lock } from './lock';

export type OpKind = 'entry.create' | 'entry.update' | 'entry.delete' | 'category.create' | 'category.update' | 'category.delete';

export interface OutboxOp {
  id: string;
  kind: OpKind;
  /** The user who made it. Ops wait while someone else is connected. */
  userGid: string;
  createdAt: number;
  /** Entry ops: the task. */
  taskGid: string | null;
  taskName: string | null;
  /** Category ops: the workspace. */
  workspaceGid: string | null;
  /** The entry or category: Asana's gid, or `local-<op id>` for one still waiting to be created. */
  targetGid: string;
  /** The request body (`data`), as it will be sent. */
  data: Record<string, unknown>;
  state: 'pending' | 'sending' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  /** Not before this time (ms): the undo window of a delete. */
  notBefore: number;
  /** When it was first sent (ms): a create that may have landed is looked for from then on. */
  sentAt: number | null;
  /** A send may have been applied without our knowing (dropped connection, 5xx, unreadable answer). */
  uncertain: boolean;
  /** Entries of the same shape that existed when the create was first sent: not ours. */
  knownGids: string[];
  /** The last failure: Asana's reason when `failed`, the retry reason when `pending`. */
  error: { code: string; message: string } | null;
}

export interface OutboxState {
  ops: OutboxOp[];
  /** Entries found by checking after an uncertain create, so two identical creates never claim the same one. */
  claimed: string[];
  /**
   * Local ids of creates Asana accepted → Asana's gids (the most recent). A view can still hold the
   * local id for a moment: a change or delete sent with it must reach the entry Asana created.
   */
  renamed?: Record<string, string>;
}

export type WriteResult<T> =
  | { opId: string; state: 'done'; result: T }
  | { opId: string; state: 'pending'; message: string }
  | { opId: string; state: 'failed'; message: string };

export type ExecResult = { ok: true; result: Entry | Category | null } | { ok: false; error: AsanaError };

export interface OutboxDeps {
  read(): Promise<OutboxState>;
  /** Writes the outbox together with `extra` storage keys in one atomic `storage.local.set`. */
  write(state: OutboxState, extra?: Record<string, unknown>): Promise<void>;
  client: AsanaClient;
  /** The background's storage lock; `applied` runs inside it. */
  lock: Lock;
  currentUserGid(): Promise<string | null>;
  /** Cache changes for an op Asana accepted: storage keys to write with the op's removal. Runs inside the lock. */
  applied(op: OutboxOp, result: Entry | Category | null): Promise<Record<string, unknown>>;
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
const BACKOFF_CAP_MS = 5 * 60_000;
/** Wake-up set while an op is on the wire, in case the worker dies with it (a spurious one is harmless). */
const SENDING_WATCHDOG_MS = 15_000;
/** How far before our first send an entry found on Asana may have been created (clock skew). */
const CREATE_MATCH_SKEW_MS = 5 * 60_000;
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

/** An empty outbox. */
export const emptyOutbox = (): OutboxState => ({ ops: [], claimed: [], renamed: {} });

/** What the user sees while ops wait: counts by state. */
export function outboxSummary(state: OutboxState, taskGid?: string) {
  const ops = taskGid ? state.ops.filter((o) => o.taskGid === taskGid) : state.ops;
  return {
    waiting: ops.filter((o) => o.state !== 'failed').length,
    failed: ops.filter((o) => o.state === 'failed').length,
  };
}

type NewOp = Pick<OutboxOp, 'kind' | 'userGid' | 'taskGid' | 'taskName' | 'workspaceGid' | 'data'> & {
  targetGid?: string;
  notBefore?: number;
  id?: string;
  knownGids?: string[];
  /** Storage keys written in the same atomic write that records the op (e.g. clearing the timer). */
  extra?: Record<string, unknown>;
};

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

  async function save(state: OutboxState, extra?: Record<string, unknown>) {
    await deps.write(state, extra);
    deps.changed?.(state);
  }

  /**
   * Records a write and tries it at once. Resolves with the first outcome: done, failed (Asana
   * refused: the reason), or pending (it will be retried; or it waits for its undo window).
   */
  async function submit<T>(input: NewOp): Promise<WriteResult<T>> {
    const id = input.id ?? newOpId();
    const op: OutboxOp = {
      id,
      kind: input.kind,
      userGid: input.userGid,
      createdAt: now(),
      taskGid: input.taskGid,
      taskName: input.taskName,
      workspaceGid: input.workspaceGid,
      targetGid: input.targetGid ?? localGid(id),
      data: input.data,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now(),
      notBefore: input.notBefore ?? 0,
      sentAt: null,
      uncertain: false,
      knownGids: input.knownGids ?? [],
      error: null,
    };
    const outcome = await locked(async () => {
      const state = await deps.read();
      // Sent with the local id of an entry that has since been created: aim at Asana's gid.
      op.targetGid = state.renamed?.[op.targetGid] ?? op.targetGid;
      const merged = coalesce(state, op);
      await save(state, input.extra);
      return merged;
    });
    if (outcome.kind === 'absorbed') {
      // Folded into a create that has not been sent yet, or it cancelled one: nothing to send.
      kick();
      return { opId: outcome.into ?? id, state: 'pending', message: 'Waiting to sync.' } as WriteResult<T>;
    }
    if (outcome.kind === 'cancelled') {
      settle(outcome.cancelled, { opId: outcome.cancelled, state: 'failed', message: 'Deleted before it reached Asana.' });
      return { opId: id, state: 'done', result: null as T };
    }
    if (op.notBefore > now()) {
      deps.wake(op.notBefore);
      return { opId: id, state: 'pending', message: 'Waiting for the undo window to pass.' };
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
      if (op.state === 'failed') settle(id, { opId: id, state: 'failed', message: op.error?.message ?? 'Asana refused it.' });
      else if (op.state === 'pending') {
        const why = op.userGid !== me ? 'It was made by another account and waits until that account is connected again.' : (op.error?.message ?? 'Waiting to sync.');
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
          const created = await client.createEntry(op.taskGid!, op.data as unknown as CreateEntryInput);
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
          const created = await client.createCategory(op.workspaceGid!, op.data as { name: string });
          if (before) await removeReplayedCategories(op, created, before).catch(() => undefined);
          return { ok: true, result: created };
        }
        case 'category.update':
          return { ok: true, result: await client.updateCategory(op.targetGid, op.data) };
        case 'category.delete':
          await client.deleteCategory(op.targetGid).catch(ignoreNotFound);
          return { ok: true, result: null };
      }
    } catch (error) {
      return { ok: false, error: error instanceof AsanaError ? error : new AsanaError({ code: 'internal', message: String(error) }) };
    }
  }

  /** Looks on Asana for the entry an uncertain create may have made. */
  async function findLandedCreate(op: OutboxOp): Promise<Entry | null> {
    const data = op.data as unknown as CreateEntryInput;
    const state = await deps.read();
    const candidates = await deps.client.listEntries({
      task: op.taskGid!,
      user: op.userGid,
      entered_on_start_date: data.entered_on,
      entered_on_end_date: data.entered_on,
    });
    const since = (op.sentAt ?? op.createdAt) - CREATE_MATCH_SKEW_MS;
    const excluded = new Set([...op.knownGids, ...state.claimed]);
    const match = candidates
      .filter((e) => !excluded.has(e.gid) && sameShape(e, data, op.userGid) && (!e.created_at || Date.parse(e.created_at) >= since))
      .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.gid.localeCompare(b.gid))[0];
    return match ?? null;
  }

  /**
   * Deletes the copies of `created` that the browser's own re-send of the same POST left on Asana:
   * my entries of the same shape, made since this op was first sent, that no other op made (the
   * claimed list holds every entry the outbox created) and that were not there before. Not when
   * another create of the same entry is still queued: that one is no replay.
   */
  async function removeReplayedEntries(op: OutboxOp, created: Entry): Promise<void> {
    const data = op.data as unknown as CreateEntryInput;
    const state = await deps.read();
    if (state.ops.some((o) => o.id !== op.id && o.kind === 'entry.create' && o.taskGid === op.taskGid && JSON.stringify(o.data) === JSON.stringify(op.data))) return;
    const candidates = await deps.client.listEntries({
      task: op.taskGid!,
      user: op.userGid,
      entered_on_start_date: data.entered_on,
      entered_on_end_date: data.entered_on,
    });
    const since = (op.sentAt ?? op.createdAt) - REPLAY_SKEW_MS;
    const excluded = new Set([...op.knownGids, ...state.claimed, created.gid]);
    for (const twin of candidates) {
      if (excluded.has(twin.gid) || !sameShape(twin, data, op.userGid) || !twin.created_at || Date.parse(twin.created_at) < since) continue;
      // Through the outbox, so that a 429, a 5xx or a stop does not leave the copy there.
      void submit({ kind: 'entry.delete', userGid: op.userGid, taskGid: op.taskGid, taskName: op.taskName, workspaceGid: op.workspaceGid, targetGid: twin.gid, data: {} }).catch(() => undefined);
    }
  }

  /** The workspace's categories (active and archived) with this op's name. */
  async function categoryGidsNamed(op: OutboxOp): Promise<Set<string>> {
    const name = String(op.data.name ?? '');
    const [active, archived] = await Promise.all([deps.client.listCategories(op.workspaceGid!, false), deps.client.listCategories(op.workspaceGid!, true)]);
    return new Set([...active, ...archived].filter((c) => c.name === name).map((c) => c.gid));
  }

  /** As removeReplayedEntries, for a new category: a copy is one with its name that was not there before the POST. */
  async function removeReplayedCategories(op: OutboxOp, created: Category, before: Set<string>): Promise<void> {
    const state = await deps.read();
    if (state.ops.some((o) => o.id !== op.id && o.kind === 'category.create' && o.workspaceGid === op.workspaceGid && o.data.name === op.data.name)) return;
    for (const gid of await categoryGidsNamed(op)) {
      if (gid === created.gid || before.has(gid) || state.claimed.includes(gid)) continue;
      void submit({ kind: 'category.delete', userGid: op.userGid, taskGid: null, taskName: null, workspaceGid: op.workspaceGid, targetGid: gid, data: {} }).catch(() => undefined);
    }
  }

  async function findLandedCategory(op: OutboxOp): Promise<Category | null> {
    const name = String(op.data.name ?? '');
    const state = await deps.read();
    const [active, archived] = await Promise.all([deps.client.listCategories(op.workspaceGid!, false), deps.client.listCategories(op.workspaceGid!, true)]);
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
          stored.error = { code: error.code, message: `${error.message} Your change is kept and will be sent once you reconnect.` };
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

  const backoff = (attempts: number) => {
    const base = Math.min(BACKOFF_CAP_MS, (deps.backoffBaseMs ?? BACKOFF_BASE_MS) * 2 ** Math.max(0, attempts - 1));
    return Math.round(base * (0.8 + 0.4 * random()));
  };

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
      settle(opId, { opId, state: 'failed', message: 'Discarded.' });
      return true;
    });
  }

  /** Sends failed (or all waiting) ops again now, optionally with corrected data for one. */
  async function retry(opId?: string, patch?: Record<string, unknown>): Promise<number> {
    const n = await locked(async () => {
      const state = await deps.read();
      let count = 0;
      for (const op of state.ops) {
        if (opId !== undefined && op.id !== opId) continue;
        if (op.state === 'sending') continue;
        if (patch && op.id === opId) op.data = { ...op.data, ...patch };
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

  return { submit, kick, recover, cancel, retry, idle: () => draining ?? Promise.resolve() };
}

const ignoreNotFound = (error: unknown) => {
  // Deleting what is already gone is success.
  if (error instanceof AsanaError && error.code === 'not_found') return;
  throw error;
};

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

/** The first due op of each chain; null when none is due (or all wait on another user). */
function nextDue(state: OutboxState, me: string | null, at: number): OutboxOp | null {
  const blocked = new Set<string>();
  for (const op of state.ops) {
    const chainKey = op.targetGid;
    if (blocked.has(chainKey)) continue;
    blocked.add(chainKey);
    if (op.userGid !== me) continue;
    if (op.state !== 'pending') continue;
    if (op.nextAttemptAt <= at && op.notBefore <= at) return op;
  }
  return null;
}

function nextWake(state: OutboxState, me: string | null): number | null {
  let at: number | null = null;
  const seen = new Set<string>();
  for (const op of state.ops) {
    if (seen.has(op.targetGid)) continue;
    seen.add(op.targetGid);
    if (op.userGid !== me || op.state !== 'pending') continue;
    const due = Math.max(op.nextAttemptAt, op.notBefore);
    at = at === null ? due : Math.min(at, due);
  }
  return at;
}

/**
 * Folds a new op into the queue. An update to something not yet sent merges into it; a delete of
 * an entry not yet sent cancels its create. Returns what happened.
 */
function coalesce(state: OutboxState, op: OutboxOp): { kind: 'queued' } | { kind: 'absorbed'; into: string | null } | { kind: 'cancelled'; cancelled: string } {
  const sameTarget = state.ops.filter((o) => o.targetGid === op.targetGid);
  const last = sameTarget[sameTarget.length - 1];
  const untouched = (o: OutboxOp | undefined): o is OutboxOp => o !== undefined && o.state === 'pending' && !o.uncertain && o.sentAt === null;
  const isUpdate = op.kind.endsWith('.update');
  const isDelete = op.kind.endsWith('.delete');
  if (isUpdate && untouched(last) && (last.kind.endsWith('.create') || last.kind.endsWith('.update'))) {
    last.data = { ...last.data, ...op.data };
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
