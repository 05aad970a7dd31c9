/**
 * The toolbar popup against the sandbox: the current tab's task, typeahead with the keyboard,
 * recent tasks, logging with Enter (the task's new total shown), the timer, shortcuts, the
 * not-connected prompt, and accessibility.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { Harness, formatMinutes, newestEntry } from './harness';
import { localDate } from './calendar';

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch();
});
afterAll(async () => h?.close());
afterEach(async () => {
  for (const p of h.context.pages().slice(1)) await p.close();
});

const sum = (entries: Array<{ duration_minutes: number }>) => entries.reduce((s, e) => s + e.duration_minutes, 0);

describe('not connected', () => {
  it('prompts to connect and opens the options page', async () => {
    const popup = await h.openPopup();
    await popup.getByRole('button', { name: 'Connect to Asana' }).click();
    await expect.poll(() => h.context.pages().some((p) => p.url().includes('/options.html'))).toBe(true);
  });
});

describe('connected', () => {
  beforeAll(async () => {
    await h.connectWithToken(h.sandbox.demoToken);
  });

  it('selects the task in the active tab and logs to it with Enter, then shows the new total', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[5]!;
    const asana = await h.openAsana(h.taskUrl(task.gid));
    const popup = await h.openPopupOver(asana);
    await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(task.name);
    const before = world.entriesOfTask(task.gid).length;
    await popup.getByLabel('Duration').fill('45m');
    await popup.getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before + 1);
    expect(newestEntry(world, task.gid)).toMatchObject({ duration_minutes: 45, created_by: seed.users.me.gid });
    const total = sum(world.entriesOfTask(task.gid));
    await expect.poll(() => popup.getByRole('status').first().textContent()).toBe(`Logged 45 min to “${task.name}”. Task total: ${formatMinutes(total)}.`);
  });

  it('finds a task by typeahead with the keyboard, and remembers it as recent', async () => {
    const { seed, world } = h.sandbox;
    const target = seed.ordinaryTasks[7]!;
    const home = await h.openAsana('/0/home/' + seed.workspaces.main.gid);
    const popup = await h.openPopupOver(home);
    const search = popup.getByRole('combobox', { name: 'Find a task' });
    // It asks for the focus (a background tab, as the harness opens it, cannot always take it).
    expect(await search.evaluate((el) => (el as HTMLInputElement).autofocus)).toBe(true);
    const word = target.name.split(' ').find((w) => w.length > 4)!;
    await search.fill(word);
    const matches = popup.getByRole('listbox', { name: 'Matching tasks' }).getByRole('option');
    await expect.poll(() => matches.count()).toBeGreaterThan(0);
    const options = await matches.allTextContents();
    const index = options.findIndex((o) => o.startsWith(target.name));
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await search.press('ArrowDown');
    await search.press('Enter');
    await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(target.name);
    await popup.getByLabel('Duration').fill('1:15');
    await popup.getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(target.gid).some((e) => e.duration_minutes === 75 && e.created_by === seed.users.me.gid)).toBe(true);
    // Next time, with nothing typed, it is among the recent tasks.
    const again = await h.openPopupOver(home);
    await expect.poll(() => again.getByRole('listbox', { name: 'Recent tasks' }).getByRole('option').first().textContent()).toBe(target.name);
  });

  it('says so when nothing matches', async () => {
    const home = await h.openAsana('/0/home/' + h.sandbox.seed.workspaces.main.gid);
    const popup = await h.openPopupOver(home);
    await popup.getByRole('combobox', { name: 'Find a task' }).fill('zzqqxx no such task');
    await expect.poll(() => popup.getByText('No task matches. Try another word.').count()).toBe(1);
  });

  it('starts the timer on the selected task, shows it, and stops it logging the time', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[8]!;
    const asana = await h.openAsana(h.taskUrl(task.gid));
    const popup = await h.openPopupOver(asana);
    await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(task.name);
    await popup.getByRole('button', { name: /Start timer on this task/ }).click();
    await expect.poll(() => popup.getByRole('region', { name: 'Running timer' }).textContent()).toContain(task.name);
    const startedAt = Date.now() - 3 * 60_000;
    await h.setTimerStart(startedAt);
    const worker = await h.serviceWorker();
    await expect.poll(() => popup.getByRole('timer').textContent()).toMatch(/^3:0\d$/);
    const before = world.entriesOfTask(task.gid).length;
    await popup.getByRole('button', { name: 'Stop and log' }).click();
    // A run that crossed midnight (the sweep's New Year moment) first asks what to log: all of it, by day.
    const crossed = localDate(startedAt) !== localDate(Date.now());
    if (crossed) await popup.getByRole('button', { name: /^Log all of it/ }).click();
    // (Seconds on one side of midnight round to no minutes: then one day gets all of it.)
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBeGreaterThanOrEqual(before + 1);
    // By day: one entry per day, sent one after the other, so the whole run is waited for.
    if (crossed) await expect.poll(() => world.entriesOfTask(task.gid).slice(before).reduce((sum, e) => sum + e.duration_minutes, 0)).toBeGreaterThanOrEqual(2);
    else expect(newestEntry(world, task.gid).duration_minutes).toBe(3);
    // The badge is cleared with the timer.
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
  });

  it('discards a timer without logging anything', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[9]!;
    const asana = await h.openAsana(h.taskUrl(task.gid));
    const popup = await h.openPopupOver(asana);
    await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(task.name);
    await popup.getByRole('button', { name: /Start timer on this task/ }).click();
    const worker = await h.serviceWorker();
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('0:00');
    const before = world.entriesOfTask(task.gid).length;
    await popup.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => popup.getByRole('region', { name: 'Running timer' }).count()).toBe(0);
    expect(world.entriesOfTask(task.gid).length).toBe(before);
  });

  it('shows its keyboard shortcuts', async () => {
    const popup = await h.openPopup();
    // The list comes from browser.commands.getAll(), which answers after the first paint.
    await expect.poll(() => popup.locator('footer li').count()).toBeGreaterThanOrEqual(2);
    const shortcuts = await popup.locator('footer li').allTextContents();
    expect(shortcuts).toEqual(expect.arrayContaining([expect.stringMatching(/Alt\+Shift\+L\s*Open this popup/), expect.stringMatching(/Alt\+Shift\+S\s*Start or stop the timer/)]));
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no accessibility violations (${scheme})`, async () => {
      const asana = await h.openAsana(h.taskUrl(h.sandbox.seed.tasks.twoProjects.gid));
      const popup = await h.openPopupOver(asana);
      await popup.emulateMedia({ colorScheme: scheme });
      await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(h.sandbox.seed.tasks.twoProjects.name);
      await popup.getByLabel('Duration').fill('nonsense');
      await popup.getByLabel('Duration').press('Enter'); // an error showing
      await popup.screenshot({ path: `tests/.artifacts/popup-${scheme}.png`, fullPage: true });
      expect(await axeViolations(popup)).toEqual([]);
    });
  }
});
