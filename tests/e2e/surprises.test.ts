/**
 * Issue 14, "No surprises": what a new user ran into, in the built extension against the sandbox.
 * Each block asserts what the person sees and what the sandbox stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from './axe';
import { Harness, widget } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await Harness.launch({ connect: true });
});
afterAll(async () => h?.close());

/** The colours of components/styles.css, as the browser computes them. */
const COLOURS = {
  light: { good: 'rgb(47, 125, 90)', bad: 'rgb(201, 47, 84)' },
  dark: { good: 'rgb(127, 209, 168)', bad: 'rgb(255, 143, 159)' },
};
const colour = (l: Locator, property: 'color' | 'border-left-color') => l.evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

describe('messages look like what they are (14.5)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`says a success as a status in success colours and a problem as an alert in error colours (${theme})`, async () => {
      const { seed, world } = h.sandbox;
      const task = seed.ordinaryTasks[theme === 'light' ? 13 : 14]!;
      const [mine] = world.addEntries(task.gid, 1, seed.users.me.gid, { approval_status: 'DRAFT', entered_on: world.today() });
      const page = await h.openAsana(`${h.taskUrl(task.gid)}?theme=${theme}`);
      const w = widget(page);
      await w.getByLabel('Duration').fill('20m');
      await w.getByLabel('Duration').press('Enter');
      const status = w.getByRole('status').filter({ hasText: 'Logged 20 min.' });
      await expect.poll(() => status.count()).toBe(1);
      expect(await colour(status, 'color')).toBe(COLOURS[theme].good);
      expect(await w.getByRole('alert').count()).toBe(0);
      expect(await axeViolations(page, 'asana-time-log'), theme).toEqual([]);
      // Submitted on a timesheet meanwhile: Edit is refused, and that is a problem, not a success.
      world.entries.get(mine!.gid)!.approval_status = 'SUBMITTED';
      await w.locator(`[data-entry-gid="${mine!.gid}"]`).getByRole('button', { name: /^Edit / }).click();
      const alert = w.getByRole('alert').filter({ hasText: 'Submitted for approval: it can no longer be changed.' });
      await expect.poll(() => alert.count()).toBe(1);
      expect(await colour(alert, 'border-left-color')).toBe(COLOURS[theme].bad);
      expect(await colour(alert, 'color')).not.toBe(COLOURS[theme].good);
      expect(await w.getByRole('status').filter({ hasText: 'Submitted for approval' }).count()).toBe(0);
      expect(await w.getByRole('status').filter({ hasText: 'Logged 20 min.' }).count()).toBe(0);
      expect(await axeViolations(page, 'asana-time-log'), theme).toEqual([]);
      await page.close();
    });
  }

  it('shows a timer stop Asana refuses as an alert in the popup, not in green', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[15]!;
    const category = seed.categories.research;
    await h.updateSettings({ defaultCategoryGid: category.gid });
    const before = world.entriesOfTask(task.gid).length;
    try {
      expect((await h.message('timer.start', { taskGid: task.gid })).ok).toBe(true);
      world.categories.get(category.gid)!.is_archived = true; // Asana now refuses entries with it
      const popup = await h.openPopup();
      await popup.getByRole('button', { name: 'Stop and log' }).click();
      const alert = popup.getByRole('alert').filter({ hasText: /^Not saved:/ });
      await expect.poll(() => alert.count()).toBeGreaterThan(0);
      expect(await colour(alert.first(), 'color')).not.toBe(COLOURS.light.good);
      expect(await popup.locator('main > p.tl-live').textContent()).toBe('');
      expect(world.entriesOfTask(task.gid)).toHaveLength(before);
      expect(await axeViolations(popup)).toEqual([]);
      await popup.close();
    } finally {
      world.categories.get(category.gid)!.is_archived = false;
      await h.updateSettings({ defaultCategoryGid: null });
    }
  });
});

describe('a workspace without time tracking (14.4)', () => {
  it('says once, plainly, that time tracking is not available there, and offers neither logging nor the timer', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.tasks.noTracking;
    const page = await h.openAsana(`https://app.asana.com/1/${seed.workspaces.noTracking.gid}/task/${task.gid}`);
    const w = widget(page);
    const said = 'Time tracking is not available in this workspace.';
    await expect.poll(() => w.getByText(said, { exact: true }).count()).toBe(1);
    // Said once: no error beside it (Asana's 402 words, advice about the options), no "…" waiting forever.
    expect(await w.getByRole('alert').count()).toBe(0);
    expect(await w.textContent()).not.toMatch(/…|plan|options/);
    expect(await w.getByRole('button', { name: /Start timer|Log time/ }).count()).toBe(0);
    expect(await w.getByLabel('Duration').count()).toBe(0);
    // Nor by the popup, or by asking the background directly.
    const popup = await h.openPopupOver(page);
    await expect.poll(() => popup.getByText(said, { exact: true }).count()).toBe(1);
    expect(await popup.getByRole('button', { name: /Start timer|Log time/ }).count()).toBe(0);
    await popup.close();
    const start = await h.message('timer.start', { taskGid: task.gid });
    expect(start).toMatchObject({ ok: false, error: { message: said } });
    expect((await h.storage(h.userKey('timer')))[h.userKey('timer')] ?? null).toBeNull();
    expect(world.entriesOfTask(task.gid)).toHaveLength(0);
    expect(await axeViolations(page, 'asana-time-log')).toEqual([]);
    await page.close();
  });
});

describe('time on a task that no longer exists (14.3)', () => {
  it('says the task is gone, offers neither logging nor the timer, and moves a refused timer entry to another task', async () => {
    const { seed, world } = h.sandbox;
    const doomed = world.addTask({ name: 'Draft the autumn newsletter', workspace: seed.workspaces.main.gid, projects: [seed.projects.marketing.gid] });
    const other = world.addTask({ name: 'Proofread the winter newsletter', workspace: seed.workspaces.main.gid, projects: [seed.projects.website.gid] });
    expect((await h.message('timer.start', { taskGid: doomed.gid, projectGid: seed.projects.marketing.gid })).ok).toBe(true);
    await h.setTimerStart(Date.now() - 40 * 60_000);
    world.tasks.delete(doomed.gid); // deleted in Asana while the timer ran
    const stop = await h.message('timer.stop', {});
    expect(stop.ok).toBe(true);
    const page = await h.openAsana(h.taskUrl(doomed.gid));
    const w = widget(page);
    await expect.poll(() => w.getByText('This task no longer exists in Asana.', { exact: true }).count()).toBe(1);
    expect(await w.getByRole('button', { name: /Start timer|Log time/ }).count()).toBe(0);
    // The timer's entry, refused (Asana knows no such task): moved to another task with Fix.
    const refused = w.getByRole('alert').filter({ hasText: 'Not saved' });
    await expect.poll(() => refused.count()).toBe(1);
    await refused.getByRole('button', { name: 'Fix' }).click();
    expect(await refused.textContent()).toContain(`Task: “${doomed.name}”`);
    await refused.getByRole('button', { name: 'Move to another task' }).click();
    await refused.getByRole('combobox', { name: 'Find a task' }).fill('winter newsletter');
    const match = refused.getByRole('listbox', { name: 'Matching tasks' }).getByRole('option', { name: new RegExp(other.name) });
    await match.waitFor();
    await match.click();
    expect(await refused.textContent()).toContain(`Moves to “${other.name}”`);
    await refused.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => world.entriesOfTask(other.gid).map((e) => e.duration_minutes)).toEqual([40]);
    // The old task's project is not the new task's: the time counts toward none of the old task's.
    const moved = world.entriesOfTask(other.gid)[0]!;
    expect(moved.created_by).toBe(seed.users.me.gid);
    expect([null, seed.projects.website.gid]).toContain(moved.attributable_to);
    await expect.poll(() => w.getByText('Not saved').count()).toBe(0);
    expect(await axeViolations(page, 'asana-time-log')).toEqual([]);
    await page.close();
  });

  it('still offers Stop and Discard for a timer running on a task deleted meanwhile, and Stop keeps its time to move', async () => {
    const { seed, world } = h.sandbox;
    const doomed = world.addTask({ name: 'Collect the survey answers', workspace: seed.workspaces.main.gid, projects: [seed.projects.marketing.gid] });
    expect((await h.message('timer.start', { taskGid: doomed.gid })).ok).toBe(true);
    await h.setTimerStart(Date.now() - 12 * 60_000);
    world.tasks.delete(doomed.gid); // deleted in Asana while the timer runs
    try {
      const page = await h.openAsana(h.taskUrl(doomed.gid));
      const w = widget(page);
      await expect.poll(() => w.getByText('This task no longer exists in Asana.', { exact: true }).count()).toBe(1);
      expect(await w.getByRole('button', { name: /Start timer|Log time/ }).count()).toBe(0);
      const stop = w.getByRole('button', { name: /^Stop timer at 1\d:\d\d/ });
      await expect.poll(() => stop.count()).toBe(1);
      expect(await w.getByRole('button', { name: 'Discard' }).count()).toBe(1);
      await stop.click();
      await expect.poll(async () => (await h.storage(h.userKey('timer')))[h.userKey('timer')] ?? null).toBeNull();
      // Asana refuses the entry (no such task): the stop says so, and the entry is kept, in sight, to move or discard.
      await expect.poll(() => w.getByRole('alert').filter({ hasText: 'Not saved: 12 min' }).count()).toBe(1);
      await expect.poll(() => w.getByRole('alert').filter({ hasText: 'Not saved: New entry of 12 min' }).filter({ has: page.getByRole('button', { name: 'Fix' }) }).count()).toBe(1);
      expect(await w.getByRole('button', { name: /^Stop timer/ }).count()).toBe(0);
      expect(world.entriesOfTask(doomed.gid)).toHaveLength(0);
      await page.close();
    } finally {
      await h.message('timer.discard', {});
    }
  });

  it('lets the refused time be discarded: nothing is stored, nothing waits', async () => {
    const { seed, world } = h.sandbox;
    const doomed = world.addTask({ name: 'Book the spring offsite', workspace: seed.workspaces.main.gid, projects: [seed.projects.internal.gid] });
    expect((await h.message('timer.start', { taskGid: doomed.gid })).ok).toBe(true);
    world.tasks.delete(doomed.gid);
    expect((await h.message('timer.stop', {})).ok).toBe(true);
    const page = await h.openAsana(h.taskUrl(doomed.gid));
    const w = widget(page);
    const refused = w.getByRole('alert').filter({ hasText: 'Not saved' });
    await expect.poll(() => refused.count()).toBe(1);
    await refused.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => w.getByText('Not saved').count()).toBe(0);
    expect((await h.storage('outbox')).outbox.ops.filter((o: { taskGid?: string }) => o.taskGid === doomed.gid)).toEqual([]);
    // Nor can a timer start on it now.
    expect(await h.message('timer.start', { taskGid: doomed.gid })).toMatchObject({ ok: false, error: { message: 'This task no longer exists in Asana.' } });
    await page.close();
  });
});

describe('a second entry typed while the first is saving (14.2)', () => {
  it('takes it at once, shows it as waiting, and saves it after the first; Enter again on the same text is no second entry', async () => {
    const { seed, world, faults } = h.sandbox;
    const task = world.addTask({ name: 'Answer the support queue', workspace: seed.workspaces.main.gid, projects: [seed.projects.internal.gid] });
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => w.getByText('No time logged on this task yet.').count()).toBe(1);
    faults.latency(1500, { method: 'POST', path: '/time_tracking_entries' }); // Asana is slow
    try {
      const box = w.getByLabel('Duration');
      await box.fill('20m');
      await box.press('Enter');
      await expect.poll(() => w.getByRole('button', { name: 'Saving…' }).count()).toBe(1);
      await box.press('Enter'); // impatient: the same text again
      await box.fill('35m');
      await box.press('Enter');
      // Taken: the box is empty for the next one, and the form says what waits.
      await expect.poll(() => w.getByRole('status').filter({ hasText: 'Waiting to be saved: 35 min' }).count()).toBe(1);
      expect(await box.inputValue()).toBe('');
      expect(world.entriesOfTask(task.gid).map((e) => e.duration_minutes)).not.toContain(35);
      await expect.poll(() => world.entriesOfTask(task.gid).map((e) => e.duration_minutes).sort(), { timeout: 15_000 }).toEqual([20, 35]);
      await expect.poll(() => w.getByRole('status').filter({ hasText: 'Logged 35 min.' }).count()).toBe(1);
      expect(await w.getByText(/Waiting to be saved/).count()).toBe(0);
      expect(await box.inputValue()).toBe('');
      await expect.poll(() => w.getByTestId('total').textContent()).toBe('55 min');
    } finally {
      faults.clear();
    }
    await page.close();
  });
});

describe('edit conflicts are visible (14.6)', () => {
  for (const choice of ['Save mine', "Keep Asana's"] as const) {
    it(`shows Asana's values beside mine when the entry changed while I edited it, and does what I choose (${choice})`, async () => {
      const { seed, world } = h.sandbox;
      const task = world.addTask({ name: `Review the ${choice === 'Save mine' ? 'April' : 'May'} invoices`, workspace: seed.workspaces.main.gid, projects: [seed.projects.internal.gid] });
      const [entry] = world.addEntries(task.gid, 1, seed.users.me.gid, { entered_on: world.today(), approval_status: 'DRAFT', duration_minutes: 45, description: 'Checked the totals' });
      const page = await h.openAsana(h.taskUrl(task.gid));
      const w = widget(page);
      const row = w.locator(`[data-entry-gid="${entry!.gid}"]`);
      await row.getByRole('button', { name: /^Edit / }).click();
      const box = w.getByLabel('Duration').nth(1);
      await box.waitFor();
      // Meanwhile, in Asana (another device, a colleague's script): longer, and described otherwise.
      Object.assign(world.entries.get(entry!.gid)!, { duration_minutes: 90, description: 'Checked the totals and the VAT' });
      await box.fill('2h');
      await w.getByRole('button', { name: 'Save' }).click();
      const conflict = w.getByRole('alert').filter({ hasText: 'This entry changed in Asana while you were editing it.' });
      await expect.poll(() => conflict.count()).toBe(1);
      const rows = await conflict.locator('tbody tr').allTextContents();
      expect(rows).toEqual(['Duration1 h 30 min2 h', 'DescriptionChecked the totals and the VATChecked the totals']);
      expect(await conflict.getByRole('columnheader').allTextContents()).toEqual(['Field', 'In Asana now', 'Yours']);
      // Nothing is written until I choose.
      expect(world.entries.get(entry!.gid)).toMatchObject({ duration_minutes: 90, description: 'Checked the totals and the VAT' });
      expect(await axeViolations(page, 'asana-time-log')).toEqual([]);
      await conflict.getByRole('button', { name: choice }).click();
      if (choice === 'Save mine') {
        await expect.poll(() => world.entries.get(entry!.gid)?.duration_minutes).toBe(120);
        expect(world.entries.get(entry!.gid)!.description).toBe('Checked the totals');
      } else {
        await expect.poll(() => w.getByRole('button', { name: 'Save' }).count()).toBe(0);
        await expect.poll(() => row.textContent()).toContain('Checked the totals and the VAT');
        expect(await row.textContent()).toContain('1 h 30 min');
        expect(world.entries.get(entry!.gid)).toMatchObject({ duration_minutes: 90, description: 'Checked the totals and the VAT' });
      }
      await expect.poll(() => conflict.count()).toBe(0);
      await page.close();
    });
  }
});

describe('every wait ends (14.8)', () => {
  it('says within 10 s that Asana has not answered, with Retry, instead of “…” without end', async () => {
    const { seed, world, faults } = h.sandbox;
    const task = world.addTask({ name: 'Plan the team offsite', workspace: seed.workspaces.main.gid, projects: [seed.projects.internal.gid] });
    world.addEntries(task.gid, 1, seed.users.me.gid, { duration_minutes: 25, entered_on: world.today() });
    faults.latency(14_000, { method: 'GET', path: `/tasks/${task.gid}/time_tracking_entries` }); // Asana hangs on this task
    try {
      const started = Date.now();
      const page = await h.openAsana(h.taskUrl(task.gid));
      const w = widget(page);
      const said = w.getByRole('status').filter({ hasText: 'Asana has not answered for 10 seconds.' });
      // Not before Asana has had its 10 s.
      await expect.poll(() => w.getByTestId('total').count()).toBe(1);
      expect(await said.count()).toBe(0);
      await expect.poll(() => said.count(), { timeout: 12_000 }).toBe(1);
      expect(Date.now() - started).toBeLessThan(12_000);
      expect(await w.getByTestId('total').textContent()).toBe('…');
      faults.clear();
      await said.getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => w.getByTestId('total').textContent(), { timeout: 20_000 }).toBe('25 min');
      expect(await said.count()).toBe(0);
      // A task that loads at once never says it.
      const quick = await h.openAsana(h.taskUrl(seed.tasks.big.gid));
      await expect.poll(() => widget(quick).getByTestId('total').textContent()).not.toBe('…');
      expect(await widget(quick).getByText(/has not answered/).count()).toBe(0);
      await quick.close();
      await page.close();
    } finally {
      faults.clear();
    }
  });

  it('says in the popup within 10 s that Asana has not answered, instead of “Loading task…” without end', async () => {
    const { seed, world, faults } = h.sandbox;
    const task = world.addTask({ name: 'Renew the domain names', workspace: seed.workspaces.main.gid, projects: [seed.projects.internal.gid] });
    const page = await h.openAsana(h.taskUrl(task.gid));
    await expect.poll(() => widget(page).getByTestId('total').textContent()).toBe('0 min');
    faults.latency(14_000, { method: 'GET', path: new RegExp(`/tasks/${task.gid}$`) }); // the task's details hang
    try {
      const started = Date.now();
      const popup = await h.openPopupOver(page);
      const said = popup.getByRole('alert').filter({ hasText: 'Asana has not answered for 10 seconds.' });
      await expect.poll(() => said.count(), { timeout: 12_000 }).toBe(1);
      expect(Date.now() - started).toBeLessThan(12_000);
      // When Asana answers after all, the task is there and the message goes.
      await expect.poll(() => popup.locator('.tl-task').textContent(), { timeout: 10_000 }).toBe(task.name);
      expect(await said.count()).toBe(0);
      await popup.close();
    } finally {
      faults.clear();
    }
    await page.close();
  });

  it('says within 10 s when a part of the widget has not loaded, and Retry loads it', async () => {
    const { seed, world } = h.sandbox;
    const task = world.addTask({ name: 'Archive the old invoices', workspace: seed.workspaces.main.gid, projects: [seed.projects.internal.gid] });
    world.addEntries(task.gid, 2, seed.users.me.gid, { duration_minutes: 15, entered_on: world.today() });
    await h.openWidgetSections();
    // The background's injection of the widget's lazily loaded part never answers: a fault put
    // into the real worker, as the sandbox's latency is put into Asana.
    const worker = await h.serviceWorker();
    await worker.evaluate(() => {
      const s = chrome.scripting as unknown as Record<string, unknown>;
      s.realExecuteScript ??= s.executeScript;
      s.executeScript = () => new Promise(() => undefined);
    });
    try {
      const started = Date.now();
      const page = await h.openAsana(h.taskUrl(task.gid));
      const w = widget(page);
      await expect.poll(() => w.getByTestId('total').textContent()).toBe('30 min');
      const said = w.getByRole('status').filter({ hasText: 'This part of the widget has not loaded in 10 seconds.' });
      await expect.poll(() => w.getByRole('status').filter({ hasText: 'Loading time entries…' }).count()).toBeGreaterThan(0);
      expect(await said.count()).toBe(0);
      await expect.poll(() => said.count(), { timeout: 12_000 }).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(12_000);
      await worker.evaluate(() => {
        const s = chrome.scripting as unknown as Record<string, unknown>;
        s.executeScript = s.realExecuteScript;
      });
      await said.first().getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => w.getByRole('button', { name: /^Edit / }).count(), { timeout: 10_000 }).toBe(2);
      expect(await said.count()).toBe(0);
      await page.close();
    } finally {
      await worker.evaluate(() => {
        const s = chrome.scripting as unknown as Record<string, unknown>;
        if (s.realExecuteScript) s.executeScript = s.realExecuteScript;
      });
      await h.resetWidgetSections();
    }
  });

  it('says on the options page within 10 s that Asana has not answered, in the categories and the timesheet, and Retry loads them', async () => {
    const { faults } = h.sandbox;
    faults.latency(14_000, { method: 'GET', path: '/time_tracking_categories' });
    faults.latency(14_000, { method: 'GET', path: '/time_tracking_entries' });
    try {
      const started = Date.now();
      const categories = await h.openOptions('#categories?archived=1');
      const timesheet = await h.openOptions('#timesheet');
      const slow = (page: Page, waiting: string) => page.getByRole('status').filter({ hasText: waiting }).filter({ hasText: 'Asana has not answered for 10 seconds.' });
      // The active categories are drawn from the background's cache; the archived ones wait for Asana.
      await expect.poll(() => categories.getByRole('status').filter({ hasText: 'Loading archived categories…' }).count()).toBe(1);
      expect(await slow(categories, 'Loading archived categories…').count()).toBe(0);
      await expect.poll(() => slow(categories, 'Loading archived categories…').count(), { timeout: 12_000 }).toBe(1);
      await expect.poll(() => slow(timesheet, 'Loading your time for this week…').count(), { timeout: 2_000 }).toBe(1);
      expect(Date.now() - started).toBeLessThan(13_000);
      faults.clear();
      await slow(categories, 'Loading archived categories…').getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => categories.getByTestId('archived-categories').count(), { timeout: 10_000 }).toBe(1);
      expect(await categories.getByText(/has not answered/).count()).toBe(0);
      await slow(timesheet, 'Loading your time for this week…').getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => timesheet.getByTestId('ts-total').count(), { timeout: 10_000 }).toBe(1);
      expect(await timesheet.getByText(/has not answered/).count()).toBe(0);
      await categories.close();
      await timesheet.close();
    } finally {
      faults.clear();
    }
  });
});

export type { Page };
