/**
 * CSV export of time entries: RFC 4180 text (fields with a comma, quote, CR or LF quoted, quotes
 * doubled, CRLF after every record), UTF-8 with a byte-order mark so that Excel reads accents and
 * emoji correctly, and one row per entry with the columns a timesheet or an invoice needs.
 */
import type { Entry } from './asana/schemas';
import { decimalHours, sortEntries } from './timesheet';

/** The UTF-8 byte-order mark, as a character: it becomes EF BB BF when the text is encoded. */
export const CSV_BOM = '\uFEFF';

/**
 * A spreadsheet treats a cell starting with = + - or @ as a formula (CSV injection: a task named
 * `=HYPERLINK(...)` could run as one when the file is opened). Such text gets a leading single
 * quote, which spreadsheets show as text; tab and carriage return are included because Excel
 * skips them before looking for a formula (OWASP's advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text made safe to open in a spreadsheet: a leading `'` when it could start a formula. */
export function protectFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One field as RFC 4180 wants it. Text is protected against formulas first; numbers are written
 * as they are (they never start a formula: minutes and hours are not negative).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : protectFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records as CSV text, each ended by CRLF. No BOM: see {@link CSV_BOM}. */
export function toCsv(records: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return records.map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
}

/** The link that opens a task in Asana, whatever project it is in. */
export const taskLink = (taskGid: string): string => `https://app.asana.com/0/0/${taskGid}`;

export const TIMESHEET_CSV_HEADER = [
  'Task', 'Task link', 'Project', 'Date', 'Minutes', 'Hours', 'Category', 'Billable status', 'Approval status', 'Description', 'Author',
] as const;

/**
 * One record per entry, in reading order (date, task, time logged). Billable and approval
 * statuses are Asana's own values (`billable`, `APPROVED`…) so that the file can be matched
 * against Asana's reports and API.
 */
export function timesheetRecords(entries: readonly Entry[]): Array<Array<string | number>> {
  return sortEntries(entries).map((e) => [
    e.task?.name ?? '',
    e.task?.gid ? taskLink(e.task.gid) : '',
    e.attributable_to?.name ?? '',
    e.entered_on,
    e.duration_minutes,
    decimalHours(e.duration_minutes),
    e.categories?.[0]?.name ?? '',
    e.billable_status ?? '',
    e.approval_status ?? '',
    e.description ?? '',
    e.created_by?.name ?? '',
  ]);
}

/** The whole file: BOM, header and one record per entry. */
export function timesheetCsv(entries: readonly Entry[]): string {
  return CSV_BOM + toCsv([[...TIMESHEET_CSV_HEADER], ...timesheetRecords(entries)]);
}

/** `asana-time-2026-11-16.csv`: the file name names the week it holds. */
export const timesheetFileName = (weekStart: string): string => `asana-time-${weekStart}.csv`;
