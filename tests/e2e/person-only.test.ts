/**
 * Only a person drives the widget (issue 13): from Asana's page (the main world), synthetic
 * events, `click()`, `requestSubmit()`, keyboard events and value changes do nothing; a real
 * click on a widget made nearly transparent, or clipped away at the pointer, does nothing either.
 * Each attempt is followed by a real action of the person's, which does land: an attempt that had
 * worked would have landed before it (the outbox sends in order), so "nothing happened" is read
 * off what the sandbox stores, without waiting on a clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, newestEntry, widget } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch({ connect: true });
});

/** The widget open, its form's options and its list closed (what a page would try to open). */
async function openCompact(): Promise<void> {
  const r = await h.message('ui.setPrefs', { open: true, details: false, entries: false });
  if (!r.ok) throw new Error(r.error?.message);
}
afterAll(async () => h?.close());

/** The person logs `text` with the keyboard; resolves once the sandbox stores it. */
async function personLogs(page: Page, taskGid: string, text: string, minutes: number): Promise<void> {
  const w = widget(page);
  const before = h.sandbox.world.entriesOfTask(taskGid).length;
  await w.getByLabel('Duration').fill(text);
  await w.getByLabel('Duration').press('Enter');
  await expect.poll(() => h.sandbox.world.entriesOfTask(taskGid).length).toBe(before + 1);
  expect(newestEntry(h.sandbox.world, taskGid).duration_minutes).toBe(minutes);
}

describe('from the page’s own world', () => {
  it('synthetic clicks, submits, keys and typed values log nothing, start no timer and open nothing', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[5]!;
    await openCompact();
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => w.getByTestId('total').textContent()).not.toBe('…');
    const before = world.entriesOfTask(task.gid).length;
    const outcome = await page.evaluate(() => {
      const root = document.querySelector('asana-time-log')!.shadowRoot!;
      const input = root.querySelector<HTMLInputElement>('input[id$="-duration"]')!;
      const form = input.form!;
      const button = (name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''))!;
      // Type 17m into the duration box as a script would, then every way of submitting it.
      input.value = '17m';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: '17m', inputType: 'insertText' }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, composed: true }));
      form.requestSubmit();
      form.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
      button(/^Log time$/).click();
      button(/^Log time$/).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: 5, clientY: 5 }));
      button(/^Log time$/).dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      // The timer, and opening the form's options and the entry list.
      button(/Start timer/).click();
      button(/More options/).click();
      button(/Show entries/)?.click();
      return { more: button(/More options|Fewer options/).getAttribute('aria-expanded'), list: root.querySelectorAll('li[data-entry-gid]').length };
    });
    expect(outcome).toEqual({ more: 'false', list: 0 });
    // What the person does lands, and nothing of the page's landed before it.
    await w.getByLabel('Duration').fill('');
    await personLogs(page, task.gid, '4m', 4);
    expect(world.entriesOfTask(task.gid)).toHaveLength(before + 1);
    expect(await h.storage(h.userKey('timer'))).toEqual({});
    await page.close();
  });

  it('a delete and an undo asked by the page do nothing', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[6]!;
    const [mine] = world.addEntries(task.gid, 1, seed.users.me.gid, { entered_on: world.today(), duration_minutes: 33 });
    await h.openWidgetSections();
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    const row = w.locator(`[data-entry-gid="${mine!.gid}"]`);
    await row.waitFor();
    const found = await page.evaluate((gid) => {
      const root = document.querySelector('asana-time-log')!.shadowRoot!;
      const row = root.querySelector(`[data-entry-gid="${gid}"]`)!;
      const del = [...row.querySelectorAll('button')].find((b) => /^Delete /.test(b.getAttribute('aria-label') ?? b.textContent ?? ''));
      del?.click();
      // Had the confirmation opened, this would confirm it.
      [...row.querySelectorAll('button')].find((b) => /^Delete$|Yes, delete/.test(b.textContent ?? ''))?.click();
      return Boolean(del);
    }, mine!.gid);
    expect(found).toBe(true); // the page did find the button it clicked
    await personLogs(page, task.gid, '6m', 6);
    expect(world.entries.get(mine!.gid)?.duration_minutes).toBe(33);
    expect((await h.storage('outbox')).outbox.ops.filter((o: { kind: string }) => o.kind === 'entry.delete')).toEqual([]);
    expect(await row.getByRole('button', { name: /^Delete$|Yes, delete/ }).count()).toBe(0);
    await page.close();
  });
});

describe('a widget the person cannot see does not act on their click (clickjacking)', () => {
  it.each([
    ['faded to 1% opacity', 'opacity: 0.01'],
    ['faded by a filter', 'filter: opacity(2%)'],
  ])('%s', async (_, style) => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[7]!;
    await openCompact();
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => w.getByTestId('total').textContent()).not.toBe('…');
    const before = world.entriesOfTask(task.gid).length;
    await w.getByLabel('Duration').fill('9m');
    const log = w.getByRole('button', { name: 'Log time' });
    const box = (await log.boundingBox())!;
    // The page hides the widget's surroundings, and the person clicks where the button is.
    await page.evaluate((css) => document.querySelector('asana-time-log')!.parentElement!.setAttribute('style', css), style);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate(() => document.querySelector('asana-time-log')!.parentElement!.removeAttribute('style'));
    // Visible again, the person logs 2m: that is all the sandbox gets (a 9m sent by the hidden click would have come first).
    await personLogs(page, task.gid, '2m', 2);
    expect(world.entriesOfTask(task.gid)).toHaveLength(before + 1);
    await page.close();
  });
});
