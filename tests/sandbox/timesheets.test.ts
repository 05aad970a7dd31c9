import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, mondayOf } from './dates.ts';
import { api, fetchAll, TODAY } from './helpers.ts';
import { APPROVAL_STATUSES, startSandbox, type ApprovalStatus, type Sandbox } from './index.ts';
import { REJECTION_MESSAGE } from './seed.ts';

// Timesheet approval statuses: every operation, every transition, and the entries that follow
// their week. Every response is checked against the extract by `api`.
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ today: TODAY });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const PATH = '/timesheet_approval_statuses';
const MONDAY = mondayOf(TODAY); // 2026-03-09
const main = () => sb.seed.workspaces.main.gid;
const me = () => sb.seed.users.me;
const weekOf = (user: string, date: string) => sb.world.timesheetFor(user, main(), date);
const create = (body: Record<string, unknown>, token?: string) =>
  api(sb, 'POST', PATH, { token, body: { data: { user: me().gid, workspace: main(), start_date: MONDAY, end_date: addDays(MONDAY, 6), ...body } } });
/** The demo user's entries of this week, straight from the world. */
const thisWeek = () => [...sb.world.entries.values()].filter((e) => e.created_by === me().gid && e.entered_on >= MONDAY && e.entered_on <= addDays(MONDAY, 6));
const put = (gid: string, data: Record<string, unknown>, token?: string) => api(sb, 'PUT', `${PATH}/${gid}`, { token, body: { data } });

describe('the seeded weeks', () => {
  it('the demo user: last week submitted, three weeks ago rejected by Alex with a message, older weeks approved, no record this week', () => {
    const records = [...sb.world.timesheets.values()].filter((r) => r.user === me().gid);
    const statusOf = (weeksBack: number) => weekOf(me().gid, addDays(MONDAY, -7 * weeksBack))?.approval_status;
    expect(statusOf(0)).toBeUndefined();
    expect(statusOf(1)).toBe('SUBMITTED');
    expect(statusOf(2)).toBe('APPROVED');
    expect(statusOf(3)).toBe('REJECTED');
    expect(statusOf(4)).toBe('APPROVED');
    const rejected = weekOf(me().gid, addDays(MONDAY, -21))!;
    expect(rejected.history.at(-1)).toMatchObject({ from: 'SUBMITTED', to: 'REJECTED', by: sb.seed.users.alex.gid, message: REJECTION_MESSAGE });
    expect(records.filter((r) => r.approval_status === 'REJECTED')).toEqual([rejected]);
    expect(weekOf(sb.seed.users.alex.gid, MONDAY)?.approval_status).toBe('DRAFT');
  });

  it('every entry has its week’s status; entries of weeks without a record are DRAFT', () => {
    for (const e of sb.world.entries.values()) {
      const workspace = sb.world.tasks.get(e.task)!.workspace;
      expect(e.approval_status, e.gid).toBe(sb.world.timesheetFor(e.created_by, workspace, e.entered_on)?.approval_status ?? 'DRAFT');
    }
  });

  it('reviewers: Alex may review the demo user, Sam reviews nobody, Priya reviews Alex', () => {
    expect(sb.world.reviewersOf(me().gid, main())).toEqual([sb.seed.users.alex.gid]);
    expect(sb.world.reviewersOf(sb.seed.users.alex.gid, main())).toEqual([sb.seed.users.priya.gid]);
    for (const u of sb.world.users.values()) expect(sb.world.reviewersOf(u.gid, main())).not.toContain(sb.seed.users.sam.gid);
  });
});

describe('GET /timesheet_approval_statuses', () => {
  it('needs a workspace; lists its records by week, compact by default, projected with opt_fields', async () => {
    const missing = await api(sb, 'GET', PATH);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].message).toBe('workspace: Missing input');
    const { items } = await fetchAll(sb, PATH, { workspace: main(), limit: 100 });
    expect(items.map((r) => r.gid).sort()).toEqual([...sb.world.timesheets.keys()].sort());
    expect(items.map((r) => r.start_date)).toEqual([...items.map((r) => r.start_date as string)].sort());
    expect(Object.keys(items[0]!).sort()).toEqual(['approval_status', 'end_date', 'gid', 'resource_type', 'start_date', 'user']);
    const projected = await api(sb, 'GET', PATH, { query: { workspace: main(), user: 'me', limit: 1, opt_fields: 'approval_status,user.name,workspace.name,created_at' } });
    expect(projected.body.data[0]).toEqual({
      gid: expect.any(String), approval_status: expect.any(String), created_at: expect.any(String),
      user: { gid: me().gid, name: me().name }, workspace: { gid: main(), name: 'Acme Studio' },
    });
    expect(projected.body.next_page.offset).toEqual(expect.any(String));
  });

  it('filters by user, by the weeks that overlap from_date..to_date, and by one or more statuses', async () => {
    const all = [...sb.world.timesheets.values()];
    const gids = (rs: Array<{ gid: string }>) => rs.map((r) => r.gid).sort();
    const mine = await fetchAll(sb, PATH, { workspace: main(), user: me().gid });
    expect(gids(mine.items as Array<{ gid: string }>)).toEqual(gids(all.filter((r) => r.user === me().gid)));
    // A Wednesday-to-Tuesday range touches two weeks.
    const from = addDays(MONDAY, -19);
    const to = addDays(MONDAY, -13);
    const ranged = await fetchAll(sb, PATH, { workspace: main(), user: 'me', from_date: from, to_date: to });
    expect(ranged.items.map((r) => r.start_date).sort()).toEqual([addDays(MONDAY, -21), addDays(MONDAY, -14)]);
    const some = await fetchAll(sb, PATH, { workspace: main(), approval_statuses: 'submitted,Rejected' });
    expect(gids(some.items as Array<{ gid: string }>)).toEqual(gids(all.filter((r) => r.approval_status === 'SUBMITTED' || r.approval_status === 'REJECTED')));
    expect(new Set(some.items.map((r) => r.approval_status))).toEqual(new Set(['SUBMITTED', 'REJECTED']));
  });

  it('400 for bad filters, 404 for unknown objects, 403 outside one’s workspaces, 402 without the add-on', async () => {
    for (const [query, message] of [
      [{ approval_statuses: 'pending' }, /^approval_statuses: Must be one or more of draft, submitted, approved, rejected/],
      [{ from_date: '2026-3-9' }, /^from_date: Must be a date/],
      [{ limit: 0 }, /^limit: /],
    ] as const) {
      const r = await api(sb, 'GET', PATH, { query: { workspace: main(), ...query } });
      expect(r.status, JSON.stringify(query)).toBe(400);
      expect(r.body.errors[0].message).toMatch(message);
    }
    expect((await api(sb, 'GET', PATH, { query: { workspace: '999' } })).status).toBe(404);
    expect((await api(sb, 'GET', PATH, { query: { workspace: main(), user: '999' } })).body.errors[0].message).toBe('user: Unknown object: 999');
    const noTracking = sb.seed.workspaces.noTracking.gid;
    expect((await api(sb, 'GET', PATH, { query: { workspace: noTracking } })).status).toBe(402);
    expect((await api(sb, 'GET', PATH, { token: sb.seed.users.sam.token, query: { workspace: noTracking } })).status).toBe(403);
    sb.world.workspaces.get(main())!.timesheets_addon = false;
    const r = await api(sb, 'GET', PATH, { query: { workspace: main() } });
    expect(r.status).toBe(402);
    expect(r.body.errors[0].message).toMatch(/Timesheets & Budgets add-on/);
  });
});

describe('POST /timesheet_approval_statuses', () => {
  it('creates this week’s record as DRAFT (201, Location), without touching its entries', async () => {
    const r = await create({});
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({
      resource_type: 'timesheet_approval_status', approval_status: 'DRAFT', start_date: MONDAY, end_date: '2026-03-15',
      user: { gid: me().gid, name: me().name }, workspace: { gid: main() },
    });
    expect(r.headers.get('location')).toBe(`${sb.url}/api/1.0${PATH}/${r.body.data.gid}`);
    expect(sb.world.timesheets.get(r.body.data.gid)).toMatchObject({ user: me().gid, approval_status: 'DRAFT' });
    expect(thisWeek().length).toBeGreaterThan(0);
    expect(thisWeek().every((e) => e.approval_status === 'DRAFT')).toBe(true);
    const again = await create({});
    expect(again.status).toBe(400);
    expect(again.body.errors[0].message).toBe(`start_date: A timesheet approval status already exists for this user and week: ${r.body.data.gid}.`);
  });

  it('start_date must be a Monday and end_date the following Sunday: a 400 naming the field', async () => {
    const tuesday = await create({ start_date: '2026-03-10', end_date: '2026-03-16' });
    expect(tuesday.status).toBe(400);
    expect(tuesday.body.errors[0].message).toBe('start_date: Must be a Monday, got 2026-03-10 (a Tuesday).');
    for (const end of ['2026-03-14', '2026-03-22', '2026-03-08']) {
      const r = await create({ end_date: end });
      expect(r.status, end).toBe(400);
      expect(r.body.errors[0].message).toBe(`end_date: Must be the Sunday after start_date (2026-03-15), got ${end}.`);
    }
    for (const field of ['user', 'workspace', 'start_date', 'end_date']) {
      const r = await create({ [field]: undefined });
      expect(r.status, field).toBe(400);
      expect(r.body.errors[0].message).toBe(`${field}: Missing input`);
    }
    expect((await create({ start_date: '2026-02-30' })).body.errors[0].message).toMatch(/^start_date: Must be a date in YYYY-MM-DD format/);
    expect([...sb.world.timesheets.values()].some((r) => r.user === me().gid && r.start_date === MONDAY)).toBe(false);
  });

  it('for oneself, or by one of the person’s reviewers; 404 for a user outside the workspace; 402 without the add-on', async () => {
    const bySam = await create({}, sb.seed.users.sam.token);
    expect(bySam.status).toBe(403);
    const byAlex = await create({}, sb.seed.users.alex.token);
    expect(byAlex.status).toBe(201);
    expect(byAlex.body.data.user.gid).toBe(me().gid);
    const stranger = sb.world.addUser({ name: 'Elsewhere', workspaces: [sb.seed.workspaces.noTracking.gid] });
    expect((await create({ user: stranger.gid })).body.errors[0].message).toBe(`user: Unknown object: ${stranger.gid}`);
    expect((await create({ workspace: sb.seed.workspaces.noTracking.gid })).status).toBe(402);
  });
});

describe('GET /timesheet_approval_statuses/{gid}', () => {
  it('the full record, or the asked fields; 404 unknown; 403 for someone outside the workspace', async () => {
    const week = weekOf(me().gid, addDays(MONDAY, -7))!;
    const r = await api(sb, 'GET', `${PATH}/${week.gid}`);
    expect(r.body.data).toEqual({
      gid: week.gid, resource_type: 'timesheet_approval_status', approval_status: 'SUBMITTED', start_date: '2026-03-02',
      end_date: '2026-03-08', created_at: week.created_at, user: { gid: me().gid, resource_type: 'user', name: me().name },
      workspace: { gid: main(), resource_type: 'workspace', name: 'Acme Studio' },
    });
    expect((await api(sb, 'GET', `${PATH}/${week.gid}`, { query: { opt_fields: 'approval_status' } })).body.data).toEqual({ gid: week.gid, approval_status: 'SUBMITTED' });
    expect((await api(sb, 'GET', `${PATH}/12345`)).body.errors[0].message).toBe('timesheet_approval_status: Unknown object: 12345');
    const stranger = sb.world.addUser({ name: 'Elsewhere', workspaces: [sb.seed.workspaces.noTracking.gid] });
    expect((await api(sb, 'GET', `${PATH}/${week.gid}`, { token: stranger.token })).status).toBe(403);
  });
});

describe('PUT /timesheet_approval_statuses/{gid}: transitions', () => {
  const TO: Record<ApprovalStatus, string> = { DRAFT: 'draft', SUBMITTED: 'submitted', APPROVED: 'approved', REJECTED: 'rejected' };
  const ALLOWED = new Set(['DRAFT>SUBMITTED', 'SUBMITTED>DRAFT', 'SUBMITTED>APPROVED', 'SUBMITTED>REJECTED', 'REJECTED>SUBMITTED']);

  it('allows exactly draft → submitted → draft|approved|rejected and rejected → submitted; any other is a 400', async () => {
    let weeks = 0;
    for (const from of APPROVAL_STATUSES) {
      for (const to of APPROVAL_STATUSES) {
        // A week of its own, in the future so that no seeded entry is in it.
        const record = sb.world.addTimesheet({ user: me().gid, start_date: addDays(MONDAY, 7 * ++weeks), approval_status: from });
        const reviewing = to === 'APPROVED' || to === 'REJECTED';
        const r = await put(record.gid, { approval_status: TO[to] }, reviewing ? sb.seed.users.alex.token : undefined);
        const key = `${from}>${to}`;
        if (ALLOWED.has(key)) {
          expect(r.status, key).toBe(200);
          expect(r.body.data.approval_status, key).toBe(to);
        } else {
          expect(r.status, key).toBe(400);
          expect(r.body.errors[0].message, key).toMatch(new RegExp(`^approval_status: Cannot change a ${from} timesheet to ${TO[to]}\\.`));
          expect(record.approval_status, key).toBe(from);
        }
      }
    }
  });

  it('the owner submits, recalls and resubmits; only their reviewer approves or rejects (403 otherwise)', async () => {
    const { alex, sam, priya } = sb.seed.users;
    const record = sb.world.addTimesheet({ user: me().gid, start_date: addDays(MONDAY, 7) });
    expect((await put(record.gid, { approval_status: 'submitted' }, alex.token)).status).toBe(403);
    expect((await put(record.gid, { approval_status: 'submitted' })).status).toBe(200);
    expect((await put(record.gid, { approval_status: 'draft' }, alex.token)).body.errors[0].message).toBe('Only the person whose timesheet this is can recall it.');
    for (const [who, token] of [['the owner', me().token], ['Sam', sam.token], ['Priya (Alex’s reviewer, not Morgan’s)', priya.token]] as const) {
      const r = await put(record.gid, { approval_status: 'approved' }, token);
      expect(r.status, who).toBe(403);
      expect(r.body.errors[0].message).toBe('Only a reviewer of this person\'s timesheets can approve it.');
    }
    expect((await put(record.gid, { approval_status: 'rejected', message: 'Missing Friday' }, alex.token)).status).toBe(200);
    expect((await put(record.gid, { approval_status: 'submitted' }, alex.token)).status).toBe(403);
    expect((await put(record.gid, { approval_status: 'submitted', message: 'Added Friday' })).status).toBe(200);
    expect((await put(record.gid, { approval_status: 'approved' }, alex.token)).status).toBe(200);
    expect(record.history.map((h) => [h.to, h.by, h.message])).toEqual([
      ['SUBMITTED', me().gid, null], ['REJECTED', alex.gid, 'Missing Friday'], ['SUBMITTED', me().gid, 'Added Friday'], ['APPROVED', alex.gid, null],
    ]);
    // Alex's own week goes to Priya, and nobody approves their own.
    const alexWeek = weekOf(alex.gid, MONDAY)!;
    expect((await put(alexWeek.gid, { approval_status: 'submitted' }, alex.token)).status).toBe(200);
    expect((await put(alexWeek.gid, { approval_status: 'approved' }, alex.token)).status).toBe(403);
    expect((await put(alexWeek.gid, { approval_status: 'approved' }, priya.token)).status).toBe(200);
  });

  it('validates the body: approval_status required, lower case only; message a string', async () => {
    const record = sb.world.addTimesheet({ user: me().gid, start_date: addDays(MONDAY, 7) });
    for (const [data, message] of [
      [{}, 'approval_status: Missing input'],
      [{ approval_status: 'SUBMITTED' }, 'approval_status: Must be one of submitted, draft, approved, rejected, got "SUBMITTED".'],
      [{ approval_status: 'pending' }, 'approval_status: Must be one of submitted, draft, approved, rejected, got "pending".'],
      [{ approval_status: 'submitted', message: 42 }, 'message: Must be a string, got 42.'],
    ] as const) {
      const r = await put(record.gid, data);
      expect(r.status, JSON.stringify(data)).toBe(400);
      expect(r.body.errors[0].message).toBe(message);
    }
    expect(record.approval_status).toBe('DRAFT');
    const missing = await api(sb, 'PUT', `${PATH}/${record.gid}`, { body: {} });
    expect(missing.body.errors[0].message).toBe('data: Missing input');
    expect((await put('12345', { approval_status: 'submitted' })).status).toBe(404);
    sb.world.workspaces.get(main())!.timesheets_addon = false;
    expect((await put(record.gid, { approval_status: 'submitted' })).status).toBe(402);
  });

  it('a week with no entries can be submitted too', async () => {
    const empty = (await create({ start_date: '2026-04-06', end_date: '2026-04-12' })).body.data;
    expect(sb.world.entriesOfTimesheet(sb.world.timesheets.get(empty.gid)!)).toEqual([]);
    const r = await put(empty.gid, { approval_status: 'submitted' });
    expect(r.status).toBe(200);
    expect(r.body.data.approval_status).toBe('SUBMITTED');
  });
});

describe('entries follow their week', () => {
  /** This week's entries of the demo user as the API shows them, by the week's record. */
  const weekEntries = async (gid: string) =>
    (await fetchAll(sb, '/time_tracking_entries', { timesheet_approval_status: gid, opt_fields: 'approval_status' })).items;
  const editStatus = async (entryGid: string) => (await api(sb, 'PUT', `/time_tracking_entries/${entryGid}`, { body: { data: { description: 'edited' } } })).status;

  it('submit locks them (403 on edit and delete), recall unlocks them (DRAFT), reject unlocks, approve locks for good', async () => {
    const week = (await create({})).body.data;
    const entries = sb.world.entriesOfTimesheet(sb.world.timesheets.get(week.gid)!);
    expect(entries.length).toBeGreaterThan(1);
    const [first, second] = entries as [typeof entries[0], typeof entries[0]];
    const statuses = async () => new Set((await weekEntries(week.gid)).map((e) => e.approval_status));

    await put(week.gid, { approval_status: 'submitted' });
    expect(await statuses()).toEqual(new Set(['SUBMITTED']));
    expect(await editStatus(first.gid)).toBe(403);
    const del = await api(sb, 'DELETE', `/time_tracking_entries/${first.gid}`);
    expect(del.status).toBe(403);
    expect(del.body.errors[0].message).toMatch(/submitted timesheet/);

    await put(week.gid, { approval_status: 'draft' });
    expect(await statuses()).toEqual(new Set(['DRAFT']));
    expect(await editStatus(first.gid)).toBe(200);

    await put(week.gid, { approval_status: 'submitted' });
    await put(week.gid, { approval_status: 'rejected', message: 'Too much on Monday' }, sb.seed.users.alex.token);
    expect(await statuses()).toEqual(new Set(['REJECTED']));
    expect(await editStatus(second.gid)).toBe(200);

    await put(week.gid, { approval_status: 'submitted' });
    await put(week.gid, { approval_status: 'approved' }, sb.seed.users.alex.token);
    expect(await statuses()).toEqual(new Set(['APPROVED']));
    expect(await editStatus(second.gid)).toBe(403);
    expect((await api(sb, 'DELETE', `/time_tracking_entries/${second.gid}`)).body.errors[0].message).toMatch(/approved timesheet/);
    // Other people's entries and the demo user's other weeks did not move.
    expect(sb.world.entriesOfTimesheet(weekOf(me().gid, addDays(MONDAY, -7))!).every((e) => e.approval_status === 'SUBMITTED')).toBe(true);
    expect([...sb.world.entries.values()].filter((e) => e.created_by !== me().gid && e.entered_on >= MONDAY).every((e) => e.approval_status === 'DRAFT')).toBe(true);
  });

  it('a new entry is DRAFT even in a submitted week, and takes the week’s status at its next transition', async () => {
    const week = weekOf(me().gid, addDays(MONDAY, -7))!;
    const r = await api(sb, 'POST', `/tasks/${sb.seed.tasks.empty.gid}/time_tracking_entries`, { body: { data: { duration_minutes: 20, entered_on: addDays(MONDAY, -1) } } });
    expect(r.status).toBe(201);
    expect(r.body.data.approval_status).toBe('DRAFT');
    await put(week.gid, { approval_status: 'approved' }, sb.seed.users.alex.token);
    expect(sb.world.entries.get(r.body.data.gid)!.approval_status).toBe('APPROVED');
  });

  it('world.setWeekStatus does what a transition does; a test’s direct override holds until the week next changes', () => {
    const entry = thisWeek()[0]!;
    entry.approval_status = 'SUBMITTED';
    expect(sb.world.entries.get(entry.gid)!.approval_status).toBe('SUBMITTED');
    const record = sb.world.setWeekStatus(me().gid, addDays(MONDAY, 2), 'REJECTED', { by: sb.seed.users.alex.gid, message: 'no' });
    expect(record).toMatchObject({ start_date: MONDAY, end_date: '2026-03-15', approval_status: 'REJECTED' });
    expect(record.history).toEqual([expect.objectContaining({ from: 'DRAFT', to: 'REJECTED', by: sb.seed.users.alex.gid, message: 'no' })]);
    expect(sb.world.entries.get(entry.gid)!.approval_status).toBe('REJECTED');
    expect(sb.world.setWeekStatus(me().gid, MONDAY, 'DRAFT')).toBe(record);
  });
});
