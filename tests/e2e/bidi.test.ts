/**
 * Bidi-safe Asana strings (issue 13.5), in real Chromium with the built extension: a task name and
 * an entry's description holding every bidirectional-text control (and right-to-left letters)
 * reorder none of the extension's own words around them, in the widget and the popup, and the
 * toolbar badge's title carries no control at all. What is checked is where the browser draws the
 * characters of our own sentence: left to right, as they are written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, widget } from './harness';

/** Every bidi control: embeddings, overrides, their pop, isolates, their pop, and the marks. */
const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch({ connect: true });
});
afterAll(async () => h?.close());

/**
 * The x positions, in the order they are written, of each character of `phrase` (`toEnd`: and of the
 * rest of its text node) where the browser draws it, in the page or the widget's shadow root; null
 * when the phrase is not in one text node. Spaces and the controls themselves are left out.
 */
async function drawnOrder(page: Page, phrase: string, inWidget: boolean, toEnd = false): Promise<number[] | null> {
  return page.evaluate(
    ([phrase, inWidget, toEnd]) => {
      const root: Document | ShadowRoot = inWidget ? document.querySelector('asana-time-log')!.shadowRoot! : document;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(phrase);
        if (at < 0) continue;
        const xs: number[] = [];
        const text = node.textContent!;
        for (let i = at; i < (toEnd ? text.length : at + phrase.length); i++) {
          if (/[\s\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(text[i]!)) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          xs.push(range.getBoundingClientRect().left);
        }
        return xs;
      }
      return null;
    },
    [phrase, inWidget, toEnd] as const,
  );
}

const leftToRight = (xs: number[] | null) => xs !== null && xs.length > 1 && xs.every((x, i) => i === 0 || x > xs[i - 1]!);

describe('Asana strings holding bidi controls', () => {
  for (const control of CONTROLS) {
    it(`U+${control.codePointAt(0)!.toString(16).toUpperCase()} in a task name leaves the widget’s and the popup’s own words in order, and the badge title bare`, async () => {
      const { seed, world } = h.sandbox;
      const task = world.addTask({ name: `Fix ${control}the login ${control}שלום screen`, projects: [seed.projects.website.gid] } as never);
      const page = await h.openAsana(h.taskUrl(task.gid, seed.projects.website.gid));
      await widget(page).getByRole('button', { name: /Start timer/ }).click();
      await expect.poll(async () => (await h.storage(h.userKey('timer')))[h.userKey('timer')]?.taskGid).toBe(task.gid);
      // The badge's title names the task without any control.
      const worker = await h.serviceWorker();
      await expect.poll(() => worker.evaluate(() => chrome.action.getTitle({}))).toContain('שלום');
      expect(await worker.evaluate(() => chrome.action.getTitle({}))).not.toMatch(BIDI);

      // Another task's widget: "Timer running on “NAME” (0:00); starting here stops it."
      const other = await h.openAsana(h.taskUrl(seed.ordinaryTasks[3]!.gid));
      await expect.poll(() => widget(other).getByText(/starting here stops it/).count()).toBe(1);
      expect(leftToRight(await drawnOrder(other, 'starting here stops it.', true))).toBe(true);
      expect(leftToRight(await drawnOrder(other, 'Timer running on', true))).toBe(true);

      // The popup over it: "0:00 on “NAME”", the closing quote drawn last, at the right.
      const popup = await h.openPopupOver(other);
      await expect.poll(() => popup.getByText(/שלום/).count()).toBeGreaterThan(0);
      const quoted = await drawnOrder(popup, `on “`, false, true);
      expect(quoted && quoted.at(-1)! >= Math.max(...quoted)).toBe(true);
      expect(leftToRight(await drawnOrder(popup, 'on “', false))).toBe(true);

      await widget(page).getByRole('button', { name: /Discard|Stop timer/ }).first().click();
      await expect.poll(async () => (await h.storage(h.userKey('timer')))[h.userKey('timer')] ?? null).toBeNull();
      await Promise.all([popup.close(), other.close(), page.close()]);
    });
  }

  it('a description holding every control leaves the rest of its entry’s text in order', async () => {
    const { seed, world } = h.sandbox;
    const task = world.addTask({ name: 'Bidi descriptions', projects: [seed.projects.website.gid] } as never);
    world.addEntry({ task: task.gid, duration_minutes: 25, description: `Notes ${CONTROLS.join('x')} end`, created_by: seed.users.me.gid } as never);
    const page = await h.openAsana(h.taskUrl(task.gid, seed.projects.website.gid));
    await expect.poll(() => widget(page).locator('.tl-desc').count()).toBe(1);
    // The entry's own line, drawn beside the description, reads left to right.
    expect(leftToRight(await drawnOrder(page, '25 min', true))).toBe(true);
    await page.close();
  });
});
