/**
 * A view can still hold an entry's local id (`local-<op>`) a moment after Asana created it: the
 * edit or delete a person makes then must reach the entry Asana created, not vanish as a 404.
 * The real client against the sandbox; what is checked is what the sandbox stores.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localGid } from '@/lib/outbox';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import { outboxFixture } from './outbox-fixture';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ today: '2026-11-20' });
});
afterAll(async () => sandbox?.close());
beforeEach(() => sandbox.reset());

const setup = () => outboxFixture(sandbox, { maxSleepMs: 20, backoffBaseMs: 10, retryOnWake: false });

const me = () => sandbox.seed.users.me.gid;
const owner = () => ({ gid: me(), name: sandbox.seed.users.me.name });
const task = () => sandbox.seed.tasks.empty.gid;
const create = (id: string, minutes: number) => ({
  kind: 'entry.create' as const, user: owner(), taskGid: task(), taskName: null, workspaceGid: null, id, data: { duration_minutes: minutes, entered_on: '2026-11-20', description: `entry ${id}` },
});

describe('changes sent with a local id after the create was accepted', () => {
  it('an update reaches the created entry', async () => {
    const { outbox } = setup();
    expect((await outbox.submit(create('aaaaaaaaaaaa', 30))).state).toBe('done');
    const result = await outbox.submit({ kind: 'entry.update', user: owner(), taskGid: task(), taskName: null, workspaceGid: null, targetGid: localGid('aaaaaaaaaaaa'), data: { duration_minutes: 45 } });
    expect(result.state).toBe('done');
    expect(sandbox.world.entriesOfTask(task()).map((e) => e.duration_minutes)).toEqual([45]);
  });

  it('a delete deletes the created entry (not a 404 taken for "already gone")', async () => {
    const { outbox, state } = setup();
    await outbox.submit(create('bbbbbbbbbbbb', 20));
    expect(sandbox.world.entriesOfTask(task())).toHaveLength(1);
    const result = await outbox.submit({ kind: 'entry.delete', user: owner(), taskGid: task(), taskName: null, workspaceGid: null, targetGid: localGid('bbbbbbbbbbbb') });
    expect(result.state).toBe('done');
    expect(sandbox.world.entriesOfTask(task())).toHaveLength(0);
    expect(state().ops).toEqual([]);
  });
});
