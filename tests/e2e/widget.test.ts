/**
 * The time-log widget on sandbox task pages, in real Chromium with the built extension.
 * Everything is checked against what the sandbox stores or what a person sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cases from '../fixtures/asana/task-urls.json';
import { Harness, formatMinutes, widget, newestEntry, choose } from './harness';
import { datesBetween, localDate } from './calendar';
import { contentScriptReady } from './content-world';
import type { Page } from 'playwright-core';

let h: Harness;
const sum = (entries: Array<{ duration_minutes: number }>) => entries.reduce((s, e) => s + e.duration_minutes, 0);

beforeAll(async () => {
  h = await Harness.launch({ connect: true });
  // Every task gid in the URL cases exists in the sandbox, in the main workspace.
  const seen = new Set<string>();
  for (const c of cases) {
    if (c.task_gid && !h.sandbox.world.tasks.has(c.task_gid) && !seen.has(c.task_gid)) {
      seen.add(c.task_gid);
      h.sandbox.world.addTask({ gid: c.task_gid, name: `URL case ${c.task_gid}`, workspace: h.sandbox.seed.workspaces.main.gid, projects: [h.sandbox.seed.projects.website.gid] });
    }
  }
});
afterAll(async () => h?.close());

async function totalShown(page: Page) {
  return widget(page).getByTestId('total').textContent();
}

describe('finding the task', () => {
  it('mounts for every task URL shape and stays away from non-task pages', async () => {
    const page = await h.context.newPage();
    for (const c of cases) {
      if (!c.url.startsWith('https://app.asana.com') && !c.url.startsWith('http://app.asana.com')) continue;
      if (c.url.includes('/api/1.0/')) continue; // an API URL serves JSON, not a page
      await page.goto(c.url.replace('http://', 'https://'));
      if (c.task_gid) {
        await expect.poll(() => page.locator('asana-time-log section').getAttribute('data-task-gid'), { message: c.url }).toBe(c.task_gid);
      } else {
        // The content script has run (its world exists, and it decides synchronously that a page
        // without a task gets no widget): only then is "no widget" a finding.
        await contentScriptReady(h, page);
        expect(await page.locator('asana-time-log').count(), c.url).toBe(0);
      }
    }
    await page.close();
  });

  it('follows pushState navigation between tasks without reloads and never mounts twice', async () => {
    const { seed } = h.sandbox;
    const page = await h.openAsana(h.taskUrl(seed.tasks.big.gid, seed.projects.northwind.gid));
    await expect.poll(() => widget(page).getAttribute('data-task-gid')).toBe(seed.tasks.big.gid);
    const marker = await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = Math.random()));
    const rows = page.locator('.SpreadsheetTaskName');
    const count = Math.min(await rows.count(), 6);
    for (let i = 0; i < count; i++) {
      const href = await rows.nth(i).getAttribute('href');
      await rows.nth(i).click();
      const gid = href!.split('/task/')[1]!.split(/[/?]/)[0]!;
      await expect.poll(() => widget(page).getAttribute('data-task-gid')).toBe(gid);
      expect(await page.locator('asana-time-log').count()).toBe(1);
    }
    await page.goBack();
    await expect.poll(async () => (await page.locator('asana-time-log').count()) === 1 && (await widget(page).getAttribute('data-task-gid'))).toBeTruthy();
    expect(await page.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(marker); // no reload happened
    // Leaving the task (a project view) removes the widget.
    await page.evaluate((url) => (window as unknown as { __sandboxNavigate: (u: string) => void }).__sandboxNavigate(url), `/0/${seed.projects.website.gid}/list`);
    await expect.poll(() => page.locator('asana-time-log section').count()).toBe(0);
    await page.close();
  });
});

describe('figures', () => {
  it('shows the full total of a 250-entry task, my time, and every entry', async () => {
    const { seed, world } = h.sandbox;
    const entries = world.entriesOfTask(seed.tasks.big.gid);
    expect(entries.length).toBe(250);
    const mine = entries.filter((e) => e.created_by === seed.users.me.gid);
    const page = await h.openAsana(h.taskUrl(seed.tasks.big.gid));
    await expect.poll(() => totalShown(page)).toBe(formatMinutes(sum(entries)));
    expect(await widget(page).getByTestId('mine').textContent()).toBe(formatMinutes(sum(mine)));
    // The list is windowed (the latest ten), and offers the rest until every entry is shown.
    const w = widget(page);
    // (The list is a part loaded on demand: the total can be on screen before it.)
    await expect.poll(() => w.locator('li[data-entry-gid]').count()).toBe(10);
    await expect(w.getByRole('button', { name: /more of \d+ older entries/ }).textContent()).resolves.toMatch(/of 240 older/);
    while ((await w.getByRole('button', { name: /more of \d+ older entries/ }).count()) > 0) await w.getByRole('button', { name: /more of \d+ older entries/ }).click();
    await expect.poll(() => w.locator('li[data-entry-gid]').count()).toBe(250);
    const shownGids = new Set(await w.locator('li[data-entry-gid]').evaluateAll((els) => els.map((el) => el.getAttribute('data-entry-gid'))));
    expect(entries.every((e) => shownGids.has(e.gid))).toBe(true);
    await page.close();
  });

  it('shows a revisited task from the cache at once, then refreshes it', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[0]!;
    const page = await h.openAsana(h.taskUrl(task.gid));
    await expect.poll(() => totalShown(page)).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
    // Someone else logs 45 minutes in Asana meanwhile.
    const alex = seed.users.alex;
    const res = await fetch(`${h.sandbox.apiUrl}/tasks/${task.gid}/time_tracking_entries`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${alex.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { duration_minutes: 45 } }),
    }).catch(() => null);
    // The sandbox is HTTPS with a self-signed certificate: write through the world if fetch refused it.
    if (!res || !res.ok) world.addEntries(task.gid, 1, alex.gid);
    const before = sum(world.entriesOfTask(task.gid));
    const other = seed.ordinaryTasks[1]!;
    await page.evaluate((url) => (window as unknown as { __sandboxNavigate: (u: string) => void }).__sandboxNavigate(url), new URL(h.taskUrl(other.gid)).pathname);
    await expect.poll(() => widget(page).getAttribute('data-task-gid')).toBe(other.gid);
    await page.evaluate((url) => (window as unknown as { __sandboxNavigate: (u: string) => void }).__sandboxNavigate(url), new URL(h.taskUrl(task.gid)).pathname);
    await expect.poll(() => widget(page).getAttribute('data-task-gid')).toBe(task.gid);
    // Never "…": the cached figure is there immediately, then the fresh one.
    expect(await totalShown(page)).not.toBe('…');
    await expect.poll(() => totalShown(page), { timeout: 10_000 }).toBe(formatMinutes(before));
    await page.close();
  });

  it('shows Asana strings as text: HTML and script in names, descriptions and categories', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.tasks.hostile;
    const page = await h.openAsana(h.taskUrl(task.gid));
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await expect.poll(() => totalShown(page)).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
    const hostileEntry = world.entriesOfTask(task.gid).find((e) => /</.test(e.description));
    expect(hostileEntry, 'the seed has an entry with HTML in its description').toBeTruthy();
    await expect.poll(() => widget(page).getByText(hostileEntry!.description, { exact: true }).count()).toBeGreaterThan(0);
    expect(await widget(page).locator('img, script, iframe, b').count()).toBe(0);
    expect(dialogs).toBe(0);
    await page.close();
  });
});

describe('logging, editing and deleting', () => {
  it('logs an entry with Enter, with every field, and the sandbox stores it', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.tasks.twoProjects;
    const taskRecord = world.tasks.get(task.gid)!;
    const secondProject = taskRecord.projects[1]!;
    const page = await h.openAsana(h.taskUrl(task.gid, taskRecord.projects[0]));
    const w = widget(page);
    await expect.poll(() => totalShown(page)).not.toBe('…');
    const before = world.entriesOfTask(task.gid).length;
    const from = Date.now();
    await w.getByLabel('Duration').fill('1h 30');
    await expect.poll(() => w.getByText('= 1 h 30 min').count()).toBe(1); // read by the background
    await w.getByLabel('Description').fill('Wrote the <b>release</b> notes');
    await choose(w.getByLabel('Category'), { label: seed.categories.design.name });
    await choose(w.getByLabel('Billable'), 'nonBillable');
    await w.getByRole('button', { name: 'Yesterday' }).click();
    await expect.poll(() => w.getByLabel('Counts toward').count()).toBe(1);
    await choose(w.getByLabel('Counts toward'), secondProject);
    await w.getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before + 1);
    const stored = newestEntry(world, task.gid);
    expect(datesBetween(from, Date.now(), -1)).toContain(stored.entered_on);
    expect(stored).toMatchObject({
      duration_minutes: 90,
      description: 'Wrote the <b>release</b> notes',
      categories: [seed.categories.design.gid],
      billable_status: 'nonBillable',
      attributable_to: secondProject,
      created_by: seed.users.me.gid,
    });
    await expect.poll(() => w.getByText('Wrote the <b>release</b> notes', { exact: true }).count()).toBe(1);
    await page.close();
  });

  it('refuses a bad duration before sending anything', async () => {
    const { seed, world } = h.sandbox;
    const page = await h.openAsana(h.taskUrl(seed.tasks.empty.gid));
    const w = widget(page);
    await expect.poll(() => w.getByText('No time logged on this task yet.').count()).toBe(1);
    for (const [input, message] of [['25h', /at most 24 h/], ['0', /at least 1 minute/], ['soon', /not a duration we understand/]] as const) {
      await w.getByLabel('Duration').fill(input);
      await w.getByLabel('Duration').press('Enter');
      await expect.poll(() => w.getByRole('alert').first().textContent()).toMatch(message);
    }
    expect(world.entriesOfTask(seed.tasks.empty.gid)).toHaveLength(0);
    await page.close();
  });

  it('takes a start and an end instead of a duration, also past midnight, and Asana stores the minutes on the day they began', async () => {
    const { seed, world } = h.sandbox;
    const task = world.addTask({ name: 'Run the quarterly planning workshop', workspace: seed.workspaces.main.gid, projects: [seed.projects.internal.gid] });
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => w.getByText('No time logged on this task yet.').count()).toBe(1);
    const hint = w.locator('[id$="-duration-hint"]').first();
    const cases = [
      ['9:00-10:30', '9:00–10:30 = 1 h 30 min', 90],
      ['21:30-00:15', '21:30–0:15 (next day) = 2 h 45 min', 165],
    ] as const;
    for (const [typed, shown, minutes] of cases) {
      const from = Date.now();
      await w.getByLabel('Duration').fill(typed);
      await expect.poll(() => hint.textContent()).toBe(shown); // read by the background
      await w.getByLabel('Duration').press('Enter');
      await expect.poll(() => world.entriesOfTask(task.gid).filter((e) => e.duration_minutes === minutes).length).toBe(1);
      const stored = world.entriesOfTask(task.gid).find((e) => e.duration_minutes === minutes)!;
      // The form's day (today): the day the time began, also for the range that ends tomorrow.
      expect(datesBetween(from, Date.now(), 0)).toContain(stored.entered_on);
      expect(stored.created_by).toBe(seed.users.me.gid);
    }
    await page.close();
  });

  it('rolls an entry back with Asana’s reason when Asana refuses it, and lets me discard it', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[2]!;
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => totalShown(page)).not.toBe('…');
    // Load the categories, then archive one behind the extension's back: Asana will refuse it.
    await w.getByLabel('Duration').focus();
    const category = seed.categories.research;
    await expect.poll(() => w.getByLabel('Category').locator('option', { hasText: category.name }).count()).toBe(1);
    world.categories.get(category.gid)!.is_archived = true;
    const before = world.entriesOfTask(task.gid).length;
    const totalBefore = await totalShown(page);
    await w.getByLabel('Duration').fill('20m');
    await choose(w.getByLabel('Category'), { label: category.name });
    await w.getByRole('button', { name: 'Log time' }).click();
    await expect.poll(() => w.getByRole('alert').filter({ hasText: 'Not saved' }).count()).toBe(1);
    expect(await w.getByRole('alert').filter({ hasText: 'Not saved' }).textContent()).toMatch(/archived/i);
    expect(await totalShown(page)).toBe(totalBefore); // rolled back
    expect(world.entriesOfTask(task.gid)).toHaveLength(before);
    await w.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => w.getByText('Not saved').count()).toBe(0);
    world.categories.get(category.gid)!.is_archived = false;
    await page.close();
  });

  it('edits my entry; others’ and submitted ones are read-only with the reason', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.tasks.big;
    // The entries this test needs, made now and dated today so that they head the windowed list
    // whatever the seed made of today's date.
    const [mine] = world.addEntries(task.gid, 1, seed.users.me.gid, { entered_on: world.today(), approval_status: 'DRAFT', duration_minutes: 50 });
    const [submitted] = world.addEntries(task.gid, 1, seed.users.me.gid, { entered_on: world.today(), approval_status: 'SUBMITTED', duration_minutes: 55 });
    const [theirs] = world.addEntries(task.gid, 1, seed.users.alex.gid, { entered_on: world.today(), approval_status: 'DRAFT', duration_minutes: 65 });
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => totalShown(page)).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
    const row = w.locator(`[data-entry-gid="${mine!.gid}"]`);
    await row.getByRole('button', { name: /^Edit / }).click();
    await w.getByLabel('Duration').nth(1).fill('2h 5m');
    await w.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => world.entries.get(mine!.gid)?.duration_minutes).toBe(125);
    // Someone else's entry: no edit or delete, and the reason.
    const others = w.locator(`[data-entry-gid="${theirs!.gid}"]`);
    expect(await others.getByRole('button', { name: /^(Edit|Delete) / }).count()).toBe(0);
    expect(await others.textContent()).toContain(`Logged by ${seed.users.alex.name}: only they can change it.`);
    // Mine, but submitted on a timesheet: read-only too, saying why.
    const locked = w.locator(`[data-entry-gid="${submitted!.gid}"]`);
    expect(await locked.getByRole('button', { name: /^(Edit|Delete) / }).count()).toBe(0);
    expect(await locked.textContent()).toContain('Submitted for approval: it can no longer be changed.');
    expect(world.entries.get(submitted!.gid)?.duration_minutes).toBe(55);
    await page.close();
  });

  it('keeps an edit form open, with what was typed in it, while the entries beyond the newest 50 are read again', async () => {
    const { seed, world } = h.sandbox;
    const task = world.addTask({ name: 'A long list', projects: [seed.projects.website.gid] });
    world.addEntries(task.gid, 55, seed.users.me.gid, { approval_status: 'DRAFT' });
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    const rows = w.locator('li[data-entry-gid]');
    await expect.poll(() => totalShown(page)).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
    await expect.poll(() => rows.count()).toBe(10);
    // Each "Show more" waits for what it shows (the second reads beyond the summary's 50).
    for (const shown of [50, 55]) {
      await w.getByRole('button', { name: /more of \d+ older entr/ }).click();
      await expect.poll(() => rows.count()).toBe(shown);
    }
    // The oldest of the newest 50 (the summary every view holds): a new entry pushes it beyond them.
    const gid = await rows.nth(49).getAttribute('data-entry-gid');
    await w.locator(`[data-entry-gid="${gid}"]`).getByRole('button', { name: /^Edit / }).click();
    const form = w.locator('form[aria-label="Edit time entry"]');
    await form.getByLabel('Description').fill('typed, not saved yet');
    const log = w.locator('form[aria-label="Log time"]');
    await log.getByLabel('Duration').fill('5m');
    await log.getByRole('button', { name: 'Log time' }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(56);
    // Every entry still shown: the new one, and those pushed beyond the newest 50 (the one being
    // edited is its form).
    await expect.poll(() => w.getByText(/waiting to sync/).count()).toBe(0);
    await expect.poll(() => rows.count()).toBe(55);
    expect(await form.count()).toBe(1);
    expect(await form.getByLabel('Description').inputValue()).toBe('typed, not saved yet');
    await page.close();
  });

  it('reads an entry afresh before editing: one submitted for approval since cannot be edited', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[11]!;
    const [mine] = world.addEntries(task.gid, 1, seed.users.me.gid, { approval_status: 'DRAFT' });
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    const row = w.locator(`[data-entry-gid="${mine!.gid}"]`);
    await row.waitFor();
    world.entries.get(mine!.gid)!.approval_status = 'SUBMITTED'; // submitted on a timesheet meanwhile
    await row.getByRole('button', { name: /^Edit / }).click();
    await expect.poll(() => w.getByRole('alert').first().textContent()).toBe('Submitted for approval: it can no longer be changed.');
    expect(await w.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await expect.poll(() => row.getByRole('button', { name: /^Edit / }).count()).toBe(0); // the cache was updated too
    await page.close();
  });

  it('deletes after asking, offers undo, and deletes for real when not undone', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[3]!;
    world.addEntries(task.gid, 2, seed.users.me.gid);
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => totalShown(page)).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
    const [first, second] = world.entriesOfTask(task.gid).filter((e) => e.created_by === seed.users.me.gid && e.approval_status === 'DRAFT');
    // Undo.
    await w.locator(`[data-entry-gid="${first!.gid}"]`).getByRole('button', { name: /^Delete / }).click();
    await w.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => w.getByRole('button', { name: 'Undo' }).count()).toBe(1);
    await w.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => w.locator(`[data-entry-gid="${first!.gid}"]`).count()).toBe(1);
    // Undone means the delete left the outbox: nothing remains that could send it later.
    await expect.poll(async () => ((await h.storage('outbox')).outbox?.ops ?? []).filter((o: { targetGid: string }) => o.targetGid === first!.gid).length).toBe(0);
    expect(world.entries.has(first!.gid)).toBe(true);
    // Keep, then delete for real.
    await w.locator(`[data-entry-gid="${second!.gid}"]`).getByRole('button', { name: /^Delete / }).click();
    await w.getByRole('button', { name: 'Keep' }).click();
    expect(world.entries.has(second!.gid)).toBe(true);
    await w.locator(`[data-entry-gid="${second!.gid}"]`).getByRole('button', { name: /^Delete / }).click();
    await w.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => world.entries.has(second!.gid), { timeout: 15_000 }).toBe(false);
    // The first delete's undo window has long passed by now: it was never sent.
    expect(world.entries.has(first!.gid)).toBe(true);
    expect(h.sandbox.stats.count({ method: 'DELETE', path: first!.gid })).toBe(0);
    await page.close();
  });
});

describe('timer', () => {
  it('runs in every open view of the task and logs the elapsed time on stop', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[4]!;
    const pageA = await h.openAsana(h.taskUrl(task.gid));
    const pageB = await h.openAsana(h.taskUrl(task.gid));
    await widget(pageA).getByRole('button', { name: /Start timer/ }).click();
    await expect.poll(() => widget(pageB).getByRole('timer').count()).toBe(1);
    // Pretend it started 25 min 20 s ago (the state is a start time in storage).
    const startedAt = Date.now() - (25 * 60 + 20) * 1000;
    await h.setTimerStart(startedAt);
    await expect.poll(() => widget(pageB).getByRole('timer').textContent()).toMatch(/^25:2\d$/);
    const before = world.entriesOfTask(task.gid).length;
    await widget(pageB).getByRole('button', { name: /Stop timer/ }).click();
    // A run that crossed midnight (the sweep's Monday 00:10, New Year) first asks what to log: all of it, by day.
    const crossed = localDate(startedAt) !== localDate(Date.now());
    if (crossed) await widget(pageB).getByRole('button', { name: /^Log all of it/ }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBeGreaterThanOrEqual(before + 1);
    if (crossed) {
      // One entry per day, sent one after the other: wait for the whole run, not the first day.
      const parts = () => world.entriesOfTask(task.gid).slice(before);
      await expect.poll(() => parts().reduce((sum, e) => sum + e.duration_minutes, 0)).toBeGreaterThanOrEqual(24);
      expect(parts().every((e) => e.created_by === seed.users.me.gid)).toBe(true);
    } else {
      expect(newestEntry(world, task.gid)).toMatchObject({ duration_minutes: 25, entered_on: localDate(startedAt), created_by: seed.users.me.gid });
      await expect.poll(() => widget(pageB).getByRole('status').first().textContent()).toMatch(/25:2\d rounded to 25 min/);
    }
    await expect.poll(() => widget(pageA).getByRole('timer').count()).toBe(0);
    await pageA.close();
    await pageB.close();
  });
});

describe('theme and keyboard', () => {
  it('keeps typing in the widget away from Asana’s keyboard shortcuts', async () => {
    const page = await h.openAsana(h.taskUrl(h.sandbox.seed.tasks.empty.gid));
    const w = widget(page);
    await w.getByLabel('Description').click();
    await page.keyboard.type('quick note');
    expect(await w.getByLabel('Description').inputValue()).toBe('quick note');
    // The same keys outside the widget do reach the page (the sandbox imitates Asana's shortcuts).
    await page.locator('.FullWidthPageStructureWithDetailsOverlay-mainContent').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('q');
    expect(await page.evaluate(() => (window as unknown as { __sandboxShortcuts: string[] }).__sandboxShortcuts)).toEqual(['q']);
    await page.close();
  });

  it('can be used from the keyboard alone: Tab to the duration, type, Enter', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[6]!;
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => totalShown(page)).not.toBe('…');
    await w.getByRole('button', { name: /Start timer/ }).focus();
    await page.keyboard.press('Tab');
    expect(await w.getByLabel('Duration').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    const before = world.entriesOfTask(task.gid).length;
    await page.keyboard.type('20m');
    await page.keyboard.press('Enter');
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before + 1);
    await page.close();
  });

  it('follows Asana’s dark theme', async () => {
    const page = await h.openAsana(`${h.taskUrl(h.sandbox.seed.tasks.empty.gid)}?theme=dark`);
    await expect.poll(() => widget(page).getAttribute('class')).toMatch(/tl-dark/);
    await page.getByLabel('Theme').selectOption('light');
    await expect.poll(() => widget(page).getAttribute('class')).toMatch(/tl-light/);
    await page.close();
  });
});

describe('a new user’s compact widget', () => {
  let fresh: Harness;
  beforeAll(async () => {
    fresh = await Harness.launch({ connect: true, widget: 'defaults' });
  });
  afterAll(async () => fresh?.close());

  it('is one compact row that opens in place, logs with just a duration, and remembers the sections a person opens', async () => {
    const { seed, world } = fresh.sandbox;
    const task = seed.ordinaryTasks[12]!;
    const page = await fresh.openAsana(fresh.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => w.getByTestId('total').textContent()).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
    // A row among the task's fields: the totals and the timer; the form one click away.
    const row = w.getByRole('button', { name: 'Time tracking' });
    expect(await row.getAttribute('aria-expanded')).toBe('false');
    expect(await w.getByRole('button', { name: /Start timer/ }).count()).toBe(1);
    expect(await w.getByLabel('Duration').count()).toBe(0);
    await row.click();
    // (Drawn after the click's handler has run: waited for, not read at once.)
    await expect.poll(() => row.getAttribute('aria-expanded')).toBe('true');
    // Opened: a duration and Log; the rest one click away.
    await expect.poll(() => w.getByLabel('Duration').count()).toBe(1);
    expect(await w.getByLabel('Description').count()).toBe(0);
    expect(await w.locator('li[data-entry-gid]').count()).toBe(0);
    const more = w.getByRole('button', { name: 'More options' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    const showEntries = w.getByRole('button', { name: /^Show entries \(\d+\)$/ });
    expect(await showEntries.textContent()).toBe(`Show entries (${world.entriesOfTask(task.gid).length})`);

    // Two keystrokes' worth: a duration and Enter log to today.
    const before = world.entriesOfTask(task.gid).length;
    const from = Date.now();
    await w.getByLabel('Duration').fill('35m');
    await w.getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before + 1);
    expect(newestEntry(world, task.gid)).toMatchObject({ duration_minutes: 35, created_by: seed.users.me.gid });
    expect(datesBetween(from, Date.now())).toContain(newestEntry(world, task.gid).entered_on);

    // Opened sections stay open: on another task, and after a reload.
    await more.click();
    await w.getByRole('button', { name: /^Show entries/ }).click();
    await expect.poll(() => w.getByLabel('Description').count()).toBe(1);
    await expect.poll(() => w.locator('li[data-entry-gid]').count()).toBeGreaterThan(0);
    const other = seed.ordinaryTasks[13]!;
    if (world.entriesOfTask(other.gid).length === 0) world.addEntries(other.gid, 2, seed.users.alex.gid);
    await page.evaluate((url) => (window as unknown as { __sandboxNavigate: (u: string) => void }).__sandboxNavigate(url), new URL(fresh.taskUrl(other.gid)).pathname);
    await expect.poll(() => w.getAttribute('data-task-gid')).toBe(other.gid);
    expect(await w.getByLabel('Description').count()).toBe(1);
    expect(await w.getByRole('button', { name: 'Fewer options' }).getAttribute('aria-expanded')).toBe('true');
    await page.reload();
    await expect.poll(() => widget(page).getByLabel('Description').count()).toBe(1);
    await widget(page).getByRole('button', { name: 'Fewer options' }).click();
    await widget(page).getByRole('button', { name: 'Hide entries' }).click();
    await expect.poll(() => widget(page).getByLabel('Description').count()).toBe(0);
    expect(await widget(page).locator('li[data-entry-gid]').count()).toBe(0);
    // Closed again, the row is just the figures, on every task.
    await widget(page).getByRole('button', { name: 'Time tracking' }).click();
    await expect.poll(() => widget(page).getByLabel('Duration').count()).toBe(0);
    expect(await widget(page).getByTestId('total').count()).toBe(1);
    await page.close();
  });
});
