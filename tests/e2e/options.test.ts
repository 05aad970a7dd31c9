/**
 * The options page's Account, Preferences and Privacy tabs, and accessibility of the account
 * forms and of the widget itself. (Categories, Timesheet and the self-check have their own files.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { Harness, widget } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch({ connect: true });
});
afterAll(async () => h?.close());
afterEach(async () => {
  for (const p of h.context.pages().slice(1)) await p.close();
});

describe('preferences', () => {
  it('remembers the workspace and applies the default category and billable status to new entries', async () => {
    const { seed, world } = h.sandbox;
    const options = await h.openOptions('#preferences');
    const workspace = options.getByLabel('Workspace');
    await expect.poll(() => workspace.locator('option').allTextContents()).toEqual(expect.arrayContaining([world.workspaces.get(seed.workspaces.main.gid)!.name]));
    await workspace.selectOption(seed.workspaces.main.gid);
    await expect.poll(() => options.getByLabel('Default category for new entries').locator('option', { hasText: seed.categories.meetings.name }).count()).toBe(1);
    await options.getByLabel('Default category for new entries').selectOption({ label: seed.categories.meetings.name });
    await expect.poll(() => options.getByRole('status').textContent()).toBe('Default category saved.');
    await options.getByLabel('Default billable status').selectOption('billable');
    await expect.poll(() => options.getByRole('status').textContent()).toBe('Default billable status saved.');

    // Remembered: a fresh options page shows the choices.
    const again = await h.openOptions('#preferences');
    await expect.poll(() => again.getByLabel('Workspace').inputValue()).toBe(seed.workspaces.main.gid);
    await expect.poll(() => again.getByLabel('Default category for new entries').inputValue()).toBe(seed.categories.meetings.gid);
    expect(await again.getByLabel('Default billable status').inputValue()).toBe('billable');

    // Applied: the widget's form starts with them, and Asana stores them.
    const task = seed.ordinaryTasks[10]!;
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await w.getByLabel('Duration').fill('25m');
    await expect.poll(() => w.getByLabel('Category').inputValue()).toBe(seed.categories.meetings.gid);
    await w.getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(task.gid).find((e) => e.duration_minutes === 25 && e.created_by === seed.users.me.gid)).toMatchObject({
      categories: [seed.categories.meetings.gid],
      billable_status: 'billable',
    });
  });
});

describe('privacy', () => {
  it('the Privacy tab shows PRIVACY.md as text: every section, its tables, markup characters as characters', async () => {
    const source = readFileSync('PRIVACY.md', 'utf8');
    const options = await h.openOptions('#account');
    await options.getByRole('tab', { name: 'Privacy' }).click();
    expect(new URL(options.url()).hash).toBe('#privacy');
    const policy = options.getByTestId('privacy-policy');
    await policy.waitFor();
    // Its headings, one level below the page's own (the extension's name).
    const headings = [...source.matchAll(/^(#+) (.*)$/gm)].map((m) => `h${m[1]!.length + 1} ${m[2]!.replace(/[*`]/g, '')}`);
    expect(await policy.locator('h2, h3, h4').evaluateAll((els) => els.map((e) => `${e.localName} ${e.textContent}`))).toEqual(headings);
    expect(await policy.locator('table').count()).toBe(2);
    expect(await policy.locator('table').first().locator('tbody tr').count()).toBe(source.split('## What is sent')[0]!.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| item')).length);
    // `u:<user>:settings` is text: an innerHTML would have made <user> an element.
    expect(await policy.locator('code', { hasText: 'u:<user>:settings' }).count()).toBeGreaterThan(0);
    expect(await policy.locator('user, script, img').count()).toBe(0);
    expect(await policy.textContent()).toContain('Remove all data from this browser (options page; it asks first).');
    expect(await axeViolations(options)).toEqual([]);
  });
});

describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`the account tab (both connect forms) has no axe violations (${scheme})`, async () => {
      await h.message('session.signOut', {});
      const options = await h.openOptions('#account');
      await options.emulateMedia({ colorScheme: scheme });
      await options.getByRole('button', { name: 'Connect', exact: true }).click(); // an error showing
      await options.getByRole('alert').waitFor();
      expect(await axeViolations(options)).toEqual([]);
      await h.connectWithToken(h.sandbox.demoToken);
      const connected = await h.openOptions('#preferences');
      await connected.emulateMedia({ colorScheme: scheme });
      await connected.getByLabel('Workspace').waitFor();
      expect(await axeViolations(connected)).toEqual([]);
    });

    it(`the widget has no axe violations (${scheme} Asana theme)`, async () => {
      const page = await h.openAsana(`${h.taskUrl(h.sandbox.seed.tasks.big.gid)}?theme=${scheme}`);
      const w = widget(page);
      await expect.poll(() => w.getByTestId('total').textContent()).toMatch(/h/);
      await w.getByLabel('Duration').fill('nonsense');
      await w.getByLabel('Duration').press('Enter'); // an error showing
      const violations = await axeViolations(page, 'asana-time-log');
      expect(violations).toEqual([]);
    });
  }
});
