import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, mondayOf } from './dates.ts';
import { api, fetchAll, TODAY } from './helpers.ts';
import { startSandbox, type EntryRecord, type Sandbox } from './index.ts';

// GET /time_tracking_entries with its filters. The world is only read here.
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ today: TODAY });
});
afterAll(() => sb.close());

const gidsOf = (items: Array<Record<string, unknown>>) => items.map((e) => e.gid as string).sort();
const expected = (pred: (e: EntryRecord) => boolean) => [...sb.world.entries.values()].filter(pred).map((e) => e.gid).sort();

describe('GET /time_tracking_entries', () => {
  it('requires at least one of task, attributable_to, portfolio, user, workspace', async () => {
    const r = await api(sb, 'GET', '/time_tracking_entries');
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toMatch(/^task: Missing input/);
  });

  it('filters by task', async () => {
    const { items } = await fetchAll(sb, '/time_tracking_entries', { task: sb.seed.tasks.big.gid, limit: 100 });
    expect(items).toHaveLength(250);
  });

  it('filters by user and date range: the demo user’s timesheet for this week', async () => {
    const monday = mondayOf(TODAY);
    const sunday = addDays(monday, 6);
    const { items } = await fetchAll(sb, '/time_tracking_entries', {
      user: sb.seed.users.me.gid, entered_on_start_date: monday, entered_on_end_date: sunday, limit: 100,
      opt_fields: 'entered_on,duration_minutes,approval_status,task.name',
    });
    expect(items.length).toBeGreaterThan(0);
    expect(gidsOf(items)).toEqual(expected((e) => e.created_by === sb.seed.users.me.gid && e.entered_on >= monday && e.entered_on <= sunday));
    for (const e of items) expect(e.approval_status).toBe('DRAFT');
  });

  it('user accepts "me"', async () => {
    const a = await fetchAll(sb, '/time_tracking_entries', { user: 'me', limit: 100 });
    expect(gidsOf(a.items)).toEqual(expected((e) => e.created_by === sb.seed.users.me.gid));
  });

  it('the previous weeks hold SUBMITTED and APPROVED entries of the demo user', async () => {
    const lastMonday = addDays(mondayOf(TODAY), -7);
    const { items } = await fetchAll(sb, '/time_tracking_entries', {
      user: sb.seed.users.me.gid, entered_on_start_date: addDays(lastMonday, -21), entered_on_end_date: addDays(lastMonday, 6),
      opt_fields: 'approval_status',
    });
    const statuses = new Set(items.map((e) => e.approval_status));
    expect(statuses).toContain('SUBMITTED');
    expect(statuses).toContain('APPROVED');
  });

  it('filters by attributable_to, portfolio and workspace', async () => {
    const website = sb.seed.projects.website.gid;
    const byProject = await fetchAll(sb, '/time_tracking_entries', { attributable_to: website });
    expect(gidsOf(byProject.items)).toEqual(expected((e) => e.attributable_to === website));

    const portfolio = sb.world.portfolios.get(sb.seed.portfolios.clientWork.gid)!;
    const byPortfolio = await fetchAll(sb, '/time_tracking_entries', { portfolio: portfolio.gid, limit: 100 });
    expect(gidsOf(byPortfolio.items)).toEqual(expected((e) => {
      const t = sb.world.tasks.get(e.task)!;
      return e.attributable_to !== null ? portfolio.projects.includes(e.attributable_to) : t.projects.some((p) => portfolio.projects.includes(p));
    }));

    const start = addDays(TODAY, -14);
    const byWorkspace = await fetchAll(sb, '/time_tracking_entries', { workspace: sb.seed.workspaces.main.gid, entered_on_start_date: start, limit: 100 });
    expect(gidsOf(byWorkspace.items)).toEqual(expected((e) => e.entered_on >= start));
  });

  it('workspace needs a date bound', async () => {
    const r = await api(sb, 'GET', '/time_tracking_entries', { query: { workspace: sb.seed.workspaces.main.gid } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toMatch(/^entered_on_start_date: At least one of/);
  });

  it('filters by timesheet approval status: the gid of one week record, alone or with other filters', async () => {
    const me = sb.seed.users.me.gid;
    const lastMonday = addDays(mondayOf(TODAY), -7);
    const week = sb.world.timesheetFor(me, sb.seed.workspaces.main.gid, lastMonday)!;
    const inWeek = (e: EntryRecord) => e.created_by === me && e.entered_on >= lastMonday && e.entered_on <= addDays(lastMonday, 6);
    const r = await fetchAll(sb, '/time_tracking_entries', { timesheet_approval_status: week.gid, limit: 100, opt_fields: 'approval_status' });
    expect(r.items.length).toBeGreaterThan(0);
    expect(gidsOf(r.items)).toEqual(expected(inWeek));
    expect(new Set(r.items.map((e) => e.approval_status))).toEqual(new Set(['SUBMITTED']));
    const narrowed = await fetchAll(sb, '/time_tracking_entries', { timesheet_approval_status: week.gid, task: sb.seed.ordinaryTasks[2]!.gid });
    expect(gidsOf(narrowed.items)).toEqual(expected((e) => inWeek(e) && e.task === sb.seed.ordinaryTasks[2]!.gid));
    // A status name is not a record's gid.
    for (const value of ['SUBMITTED', '12345']) {
      const unknown = await api(sb, 'GET', '/time_tracking_entries', { query: { timesheet_approval_status: value } });
      expect(unknown.status).toBe(404);
      expect(unknown.body.errors[0].message).toBe(`timesheet_approval_status: Unknown object: ${value}`);
    }
  });

  it('400 on bad dates, 404 on unknown objects, 402 on the workspace without time tracking', async () => {
    const badDate = await api(sb, 'GET', '/time_tracking_entries', { query: { user: 'me', entered_on_end_date: '2026-13-01' } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].message).toMatch(/^entered_on_end_date: /);
    for (const [param, value] of [['task', '1'], ['attributable_to', '2'], ['portfolio', '3'], ['user', '4'], ['workspace', '5']]) {
      const r = await api(sb, 'GET', '/time_tracking_entries', { query: { [param as string]: value as string, entered_on_start_date: TODAY } });
      expect(r.status, param).toBe(404);
      expect(r.body.errors[0].message).toMatch(new RegExp(`^${param}: Unknown object`));
    }
    const ws = await api(sb, 'GET', '/time_tracking_entries', { query: { workspace: sb.seed.workspaces.noTracking.gid, entered_on_start_date: TODAY } });
    expect(ws.status).toBe(402);
    const task = await api(sb, 'GET', '/time_tracking_entries', { query: { task: sb.seed.tasks.noTracking.gid } });
    expect(task.status).toBe(402);
    const project = await api(sb, 'GET', '/time_tracking_entries', { query: { attributable_to: sb.seed.projects.garden.gid } });
    expect(project.status).toBe(402);
  });

  it('paginates with the filters bound to the token', async () => {
    const p1 = await api(sb, 'GET', '/time_tracking_entries', { query: { task: sb.seed.tasks.big.gid, limit: 100 } });
    const other = await api(sb, 'GET', '/time_tracking_entries', { query: { task: sb.seed.tasks.hostile.gid, limit: 100, offset: p1.body.next_page.offset } });
    expect(other.body.errors[0].message).toBe('offset: Your pagination token is invalid.');
  });
});
