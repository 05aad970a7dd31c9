/**
 * Main-thread time per navigation, in the Asana page with and without the extension: Chrome
 * DevTools Protocol `Performance.getMetrics` (cumulative durations of the page's renderer main
 * thread, content scripts included) read before and after a block of pushState navigations. The
 * blocks alternate between a Chromium with the extension and one without it, both alive for the
 * whole run (see bench.ts for the rounds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/harness.ts';
import type { Sandbox } from '../sandbox/index.ts';
import type { Comparison } from './interleave.ts';

/** The CDP metrics we compare (seconds, cumulative, in the protocol). */
export const MAIN_THREAD_METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const;
export type MainThreadMetric = (typeof MAIN_THREAD_METRICS)[number];

/** Milliseconds per navigation for each metric. */
export type PerNavigation = Record<MainThreadMetric, number>;

export interface MainThreadFigures {
  rounds: number;
  navigationsPerBlock: number;
  settleMs: number;
  /** TaskDuration per navigation, a new user's compact widget against no extension, round by round. */
  compact: Comparison;
  /** The same with every section of the widget open (the quick form's options, the entry list). */
  open: Comparison;
  /** Medians of every metric per navigation, for the breakdown. */
  perMetric: { none: PerNavigation; compact: PerNavigation; open: PerNavigation };
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

/** The page's main-thread durations so far, in ms. */
export async function readMetrics(cdp: CDPSession): Promise<PerNavigation> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return Object.fromEntries(MAIN_THREAD_METRICS.map((name) => [name, value(name) * 1000])) as PerNavigation;
}

/** Navigates from a task of the page's own, as a click would, and waits `settleMs` inside the page. */
export function navigateAndSettle(page: Page, target: string, settleMs: number): Promise<void> {
  return page.evaluate(
    ([to, pause]) =>
      new Promise<void>((resolve) => {
        // Script run by the DevTools protocol's evaluate is not counted in ScriptDuration, and
        // the app's render would be missed: navigate from a task of the page's own.
        setTimeout(() => (window as unknown as { __sandboxNavigate: (path: string) => void }).__sandboxNavigate(to), 0);
        setTimeout(resolve, pause);
      }),
    [target, settleMs] as const,
  );
}

/** A page kept for a run of navigations, with its DevTools session. */
export interface MeasuredPage {
  page: Page;
  cdp: CDPSession;
  /** Where the next navigation goes (round-robin over the paths). */
  next: number;
}

export async function measuredPage(page: Page): Promise<MeasuredPage> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp, next: 0 };
}

/**
 * One block: `warmUp` navigations that are not counted (they absorb a change of widget state made
 * just before), then `navigations` that are; returns the main-thread ms per counted navigation.
 * No polling in between, which would itself cost script time.
 */
export async function navigationBlock(m: MeasuredPage, paths: readonly string[], navigations: number, settleMs: number, warmUp = 2): Promise<PerNavigation> {
  const step = () => navigateAndSettle(m.page, paths[m.next++ % paths.length]!, settleMs);
  for (let i = 0; i < warmUp; i++) await step();
  const before = await readMetrics(m.cdp);
  for (let i = 0; i < navigations; i++) await step();
  const after = await readMetrics(m.cdp);
  return Object.fromEntries(MAIN_THREAD_METRICS.map((k) => [k, (after[k] - before[k]) / navigations])) as PerNavigation;
}

/** Subtracts the baseline, metric by metric. */
export function addedByExtension(withExtension: PerNavigation, withoutExtension: PerNavigation): PerNavigation {
  return Object.fromEntries(MAIN_THREAD_METRICS.map((m) => [m, withExtension[m] - withoutExtension[m]])) as PerNavigation;
}
