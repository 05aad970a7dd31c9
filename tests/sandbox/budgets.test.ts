import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, TODAY } from './helpers.ts';
import { startSandbox, type EntryRecord, type Sandbox } from './index.ts';

// Project budgets and task estimates. Every response is checked against the extracts by `api`.
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ today: TODAY });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const attributed = (project: string, pred: (e: EntryRecord) => boolean = () => true) =>
  [...sb.world.entries.values()].filter((e) => e.attributable_to === project && pred(e));
const minutes = (entries: EntryRecord[]) => entries.reduce((s, e) => s + e.duration_minutes, 0);
const rate = (project: string, user: string | null) => sb.world.rates.find((r) => r.project === project && r.user === user)?.rate ?? 0;
const estimatesOf = (project: string) => [...sb.world.tasks.values()].filter((t) => t.projects.includes(project) && typeof t.estimated_minutes === 'number');
const budgetOf = async (project: string) => (await api(sb, 'GET', '/budgets', { query: { parent: project } })).body.data;

describe('GET /budgets?parent=', () => {
  it('a time budget: actual = the billable minutes attributed to the project; estimate = its tasks’ estimates; total as set', async () => {
    const website = sb.seed.projects.website.gid;
    const data = await budgetOf(website);
    expect(data).toHaveLength(1);
    const billable = minutes(attributed(website, (e) => e.billable_status === 'billable'));
    expect(billable).toBeGreaterThan(0);
    expect(billable).toBeLessThan(minutes(attributed(website)));
    expect(data[0]).toEqual({
      gid: sb.seed.budgets.website.gid, resource_type: 'budget', budget_type: 'time',
      parent: { gid: website, resource_type: 'project', name: 'Website Redesign' },
      actual: { billable_status_filter: 'billable', value: billable, units: 'minutes' },
      estimate: { enabled: true, source: 'tasks', billable_status_filter: 'billable', value: estimatesOf(website).reduce((s, t) => s + t.estimated_minutes!, 0), units: 'minutes' },
      total: { enabled: true, value: 12_000, units: 'minutes' },
    });
  });

  it('a cost budget: minutes / 60 × the author’s rate, in the workspace currency; the estimate at the assignee’s rate', async () => {
    const northwind = sb.seed.projects.northwind.gid;
    const [budget] = await budgetOf(northwind);
    const cost = attributed(northwind).reduce((s, e) => s + (e.duration_minutes / 60) * rate(northwind, e.created_by), 0);
    expect(budget.budget_type).toBe('cost');
    expect(budget.actual).toEqual({ billable_status_filter: 'any', value: Math.round(cost * 100) / 100, units: 'EUR' });
    const estimate = estimatesOf(northwind).reduce((s, t) => s + (t.estimated_minutes! / 60) * rate(northwind, t.assignee), 0);
    expect(budget.estimate).toMatchObject({ value: Math.round(estimate * 100) / 100, units: 'EUR' });
    expect(budget.total).toEqual({ enabled: true, value: 25_000, units: 'EUR' });
  });

  it('an estimate and a total that are off are nulls; non_billable counts only nonBillable entries', async () => {
    const internal = sb.seed.projects.internal.gid;
    const [budget] = await budgetOf(internal);
    expect(budget.estimate).toEqual({ enabled: false, source: 'none', billable_status_filter: 'billable', value: null, units: null });
    expect(budget.total).toEqual({ enabled: false, value: null, units: null });
    expect(budget.actual.value).toBe(minutes(attributed(internal, (e) => e.billable_status === 'nonBillable')));
  });

  it('[] for a project without a budget; 400 without parent; 404 unknown; 402 without the add-on', async () => {
    expect(await budgetOf(sb.seed.projects.mobile.gid)).toEqual([]);
    const missing = await api(sb, 'GET', '/budgets');
    expect(missing.body.errors[0].message).toBe('parent: Missing input');
    expect((await api(sb, 'GET', '/budgets', { query: { parent: '999' } })).body.errors[0].message).toBe('parent: Unknown object: 999');
    expect((await api(sb, 'GET', '/budgets', { query: { parent: sb.seed.projects.garden.gid } })).status).toBe(402);
    expect((await api(sb, 'GET', '/budgets', { token: sb.seed.users.sam.token, query: { parent: sb.seed.projects.garden.gid } })).status).toBe(403);
    sb.world.workspaces.get(sb.seed.workspaces.main.gid)!.timesheets_addon = false;
    expect((await api(sb, 'GET', '/budgets', { query: { parent: sb.seed.projects.website.gid } })).status).toBe(402);
    expect((await api(sb, 'GET', `/budgets/${sb.seed.budgets.website.gid}`)).status).toBe(402);
  });

  it('actual follows the entries as they are logged, and the filter as it changes', async () => {
    const website = sb.seed.projects.website.gid;
    const task = sb.seed.tasks.japanese.gid; // only in Website Redesign
    const before = (await budgetOf(website))[0].actual.value as number;
    const log = (data: Record<string, unknown>) => api(sb, 'POST', `/tasks/${task}/time_tracking_entries`, { body: { data: { duration_minutes: 45, ...data } } });
    expect((await log({ billable_status: 'billable' })).status).toBe(201);
    expect((await log({ billable_status: 'nonBillable' })).status).toBe(201);
    expect((await budgetOf(website))[0].actual.value).toBe(before + 45);
    const gid = sb.seed.budgets.website.gid;
    const any = await api(sb, 'PUT', `/budgets/${gid}`, { body: { data: { actual: { billable_status_filter: 'any' } } } });
    expect(any.body.data.actual).toEqual({ billable_status_filter: 'any', value: minutes(attributed(website)), units: 'minutes' });
    const non = await api(sb, 'PUT', `/budgets/${gid}`, { body: { data: { actual: { billable_status_filter: 'non_billable' } } } });
    expect(non.body.data.actual.value).toBe(minutes(attributed(website, (e) => e.billable_status === 'nonBillable')));
  });
});

describe('POST, GET, PUT, DELETE /budgets', () => {
  it('creates one budget per project (201, Location), with the spec’s defaults', async () => {
    const mobile = sb.seed.projects.mobile.gid;
    const r = await api(sb, 'POST', '/budgets', { body: { data: { parent: mobile, budget_type: 'time', total: { enabled: true, value: 600 } } } });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`${sb.url}/api/1.0/budgets/${r.body.data.gid}`);
    expect(r.body.data).toMatchObject({
      budget_type: 'time', parent: { gid: mobile }, total: { enabled: true, value: 600, units: 'minutes' },
      actual: { billable_status_filter: 'billable', value: minutes(attributed(mobile, (e) => e.billable_status === 'billable')) },
      estimate: { enabled: false, source: 'none', value: null, units: null },
    });
    expect((await budgetOf(mobile)).map((b: { gid: string }) => b.gid)).toEqual([r.body.data.gid]);
    const second = await api(sb, 'POST', '/budgets', { body: { data: { parent: mobile, budget_type: 'cost' } } });
    expect(second.status).toBe(400);
    expect(second.body.errors[0].message).toMatch(/^parent: Project \d+ already has a budget: /);
  });

  it('refuses bad bodies with a 400 naming the field, and stores nothing', async () => {
    const mobile = sb.seed.projects.mobile.gid;
    for (const [data, message] of [
      [{ budget_type: 'time' }, /^parent: Missing input$/],
      [{ parent: mobile }, /^budget_type: Missing input$/],
      [{ parent: mobile, budget_type: 'money' }, /^budget_type: Must be one of time, cost/],
      [{ parent: mobile, budget_type: 'time', total: { value: -1 } }, /^total\.value: Must be a number of at least 0/],
      [{ parent: mobile, budget_type: 'time', actual: { billable_status_filter: 'nonBillable' } }, /^actual\.billable_status_filter: Must be one of billable, non_billable, any/],
      [{ parent: mobile, budget_type: 'time', estimate: { enabled: true } }, /^estimate\.source: Must be tasks or capacity_plans when the estimate is enabled/],
      [{ parent: mobile, budget_type: 'time', estimate: { enabled: 'yes' } }, /^estimate\.enabled: Must be a boolean/],
    ] as const) {
      const r = await api(sb, 'POST', '/budgets', { body: { data } });
      expect(r.status, JSON.stringify(data)).toBe(400);
      expect(r.body.errors[0].message).toMatch(message);
    }
    expect(sb.world.budgetOf(mobile)).toBeUndefined();
  });

  it('GET one, with opt_fields; PUT keeps each type’s total when switching type; parent cannot change', async () => {
    const gid = sb.seed.budgets.website.gid;
    const projected = await api(sb, 'GET', `/budgets/${gid}`, { query: { opt_fields: 'budget_type,actual.value,total.value,parent.name' } });
    expect(projected.body.data).toEqual({
      gid, budget_type: 'time', actual: { value: expect.any(Number) }, total: { value: 12_000 }, parent: { gid: sb.seed.projects.website.gid, name: 'Website Redesign' },
    });
    const cost = await api(sb, 'PUT', `/budgets/${gid}`, { body: { data: { budget_type: 'cost' } } });
    expect(cost.body.data.total).toEqual({ enabled: true, value: 30_000, units: 'EUR' });
    const set = await api(sb, 'PUT', `/budgets/${gid}`, { body: { data: { total: { value: 31_500 } } } });
    expect(set.body.data.total.value).toBe(31_500);
    const time = await api(sb, 'PUT', `/budgets/${gid}`, { body: { data: { budget_type: 'time' } } });
    expect(time.body.data.total).toEqual({ enabled: true, value: 12_000, units: 'minutes' });
    const move = await api(sb, 'PUT', `/budgets/${gid}`, { body: { data: { parent: sb.seed.projects.mobile.gid } } });
    expect(move.status).toBe(400);
    expect(move.body.errors[0].message).toBe('parent: Can only be set when the budget is created.');
    const bad = await api(sb, 'PUT', `/budgets/${gid}`, { body: { data: { budget_type: 'cost', estimate: { source: 'none' } } } });
    expect(bad.status).toBe(400);
    expect(sb.world.budgets.get(gid)).toMatchObject({ budget_type: 'time', estimate: { source: 'tasks' } }); // nothing half-applied
  });

  it('DELETE answers {data:{}}; the budget is gone', async () => {
    const gid = sb.seed.budgets.internal.gid;
    expect((await api(sb, 'DELETE', `/budgets/${gid}`)).body).toEqual({ data: {} });
    expect((await api(sb, 'GET', `/budgets/${gid}`)).body.errors[0].message).toBe(`budget: Unknown object: ${gid}`);
    expect(await budgetOf(sb.seed.projects.internal.gid)).toEqual([]);
    expect((await api(sb, 'DELETE', `/budgets/${gid}`)).status).toBe(404);
  });
});

describe('task estimates: the "Estimated time" custom field', () => {
  const FIELDS = 'custom_fields.name,custom_fields.asana_created_field,custom_fields.format,custom_fields.number_value,custom_fields.display_value,custom_fields.resource_subtype';
  const fieldsOf = async (task: string) => (await api(sb, 'GET', `/tasks/${task}`, { query: { opt_fields: FIELDS } })).body.data.custom_fields;
  const fieldGid = () => sb.world.workspaces.get(sb.seed.workspaces.main.gid)!.estimated_time_field!;

  it('a task with an estimate, one where the field is empty, one without the field', async () => {
    const field = { gid: fieldGid(), name: 'Estimated time', asana_created_field: 'estimated_time', format: 'duration', resource_subtype: 'number' };
    expect(await fieldsOf(sb.seed.tasks.big.gid)).toEqual([{ ...field, number_value: 3000, display_value: '50h' }]);
    expect(await fieldsOf(sb.seed.tasks.emoji.gid)).toEqual([{ ...field, number_value: 90, display_value: '1h 30m' }]);
    expect(await fieldsOf(sb.seed.tasks.subtaskParent.gid)).toEqual([{ ...field, number_value: null, display_value: null }]);
    expect(await fieldsOf(sb.seed.tasks.milestone.gid)).toEqual([]);
    expect(await fieldsOf(sb.seed.tasks.noTracking.gid)).toEqual([]);
  });

  it('is in the default task representation too, and follows the world', async () => {
    const r = await api(sb, 'GET', `/tasks/${sb.seed.tasks.empty.gid}`);
    expect(r.body.data.custom_fields).toEqual([expect.objectContaining({
      gid: fieldGid(), resource_type: 'custom_field', type: 'number', representation_type: 'number', precision: 0, enabled: true, number_value: 480, display_value: '8h',
    })]);
    sb.world.tasks.get(sb.seed.tasks.empty.gid)!.estimated_minutes = 45;
    expect((await fieldsOf(sb.seed.tasks.empty.gid))[0]).toMatchObject({ number_value: 45, display_value: '45m' });
    const added = sb.world.addTask({ name: 'Estimated elsewhere', estimated_minutes: 125 });
    expect((await fieldsOf(added.gid))[0]).toMatchObject({ gid: fieldGid(), number_value: 125, display_value: '2h 5m' });
  });
});
