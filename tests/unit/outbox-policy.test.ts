/**
 * The outbox's queue policy, where it lives (lib/outbox.ts): folding a change into a write not
 * yet sent, which op goes next and when, the backoff, and the guard that stops a retried create
 * from claiming an identical entry that existed before it was sent.
 */
import { describe, expect, it } from 'vitest';
import type { Entry } from '@/lib/asana/schemas';
import { coalesce, nextDue, nextWake, pickLandedCreate, retryDelay, sameShape, withoutUnansweredCopies } from '@/lib/outbox-policy';
import { emptyOutbox, type OutboxOp, type OutboxState } from '@/lib/storage/schemas';

const ME = { gid: '1001', name: 'Me' };
const OTHER = { gid: '2002', name: 'Other' };
const T0 = 1_800_000_000_000;

let serial = 0;
function op(over: Partial<OutboxOp> & Pick<OutboxOp, 'kind'>): OutboxOp {
  const id = `op${String(++serial).padStart(6, '0')}`;
  const base = {
    id, user: ME, workspaceGid: '3003', createdAt: T0, targetGid: `local-${id}`, state: 'pending', attempts: 0, nextAttemptAt: T0,
    notBefore: 0, sentAt: null, uncertain: false, error: null,
  } as const;
  switch (over.kind) {
    case 'entry.create':
      return { ...base, taskGid: '4004', taskName: null, data: { duration_minutes: 30, entered_on: '2027-01-04' }, knownGids: [], ...over } as OutboxOp;
    case 'entry.update':
      return { ...base, taskGid: '4004', taskName: null, targetGid: '5005', data: { duration_minutes: 45 }, ...over } as OutboxOp;
    case 'entry.delete':
      return { ...base, taskGid: '4004', taskName: null, targetGid: '5005', ...over } as OutboxOp;
    case 'category.create':
      return { ...base, workspaceGid: '3003', data: { name: 'X', color: 'red' }, ...over } as OutboxOp;
    case 'category.update':
      return { ...base, workspaceGid: '3003', targetGid: '6006', data: { name: 'Y' }, ...over } as OutboxOp;
    case 'category.delete':
      return { ...base, workspaceGid: '3003', targetGid: '6006', ...over } as OutboxOp;
    case 'timesheet.transition':
      return { ...base, workspaceGid: '3003', targetGid: 'local-week-1001-20270104', data: { user: ME.gid, start: '2027-01-04', to: 'submitted' }, ...over } as OutboxOp;
  }
}
const state = (...ops: OutboxOp[]): OutboxState => ({ ...emptyOutbox(), ops });

describe('coalesce: a new op meets the queue', () => {
  it('folds an update into a create not yet sent (one POST with both, no PUT)', () => {
    const create = op({ kind: 'entry.create' });
    const s = state(create);
    const result = coalesce(s, op({ kind: 'entry.update', targetGid: create.targetGid, data: { duration_minutes: 50, description: 'more' } }));
    expect(result).toEqual({ kind: 'absorbed', into: create.id });
    expect(s.ops).toHaveLength(1);
    expect(s.ops[0]).toMatchObject({ kind: 'entry.create', data: { duration_minutes: 50, entered_on: '2027-01-04', description: 'more' } });
  });

  it('folds an update into an update not yet sent, later fields winning', () => {
    const first = op({ kind: 'entry.update', data: { duration_minutes: 10, description: 'a' } });
    const s = state(first);
    expect(coalesce(s, op({ kind: 'entry.update', data: { description: 'b' } }))).toEqual({ kind: 'absorbed', into: first.id });
    expect(s.ops[0]).toMatchObject({ data: { duration_minutes: 10, description: 'b' } });
  });

  it.each([
    ['already sent', { sentAt: T0 }],
    ['its outcome unknown', { uncertain: true }],
    ['on the wire', { state: 'sending' as const }],
    ['refused', { state: 'failed' as const }],
  ])('queues an update behind a create that is %s (it cannot be changed any more)', (_, over) => {
    const create = op({ kind: 'entry.create', ...over });
    const s = state(create);
    expect(coalesce(s, op({ kind: 'entry.update', targetGid: create.targetGid }))).toEqual({ kind: 'queued' });
    expect(s.ops.map((o) => o.kind)).toEqual(['entry.create', 'entry.update']);
  });

  it('cancels a create not yet sent when it is deleted: nothing is sent at all', () => {
    const create = op({ kind: 'entry.create' });
    const s = state(create);
    expect(coalesce(s, op({ kind: 'entry.delete', targetGid: create.targetGid }))).toEqual({ kind: 'cancelled', cancelled: create.id });
    expect(s.ops).toEqual([]);
  });

  it('does not cancel a create with changes queued behind it; a delete drops an update not yet sent', () => {
    const create = op({ kind: 'entry.create', sentAt: T0 });
    const update = op({ kind: 'entry.update', targetGid: create.targetGid });
    const s = state(create, update);
    expect(coalesce(s, op({ kind: 'entry.delete', targetGid: create.targetGid }))).toEqual({ kind: 'queued' });
    expect(s.ops.map((o) => o.kind)).toEqual(['entry.create', 'entry.delete']);
  });

  it('keeps ops on other targets apart', () => {
    const a = op({ kind: 'entry.create' });
    const s = state(a);
    expect(coalesce(s, op({ kind: 'entry.update', targetGid: '9999' }))).toEqual({ kind: 'queued' });
    expect(s.ops).toHaveLength(2);
  });

  it('folds category changes the same way', () => {
    const create = op({ kind: 'category.create' });
    const s = state(create);
    expect(coalesce(s, op({ kind: 'category.update', targetGid: create.targetGid, data: { color: 'blue' } }))).toEqual({ kind: 'absorbed', into: create.id });
    expect(s.ops[0]).toMatchObject({ data: { name: 'X', color: 'blue' } });
  });
});

describe('nextDue and nextWake: what goes next, and when', () => {
  it('sends the first due op of each chain, in order, and only mine', () => {
    const theirs = op({ kind: 'entry.create', user: OTHER });
    const first = op({ kind: 'entry.create', targetGid: 'local-chain', nextAttemptAt: T0 + 10 });
    const second = op({ kind: 'entry.update', targetGid: 'local-chain' });
    const other = op({ kind: 'entry.update', targetGid: '7007', nextAttemptAt: T0 });
    const s = state(theirs, first, second, other);
    expect(nextDue(s, ME.gid, T0)?.id).toBe(other.id); // the chain's head is not due yet; its tail waits behind it
    expect(nextDue(s, ME.gid, T0 + 10)?.id).toBe(first.id);
    expect(nextDue(s, OTHER.gid, T0)?.id).toBe(theirs.id);
    expect(nextDue(s, null, T0 + 1e9)).toBeNull(); // signed out: nothing is sent as nobody
  });

  it('holds a delete inside its undo window, and anything behind a refused or sending op', () => {
    const undo = op({ kind: 'entry.delete', notBefore: T0 + 6_000 });
    const refused = op({ kind: 'entry.create', targetGid: 'local-r', state: 'failed' });
    const behind = op({ kind: 'entry.update', targetGid: 'local-r' });
    const s = state(undo, refused, behind);
    expect(nextDue(s, ME.gid, T0)).toBeNull();
    expect(nextDue(s, ME.gid, T0 + 6_000)?.id).toBe(undo.id);
    expect(nextWake(s, ME.gid)).toBe(T0 + 6_000);
  });

  it('wakes at the earliest due op of mine, or never', () => {
    const s = state(op({ kind: 'entry.create', nextAttemptAt: T0 + 500 }), op({ kind: 'entry.create', nextAttemptAt: T0 + 200 }), op({ kind: 'entry.create', user: OTHER, nextAttemptAt: T0 }));
    expect(nextWake(s, ME.gid)).toBe(T0 + 200);
    expect(nextWake(state(), ME.gid)).toBeNull();
    expect(nextWake(s, '9999')).toBeNull();
  });
});

describe('retryDelay: backoff with jitter', () => {
  it.each([
    [1, 0.5, 2_000],
    [2, 0.5, 4_000],
    [3, 0.5, 8_000],
    [9, 0.5, 300_000], // capped at 5 min
    [30, 0.5, 300_000],
    [1, 0, 1_600], // −20%
    [1, 0.999999, 2_400], // +20%
    [0, 0.5, 2_000],
  ])('attempt %i, random %f → %i ms', (attempts, random, ms) => {
    expect(retryDelay(attempts, 2_000, random)).toBe(ms);
  });
});

describe('pickLandedCreate: finding the entry an uncertain create made', () => {
  const data = { duration_minutes: 30, entered_on: '2027-01-04', description: 'work' };
  const entry = (gid: string, over: Partial<Entry> = {}): Entry => ({
    gid, duration_minutes: 30, entered_on: '2027-01-04', description: 'work', created_by: { gid: ME.gid, name: 'Me' }, categories: [],
    attributable_to: null, created_at: new Date(T0 + 1_000).toISOString(), ...over,
  });
  const create = (over: Partial<{ knownGids: string[]; sentAt: number | null }> = {}) => ({ data, user: ME, createdAt: T0, sentAt: T0, knownGids: [], ...over });

  it('claims the entry of the same shape made after it was sent', () => {
    expect(pickLandedCreate(create(), [entry('11')], [])?.gid).toBe('11');
  });

  it('never claims an identical entry that existed before the create was sent (knownGids)', () => {
    expect(pickLandedCreate(create({ knownGids: ['11'] }), [entry('11')], [])).toBeNull();
    expect(pickLandedCreate(create({ knownGids: ['11'] }), [entry('11'), entry('12')], [])?.gid).toBe('12');
  });

  it('never claims one already claimed by another uncertain create', () => {
    expect(pickLandedCreate(create(), [entry('11'), entry('12', { created_at: new Date(T0 + 2_000).toISOString() })], ['11'])?.gid).toBe('12');
  });

  it('takes the oldest of several, and none made long before it was sent (beyond clock skew)', () => {
    const late = entry('13', { created_at: new Date(T0 + 9_000).toISOString() });
    const early = entry('14', { created_at: new Date(T0 + 3_000).toISOString() });
    expect(pickLandedCreate(create(), [late, early], [])?.gid).toBe('14');
    const old = entry('15', { created_at: new Date(T0 - 6 * 60_000).toISOString() });
    expect(pickLandedCreate(create(), [old], [])).toBeNull();
    expect(pickLandedCreate(create(), [entry('16', { created_at: new Date(T0 - 4 * 60_000).toISOString() })], [])?.gid).toBe('16');
  });

  it.each([
    ['another user’s', { created_by: { gid: OTHER.gid, name: 'Other' } }],
    ['another duration', { duration_minutes: 31 }],
    ['another day', { entered_on: '2027-01-05' }],
    ['another description', { description: 'other' }],
    ['a category the create did not ask for', { categories: [{ gid: '77', name: 'C', color: 'red' as const }] }],
  ])('ignores an entry with %s', (_, over) => {
    expect(pickLandedCreate(create(), [entry('11', over)], [])).toBeNull();
  });

  it('sameShape compares what the create asked for, and nothing it did not', () => {
    expect(sameShape(entry('1'), data, ME.gid)).toBe(true);
    expect(sameShape(entry('1', { billable_status: 'billable' }), data, ME.gid)).toBe(true); // not asked: Asana's default is fine
    expect(sameShape(entry('1', { billable_status: 'billable' }), { ...data, billable_status: 'nonBillable' }, ME.gid)).toBe(false);
    expect(sameShape(entry('1', { attributable_to: { gid: '8', name: 'P' } }), { ...data, attributable_to: '9' }, ME.gid)).toBe(false);
  });
});

describe('withoutUnansweredCopies: a cache never holds a copy of a create still waiting for its answer', () => {
  const TASK = '4004';
  const data = { duration_minutes: 30, entered_on: '2027-01-04', description: 'work' };
  const entry = (gid: string, over: Partial<Entry> = {}): Entry => ({
    gid, duration_minutes: 30, entered_on: '2027-01-04', description: 'work', created_by: { gid: ME.gid, name: 'Me' }, categories: [],
    attributable_to: null, created_at: new Date(T0 + 1_000).toISOString(), task: { gid: TASK, name: 'T' }, ...over,
  });
  const sent = (over: Partial<OutboxOp> = {}) => op({ kind: 'entry.create', sentAt: T0, state: 'sending', data, ...over } as Partial<OutboxOp> & Pick<OutboxOp, 'kind'>);
  const gids = (list: Entry[]) => list.map((e) => e.gid);

  it('leaves out the copy of a sent create (on the wire, or its answer lost), once per create', () => {
    const other = entry('10', { duration_minutes: 45 });
    expect(gids(withoutUnansweredCopies([other, entry('11')], state(sent()), ME.gid, TASK))).toEqual(['10']);
    expect(gids(withoutUnansweredCopies([other, entry('11')], state(sent({ state: 'pending', uncertain: true })), ME.gid, TASK))).toEqual(['10']);
    // Two identical creates, three identical entries: the oldest two are theirs, the third stays.
    const three = [entry('11'), entry('12', { created_at: new Date(T0 + 2_000).toISOString() }), entry('13', { created_at: new Date(T0 + 3_000).toISOString() })];
    expect(gids(withoutUnansweredCopies(three, state(sent(), sent()), ME.gid, TASK))).toEqual(['13']);
  });

  it('keeps every entry that is not such a copy', () => {
    const keeps: Array<[string, OutboxState, Entry[]]> = [
      ['a create not sent yet', state(sent({ sentAt: null, state: 'pending' })), [entry('11')]],
      ['a refused create', state(sent({ state: 'failed' })), [entry('11')]],
      ['another person’s create', state(sent({ user: OTHER })), [entry('11')]],
      ['a create on another task', state(sent({ taskGid: '4005' } as Partial<OutboxOp>)), [entry('11')]],
      ['an identical entry known before the send', state(sent({ knownGids: ['11'] } as Partial<OutboxOp>)), [entry('11')]],
      ['an entry the outbox created (renamed)', { ...state(sent()), renamed: { 'local-x': '11' } }, [entry('11')]],
      ['an entry the outbox claimed', { ...state(sent()), claimed: ['11'] }, [entry('11')]],
      ['another shape', state(sent()), [entry('11', { duration_minutes: 31 }), entry('12', { description: 'other' }), entry('13', { entered_on: '2027-01-05' })]],
      ['another author', state(sent()), [entry('11', { created_by: { gid: OTHER.gid, name: 'Other' } })]],
      ['made long before the send', state(sent()), [entry('11', { created_at: new Date(T0 - 6 * 60_000).toISOString() })]],
    ];
    for (const [why, outbox, list] of keeps) expect(gids(withoutUnansweredCopies(list, outbox, ME.gid, TASK)), why).toEqual(gids(list));
  });

  it('across tasks (the person’s own entries), takes a copy only from the create’s own task', () => {
    const there = entry('11', { task: { gid: '4005', name: 'U' } });
    const here = entry('12', { created_at: new Date(T0 + 2_000).toISOString() });
    expect(gids(withoutUnansweredCopies([there, here], state(sent()), ME.gid, null))).toEqual(['11']);
    expect(gids(withoutUnansweredCopies([there], state(sent()), ME.gid, null))).toEqual(['11']);
  });
});
