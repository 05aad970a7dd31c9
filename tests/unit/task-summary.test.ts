/**
 * A task's summary (lib/task-summary.ts): its totals and newest entries, kept right by each
 * change alone, without the full list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '@/lib/asana/schemas';
import { HEAD_ENTRIES } from '@/lib/storage/keys';
import { applyToList, applyToSummary, emptySummary, newestFirst, summaryOf } from '@/lib/task-summary';

const META = { fetchedAt: 1, checkedAt: 1, info: null, error: null };
const entry = (gid: string, minutes: number, day: number, by: string | null = '7'): Entry => ({
  gid, duration_minutes: minutes, entered_on: `2027-01-${String(day).padStart(2, '0')}`, created_by: by ? { gid: by, name: `U${by}` } : null,
  categories: [], attributable_to: null, description: '', approval_status: 'DRAFT', created_at: `2027-01-${String(day).padStart(2, '0')}T09:00:00.000Z`,
});

describe('summaryOf', () => {
  it('totals every entry, by author, and keeps the newest first', () => {
    const all = newestFirst([entry('1', 30, 3), entry('2', 45, 5, '8'), entry('3', 15, 4), entry('4', 10, 2, null)]);
    const s = summaryOf('9', all, META);
    expect([s.count, s.totalMinutes, s.head.map((e) => e.gid)]).toEqual([4, 100, ['2', '3', '1', '4']]);
    expect(s.authors).toEqual({ 7: { count: 2, minutes: 45 }, 8: { count: 1, minutes: 45 }, '': { count: 1, minutes: 10 } });
  });
  it(`holds ${HEAD_ENTRIES} entries at most`, () => {
    const many = newestFirst(Array.from({ length: HEAD_ENTRIES + 7 }, (_, i) => entry(String(100 + i), 5, 1 + (i % 28))));
    const s = summaryOf('9', many, META);
    expect([s.count, s.head.length, s.head[0]]).toEqual([HEAD_ENTRIES + 7, HEAD_ENTRIES, many[0]]);
  });
});

describe('applyToSummary follows the full list exactly, one change at a time', () => {
  // A random task, then random creates, edits and deletes: the summary kept by changes alone has
  // the full list's totals, and its head is always the start of the full list.
  const change = fc.record({ kind: fc.constantFrom('create', 'update', 'delete'), pick: fc.nat(), minutes: fc.integer({ min: 1, max: 600 }), day: fc.integer({ min: 1, max: 28 }), by: fc.constantFrom('7', '8', null) });
  it('totals, authors and head, against summaryOf of the list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: HEAD_ENTRIES + 30 }), fc.array(change, { maxLength: 60 }), (size, changes) => {
        let list = newestFirst(Array.from({ length: size }, (_, i) => entry(String(1000 + i), 5 + (i % 50), 1 + (i % 28), i % 3 ? '7' : '8')));
        let summary = summaryOf('9', list, META);
        let next = 5000;
        for (const c of changes) {
          const target = list.length ? list[c.pick % list.length]! : null;
          let before: Entry | null = null;
          let after: Entry | null = null;
          if (c.kind === 'create' || !target) after = entry(String(next++), c.minutes, c.day, c.by);
          else if (c.kind === 'update') [before, after] = [target, { ...target, duration_minutes: c.minutes, entered_on: entry('x', 1, c.day).entered_on }];
          else before = target;
          list = applyToList(list, before, after);
          summary = applyToSummary(summary, before, after);
          const truth = summaryOf('9', list, META);
          expect([summary.count, summary.totalMinutes, summary.authors]).toEqual([truth.count, truth.totalMinutes, truth.authors]);
          expect(summary.head).toEqual(list.slice(0, summary.head.length));
          expect(summary.head.length).toBeLessThanOrEqual(HEAD_ENTRIES);
          if (list.length <= HEAD_ENTRIES && size <= HEAD_ENTRIES) expect(summary.head.length).toBe(list.length);
        }
      }),
      { seed: 20_261_201, numRuns: 300 },
    );
  });

  it('a new entry newer than the head goes in at the top; an older one beyond a full head is not the summary’s', () => {
    const list = newestFirst(Array.from({ length: HEAD_ENTRIES + 5 }, (_, i) => entry(String(100 + i), 10, 10 + (i % 15))));
    const s = summaryOf('9', list, META);
    const newest = applyToSummary(s, null, entry('900', 20, 28));
    expect([newest.head[0]!.gid, newest.head.length, newest.count, newest.totalMinutes]).toEqual(['900', HEAD_ENTRIES, s.count + 1, s.totalMinutes + 20]);
    const oldest = applyToSummary(s, null, entry('901', 20, 1));
    expect([oldest.head, oldest.count]).toEqual([s.head, s.count + 1]);
  });

  it('the last entry of an author takes the author off the list', () => {
    const s = summaryOf('9', [entry('1', 30, 3, '8')], META);
    expect(applyToSummary(s, s.head[0]!, null)).toMatchObject({ count: 0, totalMinutes: 0, authors: {}, head: [] });
    expect(applyToSummary(emptySummary('9'), null, entry('2', 5, 1))).toMatchObject({ count: 1, totalMinutes: 5, head: [{ gid: '2' }] });
  });
});

describe('applyToSummary, told of an entry it already holds as new', () => {
  it('changes it in place: shown once, counted once (a caller that missed it in the full list)', () => {
    const s = summaryOf('9', newestFirst([entry('1', 30, 3), entry('2', 45, 5)]), META);
    const edited = { ...entry('2', 60, 4), description: 'edited' };
    const next = applyToSummary(s, null, edited);
    expect(next.head.map((e) => [e.gid, e.duration_minutes])).toEqual([['2', 60], ['1', 30]]);
    expect([next.count, next.totalMinutes, next.authors['7']]).toEqual([2, 90, { count: 2, minutes: 90 }]);
  });
});
