/**
 * The timesheet's logic, free of any UI: which week and filters the URL asks for, the task × day
 * grid with its totals, and the chart's stacks of hours per day and category. Pure functions, so
 * the options page, the CSV export and the tests all see the same figures.
 */
import type { Category, Entry } from './asana/schemas';
import { addDays, isIsoDate, weekOf } from './dates';
import { isLocked } from './pending';

/** The category filter value (and chart series key) for entries without a category. */
export const NO_CATEGORY = 'none';

/** Everything that defines what the timesheet shows; all of it lives in the URL hash. */
export interface TimesheetQuery {
  /** First day of the week shown (YYYY-MM-DD), on the locale's first day of the week. */
  week: string;
  /** `attributable_to` project gid. */
  project: string | null;
  portfolio: string | null;
  /** A category gid, or {@link NO_CATEGORY}. */
  category: string | null;
  /** Whose time: a user gid, or null for me. */
  user: string | null;
}

const GID = /^\d{1,20}$/;
const gidOrNull = (value: string | null): string | null => (value && GID.test(value) ? value : null);

/**
 * Reads the timesheet's query from the URL parameters. A missing or invalid week means the week
 * of `today`; any date is moved back to the first day of its week (so `week=2026-11-19` and
 * `week=2026-11-16` are the same view); ids that are not Asana gids are ignored.
 */
export function readTimesheetQuery(params: URLSearchParams, today: string, firstDay: number): TimesheetQuery {
  const asked = params.get('week');
  const date = asked && isIsoDate(asked) ? asked : today;
  const category = params.get('category');
  return {
    week: weekOf(date, firstDay)[0]!,
    project: gidOrNull(params.get('project')),
    portfolio: gidOrNull(params.get('portfolio')),
    category: category === NO_CATEGORY ? NO_CATEGORY : gidOrNull(category),
    user: gidOrNull(params.get('user')),
  };
}

/** The URL parameters for a query, in a stable order, leaving out filters that are not set. */
export function timesheetQueryParams(query: TimesheetQuery): Record<string, string | undefined> {
  return {
    week: query.week,
    project: query.project ?? undefined,
    portfolio: query.portfolio ?? undefined,
    category: query.category ?? undefined,
    user: query.user ?? undefined,
  };
}

/** The seven dates of the week that starts on `weekStart`. */
export const weekDays = (weekStart: string): string[] => Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));

/** The one lock rule, from lib/pending.ts: a submitted or approved entry cannot be changed. */
export { isLocked } from './pending';

/** The entry's category gid, or {@link NO_CATEGORY}. Asana allows one category per entry. */
export const categoryKeyOf = (entry: Pick<Entry, 'categories'>): string => entry.categories?.[0]?.gid ?? NO_CATEGORY;

/**
 * Keeps the entries of one category (or of none, with {@link NO_CATEGORY}); a null filter keeps
 * all of them.
 */
export function filterByCategory<T extends Pick<Entry, 'categories'>>(entries: readonly T[], category: string | null): T[] {
  return category === null ? [...entries] : entries.filter((e) => categoryKeyOf(e) === category);
}

/** Entries in a stable reading order: date, task name, then the time they were logged. */
export function sortEntries<T extends Entry>(entries: readonly T[]): T[] {
  return [...entries].sort(
    (a, b) =>
      a.entered_on.localeCompare(b.entered_on) ||
      (a.task?.name ?? '').localeCompare(b.task?.name ?? '') ||
      (a.created_at ?? '').localeCompare(b.created_at ?? '') ||
      a.gid.localeCompare(b.gid),
  );
}

export interface GridCell<T extends Entry = Entry> {
  date: string;
  minutes: number;
  entries: T[];
  /** How many of the entries are submitted or approved (read-only). */
  locked: number;
}

export interface GridRow<T extends Entry = Entry> {
  taskGid: string;
  taskName: string;
  /** One cell per day of the week, in order. */
  cells: GridCell<T>[];
  total: number;
}

export interface TimesheetGrid<T extends Entry = Entry> {
  days: string[];
  rows: GridRow<T>[];
  /** Minutes per day, one per day of the week. */
  dayTotals: number[];
  total: number;
}

/**
 * The task × day grid: one row per task (sorted by name), one cell per day with its entries and
 * minutes, and the row, column and grand totals. Entries dated outside `days` are left out.
 */
export function buildGrid<T extends Entry>(entries: readonly T[], days: readonly string[]): TimesheetGrid<T> {
  const column = new Map(days.map((d, i) => [d, i]));
  const rows = new Map<string, GridRow<T>>();
  const dayTotals = days.map(() => 0);
  let total = 0;
  for (const entry of entries) {
    const at = column.get(entry.entered_on);
    if (at === undefined) continue;
    const taskGid = entry.task?.gid ?? '';
    let row = rows.get(taskGid);
    if (!row) {
      row = { taskGid, taskName: entry.task?.name || 'Untitled task', cells: days.map((date) => ({ date, minutes: 0, entries: [], locked: 0 })), total: 0 };
      rows.set(taskGid, row);
    }
    const cell = row.cells[at]!;
    cell.entries.push(entry);
    cell.minutes += entry.duration_minutes;
    if (isLocked(entry)) cell.locked++;
    row.total += entry.duration_minutes;
    dayTotals[at]! += entry.duration_minutes;
    total += entry.duration_minutes;
  }
  const sorted = [...rows.values()].sort((a, b) => a.taskName.localeCompare(b.taskName) || a.taskGid.localeCompare(b.taskGid));
  for (const row of sorted) for (const cell of row.cells) cell.entries = sortEntries(cell.entries);
  return { days: [...days], rows: sorted, dayTotals, total };
}

/** One category's share of the chart: its colour and name, and its total for the week. */
export interface ChartSeries {
  key: string;
  name: string;
  /** Asana colour name (see components/colors.ts for the hex). */
  color: string;
  total: number;
}

export interface DayStack {
  date: string;
  total: number;
  /** Bottom to top, in series order; only the categories with time that day. */
  segments: Array<{ key: string; minutes: number }>;
}

/**
 * Hours per day stacked by category. Series follow the workspace's category order (`known`),
 * then categories only seen on entries (archived ones, say) by name, and "No category" last, so
 * that a colour keeps its place in every bar.
 */
export function stackByCategory(entries: readonly Entry[], days: readonly string[], known: readonly Category[]): { series: ChartSeries[]; stacks: DayStack[] } {
  const column = new Map(days.map((d, i) => [d, i]));
  const series = new Map<string, ChartSeries>();
  const perDay = days.map(() => new Map<string, number>());
  for (const entry of entries) {
    const at = column.get(entry.entered_on);
    if (at === undefined) continue;
    const category = entry.categories?.[0];
    const key = category?.gid ?? NO_CATEGORY;
    let s = series.get(key);
    if (!s) {
      const listed = category ? known.find((c) => c.gid === category.gid) : undefined;
      s = category
        ? { key, name: category.name || listed?.name || 'Unnamed category', color: category.color ?? listed?.color ?? 'none', total: 0 }
        : { key, name: 'No category', color: 'none', total: 0 };
      series.set(key, s);
    }
    s.total += entry.duration_minutes;
    const day = perDay[at]!;
    day.set(key, (day.get(key) ?? 0) + entry.duration_minutes);
  }
  const rank = (key: string) => {
    if (key === NO_CATEGORY) return Number.MAX_SAFE_INTEGER;
    const i = known.findIndex((c) => c.gid === key);
    return i === -1 ? known.length : i;
  };
  const ordered = [...series.values()].sort((a, b) => rank(a.key) - rank(b.key) || a.name.localeCompare(b.name));
  const stacks = days.map((date, i) => {
    const day = perDay[i]!;
    const segments = ordered.filter((s) => day.has(s.key)).map((s) => ({ key: s.key, minutes: day.get(s.key)! }));
    return { date, total: segments.reduce((sum, s) => sum + s.minutes, 0), segments };
  });
  return { series: ordered, stacks };
}

/**
 * Axis ticks for a chart whose tallest bar is `maxMinutes`: whole hours at a step of 1, 2, 4, 6,
 * 8 or 12 h, from 0 to at least the maximum, about four of them. Returns minutes.
 */
export function hourTicks(maxMinutes: number): number[] {
  const hours = Math.max(1, Math.ceil(Math.max(0, maxMinutes) / 60));
  const step = [1, 2, 4, 6, 8, 12, 24].find((s) => hours / s <= 4) ?? Math.ceil(hours / 4);
  const top = Math.ceil(hours / step) * step;
  const ticks: number[] = [];
  for (let h = 0; h <= top; h += step) ticks.push(h * 60);
  return ticks;
}

/** Minutes as decimal hours with two places ("1.50"), as spreadsheets and invoices want them. */
export const decimalHours = (minutes: number): string => (minutes / 60).toFixed(2);
