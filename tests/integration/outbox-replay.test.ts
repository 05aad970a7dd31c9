/**
 * Firefox re-sends a POST by itself when its connection is reset before any answer, so the first
 * copy of a new entry may have landed as well (tests/e2e-firefox/reliability.test.ts shows it in
 * the browser). With `removeReplayedCreates`, the outbox deletes such a copy after the create, and
 * nothing else: entries that were there before, and identical entries the user asked for, stay.
 * The browser's re-send is played here by the test: an identical entry appears on Asana while the
 * outbox's POST is on the wire. What is checked is what the sandbox stores.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxState } from '@/lib/outbox';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import { outboxFixture } from './outbox-fixture';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ today: '2026-11-20' });
});
afterAll(async () => sandbox?.close());
beforeEach(() => sandbox.reset());

const setup = (removeReplayedCreates: boolean) => outboxFixture(sandbox, { maxSleepMs: 50, backoffBaseMs: 20, maxGetAttempts: 4, retryOnWake: true, removeReplayedCreates });
const me = () => sandbox.seed.users.me.gid;
const task = () => sandbox.seed.tasks.empty.gid;
const input = { duration_minutes: 45, entered_on: '2026-11-20', description: 'replayed?' };
const create = (outbox: ReturnType<typeof setup>['outbox'], knownGids: string[] = []) =>
  outbox.submit({ kind: 'entry.create', user: { gid: me(), name: 'Morgan' }, taskGid: task(), taskName: null, workspaceGid: sandbox.seed.workspaces.main.gid, data: { ...input }, knownGids });

async function settled(get: () => OutboxState, ms = 10_000) {
  const end = Date.now() + ms;
  while (get().ops.some((o) => o.state !== 'failed') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

/** The browser's own re-send: an identical entry lands while our POST waits for its answer. */
async function replayDuring(send: () => Promise<unknown>) {
  sandbox.faults.latency(300, { method: 'POST' });
  const sent = send();
  await new Promise((r) => setTimeout(r, 100));
  const copy = sandbox.world.addEntry({ task: task(), ...input });
  const result = await sent;
  sandbox.faults.latency(0);
  return { copy, result };
}

describe('copies left by the browser re-sending a create', () => {
  it('are deleted: Asana keeps the one entry the outbox knows', async () => {
    const { outbox, state } = setup(true);
    const { copy, result } = await replayDuring(() => create(outbox));
    await settled(state);
    const stored = sandbox.world.entriesOfTask(task());
    expect(stored).toHaveLength(1);
    expect(stored[0]!.gid).not.toBe(copy.gid);
    expect(result).toMatchObject({ state: 'done', result: { gid: stored[0]!.gid } });
  });

  it('are deleted when the outbox learns the outcome only later (the answer lost, or the worker stopped before the clean-up)', async () => {
    const { outbox, state } = setup(true);
    sandbox.faults.failNext(1, 'drop-after', { method: 'POST', path: '/time_tracking_entries' });
    const { result } = await replayDuring(() => create(outbox));
    expect(result).toMatchObject({ state: 'pending' });
    await settled(state);
    expect(sandbox.world.entriesOfTask(task())).toHaveLength(1);
  });

  it('are deleted even when Asana refuses the first delete for a while (429)', async () => {
    const { outbox, state } = setup(true);
    sandbox.faults.failNext(2, '429', { method: 'DELETE' });
    await replayDuring(() => create(outbox));
    await settled(state);
    expect(sandbox.faults.injected['429']).toBeGreaterThanOrEqual(2);
    expect(sandbox.world.entriesOfTask(task())).toHaveLength(1);
  });

  it('stay without the option (Chromium sends a POST once: no look-up is made)', async () => {
    const { outbox, state } = setup(false);
    const mark = sandbox.stats.mark();
    await replayDuring(() => create(outbox));
    await settled(state);
    expect(sandbox.world.entriesOfTask(task())).toHaveLength(2);
    expect(sandbox.stats.requests.filter((r) => r.seq >= mark).map((r) => r.method)).toEqual(['POST']);
  });
});

describe('identical entries that are no copy', () => {
  it('an identical entry that was there before (known to the cache) stays', async () => {
    const { outbox, state } = setup(true);
    const before = sandbox.world.addEntry({ task: task(), ...input });
    await create(outbox, [before.gid]);
    await settled(state);
    expect(sandbox.world.entriesOfTask(task()).map((e) => e.description)).toEqual(['replayed?', 'replayed?']);
    expect(sandbox.world.entries.has(before.gid)).toBe(true);
  });

  it('two identical entries asked for, one after the other or both queued at once, both stay', async () => {
    const { outbox, state } = setup(true);
    await create(outbox);
    await create(outbox);
    await Promise.all([create(outbox), create(outbox)]);
    await settled(state);
    expect(sandbox.world.entriesOfTask(task())).toHaveLength(4);
  });

  it('two identical creates that both dropped after applying still give exactly two entries', async () => {
    const { outbox, state } = setup(true);
    sandbox.faults.failNext(2, 'drop-after', { method: 'POST', path: '/time_tracking_entries' });
    await Promise.all([create(outbox), create(outbox)]);
    await settled(state);
    expect(sandbox.world.entriesOfTask(task())).toHaveLength(2);
  });
});

describe('a category the browser created twice', () => {
  const ws = () => sandbox.seed.workspaces.main.gid;
  const createCategory = (outbox: ReturnType<typeof setup>['outbox'], name: string) =>
    outbox.submit({ kind: 'category.create', user: { gid: me(), name: 'Morgan' }, workspaceGid: ws(), data: { name, color: 'aqua' } });
  const named = (name: string) => [...sandbox.world.categories.values()].filter((c) => c.name === name);

  it('keeps the one the outbox knows and deletes the copy', async () => {
    const { outbox, state } = setup(true);
    sandbox.faults.latency(300, { method: 'POST' });
    const sent = createCategory(outbox, 'Workshops');
    await new Promise((r) => setTimeout(r, 100));
    const copy = sandbox.world.addCategory({ name: 'Workshops', color: 'aqua', workspace: ws() });
    const result = await sent;
    sandbox.faults.latency(0);
    await settled(state);
    expect(named('Workshops').map((c) => c.gid)).toEqual([(result as { result: { gid: string } }).result.gid]);
    expect(sandbox.world.categories.has(copy.gid)).toBe(false);
  });

  it('leaves a category of the same name that was there before', async () => {
    const { outbox, state } = setup(true);
    const before = sandbox.world.addCategory({ name: 'Workshops', color: 'red', workspace: ws() });
    await createCategory(outbox, 'Workshops');
    await settled(state);
    expect(named('Workshops')).toHaveLength(2);
    expect(sandbox.world.categories.has(before.gid)).toBe(true);
  });
});
