/**
 * The API route table (paths relative to /api/1.0) and its matcher. A path that matches no route
 * for the method is Asana's 404 "No matching route for request".
 */
import { createCategory, deleteCategory, getCategories, getCategory, getCategoryEntries, updateCategory } from './categories.ts';
import type { Handler } from './context.ts';
import { createEntry, deleteEntry, getEntries, getEntry, getTaskEntries, updateEntry } from './entries.ts';
import { createBudget, deleteBudget, getBudget, getBudgets, updateBudget } from './budgets.ts';
import { getTask, getUser, getWorkspaces, typeahead } from './misc.ts';
import { createTimesheet, getTimesheet, getTimesheets, updateTimesheet } from './timesheets.ts';

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  /** The spec's path template, e.g. `/tasks/{task_gid}` (for logs and contract checks). */
  template: string;
}

const table: Array<[string, string, Handler]> = [
  ['GET', '/tasks/{task_gid}/time_tracking_entries', getTaskEntries],
  ['POST', '/tasks/{task_gid}/time_tracking_entries', createEntry],
  ['GET', '/time_tracking_entries', getEntries],
  ['GET', '/time_tracking_entries/{time_tracking_entry_gid}', getEntry],
  ['PUT', '/time_tracking_entries/{time_tracking_entry_gid}', updateEntry],
  ['DELETE', '/time_tracking_entries/{time_tracking_entry_gid}', deleteEntry],
  ['GET', '/time_tracking_categories', getCategories],
  ['POST', '/time_tracking_categories', createCategory],
  ['GET', '/time_tracking_categories/{time_tracking_category_gid}', getCategory],
  ['PUT', '/time_tracking_categories/{time_tracking_category_gid}', updateCategory],
  ['DELETE', '/time_tracking_categories/{time_tracking_category_gid}', deleteCategory],
  ['GET', '/time_tracking_categories/{time_tracking_category_gid}/time_tracking_entries', getCategoryEntries],
  ['GET', '/users/{user_gid}', getUser],
  ['GET', '/workspaces', getWorkspaces],
  ['GET', '/tasks/{task_gid}', getTask],
  ['GET', '/workspaces/{workspace_gid}/typeahead', typeahead],
  ['GET', '/timesheet_approval_statuses', getTimesheets],
  ['POST', '/timesheet_approval_statuses', createTimesheet],
  ['GET', '/timesheet_approval_statuses/{timesheet_approval_status_gid}', getTimesheet],
  ['PUT', '/timesheet_approval_statuses/{timesheet_approval_status_gid}', updateTimesheet],
  ['GET', '/budgets', getBudgets],
  ['POST', '/budgets', createBudget],
  ['GET', '/budgets/{budget_gid}', getBudget],
  ['PUT', '/budgets/{budget_gid}', updateBudget],
  ['DELETE', '/budgets/{budget_gid}', deleteBudget],
];

const routes: Route[] = table.map(([method, template, handler]) => ({
  method, template, handler, segments: template.split('/').filter(Boolean),
}));

export interface RouteMatch {
  handler: Handler;
  template: string;
  params: Record<string, string>;
}

/** Finds the route for a method and a path relative to /api/1.0 (trailing slash tolerated). */
export function matchRoute(method: string, path: string): RouteMatch | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    route.segments.forEach((seg, i) => {
      const part = parts[i] as string;
      if (seg.startsWith('{')) {
        try {
          params[seg.slice(1, -1)] = decodeURIComponent(part);
        } catch {
          ok = false;
        }
      } else if (seg !== part) ok = false;
    });
    if (ok) return { handler: route.handler, template: route.template, params };
  }
  return null;
}
