/**
 * Times a task navigation inside the Asana page itself, so Playwright's round trips are not part
 * of the figure: the page records performance.now(), calls the sandbox app's own pushState
 * navigation (`window.__sandboxNavigate`), and a MutationObserver on the widget's shadow root
 * notes when the total shows the expected text for that task.
 */
import type { Page } from 'playwright-core';

export interface OpenRequest {
  /** The path to navigate to, e.g. `/1/<workspace>/task/<gid>`. */
  path: string;
  taskGid: string;
  /** The text `[data-testid=total]` must show, e.g. "12 h 30 min". */
  expectedTotal: string;
  /** Also wait for the first entry row of the list (tasks with entries). */
  waitForList?: boolean;
  timeoutMs?: number;
}

export interface OpenTiming {
  /** Milliseconds from the navigation call to the right total in the DOM. */
  totalMs: number;
  /** Milliseconds to the first entry row in the DOM (when asked for). */
  listMs: number | null;
  /** Milliseconds to the first frame after the list was in the DOM: it has been laid out and painted. */
  listPaintedMs: number | null;
  /** Durations of the long tasks (>50 ms, PerformanceObserver 'longtask') from the call until shortly after. */
  longTasks: number[];
  /** Epoch ms of the navigation call, to match the sandbox's request log (`start`). */
  startedAt: number;
}

/** Navigates the page to a task with pushState and times the widget, all measured in the page. */
export async function timeTaskOpen(page: Page, request: OpenRequest): Promise<OpenTiming> {
  return page.evaluate(
    ({ path, taskGid, expectedTotal, waitForList, timeoutMs }) =>
      new Promise<OpenTiming>((resolve, reject) => {
        const longTasks: number[] = [];
        const longTaskObserver = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longTasks.push(e.duration);
        });
        longTaskObserver.observe({ type: 'longtask' });
        const observed = new WeakSet<Node>();
        let totalAt: number | null = null;
        let listAt: number | null = null;
        let done = false;

        // The widget's host may not exist yet on the first open: watch the document for it, then
        // its shadow root (a document observer does not see inside shadow roots).
        const observer = new MutationObserver(() => check());
        const watch = (node: Node) => {
          if (observed.has(node)) return;
          observed.add(node);
          observer.observe(node, { childList: true, subtree: true, characterData: true, attributes: true });
        };
        watch(document.body);

        const timeout = window.setTimeout(() => finish(new Error(`no total "${expectedTotal}" for task ${taskGid} after ${timeoutMs} ms`)), timeoutMs);

        function check() {
          if (done) return;
          const root = document.querySelector('asana-time-log')?.shadowRoot;
          if (!root) return;
          watch(root);
          const section = root.querySelector(`section[data-task-gid="${taskGid}"]`);
          if (!section) return;
          const now = performance.now();
          if (totalAt === null && section.querySelector('[data-testid="total"]')?.textContent === expectedTotal) totalAt = now;
          if (waitForList && listAt === null && section.querySelector('li.tl-entry')) listAt = now;
          if (totalAt !== null && (!waitForList || listAt !== null)) {
            done = true;
            observer.disconnect();
            // The next animation frame runs after this task's rendering work; a message posted
            // from it runs after that frame's style, layout and paint.
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => {
                const painted = performance.now();
                // Long tasks are reported once they end: give the observer a moment.
                window.setTimeout(() => finish(null, painted), 100);
              };
              channel.port2.postMessage(null);
            });
          }
        }

        function finish(error: Error | null, painted?: number) {
          done = true;
          observer.disconnect();
          clearTimeout(timeout);
          for (const e of longTaskObserver.takeRecords()) longTasks.push(e.duration);
          longTaskObserver.disconnect();
          if (error) return reject(error);
          resolve({
            totalMs: totalAt! - start,
            listMs: listAt === null ? null : listAt - start,
            listPaintedMs: waitForList && painted !== undefined ? painted - start : null,
            longTasks,
            startedAt: performance.timeOrigin + start,
          });
        }

        const start = performance.now();
        (window as unknown as { __sandboxNavigate: (path: string) => void }).__sandboxNavigate(path);
        check();
      }),
    { ...request, waitForList: request.waitForList ?? false, timeoutMs: request.timeoutMs ?? 30_000 },
  );
}


/**
 * tsx compiles these files with esbuild's `keepNames`, which wraps named functions in a
 * `__name(fn, "name")` helper. Functions handed to `page.evaluate` are sent as source text and
 * fail in the page (`__name is not defined`) unless the page has one: install a no-op helper in
 * every page of a context (`context.addInitScript({ content: NAME_HELPER })`) before opening pages.
 */
export const NAME_HELPER = 'globalThis.__name ??= (fn) => fn;';

/** Resolves once the widget's section for `taskGid` shows `total` (the first render of a page). */
export async function widgetShows(page: Page, taskGid: string, total: string, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    ([gid, expected]) => document.querySelector('asana-time-log')?.shadowRoot?.querySelector(`section[data-task-gid="${gid}"] [data-testid="total"]`)?.textContent === expected,
    [taskGid, total] as const,
    { timeout: timeoutMs },
  );
}
