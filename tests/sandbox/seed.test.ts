import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { addDays, mondayOf } from './dates.ts';
import { api, TODAY } from './helpers.ts';
import {
  APPROVAL_STATUSES, BILLABLE_STATUSES, CATEGORY_COLORS, createSeedSnapshot, emptySnapshot, startSandbox, World,
} from './index.ts';

describe('the seeded world', () => {
  it('is deterministic: same today ⇒ byte-identical; never uses Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used while seeding');
    });
    try {
      expect(JSON.stringify(createSeedSnapshot(TODAY))).toBe(JSON.stringify(createSeedSnapshot(TODAY)));
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps every non-entry gid and token whatever today is', () => {
    const a = createSeedSnapshot('2026-03-11');
    const b = createSeedSnapshot('2027-01-04');
    expect(b.refs).toEqual(a.refs);
    expect(b.tokens).toEqual(a.tokens);
    expect(b.oauthApp).toEqual(a.oauthApp);
    expect(b.users).toEqual(a.users);
  });

  const s = createSeedSnapshot(TODAY);
  const refs = s.refs!;
  const world = new World(s, { today: TODAY });
  const entriesOf = (task: string) => s.entries.filter((e) => e.task === task);

  it('has a workspace with time tracking and one without, users with the demo user first', () => {
    expect(s.workspaces.map((w) => [w.name, w.time_tracking])).toEqual([['Acme Studio', true], ['Weekend Volunteers', false]]);
    expect(s.users.length).toBeGreaterThanOrEqual(4);
    expect(s.users[0]!.gid).toBe(refs.users.me);
    expect(s.tokens.map((t) => t.user)).toEqual(s.users.map((u) => u.gid));
    for (const gid of [...s.users, ...s.tasks, ...s.entries, ...s.categories].map((x) => x.gid)) expect(gid).toMatch(/^\d{16}$/);
  });

  it('has the special tasks', () => {
    expect(entriesOf(refs.tasks.big!)).toHaveLength(250);
    const big = entriesOf(refs.tasks.big!);
    expect(new Set(big.map((e) => e.created_by)).size).toBeGreaterThanOrEqual(4);
    const months = new Set(big.map((e) => e.entered_on.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(5);
    expect(big.every((e) => e.entered_on < TODAY)).toBe(true);
    expect(entriesOf(refs.tasks.empty!)).toHaveLength(0);
    expect(world.tasks.get(refs.tasks.twoProjects!)!.projects).toHaveLength(2);
    expect(world.tasks.get(refs.tasks.subtask!)!.parent).toBe(refs.tasks.subtaskParent);
    expect(world.tasks.get(refs.tasks.milestone!)!.resource_subtype).toBe('milestone');
    expect(world.tasks.get(refs.tasks.hostile!)!.name).toBe('<img src=x onerror=alert(1)>Launch <script>alert("xss")</script>');
    expect(world.workspaces.get(world.tasks.get(refs.tasks.noTracking!)!.workspace)!.time_tracking).toBe(false);
    expect(refs.ordinaryTasks.length).toBeGreaterThanOrEqual(20);
    expect(s.portfolios.find((p) => p.gid === refs.portfolios.clientWork)!.projects).toHaveLength(3);
  });

  it('has categories in all 16 colours, one archived, one with markup', () => {
    const active = s.categories.filter((c) => !c.is_archived);
    expect(new Set(active.map((c) => c.color))).toEqual(new Set(CATEGORY_COLORS));
    expect(s.categories.filter((c) => c.is_archived).map((c) => c.gid)).toEqual([refs.categories.archived]);
    expect(s.categories.some((c) => c.name.includes('<script>'))).toBe(true);
  });

  it('has entries in every approval and billable status, with descriptions, markup and non-Latin text', () => {
    const mine = s.entries.filter((e) => e.created_by === refs.users.me);
    for (const status of APPROVAL_STATUSES) expect(mine.some((e) => e.approval_status === status), status).toBe(true);
    for (const status of BILLABLE_STATUSES) expect(mine.some((e) => e.billable_status === status), status).toBe(true);
    const text = JSON.stringify(s);
    expect(s.entries.some((e) => e.description.includes('<img'))).toBe(true);
    expect(text).toMatch(/[\u0400-\u04FF]/);
    expect(text).toMatch(/[\u3040-\u30FF]/);
    expect(text).toMatch(/\p{Extended_Pictographic}/u);
  });

  it('gives the demo user a timesheet: this week (DRAFT) and previous weeks (SUBMITTED / APPROVED)', () => {
    const monday = mondayOf(TODAY);
    const mine = s.entries.filter((e) => e.created_by === refs.users.me);
    const thisWeek = mine.filter((e) => e.entered_on >= monday && e.entered_on <= TODAY);
    expect(thisWeek.length).toBeGreaterThan(0);
    expect(thisWeek.every((e) => e.approval_status === 'DRAFT')).toBe(true);
    const lastWeek = mine.filter((e) => e.entered_on >= addDays(monday, -7) && e.entered_on < monday);
    expect(lastWeek.length).toBeGreaterThan(0);
    expect(lastWeek.every((e) => e.approval_status === 'SUBMITTED')).toBe(true);
    expect(mine.some((e) => e.entered_on < addDays(monday, -7) && e.approval_status === 'APPROVED')).toBe(true);
  });

  it('on any weekday: each entry has its week record’s status, and the demo user has one rejected week with a message', () => {
    for (const today of ['2026-03-09', '2026-03-15', '2026-12-02', '2027-01-01']) {
      const snap = createSeedSnapshot(today);
      const w = new World(snap, { today });
      const me = snap.refs!.users.me!;
      for (const e of snap.entries) {
        const record = w.timesheetFor(e.created_by, w.tasks.get(e.task)!.workspace, e.entered_on);
        expect(e.approval_status, `${today} ${e.gid}`).toBe(record?.approval_status ?? 'DRAFT');
      }
      const rejected = snap.timesheets!.filter((t) => t.approval_status === 'REJECTED');
      expect(rejected.map((t) => [t.user, t.start_date]), today).toEqual([[me, addDays(mondayOf(today), -21)]]);
      expect(rejected[0]!.history.at(-1)!.message).toMatch(/resubmit/);
      expect(w.timesheetFor(me, snap.refs!.workspaces.main!, addDays(today, -7))?.approval_status, today).toBe('SUBMITTED');
      expect(w.timesheetFor(me, snap.refs!.workspaces.main!, today), today).toBeUndefined();
    }
  });

  it('has tasks with an estimate, with the estimate field empty and without it; three budgets', () => {
    const byKey = (key: string) => world.tasks.get(refs.tasks[key]!)!;
    expect(byKey('big').estimated_minutes).toBe(3000);
    expect(byKey('subtaskParent').estimated_minutes).toBeNull();
    expect('estimated_minutes' in byKey('milestone')).toBe(false);
    const ordinary = refs.ordinaryTasks.map((g) => world.tasks.get(g)!.estimated_minutes);
    expect(ordinary.some((m) => typeof m === 'number') && ordinary.includes(null) && ordinary.includes(undefined)).toBe(true);
    expect(world.workspaces.get(refs.workspaces.main!)!.estimated_time_field).toMatch(/^\d{16}$/);
    expect(s.budgets!.map((b) => [world.projects.get(b.parent)!.name, b.budget_type])).toEqual([
      ['Website Redesign', 'time'], ['Northwind Traders — Onboarding', 'cost'], ['Internal Tools', 'time'],
    ]);
    // Created before the entries: the same gids whatever today is (refs are compared above).
    expect(createSeedSnapshot('2027-01-04').budgets).toEqual(s.budgets);
    expect(createSeedSnapshot('2027-01-04').workspaces).toEqual(s.workspaces);
  });
});

describe('snapshots as seeds', () => {
  it('world.snapshot() round-trips through startSandbox({ seed }) and a --seed file', async () => {
    const sb = await startSandbox({ today: TODAY });
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-seed-'));
    try {
      sb.world.addTask({ gid: '1209400000000001', name: 'Added before the snapshot' });
      sb.world.addEntries('1209400000000001', 3);
      const snap = sb.world.snapshot();
      const file = join(dir, 'world.json');
      writeFileSync(file, JSON.stringify(snap));
      for (const seed of [snap, file]) {
        const copy = await startSandbox({ today: TODAY, seed });
        try {
          expect(copy.world.entriesOfTask('1209400000000001')).toHaveLength(3);
          expect(copy.demoToken).toBe(sb.demoToken);
          expect(copy.seed.tasks.big.gid).toBe(sb.seed.tasks.big.gid);
          expect(JSON.stringify(copy.world.snapshot())).toBe(JSON.stringify(snap));
          const r = await api(copy, 'GET', '/tasks/1209400000000001', { query: { opt_fields: 'name' } });
          expect(r.body.data.name).toBe('Added before the snapshot');
        } finally {
          await copy.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await sb.close();
    }
  });

  it('accepts a hand-written world without refs (the first user is the demo user)', async () => {
    const w = new World(emptySnapshot(TODAY), { today: TODAY });
    const ws = w.addWorkspace({ name: 'Tiny' });
    const me = w.addUser({ name: 'Solo Person', workspaces: [ws.gid], token: 'solo-token' });
    const task = w.addTask({ name: 'Only task', workspace: ws.gid });
    const sb = await startSandbox({ seed: w.snapshot(), today: TODAY });
    try {
      expect(sb.demoToken).toBe('solo-token');
      expect(sb.seed.users.me.gid).toBe(me.gid);
      const r = await api(sb, 'POST', `/tasks/${task.gid}/time_tracking_entries`, { body: { data: { duration_minutes: 30 } } });
      expect(r.status).toBe(201);
      expect(r.body.data.attributable_to).toBeNull();
    } finally {
      await sb.close();
    }
  });

  it('refuses a file that is not a sandbox world', async () => {
    await expect(startSandbox({ seed: { format: 'nope' } as never })).rejects.toThrow(/asana-sandbox-world/);
  });

  it('without a fixed today, entered_on defaults to the real local date', async () => {
    const sb = await startSandbox();
    try {
      const r = await api(sb, 'POST', `/tasks/${sb.seed.tasks.empty.gid}/time_tracking_entries`, { body: { data: { duration_minutes: 30 } } });
      const now = new Date();
      const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
      expect(r.body.data.entered_on).toBe(local);
    } finally {
      await sb.close();
    }
  });
});
