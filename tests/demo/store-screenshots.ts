/**
 * `npm run demo -- --store-screenshots`: the store screenshots (store/README.md), made from the
 * sandbox in Chromium for each language: `store/screenshots/<en|de|ja>/<n>-<scene>.png`, each
 * exactly 1280×800, 24-bit PNG without alpha (checked as written, tests/demo/png.ts).
 *
 * Reproducible: the sandbox's "today" and the browser's clock and time zone are fixed (libfaketime,
 * tests/support/clock.ts), the world is the seeded one (dressed in the screenshot's language,
 * ./store-world.ts), the browser runs in the screenshot's language (the harness's `lang`), the
 * viewport is 1280×800 at scale 1, and a running timer is shot while it reads a fixed time.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { formatElapsed } from '../../lib/duration.ts';
import { getMessageAs } from '../i18n/browser-i18n.ts';
import { addDays, mondayOf } from '../sandbox/dates.ts';
import { Harness } from '../e2e/harness.ts';
import { STORE_SIZE, storeScreenshotProblems } from './png.ts';
import { STORE_LANGUAGES, STORE_SCREENSHOTS_DIR, storeScreenshotName, type StoreLanguage, type StoreScene } from './store-scenes.ts';
import { dressWorld, storeName } from './store-world.ts';


/** A Wednesday afternoon, in one zone for every language. */
const TODAY = '2026-03-11';
const CLOCK = { at: `${TODAY} 15:42:00`, zone: 'Europe/Berlin' };
/** What the running timer reads in every shot: started 1 h 24 min 36 s before. */
const TIMER_SECONDS = 84 * 60 + 36;
const VIEWPORT = { ...STORE_SIZE };

/**
 * Waits until what `page` shows has stopped changing (its text and the number of elements, over
 * two looks a frame and 150 ms apart), for a screenshot of a finished render.
 */
async function settled(page: Page): Promise<void> {
  const look = () => page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []))];
    // A running timer's clock ticks on by design: the shots of it wait for their time themselves.
    let seen = '';
    for (const root of roots) {
      seen += `|${root.querySelectorAll('*').length}:`;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement?.closest('[role=timer]')) seen += n.textContent;
    }
    return seen;
  });
  const deadline = Date.now() + 15_000;
  let before = await look();
  for (;;) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 150))));
    const now = await look();
    if (now === before) return;
    if (Date.now() > deadline) throw new Error(`${page.url()} kept changing for 15 s.`);
    before = now;
  }
}

export async function makeStoreScreenshots(outRoot = STORE_SCREENSHOTS_DIR, languages: readonly StoreLanguage[] = STORE_LANGUAGES): Promise<string[]> {
  const written: string[] = [];
  for (const lang of languages) written.push(...(await shootLanguage(lang, path.join(outRoot, lang))));
  return written;
}

async function shootLanguage(lang: StoreLanguage, dir: string): Promise<string[]> {
  const m = (key: string, ...subs: Array<string | number>) => getMessageAs(lang, key, subs.map(String));
  const h = await Harness.launch({ widget: 'defaults', lang, clock: CLOCK, sandbox: { quiet: true, today: TODAY } });
  const written: string[] = [];
  try {
    const { seed, world } = h.sandbox;
    const me = seed.users.me.gid;
    dressWorld(world, lang);
    const task = world.tasks.get(seed.tasks.twoProjects.gid)!;
    const project = seed.projects.website.gid;
    // Today's work on the task, as the widget lists it (the seed has none of the demo user's today).
    for (const [minutes, description, category, hour] of [
      [45, 'Design critique', seed.categories.design.gid, '08:10'],
      [90, 'Updated the style guide', seed.categories.documentation.gid, '10:05'],
    ] as const) {
      world.addEntry({ task: task.gid, created_by: me, entered_on: TODAY, duration_minutes: minutes, attributable_to: project, categories: [category], billable_status: 'billable', description: storeName(description, lang), created_at: `${TODAY}T${hour}:00.000Z` });
    }
    // Last week, submitted for approval (as the seed leaves it; made so here should the seed change).
    const lastWeek = addDays(mondayOf(TODAY), -7);
    const week = world.timesheetFor(me, seed.workspaces.main.gid, lastWeek);
    if (week?.approval_status !== 'SUBMITTED') world.setWeekStatus(me, lastWeek, 'SUBMITTED');
    await h.connectWithToken(h.sandbox.demoToken);

    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const save = (scene: StoreScene, png: Buffer) => {
      const problems = storeScreenshotProblems(png);
      if (problems.length) throw new Error(`${lang} ${scene}: ${problems.join('; ')}`);
      const file = path.join(dir, storeScreenshotName(scene));
      writeFileSync(file, png);
      written.push(file);
      console.log(`  ${path.relative(process.cwd(), file)}`);
    };
    const shoot = async (page: Page) => {
      await settled(page);
      return page.screenshot({ animations: 'disabled', caret: 'hide' });
    };
    /** A shot while `clock` reads the fixed timer time: the timer's start is moved, and the shot taken again if a second ticked meanwhile. */
    const shootAtTimer = async (page: Page, clock: Locator, take: () => Promise<Buffer>) => {
      const target = formatElapsed(TIMER_SECONDS);
      for (let attempt = 0; attempt < 10; attempt++) {
        const now = await page.evaluate(() => Date.now());
        await h.setTimerStart(now - TIMER_SECONDS * 1000);
        await clock.filter({ hasText: target }).first().waitFor({ timeout: 5_000 }).catch(() => undefined);
        if ((await clock.first().textContent()) !== target) continue;
        const png = await take();
        if ((await clock.first().textContent()) === target) return png;
      }
      throw new Error(`${lang}: the timer would not hold still at ${target} for a screenshot of ${page.url()} (it read ${await clock.first().textContent()}).`);
    };

    // 1. A new user's widget: the compact "Time tracking" row among the task's fields.
    const page = await h.context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.goto(`${h.taskUrl(task.gid, project)}?theme=light`);
    // The widget, whatever language its label is in.
    const w = page.locator('asana-time-log section[data-task-gid]');
    await w.getByTestId('total').filter({ hasNotText: '…' }).waitFor();
    save('widget-compact', await shoot(page));

    // 2. Opened, with its entries and a timer running.
    await h.message('ui.setPrefs', { open: true, details: false, entries: true });
    const started = await h.message('timer.start', { taskGid: task.gid, taskName: task.name, workspaceGid: seed.workspaces.main.gid, projectGid: project });
    if (!started.ok) throw new Error(`Starting the timer failed: ${started.error?.message}`);
    await w.getByText(storeName('Updated the style guide', lang)).waitFor();
    const clock = w.getByRole('timer');
    save('widget-timer', await shootAtTimer(page, clock, () => shoot(page)));

    // 3. The same in Asana's dark theme.
    await page.getByLabel('Theme').selectOption('dark');
    await page.waitForFunction(() => document.querySelector('asana-time-log')?.shadowRoot?.querySelector('.tl-dark') != null);
    save('dark', await shootAtTimer(page, clock, () => shoot(page)));
    await page.getByLabel('Theme').selectOption('light');
    await page.waitForFunction(() => document.querySelector('asana-time-log')?.shadowRoot?.querySelector('.tl-light') != null);

    // 4. The popup over the task page: its page, framed at the top right as the toolbar opens it
    // (a real toolbar popup cannot be captured).
    const background = await shootAtTimer(page, clock, () => shoot(page));
    const popup = await h.openPopupOver(page);
    await popup.setViewportSize({ width: 428, height: 720 });
    await popup.locator('.tl-task').filter({ hasText: task.name }).waitFor();
    // To the front once it has read the task page as its tab: a background tab's clock and frames are throttled.
    await popup.bringToFront();
    // The page cut to the popup's own size, as the toolbar shows it.
    await settled(popup);
    const box = (await popup.locator('.tl-popup').boundingBox())!;
    await popup.setViewportSize({ width: Math.ceil(box.width), height: Math.ceil(box.height) });
    const popupShot = await shootAtTimer(popup, popup.getByRole('timer'), () => shoot(popup));
    await popup.close();
    const frame = await h.context.newPage();
    await frame.setViewportSize(VIEWPORT);
    await frame.setContent(
      `<!doctype html><html><body style="margin:0;width:${VIEWPORT.width}px;height:${VIEWPORT.height}px;overflow:hidden;position:relative">` +
        `<img alt="" src="data:image/png;base64,${background.toString('base64')}" style="position:absolute;inset:0">` +
        `<img alt="" src="data:image/png;base64,${popupShot.toString('base64')}" style="position:absolute;top:6px;right:14px;border:1px solid #b9b9bb;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.35)">` +
        `</body></html>`,
    );
    await frame.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
    save('popup', await frame.screenshot());
    await frame.close();

    // 5. The timesheet: last week, submitted, with the chart by category.
    const options = await h.context.newPage();
    await options.setViewportSize(VIEWPORT);
    await options.goto(h.extensionUrl(`options.html#timesheet?week=${addDays(lastWeek, 2)}`));
    await options.getByTestId('ts-total').waitFor();
    await options.locator('svg').first().waitFor();
    save('timesheet', await shoot(options));

    // 6. The Account tab: who is connected, and "Remove all data from this browser".
    await options.goto(h.extensionUrl('options.html#account'));
    await options.getByTestId('connected-as').waitFor();
    await options.getByRole('button', { name: m('removeAllData') }).waitFor();
    save('account', await shoot(options));
    await h.message('timer.discard', {});
  } finally {
    await h.close();
  }
  return written;
}
