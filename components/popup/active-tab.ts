/**
 * What the popup needs before its first paint (issue 18.5, and figure (d) of the bench): the task
 * in the active tab, whether the background allows acting on it, and the stored items it draws.
 * All of it is asked for at once as the popup's script starts, in parallel, so that the first
 * paint already shows the form and the day from local data, with no request to Asana before it.
 */
import { browser } from 'wxt/browser';
import { parseTaskUrl, type TaskUrlInfo } from '@/lib/asana/task-url';
import { send } from '@/lib/messaging/client';
import { accountItem, outboxItem, userItems } from '@/lib/storage/items';
import { mirroredItem, preloadItems } from '../hooks';

/** The longest the first paint waits for the tab and the stored items. */
export const FIRST_PAINT_WAIT_MS = 300;

export interface ActiveTab {
  /** The Asana task the active tab's address names, or null. */
  info: TaskUrlInfo | null;
  /** Why that task must not be acted on (its pane shows another task), or null. */
  refused: string | null;
}

/** Asks which task the active tab shows, and the background whether its pane agrees. */
export async function askActiveTab(): Promise<ActiveTab> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const info = tab?.url ? parseTaskUrl(tab.url) : null;
  // The tab's pane may show another task than its address (a page's pushState): then not this one.
  const refused = info && tab?.id !== undefined ? (await send('tab.guard', { tabId: tab.id, taskGid: info.taskGid }).catch(() => ({ reason: null }))).reason : null;
  return { info, refused };
}

/**
 * Reads what the popup draws into the page's storage mirror: the account and the outbox, then the
 * signed-in user's items, and once the tab is known its task's cache and its workspace's
 * categories. Views mounted afterwards render all of it in their first render.
 */
export async function preloadPopup(tab: Promise<ActiveTab>): Promise<void> {
  await preloadItems([accountItem, outboxItem]);
  const me = mirroredItem(accountItem)?.user.gid;
  if (!me) return;
  const mine = userItems(me);
  const settings = preloadItems([mine.settings, mine.timer, mine.recentTasks, mine.idle, mine.mine, mine.weeks]);
  const { info } = await tab;
  await settings;
  const workspace = info?.workspaceGid ?? mirroredItem(mine.settings)?.workspaceGid ?? null;
  await preloadItems([...(info ? [mine.task(info.taskGid)] : []), ...(workspace ? [mine.categories(workspace)] : [])]);
}
