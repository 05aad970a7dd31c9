/**
 * The update from the previous version (one account per browser, outbox ops of one shape for
 * every kind), run by the real background (lib/background) in node: WXT's fake browser for the
 * extension APIs, a memory vault, and the sandbox over real HTTP. The stored data is exactly what
 * the previous version wrote; after the update nothing is lost and nothing is sent twice.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '@/lib/background';
import { memoryVault } from '@/lib/storage/vault';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ today: '2026-11-20' });
});
afterAll(async () => sandbox?.close());
beforeEach(() => {
  sandbox.reset();
  fakeBrowser.reset();
  // Listeners the fake browser cannot hold; nothing here uses them (keyboard shortcut, browser start).
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
  // Idle time and the optional permissions' changes (issue 18): not used by this test either.
  vi.spyOn(fakeBrowser.idle.onStateChanged, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.idle, 'setDetectionInterval').mockImplementation(() => Promise.resolve());
  vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => undefined);
  // The OAuth redirect URL (shown on the Account tab; no OAuth here).
  vi.spyOn(fakeBrowser.identity, 'getRedirectURL').mockReturnValue('https://extension-id.chromiumapp.org/');
});

/** Waits for a condition (the background works on its own after start-up). */
async function until<T>(what: string, read: () => Promise<T> | T, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** One op as the previous version's outbox stored it (lib/background/outbox-storage.ts at 3cf1f9b). */
function v1Op(over: Record<string, unknown>) {
  return {
    id: 'aaaaaaaaaaaaaaaaaa', kind: 'entry.create', userGid: sandbox.seed.users.me.gid, createdAt: Date.now() - 60_000, taskGid: null, taskName: null,
    workspaceGid: null, targetGid: 'local-aaaaaaaaaaaaaaaaaa', data: {}, state: 'pending', attempts: 0, nextAttemptAt: Date.now() - 1_000,
    notBefore: 0, sentAt: null, uncertain: false, knownGids: [], error: null, ...over,
  };
}

describe('the first start after the update', () => {
  it('upgrades the previous version’s outbox, account, settings and timer, and drains the outbox once', async () => {
    const { seed, world } = sandbox;
    const me = seed.users.me;
    const ws = seed.workspaces.main.gid;
    const [taskA, taskB, taskC] = [seed.tasks.empty.gid, seed.ordinaryTasks[0]!.gid, seed.ordinaryTasks[1]!.gid];
    const [toEdit] = world.addEntries(taskB, 1, me.gid, { entered_on: '2026-11-19', duration_minutes: 30 });
    const [toDelete] = world.addEntries(taskC, 1, me.gid, { entered_on: '2026-11-19', duration_minutes: 45 });
    // A create that reached Asana just before the worker was stopped: the previous version left it "sending".
    const landedAt = Date.now() - 30_000;
    const landed = world.addEntry({ task: taskA, created_by: me.gid, duration_minutes: 33, entered_on: '2026-11-20', description: 'landed', created_at: new Date(landedAt).toISOString() });
    const entriesBefore = world.entries.size;
    const categoriesBefore = world.categories.size;

    const outbox = {
      ops: [
        v1Op({ id: 'a1a1a1a1a1a1', targetGid: 'local-a1a1a1a1a1a1', taskGid: taskA, taskName: 'Draft Q4 roadmap', data: { duration_minutes: 25, entered_on: '2026-11-20', description: 'waited' } }),
        v1Op({ id: 'a2a2a2a2a2a2', targetGid: 'local-a2a2a2a2a2a2', taskGid: taskA, state: 'sending', sentAt: landedAt - 1_000, data: { duration_minutes: 33, entered_on: '2026-11-20', description: 'landed' } }),
        v1Op({ id: 'b1b1b1b1b1b1', kind: 'entry.update', taskGid: taskB, targetGid: toEdit!.gid, data: { duration_minutes: 50 } }),
        v1Op({ id: 'c1c1c1c1c1c1', kind: 'entry.delete', taskGid: taskC, targetGid: toDelete!.gid, data: {}, notBefore: Date.now() - 5_000 }),
        v1Op({ id: 'd1d1d1d1d1d1', kind: 'category.create', targetGid: 'local-d1d1d1d1d1d1', workspaceGid: ws, data: { name: 'Upgraded', color: 'green' } }),
      ],
      claimed: [],
      renamed: {},
    };
    await fakeBrowser.storage.local.set({
      account: { method: 'pat', user: { gid: me.gid, name: me.name, email: me.email }, workspaces: [{ gid: ws, name: 'Acme Studio' }], connectedAt: Date.now() - 86_400_000 },
      account$: { v: 1 },
      outbox,
      settings: { workspaceGid: ws, defaultCategoryGid: seed.categories.design.gid, defaultBillable: 'billable' },
      timer: { taskGid: taskB, taskName: 'Audit', workspaceGid: ws, projectGid: null, startedAt: Date.now() - 600_000 },
      recentTasks: [{ gid: taskB, name: 'Audit', workspaceGid: ws, at: Date.now() - 1_000 }],
      oauthApp: { clientId: '1209999999999999' },
      [`task:${taskB}`]: { gid: taskB, entries: [], fetchedAt: 1, checkedAt: 1, info: null, error: null },
      taskIndex: { [taskB]: 1 },
    });
    const vault = memoryVault();
    await vault.updateSecrets({ pat: sandbox.demoToken });

    startBackground({ vault, apiBaseUrl: sandbox.apiUrl });

    // The outbox drains: every op reaches Asana once.
    await until('the outbox to drain', () => fakeBrowser.storage.local.get('outbox').then((r) => (r.outbox as { ops: unknown[] } | undefined)?.ops.length ?? -1), (n) => n === 0);
    const mine = world.entriesOfTask(taskA).filter((e) => e.created_by === me.gid);
    expect(mine.map((e) => [e.duration_minutes, e.description]).sort()).toEqual([[25, 'waited'], [33, 'landed']]);
    expect(mine.find((e) => e.description === 'landed')!.gid).toBe(landed.gid); // found, not posted again
    expect(world.entries.get(toEdit!.gid)?.duration_minutes).toBe(50);
    expect(world.entries.has(toDelete!.gid)).toBe(false);
    expect([...world.categories.values()].filter((c) => c.name === 'Upgraded')).toHaveLength(1);
    expect(world.entries.size).toBe(entriesBefore + 1 - 1); // one new (25 min), one deleted
    expect(world.categories.size).toBe(categoriesBefore + 1);
    expect(sandbox.stats.count({ method: 'POST', path: `/tasks/${taskA}/time_tracking_entries` })).toBe(1);

    // The old layout is gone; what was the one account's is now its user's.
    const all = await fakeBrowser.storage.local.get(null);
    for (const gone of ['settings', 'timer', 'recentTasks', 'oauthApp', `task:${taskB}`, 'taskIndex']) expect(all, gone).not.toHaveProperty(gone);
    // Kept, with the forgotten timer's threshold a version without it did not have: its default (8 h).
    expect(all[`u:${me.gid}:settings`]).toEqual({ workspaceGid: ws, defaultCategoryGid: seed.categories.design.gid, defaultBillable: 'billable', longTimerMinutes: 480 });
    expect(all[`u:${me.gid}:timer`]).toMatchObject({ taskGid: taskB, taskName: 'Audit' });
    expect(all[`u:${me.gid}:recentTasks`]).toEqual([expect.objectContaining({ gid: taskB })]);
    expect(all.account).toMatchObject({ user: { gid: me.gid }, status: 'connected' });
    expect(all.account$).toEqual({ v: 2 });
    expect(all.outbox$).toEqual({ v: 2 });
    expect((await vault.readSecrets()).clientId).toBe('1209999999999999');
    expect(all.recovery ?? []).toEqual([]);
    // The vault holds the truth of what the background acts on.
    expect(vault.records.get('account')?.value).toMatchObject({ user: { gid: me.gid }, status: 'connected' });
    expect(vault.records.get(`u:${me.gid}:timer`)?.value).toMatchObject({ taskGid: taskB });
  });
});
