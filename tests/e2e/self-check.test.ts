/**
 * The options page's self-check for bug reports (issue 15): for the last Asana task page seen,
 * which anchor placed the widget (or that it floated) and the theme found, with the extension's
 * and the browser's versions; "Copy diagnostic report" puts that text on the clipboard, and it
 * holds no names, ids or entries. In real Chromium, the built extension, the sandbox's pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderAppPage } from '../sandbox/pages.ts';
import { axeViolations } from './axe';
import { Harness, widget } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch({ connect: true, widget: 'defaults' });
});
afterAll(async () => h?.close());

const WITHIN = { timeout: 10_000 };
/** The self-check's lines as the page shows them, label → value. */
const shown = (options: Page) =>
  options.getByTestId('self-check').evaluate((dl) => Object.fromEntries([...dl.querySelectorAll('div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])));

/** An Asana task page whose pane Asana has renamed (as it did in 2022): no place is found, so the widget floats. */
async function openWithRenamedPane(url: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.route('https://app.asana.com/**', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const u = new URL(route.request().url());
    const body = renderAppPage(h.sandbox.world, u.pathname, u.search).replaceAll(`'TaskPane'`, `'TaskPaneV2'`).replaceAll(`"TaskPane"`, `"TaskPaneV2"`);
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  await page.goto(url);
  return page;
}

describe('the self-check', () => {
  it('shows and copies what the last task page showed, with the versions, and no names, ids or entries', async () => {
    const { seed, world } = h.sandbox;
    const options = await h.openOptions('#self-check');
    await options.getByTestId('self-check-none').waitFor();
    expect(await options.getByTestId('diagnostic-report').textContent()).toMatch(/\nLast task page: no Asana task page seen yet$/);

    // A task page in Asana's dark theme: the widget among the fields, the theme from Asana's class.
    const task = seed.tasks.twoProjects;
    const page = await h.openAsana(`${h.taskUrl(task.gid, seed.projects.website.gid)}?theme=dark`);
    await expect.poll(() => widget(page).getByTestId('total').count(), WITHIN).toBe(1);
    // The options page follows by itself (it reads the stored report).
    await expect.poll(() => shown(options), WITHIN).toMatchObject({
      'Widget’s place': 'among the task’s fields, before the description (the usual place) [fields]',
      Theme: 'dark (from Asana’s theme setting) [dark/asana]',
    });
    const facts = await shown(options);
    const manifest = await (await h.serviceWorker()).evaluate(() => chrome.runtime.getManifest().version);
    expect(facts.Extension).toBe(manifest);
    expect(facts.Browser).toMatch(/^(Chromium|Google Chrome) \d+\.\d+\.\d+\.\d+$/);
    expect(facts['Last task page']).toMatch(/\d{4}/);
    expect(await options.getByTestId('self-check-none').count()).toBe(0);
    expect(await axeViolations(options)).toEqual([]);

    // Copied to the clipboard, exactly as shown.
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await options.getByRole('button', { name: 'Copy diagnostic report' }).click();
    await expect.poll(() => options.getByRole('status').textContent(), WITHIN).toBe('Diagnostic report copied.');
    const copied = await options.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await options.getByTestId('diagnostic-report').textContent());
    expect(copied.split('\n')).toEqual([
      'Asana Time Log diagnostic report',
      `Extension: ${manifest}`,
      `Browser: ${facts.Browser}`,
      'Language: en (en-US)',
      `Last task page: ${facts['Last task page']}`,
      'Widget’s place: among the task’s fields, before the description (the usual place) [fields]',
      'Theme: dark (from Asana’s theme setting) [dark/asana]',
    ]);
    // Nothing of the person's or Asana's: no names, no e-mail, no ids (gids are long numbers), no entries.
    const me = seed.users.me;
    const secrets = [me.name, me.email, me.gid, task.gid, task.name, seed.workspaces.main.gid, seed.projects.website.gid, world.workspaces.get(seed.workspaces.main.gid)!.name];
    for (const e of world.entriesOfTask(task.gid)) secrets.push(e.gid, ...(e.description ? [e.description] : []));
    for (const s of secrets) expect(copied).not.toContain(s);
    expect(copied).not.toMatch(/\d{7,}/);

    // A page where Asana's pane is not recognised, in the light theme: it floated, and the check says so.
    const floating = await openWithRenamedPane(`${h.taskUrl(seed.tasks.milestone.gid)}?theme=light`);
    await expect.poll(() => floating.evaluate(() => document.querySelector('asana-time-log')?.parentElement === document.body), WITHIN).toBe(true);
    await expect.poll(() => shown(options), WITHIN).toMatchObject({
      'Widget’s place': 'floating: no known place found in the task pane [floating]',
      Theme: 'light (from Asana’s theme setting) [light/asana]',
    });
    await options.getByRole('button', { name: 'Copy diagnostic report' }).click();
    await expect.poll(() => options.evaluate(() => navigator.clipboard.readText()), WITHIN).toContain('\nWidget’s place: floating: no known place found in the task pane [floating]\n');
    await Promise.all([page.close(), floating.close(), options.close()]);
  });
});
