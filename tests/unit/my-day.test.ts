/**
 * The popup's day (lib/my-day.ts) and how the kept entries follow accepted writes
 * (lib/background/my-entries.ts): the figures a person sees for today and this week.
 */
import { describe, expect, it } from 'vitest';
import type { Entry } from '@/lib/asana/schemas';
import { keepMine, withEntry } from '@/lib/background/my-entries';
import { myDayView } from '@/lib/my-day';
import type { MyEntries, OutboxOp } from '@/lib/storage/schemas';

const ME = { gid: '1001', name: 'Morgan' };
const ALEX = { gid: '2002', name: 'Alex' };
const WS = '3003';
const NOW = Date.parse('2027-06-09T12:00:00.000Z');
// Wednesday 2027-06-09: its week (Monday to Sunday) is 2027-06-07 … 2027-06-13.
const DAY = '2027-06-09';

const entry = (gid: string, minutes: number, on: string, by = ME, over: Partial<Entry> = {}): Entry => ({
  gid, duration_minutes: minutes, entered_on: on, created_by: { gid: by.gid, name: by.name }, categories: [], attributable_to: null,
  description: '', approval_status: 'DRAFT', created_at: `${on}T09:00:${gid.padStart(2, '0').slice(-2)}.000Z`, task: { gid: '4004', name: 'Task' }, ...over,
});
const kept = (...entries: Entry[]): MyEntries => ({ workspaceGid: WS, from: '2027-05-27', fetchedAt: NOW, entries: keepMine(entries, ME.gid) });

let serial = 0;
function create(minutes: number, on: string, over: Partial<OutboxOp> = {}): OutboxOp {
  const id = `op${String(++serial).padStart(6, '0')}`;
  return {
    kind: 'entry.create', id, user: ME, workspaceGid: WS, createdAt: NOW, targetGid: `local-${id}`, state: 'pending', attempts: 0, nextAttemptAt: NOW, notBefore: 0,
    sentAt: null, uncertain: false, error: null, taskGid: '4004', taskName: 'Task', data: { duration_minutes: minutes, entered_on: on }, knownGids: [], ...over,
  } as OutboxOp;
}

describe('myDayView', () => {
  const mine = kept(
    entry('1', 30, DAY),
    entry('2', 45, '2027-06-08'),
    entry('3', 60, '2027-06-07'),
    entry('4', 15, '2027-06-06'), // Sunday: last week
    entry('5', 20, '2027-06-01'),
    entry('6', 10, '2027-05-31'),
  );

  it('totals today and Monday to Sunday, and lists the last five, newest first', () => {
    const view = myDayView(mine, [], ME, DAY, NOW)!;
    expect([view.todayMinutes, view.weekMinutes]).toEqual([30, 30 + 45 + 60]);
    expect(view.last.map((e) => e.gid)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('counts my waiting writes at once (a create, an edit, a delete), and each once', () => {
    const ops = [
      create(25, DAY),
      { ...create(0, DAY), kind: 'entry.update', targetGid: '2', data: { duration_minutes: 50 } } as OutboxOp,
      { ...create(0, DAY), kind: 'entry.delete', targetGid: '3' } as OutboxOp,
    ];
    const view = myDayView(mine, ops, ME, DAY, NOW)!;
    expect([view.todayMinutes, view.weekMinutes]).toEqual([30 + 25, 30 + 25 + 50]);
    expect(view.last[0]).toMatchObject({ duration_minutes: 25, pending: 'create' });
  });

  it('counts nobody else’s entries or writes, a refused write, or a write of another workspace', () => {
    const withAlex: MyEntries = { ...mine, entries: [entry('9', 120, DAY, ALEX), ...mine.entries] };
    const view = myDayView(withAlex, [create(40, DAY, { user: ALEX }), create(35, DAY, { state: 'failed' }), create(5, DAY, { workspaceGid: '9009' })], ME, DAY, NOW)!;
    expect([view.todayMinutes, view.weekMinutes]).toEqual([30, 135]);
    expect(view.last.map((e) => e.gid)).not.toContain('9');
  });

  it('has nothing to show before the entries were first read, or signed out', () => {
    expect(myDayView(null, [create(25, DAY)], ME, DAY, NOW)).toBeNull();
    expect(myDayView(mine, [], null, DAY, NOW)).toBeNull();
  });
});

describe('the kept entries', () => {
  it('keep only mine, newest first', () => {
    expect(keepMine([entry('1', 5, '2027-06-01'), entry('2', 5, '2027-06-03', ALEX), entry('3', 5, '2027-06-02')], ME.gid).map((e) => e.gid)).toEqual(['3', '1']);
  });
  it('follow an accepted create, edit and delete; an entry moved before their first day leaves', () => {
    let state = kept(entry('1', 30, DAY));
    state = withEntry(state, '7', entry('7', 25, DAY), ME.gid);
    expect(state.entries.map((e) => [e.gid, e.duration_minutes])).toEqual([['7', 25], ['1', 30]]);
    state = withEntry(state, '1', entry('1', 90, DAY), ME.gid);
    expect(state.entries.map((e) => [e.gid, e.duration_minutes])).toEqual([['7', 25], ['1', 90]]);
    state = withEntry(state, '7', null, ME.gid);
    expect(state.entries.map((e) => e.gid)).toEqual(['1']);
    state = withEntry(state, '1', entry('1', 90, '2027-05-01'), ME.gid);
    expect(state.entries).toEqual([]);
  });
});
