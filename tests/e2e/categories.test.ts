/**
 * The categories manager (options page, Categories tab), in real Chromium with the built
 * extension against the sandbox. Each test checks what a person sees on the page, or what the
 * sandbox (standing in for Asana) stored.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLOR_KEY, CATEGORY_HEX } from '../../components/colors';
import { getMessageAs } from '../i18n/browser-i18n';
import type { CategoryRecord, EntryRecord } from '../sandbox/types';
import { Harness, formatMinutes } from './harness';

let h: Harness;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  h = await Harness.launch({ connect: true });
});
afterAll(async () => h?.close());
// Every test starts from the seeded world, with no page left open by the one before.
beforeEach(() => h.sandbox.reset());
afterEach(async () => {
  for (const page of h.context.pages()) await page.close();
});

/** Waits for a value a person would see change (vitest's default of 1 s is too short for a browser). */
const eventually = <T>(read: () => T | Promise<T>, timeout = 20_000) => expect.poll(read, { timeout, interval: 50 });
const mainWs = () => h.sandbox.seed.workspaces.main.gid;
const localDate = (offsetDays = 0) => {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const categoriesOf = (archived: boolean) =>
  [...h.sandbox.world.categories.values()].filter((c) => c.workspace === mainWs() && c.is_archived === archived).sort((a, b) => a.gid.localeCompare(b.gid));
const findByName = (name: string) => [...h.sandbox.world.categories.values()].filter((c) => c.name === name);
const seeded = (key: keyof typeof h.sandbox.seed.categories) => h.sandbox.world.categories.get(h.sandbox.seed.categories[key].gid);
const countRequests = (method: string, path: string | RegExp, since: number) => h.sandbox.stats.count({ method, path, since });

async function openCategories(hash = ''): Promise<Page> {
  const page = await h.openOptions(`#categories${hash}`);
  await page.getByTestId('active-categories').waitFor({ timeout: 15_000 });
  return page;
}

const activeList = (page: Page) => page.getByTestId('active-categories');
const archivedList = (page: Page) => page.getByTestId('archived-categories');
const rowOf = (page: Page, gid: string) => page.locator(`li[data-category-gid="${gid}"]`);
const status = (page: Page) => page.getByTestId('category-status');

/** What a list shows: gid, name, colour name and swatch colour of every row, in gid order. */
async function shown(list: Locator) {
  const rows = await list.locator(':scope > li').evaluateAll((lis) =>
    lis.map((li) => ({
      gid: li.getAttribute('data-category-gid')!,
      name: li.querySelector('[data-testid="category-name"]')!.textContent,
      colour: li.querySelector('[data-testid="category-colour"]')!.textContent,
      swatch: getComputedStyle(li.querySelector('[data-testid="category-swatch"]')!).backgroundColor,
    })),
  );
  return rows.sort((a, b) => a.gid.localeCompare(b.gid));
}

const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
};
const expectedRows = (cats: CategoryRecord[]) => cats.map((c) => ({ gid: c.gid, name: c.name, colour: getMessageAs('en', COLOR_KEY[c.color]), swatch: rgb(CATEGORY_HEX[c.color]) }));

async function axeViolations(page: Page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run());
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

describe('listing', () => {
  it("shows every active category of the chosen workspace (following Asana's pages), with its colour, names as plain text", async () => {
    const { world, seed } = h.sandbox;
    // 16 seeded + 110 more: two pages of 100.
    for (let i = 0; i < 110; i++) world.addCategory({ name: `Client ${String(i).padStart(3, '0')}`, color: (['red', 'aqua', 'none', 'pink'] as const)[i % 4], workspace: mainWs() });
    world.addCategory({ name: 'Volunteering', workspace: seed.workspaces.noTracking.gid });

    const page = await openCategories();
    const expected = expectedRows(categoriesOf(false));
    expect(expected.length).toBe(126);
    await eventually(() => shown(activeList(page))).toEqual(expected);
    expect(await page.getByRole('heading', { name: 'Categories (126)' }).count()).toBe(1);

    // The hostile name is text: no element was made from it.
    const hostile = rowOf(page, seed.categories.hostile.gid).getByTestId('category-name');
    expect(await hostile.textContent()).toBe(seed.categories.hostile.name);
    expect(await hostile.locator('b, script, img').count()).toBe(0);
    // Archived ones are not in the active list.
    expect(await rowOf(page, seed.categories.archived.gid).count()).toBe(0);
  });

  it('shows the archived categories on demand, and hides them again', async () => {
    const page = await openCategories();
    expect(await archivedList(page).count()).toBe(0);
    await page.getByRole('checkbox', { name: /Show archived categories/ }).check();
    await eventually(() => shown(archivedList(page))).toEqual(expectedRows(categoriesOf(true)));
    expect(await archivedList(page).getByTestId('category-name').allTextContents()).toEqual(['Legacy consulting']);
    expect(page.url()).toContain('archived=1');

    await page.getByRole('checkbox', { name: /Show archived categories/ }).uncheck();
    await eventually(() => archivedList(page).count()).toBe(0);
  });
});

describe('changing categories', () => {
  it('creates a category with the name and colour chosen with the keyboard alone', async () => {
    const page = await openCategories();
    const name = page.locator('#cat-new-name');
    await name.focus();
    await page.keyboard.type('Client workshops');
    await page.keyboard.press('Tab'); // into the colour radio group (first swatch)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('value'))).toBe('none');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight'); // none → … → indigo
    expect(await page.getByRole('radio', { name: 'Indigo' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Create category');
    await page.keyboard.press('Enter');

    await eventually(() => status(page).textContent()).toBe('Created “Client workshops”.');
    const stored = findByName('Client workshops');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: 'Client workshops', color: 'indigo', workspace: mainWs(), is_archived: false });
    await eventually(() => rowOf(page, stored[0]!.gid).getByTestId('category-name').textContent()).toBe('Client workshops');
    expect(await rowOf(page, stored[0]!.gid).getByTestId('category-colour').textContent()).toBe('Indigo');
    // Ready for the next one.
    expect(await name.inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cat-new-name');
  });

  it('validates a new category before sending anything, with messages tied to the fields', async () => {
    const page = await openCategories();
    const mark = h.sandbox.stats.mark();
    const before = h.sandbox.world.categories.size;
    const name = page.locator('#cat-new-name');
    const colours = page.getByRole('radiogroup', { name: 'Colour' });
    const create = page.getByRole('button', { name: 'Create category' });

    await create.click();
    expect(await page.locator('#cat-new-name-msg').textContent()).toBe('Enter a name for the category.');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect((await name.getAttribute('aria-describedby'))!.split(' ')).toContain('cat-new-name-msg');
    expect(await page.locator('#cat-new-color-msg').textContent()).toBe('Pick a colour (or “No colour”).');
    expect(await colours.getAttribute('aria-invalid')).toBe('true');
    expect(await colours.getAttribute('aria-describedby')).toBe('cat-new-color-msg');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cat-new-name');

    await name.fill('   ');
    await create.click();
    expect(await page.locator('#cat-new-name-msg').textContent()).toBe('Enter a name for the category.');

    await page.getByRole('radio', { name: 'Aqua' }).check();
    expect(await page.locator('#cat-new-color-msg').count()).toBe(0);
    expect(await colours.getAttribute('aria-invalid')).toBeNull();

    await name.fill('x'.repeat(201));
    await create.click();
    expect(await page.locator('#cat-new-name-msg').textContent()).toBe('Use at most 200 characters (this name has 201).');

    await name.fill('design ');
    await create.click();
    expect(await page.locator('#cat-new-name-msg').textContent()).toBe('There is already a category called “Design”. Choose another name.');

    await name.fill('Legacy Consulting');
    await create.click();
    expect(await page.locator('#cat-new-name-msg').textContent()).toContain('There is already an archived category called “Legacy consulting”.');

    // Fixing the name clears the message as it is typed.
    await name.fill('Legacy consulting 2');
    expect(await page.locator('#cat-new-name-msg').count()).toBe(0);
    expect(await name.getAttribute('aria-invalid')).toBeNull();

    expect(countRequests('POST', '/time_tracking_categories', mark)).toBe(0);
    expect(h.sandbox.world.categories.size).toBe(before);
  });

  it('renames a category', async () => {
    const design = h.sandbox.seed.categories.design;
    const page = await openCategories();
    await page.getByRole('button', { name: `Edit ${design.name}` }).click();
    const form = page.getByRole('form', { name: `Edit ${design.name}` });
    const name = form.getByLabel('Name');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe(`cat-edit-form-${design.gid}-name`);
    expect(await form.getByRole('radio', { name: 'Purple' }).isChecked()).toBe(true);

    // An empty name is refused here, before anything is sent.
    const mark = h.sandbox.stats.mark();
    await name.fill('');
    await name.press('Enter');
    expect(await form.getByText('Enter a name for the category.').count()).toBe(1);
    expect(countRequests('PUT', '/time_tracking_categories', mark)).toBe(0);

    await name.fill('Product design');
    await name.press('Enter');
    await eventually(() => status(page).textContent()).toBe('“Design” renamed to “Product design”.');
    expect(h.sandbox.world.categories.get(design.gid)).toMatchObject({ name: 'Product design', color: 'purple', is_archived: false });
    await eventually(() => rowOf(page, design.gid).getByTestId('category-name').textContent()).toBe('Product design');
    // Focus is back on the row's Edit button.
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe(`cat-edit-${design.gid}`);
  });

  it('recolours a category', async () => {
    const meetings = h.sandbox.seed.categories.meetings;
    const page = await openCategories();
    await page.getByRole('button', { name: `Edit ${meetings.name}` }).click();
    const form = page.getByRole('form', { name: `Edit ${meetings.name}` });
    await form.getByRole('radio', { name: 'Green', exact: true }).check();
    await form.getByRole('button', { name: 'Save' }).click();

    await eventually(() => status(page).textContent()).toBe('“Meetings” recoloured.');
    expect(h.sandbox.world.categories.get(meetings.gid)).toMatchObject({ name: 'Meetings', color: 'green' });
    await eventually(async () => (await shown(activeList(page))).find((r) => r.gid === meetings.gid)).toEqual({
      gid: meetings.gid,
      name: 'Meetings',
      colour: 'Green',
      swatch: rgb(CATEGORY_HEX.green),
    });
  });

  it('archives a category and unarchives it', async () => {
    const travel = h.sandbox.seed.categories.travel;
    const page = await openCategories('?archived=1');
    await archivedList(page).waitFor();

    await page.getByRole('button', { name: `Archive ${travel.name}` }).click();
    await eventually(() => status(page).textContent()).toBe('Archived “Travel”. It stays on past entries and can no longer be picked for new ones.');
    expect(seeded('travel')!.is_archived).toBe(true);
    await eventually(() => archivedList(page).getByTestId('category-name').allTextContents()).toEqual(['Legacy consulting', 'Travel']);
    expect(await activeList(page).locator(`li[data-category-gid="${travel.gid}"]`).count()).toBe(0);
    // Focus followed the category into the archived list.
    await eventually(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Unarchive Travel');

    await page.keyboard.press('Enter');
    await eventually(() => status(page).textContent()).toBe('Unarchived “Travel”. It can be picked for new entries again.');
    expect(seeded('travel')!.is_archived).toBe(false);
    await eventually(() => activeList(page).locator(`li[data-category-gid="${travel.gid}"]`).count()).toBe(1);
    await eventually(() => archivedList(page).getByTestId('category-name').allTextContents()).toEqual(['Legacy consulting']);
  });

  it('deletes a category only after confirming; cancelling keeps it', async () => {
    const research = h.sandbox.seed.categories.research;
    const { world } = h.sandbox;
    const tagged = [...world.entries.values()].filter((e) => e.categories.includes(research.gid)).map((e) => e.gid);
    expect(tagged.length).toBeGreaterThan(0);
    const page = await openCategories();
    const deleteButton = page.getByRole('button', { name: `Delete ${research.name}` });
    const dialog = page.getByRole('dialog', { name: 'Delete “Research”?' });

    // Escape cancels, and focus returns to the row's Delete button.
    await deleteButton.click();
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('The entries and their logged time stay');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await eventually(() => dialog.count()).toBe(0);
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe(`cat-delete-${research.gid}`);

    // So does the Cancel button.
    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => dialog.count()).toBe(0);
    expect(world.categories.has(research.gid)).toBe(true);
    expect(await rowOf(page, research.gid).count()).toBe(1);

    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Delete category' }).click();
    await eventually(() => status(page).textContent()).toBe('Deleted “Research”. Its entries keep their time, without this category.');
    expect(world.categories.has(research.gid)).toBe(false);
    await eventually(() => rowOf(page, research.gid).count()).toBe(0);
    // Asana keeps the entries (and their time); they just lose the category.
    for (const gid of tagged) expect(world.entries.get(gid)?.categories).toEqual([]);
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('cat-list-h');
  });
});

describe('entries of a category', () => {
  const inRange = (categoryGid: string, start: string, end: string) =>
    [...h.sandbox.world.entries.values()].filter((e) => e.categories.includes(categoryGid) && e.entered_on >= start && e.entered_on <= end);
  const sum = (entries: EntryRecord[]) => entries.reduce((s, e) => s + e.duration_minutes, 0);

  it('lists the entries over a date range with their total', async () => {
    const { world, seed } = h.sandbox;
    const dev = seed.categories.development;
    const page = await openCategories();
    await page.getByRole('button', { name: `Entries of ${dev.name}` }).click();
    const panel = page.getByTestId('category-entries');
    // Default: the last 30 days.
    const last30 = inRange(dev.gid, localDate(-29), localDate(0));
    await eventually(() => panel.getByTestId('category-total').textContent()).toBe(formatMinutes(sum(last30)));
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('cat-entries-h');

    const start = localDate(-170);
    const end = localDate(-8);
    await panel.getByLabel('From').fill(start);
    await panel.getByLabel('To').fill(end);
    await panel.getByRole('button', { name: 'Show' }).click();
    const expected = inRange(dev.gid, start, end);
    expect(expected.length).toBeGreaterThan(3);
    await eventually(() => panel.getByTestId('category-total').textContent()).toBe(formatMinutes(sum(expected)));
    expect(await panel.locator('tbody tr').count()).toBe(expected.length);
    expect(await panel.getByRole('status').textContent()).toContain(`in ${expected.length} entries`);
    expect(page.url()).toContain(`from=${start}`);
    expect(page.url()).toContain(`to=${end}`);

    // The newest entry comes first, with its task, author, duration and description.
    const newest = [...expected].sort((a, b) => b.entered_on.localeCompare(a.entered_on) || b.created_at.localeCompare(a.created_at))[0]!;
    const row = panel.locator(`tr[data-entry-gid="${newest.gid}"]`);
    expect(await panel.locator('tbody tr').first().getAttribute('data-entry-gid')).toBe(newest.gid);
    expect(await row.locator('time').getAttribute('datetime')).toBe(newest.entered_on);
    expect(await row.getByTestId('entry-task').textContent()).toBe(world.tasks.get(newest.task)!.name);
    expect(await row.getByTestId('entry-who').textContent()).toBe(world.users.get(newest.created_by)!.name);
    expect(await row.getByTestId('entry-duration').textContent()).toBe(formatMinutes(newest.duration_minutes));
    expect(await row.getByTestId('entry-description').textContent()).toBe(newest.description);

    // A quick range.
    await panel.getByRole('button', { name: 'Last 7 days' }).click();
    await eventually(() => panel.getByTestId('category-total').textContent()).toBe(formatMinutes(sum(inRange(dev.gid, localDate(-6), localDate(0)))));
  });

  it('shows names and descriptions with HTML in them as text', async () => {
    const hostile = h.sandbox.seed.categories.hostile;
    const expected = inRange(hostile.gid, localDate(-29), localDate(0));
    expect(expected.length).toBeGreaterThan(0);
    const page = await openCategories(`?category=${hostile.gid}`);
    const panel = page.getByTestId('category-entries');
    await eventually(() => panel.getByTestId('category-total').textContent()).toBe(formatMinutes(sum(expected)));
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe(`Time in ${hostile.name}`);
    const task = h.sandbox.world.tasks.get(h.sandbox.seed.tasks.hostile.gid)!;
    expect(await panel.getByTestId('entry-task').allTextContents()).toContain(task.name);
    expect(await panel.locator('table img, table script, table b').count()).toBe(0);
  });

  it('validates the date range before asking Asana', async () => {
    const dev = h.sandbox.seed.categories.development;
    const page = await openCategories(`?category=${dev.gid}`);
    const panel = page.getByTestId('category-entries');
    await panel.getByTestId('category-total').waitFor({ timeout: 15_000 });
    const mark = h.sandbox.stats.mark();

    await panel.getByLabel('From').fill(localDate(-3));
    await panel.getByLabel('To').fill(localDate(-10));
    await panel.getByRole('button', { name: 'Show' }).click();
    const to = panel.getByLabel('To');
    expect(await page.locator('#cat-range-end-msg').textContent()).toBe('The last day is before the first day. Pick a later date.');
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    expect(await to.getAttribute('aria-describedby')).toBe('cat-range-end-msg');

    await panel.getByLabel('From').fill('');
    await panel.getByRole('button', { name: 'Show' }).click();
    expect(await page.locator('#cat-range-start-msg').textContent()).toBe('Pick the first day.');
    expect(countRequests('GET', `/time_tracking_categories/${dev.gid}/time_tracking_entries`, mark)).toBe(0);
  });
});

describe("Asana's answers", () => {
  it("shows Asana's refusal of a new category in Asana's words, keeps what was typed, and stores nothing", async () => {
    const page = await openCategories();
    const ws = h.sandbox.world.workspaces.get(mainWs())!;
    ws.time_tracking = false; // the workspace's plan loses time tracking: Asana answers 402
    try {
      await page.locator('#cat-new-name').fill('Overtime');
      await page.getByRole('radio', { name: 'Red', exact: true }).check();
      await page.getByRole('button', { name: 'Create category' }).click();
      const refusal = page.getByTestId('cat-new-refusal');
      await refusal.waitFor();
      const text = await refusal.textContent();
      expect(text).toContain('Asana said: “Time tracking is not available on the plan of this workspace.');
      expect(text).toContain('Ask your Asana admin, or pick another workspace');
      expect(await refusal.getAttribute('role')).toBe('alert');
    } finally {
      ws.time_tracking = true;
    }
    expect(findByName('Overtime')).toHaveLength(0);
    expect(await page.locator('#cat-new-name').inputValue()).toBe('Overtime');
    // The refused write was explained by the form and is not left behind in the outbox.
    await eventually(async () => ((await h.storage('outbox')).outbox?.ops ?? []).length).toBe(0);
    expect(await page.getByText('Not saved:').count()).toBe(0);
  });

  it('asks Asana about a bookmarked category that is not in the lists, and says it was deleted', async () => {
    const travel = h.sandbox.seed.categories.travel;
    h.sandbox.world.categories.delete(travel.gid);
    const before = h.sandbox.stats.requests.filter((r) => r.method === 'GET' && r.path === `/api/1.0/time_tracking_categories/${travel.gid}`).length;
    const page = await openCategories(`?category=${travel.gid}`);
    const alert = page.getByRole('alert').filter({ hasText: 'That category is not in' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Asana could not find it');
    expect(h.sandbox.stats.requests.filter((r) => r.method === 'GET' && r.path === `/api/1.0/time_tracking_categories/${travel.gid}`).length).toBe(before + 1);
  });

  it('says when Asana no longer has the category being renamed', async () => {
    const planning = h.sandbox.seed.categories.planning;
    const page = await openCategories();
    await rowOf(page, planning.gid).waitFor();
    h.sandbox.world.categories.delete(planning.gid); // someone else deleted it meanwhile
    await page.getByRole('button', { name: `Edit ${planning.name}` }).click();
    const form = page.getByRole('form', { name: `Edit ${planning.name}` });
    await form.getByLabel('Name').fill('Roadmapping');
    await form.getByRole('button', { name: 'Save' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`Asana could not find it: it may have been deleted, or you may not have access. Asana said: “time_tracking_category: Unknown object: ${planning.gid}”`);
    expect(findByName('Roadmapping')).toHaveLength(0);
  });

  it('keeps a new category that cannot reach Asana, says it is waiting, and syncs it', async () => {
    h.sandbox.faults.failNext(1, '503', { method: 'POST', path: '/time_tracking_categories' });
    const page = await openCategories();
    await page.locator('#cat-new-name').fill('Offsite');
    await page.getByRole('radio', { name: 'Blue', exact: true }).check();
    await page.getByRole('button', { name: 'Create category' }).click();
    await eventually(() => status(page).textContent()).toContain('The new category “Offsite” is waiting to sync with Asana; it is kept and will be sent automatically.');

    // The outbox retries on its own; the list shows the category once Asana has it.
    await eventually(() => findByName('Offsite').length).toBe(1);
    const stored = findByName('Offsite')[0]!;
    expect(stored).toMatchObject({ color: 'blue', workspace: mainWs(), is_archived: false });
    await eventually(() => rowOf(page, stored.gid).getByTestId('category-name').textContent()).toBe('Offsite');
    await eventually(() => page.getByText('change waiting to sync').count()).toBe(0);
  });
});

describe('before the manager can be used', () => {
  it('points to the Account tab when not connected', async () => {
    const fresh = await Harness.launch({ useSandbox: h.sandbox });
    try {
      const page = await fresh.openOptions('#categories');
      const prompt = page.getByTestId('categories-prompt');
      await prompt.waitFor();
      expect(await prompt.getByRole('heading').textContent()).toBe('Connect to Asana first');
      await prompt.getByRole('link', { name: 'Account' }).click();
      await eventually(() => page.getByRole('tab', { name: 'Account' }).getAttribute('aria-selected')).toBe('true');
      expect(new URL(page.url()).hash).toBe('#account');
    } finally {
      await fresh.close();
    }
  });

  it('points to the Preferences tab when no workspace is chosen, and opens once one is', async () => {
    const settings = (await h.storage(h.userKey('settings')))[h.userKey('settings')];
    await h.updateSettings({ workspaceGid: null });
    try {
      const page = await h.openOptions('#categories');
      const prompt = page.getByTestId('categories-prompt');
      await prompt.waitFor();
      expect(await prompt.getByRole('heading').textContent()).toBe('Choose a workspace first');
      expect(await prompt.getByRole('link', { name: 'Preferences' }).getAttribute('href')).toBe('#preferences');
      // Choosing the workspace (as the Preferences tab does) brings the manager up in place.
      await h.updateSettings({ workspaceGid: settings.workspaceGid });
      await activeList(page).waitFor({ timeout: 15_000 });
    } finally {
      await h.updateSettings({ workspaceGid: settings.workspaceGid, defaultCategoryGid: settings.defaultCategoryGid, defaultBillable: settings.defaultBillable });
    }
  });
});

describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations in ${scheme} mode: lists, forms with errors, entries, and the delete dialog`, async () => {
      const dev = h.sandbox.seed.categories.development;
      const page = await openCategories(`?archived=1&category=${dev.gid}`);
      await page.emulateMedia({ colorScheme: scheme });
      await archivedList(page).waitFor();
      await page.getByTestId('category-total').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Create category' }).click(); // validation messages showing
      await page.getByRole('button', { name: `Edit ${h.sandbox.seed.categories.admin.name}` }).click(); // an edit form open
      await page.screenshot({ path: `/tmp/categories-${scheme}.png`, fullPage: true });
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: `Delete ${h.sandbox.seed.categories.design.name}` }).click();
      await page.getByRole('dialog').waitFor();
      await page.screenshot({ path: `/tmp/categories-${scheme}-dialog.png` });
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
