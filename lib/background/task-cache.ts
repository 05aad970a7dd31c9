/**
 * Each user's cache of task entries and categories, in storage.local where every widget and popup
 * reads it. A cache belongs to the Asana user it was fetched for (`u:<gid>:task:<task gid>`): it
 * is never read for anyone else, not even to show a refusal.
 *
 * Opening a task never costs more than Asana's physical floor: a task never seen before needs
 * ceil(N/100) list requests (one per page of 100); a revisited task is shown from the cache at
 * once and confirmed with ONE request (`GET /tasks/{gid}`: its details and actual_time_minutes).
 * Only if Asana's total differs from the cached sum, or the cache is older than
 * {@link FULL_REFRESH_AFTER_MS}, are the pages fetched again.
 */
import type { AsanaClient } from '../asana/client';
import { estimateFromCustomFields } from '../asana/estimate';
import { toUserFacing } from '../asana/errors';
import type { Category, Entry, Task } from '../asana/schemas';
import type { Lock } from '../lock';
import { userItems } from '../storage/items';
import type { OpResult } from '../outbox';
import type { OutboxOp, TaskCache, TaskInfo } from '../storage/schemas';
import type { Store, Write } from '../storage/store';

/** After this long, a revisit re-reads every page even if the totals agree (edits that keep the total). */
export const FULL_REFRESH_AFTER_MS = 10 * 60_000;
/** How many tasks we keep cached per user; the least recently opened go first. */
const MAX_CACHED_TASKS = 60;
export const CATEGORIES_FRESH_MS = 10 * 60_000;

export const taskInfoFrom = (task: Task): TaskInfo => ({
  gid: task.gid,
  name: task.name,
  projects: task.projects,
  workspace: task.workspace ?? null,
  parent: task.parent ?? null,
  permalink_url: task.permalink_url ?? null,
  resource_subtype: task.resource_subtype ?? null,
  estimateMinutes: estimateFromCustomFields(task.custom_fields).minutes,
});

const sumMinutes = (entries: Entry[]) => entries.reduce((s, e) => s + e.duration_minutes, 0);
const emptyCache = (gid: string): TaskCache => ({ gid, entries: [], fetchedAt: 0, checkedAt: 0, info: null, error: null });

export type TaskCacheStore = ReturnType<typeof createTaskCache>;

export function createTaskCache(deps: { client: AsanaClient; lock: Lock; store: Store; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const { store } = deps;
  const inflight = new Map<string, Promise<{ requests: number }>>();
  /** Changes applied while a full fetch of the task was running, replayed onto its result. */
  const replay = new Map<string, Array<(entries: Entry[]) => Entry[]>>();
  const flightKey = (userGid: string, taskGid: string) => `${userGid}/${taskGid}`;

  const read = (userGid: string, taskGid: string): Promise<TaskCache | null> => store.get(userItems(userGid).task(taskGid));
  const write = (userGid: string, cache: TaskCache): Write => [userItems(userGid).task(cache.gid), cache];

  /** Marks the task as just used, and evicts the least recently used beyond the budget. Inside the lock. */
  async function touchIndex(userGid: string, taskGid: string): Promise<void> {
    const mine = userItems(userGid);
    const index = { ...(await store.get(mine.taskIndex)) };
    index[taskGid] = now();
    const gids = Object.keys(index).sort((a, b) => index[b]! - index[a]!);
    const evicted = gids.slice(MAX_CACHED_TASKS);
    for (const gid of evicted) delete index[gid];
    await store.commit([[mine.taskIndex, index], ...evicted.map((g): Write => [mine.task(g), null])]);
  }

  /** Re-reads every page of a task's entries and stores them. */
  async function fullFetch(userGid: string, taskGid: string): Promise<number> {
    const key = flightKey(userGid, taskGid);
    replay.set(key, []);
    let requests = 0;
    try {
      let entries: Entry[] = [];
      for await (const page of deps.client.taskEntryPages(taskGid)) {
        requests++;
        if (page.restarted) entries = [];
        entries.push(...page.items);
      }
      await deps.lock(async () => {
        const old = await read(userGid, taskGid);
        for (const change of replay.get(key) ?? []) entries = change(entries);
        const at = now();
        await store.commit([write(userGid, { gid: taskGid, entries, fetchedAt: at, checkedAt: at, info: old?.info ?? null, error: null })]);
        await touchIndex(userGid, taskGid);
      });
      return requests;
    } finally {
      replay.delete(key);
    }
  }

  async function recordError(userGid: string, taskGid: string, error: unknown): Promise<void> {
    await deps.lock(async () => {
      const old = (await read(userGid, taskGid)) ?? emptyCache(taskGid);
      await store.commit([write(userGid, { ...old, error: toUserFacing(error) })]);
    });
  }

  /**
   * Brings a task's cache up to date (see the file comment for the request budget). Concurrent
   * calls for the same task share one refresh. Resolves with the number of requests sent.
   */
  function refresh(userGid: string, taskGid: string, force = false): Promise<{ requests: number }> {
    const key = flightKey(userGid, taskGid);
    const running = inflight.get(key);
    if (running) return running;
    const job = (async () => {
      try {
        const cache = await read(userGid, taskGid);
        if (!cache || cache.fetchedAt === 0 || force || now() - cache.fetchedAt > FULL_REFRESH_AFTER_MS) {
          return { requests: await fullFetch(userGid, taskGid) };
        }
        const task = await deps.client.getTask(taskGid);
        const info = taskInfoFrom(task);
        const asanaTotal = task.actual_time_minutes ?? null;
        if (asanaTotal !== null && asanaTotal !== sumMinutes(cache.entries)) {
          await deps.lock(async () => {
            const latest = (await read(userGid, taskGid)) ?? cache;
            await store.commit([write(userGid, { ...latest, info })]);
          });
          return { requests: 1 + (await fullFetch(userGid, taskGid)) };
        }
        // Confirmed. Write only what changed: rewriting an unchanged cache would send every entry
        // to every open view again (for a 5,000-entry task, megabytes) to re-render the same list.
        if (cache.error || JSON.stringify(cache.info) !== JSON.stringify(info)) {
          await deps.lock(async () => {
            const latest = (await read(userGid, taskGid)) ?? cache;
            await store.commit([write(userGid, { ...latest, info, checkedAt: now(), error: null })]);
          });
        }
        // No index touch here: every storage write is broadcast to every Asana tab, and the index
        // is refreshed on each full fetch (at least every ten minutes for a task in use).
        return { requests: 1 };
      } catch (error) {
        await recordError(userGid, taskGid, error);
        throw error;
      } finally {
        inflight.delete(key);
      }
    })();
    inflight.set(key, job);
    return job;
  }

  /**
   * The task's details (name, projects, workspace), from the user's cache or one `GET /tasks/{gid}`;
   * `askAsana` always asks (to confirm that the task exists and this person can see it).
   */
  async function info(userGid: string, taskGid: string, askAsana = false): Promise<TaskInfo> {
    const cache = await read(userGid, taskGid);
    if (cache?.info && !askAsana) return cache.info;
    const fresh = taskInfoFrom(await deps.client.getTask(taskGid));
    if (JSON.stringify(cache?.info) === JSON.stringify(fresh)) return fresh; // confirmed, nothing to write
    await deps.lock(async () => {
      const latest = await read(userGid, taskGid);
      await store.commit([write(userGid, { ...(latest ?? emptyCache(taskGid)), info: fresh })]);
    });
    return fresh;
  }

  /**
   * Cache changes for a write Asana accepted (called inside the lock by the outbox, so they are
   * stored before the op leaves it). Written to the op's owner's caches only.
   */
  async function applied(op: OutboxOp, result: OpResult): Promise<Write[]> {
    const userGid = op.user.gid;
    if (op.kind === 'entry.create' || op.kind === 'entry.update' || op.kind === 'entry.delete') {
      let change: (entries: Entry[]) => Entry[];
      if (op.kind === 'entry.delete') change = (list) => list.filter((e) => e.gid !== op.targetGid);
      else {
        const saved = result as Entry;
        change = (list) => {
          const at = list.findIndex((e) => e.gid === saved.gid);
          if (at === -1) return [...list, saved];
          const copy = list.slice();
          copy[at] = saved;
          return copy;
        };
      }
      replay.get(flightKey(userGid, op.taskGid))?.push(change);
      const cache = await read(userGid, op.taskGid);
      return cache ? [write(userGid, { ...cache, entries: change(cache.entries) })] : [];
    }
    if (op.kind === 'timesheet.transition') return []; // lib/background/timesheets.ts
    const item = userItems(userGid).categories(op.workspaceGid);
    const cache = await store.get(item);
    if (!cache) return [];
    const saved = result as Category | null;
    let categories = cache.categories.filter((c) => c.gid !== op.targetGid && c.gid !== saved?.gid);
    if (saved && op.kind !== 'category.delete' && !saved.is_archived) categories = [...categories, saved];
    return [[item, { ...cache, categories }]];
  }

  /**
   * Puts a freshly read entry into the task's cache (when the task is cached). The entry must be
   * of that task: a caller naming one task and another task's entry changes nothing.
   */
  async function remember(userGid: string, taskGid: string, fresh: Entry): Promise<void> {
    if (fresh.task && fresh.task.gid !== taskGid) return;
    await deps.lock(async () => {
      const cache = await read(userGid, taskGid);
      if (!cache) return;
      const entries = cache.entries.some((e) => e.gid === fresh.gid) ? cache.entries.map((e) => (e.gid === fresh.gid ? fresh : e)) : [...cache.entries, fresh];
      await store.commit([write(userGid, { ...cache, entries })]);
    });
  }

  /** Gids of cached entries with the same shape as a new entry (see the outbox's duplicate check). */
  async function knownSimilar(userGid: string, taskGid: string, durationMinutes: number, enteredOn: string): Promise<string[]> {
    const cache = await read(userGid, taskGid);
    return (cache?.entries ?? []).filter((e) => e.duration_minutes === durationMinutes && e.entered_on === enteredOn).map((e) => e.gid);
  }

  /** The workspace's active categories as this user sees them, cached for {@link CATEGORIES_FRESH_MS}. */
  async function categories(userGid: string, workspaceGid: string, refreshNow = false): Promise<Category[]> {
    const item = userItems(userGid).categories(workspaceGid);
    const cached = await store.get(item);
    if (cached && !refreshNow && now() - cached.fetchedAt < CATEGORIES_FRESH_MS) return cached.categories;
    const list = await deps.client.listCategories(workspaceGid, false);
    await deps.lock(() => store.commit([[item, { workspaceGid, categories: list, fetchedAt: now() }]]));
    return list;
  }

  return { read, refresh, info, applied, remember, knownSimilar, categories };
}
