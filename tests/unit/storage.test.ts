/**
 * The storage module's pure parts: reading back (validated, the outbox op by op), the content
 * script's shape check, the previous version's shapes upgraded, and the canonical JSON the
 * tamper watch compares with. And the store itself over WXT's fake browser and a memory vault.
 */
import { migrationsFor } from '@/lib/storage/migrations';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { accountItem, outboxItem, recoveryItem, uiPrefsItem, userItems } from '@/lib/storage/items';
import { checkShape, isCacheKey, isOwnKey, userKeys, userOfKey } from '@/lib/storage/keys';
import { migrateAccountV1, outboxV1ToV2 } from '@/lib/storage/migrations';
import { checkItem, checkOutbox } from '@/lib/storage/read';
import { canonicalJson, createStore } from '@/lib/storage/store';
import { memoryVault } from '@/lib/storage/vault';

const ME = '1209173527104185';
const goodOp = {
  kind: 'entry.create', id: 'abcdefabcdef', user: { gid: ME, name: 'Morgan' }, workspaceGid: null, createdAt: 1, targetGid: 'local-abcdefabcdef',
  state: 'pending', attempts: 0, nextAttemptAt: 1, notBefore: 0, sentAt: null, uncertain: false, error: null,
  taskGid: '1209173527104300', taskName: null, data: { duration_minutes: 30, entered_on: '2027-01-04' }, knownGids: [],
};

describe('checkItem', () => {
  it.each([
    ['absent', undefined, true, { open: false, details: false, entries: false }],
    ['stored before the row could open', { details: true, entries: false }, true, { open: false, details: true, entries: false }],
    ['stored', { open: true, details: true, entries: false }, true, { open: true, details: true, entries: false }],
    ['damaged', { details: 'yes' }, false, { open: false, details: false, entries: false }],
  ])('%s → %s', (_, raw, ok, value) => {
    const r = checkItem(uiPrefsItem, raw);
    expect(r.ok).toBe(ok);
    expect(r.value).toEqual(value);
  });
});

describe('checkOutbox: one unreadable op never costs the others', () => {
  it('keeps the readable ops and says why the others were set aside', () => {
    const bad = { ...goodOp, id: 'badbadbadbad', data: { duration_minutes: 0, entered_on: '2027-01-04' } };
    const r = checkOutbox({ ops: [goodOp, bad, { kind: 'nonsense' }], claimed: [], renamed: {} });
    expect(r.state.ops.map((o) => o.id)).toEqual(['abcdefabcdef']);
    expect(r.rejected.map((x) => x.reason)).toEqual([expect.stringContaining('must be at least 1 minute'), expect.stringMatching(/kind/)]);
  });

  it.each([
    ['absent', undefined, 0, 0],
    ['not an object', 'garbage', 0, 1],
    ['ops not a list', { ops: 5 }, 0, 1],
    ['whole and fine', { ops: [goodOp], claimed: ['1'], renamed: { 'local-abcdefabcdef': '2' } }, 1, 0],
    ['bad renames', { ops: [goodOp], claimed: [], renamed: { x: 'y' } }, 1, 1],
  ])('%s', (_, raw, ops, rejected) => {
    const r = checkOutbox(raw);
    expect([r.state.ops.length, r.rejected.length]).toEqual([ops, rejected]);
  });
});

describe('checkShape: the content script’s light check', () => {
  it.each([
    ['absent', userKeys(ME).task('1'), undefined, null],
    ['a summary', userKeys(ME).task('1'), { gid: '1', head: [], count: 0, totalMinutes: 0, authors: {}, fetchedAt: 1 }, { gid: '1', head: [], count: 0, totalMinutes: 0, authors: {}, fetchedAt: 1 }],
    ['head not a list', userKeys(ME).task('1'), { gid: '1', head: 'x', count: 0, totalMinutes: 0, authors: {}, fetchedAt: 1 }, null],
    ['an older version’s cache (every entry, no summary)', userKeys(ME).task('1'), { gid: '1', entries: [], fetchedAt: 1 }, null],
    ['an array for an object', userKeys(ME).timer, [], null],
    ['a list', userKeys(ME).recentTasks, [{ gid: '1' }], [{ gid: '1' }]],
    ['an object for a list', userKeys(ME).recentTasks, {}, []],
    ['ui prefs of the wrong type', userKeys(ME).settings, 'x', { workspaceGid: null, defaultCategoryGid: null, defaultBillable: null, longTimerMinutes: 480 }],
  ])('%s', (_, where, raw, value) => {
    expect(checkShape(where as never, raw)).toEqual(value);
  });
});

describe('keys', () => {
  it('scopes per user and tells the user of a key', () => {
    expect(userKeys(ME).task('55').raw).toBe(`u:${ME}:task:55`);
    expect(userOfKey(`u:${ME}:timer`)).toBe(ME);
    expect(userOfKey('outbox')).toBeNull();
    expect([isCacheKey(`u:${ME}:task:5`), isCacheKey(`u:${ME}:recentTasks`), isCacheKey(`u:${ME}:timer`), isCacheKey(`u:${ME}:settings`)]).toEqual([true, true, false, false]);
    expect([isOwnKey('outbox'), isOwnKey('account$'), isOwnKey(`u:${ME}:x`), isOwnKey('something-else')]).toEqual([true, true, true, false]);
  });
});

describe('migrations', () => {
  it('outbox v1 → v2 keeps every op, names its user, and is idempotent', () => {
    const v1 = {
      ops: [
        { id: 'a1a1a1a1a1a1', kind: 'entry.delete', userGid: ME, createdAt: 1, taskGid: '9', taskName: null, workspaceGid: null, targetGid: '5', data: {}, state: 'pending', attempts: 2, nextAttemptAt: 3, notBefore: 4, sentAt: null, uncertain: false, knownGids: [], error: null },
        { id: 'b1b1b1b1b1b1', kind: 'category.create', userGid: '77', createdAt: 1, taskGid: null, taskName: null, workspaceGid: '8', targetGid: 'local-b1b1b1b1b1b1', data: { name: 'N', color: 'red' }, state: 'failed', attempts: 1, nextAttemptAt: 3, notBefore: 0, sentAt: 2, uncertain: true, knownGids: [], error: { code: 'x', message: 'y' } },
      ],
      claimed: ['1'],
    };
    const v2 = outboxV1ToV2(v1, { [ME]: 'Morgan' }) as { ops: Array<Record<string, unknown>>; claimed: string[]; renamed: object };
    expect(v2.ops).toEqual([
      { kind: 'entry.delete', id: 'a1a1a1a1a1a1', user: { gid: ME, name: 'Morgan' }, workspaceGid: null, createdAt: 1, targetGid: '5', state: 'pending', attempts: 2, nextAttemptAt: 3, notBefore: 4, sentAt: null, uncertain: false, error: null, taskGid: '9', taskName: null },
      { kind: 'category.create', id: 'b1b1b1b1b1b1', user: { gid: '77', name: '' }, workspaceGid: '8', createdAt: 1, targetGid: 'local-b1b1b1b1b1b1', state: 'failed', attempts: 1, nextAttemptAt: 3, notBefore: 0, sentAt: 2, uncertain: true, error: { code: 'x', message: 'y' }, data: { name: 'N', color: 'red' } },
    ]);
    expect(v2.claimed).toEqual(['1']);
    expect(v2.renamed).toEqual({});
    expect(outboxV1ToV2(v2, {})).toEqual(v2);
    expect(checkOutbox(v2).rejected).toEqual([]);
  });

  it('account v1 → v2: a stored sign-in was accepted', () => {
    expect(migrateAccountV1({ method: 'pat' })).toEqual({ method: 'pat', status: 'connected' });
    expect(migrateAccountV1(null)).toBeNull();
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [{ x: 2, y: 1 }] }, b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('the store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps a guarded item’s truth in the vault and puts back a copy changed by anything else', async () => {
    const vault = memoryVault();
    const store = createStore({ vault });
    const timer = userItems(ME).timer;
    const value = { taskGid: '1209173527104300', taskName: 'T', workspaceGid: null, projectGid: null, startedAt: 5, description: '', categoryGid: null, billable: null };
    await store.set(timer, value);
    expect(vault.records.get(timer.raw)).toEqual({ v: 2, value });
    // A content script rewrites the copy: the background reads the vault, and puts the copy back.
    const forged = { ...value, taskGid: '1209173527109999' };
    await fakeBrowser.storage.local.set({ [timer.raw]: forged });
    await store.onStorageChanged({ [timer.raw]: { newValue: forged } }, 'local');
    expect(await store.get(timer)).toEqual(value);
    expect((await fakeBrowser.storage.local.get(timer.raw))[timer.raw]).toEqual(value);
  });

  it('a fresh background (a worker started again) puts back every guarded per-user copy from the vault, the idle question too', async () => {
    const vault = memoryVault();
    const before = createStore({ vault });
    const items = userItems(ME);
    const question = { taskGid: '1209173527104300', taskName: 'T', startedAt: 5, idleFrom: 600_005, idleTo: 900_005 };
    const timer = { taskGid: '1209173527104300', taskName: 'T', workspaceGid: null, projectGid: null, startedAt: 5, description: '', categoryGid: null, billable: null };
    await before.set(items.idle, question);
    await before.set(items.timer, timer);
    // The worker is stopped; the next one has read nothing yet when a copy is rewritten.
    const after = createStore({ vault });
    for (const [def, value] of [[items.idle, question], [items.timer, timer]] as const) {
      const forged = { ...value, taskGid: '1209173527109999' };
      await fakeBrowser.storage.local.set({ [def.raw]: forged });
      await after.onStorageChanged({ [def.raw]: { newValue: forged } }, 'local');
      expect((await fakeBrowser.storage.local.get(def.raw))[def.raw], def.raw).toEqual(value);
    }
  });

  it('puts back an unguarded copy to what it last wrote, and removes one it never wrote', async () => {
    const store = createStore({ vault: memoryVault() });
    await store.set(uiPrefsItem, { open: false, details: true, entries: true });
    await fakeBrowser.storage.local.set({ ui: { details: false, entries: false } });
    await store.onStorageChanged({ ui: { newValue: { details: false, entries: false } } }, 'local');
    expect((await fakeBrowser.storage.local.get('ui')).ui).toEqual({ open: false, details: true, entries: true });
    const cache = userItems(ME).task('5');
    await fakeBrowser.storage.local.set({ [cache.raw]: { gid: '5', entries: [] } });
    await store.onStorageChanged({ [cache.raw]: { newValue: { gid: '5', entries: [] } } }, 'local');
    expect(await fakeBrowser.storage.local.get(cache.raw)).toEqual({});
    // Its own writes, reported late and with keys in another order, are left alone.
    await store.set(uiPrefsItem, { open: false, details: false, entries: true });
    await store.onStorageChanged({ ui: { newValue: { entries: true, details: false, open: false } } }, 'local');
    expect((await fakeBrowser.storage.local.get('ui')).ui).toEqual({ open: false, details: false, entries: true });
  });

  it('sets an unreadable record aside in the recovery list, and reads the fallback', async () => {
    const store = createStore({ vault: memoryVault() });
    await fakeBrowser.storage.local.set({ ui: { details: 'sometimes' } });
    expect(await store.get(uiPrefsItem)).toEqual({ open: false, details: false, entries: false });
    expect(await store.get(recoveryItem)).toEqual([expect.objectContaining({ key: 'ui', value: { details: 'sometimes' }, reason: expect.stringContaining('could not be read') })]);
  });

  it('commits guarded items in one vault transaction, then their copies', async () => {
    const vault = memoryVault();
    const store = createStore({ vault });
    await store.commit([[outboxItem, { ops: [], claimed: ['1'], renamed: {} }], [userItems(ME).timer, null], [accountItem, null]]);
    expect(vault.records.get('outbox')).toEqual({ v: 2, value: { ops: [], claimed: ['1'], renamed: {} } });
    const all = await fakeBrowser.storage.local.get(null);
    expect(all.outbox).toEqual({ ops: [], claimed: ['1'], renamed: {} });
    expect(all.outbox$).toEqual({ v: 2 });
    expect(all).not.toHaveProperty(userItems(ME).timer.raw);
  });

  const account = (gid: string) => ({ method: 'pat' as const, user: { gid, name: 'Morgan', email: 'm@example.com' }, workspaces: [], connectedAt: 1, status: 'connected' as const });
  const cacheOf = (gid: string) => ({ gid, entries: [], fetchedAt: 1, checkedAt: 1, info: null, error: null });

  it('views hear a task’s cache and the outbox written together as one change (never one without the other)', async () => {
    const store = createStore({ vault: memoryVault() });
    await store.commit([[accountItem, account(ME)]]);
    const heard: string[][] = [];
    const listener = (changes: Record<string, unknown>) => void heard.push(Object.keys(changes).filter((k) => !k.endsWith('$')).sort());
    fakeBrowser.storage.onChanged.addListener(listener);
    const cache = userItems(ME).task('5');
    await store.commit([[cache, cacheOf('5')], [outboxItem, { ops: [], claimed: [], renamed: { 'local-0123456789abcdef02': '7' } }]]);
    fakeBrowser.storage.onChanged.removeListener(listener);
    expect(heard).toEqual([[outboxItem.raw, cache.raw].sort()]);
  });

  it('never takes its own write, reported after many newer ones, for a change by anything else', async () => {
    const undone: string[] = [];
    const store = createStore({ vault: memoryVault(), onUndone: (raw) => undone.push(raw) });
    const states = Array.from({ length: 20 }, (_, i) => ({ ops: [], claimed: Array.from({ length: i + 1 }, (_, k) => String(k + 1)), renamed: {} }));
    for (const state of states) await store.commit([[outboxItem, state]]);
    // The first write's event, heard only now (a busy outbox is written many times a second).
    await store.onStorageChanged({ [outboxItem.raw]: { newValue: states[0] } }, 'local');
    expect(undone).toEqual([]);
    expect((await fakeBrowser.storage.local.get(outboxItem.raw))[outboxItem.raw]).toEqual(states[19]);
  });

  it('at start, puts back a guarded copy the vault has moved past (a worker stopped between the two writes of a commit)', async () => {
    const vault = memoryVault();
    const before = createStore({ vault });
    const old = { ops: [], claimed: ['1'], renamed: {} };
    await before.commit([[outboxItem, old]]);
    // The vault took the next commit; the worker stopped before storage.local did.
    const next = { ops: [], claimed: ['1', '2'], renamed: { 'local-0123456789abcdef01': '2' } };
    await vault.writeRecords({ [outboxItem.raw]: { v: 2, value: next } });
    expect((await fakeBrowser.storage.local.get(outboxItem.raw))[outboxItem.raw]).toEqual(old);
    await createStore({ vault }).syncCopies();
    expect((await fakeBrowser.storage.local.get(outboxItem.raw))[outboxItem.raw]).toEqual(next);
  });


  it('writes a user’s caches only while that user is signed in (a late answer after sign-out leaves nothing)', async () => {
    const store = createStore({ vault: memoryVault() });
    const mine = userItems(ME).task('5');
    await store.commit([[accountItem, account(ME)]]);
    await store.commit([[mine, cacheOf('5')], [uiPrefsItem, { open: true, details: false, entries: false }]]);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toContain(mine.raw);
    await store.set(mine, null);
    await store.set(accountItem, null);
    // The read that was on the wire answers now: its cache is dropped, the rest of the commit is not.
    await store.commit([[mine, cacheOf('5')], [userItems(ME).taskIndex, { '5': 1 }], [uiPrefsItem, { open: false, details: true, entries: false }]]);
    const all = await fakeBrowser.storage.local.get(null);
    expect(all).not.toHaveProperty(mine.raw);
    expect(all).not.toHaveProperty(userItems(ME).taskIndex.raw);
    expect(all.ui).toEqual({ open: false, details: true, entries: false });
    // Another account signed in: still not this user's.
    await store.set(accountItem, account('1209173527109999'));
    await store.commit([[mine, cacheOf('5')]]);
    expect(await fakeBrowser.storage.local.get(mine.raw)).toEqual({});
  });

  it('removeAll empties storage.local and the vault, and leaves a new install’s state that storage.local cannot rewrite', async () => {
    const vault = memoryVault();
    const store = createStore({ vault });
    await vault.updateSecrets({ pat: '2/123/456:abc', clientId: '12345', clientSecret: 'shh' });
    await store.commit([[accountItem, account(ME)], [outboxItem, { ops: [goodOp as never], claimed: [], renamed: {} }], [userItems(ME).settings, { workspaceGid: ME, defaultCategoryGid: null, defaultBillable: null }]]);
    await store.commit([[userItems(ME).task('5'), cacheOf('5')]]);
    await fakeBrowser.storage.local.set({ settings: { workspaceGid: null }, something: 'an older version left' });

    // What a new install's first start keeps: nothing in storage.local, the shared items at their fallbacks in the vault.
    const freshVault = memoryVault();
    const fresh = createStore({ vault: freshVault });
    await fakeBrowser.storage.local.clear();
    await fresh.get(accountItem);
    await fresh.get(outboxItem);
    await fakeBrowser.storage.local.set({ [accountItem.raw]: account(ME), settings: { workspaceGid: null }, [userItems(ME).task('5').raw]: cacheOf('5') });

    await store.removeAll();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(vault.secrets).toEqual({});
    expect([...vault.records]).toEqual([...freshVault.records]);
    expect(await store.get(accountItem)).toBeNull();
    expect(await store.get(outboxItem)).toEqual({ ops: [], claimed: [], renamed: {} });
    // A forged account and outbox written to storage.local afterwards are not taken for the truth…
    await fakeBrowser.storage.local.set({ [accountItem.raw]: account(ME), [outboxItem.raw]: { ops: [goodOp], claimed: [], renamed: {} } });
    const restarted = createStore({ vault }); // …not even by the next worker, which reads the vault first
    expect(await restarted.get(accountItem)).toBeNull();
    expect((await restarted.get(outboxItem)).ops).toEqual([]);
  });

  it('a value read and changed in place (as the outbox does before it saves) never changes the fallback a later removal starts from', async () => {
    const vault = memoryVault();
    const store = createStore({ vault });
    for (const round of [1, 2]) {
      // A new start (round 1), or the start after a removal (round 2): the outbox is its fallback.
      const state = await store.get(outboxItem);
      state.ops.push({ ...goodOp, id: `abcdefabcde${round}` } as never);
      await store.commit([[outboxItem, state]]);
      expect((await store.get(outboxItem)).ops).toHaveLength(1);
      await store.removeAll();
      expect(await store.get(outboxItem)).toEqual({ ops: [], claimed: [], renamed: {} });
      expect(vault.records.get(outboxItem.raw)).toEqual({ v: outboxItem.version, value: { ops: [], claimed: [], renamed: {} } });
    }
    expect(outboxItem.fallback).toEqual({ ops: [], claimed: [], renamed: {} });
    // Removing an item (null) leaves its fallback as the truth: a copy, not the fallback itself.
    await store.commit([[outboxItem, null]]);
    (await store.get(outboxItem)).ops.push(goodOp as never);
    expect(outboxItem.fallback.ops).toEqual([]);
  });
});

describe('task caches of the previous version (every entry in storage.local)', () => {
  const e = (gid: string, minutes: number, day: string, by = ME) => ({ gid, duration_minutes: minutes, entered_on: day, created_by: { gid: by, name: 'X' }, categories: [], attributable_to: null, created_at: `${day}T09:00:00.000Z` });
  it('become a summary with the same figures, to be read afresh (the full list then goes to the entry store)', () => {
    const v1 = { gid: '5', entries: [e('1', 30, '2027-01-02'), e('2', 45, '2027-01-04', '99'), e('3', 15, '2027-01-03')], fetchedAt: 10, checkedAt: 20, info: null, error: null };
    const v2 = migrationsFor(`u:${ME}:task:5`)![2]!(v1) as Record<string, unknown>;
    expect(v2).toEqual({
      gid: '5', count: 3, totalMinutes: 90, authors: { [ME]: { count: 2, minutes: 45 }, 99: { count: 1, minutes: 45 } },
      head: [v1.entries[1], v1.entries[2], v1.entries[0]], fetchedAt: 0, checkedAt: 20, info: null, error: null,
    });
  });
  it('only task caches have this migration; shared items keep theirs', () => {
    expect(migrationsFor(`u:${ME}:taskIndex`)).toBeUndefined();
    expect(migrationsFor(`u:${ME}:settings`)).toBeUndefined();
    expect(Object.keys(migrationsFor('outbox') ?? {})).toEqual(['2']);
    expect(migrationsFor('u:1:task:2')![2]!('not a cache')).toBe('not a cache');
  });
});

describe('a timer of the previous version (no notes)', () => {
  beforeEach(() => fakeBrowser.reset());
  const v1 = { taskGid: '1209173527104300', taskName: 'T', workspaceGid: '1209100000000001', projectGid: null, startedAt: 1_800_000_000_000 };

  it('keeps running from the same start after the update, with no notes, so its stop logs the defaults as before', () => {
    expect(migrationsFor(`u:${ME}:timer`)![2]!(v1)).toEqual({ ...v1, description: '', categoryGid: null, billable: null });
    expect(migrationsFor(`u:${ME}:timer`)![2]!(null)).toBeNull();
  });

  it('is read from the vault as a v2 timer', async () => {
    const vault = memoryVault();
    const timer = userItems(ME).timer;
    await vault.writeRecords({ [timer.raw]: { v: 1, value: v1 } });
    const store = createStore({ vault });
    expect(await store.get(timer)).toEqual({ ...v1, description: '', categoryGid: null, billable: null });
  });
});
