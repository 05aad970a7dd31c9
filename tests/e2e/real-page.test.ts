/**
 * The widget at home on Asana's real task page (issue 15), and acting only on the task the
 * person sees (issue 13), in real Chromium with the built extension, against the sandbox's
 * imitation of Asana's real markup (PLAYBOOK §7): every layout in light, dark and system themes,
 * reached by navigating between them; placement, theme and accessibility asserted; the floating
 * widget; inbox items; a page that changes the URL under Asana's pane.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { renderAppPage } from '../sandbox/pages.ts';
import { Harness, formatMinutes, widget } from './harness';

const DAY = '2026-12-01';
let h: Harness;
let ws: string;
beforeAll(async () => {
  // One day for the sandbox's data and the browser's clock: the page's layout (and so where the
  // floating widget may be dropped) follows the seeded entries' days, and varied with the date
  // (the drag test kept clear of the comment box by 9 px more on 2 December 2026 than on the 1st).
  h = await Harness.launch({ connect: true, widget: 'defaults', sandbox: { today: DAY }, clock: { at: `${DAY} 12:00:00`, zone: 'UTC' } });
  ws = h.sandbox.seed.workspaces.main.gid;
});
afterAll(async () => h?.close());

const sum = (entries: Array<{ duration_minutes: number }>) => entries.reduce((s, e) => s + e.duration_minutes, 0);
const totalOf = (gid: string) => formatMinutes(sum(h.sandbox.world.entriesOfTask(gid)));
const navigate = (page: Page, url: string) => page.evaluate((u) => (window as unknown as { __sandboxNavigate(u: string): void }).__sandboxNavigate(u), url);

/** Where the widget is and how it looks, as the page has it. */
function where(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('asana-time-log');
    const section = host?.shadowRoot?.querySelector('section[aria-label="Time tracking"]');
    if (!host?.isConnected || !section) return null;
    const pane = host.closest('.TaskPane');
    const container = pane?.parentElement?.closest('.FullWidthPageStructureWithDetailsOverlay-detailsOverlay, .FocusModePage-taskPane, .InboxPanesOrEmptyState-detailsPane, [data-layerid]');
    const layout = document.querySelector('.SandboxPage')?.getAttribute('data-layout');
    const next = host.nextElementSibling;
    return {
      floating: host.parentElement === document.body,
      /** A row among the field rows, just before the description (its wrapper is Asana's last field child). */
      inFieldsBeforeDescription: host.parentElement?.classList.contains('TaskPaneFields') === true && next?.querySelector(':scope > .TaskPaneFields-taskDescription') != null && host.previousElementSibling?.classList.contains('LabeledRowStructure') === true,
      paneTask: pane?.getAttribute('data-task-id') ?? null,
      widgetTask: section.getAttribute('data-task-gid'),
      where: !container ? null : container.matches('[data-layerid]') ? 'dialog' : container.matches('.FocusModePage-taskPane') ? 'full page' : container.matches('.InboxPanesOrEmptyState-detailsPane') ? 'inbox' : `docked over ${layout}`,
      theme: section.classList.contains('tl-dark') ? 'dark' : section.classList.contains('tl-light') ? 'light' : null,
      color: getComputedStyle(section).color,
      readOnly: section.querySelector('[role=alert]')?.textContent ?? null,
    };
  });
}

/** How long to wait for what the extension does (a request to the background, Asana's answer). */
const WITHIN = { timeout: 10_000 };
const TEXT = { light: 'rgb(30, 31, 33)', dark: 'rgb(245, 244, 243)' } as const;

/**
 * Opens an Asana page whose markup has some class (or role) values renamed, as after a change of
 * Asana's: in the served HTML and in the app's own view code (so navigation renders them too).
 */
async function openRewritten(url: string, renames: Array<[string, string]>): Promise<Page> {
  const page = await h.context.newPage();
  await page.route('https://app.asana.com/**', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const u = new URL(route.request().url());
    let body = renderAppPage(h.sandbox.world, u.pathname, u.search);
    for (const [from, to] of renames) body = body.replaceAll(`'${from}'`, `'${to}'`).replaceAll(`"${from}"`, `"${to}"`);
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  await page.goto(url);
  return page;
}

/** The widget sits among the task's fields in `layout`, for `task`, themed `theme`, and axe finds nothing. */
async function expectAtHome(page: Page, layout: string, task: string, theme: 'light' | 'dark') {
  await expect.poll(() => where(page), { ...WITHIN, message: layout }).toMatchObject({ floating: false, inFieldsBeforeDescription: true, where: layout, paneTask: task, widgetTask: task, theme, color: TEXT[theme], readOnly: null });
  await expect.poll(() => widget(page).getByTestId('total').textContent(), WITHIN).toBe(totalOf(task));
  expect(await axeViolations(page, 'asana-time-log'), `${layout}, ${theme}`).toEqual([]);
}

async function expectNoWidget(page: Page) {
  await expect.poll(() => where(page), WITHIN).toBeNull();
}

/** Every layout, reached by navigating through the app, as a person would. */
async function tourEveryLayout(page: Page, theme: 'light' | 'dark') {
  const { seed } = h.sandbox;
  const project = seed.projects.website.gid;
  await expectAtHome(page, 'docked over list', seed.tasks.twoProjects.gid, theme);

  // The project's board, then a card: docked over the board.
  await page.locator('.ProjectPageHeader nav a', { hasText: 'Board' }).click();
  await expectNoWidget(page);
  const card = page.locator('.BoardCardLayout').nth(1);
  const cardTask = (await card.getAttribute('data-task-id'))!;
  await card.click();
  await expectAtHome(page, 'docked over board', cardTask, theme);

  // Full screen (/f).
  await page.locator('.TaskPane .TaskPaneToolbar-fullScreenButton').click();
  await expect.poll(() => new URL(page.url()).pathname, WITHIN).toBe(`/0/${project}/${cardTask}/f`);
  await expectAtHome(page, 'full page', cardTask, theme);

  // The inbox: its item URLs name no task; the widget shows the pane's, once Asana confirmed it.
  await page.locator('#asana_sidebar a', { hasText: 'Inbox' }).click();
  await expectNoWidget(page);
  const item = page.locator('.InboxPanesOrEmptyState-pane a[href*="/item/"]').nth(1);
  const mark = h.sandbox.stats.mark();
  await item.click();
  const inboxTask = (await page.locator('.InboxPanesOrEmptyState-detailsPane > .TaskPane').getAttribute('data-task-id'))!;
  expect(page.url()).not.toContain(inboxTask);
  await expectAtHome(page, 'inbox', inboxTask, theme);
  expect(h.sandbox.stats.since(mark).some((r) => r.method === 'GET' && r.path === `/api/1.0/tasks/${inboxTask}` && r.status === 200)).toBe(true);

  // Home, and a task opened from it as a dialog.
  await page.locator('#asana_sidebar a', { hasText: 'Home' }).click();
  await expectNoWidget(page);
  const homeTask = page.locator('.HomePageContent a').first();
  const dialogTask = (await homeTask.getAttribute('href'))!.split('/').pop()!;
  await homeTask.click();
  await expectAtHome(page, 'dialog', dialogTask, theme);
  await page.locator('[data-layerid] .TaskPaneToolbar-closeButton').click();
  await expectNoWidget(page);

  // Back to a project's list through the sidebar and a row.
  await page.locator('#asana_sidebar a', { hasText: 'Website Redesign' }).click();
  await page.locator('.SpreadsheetTaskName').first().click();
  const rowTask = new URL(page.url()).pathname.split('/').pop()!;
  await expectAtHome(page, 'docked over list', rowTask, theme);
}

describe('at home in every layout, in every theme', () => {
  const start = () => h.taskUrl(h.sandbox.seed.tasks.twoProjects.gid, h.sandbox.seed.projects.website.gid);

  it('light: among the fields before the description, in each layout, navigating between them', async () => {
    const page = await h.openAsana(start());
    await page.getByLabel('Theme').selectOption('light');
    await tourEveryLayout(page, 'light');
    await page.close();
  });

  it('dark', async () => {
    const page = await h.openAsana(start());
    await page.getByLabel('Theme').selectOption('dark');
    await tourEveryLayout(page, 'dark');
    await page.close();
  });

  it('system: Asana follows a dark OS, and the widget follows Asana', async () => {
    const page = await h.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(start());
    await page.getByLabel('Theme').selectOption('system');
    expect(await page.evaluate(() => document.body.className)).toBe('DesignTokenThemeSelectors-theme--systemDarkMode');
    await tourEveryLayout(page, 'dark');
    // The OS turns light: Asana's class changes, and the widget with it.
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => document.body.className), WITHIN).toBe('DesignTokenThemeSelectors-theme--systemLightMode');
    await expect.poll(async () => (await where(page))?.theme, WITHIN).toBe('light');
    await page.getByLabel('Theme').selectOption('light');
    await page.close();
  });
});

describe('the theme', () => {
  it('is Asana’s, not the OS’s, when the person picked one in Asana (the body and pane are transparent)', async () => {
    const { seed } = h.sandbox;
    const page = await h.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`https://app.asana.com/0/0/${seed.tasks.empty.gid}/f?theme=light`);
    await expect.poll(async () => (await where(page))?.theme, WITHIN).toBe('light');
    expect(await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('.TaskPane')!).backgroundColor])).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
    // Nothing painted that says so either (Asana also has picture backgrounds): the class still decides.
    await page.addStyleTag({ content: '.ThemeSetter-themeBackground { background: transparent !important; }' });
    await navigate(page, `/0/0/${seed.tasks.milestone.gid}`); // a new pane (docked), so the theme is read afresh
    await expect.poll(async () => (await where(page))?.widgetTask, WITHIN).toBe(seed.tasks.milestone.gid);
    expect((await where(page))?.theme).toBe('light');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`https://app.asana.com/0/0/${seed.tasks.empty.gid}/f?theme=dark`);
    await expect.poll(async () => (await where(page))?.theme, WITHIN).toBe('dark');
    await page.close();
  });

  it('switches in the same frame as Asana’s', async () => {
    const page = await h.openAsana(`${h.taskUrl(h.sandbox.seed.tasks.empty.gid)}?theme=light`);
    await expect.poll(async () => (await where(page))?.theme, WITHIN).toBe('light');
    for (const [choice, theme] of [['dark', 'dark'], ['light', 'light'], ['dark', 'dark']] as const) {
      // Change Asana's theme, then look in the very next animation frame (before it is painted).
      const seen = await page.evaluate(
        (value) =>
          new Promise<{ cls: string; color: string }>((resolve) => {
            const select = document.querySelector('.SandboxThemePicker select') as HTMLSelectElement;
            select.value = value;
            select.dispatchEvent(new Event('change'));
            requestAnimationFrame(() => {
              const section = document.querySelector('asana-time-log')!.shadowRoot!.querySelector('section')!;
              resolve({ cls: section.className, color: getComputedStyle(section).color });
            });
          }),
        choice,
      );
      expect(seen.cls).toContain(`tl-${theme}`);
      expect(seen.color).toBe(TEXT[theme]);
    }
    await page.close();
  });
});

describe('placement', () => {
  it('stays above the fold on a task with a long description: before it, not below it', async () => {
    const { world, seed } = h.sandbox;
    const long = world.addTask({ name: 'A task with a long description', projects: [seed.projects.website.gid], notes: Array.from({ length: 80 }, (_, i) => `Paragraph ${i + 1} of the brief.`).join('\n') });
    const page = await h.openAsana(h.taskUrl(long.gid, seed.projects.website.gid));
    await expect.poll(() => where(page), WITHIN).toMatchObject({ inFieldsBeforeDescription: true, widgetTask: long.gid });
    const box = await page.evaluate(() => {
      const host = document.querySelector('asana-time-log')!.getBoundingClientRect();
      const description = document.querySelector('#TaskDescription')!.getBoundingClientRect();
      return { top: host.top, bottom: host.bottom, descriptionTop: description.top, descriptionBottom: description.bottom, viewport: innerHeight };
    });
    expect(box.bottom).toBeLessThan(box.viewport);
    expect(box.bottom).toBeLessThanOrEqual(box.descriptionTop);
    expect(box.descriptionBottom).toBeGreaterThan(box.viewport); // the description does run below the fold
    await page.close();
  });

  it('a description Asana draws after the fields: the widget, placed after the fields meanwhile, moves before it', async () => {
    const { seed } = h.sandbox;
    const page = await h.context.newPage();
    // The page draws each pane's description later than its fields: taken out as it arrives, put
    // back (as the fields' last child, where Asana has it) once the widget has found its place.
    await page.addInitScript(() => {
      const held = new Set<Element>();
      new MutationObserver(() => {
        for (const label of document.querySelectorAll('.TaskPaneFields .TaskPaneFields-taskDescription')) {
          const wrapper = label.parentElement!;
          if (held.has(wrapper)) continue;
          const fields = wrapper.parentElement!;
          held.add(wrapper);
          wrapper.remove();
          const host = () => document.querySelector('asana-time-log');
          const putBack = () => (host()?.isConnected ? setTimeout(() => fields.append(wrapper), 200) : requestAnimationFrame(putBack));
          putBack();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(h.taskUrl(seed.tasks.twoProjects.gid, seed.projects.website.gid));
    await expect.poll(() => page.evaluate(() => document.querySelector('asana-time-log')?.previousElementSibling?.className ?? null), WITHIN).toBe('TaskPaneFields');
    await expect.poll(() => where(page), WITHIN).toMatchObject({ floating: false, inFieldsBeforeDescription: true, widgetTask: seed.tasks.twoProjects.gid });
    expect(await page.locator('.TaskPaneFields > div > .TaskPaneFields-taskDescription').count()).toBe(1);
    await page.close();
  });

  it('a pane without the field grid gets the widget after the title row; without a title, after the toolbar', async () => {
    const { seed } = h.sandbox;
    const previous = () => page.evaluate(() => document.querySelector('asana-time-log')?.previousElementSibling?.className ?? null);
    // Asana renames its classes (it did, 2022-2024): no field grid.
    let page = await openRewritten(h.taskUrl(seed.tasks.milestone.gid), [['TaskPaneFields', 'TaskPaneFieldsNext']]);
    await expect.poll(previous, WITHIN).toBe('TitleInput TaskPane-titleRow');
    expect(await widget(page).getAttribute('data-task-gid')).toBe(seed.tasks.milestone.gid);
    await page.close();
    // No field grid and no title row either.
    page = await openRewritten(h.taskUrl(seed.tasks.emoji.gid), [['TaskPaneFields', 'TaskPaneFieldsNext'], ['TitleInput TaskPane-titleRow', 'TitleInputNext'], ['heading', 'group']]);
    await expect.poll(previous, WITHIN).toBe('TaskPaneToolbar TaskPane-header');
    expect(await widget(page).getAttribute('data-task-gid')).toBe(seed.tasks.emoji.gid);
    await page.close();
  });
});

describe('the floating widget', () => {
  /** Asana's pane under a new class name: no place for the widget, so it floats (the toolbar and comment box keep their names). */
  async function openWithRenamedPane(url: string): Promise<Page> {
    const page = await openRewritten(url, [['TaskPane', 'TaskPaneV2']]);
    await expect.poll(() => where(page), WITHIN).toMatchObject({ floating: true });
    return page;
  }
  const floatBox = (page: Page) => page.evaluate(() => {
    const r = document.querySelector('asana-time-log')!.shadowRoot!.querySelector('.tl-float')!.getBoundingClientRect();
    return { left: Math.round(r.left), top: Math.round(r.top), right: Math.round(r.right), bottom: Math.round(r.bottom) };
  });
  const keptClear = (page: Page) => page.evaluate(() => {
    const r = document.querySelector('asana-time-log')!.shadowRoot!.querySelector('.tl-float')!.getBoundingClientRect();
    return [...document.querySelectorAll('.TaskPaneToolbar, .TaskPane-footer')].every((el) => {
      const o = el.getBoundingClientRect();
      return r.right <= o.left || o.right <= r.left || r.bottom <= o.top || o.bottom <= r.top;
    });
  });

  it('never covers Asana’s comment box or toolbar; is dragged, and its place remembered', async () => {
    const { seed } = h.sandbox;
    const task = seed.ordinaryTasks[2]!;
    const page = await openWithRenamedPane(h.taskUrl(task.gid, seed.projects.website.gid));
    await expect.poll(() => widget(page).getByTestId('total').textContent(), WITHIN).toBe(totalOf(task.gid));
    // The default corner (bottom right) is where the docked pane's comment box is: it moved off it.
    expect(await keptClear(page)).toBe(true);
    expect(await axeViolations(page, 'asana-time-log')).toEqual([]);
    // Dragged by its grip, up and to the left.
    const grip = page.locator('asana-time-log').getByRole('button', { name: /Move time tracking/ });
    const g = (await grip.boundingBox())!;
    const before = await floatBox(page);
    await page.mouse.move(g.x + g.width / 2, g.y + g.height / 2);
    await page.mouse.down();
    await page.mouse.move(g.x + g.width / 2 - 500, g.y + g.height / 2 - 100, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => floatBox(page), WITHIN).toEqual({ left: before.left - 500, right: before.right - 500, top: before.top - 100, bottom: before.bottom - 100 });
    // Dropped on the comment box, it moves off it.
    const composer = (await page.locator('.TaskPane-footer').boundingBox())!;
    const at = (await grip.boundingBox())!;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.down();
    await page.mouse.move(composer.x + composer.width / 2, composer.y + composer.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => keptClear(page), WITHIN).toBe(true);
    // Moved with the keyboard too, and remembered across a reload.
    const placed = await floatBox(page);
    await grip.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await floatBox(page)).left, WITHIN).toBe(placed.left - 16);
    const remembered = await floatBox(page);
    await page.reload();
    await expect.poll(() => where(page), WITHIN).toMatchObject({ floating: true });
    await expect.poll(() => floatBox(page), WITHIN).toEqual(remembered);
    await page.close();
  });

  it('collapses to a pill showing the total, or the running timer; the state is remembered', async () => {
    const { seed } = h.sandbox;
    const task = seed.ordinaryTasks[4]!;
    const page = await openWithRenamedPane(h.taskUrl(task.gid, seed.projects.website.gid));
    await expect.poll(() => widget(page).getByTestId('total').textContent(), WITHIN).toBe(totalOf(task.gid));
    const host = page.locator('asana-time-log');
    await host.getByRole('button', { name: 'Collapse time tracking' }).click();
    const pill = host.getByRole('button', { name: /^Time tracking: / });
    await expect.poll(() => pill.textContent(), WITHIN).toContain(totalOf(task.gid));
    expect(await widget(page).count()).toBe(0);
    expect(await keptClear(page)).toBe(true);
    expect(await axeViolations(page, 'asana-time-log')).toEqual([]);
    await page.reload();
    await expect.poll(() => pill.textContent(), WITHIN).toContain(totalOf(task.gid));
    // Opened, the timer started, collapsed: the pill runs the timer.
    await pill.click();
    await widget(page).getByRole('button', { name: /Start timer/ }).click();
    await host.getByRole('button', { name: 'Collapse time tracking' }).click();
    await expect.poll(() => pill.getByRole('timer').textContent(), WITHIN).toMatch(/^0:0\d$/);
    await pill.click();
    await widget(page).getByRole('button', { name: /Stop timer/ }).click();
    await expect.poll(() => widget(page).getByRole('button', { name: /Start timer/ }).count(), WITHIN).toBe(1);
    await page.close();
  });
});

describe('the task the person sees (issue 13)', () => {
  const MISMATCH = /Asana shows another task than the address bar, so nothing is saved here until they agree/;

  it('a page that pushes another task’s URL under Asana’s pane gets a read-only, floating widget saying why; back in place once they agree', async () => {
    const { seed } = h.sandbox;
    const shown = seed.ordinaryTasks[5]!;
    const other = seed.ordinaryTasks[6]!;
    const page = await h.openAsana(h.taskUrl(shown.gid, seed.projects.website.gid));
    await expect.poll(() => where(page), WITHIN).toMatchObject({ inFieldsBeforeDescription: true, widgetTask: shown.gid });
    const mark = h.sandbox.stats.mark();
    await page.evaluate((url) => history.pushState({}, '', url), `/0/0/${other.gid}`);
    // The URL wins, read-only, floating, with the reason.
    await expect.poll(() => where(page), WITHIN).toMatchObject({ floating: true, widgetTask: other.gid, readOnly: expect.stringMatching(MISMATCH) });
    const w = widget(page);
    expect(await w.getByLabel('Duration').count()).toBe(0);
    expect(await w.getByRole('button', { name: /Start timer/ }).count()).toBe(0);
    expect(await w.getByRole('button', { name: /Log time|Edit|Delete/ }).count()).toBe(0);
    expect(await page.evaluate(() => document.querySelector('.TaskPane')!.getAttribute('data-task-id'))).toBe(shown.gid);
    // Noted for the options page's self-check (when, not which tasks: the report holds no ids).
    await expect.poll(async () => (await h.storage('pageReport')).pageReport).toMatchObject({ place: 'mismatch', mismatchAt: expect.any(Number) });
    expect(await axeViolations(page, 'asana-time-log')).toEqual([]);
    // Asana catches up (its pane now shows the URL's task): back in place, writable.
    await navigate(page, `/0/0/${other.gid}`);
    await expect.poll(() => where(page), WITHIN).toMatchObject({ floating: false, inFieldsBeforeDescription: true, widgetTask: other.gid, paneTask: other.gid, readOnly: null });
    expect(h.sandbox.stats.since(mark).filter((r) => r.method !== 'GET')).toEqual([]);
    await page.close();
  });

  it('the popup over such a tab offers to pick a task instead of the address’s, and says why', async () => {
    const { seed } = h.sandbox;
    const shown = seed.ordinaryTasks[5]!;
    const other = seed.ordinaryTasks[6]!;
    const page = await h.openAsana(h.taskUrl(shown.gid, seed.projects.website.gid));
    await expect.poll(() => where(page), WITHIN).toMatchObject({ inFieldsBeforeDescription: true, widgetTask: shown.gid });
    await page.evaluate((url) => history.pushState({}, '', url), `/0/0/${other.gid}`);
    await expect.poll(() => where(page), WITHIN).toMatchObject({ floating: true, readOnly: expect.stringMatching(MISMATCH) });
    const popup = await h.openPopupOver(page);
    await expect.poll(() => popup.getByRole('alert').textContent(), WITHIN).toMatch(MISMATCH);
    expect(await popup.locator('.tl-task').count()).toBe(0);
    expect(await popup.getByRole('combobox').count()).toBe(1);
    await popup.close();
    // Once Asana's pane agrees, the popup is for the address's task again.
    await navigate(page, `/0/0/${other.gid}`);
    await expect.poll(() => where(page), WITHIN).toMatchObject({ floating: false, paneTask: other.gid, readOnly: null });
    const again = await h.openPopupOver(page);
    await expect.poll(() => again.locator('.tl-task').textContent(), WITHIN).toBe(other.name);
    expect(await again.getByRole('alert').count()).toBe(0);
    await again.close();
    await page.close();
  });

  it('writes nothing when the URL changes under the widget at the moment of a click', async () => {
    const { seed, world } = h.sandbox;
    await h.openWidgetSections();
    const shown = seed.ordinaryTasks[7]!;
    const other = seed.ordinaryTasks[8]!;
    const page = await h.openAsana(h.taskUrl(shown.gid, seed.projects.website.gid));
    try {
      await expect.poll(() => where(page), WITHIN).toMatchObject({ inFieldsBeforeDescription: true, widgetTask: shown.gid });
      await widget(page).getByLabel('Duration').fill('25m');
      const entriesBefore = [world.entriesOfTask(shown.gid).length, world.entriesOfTask(other.gid).length];
      const mark = h.sandbox.stats.mark();
      // The page swaps the URL and, in the same task, the person's click lands: Log, then Start timer.
      await page.evaluate((url) => {
        const root = document.querySelector('asana-time-log')!.shadowRoot!;
        history.pushState({}, '', url);
        (root.querySelector('form[aria-label="Log time"] button[type=submit]') as HTMLButtonElement).click();
        [...root.querySelectorAll('button')].find((b) => b.textContent?.includes('Start timer'))!.click();
      }, `/0/0/${other.gid}`);
      await expect.poll(() => where(page), WITHIN).toMatchObject({ floating: true, readOnly: expect.stringMatching(MISMATCH) });
      expect(h.sandbox.stats.since(mark).filter((r) => r.method !== 'GET')).toEqual([]);
      expect([world.entriesOfTask(shown.gid).length, world.entriesOfTask(other.gid).length]).toEqual(entriesBefore);
      expect((await h.storage('timer')).timer ?? null).toBeNull();
      expect((await h.storage('outbox')).outbox?.ops ?? []).toEqual([]);
    } finally {
      await h.resetWidgetSections();
      await page.close();
    }
  });

  it('an inbox pane naming a task Asana does not confirm gets no widget', async () => {
    const { seed, world } = h.sandbox;
    const hidden = world.addWorkspace({ name: 'Not mine' });
    const secret = world.addTask({ name: 'Someone else’s task', workspace: hidden.gid, projects: [] });
    const page = await h.openAsana(`/1/${ws}/inbox/${seed.users.me.gid}`);
    // The page rewrites the pane's task before the widget confirms it: once to a task this person cannot see, once to none at all.
    for (const fake of [secret.gid, '1999999999999999']) {
      await page.evaluate((gid) => {
        const observer = new MutationObserver(() => {
          const pane = document.querySelector('.InboxPanesOrEmptyState-detailsPane .TaskPane');
          if (pane && pane.getAttribute('data-task-id') !== gid) pane.setAttribute('data-task-id', gid);
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        (window as unknown as { __stop?: () => void }).__stop?.();
        (window as unknown as { __stop: () => void }).__stop = () => observer.disconnect();
      }, fake);
      const mark = h.sandbox.stats.mark();
      await page.locator('.InboxPanesOrEmptyState-pane a[href*="/item/"]').nth(fake === secret.gid ? 2 : 3).click();
      await expect.poll(() => h.sandbox.stats.since(mark).find((r) => r.path === `/api/1.0/tasks/${fake}`)?.status ?? 0, WITHIN).toBeGreaterThanOrEqual(400);
      await expectNoWidget(page);
      expect(h.sandbox.stats.since(mark).filter((r) => r.path.includes('time_tracking'))).toEqual([]);
    }
    await page.close();
  });
});
