/**
 * Timesheet approvals, budgets and estimates (issue 17) in the built extension against the
 * sandbox: submitting, recalling, rejecting (with its required message), resubmitting and
 * approving a week from the timesheet; the week's entries locked or unlocked in the widget, the
 * popup and the timesheet at once; Asana's refusals in its words; the project's budget and the
 * task's estimate in the widget and the timesheet, with the requests they cost; axe in light and
 * dark. The sandbox's "today" is fixed and the browser runs on a faked clock at that day, so the
 * popup's "this week" is the sandbox's. Every expected figure comes from `h.sandbox.world`.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, weekOf } from '../../lib/dates';
import type { EntryRecord, TaskRecord } from '../sandbox/index.ts';
import { axeViolations } from './axe';
import { Harness, formatMinutes, widget } from './harness';

const TODAY = '2026-12-02'; // a Wednesday
const MONDAY = weekOf(TODAY, 1)[0]!; // 2026-11-30: Asana's week, whatever the locale's first day
const GRID = 'Time by task and day (hours:minutes)';

let h: Harness;
let me: string;
let ws: string;
/** A task of mine with two entries this week (Monday and Tuesday), and an estimate. */
let task: TaskRecord;
let mondayEntry: EntryRecord;

beforeAll(async () => {
  h = await Harness.launch({ connect: true, sandbox: { today: TODAY }, clock: { at: `${TODAY} 12:00:00`, zone: 'UTC' } });
  const { world, seed } = h.sandbox;
  me = seed.users.me.gid;
  ws = seed.workspaces.main.gid;
  task = world.addTask({ name: 'Quarterly report', projects: [seed.projects.internal.gid], estimated_minutes: 300 });
  mondayEntry = world.addEntry({ task: task.gid, entered_on: MONDAY, duration_minutes: 90, description: 'Draft the figures' });
  world.addEntry({ task: task.gid, entered_on: addDays(MONDAY, 1), duration_minutes: 45, description: 'Review with finance' });
});
afterAll(async () => h?.close());

// vitest's expect has no locator matchers: these wait the way Playwright's would.
const visible = (l: Locator) => l.first().waitFor({ state: 'visible', timeout: 15_000 });
const textOf = (l: Locator) => expect.poll(async () => (await l.first().textContent())?.trim(), { timeout: 15_000 });
const countOf = (l: Locator) => expect.poll(() => l.count(), { timeout: 15_000 });

const weekOfUser = (user = me, date = MONDAY) => h.sandbox.world.timesheetFor(user, ws, date);
const statusInAsana = (user = me, date = MONDAY) => weekOfUser(user, date)?.approval_status ?? 'no record';
const openWeek = (extra: Record<string, string> = {}, week = MONDAY) => h.openOptions(`#timesheet?${new URLSearchParams({ week, ...extra })}`);
const panel = (page: Page) => page.getByRole('region', { name: 'Timesheet approval' });
const statusShown = (page: Page) => textOf(panel(page).getByTestId('week-status'));

/** The widget's entry, as the person sees it: its text, and whether it offers Edit. */
async function widgetEntry(page: Page, gid: string): Promise<{ text: string; editable: boolean }> {
  const li = widget(page).locator(`li[data-entry-gid="${gid}"]`);
  if ((await li.count()) === 0) return { text: '', editable: false };
  return { text: (await li.textContent()) ?? '', editable: (await li.getByRole('button', { name: /^Edit / }).count()) > 0 };
}

/** The timesheet cell of `task` on `date`: whether it shows the padlock. */
async function cellLocked(page: Page, date: string): Promise<boolean | null> {
  const row = page.getByRole('table', { name: GRID }).locator('tbody tr').filter({ has: page.getByRole('link', { name: task.name, exact: true }) });
  if ((await row.count()) === 0) return null;
  const button = row.locator('td').nth(weekOf(TODAY, 1).indexOf(date)).getByRole('button');
  return (await button.count()) === 0 ? null : (await button.locator('svg').count()) > 0;
}

async function connectAs(token: string): Promise<void> {
  await h.connectWithToken(token);
  await h.updateSettings({ workspaceGid: ws });
}

/** Runs `act` signed in as Alex (who reviews Morgan's weeks), then signs Morgan in again, whatever happened. */
async function asAlex(act: () => Promise<void>): Promise<void> {
  await connectAs(h.sandbox.seed.users.alex.token);
  try {
    await act();
  } finally {
    await connectAs(h.sandbox.demoToken);
  }
}

describe('timesheet approvals', () => {
  it('submits the week (confirmed, with a note): the widget, the popup and the timesheet lock its entries at once, before Asana has it', async () => {
    expect(statusInAsana()).toBe('no record'); // the sandbox's week of "today" has none yet
    const asana = await h.openAsana(h.taskUrl(task.gid));
    await expect.poll(() => widgetEntry(asana, mondayEntry.gid), { timeout: 15_000 }).toMatchObject({ editable: true });
    const popup = await h.openPopupOver(asana);
    await textOf(popup.getByTestId('popup-week')).toBe('Your timesheet this week: Draft.');
    const page = await openWeek();
    await statusShown(page).toBe('Draft');
    await expect.poll(() => cellLocked(page, MONDAY), { timeout: 15_000 }).toBe(false);

    // Asana cannot take the change yet: it waits in the outbox, and every view already shows it.
    h.sandbox.faults.failNext(Number.POSITIVE_INFINITY, '503', { method: 'PUT', path: '/timesheet_approval_statuses/' });
    try {
      await panel(page).getByRole('button', { name: 'Submit week' }).click();
      const dialog = page.getByRole('dialog', { name: /^Submit the week of / });
      await visible(dialog);
      expect(await dialog.textContent()).toContain('Nov 30');
      await dialog.getByLabel('Note for your reviewer (optional)').fill('Two days at the client, "on site" <b>all</b> day');
      await dialog.getByRole('button', { name: 'Submit week' }).click();
      await countOf(page.getByRole('dialog')).toBe(0);
      await statusShown(page).toBe('Submitted (waiting to sync)');
      await expect.poll(() => cellLocked(page, MONDAY), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => widgetEntry(asana, mondayEntry.gid), { timeout: 15_000 }).toEqual({ text: expect.stringContaining('Submitted for approval: it can no longer be changed.'), editable: false });
      await textOf(popup.getByTestId('popup-week')).toBe('Your timesheet this week: Submitted (waiting to sync). Its entries are read-only.');
      expect(statusInAsana()).toBe('DRAFT'); // created to be submitted, not yet moved
    } finally {
      h.sandbox.faults.clear();
    }
    expect((await h.message('outbox.retry', {})).ok).toBe(true);
    await expect.poll(() => statusInAsana(), { timeout: 30_000 }).toBe('SUBMITTED');
    expect(weekOfUser()!.history.at(-1)).toMatchObject({ to: 'SUBMITTED', by: me, message: 'Two days at the client, "on site" <b>all</b> day' });
    expect(h.sandbox.world.entries.get(mondayEntry.gid)!.approval_status).toBe('SUBMITTED');
    await statusShown(page).toBe('Submitted');
    await textOf(popup.getByTestId('popup-week')).toBe('Your timesheet this week: Submitted. Its entries are read-only.');
    expect(await widgetEntry(asana, mondayEntry.gid)).toMatchObject({ editable: false });
    await visible(panel(page).getByRole('button', { name: 'Recall' }));
    expect(await panel(page).getByRole('button', { name: 'Submit week' }).count()).toBe(0);
    await Promise.all([asana.close(), popup.close(), page.close()]);
  });

  it('recalls the submitted week: Asana has it as a draft again, and every view unlocks its entries', async () => {
    const asana = await h.openAsana(h.taskUrl(task.gid));
    await expect.poll(() => widgetEntry(asana, mondayEntry.gid), { timeout: 15_000 }).toMatchObject({ editable: false });
    const page = await openWeek();
    await statusShown(page).toBe('Submitted');
    await panel(page).getByRole('button', { name: 'Recall' }).click();
    await expect.poll(() => statusInAsana(), { timeout: 15_000 }).toBe('DRAFT');
    await textOf(panel(page).getByRole('status').last()).toBe('Submission recalled: the week is a draft again.');
    await statusShown(page).toBe('Draft');
    await expect.poll(() => cellLocked(page, MONDAY), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => widgetEntry(asana, mondayEntry.gid), { timeout: 15_000 }).toMatchObject({ editable: true });
    expect(h.sandbox.world.entries.get(mondayEntry.gid)!.approval_status).toBe('DRAFT');
    await Promise.all([asana.close(), page.close()]);
  });

  it('a reviewer rejects the week with a message (required); the person sees it rejected, without a made-up message, fixes an entry and submits again', async () => {
    const { seed, world } = h.sandbox;
    const alex = seed.users.alex;
    expect((await h.message('timesheet.transition', { workspaceGid: ws, start: MONDAY, to: 'submitted' })).data).toMatchObject({ state: 'done' });
    expect(statusInAsana()).toBe('SUBMITTED');

    const why = 'Tuesday’s review belongs to the finance project.';
    await asAlex(async () => {
    const reviewer = await openWeek();
    // Beside the Person filter: who submitted this week. Picking them shows their week.
    const submitted = reviewer.getByRole('group', { name: 'Submitted this week for approval' });
    await submitted.getByRole('button', { name: seed.users.me.name }).click();
    await expect.poll(() => reviewer.evaluate(() => location.hash), { timeout: 15_000 }).toContain(`user=${me}`);
    await statusShown(reviewer).toBe('Submitted');
    await panel(reviewer).getByRole('button', { name: 'Reject' }).click();
    const dialog = reviewer.getByRole('dialog', { name: `Reject ${seed.users.me.name}’s week of ${await weekTitle(reviewer)}?` });
    await visible(dialog);
    // No message: refused here, clearly, and nothing is sent.
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await textOf(dialog.getByRole('alert')).toBe(`Write what ${seed.users.me.name} needs to fix: a week is not rejected without a message.`);
    expect(await dialog.getByLabel(`What ${seed.users.me.name} needs to fix (required)`).getAttribute('aria-invalid')).toBe('true');
    expect(statusInAsana()).toBe('SUBMITTED');
    await dialog.getByLabel(`What ${seed.users.me.name} needs to fix (required)`).fill(why);
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => statusInAsana(), { timeout: 15_000 }).toBe('REJECTED');
    expect(weekOfUser()!.history.at(-1)).toMatchObject({ to: 'REJECTED', by: alex.gid, message: why });
    await statusShown(reviewer).toBe('Rejected');
    await textOf(panel(reviewer).getByRole('status').last()).toBe('Week rejected.');
    await reviewer.close();
    });

    const page = await openWeek();
    await statusShown(page).toBe('Rejected');
    const text = (await panel(page).textContent()) ?? '';
    expect(text).toContain('Your reviewer sent the week back. Fix its entries, then submit it again.');
    expect(text).toContain('Asana’s API does not pass on the reviewer’s message: read it in your timesheet in Asana.');
    expect(await page.locator('body').textContent()).not.toContain(why); // never shown: Asana does not return it
    // Rejected entries can be changed again: fix one from its cell.
    await expect.poll(() => cellLocked(page, MONDAY), { timeout: 15_000 }).toBe(false);
    const row = page.getByRole('table', { name: GRID }).locator('tbody tr').filter({ has: page.getByRole('link', { name: task.name, exact: true }) });
    await row.locator('td').nth(1).getByRole('button').click();
    const cell = page.getByRole('dialog');
    await cell.getByRole('button', { name: /^Edit / }).click();
    await cell.getByLabel('Description').fill('Review with finance (finance project)');
    await cell.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).some((e) => e.description === 'Review with finance (finance project)'), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await countOf(page.getByRole('dialog')).toBe(0);

    await panel(page).getByRole('button', { name: 'Submit again' }).click();
    const again = page.getByRole('dialog', { name: /^Submit the week of .* again\?$/ });
    await again.getByRole('button', { name: 'Submit again' }).click();
    await expect.poll(() => statusInAsana(), { timeout: 15_000 }).toBe('SUBMITTED');
    expect(weekOfUser()!.history.at(-1)).toMatchObject({ from: 'REJECTED', to: 'SUBMITTED', by: me });
    await statusShown(page).toBe('Submitted');
    await page.close();
  });

  it('a reviewer approves the week: Asana has it approved, and the person sees it approved and read-only everywhere', async () => {
    const { seed } = h.sandbox;
    await asAlex(async () => {
    const reviewer = await openWeek({ user: me });
    await statusShown(reviewer).toBe('Submitted');
    await panel(reviewer).getByRole('button', { name: 'Approve' }).click();
    const dialog = reviewer.getByRole('dialog', { name: `Approve ${seed.users.me.name}’s week of ${await weekTitle(reviewer)}?` });
    await dialog.getByLabel(`Note for ${seed.users.me.name} (optional)`).fill('Thanks!');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => statusInAsana(), { timeout: 15_000 }).toBe('APPROVED');
    expect(weekOfUser()!.history.at(-1)).toMatchObject({ to: 'APPROVED', by: seed.users.alex.gid, message: 'Thanks!' });
    await statusShown(reviewer).toBe('Approved');
    expect(await panel(reviewer).getByRole('button').count()).toBe(0);
    await reviewer.close();
    });

    const asana = await h.openAsana(h.taskUrl(task.gid));
    const popup = await h.openPopupOver(asana);
    const page = await openWeek();
    await statusShown(page).toBe('Approved');
    expect(await panel(page).getByRole('button').count()).toBe(0);
    await expect.poll(() => cellLocked(page, MONDAY), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => widgetEntry(asana, mondayEntry.gid), { timeout: 15_000 }).toEqual({ text: expect.stringContaining('Approved: it can no longer be changed.'), editable: false });
    await textOf(popup.getByTestId('popup-week')).toBe('Your timesheet this week: Approved. Its entries are read-only.');
    await Promise.all([asana.close(), popup.close(), page.close()]);
  });

  it('says in Asana’s words when Asana refuses (403: not this person’s reviewer), and lets the refused change be discarded', async () => {
    const { seed } = h.sandbox;
    const sam = seed.users.sam;
    const lastWeek = addDays(MONDAY, -7);
    expect(statusInAsana(sam.gid, lastWeek)).toBe('SUBMITTED'); // waiting for Alex, not for me
    const page = await openWeek({}, lastWeek);
    await page.getByRole('group', { name: 'Submitted this week for approval' }).getByRole('button', { name: sam.name }).click();
    await statusShown(page).toBe('Submitted');
    await panel(page).getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    const alert = dialog.getByRole('alert');
    await expect.poll(async () => (await alert.textContent()) ?? '', { timeout: 15_000 }).toContain('Asana refused a change:');
    expect(await alert.textContent()).toContain('Only a reviewer of this person\'s timesheets can approve it.');
    expect(statusInAsana(sam.gid, lastWeek)).toBe('SUBMITTED');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // The refused change stays in sight, in Asana's words, until discarded.
    const refused = panel(page).getByRole('alert');
    expect(await refused.textContent()).toContain('Only a reviewer of this person\'s timesheets can approve it.');
    await refused.getByRole('button', { name: 'Discard' }).click();
    await countOf(panel(page).getByRole('alert')).toBe(0);
    await statusShown(page).toBe('Submitted');
    await page.close();
  });
});

/** The week's title as the page shows it ("Mon, Nov 30 – Sun, Dec 6, 2026"). */
async function weekTitle(page: Page): Promise<string> {
  const heading = page.getByRole('heading', { level: 2, name: /Week of/ });
  return ((await heading.evaluate((el) => [...el.childNodes].filter((n) => !(n instanceof HTMLElement && n.classList.contains('tl-ts-sr'))).map((n) => n.textContent).join(''))) ?? '').trim();
}

describe('budgets and estimates', () => {
  /** A project with a time budget of `total` minutes, and a task with `minutes` of billable time on it. */
  function budgeted(name: string, total: number, minutes: number, estimate?: number) {
    const { world } = h.sandbox;
    const project = world.addProject({ name });
    world.addBudget({ parent: project.gid, budget_type: 'time', total: { enabled: true, time: total } });
    const t = world.addTask({ name: `${name} task`, projects: [project.gid], ...(estimate !== undefined ? { estimated_minutes: estimate } : {}) });
    world.addEntry({ task: t.gid, entered_on: addDays(MONDAY, -14), duration_minutes: minutes, billable_status: 'billable', attributable_to: project.gid });
    return { project, task: t };
  }
  const gauge = (page: Page, text: RegExp) => widget(page).locator('p').filter({ hasText: text });
  const budgetsSince = (mark: number) => h.sandbox.stats.requests.filter((r) => r.seq >= mark && r.area === 'api' && r.path === '/api/1.0/budgets').length;

  it('the widget shows the project’s time budget (one request on the first open, none on a revisit) and, once the task’s details are in, its estimate', async () => {
    const { world, seed } = h.sandbox;
    const { project, task: t } = budgeted('Harbor renovation', 24_000, 18_720, 300);
    world.addEntry({ task: t.gid, entered_on: addDays(MONDAY, -13), duration_minutes: 15, created_by: seed.users.alex.gid, billable_status: 'nonBillable' });
    const mark = h.sandbox.stats.mark();
    const page = await h.openAsana(h.taskUrl(t.gid, project.gid));
    const budgetLine = gauge(page, /budget:/);
    await textOf(budgetLine).toBe(`${project.name} budget: ${formatMinutes(world.budgetActual(world.budgetOf(project.gid)!).value!)} of ${formatMinutes(24_000)}`);
    expect(await budgetLine.textContent()).toBe('Harbor renovation budget: 312 h of 400 h'); // the issue's own example
    expect(budgetsSince(mark)).toBe(1);
    // A first visit reads only the entries (the task's details, with its estimate, come with the
    // revisit's one request, or with the form's first use): no estimate line yet.
    expect(await gauge(page, /estimated$/).count()).toBe(0);
    const firstOpen = h.sandbox.stats.requests.filter((r) => r.seq >= mark && r.area === 'api').map((r) => `${r.method} ${r.path.replace('/api/1.0', '')}`);
    console.log(`first open of a task with a budget: ${firstOpen.length} API requests (${firstOpen.join(', ')})`);
    await page.close();

    // A revisit (a new page, the same task and project): figures at once, no budget request.
    const revisitMark = h.sandbox.stats.mark();
    const again = await h.openAsana(h.taskUrl(t.gid, project.gid));
    await textOf(gauge(again, /budget:/)).toBe('Harbor renovation budget: 312 h of 400 h');
    await textOf(gauge(again, /estimated$/)).toBe(`${formatMinutes(world.actualTimeMinutes(t.gid))} of 5 h estimated`);
    expect(await gauge(again, /estimated$/).textContent()).toBe('312 h 15 min of 5 h estimated');
    await expect.poll(() => h.sandbox.stats.requests.filter((r) => r.seq >= revisitMark && r.area === 'api' && r.path.startsWith('/api/1.0/tasks/')).length, { timeout: 15_000 }).toBe(1);
    // Asked after the widget's own ask (sent when it showed the stored budget): answered once that
    // one is (the background shares a read under way), so the count below is complete.
    expect((await h.message('budget.get', { projectGid: project.gid })).ok).toBe(true);
    expect(budgetsSince(revisitMark)).toBe(0);
    const revisit = h.sandbox.stats.requests.filter((r) => r.seq >= revisitMark && r.area === 'api').map((r) => `${r.method} ${r.path.replace('/api/1.0', '')}`);
    console.log(`revisit: ${revisit.length} API requests (${revisit.join(', ')})`);
    await again.close();
  });

  it('warns from 90 % and goes red past 100 %; a cost budget shows only its share used; in light and dark, axe clean', async () => {
    const { world, seed } = h.sandbox;
    const ok = budgeted('Ok project', 1_200, 600, 1_200);
    const warn = budgeted('Warn project', 632, 600, 640);
    const over = budgeted('Over project', 500, 600, 480);
    const northwind = seed.projects.northwind;
    const costTask = world.addTask({ name: 'Northwind invoice run', projects: [northwind.gid] });
    const cost = world.budgetOf(northwind.gid)!;
    expect(cost.budget_type).toBe('cost');
    for (const theme of ['light', 'dark'] as const) {
      const bars: Record<string, { level: string; width: string; color: string; expected: string }> = {};
      for (const [name, { project, task: t }] of Object.entries({ ok, warn, over })) {
        const page = await h.openAsana(`${h.taskUrl(t.gid, project.gid)}?theme=${theme}`);
        await expect.poll(() => widget(page).getAttribute('class'), { timeout: 15_000 }).toContain(`tl-${theme}`);
        if (theme === 'light') {
          // First visit: the budget only. The reload is a revisit, which reads the task's details.
          await visible(gauge(page, /budget:/));
          await page.reload();
        }
        const line = gauge(page, /budget:/);
        await textOf(line).toBe(`${project.name} budget: ${formatMinutes(600)} of ${formatMinutes(world.budgetTotal(world.budgetOf(project.gid)!).value!)}`);
        await textOf(gauge(page, /estimated$/)).toBe(`${formatMinutes(600)} of ${formatMinutes(world.tasks.get(t.gid)!.estimated_minutes!)} estimated`);
        bars[name] = await line.evaluate((p) => {
          const bar = p.querySelector('.tl-gauge span') as HTMLElement;
          const root = p.closest('.tl-root')!;
          const variable = (v: string) => getComputedStyle(root).getPropertyValue(v).trim();
          const level = [...p.classList].find((c) => c === 'tl-warn' || c === 'tl-over') ?? 'ok';
          return { level, width: bar.style.width, color: getComputedStyle(bar).backgroundColor, expected: level === 'tl-over' ? variable('--bad') : level === 'ok' ? variable('--good') : '' };
        });
        if (name === 'over') expect(await axeViolations(page, 'asana-time-log'), `${theme}: axe`).toEqual([]);
        await page.screenshot({ path: `/tmp/approvals-widget-${name}-${theme}.png` });
        await page.close();
      }
      expect(bars.ok).toMatchObject({ level: 'ok', width: '50%' });
      expect(bars.warn).toMatchObject({ level: 'tl-warn', width: '95%' });
      expect(bars.over).toMatchObject({ level: 'tl-over', width: '100%' });
      expect(bars.ok!.color).toBe(rgb(bars.ok!.expected));
      expect(bars.over!.color).toBe(rgb(bars.over!.expected));
      expect(new Set([bars.ok!.color, bars.warn!.color, bars.over!.color]).size, `${theme}: three colours`).toBe(3);

      const page = await h.openAsana(`${h.taskUrl(costTask.gid, northwind.gid)}?theme=${theme}`);
      const percent = Math.round((world.budgetActual(cost).value! / world.budgetTotal(cost).value!) * 100);
      await textOf(gauge(page, /budget:/)).toBe(`${northwind.name} budget: ${percent}% used`);
      expect(await gauge(page, /estimated$/).count()).toBe(0); // no estimate on this task: no line
      expect(await axeViolations(page, 'asana-time-log'), `${theme}: cost, axe`).toEqual([]);
      await page.close();
    }
  });

  it('the timesheet filtered by a project shows its budget, and each row its task’s time against its estimate', async () => {
    const { world, seed } = h.sandbox;
    const internal = seed.projects.internal;
    const budget = world.budgetOf(internal.gid)!;
    expect(world.budgetTotal(budget).value).toBeNull(); // the seed's internal budget has its total off: no line
    const page = await openWeek({ project: internal.gid });
    const row = page.getByRole('table', { name: GRID }).locator('tbody tr').filter({ has: page.getByRole('link', { name: task.name, exact: true }) });
    await textOf(row.getByRole('rowheader').locator('p')).toBe(`${formatMinutes(world.actualTimeMinutes(task.gid))} of 5 h estimated`);
    expect(await page.locator('p').filter({ hasText: /budget:/ }).count()).toBe(0);
    await page.close();

    const website = seed.projects.website;
    const site = await openWeek({ project: website.gid });
    const actual = world.budgetActual(world.budgetOf(website.gid)!).value!;
    await textOf(site.locator('p').filter({ hasText: /budget:/ })).toBe(`${website.name} budget: ${formatMinutes(actual)} of ${formatMinutes(12_000)}`);
    for (const colorScheme of ['light', 'dark'] as const) {
      await site.emulateMedia({ colorScheme });
      expect(await axeViolations(site), colorScheme).toEqual([]);
      await site.screenshot({ path: `/tmp/approvals-timesheet-${colorScheme}.png`, fullPage: true });
    }
    await site.close();
  });

  it('has no axe violations in the week’s panel and its dialogs, light and dark', async () => {
    const page = await openWeek({}, addDays(MONDAY, -21)); // three weeks back: rejected (the seed's)
    await statusShown(page).toBe('Rejected');
    await panel(page).getByRole('button', { name: 'Submit again' }).click();
    await visible(page.getByRole('dialog'));
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page), colorScheme).toEqual([]);
      await page.screenshot({ path: `/tmp/approvals-dialog-${colorScheme}.png` });
    }
    await page.close();
  });
});

/** "#c92f54" as getComputedStyle writes it: "rgb(201, 47, 84)". */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
