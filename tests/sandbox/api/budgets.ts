/**
 * Project budgets: at most one per project, in time (minutes) or cost (the workspace currency).
 * `actual` sums the time entries attributed to the project that pass `billable_status_filter`;
 * `estimate` (source `tasks`) sums the project's tasks' "Estimated time"; `total` is the user-set
 * target, kept per budget type. Contract: tests/fixtures/asana/approvals-budgets.openapi.yaml.
 *
 * Choices where Asana's docs are silent (also in README):
 * - Any member of the project's workspace may read and manage its budget (the sandbox has no roles).
 * - Defaults on create: total off, actual and estimate filtered to `billable` (the spec's stated
 *   default), estimate off (`enabled: false`, `source: none`).
 * - Cost: minutes / 60 × the entry author's hourly rate on the project (estimate: the task
 *   assignee's); no rate = 0. Sums are rounded to two decimals.
 * - The estimate's billable filter is accepted and returned but filters nothing (sandbox tasks
 *   have no billable status); `capacity_plans` gives 0 (no capacity plans here).
 * - GET /budgets is not paged (the spec declares no limit/offset): `{data: []}` or one budget.
 */
import { addonRequired, badRequest, forbidden, unknownObject } from '../errors.ts';
import {
  BUDGET_BILLABLE_FILTERS, BUDGET_ESTIMATE_SOURCES, BUDGET_TYPES, type BudgetBillableFilter, type BudgetEstimateSource,
  type BudgetRecord, type BudgetType, type ProjectRecord,
} from '../types.ts';
import { one, readData, requireWorkspace, type ApiContext, type ApiResult } from './context.ts';

/** A project the caller can see, in a workspace with the add-on (404, 403, 402). */
function requireProject(ctx: ApiContext, gid: string, param = 'parent'): ProjectRecord {
  const project = ctx.world.projects.get(gid);
  if (!project) throw unknownObject(param, gid);
  requireWorkspace(ctx, project.workspace, param);
  if (!ctx.world.hasTimesheetsAddon(project.workspace)) throw addonRequired();
  return project;
}

function requireBudget(ctx: ApiContext): BudgetRecord {
  const gid = ctx.params.budget_gid as string;
  const budget = ctx.world.budgets.get(gid);
  if (!budget) throw unknownObject('budget', gid);
  const project = ctx.world.projects.get(budget.parent);
  if (!project || !ctx.user.workspaces.includes(project.workspace)) throw forbidden('You do not have access to this budget.');
  if (!ctx.world.hasTimesheetsAddon(project.workspace)) throw addonRequired();
  return budget;
}

function pick<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badRequest(name, `Must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}.`);
  }
  return value as T;
}

function part(data: Record<string, unknown>, name: string): Record<string, unknown> | null {
  const value = data[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(name, 'Must be an object.');
  return value as Record<string, unknown>;
}

function bool(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw badRequest(name, `Must be a boolean, got ${JSON.stringify(value)}.`);
  return value;
}

/** Applies the writable fields of `data` to `budget` (read-only ones, such as units and values of actual/estimate, are ignored). */
function applyChanges(budget: BudgetRecord, data: Record<string, unknown>): void {
  if ('budget_type' in data) budget.budget_type = pick<BudgetType>(data.budget_type, BUDGET_TYPES, 'budget_type');
  const total = part(data, 'total');
  if (total) {
    if ('enabled' in total) budget.total.enabled = bool(total.enabled, 'total.enabled');
    if ('value' in total) {
      const v = total.value;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw badRequest('total.value', `Must be a number of at least 0, got ${JSON.stringify(v)}.`);
      budget.total[budget.budget_type] = v;
    }
  }
  const actual = part(data, 'actual');
  if (actual && 'billable_status_filter' in actual) {
    budget.actual.billable_status_filter = pick<BudgetBillableFilter>(actual.billable_status_filter, BUDGET_BILLABLE_FILTERS, 'actual.billable_status_filter');
  }
  const estimate = part(data, 'estimate');
  if (estimate) {
    if ('enabled' in estimate) budget.estimate.enabled = bool(estimate.enabled, 'estimate.enabled');
    if ('source' in estimate) budget.estimate.source = pick<BudgetEstimateSource>(estimate.source, BUDGET_ESTIMATE_SOURCES, 'estimate.source');
    if ('billable_status_filter' in estimate) {
      budget.estimate.billable_status_filter = pick<BudgetBillableFilter>(estimate.billable_status_filter, BUDGET_BILLABLE_FILTERS, 'estimate.billable_status_filter');
    }
  }
  // The spec: `none` "only valid when enabled is false. When enabled is true, source must not be none."
  if (budget.estimate.enabled && budget.estimate.source === 'none') {
    throw badRequest('estimate.source', 'Must be tasks or capacity_plans when the estimate is enabled (none is only valid when enabled is false).');
  }
}

export function getBudgets(ctx: ApiContext): ApiResult {
  const parent = ctx.query.get('parent');
  if (!parent) throw badRequest('parent', 'Missing input');
  const project = requireProject(ctx, parent);
  const budget = ctx.world.budgetOf(project.gid);
  return { status: 200, body: { data: budget ? [oneData(ctx, budget)] : [] } };
}

/** A budget in a list: the full record (the spec's list item is BudgetResponse), or projected. */
function oneData(ctx: ApiContext, budget: BudgetRecord): unknown {
  return (one(ctx, ctx.res.budget(budget)).body as { data: unknown }).data;
}

export function createBudget(ctx: ApiContext): ApiResult {
  const data = readData(ctx);
  if (data.parent === undefined || data.parent === null || data.parent === '') throw badRequest('parent', 'Missing input');
  if (typeof data.parent !== 'string') throw badRequest('parent', `Must be a project gid, got ${JSON.stringify(data.parent)}.`);
  const project = requireProject(ctx, data.parent);
  if (data.budget_type === undefined || data.budget_type === null) throw badRequest('budget_type', 'Missing input');
  const existing = ctx.world.budgetOf(project.gid);
  if (existing) throw badRequest('parent', `Project ${project.gid} already has a budget: ${existing.gid}. A project has at most one.`);
  // Validate on a draft so that a refused body adds nothing.
  const draft: BudgetRecord = {
    gid: '', parent: project.gid, budget_type: 'time', total: { enabled: false, time: 0, cost: 0 },
    actual: { billable_status_filter: 'billable' }, estimate: { enabled: false, source: 'none', billable_status_filter: 'billable' },
  };
  applyChanges(draft, data);
  const budget = ctx.world.addBudget({ ...draft, gid: undefined });
  return one(ctx, ctx.res.budget(budget), 201, { Location: `${ctx.apiBase}/budgets/${budget.gid}` });
}

export function getBudget(ctx: ApiContext): ApiResult {
  return one(ctx, ctx.res.budget(requireBudget(ctx)));
}

export function updateBudget(ctx: ApiContext): ApiResult {
  const budget = requireBudget(ctx);
  const data = readData(ctx);
  if ('parent' in data && data.parent !== budget.parent) {
    throw badRequest('parent', 'Can only be set when the budget is created.');
  }
  const draft = structuredClone(budget);
  applyChanges(draft, data);
  Object.assign(budget, draft);
  return one(ctx, ctx.res.budget(budget));
}

export function deleteBudget(ctx: ApiContext): ApiResult {
  const budget = requireBudget(ctx);
  ctx.world.budgets.delete(budget.gid);
  return { status: 200, body: { data: {} } };
}
