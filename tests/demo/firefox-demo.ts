/**
 * `npm run demo -- --browser firefox`: the Firefox MV3 build in Firefox (firefox-esr, driven over
 * WebDriver BiDi by tests/e2e/firefox-driver.ts), connected to the bundled sandbox, on a task
 * page. With a display it is a window to use (Ctrl+C, or closing Firefox, stops it); without one,
 * or with --headless, it walks through the main flows as the Chromium demo does and writes
 * screenshots (`firefox-<scene>.png`) to `outDir`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Tab } from '../e2e/driver.ts';
import { FirefoxDriver } from '../e2e/firefox-driver.ts';
import { bidi } from '../e2e/firefox.ts';
import { NAME_HELPER } from '../bench/page-timing.ts';

export interface FirefoxDemoOptions {
  headless: boolean;
  outDir: string;
  /** Headless: keep running after the walk-through. */
  keep: boolean;
}

export async function firefoxDemo(options: FirefoxDemoOptions): Promise<void> {
  const d = await FirefoxDriver.launch({ connect: true, headed: !options.headless, widget: 'defaults', sandbox: { quiet: true } });
  // tsx names this process's functions with a `__name` helper that pages lack, and the driver
  // hands functions to pages as source: every page opened from now on gets a no-op one.
  await bidi(d.session.browser).send('script.addPreloadScript', { functionDeclaration: `() => { ${NAME_HELPER} }` });
  const { seed, world } = d.sandbox;
  // Let the OAuth flow work in the demo too: Firefox's redirect URL, registered with the sandbox's app.
  world.oauthApp.redirectUris.push(d.redirectUrl);
  const task = seed.tasks.twoProjects;
  const tab = await d.openAsana(d.taskUrl(task.gid, world.tasks.get(task.gid)!.projects[0]));
  await tab.widget().getByTestId('total').waitFor({ timeout: 30_000 });

  console.log(`Asana sandbox: ${d.sandbox.url} (app.asana.com in the browser)`);
  console.log(`Firefox add-on: ${d.extensionId} (${d.extensionOrigin}), connected as ${seed.users.me.name} <${seed.users.me.email}>`);
  console.log(`Demo token (to connect by hand): ${d.sandbox.demoToken}`);
  console.log(`OAuth app: client id ${world.oauthApp.clientId}, client secret ${world.oauthApp.clientSecret}, redirect URL ${d.redirectUrl}`);

  if (!options.headless) {
    console.log('\nA Firefox window is open on a sandbox task. Use it; press Ctrl+C here to stop.');
    await waitForExit(d);
    return;
  }

  mkdirSync(options.outDir, { recursive: true });
  const shots: string[] = [];
  const shot = async (t: Tab, name: string) => {
    const file = path.join(options.outDir, `firefox-${name}.png`);
    await t.screenshot(file);
    shots.push(file);
  };
  /** Waits until `check` holds in the tab (what the widget draws is read, never waited for, by the driver). */
  const until = async (t: Tab, check: () => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!(await t.evaluate(check).catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`Firefox demo: ${what} did not happen within 10 s.`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  // 1. The widget as a new user first sees it: a compact row among the task's fields.
  const w = tab.widget();
  await w.getByTestId('total').filter({ hasNotText: '…' }).waitFor();
  await shot(tab, 'widget-compact');
  // Open it and its sections, log an entry, start the timer.
  await w.getByRole('button', { name: 'Time tracking' }).click();
  await w.getByRole('button', { name: 'More options' }).click();
  await w.getByRole('button', { name: /^Show entries/ }).click();
  await w.getByLabel('Duration').fill('1h 15m');
  await w.getByLabel('Description').fill('Reviewed the launch checklist');
  await w.getByLabel('Category').selectOption({ label: seed.categories.planning.name });
  await w.getByLabel('Duration').press('Enter');
  await w.getByText('Reviewed the launch checklist').first().waitFor();
  await w.getByRole('button', { name: /Start timer/ }).click();
  await w.getByRole('timer').waitFor();
  await shot(tab, 'widget');

  // 2. Asana's dark theme.
  await tab.page().getByLabel('Theme').selectOption('dark');
  await until(tab, () => document.querySelector('asana-time-log')?.shadowRoot?.querySelector('.tl-dark') != null, 'the dark theme');
  await shot(tab, 'widget-dark');
  await tab.page().getByLabel('Theme').selectOption('light');

  // 3. The popup over the task page.
  const popup = await d.openPopupOver(tab);
  await popup.page().locator('.tl-task').filter({ hasText: task.name }).waitFor();
  await shot(popup, 'popup');
  await popup.close();

  // 4. The options page: account, categories, timesheet.
  const opts = await d.openOptions('#account');
  await opts.page().getByTestId('connected-as').waitFor();
  await shot(opts, 'options-account');
  await opts.goto(`${d.extensionOrigin}/options.html#categories`);
  await opts.page().getByRole('heading', { name: /categor/i }).first().waitFor();
  await shot(opts, 'options-categories');
  await opts.goto(`${d.extensionOrigin}/options.html#timesheet`);
  await opts.page().getByTestId('ts-total').waitFor();
  await shot(opts, 'options-timesheet');

  console.log('\nScreenshots:');
  for (const file of shots) console.log(`  ${file}`);
  if (options.keep) {
    console.log('\nStill running (--keep); press Ctrl+C to stop.');
    await waitForExit(d);
  } else {
    await d.close();
  }
}

/** Until Ctrl+C, or until the person closes Firefox. */
async function waitForExit(d: FirefoxDriver): Promise<void> {
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    d.session.browser.once('disconnected', () => resolve());
  });
  await d.close();
}
