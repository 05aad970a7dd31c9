/**
 * Figure (e): main-thread time the extension adds to the Asana page per navigation. The same
 * sandbox page and the same pushState navigations run in Chromium with the extension and in a
 * second Chromium without it; Chrome DevTools Protocol `Performance.getMetrics` (cumulative
 * durations of the page's renderer main thread, content scripts included) is read before and
 * after, and the difference per navigation is what the extension costs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/harness.ts';
import type { Sandbox } from '../sandbox/index.ts';

/** The CDP metrics we compare (seconds, cumulative, in the protocol). */
export const MAIN_THREAD_METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const;
export type MainThreadMetric = (typeof MAIN_THREAD_METRICS)[number];

/** Milliseconds per navigation for each metric. */
export type PerNavigation = Record<MainThreadMetric, number>;

export interface MainThreadFigures {
  navigations: number;
  settleMs: number;
  withExtension: PerNavigation;
  withoutExtension: PerNavigation;
  /** withExtension - withoutExtension. */
  added: PerNavigation;
  /** The same with every section of the widget opened (the quick form's options, the entry list). */
  withExtensionOpen?: PerNavigation;
  addedOpen?: PerNavigation;
}

/**
 * Chromium without the extension: the e2e harness's flags minus `--load-extension` and
 * `--disable-extensions-except`, same viewport, app.asana.com mapped to the sandbox.
 */
export async function launchWithoutExtension(sandbox: Sandbox): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'atl-bench-base-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(sandbox.port),
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function readMetrics(cdp: CDPSession): Promise<PerNavigation> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return Object.fromEntries(MAIN_THREAD_METRICS.map((name) => [name, value(name) * 1000])) as PerNavigation;
}

/**
 * Navigates `page` (already showing the sandbox app) through `paths` in turn, `navigations`
 * times, and returns the main-thread milliseconds per navigation. Each navigation is followed
 * by a fixed pause inside the page (no polling, which would itself cost script time), long
 * enough for the widget to show the figures and for its background check to come back.
 */
export async function mainThreadPerNavigation(page: Page, paths: readonly string[], navigations: number, settleMs: number): Promise<PerNavigation> {
  const navigateAndSettle = (p: string) =>
    page.evaluate(
      ([target, pause]) =>
        new Promise<void>((resolve) => {
          // Navigate from a task of the page's own, as a click would: script run by the DevTools
          // protocol's evaluate is not counted in ScriptDuration, and the app's render would be missed.
          setTimeout(() => (window as unknown as { __sandboxNavigate: (path: string) => void }).__sandboxNavigate(target), 0);
          setTimeout(resolve, pause);
        }),
      [p, settleMs] as const,
    );
  // Warm up: the first navigations compile code paths that later ones reuse.
  for (const p of paths.slice(0, 5)) await navigateAndSettle(p);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await readMetrics(cdp);
  for (let i = 0; i < navigations; i++) await navigateAndSettle(paths[i % paths.length]!);
  const after = await readMetrics(cdp);
  await cdp.detach();
  return Object.fromEntries(MAIN_THREAD_METRICS.map((m) => [m, (after[m] - before[m]) / navigations])) as PerNavigation;
}

/** Subtracts the baseline, metric by metric. */
export function addedByExtension(withExtension: PerNavigation, withoutExtension: PerNavigation): PerNavigation {
  return Object.fromEntries(MAIN_THREAD_METRICS.map((m) => [m, withExtension[m] - withoutExtension[m]])) as PerNavigation;
}
