/**
 * Keeps the time-log widget on the task the person sees, through Asana's single-page navigation.
 *
 * The task comes from the URL. With no task in the URL (an inbox item), it comes from the task
 * pane's `data-task-id`, and only once Asana has confirmed that task (`GET /tasks/{gid}`): the
 * only task id ever taken from the page. The widget sits among the task's fields, as a native
 * field row (the first place of lib/page/asana-selectors.ts that the pane has), else floats.
 * When the pane names another task than the URL (a page can `history.pushState` without Asana
 * following), the URL wins: the widget floats, shows the URL's task read-only, says why, and
 * nothing is written until they agree again (issue 13); every write also checks this first.
 *
 * Cost while idle is nil: no polling and no observer on the whole page. After a navigation we
 * look for the task pane as soon as the navigation's script is done; if Asana has not drawn it
 * yet, a page observer runs for at most {@link WAIT_FOR_PANE_MS} and is then disconnected.
 * Once placed, one observer on the few elements from the widget's parent up to the pane's
 * parent (childList only, no subtree) and on the pane's `data-task-id` notices when Asana
 * re-renders the pane or switches its task.
 */
import { t } from '@/lib/i18n';
import type { AnchorRule } from '@/lib/page/asana-selectors';
import { h, render } from 'preact';
import { mirroredItem, preloadItems } from '@/components/hooks';
import { accountKey, outboxKey, uiPrefsKey, userKeys } from '@/lib/storage/keys';
import { TimeLogWidget } from '@/components/time-log-widget';
import { send } from '@/lib/messaging/client';
import { parseTaskUrl, type TaskUrlInfo } from '@/lib/asana/task-url';
import { PANE_TASK_ATTRIBUTE, findPane, findPlacement, type Placement } from '@/lib/page/asana-selectors';
import { readTheme, type Theme } from '@/lib/page/theme';
import { extensionAlive, watchLocation } from '@/lib/page/page-life';
import { guardRoot } from '@/lib/page/person-guard';

export const WAIT_FOR_PANE_MS = 2_500;
/** How long a revisited task must stay on screen before Asana is asked whether it changed. */
export const REVISIT_CHECK_DELAY_MS = 500;
export const HOST_NAME = 'asana-time-log';

/**
 * Why nothing is written: Asana's pane and the URL name different tasks (shown read-only while
 * they do, and as the answer to a write tried just as the page switched).
 */
const mismatch = () => t('mismatch');

/** In Asana's pane; floating because no place was found; floating read-only because the pane names another task. */
type Mode = 'placed' | 'floating' | 'mismatch';
/** Where the widget is, as the self-check names it: the anchor, or why it floats. */
type PlaceName = AnchorRule['id'] | 'floating' | 'mismatch';

export function startTaskPageWidget(css: string): void {
  /** Ends when our extension goes away (updated, disabled or removed): see lib/page/page-life.ts. */
  const life = new AbortController();
  const ctx = {
    get isInvalid() {
      if (!life.signal.aborted && !extensionAlive()) life.abort();
      return life.signal.aborted;
    },
    onInvalidated: (run: () => void) => life.signal.addEventListener('abort', run),
  };
  let ui: { shadowHost: HTMLElement; uiContainer: HTMLElement } | null = null;
  let uiPromise: Promise<unknown> | null = null;
  let task: TaskUrlInfo | null = null;
  /** The task came from the pane's `data-task-id`, confirmed by Asana (no task in the URL). */
  let fromPane = false;
  let mode: Mode = 'placed';
  let theme: Theme = 'light';
  let revisitCheck = 0;
  let watchers: MutationObserver[] = [];
  let waiting: { observer: MutationObserver; timer: number } | null = null;
  /** Counts navigations: an answer that arrives for an earlier one is dropped. */
  let visit = 0;

  /** The shadow root the widget lives in: created once, moved between anchors, never re-created. */
  const getUi = () =>
    (uiPromise ??= Promise.resolve().then(() => {
      const created = createShadowHost(css);
      ui = created;
      ctx.onInvalidated(() => {
        render(null, created.uiContainer);
        created.shadowHost.remove();
      });
    }));

  /** Why a write must not run right now (the URL or the pane changed under the widget), or null. */
  function writeBlock(): string | null {
    const shown = task;
    if (!shown) return mismatch();
    const urlTask = parseTaskUrl(location.href)?.taskGid ?? null;
    const match = findPane(document, shown.taskGid);
    const agrees = fromPane
      ? (urlTask === null || urlTask === shown.taskGid) && match.paneTaskGid === shown.taskGid
      : urlTask === shown.taskGid && match.agrees;
    return agrees ? null : mismatch();
  }

  function draw() {
    if (!ui) return;
    if (!task) {
      render(null, ui.uiContainer);
      return;
    }
    render(
      h(TimeLogWidget, {
        taskGid: task.taskGid,
        projectGid: task.projectGid,
        workspaceGid: task.workspaceGid,
        theme,
        floating: mode !== 'placed',
        readOnly: mode === 'mismatch' ? mismatch() : null,
        writeBlock,
        refreshRequestedFor: task.taskGid,
      }),
      ui.uiContainer,
    );
  }

  function stopWatching() {
    for (const w of watchers) w.disconnect();
    watchers = [];
    if (waiting) {
      waiting.observer.disconnect();
      clearTimeout(waiting.timer);
      waiting = null;
    }
  }

  /**
   * Runs `check` on every change of the page's structure or of a pane's task, until stopped; or,
   * with `bounded`, for at most WAIT_FOR_PANE_MS, then places the widget for good (floating if
   * nothing else).
   */
  function watchPage(check: () => void, bounded = true) {
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: [PANE_TASK_ATTRIBUTE] });
    if (bounded) waiting = { observer, timer: window.setTimeout(() => (stopWatching(), place(true)), WAIT_FOR_PANE_MS) };
    else watchers.push(observer);
  }

  /**
   * Places the widget once the current script (a navigation handler, or Asana's render that just
   * removed us) has finished: a microtask, not a frame, so the figures are on screen in the same
   * frame as Asana's pane. Bounded, in case a page keeps taking the widget out again.
   */
  let placing = false;
  let placements: number[] = [];
  function schedulePlacement() {
    if (placing) return;
    placing = true;
    queueMicrotask(() => {
      placing = false;
      const now = performance.now();
      placements = placements.filter((t) => now - t < 1_000);
      placements.push(now);
      // A page that takes the widget out again and again gets it floating instead.
      place(false, placements.length > 20);
    });
  }

  const isAt = (host: Node, p: Placement) => host.parentNode === p.parent && (p.before === host || host.nextSibling === p.before);

  /** Puts the host in the task's pane, or floating once we have waited long enough. */
  function place(giveUp: boolean, noPlacement = false) {
    if (!ui || !task || ctx.isInvalid) return;
    const host = ui.shadowHost;
    const shown = task;
    const match = findPane(document, shown.taskGid);
    if (fromPane && (!match.pane || !match.agrees)) {
      // The inbox item closed or changed: its task must be confirmed again.
      void show(location.href);
      return;
    }
    if (!match.agrees) {
      if (!giveUp && !noPlacement) {
        // Asana may not have drawn the new task yet. Out of the old task's pane meanwhile.
        if (mode === 'placed') host.remove();
        if (!waiting) watchPage(() => findPane(document, shown.taskGid).agrees && place(false));
        return;
      }
      stopWatching();
      float('mismatch');
      // Back in place as soon as they agree.
      watchPage(() => findPane(document, shown.taskGid).agrees && schedulePlacement(), false);
      report(true);
      return;
    }
    const placement = match.pane && !noPlacement ? findPlacement(match.pane) : null;
    if (placement) {
      stopWatching();
      if (!isAt(host, placement)) placement.parent.insertBefore(host, placement.before);
      placedBy = placement.rule;
      setMode('placed', match.pane);
      // Asana re-renders the pane by swapping children at some level between the pane and our
      // parent: watch each of those elements' own children (no subtree), up to the pane's
      // parent, and the pane's task.
      const pane = match.pane!;
      const watcher = new MutationObserver(() => {
        const now = findPane(document, shown.taskGid);
        const p = now.pane === pane && now.agrees ? findPlacement(pane) : null;
        if (!p || !isAt(host, p)) schedulePlacement();
      });
      for (let el: Element | null = placement.parent; el; el = el.parentElement) {
        watcher.observe(el, { childList: true });
        if (el === pane.parentElement) break;
      }
      watcher.observe(pane, { attributes: true, attributeFilter: [PANE_TASK_ATTRIBUTE] });
      // After the fields because their description is not drawn yet: Asana draws it inside them.
      if (placement.rule === 'after-fields') watcher.observe(host.previousSibling!, { childList: true });
      watchers.push(watcher);
      return;
    }
    if (giveUp || noPlacement) {
      stopWatching();
      float('floating');
      return;
    }
    if (!waiting) {
      watchPage(() => {
        const now = findPane(document, shown.taskGid);
        if (!now.agrees || (now.pane && findPlacement(now.pane))) place(false);
      });
    }
  }

  function float(next: Mode) {
    const host = ui!.shadowHost;
    if (host.parentElement !== document.body) document.body.append(host);
    setMode(next, null);
  }

  /** The pane the theme was last read from: reading painted colours costs a style recalc, so only for a new pane. */
  let themeFrom: Element | null | undefined;
  let themeSeen: 'asana' | 'painted' | 'system' = 'system';
  /** The anchor the widget was last placed by. */
  let placedBy: PlaceName = 'floating';
  function setMode(next: Mode, themeSource: Element | null, recheck = false) {
    if (themeSource !== themeFrom || recheck) {
      const read = readTheme(document, [themeSource]);
      themeSeen = read.from;
      themeFrom = themeSource;
      if (next === mode && read.theme === theme) return report(false);
      theme = read.theme;
    } else if (next === mode) return report(false);
    mode = next;
    draw();
    report(false);
  }

  /** Tells the background where the widget is and which theme it found (for the self-check; no names or ids). */
  let reported = '';
  function report(mismatch: boolean) {
    const seen = { place: mode === 'placed' ? placedBy : mode, theme, themeFrom: themeSeen, mismatch };
    const key = JSON.stringify(seen);
    if (key === reported && !mismatch) return;
    reported = key;
    void send('page.report', seen).catch(() => undefined);
  }

  /** No task to show (yet): nothing on the page. */
  function clear() {
    task = null;
    fromPane = false;
    stopWatching();
    clearTimeout(revisitCheck);
    if (ui) {
      draw();
      ui.shadowHost.remove();
    }
  }

  async function show(url: string) {
    const now = ++visit;
    const next = parseTaskUrl(url);
    if (next) {
      if (fromPane) clear();
      return showTask(next);
    }
    // No task in the URL. An inbox item names its task on the pane: wait a moment for one, and
    // show it once Asana has confirmed the task.
    clear();
    let asked: string | null = null;
    const check = () => {
      const gid = findPane(document, null).paneTaskGid;
      if (gid && gid !== asked) void confirmPaneTask((asked = gid), now);
    };
    check();
    watchPage(check);
  }

  async function confirmPaneTask(gid: string, now: number) {
    let confirmed: { gid: string; workspace?: { gid: string } | null };
    try {
      confirmed = await send('task.get', { taskGid: gid, fresh: true });
    } catch {
      return; // Asana does not have it, or this person cannot see it: no widget.
    }
    if (now !== visit || ctx.isInvalid || confirmed.gid !== gid || parseTaskUrl(location.href) || findPane(document, gid).paneTaskGid !== gid) return;
    fromPane = true;
    await showTask({ taskGid: gid, projectGid: null, workspaceGid: confirmed.workspace?.gid ?? null });
  }

  async function showTask(next: TaskUrlInfo) {
    if (next.taskGid === task?.taskGid && next.projectGid === task?.projectGid) {
      schedulePlacement();
      return;
    }
    stopWatching();
    task = next;
    const shown = task;
    // Ask for fresh figures: at once for a task this page has not shown yet; for one it shows
    // from memory, after REVISIT_CHECK_DELAY_MS and only if it is still on screen, so that
    // skimming through tasks (Asana's j/k) costs no request per task passed.
    const refresh = () => send('task.refresh', { taskGid: shown.taskGid }).catch(() => undefined);
    clearTimeout(revisitCheck);
    // What the widget reads, into the page's mirror: who is signed in first, then that user's items.
    const preload = getUi().then(async () => {
      await preloadItems([accountKey, outboxKey, uiPrefsKey]);
      const me = mirroredItem(accountKey)?.user.gid;
      if (!me) return null;
      const mine = userKeys(me);
      const cached = mirroredItem(mine.task(shown.taskGid));
      if (cached?.fetchedAt) revisitCheck = window.setTimeout(() => task === shown && !ctx.isInvalid && void refresh(), REVISIT_CHECK_DELAY_MS);
      else void refresh();
      await preloadItems([mine.timer, mine.settings, mine.task(shown.taskGid)]);
      return me;
    });
    await preload;
    if (ctx.isInvalid || task !== shown) return;
    draw();
    schedulePlacement();
  }

  // Asana switches theme without navigating: watch only the attributes of <html> and <body>, and
  // the OS setting (the last resort). The widget is redrawn in the same task, so in the same frame.
  const themeChanged = () => {
    if (task && ui?.shadowHost.isConnected) setMode(mode, themeFrom ?? null, true);
  };
  const themeWatcher = new MutationObserver(themeChanged);
  const themeAttributes = { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] };
  themeWatcher.observe(document.documentElement, themeAttributes);
  if (document.body) themeWatcher.observe(document.body, themeAttributes);
  // (Left in place when the script is invalidated: with no widget on the page it does nothing.)
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', themeChanged);

  ctx.onInvalidated(() => {
    stopWatching();
    themeWatcher.disconnect();
  });
  watchLocation((href) => {
    if (!ctx.isInvalid) void show(href);
  }, life.signal);
  void show(location.href);
}

/** Keyboard events that must not reach Asana's page (its shortcuts would swallow our typing). */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

/**
 * An element with an open shadow root holding our styles, whose keyboard events stop at the
 * host. Open, so people's assistive tools and our tests can see inside; nothing in it is secret.
 */
function createShadowHost(css: string): { shadowHost: HTMLElement; uiContainer: HTMLElement } {
  const shadowHost = document.createElement(HOST_NAME);
  const shadow = shadowHost.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `:host{all:initial !important;display:block !important;}\n${css}`;
  const uiContainer = document.createElement('div');
  shadow.append(style, uiContainer);
  for (const type of ISOLATED_EVENTS) shadowHost.addEventListener(type, (event) => event.stopPropagation());
  guardRoot(shadow);
  return { shadowHost, uiContainer };
}
