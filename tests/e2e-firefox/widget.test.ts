/**
 * The widget on sandbox task pages: every task URL shape (V0 and V1), Asana's pushState
 * navigation, logging with every field, a refused duration, editing, deleting with undo and for
 * real, the keyboard, Asana's themes and axe-core. Written against the shared driver: Firefox by default in this project, Chromium with
 * E2E_BROWSER=chromium. What is checked is what a person sees and what the sandbox stores.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import cases from '../fixtures/asana/task-urls.json';
import { formatMinutes, launchDriver, type Driver, type Tab } from '../e2e/driver';
import { localDate, sum } from './support';

let d: Driver;
beforeAll(async () => {
  d = await launchDriver({ connect: true });
  // Every task gid in the URL cases exists in the sandbox, in the main workspace.
  const { world, seed } = d.sandbox;
  for (const c of cases) {
    if (c.task_gid && !world.tasks.has(c.task_gid)) world.addTask({ gid: c.task_gid, name: `URL case ${c.task_gid}`, workspace: seed.workspaces.main.gid, projects: [seed.projects.website.gid] });
  }
});
afterAll(async () => d?.close());
afterEach(async () => d.closeTabs());

const total = (tab: Tab) => tab.widget().getByTestId('total').text();

describe('finding the task', () => {
  it('mounts for every V0 and V1 task URL shape and stays away from pages that are not a task', async () => {
    const tab = await d.openAsana('/');
    for (const c of cases) {
      if (!/^https?:\/\/app\.asana\.com/.test(c.url) || c.url.includes('/api/1.0/')) continue;
      await tab.goto(c.url.replace('http://', 'https://'));
      if (c.task_gid) {
        await expect.poll(() => tab.widget().attribute('data-task-gid'), { message: c.url }).toBe(c.task_gid);
      } else {
        // The page is there (Asana's own markup), and no widget with it.
        await expect.poll(() => tab.page().locator('.AsanaBaseTopbar').count(), { message: c.url }).toBe(1);
        expect(await tab.page().locator('asana-time-log').count(), c.url).toBe(0);
      }
    }
  });

  it('follows pushState navigation between tasks without a reload, never mounting twice, and leaves with the task', async () => {
    const { seed } = d.sandbox;
    const tab = await d.openAsana(d.taskUrl(seed.tasks.big.gid, seed.projects.northwind.gid));
    await expect.poll(() => tab.widget().attribute('data-task-gid')).toBe(seed.tasks.big.gid);
    const marker = await tab.evaluate(() => ((window as unknown as { __marker: number }).__marker = Math.random()));
    const rows = tab.page().locator('a.SpreadsheetTaskName');
    const count = Math.min(await rows.count(), 4);
    expect(count).toBeGreaterThan(1);
    for (let i = 0; i < count; i++) {
      const href = await rows.nth(i).attribute('href');
      await rows.nth(i).click();
      const gid = href!.split('/task/')[1]!.split(/[/?]/)[0]!;
      await expect.poll(() => tab.widget().attribute('data-task-gid')).toBe(gid);
      await expect.poll(() => total(tab)).not.toBe('…');
      expect(await tab.page().locator('asana-time-log').count()).toBe(1);
    }
    expect(await tab.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(marker); // no reload happened
    await tab.navigateInApp(`/0/${seed.projects.website.gid}/list`);
    await expect.poll(() => tab.widget().count()).toBe(0);
  });

  it('shows the full total of a 250-entry task and my time', async () => {
    const { seed, world } = d.sandbox;
    const entries = world.entriesOfTask(seed.tasks.big.gid);
    expect(entries.length).toBe(250);
    const tab = await d.openAsana(d.taskUrl(seed.tasks.big.gid));
    await expect.poll(() => total(tab)).toBe(formatMinutes(sum(entries)));
    expect(await tab.widget().getByTestId('mine').text()).toBe(formatMinutes(sum(entries.filter((e) => e.created_by === seed.users.me.gid))));
    expect(await tab.widget().locator('li[data-entry-gid]').count()).toBe(10); // the latest ten; the rest on demand
  });
});

describe('logging, editing and deleting', () => {
  it('logs an entry with every field and Enter; the sandbox stores it and the widget shows it as text', async () => {
    const { seed, world } = d.sandbox;
    const task = world.tasks.get(seed.tasks.twoProjects.gid)!;
    const tab = await d.openAsana(d.taskUrl(task.gid, task.projects[0]));
    const w = tab.widget();
    await expect.poll(() => total(tab)).not.toBe('…');
    const before = new Set(world.entriesOfTask(task.gid).map((e) => e.gid));
    await w.getByLabel('Duration').fill('1h 30');
    await expect.poll(() => w.getByText('= 1 h 30 min').count()).toBe(1);
    await w.getByLabel('Description').fill('Wrote the <b>release</b> notes');
    await w.getByLabel('Category').selectOption({ label: seed.categories.design.name });
    await w.getByLabel('Billable').selectOption('nonBillable');
    await w.getByRole('button', { name: 'Yesterday' }).click();
    await expect.poll(() => w.getByLabel('Counts toward').count()).toBe(1);
    await w.getByLabel('Counts toward').selectOption(task.projects[1]!);
    await w.getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before.size + 1);
    expect(world.entriesOfTask(task.gid).find((e) => !before.has(e.gid))).toMatchObject({
      duration_minutes: 90,
      entered_on: localDate(-1),
      description: 'Wrote the <b>release</b> notes',
      categories: [seed.categories.design.gid],
      billable_status: 'nonBillable',
      attributable_to: task.projects[1],
      created_by: seed.users.me.gid,
    });
    await expect.poll(() => w.getByText('Wrote the <b>release</b> notes', { exact: true }).count()).toBe(1);
    expect(await w.locator('b, img, script').count()).toBe(0);
  });

  it('refuses a bad duration with a message before sending anything', async () => {
    const { seed, world } = d.sandbox;
    const tab = await d.openAsana(d.taskUrl(seed.tasks.empty.gid));
    const w = tab.widget();
    await expect.poll(() => w.getByText('No time logged on this task yet.').count()).toBe(1);
    const mark = d.sandbox.stats.mark();
    for (const [input, message] of [['25h', /at most 24 h/], ['soon', /not a duration we understand/]] as const) {
      await w.getByLabel('Duration').fill(input);
      await w.getByLabel('Duration').press('Enter');
      await expect.poll(() => w.getByRole('alert').first().text()).toMatch(message);
    }
    expect(world.entriesOfTask(seed.tasks.empty.gid)).toHaveLength(0);
    expect(d.sandbox.stats.requests.filter((r) => r.seq >= mark && r.method === 'POST')).toEqual([]);
  });

  it('says a new entry waits while Asana is down, and stops saying so once it has synced', async () => {
    const { world, seed, faults } = d.sandbox;
    const task = world.addTask({ name: 'Logged while Asana is down', projects: [seed.projects.website.gid] });
    const tab = await d.openAsana(d.taskUrl(task.gid));
    const w = tab.widget();
    await expect.poll(() => total(tab)).toBe('0 min');
    faults.inject({ kind: '503', method: 'POST', path: '/time_tracking_entries', count: Infinity });
    try {
      await w.getByLabel('Duration').fill('20m');
      await w.getByRole('button', { name: 'Log time' }).click();
      await expect.poll(() => w.getByRole('status').filter({ hasText: 'Saved 20 min; waiting to sync.' }).count()).toBe(1);
    } finally {
      faults.clear();
    }
    await expect.poll(() => world.entriesOfTask(task.gid).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => w.getByText(/waiting to sync/i).count(), { timeout: 10_000 }).toBe(0);
    expect(await total(tab)).toBe('20 min');
  });

  it('edits my entry; someone else’s is read-only and says why', async () => {
    const { seed, world } = d.sandbox;
    const task = seed.ordinaryTasks[1]!;
    const [mine] = world.addEntries(task.gid, 1, seed.users.me.gid, { approval_status: 'DRAFT' });
    world.addEntries(task.gid, 1, seed.users.alex.gid);
    const tab = await d.openAsana(d.taskUrl(task.gid));
    const w = tab.widget();
    const row = w.locator(`[data-entry-gid="${mine!.gid}"]`);
    await row.getByRole('button', { name: /^Edit / }).click();
    const form = w.locator('form[aria-label="Edit time entry"]');
    await form.getByLabel('Duration').fill('2h 5m');
    await form.getByLabel('Description').fill('Edited in the widget');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => world.entries.get(mine!.gid)?.duration_minutes).toBe(125);
    expect(world.entries.get(mine!.gid)?.description).toBe('Edited in the widget');
    await expect.poll(() => row.text()).toContain('Edited in the widget');
    await expect.poll(() => total(tab)).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
    const others = w.locator('li[data-entry-gid]').filter({ hasNotText: 'You' }).first();
    expect(await others.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    expect(await others.text()).toMatch(/only they can change it/);
  });

  it('deletes after asking, undoes within the window (nothing is deleted), and deletes for real otherwise', async () => {
    const { seed, world } = d.sandbox;
    const task = seed.ordinaryTasks[3]!;
    const [first, second] = world.addEntries(task.gid, 2, seed.users.me.gid, { approval_status: 'DRAFT' });
    const tab = await d.openAsana(d.taskUrl(task.gid));
    const w = tab.widget();
    await expect.poll(() => total(tab)).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
    // Undo: the row comes back, and the delete waiting in the outbox is gone (so none can reach Asana).
    await w.locator(`[data-entry-gid="${first!.gid}"]`).getByRole('button', { name: /^Delete / }).click();
    await w.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => w.locator(`[data-entry-gid="${first!.gid}"]`).count()).toBe(0);
    await w.getByRole('button', { name: /^Undo/ }).click();
    await expect.poll(() => w.locator(`[data-entry-gid="${first!.gid}"]`).count()).toBe(1);
    await expect.poll(async () => ((await d.storage('outbox')).outbox?.ops ?? []).filter((op: { targetGid?: string }) => op.targetGid === first!.gid).length).toBe(0);
    expect(world.entries.has(first!.gid)).toBe(true);
    // Keep, then delete for real.
    await w.locator(`[data-entry-gid="${second!.gid}"]`).getByRole('button', { name: /^Delete / }).click();
    await w.getByRole('button', { name: 'Keep' }).click();
    expect(world.entries.has(second!.gid)).toBe(true);
    await w.locator(`[data-entry-gid="${second!.gid}"]`).getByRole('button', { name: /^Delete / }).click();
    await w.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => world.entries.has(second!.gid), { timeout: 15_000 }).toBe(false);
    expect(world.entries.has(first!.gid)).toBe(true);
    await expect.poll(() => total(tab)).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
  });
});

describe('keyboard and theme', () => {
  it('keeps typing in the widget away from Asana’s shortcuts, and is usable from the keyboard alone', async () => {
    const { seed, world } = d.sandbox;
    const task = seed.ordinaryTasks[6]!;
    const tab = await d.openAsana(d.taskUrl(task.gid));
    const w = tab.widget();
    await expect.poll(() => total(tab)).not.toBe('…');
    await w.getByRole('button', { name: /Start timer/ }).focus();
    await tab.keyboard.press('Tab');
    expect(await w.getByLabel('Duration').isFocused()).toBe(true);
    const before = new Set(world.entriesOfTask(task.gid).map((e) => e.gid));
    await tab.keyboard.type('20m q');
    await tab.keyboard.press('Backspace');
    await tab.keyboard.press('Backspace');
    await tab.keyboard.press('Enter');
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before.size + 1);
    expect(world.entriesOfTask(task.gid).find((e) => !before.has(e.gid))).toMatchObject({ duration_minutes: 20, entered_on: localDate(0), created_by: seed.users.me.gid });
    // "q" typed in the widget never reached Asana's shortcut listener.
    expect(await tab.evaluate(() => (window as unknown as { __sandboxShortcuts: string[] }).__sandboxShortcuts)).toEqual([]);
  });

  it('has no axe violations in Asana’s light and dark themes, with an error showing', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const tab = await d.openAsana(`${d.taskUrl(d.sandbox.seed.tasks.big.gid)}?theme=${theme}`);
      const w = tab.widget();
      await expect.poll(() => w.getByTestId('total').text()).toMatch(/h/);
      await expect.poll(() => w.attribute('class')).toContain(`tl-${theme}`);
      await w.getByLabel('Duration').fill('nonsense');
      await w.getByLabel('Duration').press('Enter');
      await expect.poll(() => w.getByRole('alert').count()).toBeGreaterThan(0);
      expect(await tab.axe('widget'), theme).toEqual([]);
      await tab.close();
    }
  });

  it('follows Asana’s dark theme', async () => {
    const tab = await d.openAsana(`${d.taskUrl(d.sandbox.seed.tasks.empty.gid)}?theme=dark`);
    await expect.poll(() => tab.widget().attribute('class')).toMatch(/tl-dark/);
    await tab.page().getByLabel('Theme').selectOption('light');
    await expect.poll(() => tab.widget().attribute('class')).toMatch(/tl-light/);
  });
});
