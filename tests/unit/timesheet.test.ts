import { describe, expect, it } from 'vitest';
import type { Category, Entry } from '@/lib/asana/schemas';
import {
  NO_CATEGORY, buildGrid, categoryKeyOf, decimalHours, filterByCategory, hourTicks, isLocked, readTimesheetQuery, sortEntries, stackByCategory,
  timesheetQueryParams, weekDays,
} from '@/lib/timesheet';

const DEV: Category = { gid: '20', name: 'Development', color: 'blue' };
const MEET: Category = { gid: '21', name: 'Meetings', color: 'yellow' };
const OLD: Category = { gid: '22', name: 'Legacy', color: 'cool-gray' };

let next = 100;
const entry = (over: Partial<Entry> = {}): Entry => ({
  gid: String(next++),
  duration_minutes: 60,
  entered_on: '2026-11-16',
  attributable_to: null,
  created_by: { gid: '1', name: 'Me' },
  categories: [],
  billable_status: 'notApplicable',
  description: '',
  approval_status: 'DRAFT',
  created_at: '2026-11-16T09:00:00.000Z',
  task: { gid: '30', name: 'Task A' },
  ...over,
});

const WEEK = weekDays('2026-11-30');

describe('readTimesheetQuery', () => {
  const read = (hash: string, firstDay = 1) => readTimesheetQuery(new URLSearchParams(hash), '2026-12-02', firstDay);

  it.each([
    ['', 1, '2026-11-30'], // no week: today's week
    ['', 0, '2026-11-29'], // Sunday-first locale
    ['week=2026-11-16', 1, '2026-11-16'],
    ['week=2026-11-19', 1, '2026-11-16'], // any day of the week means its week
    ['week=2026-11-19', 0, '2026-11-15'],
    ['week=2026-11-19', 6, '2026-11-14'], // Saturday-first locale
    ['week=2026-02-30', 1, '2026-11-30'], // not a date: today's week
    ['week=nonsense', 1, '2026-11-30'],
    ['week=2027-01-01', 1, '2026-12-28'], // across a year end
  ])('%s (first day %i) → week of %s', (hash, firstDay, week) => {
    expect(read(hash, firstDay).week).toBe(week);
  });

  it.each([
    ['project=123&portfolio=456&category=789&user=42', { project: '123', portfolio: '456', category: '789', user: '42' }],
    ['category=none', { project: null, portfolio: null, category: NO_CATEGORY, user: null }],
    ['project=abc&portfolio=&category=<b>&user=me', { project: null, portfolio: null, category: null, user: null }],
    ['', { project: null, portfolio: null, category: null, user: null }],
  ])('filters from %s', (hash, filters) => {
    expect(read(hash)).toEqual({ week: '2026-11-30', ...filters });
  });

  it('writes back only what is set, and reads back the same', () => {
    const query = { week: '2026-11-16', project: '123', portfolio: null, category: NO_CATEGORY, user: null };
    const params = timesheetQueryParams(query);
    expect(params).toEqual({ week: '2026-11-16', project: '123', portfolio: undefined, category: 'none', user: undefined });
    const search = new URLSearchParams(Object.entries(params).filter((kv): kv is [string, string] => kv[1] !== undefined));
    expect(readTimesheetQuery(search, '2026-12-02', 1)).toEqual(query);
  });
});

describe('weekDays', () => {
  it('spans month and year ends', () => {
    expect(weekDays('2026-11-30')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(weekDays('2026-12-28').slice(-3)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
  });
});

describe('isLocked', () => {
  it.each([
    ['DRAFT', false],
    ['REJECTED', false],
    ['SUBMITTED', true],
    ['APPROVED', true],
    [null, false],
    [undefined, false],
  ])('%s → %s', (status, locked) => {
    expect(isLocked({ approval_status: status })).toBe(locked);
  });
});

describe('category filter', () => {
  const dev = entry({ categories: [DEV] });
  const meet = entry({ categories: [MEET] });
  const none = entry({ categories: [] });
  const nulls = entry({ categories: null });
  it.each([
    [null, [dev, meet, none, nulls]],
    ['20', [dev]],
    ['21', [meet]],
    [NO_CATEGORY, [none, nulls]],
    ['99', []],
  ])('%s', (category, kept) => {
    expect(filterByCategory([dev, meet, none, nulls], category)).toEqual(kept);
  });
  it('keys entries by category', () => {
    expect([dev, none, nulls].map(categoryKeyOf)).toEqual(['20', NO_CATEGORY, NO_CATEGORY]);
  });
});

describe('buildGrid', () => {
  it('has an empty grid for no entries', () => {
    expect(buildGrid([], WEEK)).toEqual({ days: WEEK, rows: [], dayTotals: [0, 0, 0, 0, 0, 0, 0], total: 0 });
  });

  it('sums rows, columns and the grand total', () => {
    const a1 = entry({ entered_on: '2026-11-30', duration_minutes: 30, task: { gid: '1', name: 'Beta' } });
    const a2 = entry({ entered_on: '2026-11-30', duration_minutes: 45, task: { gid: '1', name: 'Beta' } });
    const a3 = entry({ entered_on: '2026-12-01', duration_minutes: 60, task: { gid: '1', name: 'Beta' } });
    const b1 = entry({ entered_on: '2026-12-06', duration_minutes: 15, task: { gid: '2', name: 'Alpha' }, approval_status: 'SUBMITTED' });
    const outside = entry({ entered_on: '2026-12-07', duration_minutes: 999 });
    const grid = buildGrid([a1, a2, a3, b1, outside], WEEK);
    expect(grid.rows.map((r) => [r.taskName, r.cells.map((c) => c.minutes), r.total])).toEqual([
      ['Alpha', [0, 0, 0, 0, 0, 0, 15], 15],
      ['Beta', [75, 60, 0, 0, 0, 0, 0], 135],
    ]);
    expect(grid.dayTotals).toEqual([75, 60, 0, 0, 0, 0, 15]);
    expect(grid.total).toBe(150);
    expect(grid.rows[1]!.cells[0]!.entries).toEqual([a1, a2]);
    expect(grid.rows[0]!.cells[6]!.locked).toBe(1);
    expect(grid.rows[1]!.cells[0]!.locked).toBe(0);
  });

  it('keeps two tasks with the same name apart', () => {
    const grid = buildGrid([entry({ task: { gid: '1', name: 'Same' }, entered_on: '2026-11-30' }), entry({ task: { gid: '2', name: 'Same' }, entered_on: '2026-11-30' })], WEEK);
    expect(grid.rows.map((r) => r.taskGid)).toEqual(['1', '2']);
  });

  it('names a task without a name', () => {
    expect(buildGrid([entry({ task: { gid: '1', name: '' }, entered_on: '2026-11-30' })], WEEK).rows[0]!.taskName).toBe('Untitled task');
  });
});

describe('stackByCategory', () => {
  it('stacks each day in the workspace order of categories, "No category" last', () => {
    const entries = [
      entry({ entered_on: '2026-11-30', duration_minutes: 30, categories: [] }),
      entry({ entered_on: '2026-11-30', duration_minutes: 60, categories: [MEET] }),
      entry({ entered_on: '2026-11-30', duration_minutes: 15, categories: [DEV] }),
      entry({ entered_on: '2026-12-01', duration_minutes: 45, categories: [DEV] }),
      entry({ entered_on: '2026-12-01', duration_minutes: 45, categories: [DEV] }),
      entry({ entered_on: '2026-12-02', duration_minutes: 20, categories: [OLD] }), // archived: not in the list
    ];
    const { series, stacks } = stackByCategory(entries, WEEK, [DEV, MEET]);
    expect(series).toEqual([
      { key: '20', name: 'Development', color: 'blue', total: 105 },
      { key: '21', name: 'Meetings', color: 'yellow', total: 60 },
      { key: '22', name: 'Legacy', color: 'cool-gray', total: 20 },
      { key: NO_CATEGORY, name: 'No category', color: 'none', total: 30 },
    ]);
    expect(stacks[0]).toEqual({ date: '2026-11-30', total: 105, segments: [{ key: '20', minutes: 15 }, { key: '21', minutes: 60 }, { key: NO_CATEGORY, minutes: 30 }] });
    expect(stacks[1]).toEqual({ date: '2026-12-01', total: 90, segments: [{ key: '20', minutes: 90 }] });
    expect(stacks[2]!.segments).toEqual([{ key: '22', minutes: 20 }]);
    expect(stacks[3]).toEqual({ date: '2026-12-03', total: 0, segments: [] });
  });
});

describe('hourTicks', () => {
  it.each([
    [0, [0, 60]],
    [30, [0, 60]],
    [60, [0, 60]],
    [61, [0, 60, 120]],
    [4 * 60, [0, 60, 120, 180, 240]],
    [7.5 * 60, [0, 120, 240, 360, 480]],
    [8 * 60, [0, 120, 240, 360, 480]],
    [9 * 60, [0, 240, 480, 720]],
    [24 * 60, [0, 360, 720, 1080, 1440]],
  ])('%i min → %j', (max, ticks) => {
    expect(hourTicks(max)).toEqual(ticks);
  });
});

describe('decimalHours', () => {
  it.each([
    [0, '0.00'],
    [1, '0.02'],
    [90, '1.50'],
    [125, '2.08'],
  ])('%i → %s', (minutes, hours) => {
    expect(decimalHours(minutes)).toBe(hours);
  });
});

describe('readTimesheetQuery takes only whole gids', () => {
  it.each([['x123'], ['123x'], ['12 3'], ['123456789012345678901'], ['-1']])('project=%s is ignored', (gid) => {
    expect(readTimesheetQuery(new URLSearchParams({ project: gid }), '2026-12-02', 1).project).toBeNull();
  });
  it('keeps a 20-digit gid', () => {
    expect(readTimesheetQuery(new URLSearchParams({ project: '12345678901234567890' }), '2026-12-02', 1).project).toBe('12345678901234567890');
  });
});

describe('sortEntries', () => {
  const at = (gid: string, over: Partial<Entry>) => entry({ gid, entered_on: '2026-11-16', ...over });
  it.each([
    ['the date first', [at('1', { entered_on: '2026-11-17', task: { gid: '1', name: 'A' } }), at('2', { entered_on: '2026-11-16', task: { gid: '2', name: 'B' } })], ['2', '1']],
    ['then the task name', [at('1', { task: { gid: '1', name: 'B' } }), at('2', { task: { gid: '2', name: 'A' } })], ['2', '1']],
    ['a task without a name first', [at('1', { task: { gid: '1', name: 'A' } }), at('2', { task: null })], ['2', '1']],
    ['then when it was logged', [at('1', { created_at: '2026-11-16T10:00:00.000Z' }), at('2', { created_at: '2026-11-16T09:00:00.000Z' })], ['2', '1']],
    ['not yet logged first', [at('1', { created_at: '2026-11-16T10:00:00.000Z' }), at('2', { created_at: null })], ['2', '1']],
    ['then the gid', [at('2', {}), at('1', {})], ['1', '2']],
  ])('%s', (_, entries, order) => {
    expect(sortEntries(entries).map((e) => e.gid)).toEqual(order);
    expect(sortEntries([...entries].reverse()).map((e) => e.gid)).toEqual(order);
  });
  it('leaves its input alone', () => {
    const entries = [at('2', {}), at('1', {})];
    sortEntries(entries);
    expect(entries.map((e) => e.gid)).toEqual(['2', '1']);
  });
});

describe('buildGrid with odd entries', () => {
  it('puts entries without a task in one "Untitled task" row', () => {
    const grid = buildGrid([entry({ task: null, entered_on: '2026-11-30', duration_minutes: 5 }), entry({ task: null, entered_on: '2026-12-01', duration_minutes: 7 })], WEEK);
    expect(grid.rows.map((r) => [r.taskGid, r.taskName, r.total])).toEqual([['', 'Untitled task', 12]]);
  });
  it('sorts each cell in reading order', () => {
    const late = entry({ gid: '9', entered_on: '2026-11-30', created_at: '2026-11-30T12:00:00.000Z' });
    const early = entry({ gid: '8', entered_on: '2026-11-30', created_at: '2026-11-30T08:00:00.000Z' });
    expect(buildGrid([late, early], WEEK).rows[0]!.cells[0]!.entries).toEqual([early, late]);
  });
});

describe('stackByCategory names and colours', () => {
  it.each([
    ['the entry\'s own name and colour', { gid: '20', name: 'Dev (renamed)', color: 'green' }, [DEV], { name: 'Dev (renamed)', color: 'green' }],
    ['the workspace list for what the entry lacks', { gid: '20', name: '', color: null }, [DEV], { name: 'Development', color: 'blue' }],
    ['placeholders for a category known nowhere', { gid: '29', name: '', color: null }, [DEV], { name: 'Unnamed category', color: 'none' }],
  ] as const)('uses %s', (_, category, known, expected) => {
    const { series } = stackByCategory([entry({ entered_on: '2026-11-30', categories: [category as Category] })], WEEK, known);
    expect(series).toEqual([{ key: category.gid, total: 60, ...expected }]);
  });

  it('treats entries without categories (null) as "No category", and skips days outside the week', () => {
    const { series, stacks } = stackByCategory([entry({ entered_on: '2026-11-30', categories: null }), entry({ entered_on: '2026-12-07', categories: [DEV] })], WEEK, [DEV]);
    expect(series).toEqual([{ key: NO_CATEGORY, name: 'No category', color: 'none', total: 60 }]);
    expect(stacks.map((s) => s.total)).toEqual([60, 0, 0, 0, 0, 0, 0]);
  });

  it('orders unlisted categories by name after the listed ones', () => {
    const zeta: Category = { gid: '31', name: 'Zeta', color: 'red' };
    const alpha: Category = { gid: '32', name: 'Alpha', color: 'red' };
    const { series } = stackByCategory([zeta, alpha, MEET, DEV].map((c) => entry({ entered_on: '2026-11-30', categories: [c] })), WEEK, [MEET, DEV]);
    expect(series.map((s) => s.key)).toEqual(['21', '20', '32', '31']);
  });

  it('puts "No category" last, even after names that sort after it', () => {
    const zeta: Category = { gid: '31', name: 'Zeta', color: 'red' };
    const { series } = stackByCategory([entry({ entered_on: '2026-11-30', categories: [] }), entry({ entered_on: '2026-11-30', categories: [zeta] })], WEEK, [DEV]);
    expect(series.map((s) => s.name)).toEqual(['Zeta', 'No category']);
  });
});

describe('hourTicks beyond a day', () => {
  it.each([
    [48 * 60, [0, 720, 1440, 2160, 2880]],
    [100 * 60, [0, 1500, 3000, 4500, 6000]], // past 4 × 24 h: a quarter of the maximum
    [200 * 60, [0, 3000, 6000, 9000, 12000]],
    [-30, [0, 60]],
  ])('%i min → %j', (max, ticks) => {
    expect(hourTicks(max)).toEqual(ticks);
  });
});
