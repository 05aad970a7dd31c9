/**
 * The project's budget and the task's estimate, each a short line over a bar (issue 17): in the
 * widget under the task's totals ({@link TaskGauges}: the content script ships only its asking,
 * {@link GaugeLines} load with the widget's lazy part), and in the timesheet ({@link BudgetLine}, {@link EstimateLine}).
 *
 * A budget is the background's (read once per project and cached for ten minutes, a refusal
 * too; cleared after a write to the project): a view asks for it when shown and reads what the
 * background stored, so a revisit costs Asana nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Budget } from '@/lib/asana/schemas';
import { budgetGauge, gauge, type Gauge } from '@/lib/gauge';
import { duration, t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { userKeys, type StoredKey } from '@/lib/storage/keys';
import type { BudgetCache, TaskInfo } from '@/lib/storage/schemas';
import { useItem } from './hooks';
import { LazyPart } from './lazy-part';

/**
 * Text over a bar filled to the share used (amber from 90 %, red past 100 %). The text says the
 * figures; the bar's elements are empty, so assistive technology has nothing to read in them.
 */
const line = (g: Gauge, text: string) => (
  <p class={`tl-mute tl-${g.level}`}>
    {text}
    <span class="tl-gauge">
      <span style={{ width: `${Math.min(100, g.percent)}%` }} />
    </span>
  </p>
);

/** "Website budget: 312 h of 400 h" (the project named as Asana names the budget's), or a cost budget's share used; nothing without a total. */
function budgetLine(budget: Budget | null | undefined) {
  const g = budgetGauge(budget);
  const named = budget?.parent?.name ?? '';
  return g && line(g, g.minutes ? t('budgetTime', named, duration(g.minutes[0]), duration(g.minutes[1])) : t('budgetShare', named, g.percent));
}

/** "3 h 15 min of 5 h estimated", when there is an estimate to measure against. */
function estimateLine(spent: number, estimate: number | null | undefined) {
  const g = gauge(spent, estimate);
  return g && line(g, t('estimateOf', duration(spent), duration(estimate!)));
}

/**
 * The stored budget, asked for whenever the project is shown and again when it is gone (cleared
 * after a write): the background answers from its cache while fresh, so only a first read, a
 * stale one or one after a write costs Asana a request.
 */
function useBudget(item: StoredKey<BudgetCache | null> | null, projectGid: string | null | undefined) {
  const cached = useItem(item);
  const missing = cached.loaded && !cached.value;
  useEffect(() => {
    if (projectGid && cached.loaded) send('budget.get', { projectGid }).catch(() => 0); // a refusal is stored as "none"
  }, [projectGid, cached.loaded, missing]);
  return cached.value?.budget;
}

/** The widget's two lines, from figures its small part ({@link TaskGauges}) gathered; shipped in the widget's lazy part. */
export function GaugeLines(props: { budget: Budget | null | undefined; spent: number | null; estimate: number | null | undefined }) {
  return (
    <>
      {budgetLine(props.budget)}
      {props.spent !== null && estimateLine(props.spent, props.estimate)}
    </>
  );
}

/**
 * The widget's budget and estimate: the budget of the project the time counts toward (the one in
 * the URL when the task is in it, else the task's first, as the entry form picks), and the task's
 * total against its estimate once the figures are in. Only the asking is in the content script
 * (no stored item's schema: the background answers from its cache while fresh, so a revisit costs
 * Asana nothing; asked again when the task's total moves, after a write cleared that cache); the
 * lines load with the widget's lazy part, and only when there is something to draw.
 */
export function TaskGauges(props: { urlProject: string | null; info: TaskInfo | null; spent: number | null }) {
  const { info, urlProject } = props;
  const project = info ? (info.projects.some((p) => p.gid === urlProject) ? urlProject : info.projects[0]?.gid) : urlProject;
  const [budget, setBudget] = useState<Budget | null>(null);
  useEffect(() => {
    if (project) send('budget.get', { projectGid: project }).then(setBudget, () => 0); // a refusal is stored as "none"
  }, [project, props.spent]);
  const estimate = info?.estimateMinutes;
  if (!budget && !(props.spent !== null && estimate)) return null;
  return <LazyPart name="gauges" props={{ budget, spent: props.spent, estimate }} />;
}

/** The timesheet's line for the project it is filtered by (`item`: the schema-checked stored item). */
export function BudgetLine(props: { item: StoredKey<BudgetCache | null>; projectGid: string }) {
  return budgetLine(useBudget(props.item, props.projectGid));
}

/** The timesheet row's task time against its estimate. */
export const EstimateLine = (props: { spent: number; estimate: number | null | undefined }) => estimateLine(props.spent, props.estimate);
