/**
 * The extension in the browser's language (issue 19): Chromium started in German, then in
 * Japanese (tests/e2e/harness.ts, `lang`: the --lang flag, LANGUAGE/LANG, and the locale's UI
 * resources), the built extension unchanged. The widget, the popup and the options page show
 * their words, durations, dates and plurals in that language; a duration typed the way that
 * language writes it is logged to Asana; and at 360 px wide no label spills out of its box.
 *
 * With I18N_SCREENSHOTS=<dir>, it also writes the README's screenshots there.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMessageAs } from '../i18n/browser-i18n';
import { Harness, newestEntry } from './harness';

const SCREENSHOTS = process.env.I18N_SCREENSHOTS;

/** Where text leaves its box: a text node past its element's edges, or past the root's. */
async function spills(root: Locator): Promise<string[]> {
  return root.evaluate((el) => {
    const bad: string[] = [];
    const rootBox = el.getBoundingClientRect();
    /** Inside a scrolling box (the timesheet grid scrolls sideways by design), text is held by that box. */
    const scroller = (node: Element | null): Element | null => {
      for (let e = node; e && e !== el; e = e.parentElement) {
        const o = getComputedStyle(e).overflowX;
        if (o === 'auto' || o === 'scroll') return e;
      }
      return null;
    };
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent) continue;
      const style = getComputedStyle(parent);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      // Screen-reader-only text is clipped on purpose.
      if (parent.closest('.tl-cat-sr, .tl-ts-sr')) continue;
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width === 0) continue;
      const own = parent.getBoundingClientRect();
      const holder = scroller(parent)?.getBoundingClientRect();
      const limit = holder ?? rootBox;
      if (box.right > own.right + 1 || box.left < own.left - 1) bad.push(`“${text}” spills out of its <${parent.tagName.toLowerCase()}> (${Math.round(box.right - own.right)} px)`);
      else if (!holder && (box.right > limit.right + 1 || box.left < limit.left - 1)) bad.push(`“${text}” spills out of the view (${Math.round(box.right - limit.right)} px)`);
    }
    return bad;
  });
}

/** The widget on a task page, whatever language its label is in. */
const widgetOf = (page: Page) => page.locator('asana-time-log section[data-task-gid]');

for (const lang of ['de', 'ja'] as const) {
  /** The shipped message, as the browser in `lang` would give it. */
  const m = (key: string, ...subs: Array<string | number>) => getMessageAs(lang, key, subs.map(String));
  /** A duration as the messages write it ("1 Std. 30 Min.", "1時間30分"). */
  const duration = (minutes: number) => {
    const h = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return h === 0 ? m('durM', rest) : rest === 0 ? m('durH', h) : m('durHM', h, rest);
  };

  describe(`in ${lang === 'de' ? 'German' : 'Japanese'}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await Harness.launch({ lang, connect: true });
    });
    afterAll(async () => h?.close());

    it('the browser runs in that language, and so does the extension', async () => {
      const worker = await h.serviceWorker();
      const seen = await worker.evaluate(() => ({ ui: chrome.i18n.getUILanguage(), lang: chrome.i18n.getMessage('lang'), name: chrome.i18n.getMessage('extName') }));
      expect(seen.ui.split('-')[0]).toBe(lang);
      expect(seen.lang).toBe(lang);
      const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
      expect(manifest.default_locale).toBe('en');
    });

    it('the widget: its words, a duration typed the way the language writes it, logged to Asana', async () => {
      const { seed, world } = h.sandbox;
      const task = seed.ordinaryTasks[3]!;
      const page = await h.openAsana(h.taskUrl(task.gid));
      const w = widgetOf(page);
      await expect.poll(() => w.getAttribute('aria-label')).toBe(m('timeTracking'));
      expect(await w.getAttribute('lang')).toBe(lang);
      await expect.poll(() => w.locator('dt').allTextContents()).toEqual([m('total'), m('mine')]);
      const total = world.entriesOfTask(task.gid).reduce((s, e) => s + e.duration_minutes, 0);
      await expect.poll(() => w.getByTestId('total').textContent()).toBe(duration(total));

      const box = w.getByLabel(m('duration'), { exact: true });
      expect(await box.getAttribute('placeholder')).toBe(m('durationPlaceholder'));
      await box.fill(lang === 'de' ? '1,5 Std.' : '１時間３０分');
      await expect.poll(() => w.locator(`[id$="-new-duration-hint"]`).textContent()).toBe(`= ${duration(90)}`);
      await w.getByRole('button', { name: m('today'), exact: true }).waitFor();
      const before = world.entriesOfTask(task.gid).length;
      await box.press('Enter');
      await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before + 1);
      expect(newestEntry(world, task.gid)).toMatchObject({ duration_minutes: 90, created_by: seed.users.me.gid });
      await expect.poll(() => w.getByRole('status').first().textContent()).toBe(m('logged', duration(90)));
      // Plurals and the day: the list's button counts entries, today's group is "Heute"/"今日".
      const count = world.entriesOfTask(task.gid).length;
      await expect.poll(() => w.getByRole('button', { name: m('hideEntries') }).count()).toBe(1);
      await expect.poll(() => w.locator('.tl-day h3 span').first().textContent()).toBe(m('today'));
      expect(count).toBeGreaterThan(0);
      if (SCREENSHOTS) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await w.screenshot({ path: path.join(SCREENSHOTS, `widget-${lang}.png`) });
      }
    });

    it('the popup: the task, the form and the keyboard shortcuts from the manifest', async () => {
      const { seed } = h.sandbox;
      const task = seed.ordinaryTasks[5]!;
      const asana = await h.openAsana(h.taskUrl(task.gid));
      const popup = await h.openPopupOver(asana);
      await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(task.name);
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe(lang);
      await expect.poll(() => popup.getByRole('button', { name: m('logTime'), exact: true }).count()).toBe(1);
      await expect.poll(() => popup.getByRole('heading', { name: m('shortcuts') }).count()).toBe(1);
      await expect.poll(() => popup.locator('footer li').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(m('cmdTimer')), expect.stringContaining(m('openThisPopup'))]));
      await popup.getByLabel(m('duration'), { exact: true }).fill('45');
      await expect.poll(() => popup.locator('[id="popup-entry-duration-hint"]').textContent()).toBe(`= ${duration(45)}`);
      // A bare small number counts as minutes, and the hint asks, in the language, whether hours were meant.
      await popup.getByLabel(m('duration'), { exact: true }).fill('2');
      await expect.poll(() => popup.locator('[id="popup-entry-duration-hint"]').textContent()).toBe(m('durMaybeHours', duration(2), duration(120)));
      if (SCREENSHOTS) {
        await popup.setViewportSize({ width: 420, height: 640 });
        await popup.screenshot({ path: path.join(SCREENSHOTS, `popup-${lang}.png`) });
      }
    });

    it('the options page: title, tabs, the account, and the week with its plurals', async () => {
      const { seed } = h.sandbox;
      const options = await h.openOptions('#account');
      await expect.poll(() => options.title()).toBe(m('optionsTitle'));
      expect(await options.getByRole('tab').allTextContents()).toEqual([m('tabAccount'), m('tabPreferences'), m('tabCategories'), m('tabTimesheet'), m('tabSelfCheck'), m('tabPrivacy')]);
      const me = h.sandbox.world.users.get(seed.users.me.gid)!;
      await expect.poll(() => options.getByTestId('connected-as').textContent()).toBe(m('connectedAsToken', me.name, me.email));
      // The button the store listing names, by the listing's words; its question in the language too.
      expect(m('removeAllData')).toBe(lang === 'de' ? 'Alle Daten aus diesem Browser entfernen' : 'このブラウザからすべてのデータを削除');
      await options.getByRole('button', { name: m('removeAllData'), exact: true }).click();
      const question = options.getByRole('alertdialog', { name: m('removeAllQ') });
      await expect.poll(() => question.getByTestId('remove-all-waiting').textContent()).toBe(m('removeAllNoneWaiting'));
      await question.getByRole('button', { name: m('cancel'), exact: true }).click();
      await question.waitFor({ state: 'detached' });
      await options.getByRole('tab', { name: m('tabSelfCheck') }).click();
      await expect.poll(() => options.getByTestId('diagnostic-report').textContent()).toMatch(new RegExp(`^${m('reportTitle')}\n${m('scExtension')}: `));
      await h.updateSettings({ workspaceGid: seed.workspaces.main.gid });
      await options.getByRole('tab', { name: m('tabTimesheet') }).click();
      await expect.poll(() => options.getByRole('button', { name: m('thisWeek') }).count()).toBe(1);
      await expect.poll(() => options.locator('.tl-ts-grid caption').textContent()).toBe(m('gridCaption'));
      if (SCREENSHOTS) await options.screenshot({ path: path.join(SCREENSHOTS, `options-${lang}.png`) });
    });

    it('at 360 px wide, no label spills out of the widget, the popup or the timesheet grid', async () => {
      const { seed } = h.sandbox;
      const page = await h.openAsana(h.taskUrl(seed.tasks.big.gid));
      const w = widgetOf(page);
      await w.getByTestId('total').filter({ hasNotText: '…' }).waitFor();
      await w.getByRole('button', { name: m('fewerOptions') }).waitFor();
      // Asana's task pane, 360 px wide: the row of fields the widget sits in.
      await page.locator('asana-time-log').evaluate((host) => void (host.parentElement!.style.width = '360px'));
      await expect.poll(() => w.evaluate((el) => Math.round(el.getBoundingClientRect().width))).toBeLessThanOrEqual(360);
      expect(await spills(w)).toEqual([]);
      expect(await w.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

      const popup = await h.openPopupOver(page);
      await popup.setViewportSize({ width: 360, height: 700 });
      await popup.getByLabel(m('duration'), { exact: true }).waitFor();
      expect(await spills(popup.locator('main'))).toEqual([]);
      expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      const options = await h.openOptions('#timesheet');
      await options.setViewportSize({ width: 360, height: 800 });
      await options.locator('.tl-ts-grid').waitFor();
      expect(await spills(options.locator('.tl-options-page'))).toEqual([]);
      expect(await options.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    });
  });
}
