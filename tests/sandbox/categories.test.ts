import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, fetchAll, TODAY } from './helpers.ts';
import { CATEGORY_COLORS, startSandbox, type Sandbox } from './index.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ today: TODAY });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const ws = () => sb.seed.workspaces.main.gid;

describe('time tracking categories', () => {
  it('lists the non-archived categories of a workspace in all 16 colours, compact', async () => {
    const r = await api(sb, 'GET', '/time_tracking_categories', { query: { workspace: ws() } });
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(16);
    expect(new Set(r.body.data.map((c: { color: string }) => c.color))).toEqual(new Set(CATEGORY_COLORS));
    expect(Object.keys(r.body.data[0]).sort()).toEqual(['color', 'gid', 'name', 'resource_type']);
    expect(r.body.data.some((c: { name: string }) => c.name.includes('<script>'))).toBe(true);
  });

  it('is_archived=true lists the archived ones; bad values are refused', async () => {
    const r = await api(sb, 'GET', '/time_tracking_categories', { query: { workspace: ws(), is_archived: 'true', opt_fields: 'name,is_archived' } });
    expect(r.body.data).toEqual([{ gid: sb.seed.categories.archived.gid, name: 'Legacy consulting', is_archived: true }]);
    const bad = await api(sb, 'GET', '/time_tracking_categories', { query: { workspace: ws(), is_archived: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/^is_archived: /);
  });

  it('requires workspace; 404 unknown; 402 without time tracking', async () => {
    const missing = await api(sb, 'GET', '/time_tracking_categories');
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].message).toBe('workspace: Missing input');
    expect((await api(sb, 'GET', '/time_tracking_categories', { query: { workspace: '42' } })).status).toBe(404);
    expect((await api(sb, 'GET', '/time_tracking_categories', { query: { workspace: sb.seed.workspaces.noTracking.gid } })).status).toBe(402);
  });

  it('paginates', async () => {
    const { items, pages } = await fetchAll(sb, '/time_tracking_categories', { workspace: ws(), limit: 5 });
    expect(items).toHaveLength(16);
    expect(pages).toBe(4);
  });

  it('creates (201 + Location, full record), gets, updates and deletes', async () => {
    const created = await api(sb, 'POST', '/time_tracking_categories', { body: { data: { workspace: ws(), name: 'Workshops', color: 'aqua' } } });
    expect(created.status).toBe(201);
    const gid = created.body.data.gid;
    expect(created.headers.get('location')).toBe(`${sb.url}/api/1.0/time_tracking_categories/${gid}`);
    expect(created.body.data).toEqual({ gid, resource_type: 'time_tracking_category', name: 'Workshops', color: 'aqua', is_archived: false });
    const got = await api(sb, 'GET', `/time_tracking_categories/${gid}`);
    expect(got.body.data.name).toBe('Workshops');
    const updated = await api(sb, 'PUT', `/time_tracking_categories/${gid}`, { body: { data: { is_archived: true } } });
    expect(updated.body.data).toMatchObject({ name: 'Workshops', color: 'aqua', is_archived: true });
    const renamed = await api(sb, 'PUT', `/time_tracking_categories/${gid}`, { body: { data: { name: 'Workshops (old)', color: 'none' } } });
    expect(renamed.body.data).toMatchObject({ name: 'Workshops (old)', color: 'none', is_archived: true });
    const deleted = await api(sb, 'DELETE', `/time_tracking_categories/${gid}`);
    expect(deleted.body).toEqual({ data: {} });
    expect((await api(sb, 'GET', `/time_tracking_categories/${gid}`)).status).toBe(404);
  });

  it('defaults the colour to none', async () => {
    const r = await api(sb, 'POST', '/time_tracking_categories', { body: { data: { workspace: ws(), name: 'Plain' } } });
    expect(r.body.data.color).toBe('none');
  });

  it.each<[Record<string, string>, string]>([
    [{ name: 'X' }, 'workspace: Missing input'],
    [{ workspace: 'W' }, 'name: Missing input'],
    [{ workspace: 'W', name: '  ' }, 'name: Missing input'],
    [{ workspace: 'W', name: 'X', color: 'beige' }, 'color: Must be one of none, red'],
  ])('create refuses %j', async (data, message) => {
    const body = { data: { ...data, ...(data.workspace === 'W' ? { workspace: ws() } : {}) } };
    const r = await api(sb, 'POST', '/time_tracking_categories', { body });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toContain(message);
  });

  it('update refuses bad values', async () => {
    const gid = sb.seed.categories.design.gid;
    for (const [data, param] of [[{ name: '' }, 'name'], [{ color: 'plaid' }, 'color'], [{ is_archived: 'no' }, 'is_archived']] as const) {
      const r = await api(sb, 'PUT', `/time_tracking_categories/${gid}`, { body: { data } });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].message).toMatch(new RegExp(`^${param}: `));
    }
  });

  it('an archived category stays visible on existing entries', async () => {
    const gid = sb.seed.categories.archived.gid;
    const r = await fetchAll(sb, `/time_tracking_categories/${gid}/time_tracking_entries`, { limit: 100 });
    expect(r.items.length).toBeGreaterThan(0);
    for (const e of r.items) expect((e.categories as Array<{ gid: string }>)[0]?.gid).toBe(gid);
  });

  it('lists entries of a category with start_date/end_date (not entered_on_*)', async () => {
    const gid = sb.seed.categories.development.gid;
    const start = '2026-02-01';
    const end = '2026-02-28';
    const r = await fetchAll(sb, `/time_tracking_categories/${gid}/time_tracking_entries`, { start_date: start, end_date: end, opt_fields: 'entered_on,categories' });
    const expected = [...sb.world.entries.values()].filter((e) => e.categories.includes(gid) && e.entered_on >= start && e.entered_on <= end);
    expect(r.items.map((e) => e.gid).sort()).toEqual(expected.map((e) => e.gid).sort());
    for (const e of r.items) expect(String(e.entered_on) >= start && String(e.entered_on) <= end).toBe(true);
    const bad = await api(sb, 'GET', `/time_tracking_categories/${gid}/time_tracking_entries`, { query: { start_date: 'soon' } });
    expect(bad.body.errors[0].message).toMatch(/^start_date: /);
  });

  it('deleting a category removes it from the entries that had it (their time stays)', async () => {
    const gid = sb.seed.categories.development.gid;
    const had = [...sb.world.entries.values()].filter((e) => e.categories.includes(gid));
    expect(had.length).toBeGreaterThan(0);
    const minutes = had.map((e) => e.duration_minutes);
    await api(sb, 'DELETE', `/time_tracking_categories/${gid}`);
    expect(had.map((e) => sb.world.entries.get(e.gid)!.categories)).toEqual(had.map(() => []));
    expect(had.map((e) => sb.world.entries.get(e.gid)!.duration_minutes)).toEqual(minutes);
  });
});
