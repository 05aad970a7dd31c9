/**
 * `npm run demo`: the extension, built, in Chromium (or Firefox), connected to the bundled Asana
 * sandbox.
 *
 * With a display it opens a normal browser window on a sandbox task page for a person to use
 * (Ctrl+C to stop). With no display, or with --headless, it walks through the main flows and
 * writes screenshots of the task-page widget, the popup and the options page, printing their
 * paths. Options: --headless, --out DIR (default tests/.artifacts/demo), --keep (headless: keep
 * running after the walk-through), --browser firefox (the Firefox build in Firefox, built here:
 * tests/demo/firefox-demo.ts), --store-screenshots [--lang en,de,ja] (the stores' screenshots
 * into store/screenshots: tests/demo/store-screenshots.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Harness, widget } from '../e2e/harness.ts';
import { STORE_LANGUAGES, STORE_SCREENSHOTS_DIR, type StoreLanguage } from './store-scenes.ts';
import { makeStoreScreenshots } from './store-screenshots.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = flag('--headless') || !hasDisplay;
const outDir = path.resolve(option('--out', 'tests/.artifacts/demo'));

async function main() {
  const browserName = option('--browser', 'chromium');
  if (browserName !== 'chromium' && browserName !== 'firefox') throw new Error(`--browser: “${browserName}” is not chromium or firefox.`);
  if (browserName === 'firefox') {
    // `npm run demo` built the Chrome build; Firefox has its own.
    const built = spawnSync(path.resolve('node_modules/.bin/wxt'), ['build', '-b', 'firefox', '--mv3'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('The Firefox build failed (npx wxt build -b firefox --mv3).');
    const { firefoxDemo } = await import('./firefox-demo.ts');
    await firefoxDemo({ headless, outDir, keep: flag('--keep') });
    return;
  }
  if (flag('--store-screenshots')) {
    const langs = option('--lang', STORE_LANGUAGES.join(',')).split(',') as StoreLanguage[];
    const unknown = langs.filter((l) => !STORE_LANGUAGES.includes(l));
    if (unknown.length) throw new Error(`--lang: ${unknown.join(', ')} is not one of ${STORE_LANGUAGES.join(', ')}.`);
    console.log('Store screenshots (1280×800, 24-bit PNG without alpha):');
    const files = await makeStoreScreenshots(path.resolve(option('--out', STORE_SCREENSHOTS_DIR)), langs);
    console.log(`${files.length} written.`);
    return;
  }
  const h = await Harness.launch({ connect: true, headed: !headless, sandbox: { quiet: true }, widget: 'defaults' });
  const { seed, world } = h.sandbox;
  // Let the OAuth flow work in the demo too: register this extension's redirect URL.
  world.oauthApp.redirectUris.push(`https://${h.extensionId}.chromiumapp.org/`);
  const taskPage = await h.openAsana(h.taskUrl(seed.tasks.twoProjects.gid, world.tasks.get(seed.tasks.twoProjects.gid)!.projects[0]));
  await widget(taskPage).getByTestId('total').waitFor();

  console.log(`Asana sandbox: ${h.sandbox.url} (app.asana.com in the browser)`);
  console.log(`Extension id: ${h.extensionId}, connected as ${seed.users.me.name} <${seed.users.me.email}>`);
  console.log(`Demo token (to connect by hand): ${h.sandbox.demoToken}`);
  console.log(`OAuth app: client id ${world.oauthApp.clientId}, client secret ${world.oauthApp.clientSecret}`);

  if (!headless) {
    console.log('\nA browser window is open on a sandbox task. Use it; press Ctrl+C here to stop.');
    await waitForExit(h);
    return;
  }

  mkdirSync(outDir, { recursive: true });
  const shots: string[] = [];
  const shot = async (page: Page, name: string, target?: Parameters<Page['screenshot']>[0] & { locator?: ReturnType<Page['locator']> }) => {
    const file = path.join(outDir, `${name}.png`);
    if (target?.locator) await target.locator.screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: false, ...target });
    shots.push(file);
  };

  // 1. The widget on a task page, as a new user first sees it: a compact row among the fields.
  await taskPage.setViewportSize({ width: 1280, height: 1000 });
  const w = widget(taskPage);
  await w.getByTestId('total').filter({ hasNotText: '…' }).waitFor();
  await shot(taskPage, 'widget-compact', { locator: taskPage.locator('.TaskPane') });
  // Open it and its sections (remembered from then on), log an entry, start the timer.
  await w.getByRole('button', { name: 'Time tracking' }).click();
  await w.getByRole('button', { name: 'More options' }).click();
  await w.getByRole('button', { name: /^Show entries/ }).click();
  await w.getByLabel('Duration').fill('1h 15m');
  await w.getByLabel('Description').fill('Reviewed the launch checklist');
  await w.getByLabel('Category').selectOption({ label: seed.categories.planning.name });
  await w.getByLabel('Duration').press('Enter');
  await taskPage.waitForFunction(() => true);
  await w.getByText('Reviewed the launch checklist').first().waitFor();
  await w.getByRole('button', { name: /Start timer/ }).click();
  await w.getByRole('timer').waitFor();
  await shot(taskPage, 'widget', { locator: taskPage.locator('.TaskPane') });
  await shot(taskPage, 'task-page');

  // 2. Dark theme, as Asana's.
  await taskPage.getByLabel('Theme').selectOption('dark');
  await taskPage.waitForFunction(() => document.querySelector('asana-time-log')?.shadowRoot?.querySelector('.tl-dark') !== null);
  await shot(taskPage, 'widget-dark', { locator: taskPage.locator('.TaskPane') });
  await taskPage.getByLabel('Theme').selectOption('light');

  // 3. The popup over the task page.
  const popup = await h.openPopupOver(taskPage);
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.locator('.tl-task').filter({ hasText: seed.tasks.twoProjects.name }).waitFor();
  await shot(popup, 'popup');
  await popup.close();

  // 4. The options page: account, categories, timesheet.
  const options = await h.openOptions('#account');
  await options.setViewportSize({ width: 1200, height: 900 });
  await options.getByTestId('connected-as').waitFor();
  await shot(options, 'options-account');
  await options.goto(h.extensionUrl('options.html#categories'));
  await options.getByRole('heading', { name: /categor/i }).first().waitFor();
  await options.waitForTimeout(300);
  await shot(options, 'options-categories');
  await options.goto(h.extensionUrl('options.html#timesheet'));
  await options.locator('svg').first().waitFor();
  await options.waitForTimeout(300);
  await shot(options, 'options-timesheet', { fullPage: true });

  console.log('\nScreenshots:');
  for (const file of shots) console.log(`  ${file}`);
  if (flag('--keep')) {
    console.log('\nStill running (--keep); press Ctrl+C to stop.');
    await waitForExit(h);
  } else {
    await h.close();
  }
}

async function waitForExit(h: Harness): Promise<void> {
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    h.context.once('close', stop);
  });
  await h.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
