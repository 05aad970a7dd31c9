import { describe, expect, it } from 'vitest';
import type { Entry } from '@/lib/asana/schemas';
import { CSV_BOM, TIMESHEET_CSV_HEADER, csvField, protectFormula, taskLink, timesheetCsv, timesheetFileName, timesheetRecords, toCsv } from '@/lib/csv';
import { parseCsv } from '../support/parse-csv';

const entry = (over: Partial<Entry> = {}): Entry => ({
  gid: '900',
  duration_minutes: 90,
  entered_on: '2026-11-16',
  attributable_to: { gid: '10', name: 'Website Redesign' },
  created_by: { gid: '1', name: 'Morgan Avery' },
  categories: [{ gid: '20', name: 'Development', color: 'blue' }],
  billable_status: 'billable',
  description: 'Pairing',
  approval_status: 'DRAFT',
  created_at: '2026-11-16T09:00:00.000Z',
  task: { gid: '30', name: 'Fix the login' },
  ...over,
});

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['crlf\r\nend', '"crlf\r\nend"'],
    ['café ☕ 日本', 'café ☕ 日本'],
    ['  spaces kept  ', '  spaces kept  '],
    [90, '90'],
    [0, '0'],
    [null, ''],
    [undefined, ''],
  ] as const)('%j → %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1 555 0100', "'+1 555 0100"],
    ['-5 min fix', "'-5 min fix"],
    ['@cmd', "'@cmd"],
    ['\tTabbed', "'\tTabbed"],
    ['a = b', 'a = b'],
    ["'quoted", "'quoted"],
  ])('protects formula-like text %j → %j', (input, expected) => {
    expect(protectFormula(input)).toBe(expected);
  });

  it('protects first, then quotes, so the quote is inside the quoted field', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });
});

describe('toCsv', () => {
  it.each([
    [[['a', 'b']], 'a,b\r\n'],
    [[['a'], ['b']], 'a\r\nb\r\n'],
    [[['', '']], ',\r\n'],
    [[], ''],
  ])('%j', (records, expected) => {
    expect(toCsv(records)).toBe(expected);
  });

  it('reads back as it was written, whatever the text', () => {
    const records = [['x,y', 'say "hi"', 'two\r\nlines', 'ünïcode 🚀', '', 'a\nb']];
    expect(parseCsv(toCsv(records))).toEqual(records);
  });
});

describe('timesheet CSV', () => {
  it('has one record per entry with every column', () => {
    expect(timesheetRecords([entry()])).toEqual([
      ['Fix the login', 'https://app.asana.com/0/0/30', 'Website Redesign', '2026-11-16', 90, '1.50', 'Development', 'billable', 'DRAFT', 'Pairing', 'Morgan Avery'],
    ]);
  });

  it.each([
    [1, '0.02'],
    [15, '0.25'],
    [20, '0.33'],
    [45, '0.75'],
    [60, '1.00'],
    [100, '1.67'],
    [1440, '24.00'],
  ])('%i minutes are %s hours', (minutes, hours) => {
    expect(timesheetRecords([entry({ duration_minutes: minutes })])[0]![5]).toBe(hours);
  });

  it('leaves missing project, category, statuses, description and author empty', () => {
    const bare = entry({ attributable_to: null, categories: [], billable_status: null, approval_status: null, description: null, created_by: null });
    expect(timesheetRecords([bare])[0]).toEqual(['Fix the login', 'https://app.asana.com/0/0/30', '', '2026-11-16', 90, '1.50', '', '', '', '', '']);
  });

  it('leaves the task columns empty for an entry without a task, and the category for null categories', () => {
    expect(timesheetRecords([entry({ task: null, categories: null })])[0]).toEqual(['', '', 'Website Redesign', '2026-11-16', 90, '1.50', '', 'billable', 'DRAFT', 'Pairing', 'Morgan Avery']);
  });

  it('orders records by date, then task name', () => {
    const records = timesheetRecords([
      entry({ gid: '3', entered_on: '2026-11-17', task: { gid: '31', name: 'A task' } }),
      entry({ gid: '2', entered_on: '2026-11-16', task: { gid: '32', name: 'B task' } }),
      entry({ gid: '1', entered_on: '2026-11-16', task: { gid: '31', name: 'A task' } }),
    ]);
    expect(records.map((r) => `${r[3]} ${r[0]}`)).toEqual(['2026-11-16 A task', '2026-11-16 B task', '2026-11-17 A task']);
  });

  it('is UTF-8 with BOM, CRLF, quoted where needed and protected against formulas', () => {
    const text = timesheetCsv([
      entry({ description: 'Client call, then "notes"\nsecond line', task: { gid: '30', name: '=cmd|calc' } }),
    ]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect([...new TextEncoder().encode(text).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...TIMESHEET_CSV_HEADER]);
    expect(rows[1]![0]).toBe("'=cmd|calc");
    expect(rows[1]![9]).toBe('Client call, then "notes"\nsecond line');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('has only the header for no entries', () => {
    expect(timesheetCsv([])).toBe(`${CSV_BOM}${TIMESHEET_CSV_HEADER.join(',')}\r\n`);
  });

  it('names the file and the task link', () => {
    expect(timesheetFileName('2026-11-16')).toBe('asana-time-2026-11-16.csv');
    expect(taskLink('1209173527104567')).toBe('https://app.asana.com/0/0/1209173527104567');
  });
});
