/**
 * Every entry of each cached task, newest first, kept by the background alone (issue 20).
 *
 * Views get a small summary of a task from storage.local (its totals, its authors' minutes, its
 * newest entries: lib/background/task-cache.ts); the full list lives here, in the vault's
 * IndexedDB (no 10 MB storage.local quota: a task with 50,000 entries is ~15 MB), and a view asks
 * for the rest a page at a time (`entries.page`). Record names are the user's keys
 * (`u:<gid>:entries:<task>`), so signing out and "remove all data" remove them with the user's
 * other caches. The last few lists read stay in memory: a list is read whole, and the next page
 * of the same task should not read 15 MB again.
 */
import type { Entry } from '../asana/schemas';
import { userPrefix } from '../storage/keys';
import type { Vault } from '../storage/vault';

/** How many tasks' lists stay in memory. */
const IN_MEMORY = 4;

export const entriesRecord = (userGid: string, taskGid: string) => `${userPrefix(userGid)}entries:${taskGid}`;

export type EntryStore = ReturnType<typeof createEntryStore>;

/**
 * `signedIn` names the user whose caches may be written now: a read answering after its user
 * signed out is not kept (as the store does for storage.local caches).
 */
export function createEntryStore(vault: Vault, signedIn: () => Promise<string | null>) {
  const recent = new Map<string, Entry[]>();
  const remember = (name: string, list: Entry[]) => {
    recent.delete(name);
    recent.set(name, list);
    while (recent.size > IN_MEMORY) recent.delete(recent.keys().next().value!);
  };

  /** The task's entries, newest first, or null when none are kept. */
  async function get(userGid: string, taskGid: string): Promise<Entry[] | null> {
    const name = entriesRecord(userGid, taskGid);
    const mem = recent.get(name);
    if (mem) return mem;
    const record = (await vault.readRecords([name]))[name];
    const list = Array.isArray(record?.value) ? (record.value as Entry[]) : null;
    if (list) remember(name, list);
    return list;
  }

  /** Keeps the task's entries (newest first). In memory at once; written through to the vault. */
  async function put(userGid: string, taskGid: string, entries: Entry[]): Promise<void> {
    if ((await signedIn()) !== userGid) return;
    const name = entriesRecord(userGid, taskGid);
    remember(name, entries);
    await vault.writeRecords({ [name]: { v: 1, value: entries } });
  }

  /** Forgets these tasks' lists (evicted from the cache). */
  async function remove(userGid: string, taskGids: readonly string[]): Promise<void> {
    if (taskGids.length === 0) return;
    const names = taskGids.map((t) => entriesRecord(userGid, t));
    for (const n of names) recent.delete(n);
    await vault.writeRecords(Object.fromEntries(names.map((n) => [n, undefined])));
  }

  /** Forgets what is in memory (the vault's records go with the user's data; see the store). */
  function forgetMemory(): void {
    recent.clear();
  }

  return { get, put, remove, forgetMemory };
}
