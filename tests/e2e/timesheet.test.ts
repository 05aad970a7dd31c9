/**
 * The timesheet tab ("My week", issue 6) in the built extension against the seeded sandbox. The
 * sandbox's "today" is fixed (a Wednesday whose week spans November and December), and every
 * expected figure is computed from `h.sandbox.world`, never written down.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, weekOf } from '../../lib/dates';
import { formatClock } from '../../lib/duration';
import type { EntryRecord } from '../sandbox/index.ts';
import { parseCsv } from '../support/parse-csv';
import { Harness } from './harness';

const TODAY = '2026-12-02';
const GRID = 'Time by task and day (hours:minutes)';

let h: Harness;
let days: string[];
let me: string;

beforeAll(async () => {
  h = await Harness.launch({ connect: true, sandbox: { today: TODAY } });
  me = h.sandbox.seed.users.me.gid;
  // Asana's approval weeks, Monday to Sunday, whatever the locale's first weekday (en-US: Sunday).
  days = weekOf(TODAY, 1);
});
afterAll(async () => h?.close());

// ---- expectations, from what the sandbox stores --------------------------------------------

const shift = (week: string[], weeks: number) => week.map((d) => addDays(d, 7 * weeks));

/** The entries the timesheet should show: the user's, in the main workspace, in the week. */
function stored(week: string[], filter: (e: EntryRecord) => boolean = () => true, user = me): EntryRecord[] {
  const w = h.sandbox.world;
  const ws = h.sandbox.seed.workspaces.main.gid;
  return [...w.entries.values()].filter((e) => e.created_by === user && week.includes(e.entered_on) && w.tasks.get(e.task)?.workspace === ws && filter(e));
}

interface GridText {
  days: string[];
  rows: Array<{ gid: string; name: string; cells: string[] }>;
  totals: string[];
}

/** The grid as the sandbox says it should read: rows by task gid, blank cells without time. */
function expectedGrid(entries: EntryRecord[], week: string[]): GridText {
  const byTask = new Map<string, number[]>();
  for (const e of entries) {
    const row = byTask.get(e.task) ?? week.map(() => 0);
    row[week.indexOf(e.entered_on)]! += e.duration_minutes;
    byTask.set(e.task, row);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const rows = [...byTask.entries()]
    .map(([gid, mins]) => ({ gid, name: h.sandbox.world.tasks.get(gid)!.name, cells: [...mins.map((m) => (m ? formatClock(m) : '')), formatClock(sum(mins))] }))
    .sort((a, b) => (a.gid < b.gid ? -1 : 1));
  const perDay = week.map((d) => sum(entries.filter((e) => e.entered_on === d).map((e) => e.duration_minutes)));
  return { days: week, rows, totals: [...perDay.map(formatClock), formatClock(sum(perDay))] };
}

/** What the page's grid shows, read from the table the user sees. */
async function readGrid(page: Page): Promise<GridText> {
  const table = page.getByRole('table', { name: GRID });
  await table.waitFor();
  const text = await table.evaluate((t: HTMLTableElement) => ({
    days: [...t.tHead!.rows[0]!.cells].slice(1, -1).map((c) => c.querySelector('time')?.getAttribute('datetime') ?? ''),
    rows: [...t.tBodies[0]!.rows].map((r) => ({
      gid: r.querySelector('th a')!.getAttribute('href')!.split('/').pop()!,
      name: r.querySelector('th a')!.textContent!.trim(),
      cells: [...r.cells].slice(1).map((c) => c.textContent!.trim()),
    })),
    totals: [...t.tFoot!.rows[0]!.cells].slice(1).map((c) => c.textContent!.trim()),
  }));
  text.rows.sort((a, b) => (a.gid < b.gid ? -1 : 1));
  return text;
}

/** Polls until the grid reads as expected (a re-query may still be on its way). */
async function expectGrid(page: Page, entries: () => EntryRecord[], week: string[]) {
  await expect.poll(async () => readGrid(page), { timeout: 15_000 }).toEqual(expectedGrid(entries(), week));
}

// vitest's expect has no locator matchers: these wait the way Playwright's would.
const visible = (l: Locator) => l.first().waitFor({ state: 'visible', timeout: 15_000 });
const countOf = (l: Locator) => expect.poll(() => l.count(), { timeout: 15_000 });
const textOf = (l: Locator) => expect.poll(async () => (await l.textContent())?.trim(), { timeout: 15_000 });
const hashOfPage = (page: Page) => expect.poll(() => page.evaluate(() => location.hash), { timeout: 15_000 });

const hashOf = (week: string[], extra: Record<string, string> = {}) => `#timesheet?${new URLSearchParams({ week: week[0]!, ...extra })}`;

async function openWeek(week: string[], extra: Record<string, string> = {}): Promise<Page> {
  return h.openOptions(hashOf(week, extra));
}

/** A grid cell's button: the task's row, the day's column. */
function cellButton(page: Page, taskName: string, week: string[], date: string) {
  const row = page.getByRole('table', { name: GRID }).locator('tbody tr').filter({ has: page.getByRole('link', { name: taskName, exact: true }) });
  return row.locator('td').nth(week.indexOf(date)).getByRole('button');
}

/** Cells (task, day) whose entries all satisfy `pred`, among the given entries. */
function cellsWhere(entries: EntryRecord[], pred: (cell: EntryRecord[]) => boolean): Array<{ task: string; date: string; entries: EntryRecord[] }> {
  const cells = new Map<string, EntryRecord[]>();
  for (const e of entries) cells.set(`${e.task}|${e.entered_on}`, [...(cells.get(`${e.task}|${e.entered_on}`) ?? []), e]);
  return [...cells.entries()].filter(([, list]) => pred(list)).map(([key, list]) => ({ task: key.split('|')[0]!, date: key.split('|')[1]!, entries: list }));
}

const taskName = (gid: string) => h.sandbox.world.tasks.get(gid)!.name;

// ---- CSV ---------------------------------------------------------------------------------------

/** The record the export should hold for a stored entry (spreadsheet formula text quoted). */
function expectedCsvRecord(e: EntryRecord): string[] {
  const w = h.sandbox.world;
  const safe = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  return [
    safe(w.tasks.get(e.task)!.name),
    `https://app.asana.com/0/0/${e.task}`,
    safe(e.attributable_to ? w.projects.get(e.attributable_to)!.name : ''),
    e.entered_on,
    String(e.duration_minutes),
    (e.duration_minutes / 60).toFixed(2),
    safe(e.categories[0] ? w.categories.get(e.categories[0])!.name : ''),
    e.billable_status,
    e.approval_status,
    safe(e.description),
    safe(w.users.get(e.created_by)!.name),
  ];
}

async function downloadCsv(page: Page): Promise<{ name: string; bytes: Buffer; records: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const path = await download.path();
  const bytes = readFileSync(path);
  return { name: download.suggestedFilename(), bytes, records: parseCsv(bytes.subarray(3).toString('utf8')) };
}

const sortRecords = (records: string[][]) => [...records].sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));

// ---- axe -----------------------------------------------------------------------------------------

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page, as `rule: target` lines (empty when none). */
async function axeViolations(page: Page): Promise<string[]> {
  // addScriptTag is blocked by the extension page's CSP; evaluating the source is not.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe.run(document);
    return result.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  return violations;
}

// ---- tests -----------------------------------------------------------------------------------------

describe('timesheet', () => {
  it('shows this week, spanning a month boundary, with row, column and grand totals equal to the sandbox', async () => {
    expect(days[0]!.slice(0, 7)).not.toBe(days[6]!.slice(0, 7)); // the week really spans two months
    const page = await h.openOptions('#timesheet');
    // A bare #timesheet shows the browser's current week and writes it into the URL: go to the sandbox's.
    await hashOfPage(page).toMatch(/^#timesheet\?week=\d{4}-\d{2}-\d{2}$/);
    await page.goto(h.extensionUrl(`options.html${hashOf(days)}`));
    await expectGrid(page, () => stored(days), days);
    const grid = await readGrid(page);
    expect(grid.days).toEqual(days);
    expect(grid.rows.length).toBeGreaterThan(1);
    const heading = await page.getByRole('heading', { level: 2, name: /Week of/ }).textContent();
    expect(heading).toMatch(/Nov/);
    expect(heading).toMatch(/Dec/);
    // The chart is there, named, with one titled segment per (day, category) pair.
    const chart = page.getByRole('img', { name: 'Hours per day by category' });
    await visible(chart);
    const pairs = new Set(stored(days).map((e) => `${e.entered_on}|${e.categories[0] ?? 'none'}`));
    await countOf(chart.locator('rect title')).toBe(pairs.size);
    await page.close();
  });

  it('moves to the previous and next week, and shows an empty week', async () => {
    const page = await openWeek(days);
    await page.getByRole('table', { name: GRID }).waitFor();
    await page.getByRole('button', { name: 'Previous week' }).click();
    const previous = shift(days, -1);
    await hashOfPage(page).toBe(hashOf(previous));
    await expectGrid(page, () => stored(previous), previous);

    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('button', { name: 'Next week' }).click();
    await hashOfPage(page).toBe(hashOf(shift(days, 1)));
    expect(stored(shift(days, 1))).toEqual([]);
    await visible(page.getByText('No time logged this week'));
    await countOf(page.getByRole('table', { name: GRID })).toBe(0);
    await countOf(page.getByRole('button', { name: 'Download CSV' })).toBe(0);

    // Picking any date shows its week.
    await page.getByLabel('Go to date').fill(addDays(days[0]!, -12));
    await hashOfPage(page).toBe(hashOf(shift(days, -2)));
    await expectGrid(page, () => stored(shift(days, -2)), shift(days, -2));
    await page.close();
  });

  it('exports exactly the shown entries as RFC 4180 CSV with BOM, named after the week', async () => {
    const page = await openWeek(days);
    await expectGrid(page, () => stored(days), days);
    const csv = await downloadCsv(page);
    expect(csv.name).toBe(`asana-time-${days[0]}.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.toString('utf8')).not.toMatch(/[^\r]\n/); // every line ends with CRLF
    expect(csv.records[0]).toEqual(['Task', 'Task link', 'Project', 'Date', 'Minutes', 'Hours', 'Category', 'Billable status', 'Approval status', 'Description', 'Author']);
    expect(sortRecords(csv.records.slice(1))).toEqual(sortRecords(stored(days).map(expectedCsvRecord)));
    // The seeded hostile text (quotes, markup) went through intact.
    expect(csv.records.some((r) => r[9]!.includes('"quotes"'))).toBe(true);
    await page.close();
  });

  it('filters by project with the picker, keeps it in the URL, and restores it after a reload', async () => {
    const website = h.sandbox.seed.projects.website;
    const page = await openWeek(days);
    await page.getByRole('table', { name: GRID }).waitFor();
    await page.getByRole('combobox', { name: 'Project' }).fill('Website');
    await page.getByRole('option', { name: website.name }).click();
    await hashOfPage(page).toBe(hashOf(days, { project: website.gid }));
    const onWebsite = () => stored(days, (e) => e.attributable_to === website.gid);
    expect(onWebsite().length).toBeGreaterThan(0);
    await expectGrid(page, onWebsite, days);

    await page.reload();
    await textOf(page.getByTestId('ts-project-value')).toBe(website.name);
    await expectGrid(page, onWebsite, days);
    const csv = await downloadCsv(page);
    expect(sortRecords(csv.records.slice(1))).toEqual(sortRecords(onWebsite().map(expectedCsvRecord)));

    await page.getByRole('button', { name: `Clear project: ${website.name}` }).click();
    await hashOfPage(page).toBe(hashOf(days));
    await expectGrid(page, () => stored(days), days);
    await page.close();
  });

  it('filters by category (from the URL too), and the CSV holds only that category', async () => {
    // The category with the most of my entries this week.
    const counts = new Map<string, number>();
    for (const e of stored(days)) if (e.categories[0]) counts.set(e.categories[0], (counts.get(e.categories[0]) ?? 0) + 1);
    const [category] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const inCategory = () => stored(days, (e) => e.categories[0] === category);

    const page = await openWeek(days);
    await page.getByRole('table', { name: GRID }).waitFor();
    await page.getByLabel('Category', { exact: true }).selectOption(category);
    await hashOfPage(page).toBe(hashOf(days, { category }));
    await expectGrid(page, inCategory, days);
    const csv = await downloadCsv(page);
    expect(sortRecords(csv.records.slice(1))).toEqual(sortRecords(inCategory().map(expectedCsvRecord)));
    await page.close();

    // Entries without a category, straight from a bookmarked URL.
    const bookmarked = await openWeek(days, { category: 'none' });
    await expect.poll(() => bookmarked.getByLabel('Category', { exact: true }).inputValue()).toBe('none');
    await expectGrid(bookmarked, () => stored(days, (e) => e.categories.length === 0), days);
    await bookmarked.close();
  });

  it('filters by portfolio from a bookmarked URL and names it', async () => {
    const portfolio = h.sandbox.seed.portfolios.clientWork;
    const projects = new Set(h.sandbox.world.portfolios.get(portfolio.gid)!.projects);
    const inPortfolio = () =>
      stored(days, (e) => (e.attributable_to !== null ? projects.has(e.attributable_to) : h.sandbox.world.tasks.get(e.task)!.projects.some((p) => projects.has(p))));
    const page = await openWeek(days, { portfolio: portfolio.gid });
    await textOf(page.getByTestId('ts-portfolio-value')).toBe(portfolio.name);
    await expectGrid(page, inPortfolio, days);
    await page.close();
  });

  it("shows a teammate's time, read-only", async () => {
    const alex = h.sandbox.seed.users.alex;
    const previous = shift(days, -1);
    const theirs = () => stored(previous, () => true, alex.gid);
    expect(theirs().length).toBeGreaterThan(0);
    const page = await openWeek(previous);
    await page.getByRole('table', { name: GRID }).waitFor();
    await page.getByRole('combobox', { name: 'Person' }).fill('Alex');
    await page.getByRole('option', { name: alex.name }).click();
    await hashOfPage(page).toBe(hashOf(previous, { user: alex.gid }));
    await expectGrid(page, theirs, previous);
    const cell = theirs()[0]!;
    await cellButton(page, taskName(cell.task), previous, cell.entered_on).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByText(`Logged by ${alex.name}: only they can change it.`));
    await countOf(dialog.getByRole('button', { name: /^Edit / })).toBe(0);
    await page.close();
  });

  it("says so when Asana does not show a teammate's time (403), and goes back to mine", async () => {
    // The sandbox shows every teammate's time; Asana answers 403 to people without the right to
    // see it. That answer is played here on the network, where the background's request goes.
    const sam = h.sandbox.seed.users.sam;
    const asanaSays = 'You do not have access to the time tracking entries of this user.';
    const blocked = (url: URL) => url.pathname.endsWith('/time_tracking_entries') && url.searchParams.get('user') === sam.gid;
    await h.context.route(blocked, (route) =>
      route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: asanaSays, help: 'For more information on API status codes…' }] }) }),
    );
    try {
      const page = await openWeek(days, { user: sam.gid });
      const alert = page.getByRole('alert');
      await expect.poll(async () => (await alert.textContent()) ?? '', { timeout: 15_000 }).toContain(`Asana does not let you see ${sam.name}’s time.`);
      expect(await alert.textContent()).toContain(asanaSays);
      expect(await alert.textContent()).not.toContain('this change'); // a read, not a refused write
      await alert.getByRole('button', { name: 'Show my time' }).click();
      await hashOfPage(page).toBe(hashOf(days));
      await expectGrid(page, () => stored(days), days);
      await page.close();
    } finally {
      await h.context.unroute(blocked);
    }
  });

  it('marks submitted and approved entries and keeps them read-only', async () => {
    for (const [weeksBack, status, reason] of [
      [1, 'SUBMITTED', 'Submitted for approval: it can no longer be changed.'],
      [2, 'APPROVED', 'Approved: it can no longer be changed.'],
    ] as const) {
      const week = shift(days, -weeksBack);
      const [cell] = cellsWhere(stored(week), (list) => list.every((e) => e.approval_status === status));
      expect(cell, `a cell of only ${status} entries ${weeksBack} week(s) back`).toBeDefined();
      const page = await openWeek(week);
      await expectGrid(page, () => stored(week), week);
      const button = cellButton(page, taskName(cell!.task), week, cell!.date);
      // Marked by a padlock (not by colour), named for screen readers, and explained in a legend.
      await visible(button.locator('svg'));
      expect(await button.getAttribute('aria-label')).toMatch(/submitted or approved \(read-only\)/);
      await visible(page.getByText('Submitted or approved: read-only.'));
      await button.click();
      const dialog = page.getByRole('dialog');
      await countOf(dialog.getByText(reason)).toBe(cell!.entries.length);
      await countOf(dialog.getByRole('button', { name: /^(Edit|Delete) / })).toBe(0);
      await page.keyboard.press('Escape');
      await countOf(page.getByRole('dialog')).toBe(0);
      await expect.poll(() => button.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.close();
    }
  });

  it('shows an error with a retry when Asana fails', async () => {
    h.sandbox.faults.failNext(5, '500', { method: 'GET', path: '/time_tracking_entries' }); // every retry of the first page
    try {
      const page = await openWeek(days);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.textContent()).toContain('Could not load the time entries.');
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expectGrid(page, () => stored(days), days);
      await page.close();
    } finally {
      h.sandbox.faults.clear();
    }
  });

  it('has no axe violations, in light and dark mode, with a cell open too', async () => {
    const page = await openWeek(days);
    await expectGrid(page, () => stored(days), days);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page), colorScheme).toEqual([]);
      await page.screenshot({ path: `/tmp/timesheet-${colorScheme}.png`, fullPage: true });
    }
    const [cell] = cellsWhere(stored(days), (list) => list.every((e) => e.approval_status === 'DRAFT'));
    await cellButton(page, taskName(cell!.task), days, cell!.date).click();
    await page.getByRole('dialog').getByRole('button', { name: /^Edit / }).first().click();
    expect(await axeViolations(page), 'dark, dialog').toEqual([]);
    await page.screenshot({ path: '/tmp/timesheet-dialog-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await axeViolations(page), 'light, dialog').toEqual([]);
    await page.screenshot({ path: '/tmp/timesheet-dialog-light.png' });
    await page.close();
  });

  it('edits an entry from a cell: the sandbox stores the change and the grid shows it', async () => {
    const [cell] = cellsWhere(stored(days), (list) => list.length === 1 && list[0]!.approval_status === 'DRAFT');
    const entry = cell!.entries[0]!;
    const minutes = entry.duration_minutes + 25;
    const page = await openWeek(days);
    await expectGrid(page, () => stored(days), days);
    await cellButton(page, taskName(cell!.task), days, cell!.date).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^Edit / }).click();
    await dialog.getByLabel('Duration').fill(`${minutes}m`);
    await dialog.getByLabel('Description').fill('Edited from the timesheet, "quoted", too');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => h.sandbox.world.entries.get(entry.gid)?.duration_minutes, { timeout: 15_000 }).toBe(minutes);
    expect(h.sandbox.world.entries.get(entry.gid)!.description).toBe('Edited from the timesheet, "quoted", too');
    await visible(dialog.getByText('Entry updated.'));
    await page.keyboard.press('Escape');
    await expectGrid(page, () => stored(days), days);
    await textOf(cellButton(page, taskName(cell!.task), days, cell!.date)).toBe(formatClock(minutes));

    // And a delete, confirmed, removes it from Asana and from the grid.
    await cellButton(page, taskName(cell!.task), days, cell!.date).click();
    await dialog.getByRole('button', { name: /^Delete / }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => h.sandbox.world.entries.has(entry.gid), { timeout: 15_000 }).toBe(false);
    await visible(dialog.getByText('No entries left on this day.'));
    await page.keyboard.press('Escape');
    await expectGrid(page, () => stored(days), days);
    await page.close();
  });

  it('a change Asana could not take yet waits to sync, and the grid shows it once synced', async () => {
    const [cell] = cellsWhere(stored(days), (list) => list.length === 1 && list[0]!.approval_status === 'DRAFT');
    const entry = cell!.entries[0]!;
    const minutes = entry.duration_minutes + 10;
    const page = await openWeek(days);
    await expectGrid(page, () => stored(days), days);
    h.sandbox.faults.failNext(1, '503', { method: 'PUT' }); // refused before it is applied
    try {
      await cellButton(page, taskName(cell!.task), days, cell!.date).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /^Edit / }).click();
      await dialog.getByLabel('Duration').fill(`${minutes}m`);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await visible(dialog.getByText(/Change saved; waiting to sync/));
      // The outbox sends it again by itself; the sandbox then stores it and the grid re-reads it.
      await expect.poll(() => h.sandbox.world.entries.get(entry.gid)?.duration_minutes, { timeout: 30_000 }).toBe(minutes);
      await visible(dialog.getByText('Your change is synced.'));
      await page.keyboard.press('Escape');
      await expectGrid(page, () => stored(days), days);
      await textOf(cellButton(page, taskName(cell!.task), days, cell!.date)).toBe(formatClock(minutes));
    } finally {
      h.sandbox.faults.clear();
    }
    await page.close();
  });

  it('asks for a workspace, then for an account, when there is none', async () => {
    await h.updateSettings({ workspaceGid: null });
    const page = await openWeek(days);
    await visible(page.getByText('Choose the workspace whose time to show.'));
    await page.getByRole('link', { name: 'Choose a workspace' }).click();
    await hashOfPage(page).toBe('#preferences');

    const signedOut = await h.message('session.signOut', { pending: 'keep' });
    expect(signedOut.ok).toBe(true);
    await page.goto(h.extensionUrl(`options.html${hashOf(days)}`));
    await visible(page.getByText('Connect your Asana account to see your week.'));
    await page.getByRole('link', { name: 'Connect your account' }).click();
    await hashOfPage(page).toBe('#account');
    await page.close();
  });
});
