/**
 * The extension's Asana client (lib/asana/client.ts) for timesheet approvals, budgets and task
 * estimates, against the sandbox over real HTTP. Every request the client sends is checked against
 * the extracts (method, path, query parameters and opt_fields, body shape), and every response too.
 * What is checked is what the client returns and what the sandbox stores.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAsanaClient, type AsanaClient } from '@/lib/asana/client';
import { AsanaError } from '@/lib/asana/errors';
import { validateRequest, validateResponse } from '../contract/openapi.ts';
import { addDays, mondayOf } from '../sandbox/dates.ts';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';

const TODAY = '2026-03-11';
const MONDAY = mondayOf(TODAY);
let sb: Sandbox;
const violations: string[] = [];

beforeAll(async () => {
  sb = await startSandbox({
    today: TODAY,
    onApiResponse: ({ method, path, query, status, text, requestBody }) => {
      const request = validateRequest(method, path, query, requestBody);
      if (!request.ok) violations.push(`request ${method} ${path}?${query}: ${request.errors.join('; ')}`);
      const response = validateResponse(method, path, status, JSON.parse(text));
      if (!response.ok) violations.push(`response ${method} ${path} ${status}: ${response.errors.join('; ')}`);
    },
  });
});
afterAll(() => sb?.close());
beforeEach(() => sb.reset());
afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

/** A client signed in as one of the seeded users (GETs retried quickly; writes never are). */
const clientFor = (token: string): AsanaClient =>
  createAsanaClient({ baseURL: sb.apiUrl, getToken: async () => token, maxGetAttempts: 2, sleep: () => Promise.resolve() });
const asMe = () => clientFor(sb.demoToken);
const ws = () => sb.seed.workspaces.main.gid;
const me = () => sb.seed.users.me.gid;
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e as AsanaError);

describe('timesheet approval statuses', () => {
  it('lists a workspace’s weeks across pages, filtered by user, dates and statuses', async () => {
    const client = asMe();
    sb.stats.reset();
    const all = await client.listTimesheetApprovalStatuses({ workspace: ws() });
    expect(all.length).toBeGreaterThan(100);
    expect(sb.stats.count({ method: 'GET', path: '/api/1.0/timesheet_approval_statuses' })).toBe(Math.ceil(all.length / 100));
    expect(all.map((w) => w.gid).sort()).toEqual([...sb.world.timesheets.keys()].sort());

    const mine = await client.listTimesheetApprovalStatuses({ workspace: ws(), user: me(), from_date: addDays(MONDAY, -21), to_date: addDays(MONDAY, -1) });
    expect(mine.map((w) => [w.start_date, w.end_date, w.approval_status])).toEqual([
      [addDays(MONDAY, -21), addDays(MONDAY, -15), 'REJECTED'],
      [addDays(MONDAY, -14), addDays(MONDAY, -8), 'APPROVED'],
      [addDays(MONDAY, -7), addDays(MONDAY, -1), 'SUBMITTED'],
    ]);
    expect(mine[0]!.user).toEqual({ gid: me(), name: sb.seed.users.me.name });
    const open = await client.listTimesheetApprovalStatuses({ workspace: ws(), approval_statuses: ['submitted', 'rejected'] });
    expect(open.length).toBeGreaterThan(2);
    expect(new Set(open.map((w) => w.approval_status))).toEqual(new Set(['SUBMITTED', 'REJECTED']));
  });

  it('finds one week, or null when Asana has no record for it yet', async () => {
    const client = asMe();
    expect(await client.findTimesheetWeek(ws(), me(), MONDAY)).toBeNull();
    const last = await client.findTimesheetWeek(ws(), me(), addDays(MONDAY, -7));
    expect(last).toMatchObject({ gid: sb.world.timesheetFor(me(), ws(), addDays(MONDAY, -7))!.gid, approval_status: 'SUBMITTED' });
    expect(await client.getTimesheetApprovalStatus(last!.gid)).toEqual(last);
  });

  it('submit my week: create the record, submit with a note, read its entries, recall; the reviewer approves', async () => {
    const client = asMe();
    const week = await client.createTimesheetApprovalStatus({ user: me(), workspace: ws(), start_date: MONDAY, end_date: addDays(MONDAY, 6) });
    expect(week).toMatchObject({ approval_status: 'DRAFT', start_date: MONDAY, end_date: '2026-03-15', workspace: { gid: ws(), name: 'Acme Studio' } });

    const submitted = await client.updateTimesheetApprovalStatus(week.gid, { approval_status: 'submitted', message: 'All in, see you Monday' });
    expect(submitted.approval_status).toBe('SUBMITTED');
    expect(sb.world.timesheets.get(week.gid)!.history.at(-1)).toMatchObject({ to: 'SUBMITTED', message: 'All in, see you Monday', by: me() });

    const entries = await client.listTimesheetEntries(week.gid);
    const stored = sb.world.entriesOfTimesheet(sb.world.timesheets.get(week.gid)!);
    expect(stored.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.gid)).toEqual(stored.map((e) => e.gid));
    expect(entries.every((e) => e.approval_status === 'SUBMITTED' && e.task?.name)).toBe(true);
    const locked = await failure(client.updateEntry(entries[0]!.gid, { duration_minutes: 5 }));
    expect(locked).toMatchObject({ code: 'forbidden', status: 403 });

    expect((await client.updateTimesheetApprovalStatus(week.gid, { approval_status: 'draft' })).approval_status).toBe('DRAFT');
    expect((await client.listTimesheetEntries(week.gid)).every((e) => e.approval_status === 'DRAFT')).toBe(true);
    await client.updateTimesheetApprovalStatus(week.gid, { approval_status: 'submitted' });
    const approved = await clientFor(sb.seed.users.alex.token).updateTimesheetApprovalStatus(week.gid, { approval_status: 'approved' });
    expect(approved.approval_status).toBe('APPROVED');
    expect(stored.every((e) => sb.world.entries.get(e.gid)!.approval_status === 'APPROVED')).toBe(true);
  });

  it('Asana’s refusals arrive as typed errors with Asana’s words, and change nothing', async () => {
    const client = asMe();
    const tuesday = await failure(client.createTimesheetApprovalStatus({ user: me(), workspace: ws(), start_date: '2026-03-10', end_date: '2026-03-16' }));
    expect(tuesday).toBeInstanceOf(AsanaError);
    expect(tuesday).toMatchObject({ code: 'bad_request', status: 400, asanaMessage: 'start_date: Must be a Monday, got 2026-03-10 (a Tuesday).' });
    expect(tuesday.message).toContain('start_date: Must be a Monday');

    const last = sb.world.timesheetFor(me(), ws(), addDays(MONDAY, -7))!;
    const ownApproval = await failure(client.updateTimesheetApprovalStatus(last.gid, { approval_status: 'approved' }));
    expect(ownApproval).toMatchObject({ code: 'forbidden', status: 403 });
    const bySam = await failure(clientFor(sb.seed.users.sam.token).updateTimesheetApprovalStatus(last.gid, { approval_status: 'rejected', message: 'no' }));
    expect(bySam).toMatchObject({ code: 'forbidden' });
    const invalid = await failure(client.updateTimesheetApprovalStatus(last.gid, { approval_status: 'submitted' }));
    expect(invalid).toMatchObject({ code: 'bad_request', asanaMessage: expect.stringMatching(/^approval_status: Cannot change a SUBMITTED timesheet to submitted\./) });
    expect(last.approval_status).toBe('SUBMITTED');

    sb.world.workspaces.get(ws())!.timesheets_addon = false;
    expect(await failure(client.listTimesheetApprovalStatuses({ workspace: ws() }))).toMatchObject({ code: 'payment_required', status: 402 });
    expect(await failure(client.getProjectBudget(sb.seed.projects.website.gid))).toMatchObject({ code: 'payment_required' });
  });

  it('an answer that does not fit the schema is a malformed-response error, not a crash', async () => {
    sb.faults.failNext(2, 'wrong-shape', { method: 'GET', path: '/timesheet_approval_statuses' });
    try {
      expect(await failure(asMe().listTimesheetApprovalStatuses({ workspace: ws() }))).toMatchObject({ code: 'malformed_response' });
    } finally {
      sb.faults.clear();
    }
  });
});

describe('budgets and estimates', () => {
  it('a project’s budget as Asana computes it, or null without one', async () => {
    const client = asMe();
    const website = sb.seed.projects.website.gid;
    const billable = [...sb.world.entries.values()].filter((e) => e.attributable_to === website && e.billable_status === 'billable')
      .reduce((s, e) => s + e.duration_minutes, 0);
    const budget = await client.getProjectBudget(website);
    expect(budget).toMatchObject({
      gid: sb.seed.budgets.website.gid, budget_type: 'time', parent: { gid: website, name: 'Website Redesign' },
      actual: { value: billable, units: 'minutes', billable_status_filter: 'billable' }, total: { enabled: true, value: 12_000, units: 'minutes' },
    });
    expect((await client.getProjectBudget(sb.seed.projects.northwind.gid))?.actual?.units).toBe('EUR');
    expect(await client.getProjectBudget(sb.seed.projects.internal.gid)).toMatchObject({ estimate: { enabled: false, value: null, units: null } });
    expect(await client.getProjectBudget(sb.seed.projects.mobile.gid)).toBeNull();
  });

  it('a task’s estimate: minutes and Asana’s text; null when the field is empty or absent', async () => {
    const client = asMe();
    const field = sb.world.workspaces.get(ws())!.estimated_time_field!;
    expect(await client.getTaskEstimate(sb.seed.tasks.big.gid)).toEqual({ minutes: 3000, display: '50h', fieldGid: field });
    expect(await client.getTaskEstimate(sb.seed.tasks.twoProjects.gid)).toEqual({ minutes: 900, display: '15h', fieldGid: field });
    expect(await client.getTaskEstimate(sb.seed.tasks.subtaskParent.gid)).toEqual({ minutes: null, display: null, fieldGid: field });
    expect(await client.getTaskEstimate(sb.seed.tasks.milestone.gid)).toEqual({ minutes: null, display: null, fieldGid: null });
  });
});

describe('the rest of the client sends what the contract declares too', () => {
  it('users, workspaces, tasks, typeahead, entries and categories', async () => {
    const client = asMe();
    const task = sb.seed.tasks.twoProjects.gid;
    await client.getMe();
    await client.listWorkspaces();
    await client.getTask(task);
    await client.typeahead(ws(), 'hero');
    await client.typeaheadTasks(ws(), 'hero');
    await client.listTaskEntries(task);
    await client.listEntries({ user: me(), workspace: ws(), entered_on_start_date: MONDAY, entered_on_end_date: TODAY });
    const entry = await client.createEntry(task, { duration_minutes: 30, entered_on: TODAY, attributable_to: sb.seed.projects.website.gid, billable_status: 'billable', description: 'check' });
    await client.getEntry(entry.gid);
    await client.updateEntry(entry.gid, { duration_minutes: 45, categories: [sb.seed.categories.design.gid] });
    await client.deleteEntry(entry.gid);
    await client.listCategories(ws());
    const category = await client.createCategory(ws(), { name: 'Checked', color: 'blue' });
    await client.getCategory(category.gid);
    await client.updateCategory(category.gid, { is_archived: true });
    await client.listCategoryEntries(sb.seed.categories.design.gid, { start_date: addDays(TODAY, -30), end_date: TODAY });
    await client.deleteCategory(category.gid);
    expect(sb.stats.requests.filter((r) => r.area === 'api' && r.status >= 400)).toEqual([]);
  });
});

