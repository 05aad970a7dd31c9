/**
 * Where every stored item lives: its key, fallback, version and whether it is guarded. Plain data
 * with no schema library, so the content script (20 KB budget) can import it; lib/storage/items.ts
 * adds each item's valibot schema for the background and the extension pages.
 *
 * Where things live, and why (the trust boundary):
 * - storage.local holds what views read. Content scripts run inside Asana's page and can read AND
 *   write storage.local, so:
 *   - the background never acts on what it finds there for a GUARDED item (the account, the
 *     outbox, each user's timer and settings): their truth is in the vault (the extension's
 *     IndexedDB, which content scripts cannot open), and storage.local holds a copy for views;
 *   - the background puts back (or, for a cache, removes) any change to its keys that it did not
 *     make itself, so what views read is read-only in effect.
 * - Everything personal is under `u:<user gid>:`: one Asana user's caches, timer, settings and
 *   recent tasks are never read for another. The outbox is one list whose ops each name their user.
 */
import type { Account, BudgetCache, CategoryCache, FloatingPrefs, IdleQuestionState, MyEntries, OutboxState, PageReport, Recovered, RecentTask, Settings, TaskCache, TimerState, UiPrefs, WeekStatus } from './schemas';

export interface StoredKey<T> {
  /** The WXT key (`local:…`). */
  key: `local:${string}`;
  /** The key in storage.local itself (what `storage.onChanged` reports). */
  raw: string;
  fallback: T;
  /**
   * WXT's item version; raise it whenever the stored shape changes, with the migration from the
   * previous version in ./migrations.ts (only the background loads that file).
   */
  version: number;
  /** The background acts on it: its truth is in the vault; storage.local holds a copy for views. */
  guarded: boolean;
  /**
   * The types of its top-level fields, for views that check a value's shape without its schema
   * (the content script; see `checkShape`).
   */
  shape: Record<string, FieldType>;
}

type FieldType = 'array' | 'object' | 'string' | 'number' | 'boolean';

function key<T>(raw: string, fallback: T, extra: { version?: number; guarded?: boolean; shape?: Record<string, FieldType> } = {}): StoredKey<T> {
  return { key: `local:${raw}`, raw, fallback, version: extra.version ?? 1, guarded: extra.guarded ?? false, shape: extra.shape ?? {} };
}

function typeOf(value: unknown): FieldType | 'null' | 'other' {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  const t = typeof value;
  return t === 'object' || t === 'string' || t === 'number' || t === 'boolean' ? t : 'other';
}

/**
 * A light check of what a view read, for the content script, which cannot afford the schema
 * library in its size budget: the value is the fallback's kind and its top-level fields have
 * their types. (Everything the content script reads was written, and validated, by the
 * background, which also undoes any change it did not make; this only keeps a view from
 * breaking on a change it sees before the background undoes it.)
 */
export function checkShape<T>(where: StoredKey<T>, raw: unknown): T {
  if (raw === undefined || raw === null) return where.fallback;
  const want = where.fallback === null ? 'object' : typeOf(where.fallback);
  if (typeOf(raw) !== want) return where.fallback;
  if (want === 'object') {
    const fields = raw as Record<string, unknown>;
    for (const [name, type] of Object.entries(where.shape)) if (typeOf(fields[name]) !== type) return where.fallback;
  }
  return raw as T;
}

const SETTINGS_FALLBACK: Settings = { workspaceGid: null, defaultCategoryGid: null, defaultBillable: null, longTimerMinutes: 480 };

// ---- shared by every account on this browser -------------------------------------------------

/** The connected account (guarded: the sign-in itself is in the vault with the token). */
export const accountKey = key<Account | null>('account', null, { version: 2, guarded: true, shape: { user: 'object', workspaces: 'array', status: 'string' } });
/** Every user's waiting writes; each op names its user and is only sent while that user is connected. */
export const outboxKey = key<OutboxState>('outbox', { ops: [], claimed: [], renamed: {} }, { version: 2, guarded: true, shape: { ops: 'array', claimed: 'array', renamed: 'object' } });
/** The widget's remembered layout (a view preference, about no one's data). */
export const uiPrefsKey = key<UiPrefs>('ui', { open: false, details: false, entries: false }, { shape: { details: 'boolean', entries: 'boolean' } });
/** Where the floating widget was left, for every Asana tab (a view preference). */
export const floatingKey = key<FloatingPrefs | null>('floating', null, { shape: { right: 'number', bottom: 'number', collapsed: 'boolean' } });
/** What the widget found on the last Asana task page (its place, the theme), for the self-check. */
export const pageReportKey = key<PageReport | null>('pageReport', null, { shape: { place: 'string', theme: 'string' } });
/** Stored records that could not be read (or were not written by the background), kept aside. */
export const recoveryKey = key<Recovered[]>('recovery', []);

// ---- one Asana user's -------------------------------------------------------------------------

/** How many of a task's newest entries its summary holds (views ask the background for more). */
export const HEAD_ENTRIES = 50;

export const userPrefix = (userGid: string) => `u:${userGid}:`;

/** The keys of one Asana user's items. */
export function userKeys(userGid: string) {
  const p = userPrefix(userGid);
  return {
    /** The workspace and the defaults for new entries (guarded: they change what is sent). */
    settings: key<Settings>(`${p}settings`, SETTINGS_FALLBACK, { guarded: true }),
    /** The running timer (guarded: stopping it logs time). v2: it carries its notes (issue 18.4). */
    timer: key<TimerState | null>(`${p}timer`, null, { version: 2, guarded: true, shape: { taskGid: 'string', taskName: 'string', startedAt: 'number' } }),
    /** The idle-time question waiting for an answer (guarded: answering stops or moves the timer). */
    idle: key<IdleQuestionState | null>(`${p}idle`, null, { guarded: true }),
    recentTasks: key<RecentTask[]>(`${p}recentTasks`, []),
    taskIndex: key<Record<string, number>>(`${p}taskIndex`, {}),
    // v2: a summary and the newest entries; the rest in the background's entry store (issue 20).
    task: (taskGid: string) => key<TaskCache | null>(`${p}task:${taskGid}`, null, { version: 2, shape: { head: 'array', count: 'number', totalMinutes: 'number', authors: 'object', fetchedAt: 'number' } }),
    categories: (workspaceGid: string) => key<CategoryCache | null>(`${p}categories:${workspaceGid}`, null, { shape: { categories: 'array' } }),
    /** A project's budget as this user may see it. */
    budget: (projectGid: string) => key<BudgetCache | null>(`${p}budget:${projectGid}`, null, { shape: { projectGid: 'string', fetchedAt: 'number' } }),
    /** Timesheet weeks this user has looked at (their own, or as a reviewer), by `<user>:<monday>`. */
    weeks: key<Record<string, WeekStatus>>(`${p}weeks`, {}),
    /** This user's own entries of the last two weeks in their workspace, for the popup's day and week (issue 18.5). */
    mine: key<MyEntries | null>(`${p}mine`, null, { shape: { entries: 'array', from: 'string', workspaceGid: 'string' } }),
  };
}

/** True for a storage.local key that belongs to `userGid` (for removing a user's data). */
export const isUserKey = (raw: string, userGid: string) => raw.startsWith(userPrefix(userGid));
/** The user a storage.local key belongs to, or null for shared keys. */
export const userOfKey = (raw: string): string | null => /^u:(\d{1,20}):/.exec(raw)?.[1] ?? null;
/** True for a user's cache of Asana data (tasks, categories, their index, recent tasks). */
export const isCacheKey = (raw: string) => /^u:\d{1,20}:(task:|entries:|categories:|budget:|taskIndex$|recentTasks$|weeks$|mine$)/.test(raw);
/** True for a key this extension's background writes (everything but WXT's meta keys of others). */
export const isOwnKey = (raw: string) => [accountKey.raw, outboxKey.raw, uiPrefsKey.raw, recoveryKey.raw, floatingKey.raw, pageReportKey.raw].includes(raw.replace(/\$$/, '')) || userOfKey(raw) !== null;
