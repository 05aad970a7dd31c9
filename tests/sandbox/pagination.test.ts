import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, fetchAll, TODAY } from './helpers.ts';
import { startSandbox, type Sandbox } from './index.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ today: TODAY, offsetTtlMs: 60_000 });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const bigPath = () => `/tasks/${sb.seed.tasks.big.gid}/time_tracking_entries`;

describe('limit and next_page', () => {
  it('pages through the 250-entry task: 100 + 100 + 50, next_page null at the end', async () => {
    const p1 = await api(sb, 'GET', bigPath(), { query: { limit: 100 } });
    expect(p1.body.data).toHaveLength(100);
    const np = p1.body.next_page;
    expect(typeof np.offset).toBe('string');
    expect(np.path).toBe(`${bigPath()}?limit=100&offset=${encodeURIComponent(np.offset)}`.replace(/%2E/g, '.'));
    expect(np.uri).toBe(`${sb.url}/api/1.0${np.path}`);
    const p2 = await api(sb, 'GET', np.uri);
    expect(p2.body.data).toHaveLength(100);
    const p3 = await api(sb, 'GET', bigPath(), { query: { limit: 100, offset: p2.body.next_page.offset } });
    expect(p3.body.data).toHaveLength(50);
    expect(p3.body.next_page).toBeNull();
    const all = [...p1.body.data, ...p2.body.data, ...p3.body.data].map((e: { gid: string }) => e.gid);
    expect(new Set(all).size).toBe(250);
    expect(all).toEqual(sb.world.entriesOfTask(sb.seed.tasks.big.gid).map((e) => e.gid));
  });

  it('next_page keeps the other query parameters (filters, opt_fields)', async () => {
    const r = await api(sb, 'GET', bigPath(), { query: { limit: 10, opt_fields: 'duration_minutes' } });
    expect(r.body.next_page.path).toContain('opt_fields=duration_minutes');
    const next = await api(sb, 'GET', r.body.next_page.uri);
    expect(Object.keys(next.body.data[0]).sort()).toEqual(['duration_minutes', 'gid']);
  });

  it('next_page is null on an exactly full last page and absent without limit', async () => {
    const task = sb.world.addTask({ projects: [sb.seed.projects.website.gid] });
    sb.world.addEntries(task.gid, 100);
    const one = await api(sb, 'GET', `/tasks/${task.gid}/time_tracking_entries`, { query: { limit: 100 } });
    expect(one.body.data).toHaveLength(100);
    expect(one.body.next_page).toBeNull();
    const none = await api(sb, 'GET', `/tasks/${task.gid}/time_tracking_entries`);
    expect(none.body.data).toHaveLength(100);
    expect('next_page' in none.body).toBe(false);
    const empty = await api(sb, 'GET', `/tasks/${sb.seed.tasks.empty.gid}/time_tracking_entries`, { query: { limit: 5 } });
    expect(empty.body).toEqual({ data: [], next_page: null });
  });

  it.each(['0', '101', '-1', 'abc', '2.5', ''])('limit=%s → 400 naming limit', async (limit) => {
    const r = await api(sb, 'GET', bigPath(), { query: { limit } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toMatch(/^limit: /);
  });

  it('limit=1 and limit=100 are accepted', async () => {
    expect((await api(sb, 'GET', bigPath(), { query: { limit: 1 } })).body.data).toHaveLength(1);
    expect((await api(sb, 'GET', bigPath(), { query: { limit: 100 } })).body.data).toHaveLength(100);
  });

  it('follows pages with fetchAll and counts them', async () => {
    const { items, pages } = await fetchAll(sb, bigPath(), { limit: 30 });
    expect(items).toHaveLength(250);
    expect(pages).toBe(9);
  });
});

describe('offset tokens', () => {
  it('an unknown, garbled or foreign token is invalid', async () => {
    for (const offset of ['nonsense', 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.abc', ' ']) {
      const r = await api(sb, 'GET', bigPath(), { query: { limit: 10, offset } });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].message).toBe('offset: Your pagination token is invalid.');
    }
    // A token from another list (or another user) is invalid there.
    const cats = await api(sb, 'GET', '/time_tracking_categories', { query: { workspace: sb.seed.workspaces.main.gid, limit: 2 } });
    const foreign = await api(sb, 'GET', bigPath(), { query: { limit: 10, offset: cats.body.next_page.offset } });
    expect(foreign.body.errors[0].message).toBe('offset: Your pagination token is invalid.');
    const p1 = await api(sb, 'GET', bigPath(), { query: { limit: 10 } });
    const otherUser = await api(sb, 'GET', bigPath(), { token: sb.seed.users.alex.token, query: { limit: 10, offset: p1.body.next_page.offset } });
    expect(otherUser.body.errors[0].message).toBe('offset: Your pagination token is invalid.');
  });

  it('a tampered token is invalid', async () => {
    const p1 = await api(sb, 'GET', bigPath(), { query: { limit: 10 } });
    const [h, payload, sig] = (p1.body.next_page.offset as string).split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    forged.k = '0000';
    const token = `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`;
    const r = await api(sb, 'GET', bigPath(), { query: { limit: 10, offset: token } });
    expect(r.body.errors[0].message).toBe('offset: Your pagination token is invalid.');
  });

  it('faults.expireOffsets() expires every token issued so far', async () => {
    const p1 = await api(sb, 'GET', bigPath(), { query: { limit: 10 } });
    sb.faults.expireOffsets();
    const r = await api(sb, 'GET', bigPath(), { query: { limit: 10, offset: p1.body.next_page.offset } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toBe('offset: Your pagination token has expired.');
    // Restarting from page 1 works and yields fresh tokens.
    const fresh = await api(sb, 'GET', bigPath(), { query: { limit: 10 } });
    expect((await api(sb, 'GET', fresh.body.next_page.uri)).status).toBe(200);
  });

  it('tokens expire after offsetTtlMs', async () => {
    const short = await startSandbox({ today: TODAY, offsetTtlMs: 50 });
    try {
      const p1 = await api(short, 'GET', `/tasks/${short.seed.tasks.big.gid}/time_tracking_entries`, { query: { limit: 5 } });
      await new Promise((r) => setTimeout(r, 80));
      const r = await api(short, 'GET', p1.body.next_page.uri);
      expect(r.body.errors[0].message).toBe('offset: Your pagination token has expired.');
    } finally {
      await short.close();
    }
  });

  it('is keyset based: entries added or deleted between pages neither repeat nor vanish', async () => {
    const p1 = await api(sb, 'GET', bigPath(), { query: { limit: 50 } });
    const seen = new Set(p1.body.data.map((e: { gid: string }) => e.gid));
    // Delete an already-served entry and add one dated before everything.
    sb.world.entries.delete(p1.body.data[0].gid);
    sb.world.addEntry({ task: sb.seed.tasks.big.gid, entered_on: '2020-01-01', created_by: sb.seed.users.sam.gid });
    let next = p1.body.next_page;
    while (next) {
      const r = await api(sb, 'GET', next.uri);
      for (const e of r.body.data) {
        expect(seen.has(e.gid)).toBe(false);
        seen.add(e.gid);
      }
      next = r.body.next_page;
    }
    expect(seen.size).toBe(250);
  });
});
