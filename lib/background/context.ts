/**
 * What every group of background handlers works with: the store, the one Asana client, the
 * session, the outbox and the caches, and who is signed in. Built once in lib/background/index.ts.
 */
import { t } from '../i18n';
import { AsanaError, notConnectedError } from '../asana/errors';
import type { AsanaClient } from '../asana/client';
import type { Session } from '../auth/session';
import type { Lock } from '../lock';
import type { Outbox } from '../outbox';
import { userItems } from '../storage/items';
import type { Owner } from '../storage/schemas';
import type { Store } from '../storage/store';
import type { Vault } from '../storage/vault';
import type { EntryStore } from './entry-store';
import type { TabPanes } from './tab-panes';
import type { TaskCacheStore } from './task-cache';
import type { createTimesheets } from './timesheets';

type Timesheets = ReturnType<typeof createTimesheets>;

export interface BackgroundContext {
  store: Store;
  vault: Vault;
  client: AsanaClient;
  session: Session;
  outbox: Outbox;
  tasks: TaskCacheStore;
  /** Every entry of each cached task (the summaries' full lists). */
  entries: EntryStore;
  /** Tabs whose pane shows another task than their address. */
  tabPanes: TabPanes;
  timesheets: Timesheets;
  /** The storage lock: every read-modify-write of the outbox and caches. */
  lock: Lock;
  /** Timer start/stop/discard, one at a time. */
  timerLock: Lock;
  /** The signed-in user, or null. `refused` sign-ins count: their writes are queued for later. */
  currentUser(): Promise<Owner | null>;
  /**
   * The user to read for: throws when signed out or when Asana no longer accepts the sign-in
   * (with the message every view shows: reconnect).
   */
  requireReader(): Promise<Owner>;
  /**
   * The user to write for: throws only when signed out. A write made while the sign-in is refused
   * is queued and sent once the user reconnects (nothing they log is lost).
   */
  requireWriter(): Promise<Owner>;
  /** Puts a task at the top of the user's recent tasks. */
  rememberRecent(user: Owner, taskGid: string, name: string | undefined, workspaceGid: string | null | undefined): Promise<void>;
}

const MAX_RECENT = 10;

/** The message every view shows when Asana refuses the saved sign-in. */
export const refusedError = () =>
  new AsanaError({ code: 'unauthorized', message: t('errRefusedSignIn') });

/** The user-related parts of the context, from the session and the store. */
export function users(session: Session, store: Store, tasks: () => TaskCacheStore) {
  async function currentUser(): Promise<Owner | null> {
    const state = await session.state();
    return state.user && state.status !== 'signed-out' ? { gid: state.user.gid, name: state.user.name } : null;
  }
  async function requireReader(): Promise<Owner> {
    const state = await session.state();
    if (state.status === 'signed-out' || !state.user || !(await session.getToken())) throw notConnectedError();
    if (state.status === 'refused') throw refusedError();
    return { gid: state.user.gid, name: state.user.name };
  }
  async function requireWriter(): Promise<Owner> {
    const user = await currentUser();
    if (!user) throw notConnectedError();
    return user;
  }
  async function rememberRecent(user: Owner, taskGid: string, name: string | undefined, workspaceGid: string | null | undefined): Promise<void> {
    const cached = name ? null : await tasks().read(user.gid, taskGid);
    const known = name ?? cached?.info?.name;
    if (!known) return;
    const item = userItems(user.gid).recentTasks;
    const list = (await store.get(item)).filter((t) => t.gid !== taskGid);
    list.unshift({ gid: taskGid, name: known, workspaceGid: workspaceGid ?? cached?.info?.workspace?.gid ?? null, at: Date.now() });
    await store.set(item, list.slice(0, MAX_RECENT));
  }
  return { currentUser, requireReader, requireWriter, rememberRecent };
}
