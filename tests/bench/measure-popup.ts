/**
 * Figure (d): the toolbar popup, from navigation start to the duration input being usable, with
 * an Asana task as the active tab (so the popup shows that task's form, as it does in real use).
 *
 * Playwright cannot open Chromium's real action popup, so popup.html is loaded in a background
 * tab of the same window while the Asana tab stays active: `tabs.query({active, currentWindow})`
 * then finds the Asana task, as it would from the toolbar. Headless Chromium treats background
 * tabs as visible (animation frames and timers are not throttled), so the page runs at full speed.
 */
import type { Page } from 'playwright-core';
import type { Sandbox } from '../sandbox/index.ts';
import type { Harness } from '../e2e/harness.ts';
import { waitForQuiet } from './sandbox-traffic.ts';
import { summarize, type Summary } from './summary.ts';

export interface PopupSample {
  /** performance.now() (ms since the navigation's time origin) when the duration input was present and enabled. */
  interactiveMs: number;
  /** ...when it had the focus (autofocus), or null if it never got it. */
  focusedMs: number | null;
  /** DOMContentLoaded end, for context. */
  domContentLoadedMs: number;
}

export interface PopupFigures {
  samples: PopupSample[];
  interactive: Summary;
  focused: Summary;
  domContentLoaded: Summary;
  /** Usable input as a multiple of the same load's DOMContentLoaded (the popup's own floor). */
  ratioToDomContentLoaded: Summary;
}

/** The popup's duration input (EntryForm with idPrefix "popup-entry"). */
const DURATION_INPUT_ID = 'popup-entry-duration';

/** Runs in the popup before its own scripts, on every load: records when the input becomes usable. */
function recordInteractive(inputId: string) {
  const mark: { interactiveAt?: number; focusedAt?: number } = {};
  (window as unknown as { __benchPopup: typeof mark }).__benchPopup = mark;
  const check = () => {
    const input = document.getElementById(inputId) as HTMLInputElement | null;
    if (mark.interactiveAt === undefined && input?.isConnected && !input.disabled) mark.interactiveAt = performance.now();
    if (mark.focusedAt === undefined && input && document.activeElement === input) mark.focusedAt = performance.now();
    if (mark.interactiveAt !== undefined && mark.focusedAt !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  document.addEventListener('focusin', check, true);
}

/**
 * Loads the popup `opens` times (after one unmeasured warm-up load) over `asanaPage`, which must
 * show a task. Waits for the extension to fall quiet between loads.
 */
export async function measurePopup(harness: Harness, sandbox: Sandbox, asanaPage: Page, opens = 30): Promise<PopupFigures> {
  const popup = await harness.context.newPage();
  await popup.addInitScript(recordInteractive, DURATION_INPUT_ID);
  await asanaPage.bringToFront();
  const samples: PopupSample[] = [];
  try {
    for (let i = 0; i <= opens; i++) {
      await popup.goto(harness.extensionUrl('popup.html'));
      // The form only renders when the popup recognised the active tab as an Asana task.
      await popup.waitForFunction(() => (window as unknown as { __benchPopup: { interactiveAt?: number } }).__benchPopup.interactiveAt !== undefined, null, { timeout: 15_000 });
      await waitForQuiet(sandbox, 200);
      const sample = await popup.evaluate(() => {
        const mark = (window as unknown as { __benchPopup: { interactiveAt: number; focusedAt?: number } }).__benchPopup;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { interactiveMs: mark.interactiveAt, focusedMs: mark.focusedAt ?? null, domContentLoadedMs: nav?.domContentLoadedEventEnd ?? 0 };
      });
      if (i > 0) samples.push(sample); // the first load reads the bundle from disk: a warm-up
    }
  } finally {
    await popup.close();
  }
  return {
    samples,
    interactive: summarize(samples.map((s) => s.interactiveMs)),
    focused: summarize(samples.flatMap((s) => (s.focusedMs === null ? [] : [s.focusedMs]))),
    domContentLoaded: summarize(samples.map((s) => s.domContentLoadedMs)),
    ratioToDomContentLoaded: summarize(samples.map((s) => s.interactiveMs / s.domContentLoadedMs)),
  };
}
