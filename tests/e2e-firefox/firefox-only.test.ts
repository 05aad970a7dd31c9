/**
 * What only Firefox has: the add-on as Firefox installed it (a temporary add-on until it is
 * signed, at the pinned moz-extension:// address, its background an event page), what its
 * install prompt asks for, its keyboard shortcut run as Firefox runs it, and the harness's way
 * into a closed shadow root. Always Firefox, whatever E2E_BROWSER says.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirefoxDriver } from '../e2e/firefox-driver';
import { chromeEval, FIREFOX_EXTENSION_UUID, pressExtensionShortcut, revealShadowRoot } from '../e2e/firefox';

let d: FirefoxDriver;
beforeAll(async () => {
  d = await FirefoxDriver.launch({ browser: 'firefox', connect: true });
});
afterAll(async () => d?.close());

/** The add-on manager's and WebExtensionPolicy's view of the installed extension. */
async function addon() {
  return JSON.parse(
    String(
      await chromeEval(
        d.session.browser,
        `(async () => {
          const { AddonManager } = ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
          const { ExtensionData } = ChromeUtils.importESModule('resource://gre/modules/Extension.sys.mjs');
          const id = ${JSON.stringify(d.session.geckoId)};
          const addon = await AddonManager.getAddonByID(id);
          const policy = WebExtensionPolicy.getByID(id);
          // What the install prompt lists: the strings Firefox builds from the add-on's install permissions.
          // Optional ones (notifications) are asked for at run time; Firefox words them the same way.
          const prompt = ExtensionData.formatPermissionStrings({ permissions: addon.installPermissions, optionalPermissions: addon.optionalPermissions }, { collapseOrigins: true });
          return JSON.stringify({
            temporary: addon.temporarilyInstalled,
            signed: addon.signedState,
            host: policy.mozExtensionHostname,
            granted: policy.allowedOrigins.patterns.map((p) => p.pattern),
            background: policy.extension.manifest.background,
            backgroundState: String(policy.extension.backgroundState),
            promptPermissions: prompt.msgs,
            promptDataCollection: prompt.dataCollectionPermissions.msg ?? null,
            optional: Object.values(prompt.optionalPermissions),
          });
        })()`,
      ),
    ),
  ) as Record<string, any>;
}

describe('the add-on as Firefox installed it', () => {
  it('is a temporary add-on at the pinned moz-extension:// address, with an event page for its background', async () => {
    const info = await addon();
    expect(info.temporary).toBe(true);
    expect(info.host).toBe(FIREFOX_EXTENSION_UUID);
    expect(info.background).toMatchObject({ scripts: [`${d.extensionOrigin}/background.js`] });
    expect(info.background.service_worker ?? null).toBeNull();
    expect(info.backgroundState).toBe('running');
    await d.stopBackground();
    // Stopped; or, when an event (a page's message, an alarm) came at once, a new page starting.
    expect(['stopped', 'starting']).toContain((await addon()).backgroundState);
    expect((await d.message('session.get', {})).ok).toBe(true); // a message wakes it
    expect((await addon()).backgroundState).toBe('running');
  });

  it('asks at install for app.asana.com alone, states its data collection, and is granted that host at install', async () => {
    const info = await addon();
    // storage, alarms, identity, scripting and idle show no line in Firefox's prompt; the host permission does.
    expect(info.promptPermissions).toEqual(['Access your data for app.asana.com']);
    expect(info.promptDataCollection).toBe('The developer says this extension collects: authentication information, browsing activity, website content');
    // Not at install: notifications, asked for when the person turns a reminder on.
    expect(info.optional).toEqual(['Display notifications to you']);
    expect(info.granted).toContain('https://app.asana.com/*');
    expect(info.granted.filter((p: string) => !p.startsWith('moz-extension://'))).toEqual(['https://app.asana.com/*']);
  });
});

describe('keyboard shortcuts', () => {
  it('Alt+Shift+S starts the timer on the task in the active tab and stops it logging the time, waking a stopped event page', async () => {
    const { seed, world } = d.sandbox;
    const task = seed.ordinaryTasks[2]!;
    const tab = await d.openAsana(d.taskUrl(task.gid));
    await expect.poll(() => tab.widget().getByTestId('total').text()).not.toBe('…');
    await d.stopBackground();
    await pressExtensionShortcut(d.session.browser, d.session.geckoId, 'Alt+Shift+S');
    await expect.poll(() => tab.widget().getByRole('timer').count()).toBe(1);
    expect(await d.timer()).toMatchObject({ taskGid: task.gid, taskName: task.name });
    const before = new Set(world.entriesOfTask(task.gid).map((e) => e.gid));
    await d.stopBackground();
    await pressExtensionShortcut(d.session.browser, d.session.geckoId, 'Alt+Shift+S');
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before.size + 1);
    expect(world.entriesOfTask(task.gid).find((e) => !before.has(e.gid))).toMatchObject({ duration_minutes: 1, created_by: seed.users.me.gid });
    await expect.poll(() => tab.widget().getByRole('timer').count()).toBe(0);
    await tab.close();
  });
});

describe('the harness', () => {
  it('reaches into a closed shadow root through the privileged scope, and clicks in it with real input', async () => {
    const tab = (await d.openAsana(`/0/${d.sandbox.seed.projects.website.gid}/list`)) as unknown as { raw: Page };
    const page = tab.raw;
    await page.evaluate(() => {
      const host = document.createElement('closed-widget');
      document.body.prepend(host);
      const root = host.attachShadow({ mode: 'closed' });
      const button = document.createElement('button');
      button.textContent = 'Inside a closed root';
      button.addEventListener('click', () => (document.body.dataset.clicked = String(Number(document.body.dataset.clicked ?? 0) + 1)));
      root.append(button);
    });
    expect(await page.evaluate(() => document.querySelector('closed-widget')!.shadowRoot)).toBeNull(); // closed to the page
    const root = await revealShadowRoot(d.session.browser, page, 'closed-widget');
    expect(await root.evaluate((r) => r?.mode ?? null)).toBe('closed');
    const button = (await root.evaluateHandle((r) => r!.querySelector('button')!)).asElement() as ElementHandle<Element>;
    expect(await button.evaluate((b) => b.textContent)).toBe('Inside a closed root');
    await button.click();
    expect(await page.evaluate(() => document.body.dataset.clicked)).toBe('1');
  });
});
