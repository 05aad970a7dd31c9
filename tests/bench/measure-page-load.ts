/**
 * What the extension adds to the load of an Asana page: the main-thread time (CDP
 * `Performance.getMetrics` TaskDuration of a new tab, read about a second after the task pane and,
 * with the extension, the widget's total are on screen) with the extension and without it, the
 * two alternating; and where the widget came relative to the page's first contentful paint (the
 * content script must not run before the page has painted).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { readMetrics, type PerNavigation } from './measure-main-thread.ts';

export interface PageLoadSample {
  metrics: PerNavigation;
  /** ms from navigation start to the first contentful paint. */
  fcpMs: number | null;
  /** ms from navigation start to the widget's host element in the DOM (null without the extension). */
  widgetMs: number | null;
  /** ms from navigation start to the task pane in the DOM. */
  paneMs: number | null;
}

/** Runs in the main world before the page's scripts: notes the first contentful paint, the pane and the widget. */
export const LOAD_MARKS = `(() => {
  const marks = (window.__benchLoad = { fcp: null, widget: null, pane: null });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') marks.fcp = e.startTime; }).observe({ type: 'paint', buffered: true });
  const check = () => {
    if (marks.pane === null && document.querySelector('[data-task-id]')) marks.pane = performance.now();
    if (marks.widget === null && document.querySelector('asana-time-log')) marks.widget = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

/**
 * Opens `url` in a new tab of `context` and measures its load until `ready` resolves in the page
 * plus `afterMs`, then closes the tab. The context must have {@link LOAD_MARKS} as an init script.
 */
export async function pageLoadSample(context: BrowserContext, url: string, ready: (page: Page) => Promise<unknown>, afterMs = 1_000): Promise<PageLoadSample> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    await ready(page);
    await page.evaluate((ms) => new Promise((r) => setTimeout(r, ms)), afterMs);
    const metrics = await readMetrics(cdp);
    const marks = await page.evaluate(() => (window as unknown as { __benchLoad: { fcp: number | null; widget: number | null; pane: number | null } }).__benchLoad);
    await cdp.detach();
    return { metrics, fcpMs: marks.fcp, widgetMs: marks.widget, paneMs: marks.pane };
  } finally {
    await page.close();
  }
}
