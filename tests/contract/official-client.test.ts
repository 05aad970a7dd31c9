/**
 * Drives the sandbox with Asana's official Node SDK (asana@3.2.0, generated from the same OpenAPI
 * spec): a client we did not write, pointed at the sandbox through `basePath`. Every response the
 * sandbox sends during these tests is also checked against the OpenAPI contract.
 */
import * as Asana from 'asana';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import { validateResponse } from './openapi.ts';

const TODAY = '2026-03-11';
let sb: Sandbox;
const violations: string[] = [];

/** Minimal view of the SDK's Collection (utils/collection.js). */
interface Collection<T = Record<string, unknown>> {
  data: T[] | null;
  _response: { next_page?: unknown };
  nextPage(): Promise<Collection<T>>;
}

beforeAll(async () => {
  sb = await startSandbox({
    today: TODAY,
    onApiResponse: ({ method, path, status, text }) => {
      const result = validateResponse(method, path, status, JSON.parse(text));
      if (!result.ok) violations.push(`${method} ${path} ${status}: ${result.errors.join('; ')}`);
    },
  });
});
afterAll(() => sb.close());
afterEach(() => {
  expect(violations).toEqual([]);
});

function client(token = sb.demoToken, collections = true): Asana.ApiClient {
  const c = new Asana.ApiClient();
  c.basePath = `${sb.url}/api/1.0`;
  c.authentications.token!.accessToken = token;
  c.RETURN_COLLECTION = collections;
  return c;
}

/** Follows a Collection to its end; returns all items and the page count. */
async function drain<T>(first: Collection<T>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let page: Collection<T> | null = first;
  while (page && page.data) {
    pages++;
    items.push(...page.data);
    page = page.data.length > 0 && page._response.next_page ? await page.nextPage() : null;
  }
  return { items, pages };
}

describe('official asana client', () => {
  it('users/me and workspaces', async () => {
    const me = await new Asana.UsersApi(client()).getUser('me', { opt_fields: 'name,email,workspaces.name' });
    expect(me.data).toMatchObject({ gid: sb.seed.users.me.gid, name: sb.seed.users.me.name, email: sb.seed.users.me.email });
    expect(me.data.workspaces.map((w: { name: string }) => w.name)).toContain('Acme Studio');
    const ws = (await new Asana.WorkspacesApi(client()).getWorkspaces({ limit: 1 })) as Collection;
    const { items, pages } = await drain(ws);
    expect(items.map((w) => w.name)).toEqual(['Acme Studio', 'Weekend Volunteers']);
    expect(pages).toBe(2);
  });

  it('follows next_page through the 250-entry task', async () => {
    const api = new Asana.TimeTrackingEntriesApi(client());
    const first = (await api.getTimeTrackingEntriesForTask(sb.seed.tasks.big.gid, { limit: 100, opt_fields: 'duration_minutes,entered_on,created_by.name' })) as Collection;
    const { items, pages } = await drain(first);
    expect(items).toHaveLength(250);
    expect(pages).toBe(3);
    expect(new Set(items.map((e) => e.gid)).size).toBe(250);
    const filtered = (await api.getTimeTrackingEntries({ task: sb.seed.tasks.big.gid, limit: 50 })) as Collection;
    const all = await drain(filtered);
    expect(all.items).toHaveLength(250);
    expect(all.pages).toBe(5);
  });

  it('creates, reads, updates and deletes an entry', async () => {
    const api = new Asana.TimeTrackingEntriesApi(client());
    const task = sb.seed.tasks.twoProjects;
    const created = await api.createTimeTrackingEntry(
      { data: { duration_minutes: 50, entered_on: '2026-03-10', attributable_to: sb.seed.projects.website.gid, categories: [sb.seed.categories.design.gid], billable_status: 'billable', description: 'SDK entry' } },
      task.gid, { opt_fields: 'duration_minutes,entered_on,attributable_to.name,categories.name,billable_status,description,approval_status,task.name' },
    );
    const gid = created.data.gid as string;
    expect(created.data).toMatchObject({
      duration_minutes: 50, entered_on: '2026-03-10', attributable_to: { name: 'Website Redesign' }, categories: [{ name: 'Design' }],
      billable_status: 'billable', description: 'SDK entry', approval_status: 'DRAFT', task: { name: task.name },
    });
    const got = await api.getTimeTrackingEntry(gid, {});
    expect(got.data.created_by.gid).toBe(sb.seed.users.me.gid);
    const updated = await api.updateTimeTrackingEntry({ data: { duration_minutes: 65 } }, gid, {});
    expect(updated.data).toMatchObject({ duration_minutes: 65, description: 'SDK entry' });
    const deleted = await api.deleteTimeTrackingEntry(gid);
    expect(deleted).toEqual({ data: {} });
    await expect(api.getTimeTrackingEntry(gid, {})).rejects.toMatchObject({ status: 404 });
  });

  it('surfaces Asana errors as rejected promises with the error body', async () => {
    const api = new Asana.TimeTrackingEntriesApi(client());
    const err = await api.createTimeTrackingEntry({ data: { duration_minutes: 0 } }, sb.seed.tasks.empty.gid, {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400 });
    expect((err as { response: { body: { errors: Array<{ message: string }> } } }).response.body.errors[0]!.message).toMatch(/^duration_minutes: /);
    const unauth = await new Asana.UsersApi(client('bogus')).getUser('me', {}).catch((e: unknown) => e);
    expect(unauth).toMatchObject({ status: 401 });
    const payment = await api.getTimeTrackingEntriesForTask(sb.seed.tasks.noTracking.gid, {}).catch((e: unknown) => e);
    expect(payment).toMatchObject({ status: 402 });
  });

  it('manages categories and lists their entries', async () => {
    const api = new Asana.TimeTrackingCategoriesApi(client());
    const ws = sb.seed.workspaces.main.gid;
    const list = (await api.getTimeTrackingCategories(ws, { limit: 10 })) as Collection;
    const { items, pages } = await drain(list);
    expect(items).toHaveLength(16);
    expect(pages).toBe(2);
    const archived = (await api.getTimeTrackingCategories(ws, { is_archived: true })) as Collection;
    expect(archived.data!.map((c) => c.gid)).toEqual([sb.seed.categories.archived.gid]);

    const created = await api.createTimeTrackingCategory({ data: { workspace: ws, name: 'SDK category', color: 'indigo' } }, {});
    const gid = created.data.gid as string;
    expect(created.data).toMatchObject({ name: 'SDK category', color: 'indigo', is_archived: false });
    expect((await api.getTimeTrackingCategory(gid, {})).data.name).toBe('SDK category');
    expect((await api.updateTimeTrackingCategory({ data: { name: 'SDK renamed', is_archived: true } }, gid, {})).data).toMatchObject({ name: 'SDK renamed', is_archived: true });
    expect(await api.deleteTimeTrackingCategory(gid)).toEqual({ data: {} });

    const entries = (await api.getTimeTrackingEntriesForTimeTrackingCategory(sb.seed.categories.meetings.gid, { start_date: '2025-01-01', end_date: TODAY, limit: 20 })) as Collection;
    const all = await drain(entries);
    expect(all.items.length).toBe([...sb.world.entries.values()].filter((e) => e.categories.includes(sb.seed.categories.meetings.gid)).length);
  });

  it('getTask with actual_time_minutes, and typeahead', async () => {
    const task = await new Asana.TasksApi(client()).getTask(sb.seed.tasks.big.gid, { opt_fields: 'name,actual_time_minutes,permalink_url,projects.name' });
    const sum = sb.world.entriesOfTask(sb.seed.tasks.big.gid).reduce((s, e) => s + e.duration_minutes, 0);
    expect(task.data.actual_time_minutes).toBe(sum);
    expect(task.data.permalink_url).toMatch(/^https:\/\/app\.asana\.com\/1\/\d+\/project\/\d+\/task\/\d+$/);
    const found = (await new Asana.TypeaheadApi(client()).typeaheadForWorkspace(sb.seed.workspaces.main.gid, 'task', { query: 'hero', count: 5 })) as Collection;
    // The task assigned to the caller ranks first (Asana prioritises tasks the user follows).
    expect(found.data!.map((t) => t.name)).toEqual(['Export hero illustrations @2x', 'Homepage hero redesign']);
  });

  it('timesheet approval statuses: list, create, get, submit, recall, approve (TimesheetApprovalStatusesApi)', async () => {
    const me = new Asana.TimesheetApprovalStatusesApi(client());
    const ws = sb.seed.workspaces.main.gid;
    const list = (await me.getTimesheetApprovalStatuses(ws, { user: sb.seed.users.me.gid, limit: 2, opt_fields: 'approval_status,start_date,end_date' })) as Collection;
    const { items, pages } = await drain(list);
    expect(items.map((r) => r.gid).sort()).toEqual([...sb.world.timesheets.values()].filter((r) => r.user === sb.seed.users.me.gid).map((r) => r.gid).sort());
    expect(pages).toBe(Math.ceil(items.length / 2));
    const created = await me.createTimesheetApprovalStatus(
      { data: { user: sb.seed.users.me.gid, workspace: ws, start_date: '2026-03-09', end_date: '2026-03-15' } }, { opt_fields: 'approval_status,start_date,user.name' },
    );
    expect(created.data).toMatchObject({ approval_status: 'DRAFT', start_date: '2026-03-09', user: { name: sb.seed.users.me.name } });
    const gid = created.data.gid as string;
    expect((await me.updateTimesheetApprovalStatus({ data: { approval_status: 'submitted', message: 'SDK week' } }, gid, {})).data.approval_status).toBe('SUBMITTED');
    expect((await me.updateTimesheetApprovalStatus({ data: { approval_status: 'draft' } }, gid, {})).data.approval_status).toBe('DRAFT');
    await me.updateTimesheetApprovalStatus({ data: { approval_status: 'submitted' } }, gid, {});
    const reviewer = new Asana.TimesheetApprovalStatusesApi(client(sb.seed.users.alex.token));
    expect((await reviewer.updateTimesheetApprovalStatus({ data: { approval_status: 'approved' } }, gid, {})).data.approval_status).toBe('APPROVED');
    expect((await me.getTimesheetApprovalStatus(gid, {})).data).toMatchObject({ gid, approval_status: 'APPROVED', end_date: '2026-03-15' });
    const invalid = await me.updateTimesheetApprovalStatus({ data: { approval_status: 'draft' } }, gid, {}).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400 });
    const entries = (await new Asana.TimeTrackingEntriesApi(client()).getTimeTrackingEntries({ timesheet_approval_status: gid, opt_fields: 'approval_status' })) as Collection;
    const all = await drain(entries);
    expect(all.items.length).toBeGreaterThan(0);
    expect(new Set(all.items.map((e) => e.approval_status))).toEqual(new Set(['APPROVED']));
  });

  it('budgets: get by parent, create, get, update, delete (BudgetsApi)', async () => {
    const api = new Asana.BudgetsApi(client(sb.demoToken, false));
    const website = await api.getBudgets(sb.seed.projects.website.gid);
    expect(website.data).toHaveLength(1);
    expect(website.data[0]).toMatchObject({ budget_type: 'time', total: { value: 12_000, units: 'minutes' } });
    const created = await api.createBudget({ data: { parent: sb.seed.projects.mobile.gid, budget_type: 'cost', total: { enabled: true, value: 5000 } } });
    const gid = created.data.gid as string;
    expect(created.data.total).toEqual({ enabled: true, value: 5000, units: 'EUR' });
    expect((await api.getBudget(gid, { opt_fields: 'budget_type' })).data).toEqual({ gid, budget_type: 'cost' });
    expect((await api.updateBudget({ data: { budget_type: 'time' } }, gid, {})).data.total).toEqual({ enabled: true, value: 0, units: 'minutes' });
    expect(await api.deleteBudget(gid)).toEqual({ data: {} });
    expect((await api.getBudgets(sb.seed.projects.mobile.gid)).data).toEqual([]);
  });

  it('works with RETURN_COLLECTION=false too (raw {data, next_page})', async () => {
    const raw = await new Asana.TimeTrackingEntriesApi(client(sb.demoToken, false)).getTimeTrackingEntriesForTask(sb.seed.tasks.big.gid, { limit: 2 });
    expect(raw.data).toHaveLength(2);
    expect(raw.next_page.offset).toBeTruthy();
  });
});
