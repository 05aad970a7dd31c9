import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, TODAY } from './helpers.ts';
import { startSandbox, type Sandbox } from './index.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ today: TODAY });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const entriesPath = (taskGid: string) => `/tasks/${taskGid}/time_tracking_entries`;

describe('create', () => {
  it('creates an entry owned by the caller, 201 + Location, full record by default', async () => {
    const task = sb.seed.tasks.empty;
    const r = await api(sb, 'POST', entriesPath(task.gid), {
      body: { data: { duration_minutes: 45, description: 'Wrote the intro', billable_status: 'nonBillable', categories: [sb.seed.categories.development.gid] } },
    });
    expect(r.status).toBe(201);
    const e = r.body.data;
    expect(r.headers.get('location')).toBe(`${sb.url}/api/1.0/time_tracking_entries/${e.gid}`);
    expect(e).toMatchObject({
      resource_type: 'time_tracking_entry', duration_minutes: 45, entered_on: TODAY, approval_status: 'DRAFT',
      billable_status: 'nonBillable', description: 'Wrote the intro',
      created_by: { gid: sb.seed.users.me.gid, name: sb.seed.users.me.name },
      task: { gid: task.gid, name: task.name, resource_type: 'task' },
      attributable_to: { gid: sb.seed.projects.internal.gid, name: 'Internal Tools' },
      categories: [{ gid: sb.seed.categories.development.gid, name: 'Development', color: 'blue' }],
    });
    expect(e.gid).toMatch(/^\d{16}$/);
    expect(Date.parse(e.created_at)).not.toBeNaN();
    expect(sb.world.entries.get(e.gid)).toMatchObject({ task: task.gid, created_by: sb.seed.users.me.gid, duration_minutes: 45 });
  });

  it('entries belong to the token user; others see them in the task list', async () => {
    const task = sb.seed.tasks.empty;
    const r = await api(sb, 'POST', entriesPath(task.gid), { token: sb.seed.users.sam.token, body: { data: { duration_minutes: 10 } } });
    expect(r.body.data.created_by.gid).toBe(sb.seed.users.sam.gid);
    const list = await api(sb, 'GET', entriesPath(task.gid));
    expect(list.body.data.map((e: { gid: string }) => e.gid)).toEqual([r.body.data.gid]);
  });

  it('defaults attributable_to to null for a task in two projects, and accepts one of them', async () => {
    const task = sb.seed.tasks.twoProjects;
    const a = await api(sb, 'POST', entriesPath(task.gid), { body: { data: { duration_minutes: 5 } } });
    expect(a.body.data.attributable_to).toBeNull();
    const b = await api(sb, 'POST', entriesPath(task.gid), { body: { data: { duration_minutes: 5, attributable_to: sb.seed.projects.mobile.gid } } });
    expect(b.body.data.attributable_to.gid).toBe(sb.seed.projects.mobile.gid);
  });

  it.each([
    [{}, 'duration_minutes: Missing input'],
    [{ duration_minutes: 0 }, 'duration_minutes: Must be a positive integer'],
    [{ duration_minutes: -5 }, 'duration_minutes: Must be a positive integer'],
    [{ duration_minutes: 1.5 }, 'duration_minutes: Must be a positive integer'],
    [{ duration_minutes: '30' }, 'duration_minutes: Must be a positive integer'],
    [{ duration_minutes: 1441 }, 'duration_minutes: Must be at most 1440'],
    [{ duration_minutes: 30, entered_on: '2026-02-30' }, 'entered_on: Must be a date'],
    [{ duration_minutes: 30, entered_on: '11/03/2026' }, 'entered_on: Must be a date'],
    [{ duration_minutes: 30, attributable_to: '1234' }, 'attributable_to: Project 1234 is not one of the projects'],
    [{ duration_minutes: 30, billable_status: 'maybe' }, 'billable_status: Must be one of billable, nonBillable, notApplicable'],
    [{ duration_minutes: 30, categories: ['1', '2'] }, 'categories: At most 1 category'],
    [{ duration_minutes: 30, categories: ['999'] }, 'categories: Unknown time tracking category: 999'],
    [{ duration_minutes: 30, categories: 'x' }, 'categories: Must be an array'],
    [{ duration_minutes: 30, description: 5 }, 'description: Must be a string'],
  ])('refuses %j with a 400 naming the parameter', async (data, message) => {
    const r = await api(sb, 'POST', entriesPath(sb.seed.tasks.empty.gid), { body: { data } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toContain(message);
    expect(r.body.errors[0].help).toContain('developers.asana.com');
    expect(r.body.errors[0].phrase).toBeUndefined();
  });

  it('refuses an archived category and a category of another workspace', async () => {
    const archived = await api(sb, 'POST', entriesPath(sb.seed.tasks.empty.gid), {
      body: { data: { duration_minutes: 30, categories: [sb.seed.categories.archived.gid] } },
    });
    expect(archived.status).toBe(400);
    expect(archived.body.errors[0].message).toMatch(/^categories: .*archived/);

    const other = sb.world.addWorkspace({ name: 'Side Projects', members: [sb.seed.users.me.gid] });
    const cat = sb.world.addCategory({ name: 'Elsewhere', workspace: other.gid });
    const foreign = await api(sb, 'POST', entriesPath(sb.seed.tasks.empty.gid), { body: { data: { duration_minutes: 30, categories: [cat.gid] } } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].message).toMatch(/^categories: .*another workspace/);
  });

  it('400 on a missing data envelope or invalid JSON', async () => {
    const noData = await api(sb, 'POST', entriesPath(sb.seed.tasks.empty.gid), { body: { duration_minutes: 30 } });
    expect(noData.status).toBe(400);
    expect(noData.body.errors[0].message).toBe('data: Missing input');
    const bad = await api(sb, 'POST', entriesPath(sb.seed.tasks.empty.gid), { rawBody: '{"data": {"duration_minutes": 3' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/invalid JSON/);
  });

  it('404 for an unknown task, 402 in the workspace without time tracking', async () => {
    const unknown = await api(sb, 'POST', entriesPath('404404404'), { body: { data: { duration_minutes: 30 } } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].message).toContain('404404404');
    const noTracking = await api(sb, 'POST', entriesPath(sb.seed.tasks.noTracking.gid), { body: { data: { duration_minutes: 30 } } });
    expect(noTracking.status).toBe(402);
    const read = await api(sb, 'GET', entriesPath(sb.seed.tasks.noTracking.gid));
    expect(read.status).toBe(402);
  });

  it('403 for a task in a workspace the user is not in', async () => {
    const priya = sb.seed.users.priya;
    const r = await api(sb, 'GET', entriesPath(sb.seed.tasks.noTracking.gid), { token: priya.token });
    expect(r.status).toBe(403);
  });

  it('accepts options.fields and opt_fields in a write', async () => {
    const r = await api(sb, 'POST', entriesPath(sb.seed.tasks.empty.gid), {
      body: { data: { duration_minutes: 20 }, options: { fields: ['duration_minutes', 'task.name'] } },
    });
    expect(r.status).toBe(201);
    expect(r.body.data).toEqual({ gid: r.body.data.gid, duration_minutes: 20, task: { gid: sb.seed.tasks.empty.gid, name: sb.seed.tasks.empty.name } });
  });
});

describe('read', () => {
  it('lists a task’s entries in compact form, ordered by entered_on, created_at, gid', async () => {
    const r = await api(sb, 'GET', entriesPath(sb.seed.tasks.big.gid));
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(250);
    expect('next_page' in r.body).toBe(false);
    const first = r.body.data[0];
    expect(Object.keys(first).sort()).toEqual(['attributable_to', 'categories', 'created_by', 'duration_minutes', 'entered_on', 'gid', 'resource_type']);
    const keys = sb.world.entriesOfTask(sb.seed.tasks.big.gid).map((e) => e.gid);
    expect(r.body.data.map((e: { gid: string }) => e.gid)).toEqual(keys);
    const dates = r.body.data.map((e: { entered_on: string }) => e.entered_on);
    expect([...dates].sort()).toEqual(dates);
    const authors = new Set(r.body.data.map((e: { created_by: { gid: string } }) => e.created_by.gid));
    expect(authors.size).toBeGreaterThanOrEqual(4);
  });

  it('honours any full-record field in list opt_fields (documented choice)', async () => {
    const r = await api(sb, 'GET', entriesPath(sb.seed.tasks.big.gid), {
      query: { limit: 3, opt_fields: 'approval_status,billable_status,description,created_at,task.name,created_by.name,categories.color' },
    });
    for (const e of r.body.data) {
      expect(Object.keys(e).sort()).toEqual(['approval_status', 'billable_status', 'categories', 'created_at', 'created_by', 'description', 'gid', 'task']);
      expect(e.task).toEqual({ gid: sb.seed.tasks.big.gid, name: sb.seed.tasks.big.name });
      expect(Object.keys(e.created_by).sort()).toEqual(['gid', 'name']);
    }
  });

  it('a nested object requested without sub-fields is {gid, resource_type}; repeated opt_fields merge', async () => {
    const r = await api(sb, 'GET', entriesPath(sb.seed.tasks.big.gid), { query: { limit: 1, opt_fields: ['created_by', 'duration_minutes'] } });
    const e = r.body.data[0];
    expect(e.created_by).toEqual({ gid: e.created_by.gid, resource_type: 'user' });
    expect(typeof e.duration_minutes).toBe('number');
  });

  it('GET one returns the full record; opt_fields narrows it', async () => {
    const entry = sb.world.entriesOfTask(sb.seed.tasks.hostile.gid)[0]!;
    const full = await api(sb, 'GET', `/time_tracking_entries/${entry.gid}`);
    expect(full.body.data).toMatchObject({ gid: entry.gid, description: entry.description, approval_status: entry.approval_status, task: { name: sb.seed.tasks.hostile.name } });
    const narrow = await api(sb, 'GET', `/time_tracking_entries/${entry.gid}`, { query: { opt_fields: 'duration_minutes' } });
    expect(narrow.body.data).toEqual({ gid: entry.gid, duration_minutes: entry.duration_minutes });
    const missing = await api(sb, 'GET', '/time_tracking_entries/777');
    expect(missing.status).toBe(404);
  });

  it('task actual_time_minutes is the sum of its entries (opt-in)', async () => {
    const task = sb.seed.tasks.big;
    const sum = sb.world.entriesOfTask(task.gid).reduce((s, e) => s + e.duration_minutes, 0);
    const r = await api(sb, 'GET', `/tasks/${task.gid}`, { query: { opt_fields: 'actual_time_minutes' } });
    expect(r.body.data).toEqual({ gid: task.gid, actual_time_minutes: sum });
    await api(sb, 'POST', entriesPath(task.gid), { body: { data: { duration_minutes: 7 } } });
    const after = await api(sb, 'GET', `/tasks/${task.gid}`, { query: { opt_fields: 'actual_time_minutes' } });
    expect(after.body.data.actual_time_minutes).toBe(sum + 7);
    const byDefault = await api(sb, 'GET', `/tasks/${task.gid}`);
    expect('actual_time_minutes' in byDefault.body.data).toBe(false);
    const empty = await api(sb, 'GET', `/tasks/${sb.seed.tasks.empty.gid}`, { query: { opt_fields: 'actual_time_minutes' } });
    expect(empty.body.data.actual_time_minutes).toBe(0);
    const noTracking = await api(sb, 'GET', `/tasks/${sb.seed.tasks.noTracking.gid}`, { query: { opt_fields: 'actual_time_minutes' } });
    expect(noTracking.body.data.actual_time_minutes).toBeNull();
  });
});

describe('update and delete', () => {
  const myDraft = () => {
    const e = [...sb.world.entries.values()].find((x) => x.created_by === sb.seed.users.me.gid && x.approval_status === 'DRAFT');
    if (!e) throw new Error('seed has no DRAFT entry of the demo user');
    return e;
  };

  it('PUT changes only the fields sent', async () => {
    const e = myDraft();
    const before = { ...e };
    const r = await api(sb, 'PUT', `/time_tracking_entries/${e.gid}`, { body: { data: { duration_minutes: 99 } } });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ gid: e.gid, duration_minutes: 99, entered_on: before.entered_on, description: before.description, billable_status: before.billable_status });
    expect(sb.world.entries.get(e.gid)).toEqual({ ...before, duration_minutes: 99 });
    const r2 = await api(sb, 'PUT', `/time_tracking_entries/${e.gid}`, { body: { data: { entered_on: '2026-03-02', categories: [], description: 'edited', billable_status: 'billable' } } });
    expect(r2.body.data).toMatchObject({ entered_on: '2026-03-02', categories: [], description: 'edited', billable_status: 'billable', duration_minutes: 99 });
  });

  it('PUT validates like create (but duration is optional)', async () => {
    const e = myDraft();
    const r = await api(sb, 'PUT', `/time_tracking_entries/${e.gid}`, { body: { data: { duration_minutes: 0 } } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toMatch(/^duration_minutes: /);
    const ok = await api(sb, 'PUT', `/time_tracking_entries/${e.gid}`, { body: { data: {} } });
    expect(ok.status).toBe(200);
  });

  it('an entry keeps its archived category on update but cannot newly get one', async () => {
    const e = myDraft();
    sb.world.entries.get(e.gid)!.categories = [sb.seed.categories.archived.gid];
    const keep = await api(sb, 'PUT', `/time_tracking_entries/${e.gid}`, { body: { data: { categories: [sb.seed.categories.archived.gid], duration_minutes: 15 } } });
    expect(keep.status).toBe(200);
    expect(keep.body.data.categories[0].name).toBe('Legacy consulting');
    const other = [...sb.world.entries.values()].find((x) => x.created_by === sb.seed.users.me.gid && x.approval_status === 'DRAFT' && x.gid !== e.gid)!;
    const refused = await api(sb, 'PUT', `/time_tracking_entries/${other.gid}`, { body: { data: { categories: [sb.seed.categories.archived.gid] } } });
    expect(refused.status).toBe(400);
  });

  it('403 when changing someone else’s entry', async () => {
    const theirs = [...sb.world.entries.values()].find((x) => x.created_by === sb.seed.users.alex.gid && x.approval_status === 'DRAFT')!;
    const put = await api(sb, 'PUT', `/time_tracking_entries/${theirs.gid}`, { body: { data: { duration_minutes: 1 } } });
    expect(put.status).toBe(403);
    expect(put.body.errors[0].message).toMatch(/created by another user/);
    const del = await api(sb, 'DELETE', `/time_tracking_entries/${theirs.gid}`);
    expect(del.status).toBe(403);
    expect(sb.world.entries.get(theirs.gid)?.duration_minutes).toBe(theirs.duration_minutes);
  });

  it.each(['SUBMITTED', 'APPROVED'] as const)('403 when the entry is %s', async (status) => {
    const e = [...sb.world.entries.values()].find((x) => x.created_by === sb.seed.users.me.gid && x.approval_status === status)!;
    const put = await api(sb, 'PUT', `/time_tracking_entries/${e.gid}`, { body: { data: { duration_minutes: 1 } } });
    expect(put.status).toBe(403);
    expect(put.body.errors[0].message).toContain(status === 'SUBMITTED' ? 'submitted timesheet' : 'approved timesheet');
    expect((await api(sb, 'DELETE', `/time_tracking_entries/${e.gid}`)).status).toBe(403);
  });

  it('REJECTED entries can be edited again', async () => {
    const e = [...sb.world.entries.values()].find((x) => x.created_by === sb.seed.users.me.gid && x.approval_status === 'REJECTED')!;
    expect((await api(sb, 'PUT', `/time_tracking_entries/${e.gid}`, { body: { data: { duration_minutes: 60 } } })).status).toBe(200);
  });

  it('DELETE answers {data:{}} and removes the entry', async () => {
    const e = myDraft();
    const r = await api(sb, 'DELETE', `/time_tracking_entries/${e.gid}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ data: {} });
    expect(sb.world.entries.has(e.gid)).toBe(false);
    expect((await api(sb, 'DELETE', `/time_tracking_entries/${e.gid}`)).status).toBe(404);
    expect((await api(sb, 'GET', `/time_tracking_entries/${e.gid}`)).status).toBe(404);
  });
});

describe('the world helpers', () => {
  it('addTask with a forced gid, addEntries, entriesOfTask, addUser', async () => {
    const task = sb.world.addTask({ gid: '1209400000000001', name: 'From a URL', projects: [sb.seed.projects.website.gid] });
    expect(task.workspace).toBe(sb.seed.workspaces.main.gid);
    const added = sb.world.addEntries(task.gid, 101, [sb.seed.users.me.gid, sb.seed.users.alex.gid]);
    expect(added).toHaveLength(101);
    expect(sb.world.entriesOfTask(task.gid)).toHaveLength(101);
    const list = await api(sb, 'GET', entriesPath(task.gid), { query: { limit: 100 } });
    expect(list.body.data).toHaveLength(100);
    expect(list.body.next_page).not.toBeNull();
    const newbie = sb.world.addUser({ name: 'Noor Haddad' });
    const me = await api(sb, 'GET', '/users/me', { token: newbie.token });
    expect(me.body.data).toMatchObject({ gid: newbie.gid, name: 'Noor Haddad', email: newbie.email });
  });
});
