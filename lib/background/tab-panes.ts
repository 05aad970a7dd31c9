/**
 * Which tabs' Asana pane shows another task than their address (issue 13): a page can
 * `history.pushState` to task C while its pane still shows task A. The widget sees that and says
 * so (`page.report` with `mismatch`); the popup and the timer shortcut, which go by the tab's
 * address, ask here before they act on a tab's task. Kept in memory and in storage.session
 * (which content scripts cannot read), so a restarted service worker still knows.
 */
import { browser } from 'wxt/browser';
import { parseTaskUrl } from '../asana/task-url';
import { t } from '../i18n';

const SESSION_KEY = 'tabPanes';
const MAX_TABS = 100;

export type TabPanes = ReturnType<typeof createTabPanes>;

export function createTabPanes() {
  /** tab id → the task its address named when its widget last reported, and whether the pane disagreed. */
  let tabs: Record<string, { urlTask: string; mismatch: boolean }> | null = null;
  const session = () => (browser.storage as { session?: typeof browser.storage.local }).session;
  async function load() {
    tabs ??= ((await session()?.get(SESSION_KEY))?.[SESSION_KEY] as typeof tabs) ?? {};
    return tabs!;
  }
  async function save() {
    await session()?.set({ [SESSION_KEY]: tabs });
  }

  /** What a tab's top-frame widget reported, with the tab's address (the browser's, not the page's word). */
  async function reported(tabId: number | undefined, url: string | undefined, mismatch: boolean): Promise<void> {
    const urlTask = url ? parseTaskUrl(url)?.taskGid : undefined;
    if (tabId === undefined || !urlTask) return;
    const all = await load();
    const was = all[tabId];
    if (was?.urlTask === urlTask && was.mismatch === mismatch) return;
    delete all[tabId];
    all[tabId] = { urlTask, mismatch };
    // The most recently reported tabs only: no tab listener wakes the background for every tab the
    // person closes (a tab id is not reused in a session, so an old entry only takes room; ids grow, and an
    // object keeps integer keys in ascending order, so the first are the oldest).
    for (const old of Object.keys(all).slice(0, -MAX_TABS)) delete all[old];
    await save();
  }

  /** Why the task `taskGid` of tab `tabId` must not be acted on, or null. */
  async function refusal(tabId: number | undefined, taskGid: string): Promise<string | null> {
    if (tabId === undefined) return null;
    const seen = (await load())[tabId];
    return seen?.mismatch && seen.urlTask === taskGid ? t('mismatch') : null;
  }

  return { reported, refusal };
}
