/**
 * The extension's own pages: the popup over an Asana task (log with Enter, find a task by
 * typeahead, the timer and its badge) and the options page (preferences applied to new entries,
 * the categories manager, the timesheet grid and editing from a cell), each checked against what
 * the sandbox stores, the self-check's report (Firefox's own version through getBrowserInfo), and
 * axe-core on every options tab.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { weekOf } from '../../lib/dates';
import { formatClock } from '../../lib/duration';
import type { EntryRecord } from '../sandbox/index.ts';
import { formatMinutes, launchDriver, type Driver, type Tab } from '../e2e/driver';
import { sameDayShift, sum } from './support';

/** The sandbox's "today": a Wednesday whose week spans November and December. */
const TODAY = '2026-12-02';
const GRID = 'Time by task and day (hours:minutes)';

let d: Driver;
let days: string[];
beforeAll(async () => {
  d = await launchDriver({ connect: true, sandbox: { today: TODAY } });
  days = weekOf(TODAY, 1); // Asana's approval weeks: Monday to Sunday in every locale
});
afterAll(async () => d?.close());
afterEach(async () => {
  d.sandbox.faults.clear();
  await d.closeTabs();
});

const badge = () => d.inBackground((g) => (g.browser ?? g.chrome).action.getBadgeText({}));
const newEntry = (taskGid: string, before: Set<string>) => d.sandbox.world.entriesOfTask(taskGid).find((e) => !before.has(e.gid));
const gidsOf = (taskGid: string) => new Set(d.sandbox.world.entriesOfTask(taskGid).map((e) => e.gid));

describe('popup', () => {
  it('logs to the task in the active tab with Enter, then shows the task’s new total', async () => {
    const { seed, world } = d.sandbox;
    const task = seed.ordinaryTasks[5]!;
    const asana = await d.openAsana(d.taskUrl(task.gid));
    const popup = await d.openPopupOver(asana);
    await expect.poll(() => popup.page().locator('.tl-task').text()).toBe(task.name);
    const before = gidsOf(task.gid);
    await popup.page().getByLabel('Duration').fill('45m');
    await popup.page().getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before.size + 1);
    expect(newEntry(task.gid, before)).toMatchObject({ duration_minutes: 45, created_by: seed.users.me.gid });
    await expect.poll(() => popup.page().getByRole('status').first().text()).toBe(`Logged 45 min to “${task.name}”. Task total: ${formatMinutes(sum(world.entriesOfTask(task.gid)))}.`);
  });

  it('finds a task by typeahead with the keyboard, logs to it, and lists it as recent next time', async () => {
    const { seed, world } = d.sandbox;
    const target = seed.ordinaryTasks[7]!;
    const home = await d.openAsana(`/0/home/${seed.workspaces.main.gid}`);
    const popup = await d.openPopupOver(home);
    const search = popup.page().getByRole('combobox', { name: 'Find a task' });
    await search.fill(target.name.split(' ').find((w) => w.length > 4)!);
    const matches = popup.page().getByRole('listbox', { name: 'Matching tasks' }).getByRole('option');
    await expect.poll(() => matches.count()).toBeGreaterThan(0);
    const index = (await matches.allTexts()).findIndex((o) => o.startsWith(target.name));
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await search.press('ArrowDown');
    await search.press('Enter');
    await expect.poll(() => popup.page().locator('.tl-task').text()).toBe(target.name);
    await popup.page().getByLabel('Duration').fill('1:15');
    await popup.page().getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(target.gid).some((e) => e.duration_minutes === 75 && e.created_by === seed.users.me.gid)).toBe(true);
    const again = await d.openPopupOver(home);
    await expect.poll(() => again.page().getByRole('listbox', { name: 'Recent tasks' }).getByRole('option').first().text()).toBe(target.name);
  });

  it('starts the timer on the task, shows it on the toolbar badge, and stops it logging the time', async () => {
    const { seed, world } = d.sandbox;
    const task = seed.ordinaryTasks[8]!;
    const asana = await d.openAsana(d.taskUrl(task.gid));
    const popup = await d.openPopupOver(asana);
    await expect.poll(() => popup.page().locator('.tl-task').text()).toBe(task.name);
    expect(await sameDayShift(3 * 60_000)).toBe(3 * 60_000);
    await popup.page().getByRole('button', { name: /Start timer on this task/ }).click();
    await expect.poll(() => popup.page().getByRole('region', { name: 'Running timer' }).text()).toContain(task.name);
    await expect.poll(badge).toBe('0:00');
    await d.moveTimerStart(Date.now() - 3 * 60_000);
    await expect.poll(() => popup.page().getByRole('timer').text()).toMatch(/^3:0\d$/);
    const before = gidsOf(task.gid);
    await popup.page().getByRole('button', { name: 'Stop and log' }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before.size + 1);
    expect(newEntry(task.gid, before)!.duration_minutes).toBe(3);
    await expect.poll(badge).toBe('');
    }, 600_000); // (sameDayShift may wait a few minutes near midnight)
});

describe('options: preferences', () => {
  it('remembers the default category and billable status, and new entries get them', async () => {
    const { seed, world } = d.sandbox;
    const options = await d.openOptions('#preferences');
    const category = options.page().getByLabel('Default category for new entries');
    await expect.poll(() => category.locator('option').filter({ hasText: seed.categories.meetings.name }).count()).toBe(1);
    await category.selectOption({ label: seed.categories.meetings.name });
    await expect.poll(() => options.page().getByRole('status').text()).toBe('Default category saved.');
    await options.page().getByLabel('Default billable status').selectOption('billable');
    await expect.poll(() => options.page().getByRole('status').text()).toBe('Default billable status saved.');
    const again = await d.openOptions('#preferences');
    await expect.poll(() => again.page().getByLabel('Default category for new entries').inputValue()).toBe(seed.categories.meetings.gid);
    expect(await again.page().getByLabel('Default billable status').inputValue()).toBe('billable');

    const task = seed.ordinaryTasks[10]!;
    const page = await d.openAsana(d.taskUrl(task.gid));
    const w = page.widget();
    await w.getByLabel('Duration').fill('25m');
    await expect.poll(() => w.getByLabel('Category').inputValue()).toBe(seed.categories.meetings.gid);
    const before = gidsOf(task.gid);
    await w.getByLabel('Duration').press('Enter');
    await expect.poll(() => newEntry(task.gid, before)).toMatchObject({ duration_minutes: 25, categories: [seed.categories.meetings.gid], billable_status: 'billable' });
    // Back to no defaults, for the tests after this one.
    await again.page().getByLabel('Default category for new entries').selectOption('');
    await again.page().getByLabel('Default billable status').selectOption('');
    await expect.poll(async () => (await d.storage(d.userKey('settings')))[d.userKey('settings')]).toMatchObject({ defaultCategoryGid: null, defaultBillable: null });
  });
});

describe('options: categories', () => {
  const rowOf = (page: Tab, gid: string) => page.page().locator(`li[data-category-gid="${gid}"]`);
  const status = (page: Tab) => page.page().getByTestId('category-status').text();

  it('creates, renames, archives, unarchives and deletes a category; Asana stores each change', async () => {
    const { world } = d.sandbox;
    const page = await d.openOptions('#categories?archived=1');
    await page.page().getByTestId('active-categories').waitFor({ timeout: 15_000 });

    await page.page().locator('#cat-new-name').fill('Client workshops');
    await page.page().getByRole('radio', { name: 'Indigo' }).check();
    await page.page().getByRole('button', { name: 'Create category' }).click();
    await expect.poll(() => status(page)).toBe('Created “Client workshops”.');
    const created = [...world.categories.values()].filter((c) => c.name === 'Client workshops');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ color: 'indigo', workspace: d.sandbox.seed.workspaces.main.gid, is_archived: false });
    const gid = created[0]!.gid;
    await expect.poll(() => rowOf(page, gid).getByTestId('category-colour').text()).toBe('Indigo');

    await page.page().getByRole('button', { name: 'Edit Client workshops' }).click();
    const form = page.page().getByRole('form', { name: 'Edit Client workshops' });
    await form.getByLabel('Name').fill('Customer workshops');
    await form.getByLabel('Name').press('Enter');
    await expect.poll(() => status(page)).toBe('“Client workshops” renamed to “Customer workshops”.');
    expect(world.categories.get(gid)!.name).toBe('Customer workshops');

    await page.page().getByRole('button', { name: 'Archive Customer workshops' }).click();
    await expect.poll(() => status(page)).toMatch(/^Archived “Customer workshops”/);
    expect(world.categories.get(gid)!.is_archived).toBe(true);
    await expect.poll(() => page.page().getByTestId('archived-categories').getByTestId('category-name').allTexts()).toContain('Customer workshops');
    await page.page().getByRole('button', { name: 'Unarchive Customer workshops' }).click();
    await expect.poll(() => status(page)).toMatch(/^Unarchived “Customer workshops”/);
    expect(world.categories.get(gid)!.is_archived).toBe(false);
    await expect.poll(() => page.page().getByTestId('archived-categories').getByTestId('category-name').allTexts()).not.toContain('Customer workshops');

    await page.page().getByRole('button', { name: 'Delete Customer workshops' }).click();
    const dialog = page.page().getByRole('dialog', { name: 'Delete “Customer workshops”?' });
    await dialog.getByRole('button', { name: 'Delete category' }).click();
    await expect.poll(() => status(page)).toMatch(/^Deleted “Customer workshops”/);
    expect(world.categories.has(gid)).toBe(false);
    await expect.poll(() => rowOf(page, gid).count()).toBe(0);
  });
});

describe('options: timesheet', () => {
  const me = () => d.sandbox.seed.users.me.gid;
  const stored = (week: string[]) => {
    const w = d.sandbox.world;
    return [...w.entries.values()].filter((e) => e.created_by === me() && week.includes(e.entered_on) && w.tasks.get(e.task)?.workspace === d.sandbox.seed.workspaces.main.gid);
  };
  /** The grid as the sandbox says it should read. */
  const expectedGrid = (entries: EntryRecord[], week: string[]) => {
    const byTask = new Map<string, number[]>();
    for (const e of entries) {
      const row = byTask.get(e.task) ?? week.map(() => 0);
      row[week.indexOf(e.entered_on)]! += e.duration_minutes;
      byTask.set(e.task, row);
    }
    const add = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const rows = [...byTask.entries()].map(([gid, mins]) => ({ gid, cells: [...mins.map((m) => (m ? formatClock(m) : '')), formatClock(add(mins))] })).sort((a, b) => (a.gid < b.gid ? -1 : 1));
    const perDay = week.map((day) => add(entries.filter((e) => e.entered_on === day).map((e) => e.duration_minutes)));
    return { days: week, rows, totals: [...perDay.map(formatClock), formatClock(add(perDay))] };
  };
  /** What the grid shows, read from the table. */
  const readGrid = (page: Tab) =>
    page.evaluate((name) => {
      const t = [...document.querySelectorAll('table')].find((x) => x.getAttribute('aria-label') === name || x.querySelector('caption')?.textContent?.trim() === name) as HTMLTableElement | undefined;
      if (!t) return null;
      const rows = [...t.tBodies[0]!.rows].map((r) => ({ gid: r.querySelector('th a')!.getAttribute('href')!.split('/').pop()!, cells: [...r.cells].slice(1).map((c) => c.textContent!.trim()) }));
      rows.sort((a, b) => (a.gid < b.gid ? -1 : 1));
      const days = [...t.tHead!.rows[0]!.cells].slice(1, -1).map((c) => c.querySelector('time')?.getAttribute('datetime') ?? '');
      return { days, rows, totals: [...t.tFoot!.rows[0]!.cells].slice(1).map((c) => c.textContent!.trim()) };
    }, GRID);

  it('shows the week (Monday to Sunday, Asana’s approval week) with row, column and grand totals equal to the sandbox, and a chart of it', async () => {
    const page = await d.openOptions(hashOf(days));
    await expect.poll(() => readGrid(page), { timeout: 15_000 }).toEqual(expectedGrid(stored(days), days));
    expect(stored(days).length).toBeGreaterThan(1);
    const pairs = new Set(stored(days).map((e) => `${e.entered_on}|${e.categories[0] ?? 'none'}`));
    await expect.poll(() => page.page().getByRole('img', { name: 'Hours per day by category' }).locator('rect title').count()).toBe(pairs.size);
  });

  it('edits an entry from a cell: the sandbox stores it and the grid shows it', async () => {
    const cells = new Map<string, EntryRecord[]>();
    for (const e of stored(days)) cells.set(`${e.task}|${e.entered_on}`, [...(cells.get(`${e.task}|${e.entered_on}`) ?? []), e]);
    const [, [entry]] = [...cells.entries()].find(([, list]) => list.length === 1 && list[0]!.approval_status === 'DRAFT')! as [string, EntryRecord[]];
    const minutes = entry!.duration_minutes + 25;
    const taskName = d.sandbox.world.tasks.get(entry!.task)!.name;
    const page = await d.openOptions(hashOf(days));
    await expect.poll(() => readGrid(page), { timeout: 15_000 }).toEqual(expectedGrid(stored(days), days));
    const row = page.page().getByRole('table', { name: GRID }).locator('tbody tr').filter({ has: page.page().getByRole('link', { name: taskName, exact: true }) });
    await row.locator('td').nth(days.indexOf(entry!.entered_on)).getByRole('button').click();
    const dialog = page.page().getByRole('dialog');
    await dialog.getByRole('button', { name: /^Edit / }).click();
    await dialog.getByLabel('Duration').fill(`${minutes}m`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => d.sandbox.world.entries.get(entry!.gid)?.duration_minutes, { timeout: 15_000 }).toBe(minutes);
    await expect.poll(() => dialog.getByText('Entry updated.').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => readGrid(page), { timeout: 15_000 }).toEqual(expectedGrid(stored(days), days));
  });
});

describe('options: accessibility', () => {
  it('the self-check names Firefox and its version, and the place and theme of the last task page', async () => {
    const asana = await d.openAsana(`${d.taskUrl(d.sandbox.seed.tasks.empty.gid)}?theme=dark`);
    await asana.widget().getByTestId('total').waitFor();
    const check = await d.openOptions('#self-check');
    const report = check.page().getByTestId('diagnostic-report');
    await expect.poll(() => report.text()).toContain('\nTheme: dark (from Asana’s theme setting) [dark/asana]');
    expect(await report.text()).toMatch(/\nBrowser: Firefox \d+\.\d/);
    expect(await report.text()).toContain('\nWidget’s place: among the task’s fields, before the description (the usual place) [fields]');
  });

  it('has no axe violations on any tab, light and dark, with an error showing on the account forms', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await d.setColorScheme(scheme);
      for (const hash of ['#preferences', '#categories', hashOf(days), '#self-check', '#privacy']) {
        const page = await d.openOptions(hash);
        await expect.poll(() => page.page().getByRole('tabpanel').count()).toBe(1);
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
        await expect.poll(() => page.page().getByRole('tabpanel').getByRole('heading').count()).toBeGreaterThan(0);
        expect(await page.axe(), `${hash} (${scheme})`).toEqual([]);
        await page.close();
      }
    }
    await d.message('session.signOut', {});
    const account = await d.openOptions('#account');
    await account.page().getByRole('button', { name: 'Connect', exact: true }).click(); // an error showing
    await account.page().getByRole('alert').waitFor();
    expect(await account.axe()).toEqual([]);
    await d.setColorScheme('light');
    await d.connectWithToken(d.sandbox.demoToken);
  });
});

/** The options page's address for a week of the timesheet. */
function hashOf(week: string[]) {
  return `#timesheet?week=${week[0]}`;
}
