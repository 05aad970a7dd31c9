/**
 * What the extension keeps in `storage.local`, in one place. Nothing here is secret (tokens live
 * in the vault, lib/auth/vault.ts): content scripts may read these keys, and they subscribe to
 * them so every open widget and popup sees a change the moment the background writes it.
 */
import { storage } from 'wxt/utils/storage';
import type { BillableStatus, Category, Entry, Named } from './asana/schemas';

/** The connected account, shown as "Connected as NAME (email)". */
export interface Account {
  method: 'pat' | 'oauth';
  user: { gid: string; name: string; email: string };
  workspaces: Array<{ gid: string; name: string }>;
  connectedAt: number;
}

export interface Settings {
  /** The workspace the popup, categories and timesheet use. */
  workspaceGid: string | null;
  defaultCategoryGid: string | null;
  defaultBillable: BillableStatus | null;
}

/** What we know of a task beyond its entries (from `GET /tasks/{gid}`). */
export interface TaskInfo {
  gid: string;
  name: string;
  projects: Named[];
  workspace: Named | null;
  parent: Named | null;
  permalink_url: string | null;
  resource_subtype: string | null;
}

/** A task's entries as last fetched from Asana (every page), plus its details when known. */
export interface TaskCache {
  gid: string;
  entries: Entry[];
  /** When the entries were last fetched in full (ms since epoch). */
  fetchedAt: number;
  /** When Asana last confirmed them (a full fetch, or a matching total on revisit). */
  checkedAt: number;
  info: TaskInfo | null;
  /** The last refresh failed with this message (figures shown are from the cache). */
  error: { code: string; message: string } | null;
}

export interface TimerState {
  taskGid: string;
  taskName: string;
  workspaceGid: string | null;
  projectGid: string | null;
  /** ms since epoch. Elapsed time is always derived from it, so it is exact across restarts. */
  startedAt: number;
}

export interface RecentTask {
  gid: string;
  name: string;
  workspaceGid: string | null;
  at: number;
}

export { DEFAULT_UI_PREFS, UI_PREFS_KEY, type UiPrefs } from './ui-prefs';

export interface CategoryCache {
  workspaceGid: string;
  categories: Category[];
  fetchedAt: number;
}

export const accountItem = storage.defineItem<Account | null>('local:account', { fallback: null, version: 1 });
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: { workspaceGid: null, defaultCategoryGid: null, defaultBillable: null },
  version: 1,
});
export const timerItem = storage.defineItem<TimerState | null>('local:timer', { fallback: null, version: 1 });
export const recentTasksItem = storage.defineItem<RecentTask[]>('local:recentTasks', { fallback: [], version: 1 });
/** The OAuth app's client id (not secret; the client secret is in the vault). */
export const oauthAppItem = storage.defineItem<{ clientId: string } | null>('local:oauthApp', { fallback: null, version: 1 });

/** Storage keys of the per-task and per-workspace caches. */
export const taskCacheKey = (taskGid: string) => `local:task:${taskGid}` as const;
export const categoryCacheKey = (workspaceGid: string) => `local:categories:${workspaceGid}` as const;
export const OUTBOX_KEY = 'local:outbox' as const;

/** Raw `storage.local` key for a WXT key (`local:x` → `x`), for onChanged listeners. */
export const rawKey = (key: string) => key.replace(/^local:/, '');

export { storage };
