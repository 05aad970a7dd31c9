import { afterAll, beforeAll, expect, it } from 'vitest';
import { Harness, widget, formatMinutes } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch({ connect: true });
});
afterAll(async () => h?.close());

it('shows the big task total', async () => {
  const task = h.sandbox.seed.tasks.big;
  const page = await h.openAsana(h.taskUrl(task.gid));
  const total = h.sandbox.world.entriesOfTask(task.gid).reduce((s: number, e: { duration_minutes: number }) => s + e.duration_minutes, 0);
  await expect.poll(() => widget(page).getByTestId('total').textContent(), { timeout: 15000 }).toBe(formatMinutes(total));
  await page.screenshot({ path: '/tmp/widget.png', fullPage: true });
});
