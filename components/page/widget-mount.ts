/**
 * Keeps the time-log widget on the Asana task in the URL, through Asana's single-page navigation.
 *
 * Cost while idle is nil: no polling and no observer on the whole page. After a navigation we
 * look for the task pane as soon as the navigation's script is done; if Asana has not drawn it
 * yet, a page observer runs for at most {@link WAIT_FOR_PANE_MS} and is then disconnected.
 * Once placed, one observer on
 * the few elements from the anchor's parent up to the pane's parent (childList only, no
 * subtree) notices when Asana re-renders the pane and takes our element with it.
 */
import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mirroredItem, preloadItems } from '@/components/hooks';
import { accountKey, outboxKey, uiPrefsKey, userKeys } from '@/lib/storage/keys';
import { TimeLogWidget } from '@/components/time-log-widget';
import { send } from '@/lib/messaging/client';
import { parseTaskUrl, type TaskUrlInfo } from '@/lib/asana/task-url';
import { TASK_PANE, findTaskPaneAnchor } from '@/lib/page/asana-selectors';
import { detectTheme } from '@/lib/page/theme';

export const WAIT_FOR_PANE_MS = 2_500;
/** How long a revisited task must stay on screen before Asana is asked whether it changed. */
export const REVISIT_CHECK_DELAY_MS = 500;
export const HOST_NAME = 'asana-time-log';

export function startTaskPageWidget(ctx: ContentScriptContext, css: string): void {
  let ui: { shadowHost: HTMLElement; uiContainer: HTMLElement } | null = null;
  let uiPromise: Promise<unknown> | null = null;
  let task: TaskUrlInfo | null = null;
  let revisitCheck = 0;
  let floating = false;
  let theme: 'light' | 'dark' = 'light';
  let watchers: MutationObserver[] = [];
  let waiting: { observer: MutationObserver; timer: number } | null = null;

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

  function draw() {
    if (!ui) return;
    if (!task) {
      render(null, ui.uiContainer);
      return;
    }
    render(h(TimeLogWidget, { taskGid: task.taskGid, projectGid: task.projectGid, workspaceGid: task.workspaceGid, theme, floating, refreshRequestedFor: task.taskGid }), ui.uiContainer);
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

  /** Puts the host below the task pane's anchor, or floating once we have waited long enough. */
  function place(giveUp: boolean, float = false) {
    if (!ui || !task || ctx.isInvalid) return;
    const host = ui.shadowHost;
    const anchor = float ? null : findTaskPaneAnchor(document);
    if (float) giveUp = true;
    if (anchor) {
      stopWatching();
      if (host.previousElementSibling !== anchor || !host.isConnected) anchor.after(host);
      setMode(false, anchor.closest(TASK_PANE) ?? anchor.parentElement);
      // Asana re-renders the pane by swapping children at some level between the pane and the
      // anchor: watch each of those elements' own children (no subtree), up to the pane's parent.
      const pane = anchor.closest(TASK_PANE);
      const stop = pane?.parentElement ?? anchor.parentElement;
      const watcher = new MutationObserver(() => {
        if (!host.isConnected || host.previousElementSibling !== findTaskPaneAnchor(document)) schedulePlacement();
      });
      for (let el = anchor.parentElement; el; el = el.parentElement) {
        watcher.observe(el, { childList: true });
        if (el === stop) break;
      }
      watchers.push(watcher);
      return;
    }
    if (giveUp) {
      stopWatching();
      if (host.parentElement !== document.body) document.body.append(host);
      setMode(true, document.body);
      return;
    }
    if (!waiting) {
      const observer = new MutationObserver(() => {
        if (findTaskPaneAnchor(document)) place(false);
      });
      observer.observe(document.body, { childList: true, subtree: true });
      waiting = { observer, timer: window.setTimeout(() => place(true), WAIT_FOR_PANE_MS) };
    }
  }

  /** The pane the theme was last read from: reading computed colours costs a style recalc, so only for a new pane. */
  let themeFrom: Element | null | undefined;
  function setMode(isFloating: boolean, themeSource: Element | null, recheck = false) {
    const nextTheme = themeSource === themeFrom && !recheck ? theme : detectTheme([themeSource, document.body, document.documentElement]);
    themeFrom = themeSource;
    if (isFloating === floating && nextTheme === theme) return;
    floating = isFloating;
    theme = nextTheme;
    draw();
  }

  async function show(url: string) {
    const next = parseTaskUrl(url);
    if (next?.taskGid === task?.taskGid && next?.projectGid === task?.projectGid) {
      if (task) schedulePlacement();
      return;
    }
    task = next;
    if (!task) {
      stopWatching();
        if (ui) {
        draw();
        ui.shadowHost.remove();
      }
      return;
    }
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

  // Asana switches theme without navigating: watch only the attributes of <html> and <body>.
  const themeWatcher = new MutationObserver(() => {
    if (task && ui?.shadowHost.isConnected) setMode(floating, ui.shadowHost.parentElement?.closest(TASK_PANE) ?? null, true);
  });
  themeWatcher.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
  if (document.body) themeWatcher.observe(document.body, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });

  ctx.onInvalidated(() => {
    stopWatching();
    themeWatcher.disconnect();
  });
  ctx.addEventListener(window, 'wxt:locationchange', (event) => void show(event.newUrl.href));
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
  return { shadowHost, uiContainer };
}
