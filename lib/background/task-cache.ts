/**
 * The per-task cache of entries, kept in storage.local where every widget and popup reads it.
 *
 * Opening a task never costs more than Asana's physical floor: a task never seen before needs
 * ceil(N/100) list requests (one per page of 100); a revisited task is shown from the cache at
 * once and confirmed with ONE request (`GET /tasks/{gid}`: its details and actual_time_minutes).
 * Only if Asana's total differs from the cached sum, or the cache is older than
 * {@link FULL_REFRESH_AFTER_MS}, are the pages fetched again.
 */
import { browser } from 'wxt/browser';
import * as v from 'valibot';
import type { AsanaClient } from '../asana/client';
import { toUserFacing } from '../asana/errors';
import { EntrySchema, type Category, type Entry, type Task } from '../asana/schemas';
import type { Lock } from '../lock';
import type { OutboxOp } from '../outbox';
import { categoryCacheKey, rawKey, taskCacheKey, type CategoryCache, type TaskCache, type TaskInfo } from '../store';

/** After this long, a revisit re-reads every page even if the totals agree (edits that keep the total). */
export const FULL_REFRESH_AFTER_MS = 10 * 60_000;
/** How many tasks we keep cached; the least recently opened go first. */
const MAX_CACHED_TASKS = 60;
const INDEX_KEY = 'taskIndex';
export const CATEGORIES_FRESH_MS = 10 * 60_000;

const TaskCacheSchema = v.object({
  gid: v.string(),
  entries: v.array(EntrySchema),
  fetchedAt: v.number(),
  checkedAt: v.number(),
  info: v.nullable(v.any()),
  error: v.nullable(v.object({ code: v.string(), message: v.string() })),
});

export const taskInfoFrom = (task: Task): TaskInfo => ({
  gid: task.gid,
  name: task.name,
  projects: task.projects,
  workspace: task.workspace ?? null,
  parent: task.parent ?? null,
  permalink_url: task.permalink_url ?? null,
  resource_subtype: task.resource_subtype ?? null,
});

const sumMinutes = (entries: Entry[]) => entries.reduce((s, e) => s + e.duration_minutes, 0);

export type TaskCacheStore = ReturnType<typeof createTaskCache>;

export function createTaskCache(deps: { client: AsanaClient; lock: Lock; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const inflight = new Map<string, Promise<{ requests: number }>>();
  /** Changes applied while a full fetch of the task was running, replayed onto its result. */
  const replay = new Map<string, Array<(entries: Entry[]) => Entry[]>>();

  async function read(taskGid: string): Promise<TaskCache | null> {
    const key = rawKey(taskCacheKey(taskGid));
    const stored = (await browser.storage.local.get(key))[key];
    if (stored === undefined) return null;
    const parsed = v.safeParse(TaskCacheSchema, stored);
    return parsed.success ? (parsed.output as TaskCache) : null; // a damaged cache is refetched, not trusted
  }

  const entry = (cache: TaskCache): Record<string, unknown> => ({ [rawKey(taskCacheKey(cache.gid))]: cache });

  async function touchIndex(taskGid: string): Promise<void> {
    const index = ((await browser.storage.local.get(INDEX_KEY))[INDEX_KEY] ?? {}) as Record<string, number>;
    index[taskGid] = now();
    const gids = Object.keys(index).sort((a, b) => index[b]! - index[a]!);
    const evicted = gids.slice(MAX_CACHED_TASKS);
    for (const gid of evicted) delete index[gid];
    await browser.storage.local.set({ [INDEX_KEY]: index });
    if (evicted.length) await browser.storage.local.remove(evicted.map((g) => rawKey(taskCacheKey(g))));
  }

  /** Re-reads every page of a task's entries and stores them. */
  async function fullFetch(taskGid: string): Promise<number> {
    replay.set(taskGid, []);
    let requests = 0;
    try {
      let entries: Entry[] = [];
      for await (const page of deps.client.taskEntryPages(taskGid)) {
        requests++;
        if (page.restarted) entries = [];
        entries.push(...page.items);
      }
      await deps.lock(async () => {
        const old = await read(taskGid);
        for (const change of replay.get(taskGid) ?? []) entries = change(entries);
        const at = now();
        await browser.storage.local.set(entry({ gid: taskGid, entries, fetchedAt: at, checkedAt: at, info: old?.info ?? null, error: null }));
      });
      await touchIndex(taskGid);
      return requests;
    } finally {
      replay.delete(taskGid);
    }
  }

  async function recordError(taskGid: string, error: unknown): Promise<void> {
    await deps.lock(async () => {
      const old = await read(taskGid);
      const cache: TaskCache = old ?? { gid: taskGid, entries: [], fetchedAt: 0, checkedAt: 0, info: null, error: null };
      await browser.storage.local.set(entry({ ...cache, error: toUserFacing(error) }));
    });
  }

  /**
   * Brings a task's cache up to date (see the file comment for the request budget). Concurrent
   * calls for the same task share one refresh. Resolves with the number of requests sent.
   */
  function refresh(taskGid: string, force = false): Promise<{ requests: number }> {
    const running = inflight.get(taskGid);
    if (running) return running;
    const job = (async () => {
      try {
        const cache = await read(taskGid);
        if (!cache || cache.fetchedAt === 0 || force || now() - cache.fetchedAt > FULL_REFRESH_AFTER_MS) {
          return { requests: await fullFetch(taskGid) };
        }
        const task = await deps.client.getTask(taskGid);
        const info = taskInfoFrom(task);
        const asanaTotal = task.actual_time_minutes ?? null;
        if (asanaTotal !== null && asanaTotal !== sumMinutes(cache.entries)) {
          await deps.lock(async () => {
            const latest = (await read(taskGid)) ?? cache;
            await browser.storage.local.set(entry({ ...latest, info }));
          });
          return { requests: 1 + (await fullFetch(taskGid)) };
        }
        // Confirmed. Write only what changed: rewriting an unchanged cache would send every entry
        // to every open view again (for a 5,000-entry task, megabytes) to re-render the same list.
        if (cache.error || JSON.stringify(cache.info) !== JSON.stringify(info)) {
          await deps.lock(async () => {
            const latest = (await read(taskGid)) ?? cache;
            await browser.storage.local.set(entry({ ...latest, info, checkedAt: now(), error: null }));
          });
        }
        // No index touch here: every storage write is broadcast to every Asana tab, and the index
        // is refreshed on each full fetch (at least every ten minutes for a task in use).
        return { requests: 1 };
      } catch (error) {
        await recordError(taskGid, error);
        throw error;
      } finally {
        inflight.delete(taskGid);
      }
    })();
    inflight.set(taskGid, job);
    return job;
  }

  /**
   * The task's details (name, projects, workspace), from the cache or one `GET /tasks/{gid}`;
   * `askAsana` always asks (to confirm that the task exists and this person can see it).
   */
  async function info(taskGid: string, askAsana = false): Promise<TaskInfo> {
    const cache = await read(taskGid);
    if (cache?.info && !askAsana) return cache.info;
    const fresh = taskInfoFrom(await deps.client.getTask(taskGid));
    if (JSON.stringify(cache?.info) === JSON.stringify(fresh)) return fresh; // confirmed, nothing to write
    await deps.lock(async () => {
      const latest = await read(taskGid);
      await browser.storage.local.set(entry(latest ? { ...latest, info: fresh } : { gid: taskGid, entries: [], fetchedAt: 0, checkedAt: 0, info: fresh, error: null }));
    });
    return fresh;
  }

  /**
   * Cache changes for a write Asana accepted (called inside the lock by the outbox, so they are
   * stored in the same write that removes the op). Returns storage keys to write.
   */
  async function applied(op: OutboxOp, result: Entry | Category | null): Promise<Record<string, unknown>> {
    if (op.kind.startsWith('entry.') && op.taskGid) {
      const gid = op.taskGid;
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
      replay.get(gid)?.push(change);
      const cache = await read(gid);
      if (!cache) return {};
      return entry({ ...cache, entries: change(cache.entries) });
    }
    if (op.kind.startsWith('category.') && op.workspaceGid) {
      const key = rawKey(categoryCacheKey(op.workspaceGid));
      const cache = (await browser.storage.local.get(key))[key] as CategoryCache | undefined;
      if (!cache) return {};
      let categories = cache.categories.filter((c) => c.gid !== op.targetGid && c.gid !== (result as Category | null)?.gid);
      const saved = result as Category | null;
      if (saved && op.kind !== 'category.delete' && !saved.is_archived) categories = [...categories, saved];
      return { [key]: { ...cache, categories } };
    }
    return {};
  }

  /** Puts a freshly read entry into the task's cache (when the task is cached). */
  async function remember(taskGid: string, fresh: Entry): Promise<void> {
    await deps.lock(async () => {
      const cache = await read(taskGid);
      if (!cache) return;
      const entries = cache.entries.some((e) => e.gid === fresh.gid) ? cache.entries.map((e) => (e.gid === fresh.gid ? fresh : e)) : [...cache.entries, fresh];
      await browser.storage.local.set(entry({ ...cache, entries }));
    });
  }

  /** Gids of cached entries with the same shape as a new entry (see the outbox's duplicate check). */
  async function knownSimilar(taskGid: string, durationMinutes: number, enteredOn: string): Promise<string[]> {
    const cache = await read(taskGid);
    return (cache?.entries ?? []).filter((e) => e.duration_minutes === durationMinutes && e.entered_on === enteredOn).map((e) => e.gid);
  }

  /** The workspace's active categories, cached for {@link CATEGORIES_FRESH_MS}. */
  async function categories(workspaceGid: string, refreshNow = false): Promise<Category[]> {
    const key = rawKey(categoryCacheKey(workspaceGid));
    const cached = (await browser.storage.local.get(key))[key] as CategoryCache | undefined;
    if (cached && !refreshNow && now() - cached.fetchedAt < CATEGORIES_FRESH_MS) return cached.categories;
    const list = await deps.client.listCategories(workspaceGid, false);
    await deps.lock(() => browser.storage.local.set({ [key]: { workspaceGid, categories: list, fetchedAt: now() } satisfies CategoryCache }));
    return list;
  }

  return { read, refresh, info, applied, remember, knownSimilar, categories };
}
