/**
 * A task of any size (issue 20): 50,000 entries once never showed a total (caching every entry
 * in storage.local went over its 10 MB quota). Now storage.local holds a small summary, every
 * entry is in the background's vault, and the list reads pages beyond the summary as it goes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Harness, formatMinutes, widget } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch({ connect: true });
});
afterAll(async () => h?.close());

it('shows the total of a 50,000-entry task, keeps storage.local small, and lists entries past the summary', async () => {
  const { world, seed } = h.sandbox;
  const task = world.addTask({ name: 'Fifty thousand entries', projects: [seed.projects.website.gid] });
  const entries = world.addEntries(task.gid, 50_000, [seed.users.me.gid, seed.users.alex.gid]);
  const total = entries.reduce((s, e) => s + e.duration_minutes, 0);
  const page = await h.openAsana(h.taskUrl(task.gid));
  const w = widget(page);
  await expect.poll(() => w.getByTestId('total').textContent(), { timeout: 90_000 }).toBe(formatMinutes(total));
  expect(await w.getByTestId('mine').textContent()).toBe(formatMinutes(entries.filter((e) => e.created_by === seed.users.me.gid).reduce((s, e) => s + e.duration_minutes, 0)));

  // What every Asana tab reads for this task: a summary, not the entries.
  const key = h.userKey(`task:${task.gid}`);
  const stored = (await h.storage(key))[key];
  expect(stored.count).toBe(50_000);
  expect(stored.head.length).toBe(50);
  expect(JSON.stringify(stored).length).toBeLessThan(40_000);

  // Past the 50 the summary holds: "Show more" reads them from the background.
  const more = w.getByRole('button', { name: /more of [\d,]+ older entries/ });
  expect(await more.textContent()).toMatch(/of 49,?990 older entries/);
  for (let i = 0; i < 2; i++) await more.click();
  await expect.poll(() => w.locator('li[data-entry-gid]').count()).toBe(90);
  const newestFirst = [...entries].sort((a, b) => b.entered_on.localeCompare(a.entered_on) || b.created_at.localeCompare(a.created_at) || b.gid.localeCompare(a.gid));
  const shown = await w.locator('li[data-entry-gid]').evaluateAll((els) => els.map((el) => el.getAttribute('data-entry-gid')));
  expect(shown).toEqual(newestFirst.slice(0, 90).map((e) => e.gid));
  await page.close();
});
