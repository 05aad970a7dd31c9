/**
 * The outbox with the real Asana client against the sandbox over real HTTP, under the faults that
 * lose or double entries in careless clients: dropped connections after the write was applied,
 * 5xx, 429 with Retry-After, refusals, and a worker stopped mid-request.
 * What is checked is what the sandbox stores.
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

const setup = () => outboxFixture(sandbox, { maxSleepMs: 50, backoffBaseMs: 20, maxGetAttempts: 4, retryOnWake: true });

/** Waits until the second create is queued behind the first one, which is on the wire. */
async function queuedBehindBlocker(get: () => OutboxState, id: string, ms = 5_000) {
  const end = Date.now() + ms;
  const ready = () => get().ops.some((o) => o.id === id && o.state === 'pending' && o.sentAt === null) && get().ops.some((o) => o.state === 'sending');
  while (!ready() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  expect(ready()).toBe(true);
}

/** Waits until the outbox is empty (all synced) or a deadline passes. */
async function settled(get: () => OutboxState, ms = 10_000) {
  const end = Date.now() + ms;
  while (get().ops.some((o) => o.state !== 'failed') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return get();
}

const me = () => sandbox.seed.users.me.gid;
const owner = () => ({ gid: me(), name: sandbox.seed.users.me.name });
const entryInput = (minutes: number, extra: Record<string, unknown> = {}) => ({ duration_minutes: minutes, entered_on: '2026-11-20', description: `work ${minutes}`, ...extra });

describe('outbox against the sandbox', () => {
  it('a create whose connection dropped after Asana applied it is not posted twice', async () => {
    const { outbox, state } = setup();
    const task = sandbox.seed.tasks.empty.gid;
    sandbox.faults.failNext(1, 'drop-after', { method: 'POST', path: '/time_tracking_entries' });
    const first = await outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(37) });
    expect(first.state).toBe('pending');
    await settled(state);
    expect(sandbox.world.entriesOfTask(task).map((e) => e.duration_minutes)).toEqual([37]);
    expect(state().ops).toHaveLength(0);
  });

  it('two identical creates that both dropped after applying give exactly two entries', async () => {
    const { outbox, state } = setup();
    const task = sandbox.seed.tasks.empty.gid;
    sandbox.faults.failNext(2, 'drop-after', { method: 'POST', path: '/time_tracking_entries' });
    await Promise.all([
      outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(15) }),
      outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(15) }),
    ]);
    await settled(state);
    expect(sandbox.world.entriesOfTask(task).map((e) => e.duration_minutes)).toEqual([15, 15]);
  });

  it('a create dropped before Asana saw it is sent again, once', async () => {
    const { outbox, state } = setup();
    const task = sandbox.seed.tasks.empty.gid;
    sandbox.faults.failNext(1, 'drop-before', { method: 'POST', path: '/time_tracking_entries' });
    await outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(20) });
    await settled(state);
    expect(sandbox.world.entriesOfTask(task)).toHaveLength(1);
  });

  it('retries 500, 503 and 429 (honouring Retry-After) and stores one entry', async () => {
    const { outbox, state } = setup();
    const task = sandbox.seed.tasks.empty.gid;
    sandbox.faults.inject({ kind: '500', method: 'POST', count: 1 });
    sandbox.faults.inject({ kind: '503', method: 'POST', count: 1 });
    sandbox.faults.inject({ kind: '429', method: 'POST', count: 1, retryAfter: 1 });
    const started = Date.now();
    await outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(45) });
    await settled(state);
    expect(sandbox.world.entriesOfTask(task).map((e) => e.duration_minutes)).toEqual([45]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // Retry-After: 1
  });

  it('an unreadable answer to a create is checked before sending again', async () => {
    const { outbox, state } = setup();
    const task = sandbox.seed.tasks.empty.gid;
    sandbox.faults.failNext(1, 'invalid-json', { method: 'POST', path: '/time_tracking_entries' });
    await outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(12) });
    await settled(state);
    expect(sandbox.world.entriesOfTask(task)).toHaveLength(1);
  });

  it('keeps a refused write with Asana’s reason, and sends the corrected one on retry', async () => {
    const { outbox, state } = setup();
    const task = sandbox.seed.tasks.empty.gid;
    const archived = sandbox.seed.categories.archived.gid;
    const result = await outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(30, { categories: [archived] }) });
    expect(result.state).toBe('failed');
    if (result.state === 'failed') expect(result.message).toMatch(/archived/i);
    expect(state().ops[0]).toMatchObject({ state: 'failed' });
    expect(sandbox.world.entriesOfTask(task)).toHaveLength(0);
    await outbox.retry(state().ops[0]!.id, { categories: [sandbox.seed.categories.design.gid] });
    await settled(state);
    expect(sandbox.world.entriesOfTask(task)).toMatchObject([{ duration_minutes: 30, categories: [sandbox.seed.categories.design.gid] }]);
  });

  it('an update of an entry not yet sent is folded into its create', async () => {
    const { outbox, state } = setup();
    const task = sandbox.seed.tasks.empty.gid;
    sandbox.faults.latency(200);
    // The first op goes out at once; queue behind it on another target so the second create waits.
    const blocker = outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(5) });
    const created = outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(10), id: 'aaaaaaaaaaaa' });
    await queuedBehindBlocker(state, 'aaaaaaaaaaaa');
    await outbox.submit({ kind: 'entry.update', user: owner(), taskGid: task, taskName: null, workspaceGid: null, targetGid: 'local-aaaaaaaaaaaa', data: { duration_minutes: 11 } });
    await Promise.all([blocker, created]);
    await settled(state);
    sandbox.faults.clear();
    expect(sandbox.world.entriesOfTask(task).map((e) => e.duration_minutes).sort()).toEqual([11, 5]);
    // Folded: the change went out inside the create's POST, and no PUT was ever sent.
    expect(sandbox.stats.count({ method: 'PUT' })).toBe(0);
    expect(sandbox.stats.count({ method: 'POST' })).toBe(2);
  });

  it('runs create → update → delete of one entry in order, rewriting the local id', async () => {
    const { outbox, state } = setup();
    const task = sandbox.seed.tasks.empty.gid;
    sandbox.faults.failNext(1, '500', { method: 'POST' });
    const create = outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(50), id: 'bbbbbbbbbbbb' });
    await create; // pending after the 500: the next two must wait for it
    await outbox.submit({ kind: 'entry.update', user: owner(), taskGid: task, taskName: null, workspaceGid: null, targetGid: 'local-bbbbbbbbbbbb', data: { description: 'changed' } });
    await settled(state);
    const [entry] = sandbox.world.entriesOfTask(task);
    expect(entry).toMatchObject({ duration_minutes: 50, description: 'changed' });
    await outbox.submit({ kind: 'entry.delete', user: owner(), taskGid: task, taskName: null, workspaceGid: null, targetGid: entry!.gid });
    await settled(state);
    expect(sandbox.world.entriesOfTask(task)).toHaveLength(0);
  });

  it('recovers an op cut off mid-request by a worker stop without doubling it', async () => {
    const { outbox, state, setState } = setup();
    const task = sandbox.seed.tasks.empty.gid;
    // The worker sent the create, Asana applied it, then the worker died before hearing back.
    const sentAt = Date.now();
    const { client } = setup();
    await client.createEntry(task, entryInput(33));
    setState({
      claimed: [],
      renamed: {},
      ops: [
        {
          id: 'cccccccccccc', kind: 'entry.create', user: owner(), createdAt: sentAt, taskGid: task, taskName: null, workspaceGid: null,
          targetGid: 'local-cccccccccccc', data: entryInput(33), state: 'sending', attempts: 0, nextAttemptAt: sentAt, notBefore: 0,
          sentAt, uncertain: false, knownGids: [], error: null,
        },
      ],
    });
    await outbox.recover();
    expect(state().ops[0]).toMatchObject({ state: 'pending', uncertain: true });
    await outbox.kick();
    await settled(state);
    expect(sandbox.world.entriesOfTask(task)).toHaveLength(1);
  });

  it('waits while another user is connected, and never sends their change as me', async () => {
    const { outbox, state } = setup();
    const task = sandbox.seed.tasks.empty.gid;
    const result = await outbox.submit({ kind: 'entry.create', user: { gid: sandbox.seed.users.alex.gid, name: sandbox.seed.users.alex.name }, taskGid: task, taskName: null, workspaceGid: null, data: entryInput(9) });
    expect(result).toMatchObject({ state: 'pending', message: expect.stringMatching(/another account/) });
    expect(state().ops).toHaveLength(1);
    expect(sandbox.world.entriesOfTask(task)).toHaveLength(0);
  });

  it('a delete of an entry not yet sent cancels its create: nothing reaches Asana', async () => {
    const { outbox, state } = setup();
    const task = sandbox.seed.tasks.empty.gid;
    sandbox.faults.latency(200);
    const blocker = outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(5) });
    const created = outbox.submit({ kind: 'entry.create', user: owner(), taskGid: task, taskName: null, workspaceGid: null, data: entryInput(10), id: 'dddddddddddd' });
    await queuedBehindBlocker(state, 'dddddddddddd');
    const removed = await outbox.submit({ kind: 'entry.delete', user: owner(), taskGid: task, taskName: null, workspaceGid: null, targetGid: 'local-dddddddddddd' });
    expect(removed.state).toBe('done');
    await Promise.all([blocker, created]);
    await settled(state);
    sandbox.faults.clear();
    expect(sandbox.world.entriesOfTask(task).map((e) => e.duration_minutes)).toEqual([5]);
    expect(sandbox.stats.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('deletes what is already gone without complaint', async () => {
    const { outbox, state } = setup();
    const result = await outbox.submit({ kind: 'entry.delete', user: owner(), taskGid: sandbox.seed.tasks.empty.gid, taskName: null, workspaceGid: null, targetGid: '999999999' });
    expect(result.state).toBe('done');
    expect(state().ops).toHaveLength(0);
  });
});
