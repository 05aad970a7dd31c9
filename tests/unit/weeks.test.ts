/** A timesheet week as the person sees it (lib/weeks.ts): status, waiting and refused changes, what may be done. */
import { describe, expect, it } from 'vitest';
import type { ApprovalStatus, ApprovalTransition } from '@/lib/asana/constants';
import type { OutboxOp, WeekStatus } from '@/lib/storage/schemas';
import { weekOps, weekView } from '@/lib/weeks';

const ME = { gid: '1001', name: 'Morgan' };
const ALEX = { gid: '2002', name: 'Alex' };
const MONDAY = '2027-01-04';
const NOW = 1_800_000_000_000;

const record = (status: ApprovalStatus | null, user = ME.gid): WeekStatus => ({
  user, start: MONDAY, fetchedAt: NOW,
  status: status && { gid: '9009', approval_status: status, start_date: MONDAY, end_date: '2027-01-10', user: null, workspace: null, created_at: null },
});

let serial = 0;
const op = (to: ApprovalTransition, over: { user?: typeof ME; owner?: string; start?: string; state?: 'pending' | 'failed' } = {}): OutboxOp => ({
  id: `op${++serial}`, kind: 'timesheet.transition', user: over.user ?? ME, workspaceGid: '3003', targetGid: 'local-week', createdAt: NOW, state: over.state ?? 'pending',
  attempts: 0, nextAttemptAt: NOW, notBefore: 0, sentAt: null, uncertain: false, error: over.state === 'failed' ? { code: 'forbidden', message: 'Asana said no' } : null,
  data: { user: over.owner ?? ME.gid, start: over.start ?? MONDAY, to },
}) as OutboxOp;

describe('weekView', () => {
  it('is unknown until the week has been read', () => {
    expect(weekView(undefined, [], ME, ME.gid, MONDAY)).toBeNull();
  });

  it.each([
    ['no record yet: a draft, to submit', null, ['submit'], false],
    ['a draft record', 'DRAFT', ['submit'], false],
    ['submitted: recall', 'SUBMITTED', ['recall'], true],
    ['approved: nothing more', 'APPROVED', [], true],
    ['rejected: submit again, entries editable', 'REJECTED', ['resubmit'], false],
  ] as const)('my week, %s', (_name, status, actions, locked) => {
    expect(weekView(record(status), [], ME, ME.gid, MONDAY)).toEqual({ status: status ?? 'DRAFT', pending: null, refused: null, actions, locked });
  });

  it.each([
    [null, []],
    ['DRAFT', []],
    ['SUBMITTED', ['approve', 'reject']],
    ['APPROVED', []],
    ['REJECTED', []],
  ] as const)("someone else's week, %s: a reviewer acts only on a submitted one", (status, actions) => {
    expect(weekView(record(status, ALEX.gid), [], ME, ALEX.gid, MONDAY)?.actions).toEqual(actions);
  });

  it('a waiting submit shows as on its way, locks at once, and offers nothing until Asana has it', () => {
    const view = weekView(record(null), [op('submitted')], ME, ME.gid, MONDAY);
    expect(view).toEqual({ status: 'DRAFT', pending: 'submitted', refused: null, actions: [], locked: true });
  });

  it('a waiting recall unlocks at once', () => {
    expect(weekView(record('SUBMITTED'), [op('draft')], ME, ME.gid, MONDAY)).toMatchObject({ pending: 'draft', locked: false, actions: [] });
  });

  it('the newest of several waiting changes is where the week is going', () => {
    expect(weekView(record('DRAFT'), [op('submitted'), op('draft')], ME, ME.gid, MONDAY)).toMatchObject({ pending: 'draft', locked: false });
  });

  it('a refused change is shown as refused (not waiting), and keeps Asana’s status', () => {
    const refused = op('approved', { owner: ALEX.gid, state: 'failed' });
    expect(weekView(record('SUBMITTED', ALEX.gid), [refused], ME, ALEX.gid, MONDAY)).toEqual({ status: 'SUBMITTED', pending: null, refused, actions: [], locked: true });
  });

  it("ignores other weeks, other people's weeks and other accounts' changes", () => {
    const ops = [op('submitted', { start: '2027-01-11' }), op('approved', { owner: ALEX.gid }), op('submitted', { user: ALEX })];
    expect(weekView(record(null), ops, ME, ME.gid, MONDAY)).toMatchObject({ pending: null, actions: ['submit'] });
    expect(weekOps(ops, ME, ALEX.gid, MONDAY).map((o) => o.data.to)).toEqual(['approved']);
    expect(weekOps(ops, null, ME.gid, MONDAY)).toEqual([]);
  });
});
