/**
 * Each user's cache of tasks and categories. A task's summary (its totals, its authors' minutes,
 * its newest entries; lib/task-summary.ts) is in storage.local, where every widget and popup reads
 * it; all of its entries are in the background's entry store (./entry-store.ts), which views ask
 * a page at a time. A cache belongs to the Asana user it was fetched for (`u:<gid>:task:<task
 * gid>`): it is never read for anyone else, not even to show a refusal.
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
import { outboxItem, userItems } from '../storage/items';
import { withoutUnansweredCopies } from '../outbox-policy';
import type { OpResult } from '../outbox';
import type { OutboxOp, TaskCache, TaskInfo } from '../storage/schemas';
import type { Store, Write } from '../storage/store';
import { applyToList, applyToSummary, emptySummary, newestFirst, summaryOf } from '../task-summary';
import type { EntryStore } from './entry-store';

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

const emptyCache = emptySummary;
/** Made after the summary was fetched (a create's answer), so not an older entry beyond its head. */
const isNew = (entry: Entry, cache: TaskCache) => !entry.created_at || Date.parse(entry.created_at) >= cache.fetchedAt - 60_000;

export type TaskCacheStore = ReturnType<typeof createTaskCache>;

export function createTaskCache(deps: {
  client: AsanaClient;
  lock: Lock;
  store: Store;
  entries: EntryStore;
  now?: () => number;
  /** Whether `userGid` is still the one signed in: a read that answers after a sign-out stores nothing. */
  signedIn?: (userGid: string) => Promise<boolean>;
}) {
  const now = deps.now ?? Date.now;
  const { store } = deps;
  const stillSignedIn = (userGid: string) => deps.signedIn?.(userGid) ?? Promise.resolve(true);
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
    await deps.entries.remove(userGid, evicted);
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
        if (!(await stillSignedIn(userGid))) return;
        const old = await read(userGid, taskGid);
        for (const change of replay.get(key) ?? []) entries = change(entries);
        // A new entry of this person's still waiting for its answer is shown by the views from the
        // outbox: not from here too (it joins when the answer does).
        const all = newestFirst(withoutUnansweredCopies(entries, await store.get(outboxItem), userGid, taskGid));
        const at = now();
        // The summary first (what views wait for), then the full list.
        await store.commit([write(userGid, summaryOf(taskGid, all, { fetchedAt: at, checkedAt: at, info: old?.info ?? null, error: null }))]);
        await deps.entries.put(userGid, taskGid, all);
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
        if (asanaTotal !== null && asanaTotal !== cache.totalMinutes) {
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
      const saved = op.kind === 'entry.delete' ? null : (result as Entry);
      const gone = saved ? saved.gid : op.targetGid;
      replay.get(flightKey(userGid, op.taskGid))?.push((list) => applyToList(list, list.find((e) => e.gid === gone) ?? null, saved));
      return changeEntry(userGid, op.taskGid, gone, saved);
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
      const writes = await changeEntry(userGid, taskGid, fresh.gid, fresh);
      if (writes.length) await store.commit(writes);
    });
  }

  /**
   * One entry of a cached task as Asana now has it (`after`; null once deleted), put in the full
   * list and the summary. Returns the summary's write (none when the task is not cached). Inside the lock.
   */
  async function changeEntry(userGid: string, taskGid: string, gid: string, after: Entry | null): Promise<Write[]> {
    const cache = await read(userGid, taskGid);
    if (!cache) return [];
    const list = cache.head.length === cache.count ? null : await deps.entries.get(userGid, taskGid);
    // (The summary's own copy when the list lacks it: a delete must take it out of the head too.)
    const before = (list ?? cache.head).find((e) => e.gid === gid) ?? cache.head.find((e) => e.gid === gid) ?? null;
    if (list) await deps.entries.put(userGid, taskGid, applyToList(list, before, after));
    // Without its list (an older version's cache) the summary still follows, unless the change
    // is to an entry it cannot see: then the task is read afresh on its next view.
    const unseen = !list && !before && cache.count > cache.head.length && (after === null || !isNew(after, cache));
    const next = applyToSummary(cache, before, after);
    return [write(userGid, unseen ? { ...next, fetchedAt: 0 } : next)];
  }

  /** The task's entries (all, newest first), or null when they were never fetched in full here. */
  async function entries(userGid: string, taskGid: string): Promise<Entry[] | null> {
    const cache = await read(userGid, taskGid);
    if (!cache) return null;
    if (cache.head.length === cache.count) return cache.head;
    return deps.entries.get(userGid, taskGid);
  }

  /**
   * Gids of known entries with the same shape as a new entry (see the outbox's duplicate check):
   * the task's cached ones, and the person's own kept for the popup (lib/background/my-entries.ts),
   * which know an entry logged again from the popup on a task this browser never opened (without
   * them, a retried "Log again" took the entry it copied for itself and was never sent).
   */
  async function knownSimilar(userGid: string, taskGid: string, durationMinutes: number, enteredOn: string): Promise<string[]> {
    const list = (await entries(userGid, taskGid)) ?? (await read(userGid, taskGid))?.head ?? [];
    const mine = ((await store.get(userItems(userGid).mine))?.entries ?? []).filter((e) => e.task?.gid === taskGid);
    const similar = [...list, ...mine].filter((e) => e.duration_minutes === durationMinutes && e.entered_on === enteredOn).map((e) => e.gid);
    return [...new Set(similar)];
  }

  /** The workspace's active categories as this user sees them, cached for {@link CATEGORIES_FRESH_MS}. */
  async function categories(userGid: string, workspaceGid: string, refreshNow = false): Promise<Category[]> {
    const item = userItems(userGid).categories(workspaceGid);
    const cached = await store.get(item);
    if (cached && !refreshNow && now() - cached.fetchedAt < CATEGORIES_FRESH_MS) return cached.categories;
    const list = await deps.client.listCategories(workspaceGid, false);
    await deps.lock(async () => {
      if (await stillSignedIn(userGid)) await store.commit([[item, { workspaceGid, categories: list, fetchedAt: now() }]]);
    });
    return list;
  }

  /** A cached entry of the task (in its summary or its full list), or null. */
  async function entry(userGid: string, taskGid: string, gid: string): Promise<Entry | null> {
    const cache = await read(userGid, taskGid);
    return cache?.head.find((e) => e.gid === gid) ?? (await deps.entries.get(userGid, taskGid))?.find((e) => e.gid === gid) ?? null;
  }

  /**
   * Entries of the task from `offset` (newest first), `limit` at most, as a view shows them
   * beyond the summary's head. Fetches the task in full first when its list is not kept.
   */
  async function page(userGid: string, taskGid: string, offset: number, limit: number): Promise<{ entries: Entry[]; count: number }> {
    let list = await entries(userGid, taskGid);
    if (!list) {
      await refresh(userGid, taskGid, true);
      list = (await entries(userGid, taskGid)) ?? [];
    }
    return { entries: list.slice(offset, offset + limit), count: list.length };
  }

  /**
   * Changes the entries `where` selects in every cached task of the user (a week's new approval
   * status), in their full lists and summaries. Returns the summaries' writes. Inside the lock.
   */
  async function changeAll(userGid: string, where: (e: Entry) => boolean, change: (e: Entry) => Entry): Promise<Write[]> {
    const writes: Write[] = [];
    for (const taskGid of Object.keys(await store.get(userItems(userGid).taskIndex))) {
      const cache = await read(userGid, taskGid);
      if (!cache) continue;
      const list = cache.head.length === cache.count ? null : await deps.entries.get(userGid, taskGid);
      if (list?.some(where)) await deps.entries.put(userGid, taskGid, list.map((e) => (where(e) ? change(e) : e)));
      if (cache.head.some(where)) writes.push(write(userGid, { ...cache, head: cache.head.map((e) => (where(e) ? change(e) : e)) }));
    }
    return writes;
  }

  return { read, refresh, info, applied, remember, knownSimilar, categories, entry, entries, page, changeAll };
}
