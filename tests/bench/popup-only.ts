/**
 * Only figure (d), the popup's navigation-to-usable-input, without the rest of the bench (which
 * takes ten minutes): the built extension, connected to the seeded sandbox, opened over a task page.
 *
 *   npx tsx tests/bench/popup-only.ts            # 30 opens
 *   POPUP_OPENS=60 npx tsx tests/bench/popup-only.ts
 */
import { Harness } from '../e2e/harness.ts';
import { waitForQuiet } from './sandbox-traffic.ts';
import { measurePopup } from './measure-popup.ts';
import { NAME_HELPER } from './page-timing.ts';

const opens = Number(process.env.POPUP_OPENS ?? 30);
const harness = await Harness.launch({ connect: true, widget: 'defaults' });
try {
  await harness.context.addInitScript({ content: NAME_HELPER }); // tsx names functions; the page needs the helper
  const task = harness.sandbox.seed.ordinaryTasks[5]!;
  const page = await harness.openAsana(harness.taskUrl(task.gid));
  await page.locator('asana-time-log section[aria-label="Time tracking"]').waitFor();
  await waitForQuiet(harness.sandbox);
  const figures = await measurePopup(harness, harness.sandbox, page, opens);
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`popup, ${opens} opens: usable input p50 ${ms(figures.interactive.p50)}, p95 ${ms(figures.interactive.p95)}; DOMContentLoaded p95 ${ms(figures.domContentLoaded.p95)}; ratio p95 ${figures.ratioToDomContentLoaded.p95.toFixed(2)}×`);
} finally {
  await harness.close();
}
