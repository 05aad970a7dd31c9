/**
 * Waiting changes laid over Asana's data, and the one edit rule (lib/pending.ts): what every view
 * shows, decided in one place.
 */
import { describe, expect, it } from 'vitest';
import type { Category, Entry } from '@/lib/asana/schemas';
import { buildTaskView, byNewest, groupByDate, isLocked, othersWaiting, overlayCategories, overlayEntries, readOnlyReason, summarize } from '@/lib/pending';
import type { OutboxOp, TaskCache } from '@/lib/storage/schemas';
import { newestFirst, summaryOf } from '@/lib/task-summary';

const ME = { gid: '1001', name: 'Morgan' };
const ALEX = { gid: '2002', name: 'Alex' };
const TASK = '4004';
const NOW = 1_800_000_000_000;
const design: Category = { gid: '71', name: 'Design', color: 'purple' };

const entry = (gid: string, minutes: number, by = ME, over: Partial<Entry> = {}): Entry => ({
  gid, duration_minutes: minutes, entered_on: '2027-01-04', created_by: { gid: by.gid, name: by.name }, categories: [], attributable_to: null,
  description: '', approval_status: 'DRAFT', created_at: `2027-01-04T0${gid.length % 9}:00:00.000Z`, ...over,
});
const cache = (...entries: Entry[]): TaskCache => summaryOf(TASK, newestFirst(entries), { fetchedAt: NOW, checkedAt: NOW, info: null, error: null });

let serial = 0;
function op(over: Partial<OutboxOp> & Pick<OutboxOp, 'kind'>): OutboxOp {
  const id = `op${String(++serial).padStart(6, '0')}`;
  const base = { id, user: ME, workspaceGid: '3003', createdAt: NOW - 1_000, targetGid: `local-${id}`, state: 'pending', attempts: 0, nextAttemptAt: NOW, notBefore: 0, sentAt: null, uncertain: false, error: null } as const;
  if (over.kind === 'entry.create') return { ...base, taskGid: TASK, taskName: 'T', data: { duration_minutes: 30, entered_on: '2027-01-05' }, knownGids: [], ...over } as OutboxOp;
  if (over.kind === 'entry.update') return { ...base, taskGid: TASK, taskName: null, data: {}, ...over } as OutboxOp;
  if (over.kind === 'entry.delete') return { ...base, taskGid: TASK, taskName: null, ...over } as OutboxOp;
  if (over.kind === 'category.create') return { ...base, data: { name: 'New', color: 'red' }, ...over } as OutboxOp;
  if (over.kind === 'category.update') return { ...base, data: {}, ...over } as OutboxOp;
  return { ...base, ...over } as OutboxOp;
}
const ctx = (me: typeof ME | null = ME) => ({ me, categories: [design], projects: [{ gid: '81', name: 'Web' }], now: NOW });

describe('buildTaskView', () => {
  it('adds my waiting create, applies my waiting update, removes my waiting delete, and totals them', () => {
    const view = buildTaskView(TASK, cache(entry('11', 60), entry('12', 15), entry('13', 45, ALEX)), [
      op({ kind: 'entry.create', data: { duration_minutes: 25, entered_on: '2027-01-05', categories: ['71'], attributable_to: '81', description: 'new' } }),
      op({ kind: 'entry.update', targetGid: '11', data: { duration_minutes: 90, description: 'edited' } }),
      op({ kind: 'entry.delete', targetGid: '12', notBefore: NOW + 5_000 }),
    ], ctx());
    expect(view.entries.map((e) => [e.gid.startsWith('local-') ? 'new' : e.gid, e.duration_minutes, e.pending])).toEqual([
      ['new', 25, 'create'],
      ['13', 45, null],
      ['11', 90, 'update'],
    ]);
    expect(view.entries[0]).toMatchObject({ categories: [design], attributable_to: { gid: '81', name: 'Web' }, created_by: { gid: ME.gid }, description: 'new', task: { gid: TASK, name: 'T' } });
    expect(view.totalMinutes).toBe(25 + 45 + 90);
    expect(view.myMinutes).toBe(25 + 90);
    expect(view.waiting).toBe(3);
    expect(view.undoable.map((o) => o.kind)).toEqual(['entry.delete']);
  });

  it('shows an older entry read beyond the summary once when a delete has brought it up into the head', () => {
    // The widget read 13 beyond a two-entry head; 11 was then deleted and the new head holds 13,
    // while the older entries are still being read again.
    const view = buildTaskView(TASK, cache(entry('12', 15), entry('13', 45)), [op({ kind: 'entry.update', targetGid: '13', data: { duration_minutes: 50 } })], ctx(), [entry('13', 45), entry('14', 5)]);
    expect(view.entries.map((e) => [e.gid, e.duration_minutes, e.pending]).sort()).toEqual([['12', 15, null], ['13', 50, 'update'], ['14', 5, null]]);
    expect(view.totalMinutes).toBe(15 + 50); // the summary's, and the update's 5 min once
  });

  it('never lays another account’s waiting writes over mine, nor counts them', () => {
    const view = buildTaskView(TASK, cache(entry('11', 60)), [op({ kind: 'entry.create', user: ALEX }), op({ kind: 'entry.update', user: ALEX, targetGid: '11', data: { duration_minutes: 120 } })], ctx());
    expect(view.entries.map((e) => e.duration_minutes)).toEqual([60]);
    expect([view.totalMinutes, view.myMinutes, view.waiting, view.failed.length]).toEqual([60, 60, 0, 0]);
  });

  it('signed out, lays nothing over Asana’s figures', () => {
    const view = buildTaskView(TASK, cache(entry('11', 60)), [op({ kind: 'entry.create' })], ctx(null));
    expect([view.entries.length, view.totalMinutes, view.myMinutes, view.waiting]).toEqual([1, 60, 0, 0]);
  });

  it('rolls a refused change back, lists it as refused, and holds what waits behind it as refused too', () => {
    const refused = op({ kind: 'entry.update', targetGid: '11', state: 'failed', data: { duration_minutes: 5 }, error: { code: 'forbidden', message: 'No' } });
    const behind = op({ kind: 'entry.delete', targetGid: '11' });
    const view = buildTaskView(TASK, cache(entry('11', 60)), [refused, behind], ctx());
    expect(view.entries.map((e) => [e.gid, e.duration_minutes, e.pending])).toEqual([['11', 60, null]]);
    expect(view.failed.map((o) => o.id)).toEqual([refused.id, behind.id]);
    expect(view.waiting).toBe(0);
  });

  it('ignores other tasks’ and categories’ ops, and names the first retry reason', () => {
    const view = buildTaskView(TASK, cache(), [op({ kind: 'entry.create', taskGid: '9999' } as never), op({ kind: 'category.create' }), op({ kind: 'entry.create', error: { code: 'network', message: 'Could not reach Asana' } })], ctx());
    expect([view.entries.length, view.waiting, view.waitingReason]).toEqual([1, 1, 'Could not reach Asana']);
  });

  it('an expired undo window is no longer undoable, but the entry stays hidden until the delete is done', () => {
    const view = buildTaskView(TASK, cache(entry('12', 15)), [op({ kind: 'entry.delete', targetGid: '12', notBefore: NOW - 1 })], ctx());
    expect([view.entries.length, view.undoable.length, view.waiting]).toEqual([0, 0, 1]);
  });
});

describe('summarize, othersWaiting', () => {
  it('counts only what `include` selects, of mine', () => {
    const ops = [op({ kind: 'entry.create' }), op({ kind: 'category.create' }), op({ kind: 'entry.create', user: ALEX }), op({ kind: 'entry.create', state: 'failed' })];
    expect(summarize(ops, ME).waiting).toBe(2);
    expect(summarize(ops, ME, (o) => o.kind.startsWith('category.')).waiting).toBe(1);
    expect(summarize(ops, ME).failed).toHaveLength(1);
  });

  it('groups other accounts’ waiting writes by owner', () => {
    const ops = [op({ kind: 'entry.create', user: ALEX }), op({ kind: 'entry.update', user: ALEX }), op({ kind: 'entry.create' })];
    expect(othersWaiting(ops, ME)).toEqual([{ user: ALEX, count: 2 }]);
    expect(othersWaiting(ops, null)).toEqual([{ user: ALEX, count: 2 }, { user: ME, count: 1 }]);
  });
});

describe('overlayCategories', () => {
  it('adds, renames, archives and deletes my waiting category changes', () => {
    const research: Category = { gid: '72', name: 'Research', color: 'aqua', is_archived: false };
    const legacy: Category = { gid: '73', name: 'Legacy', color: 'cool-gray', is_archived: true };
    const result = overlayCategories([design, research], [legacy], [
      op({ kind: 'category.create', data: { name: 'Offsite', color: 'blue' } }),
      op({ kind: 'category.update', targetGid: '71', data: { name: 'UX', is_archived: true } }),
      op({ kind: 'category.update', targetGid: '73', data: { is_archived: false } }),
      op({ kind: 'category.delete', targetGid: '72' }),
      op({ kind: 'category.delete', targetGid: '73', user: ALEX }),
      op({ kind: 'category.create', workspaceGid: '9999' } as never),
    ], ME, '3003');
    expect(result.active.map((c) => [c.name, c.pending])).toEqual([['Offsite', true], ['Legacy', true]]);
    expect(result.archived.map((c) => [c.name, c.pending])).toEqual([['UX', true]]);
    expect(result.waiting).toBe(4);
  });
});

describe('readOnlyReason: the one edit rule', () => {
  it.each([
    ['mine, draft', entry('1', 5), null],
    ['mine, rejected', entry('1', 5, ME, { approval_status: 'REJECTED' }), null],
    ['mine, submitted', entry('1', 5, ME, { approval_status: 'SUBMITTED' }), 'Submitted for approval: it can no longer be changed.'],
    ['mine, approved', entry('1', 5, ME, { approval_status: 'APPROVED' }), 'Approved: it can no longer be changed.'],
    ['someone else’s', entry('1', 5, ALEX), 'Logged by Alex: only they can change it.'],
    ['someone else’s, no name', entry('1', 5, ALEX, { created_by: { gid: ALEX.gid, name: null } }), 'Logged by someone else: only they can change it.'],
  ])('%s', (_, e, reason) => {
    expect(readOnlyReason(e, ME.gid)).toBe(reason);
  });
});

describe('groupByDate', () => {
  it('groups by day, newest first, with each day’s minutes', () => {
    const groups = groupByDate([entry('1', 10, ME, { entered_on: '2027-01-04' }), entry('2', 20, ME, { entered_on: '2027-01-06' }), entry('3', 5, ME, { entered_on: '2027-01-04' })]);
    expect(groups.map((g) => [g.date, g.minutes, g.entries.map((e) => e.gid)])).toEqual([['2027-01-06', 20, ['2']], ['2027-01-04', 15, ['1', '3']]]);
  });
});

describe('overlayEntries: a week on its way to a new status', () => {
  const week = (to: string, over: Partial<OutboxOp> = {}) =>
    op({ kind: 'timesheet.transition', targetGid: 'local-week', data: { user: ME.gid, start: '2027-01-04', to }, ...over } as never);
  const days = ['2027-01-03', '2027-01-04', '2027-01-10', '2027-01-11'];
  const mine = days.map((d, i) => entry(`2${i}`, 10, ME, { entered_on: d }));

  it('shows my entries of that week (Monday to Sunday, both ends) with the status they are about to have', () => {
    const { entries } = overlayEntries([...mine, entry('30', 10, ALEX, { entered_on: '2027-01-05' })], [week('submitted')], ctx(), () => true);
    expect(entries.map((e) => [e.entered_on, e.created_by?.name, e.approval_status])).toEqual([
      ['2027-01-03', 'Morgan', 'DRAFT'], ['2027-01-04', 'Morgan', 'SUBMITTED'], ['2027-01-10', 'Morgan', 'SUBMITTED'], ['2027-01-11', 'Morgan', 'DRAFT'],
      ['2027-01-05', 'Alex', 'DRAFT'],
    ]);
    expect(entries.filter(isLocked).map((e) => e.gid)).toEqual(['21', '22']);
  });

  it('a reviewer’s approval changes the reviewed person’s entries, and a refused transition changes nothing', () => {
    const approve = week('approved', { data: { user: ALEX.gid, start: '2027-01-04', to: 'approved' } } as never);
    const alexs = [entry('40', 10, ALEX, { entered_on: '2027-01-06', approval_status: 'SUBMITTED' })];
    expect(overlayEntries(alexs, [approve], ctx(), () => true).entries.map((e) => e.approval_status)).toEqual(['APPROVED']);
    expect(overlayEntries(alexs, [{ ...approve, state: 'failed' } as OutboxOp], ctx(), () => true).entries.map((e) => e.approval_status)).toEqual(['SUBMITTED']);
    expect(overlayEntries(alexs, [{ ...approve, user: ALEX } as OutboxOp], ctx(), () => true).entries.map((e) => e.approval_status)).toEqual(['SUBMITTED']);
  });

  it('an entry without an author is never taken for the week’s person', () => {
    const { entries } = overlayEntries([entry('50', 10, ME, { created_by: null, entered_on: '2027-01-05' })], [week('submitted')], ctx(), () => true);
    expect(entries[0]?.approval_status).toBe('DRAFT');
  });

  it('category and week ops are not entry changes, even when `include` takes every op', () => {
    const { entries } = overlayEntries([entry('71', 10)], [op({ kind: 'category.delete', targetGid: '71' }), week('draft', { targetGid: '71' })], ctx(), () => true);
    expect(entries.map((e) => e.gid)).toEqual(['71']);
  });
});

describe('overlayEntries: a waiting change, field by field', () => {
  const base = entry('11', 60, ME, { description: 'kept', billable_status: 'billable', categories: [design], attributable_to: { gid: '81', name: 'Web' }, entered_on: '2027-01-04' });
  const apply = (data: object) => overlayEntries([base], [op({ kind: 'entry.update', targetGid: '11', data } as never)], ctx(), () => true).entries[0]!;
  const fields = (e: Entry) => [e.duration_minutes, e.entered_on, e.description, e.billable_status, (e.categories ?? []).map((c) => c.gid), e.attributable_to?.gid ?? null];

  it.each([
    ['minutes', { duration_minutes: 5 }, [5, '2027-01-04', 'kept', 'billable', ['71'], '81']],
    ['day', { entered_on: '2027-01-02' }, [60, '2027-01-02', 'kept', 'billable', ['71'], '81']],
    ['note', { description: '' }, [60, '2027-01-04', '', 'billable', ['71'], '81']],
    ['billable', { billable_status: 'nonBillable' }, [60, '2027-01-04', 'kept', 'nonBillable', ['71'], '81']],
    ['category', { categories: [] }, [60, '2027-01-04', 'kept', 'billable', [], '81']],
    ['project', { attributable_to: '82' }, [60, '2027-01-04', 'kept', 'billable', ['71'], '82']],
  ])('changes the %s and nothing else', (_, data, expected) => {
    expect(fields(apply(data))).toEqual(expected);
  });

  it('names what it knows and keeps the id of what it does not', () => {
    const e = apply({ categories: ['99'], attributable_to: '82' });
    expect([e.categories, e.attributable_to]).toEqual([[{ gid: '99', name: '', color: 'none' }], { gid: '82', name: null }]);
    expect(apply({ attributable_to: '81' }).attributable_to).toEqual({ gid: '81', name: 'Web' });
  });

  it('a new entry with only minutes and a day: no note, billable unset, a draft', () => {
    const e = overlayEntries([], [op({ kind: 'entry.create', data: { duration_minutes: 30, entered_on: '2027-01-05' } })], ctx(), () => true).entries[0]!;
    expect([e.description, e.billable_status, e.approval_status, e.categories, e.attributable_to]).toEqual(['', null, 'DRAFT', [], null]);
  });

  it('a delete is undoable until the moment its window closes, not at it', () => {
    const at = (notBefore: number) => overlayEntries([base], [op({ kind: 'entry.delete', targetGid: '11', notBefore })], ctx(), () => true).undoable.length;
    expect([at(NOW + 1), at(NOW), at(NOW - 1)]).toEqual([1, 0, 0]);
  });
});

describe('byNewest', () => {
  it('orders by day, then by when logged (unknown last), then by id', () => {
    const list = [
      entry('1', 5, ME, { entered_on: '2027-01-04', created_at: '2027-01-04T09:00:00Z' }),
      entry('2', 5, ME, { entered_on: '2027-01-04', created_at: '2027-01-04T10:00:00Z' }),
      entry('3', 5, ME, { entered_on: '2027-01-05', created_at: '2027-01-05T08:00:00Z' }),
      entry('4', 5, ME, { entered_on: '2027-01-04', created_at: undefined }),
      entry('6', 5, ME, { entered_on: '2027-01-04', created_at: '2027-01-04T09:00:00Z' }),
    ];
    expect([...list].sort(byNewest).map((e) => e.gid)).toEqual(['3', '2', '6', '1', '4']);
  });
});

describe('buildTaskView with nothing cached', () => {
  it('shows my waiting entry alone and counts it as mine, even when Asana gave no author', () => {
    const view = buildTaskView(TASK, null, [op({ kind: 'entry.create' })], ctx());
    expect([view.entries.length, view.totalMinutes, view.myMinutes]).toEqual([1, 30, 30]);
    const unowned = buildTaskView(TASK, cache(entry('9', 20, ME, { created_by: null })), [], ctx());
    expect([unowned.totalMinutes, unowned.myMinutes]).toEqual([20, 0]);
  });
});

describe('overlayCategories, edge by edge', () => {
  const research: Category = { gid: '72', name: 'Research', color: 'aqua', is_archived: false };
  const legacy: Category = { gid: '73', name: 'Legacy', color: 'cool-gray', is_archived: true };
  const run = (ops: OutboxOp[]) => overlayCategories([design, research], [legacy], ops, ME, '3003');
  const names = (r: ReturnType<typeof run>) => [r.active.map((c) => `${c.name}:${c.color}:${c.pending}`), r.archived.map((c) => `${c.name}:${c.pending}`)];

  it('untouched categories are not pending', () => {
    expect(names(run([]))).toEqual([['Design:purple:false', 'Research:aqua:false'], ['Legacy:false']]);
  });

  it('a recolour keeps the name and the place; a rename keeps the colour', () => {
    expect(names(run([op({ kind: 'category.update', targetGid: '72', data: { color: 'red' } })]))).toEqual([['Design:purple:false', 'Research:red:true'], ['Legacy:false']]);
    expect(names(run([op({ kind: 'category.update', targetGid: '71', data: { name: 'UX' } })]))).toEqual([['Research:aqua:false', 'UX:purple:true'], ['Legacy:false']]);
  });

  it('a refused create is not shown, and a change behind a refused one waits with it', () => {
    const refused = op({ kind: 'category.create', state: 'failed', data: { name: 'Offsite', color: 'blue' } });
    const behind = op({ kind: 'category.update', targetGid: refused.targetGid, data: { name: 'Away' } });
    const r = run([refused, behind, op({ kind: 'category.update', targetGid: '72', state: 'failed', data: { name: 'R&D' } })]);
    expect(names(r)).toEqual([['Design:purple:false', 'Research:aqua:false'], ['Legacy:false']]);
    expect([r.waiting, r.failed.length]).toEqual([0, 3]);
  });

  it('a delete removes an archived category too; a change to an unknown one is ignored', () => {
    expect(names(run([op({ kind: 'category.delete', targetGid: '73' }), op({ kind: 'category.update', targetGid: '99', data: { name: 'Ghost' } })]))).toEqual([
      ['Design:purple:false', 'Research:aqua:false'], [],
    ]);
  });

  it('waiting entry changes in the same workspace are not category changes', () => {
    const r = run([op({ kind: 'entry.create' }), op({ kind: 'entry.delete', targetGid: '71' })]);
    expect([names(r), r.waiting]).toEqual([[['Design:purple:false', 'Research:aqua:false'], ['Legacy:false']], 0]);
  });
});

describe('readOnlyReason signed out', () => {
  it('does not call anyone else’s entry theirs when nobody is signed in; only the lock applies', () => {
    expect(readOnlyReason(entry('1', 5, ALEX), null)).toBeNull();
    expect(readOnlyReason(entry('1', 5, ALEX, { created_by: null }), ME.gid)).toBeNull();
  });
});

describe('buildTaskView on a task larger than its summary', () => {
  // 60 entries: the summary holds the newest 50; entry "old" is beyond them.
  const many = Array.from({ length: 59 }, (_, i) => entry(String(3000 + i), 10, i % 2 ? ALEX : ME, { entered_on: '2027-01-20', created_at: `2027-01-20T10:${String(i).padStart(2, '0')}:00.000Z` }));
  const old = entry('2999', 40, ME, { entered_on: '2026-12-01', created_at: '2026-12-01T09:00:00.000Z' });
  const big = cache(...many, old);

  it('takes its totals from the summary, not from the entries at hand', () => {
    const view = buildTaskView(TASK, big, [], ctx());
    expect([view.entries.length, view.count, view.totalMinutes, view.myMinutes]).toEqual([50, 60, 59 * 10 + 40, 30 * 10 + 40]);
  });

  it('moves them by my waiting changes, an edit or delete beyond the summary by the minutes the op noted', () => {
    const ops = [
      op({ kind: 'entry.create', data: { duration_minutes: 25, entered_on: '2027-01-21' } }),
      op({ kind: 'entry.update', targetGid: old.gid, data: { duration_minutes: 100 }, baseMinutes: 40 } as never),
      op({ kind: 'entry.delete', targetGid: many[58]!.gid }), // in the summary's head
    ];
    const view = buildTaskView(TASK, big, ops, ctx());
    expect([view.count, view.totalMinutes, view.myMinutes]).toEqual([60 + 1 - 1, 630 + 25 + 60 - 10, 340 + 25 + 60 - 10]);
  });

  it('with the entry at hand (a page read beyond the summary), its minutes there count, and it shows the change', () => {
    const ops = [op({ kind: 'entry.update', targetGid: old.gid, data: { duration_minutes: 100 } })];
    const view = buildTaskView(TASK, big, ops, ctx(), [old]);
    expect([view.totalMinutes, view.entries.find((e) => e.gid === old.gid)?.duration_minutes]).toEqual([690, 100]);
  });

  it('a refused change, and what waits behind it, move nothing', () => {
    const refused = op({ kind: 'entry.update', targetGid: old.gid, state: 'failed', data: { duration_minutes: 100 }, baseMinutes: 40 } as never);
    const behind = op({ kind: 'entry.delete', targetGid: old.gid, baseMinutes: 40 } as never);
    const view = buildTaskView(TASK, big, [refused, behind], ctx());
    expect([view.count, view.totalMinutes, view.failed.length]).toEqual([60, 630, 2]);
  });

  it('an edit that keeps the minutes, or whose base is unknown, moves no minutes', () => {
    const view = buildTaskView(TASK, big, [op({ kind: 'entry.update', targetGid: old.gid, data: { description: 'x' } }), op({ kind: 'entry.update', targetGid: '1', data: { duration_minutes: 5 } })], ctx());
    expect(view.totalMinutes).toBe(630);
  });
});
