/**
 * The bench's printed table: one row per figure with its goal and whether it was met, a line on
 * how it was measured, and the details (files, requests by route) beneath.
 */
import type { Machine } from './machine.ts';
import type { BundleSize } from './measure-bundle-size.ts';
import type { LargeTaskRun } from './measure-large-task.ts';
import { MAIN_THREAD_METRICS, type MainThreadFigures } from './measure-main-thread.ts';
import type { NavigationFigures } from './measure-navigation.ts';
import type { PopupFigures } from './measure-popup.ts';
import type { RequestBudgetRow } from './measure-requests.ts';
import { bytes, ms, summarize } from './summary.ts';

/** Everything one run measured (also the JSON written to results/). */
export interface BenchResults {
  date: string;
  durationS: number;
  extensionDir: string;
  /** Commit of the working tree the bench ran in (the build is assumed to come from it). */
  source: string;
  machine: Machine;
  bundle: BundleSize;
  navigation: NavigationFigures;
  requests: RequestBudgetRow[];
  popup: PopupFigures;
  mainThread: MainThreadFigures;
  large: LargeTaskRun[];
}

/** Goals from issue 8. Timings are compared for the report only; nothing fails on them. */
export const GOALS = {
  coldOverheadP95Ms: 150,
  revisitP95Ms: 30,
  addedMainThreadMs: 5,
};

interface Row {
  figure: string;
  value: string;
  goal: string;
  result: 'met' | 'MISSED' | '';
  how: string;
  details?: string[];
}

const verdict = (ok: boolean): Row['result'] => (ok ? 'met' : 'MISSED');
const p50p95 = (s: { p50: number; p95: number }) => `${ms(s.p50)} / ${ms(s.p95)}`;

function rows(r: BenchResults): Row[] {
  const { bundle, navigation: nav, popup, mainThread: mt, large } = r;
  const out: Row[] = [];

  out.push({
    figure: '(a) injected into every Asana page (gzip -9)',
    value: `${bytes(bundle.gzip)}; raw ${bytes(bundle.raw)}`,
    goal: `<= ${bundle.budget} B`,
    result: verdict(bundle.gzip <= bundle.budget),
    how: 'content_scripts[].js/css of the built manifest, gzipped with node zlib level 9',
    details: bundle.files.map((f) => `${f.file}: raw ${f.raw} B, gzip ${f.gzip} B`),
  });

  out.push({
    figure: `(b) cold open to total, p50 / p95 (n=${nav.cold.open.n})`,
    value: `${p50p95(nav.cold.open)}; sandbox API ${p50p95(nav.cold.api)}; added ${p50p95(nav.cold.overhead)}`,
    goal: `added p95 <= ${GOALS.coldOverheadP95Ms} ms`,
    result: verdict(nav.cold.overhead.p95 <= GOALS.coldOverheadP95Ms),
    how: 'in the page: performance.now() around __sandboxNavigate() (pushState) until a MutationObserver sees the right total in the shadow root; API = sandbox durationMs of that open\'s list requests; added = open - API per open',
    details: [
      `phases p50 / p95: navigation to first request ${p50p95(nav.cold.phases.toFirstRequest)}, requests ${p50p95(nav.cold.phases.requests)}, last response to total ${p50p95(nav.cold.phases.afterLastResponse)}`,
    ],
  });
  out.push({
    figure: `(b) revisit to total, p50 / p95 (n=${nav.revisit.open.n})`,
    value: `${p50p95(nav.revisit.open)}; its check with Asana ${p50p95(nav.revisit.api)} (sent 0.5 s after the total)`,
    goal: `p95 <= ${GOALS.revisitP95Ms} ms`,
    result: verdict(nav.revisit.open.p95 <= GOALS.revisitP95Ms),
    how: 'same as cold, on tasks already opened in this profile: the total comes from the cache; the GET /tasks/{gid} check is not on the way to it',
  });

  for (const row of r.requests) {
    const routes = (c: { byRoute: Record<string, number> }) => Object.entries(c.byRoute).map(([k, v]) => `${v} x ${k}`).join(', ') || 'none';
    out.push({
      figure: `(c) requests per open, ${row.entries} entries`,
      value: `cold ${row.cold.requests}, revisit ${row.revisit.requests}`,
      goal: `cold = ${row.coldBudget}, revisit <= ${row.revisitBudget}`,
      result: verdict(row.coldMet && row.revisitMet),
      how: '',
      details: [`cold: ${routes(row.cold)}`, `revisit: ${routes(row.revisit)}`],
    });
  }
  out.at(-1)!.how = 'every API request the sandbox logged from the navigation until 750 ms without one (stats.requests), by route';

  out.push({
    figure: `(d) popup to usable duration input, p50 / p95 (n=${popup.interactive.n})`,
    value: `${p50p95(popup.interactive)}; focused ${p50p95(popup.focused)} (n=${popup.focused.n}); DOMContentLoaded ${p50p95(popup.domContentLoaded)}`,
    goal: '',
    result: '',
    how: 'popup.html loaded over an active Asana task tab; performance.now() (since navigation start) when a MutationObserver sees the input present and enabled',
  });

  out.push({
    figure: `(e) main thread added per navigation (TaskDuration)`,
    value: `${ms(mt.added.TaskDuration)}: with ${ms(mt.withExtension.TaskDuration)}, without ${ms(mt.withoutExtension.TaskDuration)}`,
    goal: `<= ${GOALS.addedMainThreadMs} ms`,
    result: verdict(mt.added.TaskDuration <= GOALS.addedMainThreadMs),
    how: `CDP Performance.getMetrics deltas over ${mt.navigations} pushState navigations between cached tasks (${mt.settleMs} ms apart), in Chromium with and without the extension; TaskDuration is the total (ScriptDuration leaves out microtasks, where Preact renders)`,
    details: MAIN_THREAD_METRICS.map((m) => `${m}: with ${ms(mt.withExtension[m])}, without ${ms(mt.withoutExtension[m])}, added ${ms(mt.added[m])}`),
  });

  if (mt.addedOpen && mt.withExtensionOpen) {
    out.push({
      figure: `(e) the same with every widget section open`,
      value: `${ms(mt.addedOpen.TaskDuration)}: with ${ms(mt.withExtensionOpen.TaskDuration)}, without ${ms(mt.withoutExtension.TaskDuration)}`,
      goal: '',
      result: '',
      how: 'as (e), after opening the quick form\'s options and the entry list (a person\'s choice, remembered across tasks)',
      details: MAIN_THREAD_METRICS.map((m) => `${m}: with ${ms(mt.withExtensionOpen![m])}, added ${ms(mt.addedOpen![m])}`),
    });
  }

  const cold = summarize(large.map((l) => l.cold.totalMs));
  const list = summarize(large.map((l) => l.cold.listPaintedMs ?? 0));
  const api = summarize(large.map((l) => l.coldApiMs));
  const longest = Math.max(0, ...large.map((l) => Math.max(0, ...l.cold.longTasks)));
  const clicks = large.flatMap((l) => l.showMore);
  const click = summarize(clicks.map((c) => c.paintedMs));
  const revisit = summarize(large.map((l) => l.revisit.totalMs));
  out.push({
    figure: `(f) 5,000 entries: cold open to total / list painted (median of ${large.length})`,
    value: `${ms(cold.p50)} / ${ms(list.p50)} (sandbox API ${ms(api.p50)} for ${large[0]?.coldRequests ?? 0} pages)`,
    goal: '',
    result: '',
    how: 'as (b), also waiting for the first entry row; "painted" = the message posted from the next animation frame',
    details: large.map((l, i) => {
      const p = l.coldPhases;
      const phases = p ? `; navigation to first request ${ms(p.toFirstRequestMs)}, ${l.coldRequests} requests ${ms(p.requestsMs)}, last response to total ${ms(p.afterLastResponseMs)}` : '';
      return `run ${i + 1}: total ${ms(l.cold.totalMs)}, list in DOM ${ms(l.cold.listMs ?? 0)}, painted ${ms(l.cold.listPaintedMs ?? 0)}, long tasks ${l.cold.longTasks.map((t) => Math.round(t)).join(', ') || 'none'} ms${phases}`;
    }),
  });
  out.push({
    figure: '(f) 5,000 entries: longest long task during the cold open',
    value: longest ? ms(longest) : 'none over 50 ms',
    goal: '',
    result: '',
    how: "PerformanceObserver('longtask') in the page from the navigation until 100 ms after the list was painted",
  });
  out.push({
    figure: `(f) 5,000 entries: click "Show N more" to painted, p50 / max (n=${click.n})`,
    value: `${ms(click.p50)} / ${ms(click.max)}; longest task ${ms(Math.max(0, ...clicks.map((c) => c.longestTaskMs)))}`,
    goal: '',
    result: '',
    how: 'in the page: button.click() until the new rows are in the DOM and the next frame has run',
    details: clicks.map((c) => `${c.rowsBefore} -> ${c.rowsAfter} rows: DOM ${ms(c.domMs)}, painted ${ms(c.paintedMs)}`),
  });
  out.push({
    figure: '(f) 5,000 entries: revisit to total (median)',
    value: ms(revisit.p50),
    goal: '',
    result: '',
    how: 'as (b) revisit: the 5,000 cached entries read from storage.local by the content script',
  });
  return out;
}

/** The table as text (plain, fixed width; the JSON holds every sample). */
export function printReport(r: BenchResults): string {
  const m = r.machine;
  const table = rows(r);
  const width = (pick: (row: Row) => string) => Math.max(...table.map((row) => pick(row).length));
  const wf = width((row) => row.figure);
  const wv = width((row) => row.value);
  const wg = width((row) => row.goal);
  const lines = [
    `Asana Time Log: performance (${r.date}, ${r.durationS} s, build ${r.extensionDir} from ${r.source})`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Chromium ${m.chromium}, node ${m.node}`,
    `Load average (1/5/15 min): ${m.loadAtStart.join(' ')} at start, ${m.loadAtEnd.join(' ')} at end${
      // Only the start counts: the bench's own browser and sandbox raise the load while it runs.
      (m.loadAtStart[0] ?? 0) > m.cores / 2 ? ` (busy before the start for ${m.cores} cores: timings are noisier; rerun when quiet)` : ''
    }`,
    '',
    `${'Figure'.padEnd(wf)} | ${'Value'.padEnd(wv)} | ${'Goal'.padEnd(wg)} | Result`,
    `${'-'.repeat(wf)}-|-${'-'.repeat(wv)}-|-${'-'.repeat(wg)}-|-------`,
  ];
  for (const row of table) {
    lines.push(`${row.figure.padEnd(wf)} | ${row.value.padEnd(wv)} | ${row.goal.padEnd(wg)} | ${row.result}`);
    for (const d of row.details ?? []) lines.push(`    ${d}`);
    if (row.how) lines.push(`    how: ${row.how}`);
  }
  return lines.join('\n');
}
