/**
 * End-to-end harness: the production build (.output/chrome-mv3) in Debian's Chromium, driven by
 * playwright-core, against the Asana sandbox over HTTPS. Chromium resolves app.asana.com to the
 * sandbox (--host-resolver-rules), so the shipped extension runs unchanged: no test-only code.
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page, type Worker } from 'playwright-core';
import { compareGids, startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/index.ts';
import { ensureBrowser } from '../support/browsers.ts';
import { fakeClockEnv, type FakeClock } from '../support/clock.ts';

/** The built extension; EXTENSION_DIR overrides (e.g. a build made with WXT_OUT_DIR). */
export const EXTENSION_DIR = process.env.EXTENSION_DIR ?? path.resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const CHANNEL = 'asana-time-log/1';

/**
 * The system's Chromium or Chrome (CHROME_PATH wins); installs Debian's chromium when it is
 * missing and apt-get may run here, else fails with the exact command (tests/support/browsers.ts).
 */
export function chromiumPath(): string {
  return ensureBrowser('chromium');
}

/**
 * Flags for headless Chromium on these machines (PLAYBOOK §3): no background traffic, app.asana.com
 * resolved to the sandbox on `port` (its self-signed certificate accepted), and the extension
 * in `extensionDir` loaded when given.
 */
export function chromiumArgs(port: number, extensionDir?: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--host-resolver-rules=MAP app.asana.com 127.0.0.1:${port}`,
    '--ignore-certificate-errors',
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
  ];
}

function assertBuilt(): void {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`The extension is not built (${EXTENSION_DIR} has no manifest.json). Run \`npm run build\` first; \`npm test\` does it for you.`);
  }
}

export interface HarnessOptions {
  sandbox?: SandboxOptions;
  /** Reuse a running sandbox instead of starting one. */
  useSandbox?: Sandbox;
  /** Connect the demo user's token through the background before the test starts. */
  connect?: boolean;
  /** Show a browser window (needs a display). Default: headless. */
  headed?: boolean;
  /**
   * Put the browser (not the sandbox) on a faked clock and time zone that starts at this moment
   * and runs on (libfaketime; see tests/support/clock.ts). For calendar edges: midnight, DST.
   */
  clock?: FakeClock;
  /**
   * How the widget starts: tests see all of it (the row opened, the quick form's extra fields
   * and the entry list open); `'defaults'` keeps a new user's compact row.
   */
  widget?: 'open' | 'defaults';
  /**
   * The browser's UI language ("de", "ja"): what `chrome.i18n` picks the extension's messages
   * by, and what pages see as `navigator.language`. See {@link uiLanguageLaunch}.
   */
  lang?: string;
}

/** A language's usual region, for the `LANG` locale name Chromium reads on Linux. */
const REGION: Record<string, string> = { de: 'DE', ja: 'JP', en: 'US', fr: 'FR', zh: 'CN' };

/**
 * What headless Chromium needs to run in another UI language. `--lang` alone makes the
 * extension's messages follow it, but on Linux Chromium takes its own UI language from the
 * environment (`LANGUAGE`, then `LANG`), and only for a language whose resources it has
 * (`locales/<lang>.pak`; Debian ships them in `chromium-l10n`): without them
 * `chrome.i18n.getUILanguage()`, `navigator.language` and `Intl` stay en-US. So: the flag, the
 * environment, and a check that the resources are there.
 */
export function uiLanguageLaunch(lang: string, executablePath: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const dirs = [path.join(path.dirname(realpathSync(executablePath)), 'locales'), '/usr/lib/chromium/locales', '/usr/lib/chromium-browser/locales'];
  const [base = lang, given] = lang.split('-');
  const region = given ?? REGION[base] ?? base.toUpperCase();
  // English's resources are per region (en-US.pak, en-GB.pak); other languages' are not (de.pak).
  const paks = [`${lang}.pak`, `${base}-${region}.pak`];
  if (!dirs.some((dir) => paks.some((pak) => existsSync(path.join(dir, pak))))) {
    throw new Error(`Chromium has no "${lang}" user-interface resources (locales/${paks[0]} next to ${executablePath}), so it cannot run in that language. On Debian or Ubuntu: sudo apt-get install -y chromium-l10n`);
  }
  const locale = `${base}_${region}.UTF-8`;
  return { args: [`--lang=${lang}`], env: { LANGUAGE: base, LANG: locale, LC_ALL: locale } };
}

export class Harness {
  context!: BrowserContext;
  extensionId = '';
  private userDataDir = mkdtempSync(path.join(tmpdir(), 'atl-e2e-'));
  private headed = false;
  private ownsSandbox: boolean;
  /** The browser's environment when on a faked clock (fixed at launch, so a restart keeps the time running). */
  private browserEnv: NodeJS.ProcessEnv | undefined;
  /** Extra flags (the UI language). */
  private extraArgs: string[] = [];

  private constructor(readonly sandbox: Sandbox, ownsSandbox: boolean) {
    this.ownsSandbox = ownsSandbox;
  }

  static async launch(options: HarnessOptions = {}): Promise<Harness> {
    assertBuilt();
    const executablePath = chromiumPath();
    const sandbox = options.useSandbox ?? (await startSandbox({ tls: true, ...options.sandbox }));
    if (!sandbox.url.startsWith('https:')) throw new Error('The harness needs the sandbox in TLS mode.');
    const harness = new Harness(sandbox, !options.useSandbox);
    harness.headed = options.headed ?? false;
    if (options.clock) harness.browserEnv = fakeClockEnv(options.clock);
    if (options.lang) {
      const language = uiLanguageLaunch(options.lang, executablePath);
      harness.extraArgs = language.args;
      harness.browserEnv = { ...(harness.browserEnv ?? process.env), ...language.env };
    }
    await harness.start(executablePath);
    if ((options.widget ?? 'open') === 'open') await harness.openWidgetSections();
    if (options.connect) await harness.connectWithToken(sandbox.demoToken);
    return harness;
  }

  private async start(executablePath = chromiumPath()): Promise<void> {
    this.context = await chromium.launchPersistentContext(this.userDataDir, {
      executablePath,
      headless: !this.headed,
      args: [...chromiumArgs(this.sandbox.port, EXTENSION_DIR), ...this.extraArgs],
      viewport: { width: 1280, height: 900 },
      ...(this.browserEnv ? { env: this.browserEnv } : {}),
    });
    const worker = this.context.serviceWorkers()[0] ?? (await this.context.waitForEvent('serviceworker', { timeout: 15_000 }));
    this.extensionId = new URL(worker.url()).host;
  }

  /** Opens the widget's remembered sections (the row, more options, the entry list), as a user would once. */
  async openWidgetSections(): Promise<void> {
    const result = await this.message('ui.setPrefs', { open: true, details: true, entries: true });
    if (!result.ok) throw new Error(`Opening the widget's sections failed: ${result.error?.message}`);
  }

  /** Back to a new user's compact widget. */
  async resetWidgetSections(): Promise<void> {
    const result = await this.message('ui.setPrefs', { open: false, details: false, entries: false });
    if (!result.ok) throw new Error(`Closing the widget's sections failed: ${result.error?.message}`);
  }

  /** chrome-extension://<id>/<file> */
  extensionUrl(file: string): string {
    return `chrome-extension://${this.extensionId}/${file}`;
  }

  /** The background service worker (wakes it with a message if it was stopped). */
  async serviceWorker(): Promise<Worker> {
    const existing = this.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${this.extensionId}/`));
    if (existing) return existing;
    const waiting = this.context.waitForEvent('serviceworker', { timeout: 15_000 });
    await this.message('session.get', {});
    return waiting;
  }

  async openOptions(hash = ''): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(this.extensionUrl(`options.html${hash}`));
    return page;
  }

  /**
   * Opens the popup the way the toolbar button does for the tab `behind`: as a page whose window's
   * active tab is `behind` (a background tab created by the extension, so `behind` stays active).
   * Chromium's real popup (action.openPopup) is not reachable from Playwright.
   */
  async openPopupOver(behind: Page): Promise<Page> {
    await behind.bringToFront();
    const opened = this.context.waitForEvent('page', { predicate: (p) => p.url().includes('/popup.html'), timeout: 15_000 });
    const worker = await this.serviceWorker();
    await worker.evaluate((url) => chrome.tabs.create({ url, active: false }), this.extensionUrl('popup.html'));
    const popup = await opened;
    await popup.waitForLoadState();
    return popup;
  }

  async openPopup(): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(this.extensionUrl('popup.html'));
    return page;
  }

  /** Opens an Asana page (served by the sandbox) in a new tab. */
  async openAsana(pathOrUrl: string): Promise<Page> {
    const page = await this.context.newPage();
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `https://app.asana.com${pathOrUrl}`;
    await page.goto(url);
    return page;
  }

  /** A task's V1 URL in the main workspace. */
  taskUrl(taskGid: string, projectGid?: string): string {
    const ws = this.sandbox.seed.workspaces.main.gid;
    return projectGid ? `https://app.asana.com/1/${ws}/project/${projectGid}/task/${taskGid}` : `https://app.asana.com/1/${ws}/task/${taskGid}`;
  }

  /**
   * Sends one protocol message to the background from an extension page (a trusted sender), and
   * returns the raw response envelope.
   */
  async message(type: string, payload: unknown): Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }> {
    let page = this.context.pages().find((p) => p.url().startsWith(`chrome-extension://${this.extensionId}/`));
    const opened = !page;
    if (!page) {
      page = await this.context.newPage();
      await page.goto(this.extensionUrl('popup.html'));
    }
    try {
      return await page.evaluate(([channel, t, p]) => chrome.runtime.sendMessage({ channel, type: t, payload: p }), [CHANNEL, type, payload] as const);
    } finally {
      if (opened) await page.close();
    }
  }

  async connectWithToken(token: string): Promise<void> {
    const result = await this.message('session.connectToken', { token });
    if (!result.ok) throw new Error(`Connecting failed: ${result.error?.message}`);
  }

  /** The storage.local key of one of a user's items (`u:<gid>:<name>`); the demo user's by default. */
  userKey(name: string, userGid = this.sandbox.seed.users.me.gid): string {
    return `u:${userGid}:${name}`;
  }

  /**
   * Moves the running timer's start, as the person can (the timer's start field): the way to
   * have a timer that has run for a given time without waiting for it.
   */
  async setTimerStart(startedAt: number): Promise<void> {
    const result = await this.message('timer.adjust', { startedAt: Math.round(startedAt) });
    if (!result.ok || !result.data) throw new Error(`Moving the timer's start failed: ${result.error?.message ?? 'no timer running'}`);
  }

  /** Changes the signed-in user's settings through the background (as the Preferences tab does). */
  async updateSettings(patch: Record<string, unknown>): Promise<void> {
    const result = await this.message('settings.update', patch);
    if (!result.ok) throw new Error(`Changing the settings failed: ${result.error?.message}`);
  }

  /** Reads storage.local as the extension sees it. */
  async storage(keys?: string | string[]): Promise<Record<string, any>> {
    const worker = await this.serviceWorker();
    return worker.evaluate((k) => chrome.storage.local.get(k ?? null), keys ?? null);
  }

  /** Stops the service worker the way Chrome does when it is idle (DevTools protocol). */
  async stopServiceWorker(): Promise<void> {
    const browser = this.context.browser();
    const cdp = browser ? await browser.newBrowserCDPSession() : await this.context.newCDPSession(this.context.pages()[0] ?? (await this.context.newPage()));
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
    const ours = (t: { type: string; url: string }) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${this.extensionId}/`);
    for (const t of targetInfos) {
      if (ours(t)) await cdp.send('Target.closeTarget', { targetId: t.targetId });
    }
    // Wait until the browser says the worker is gone (~50 ms). (Playwright keeps listing its handle;
    // evaluating on it later starts the worker again.)
    const deadline = Date.now() + 5_000;
    for (;;) {
      const { targetInfos: now } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };
      if (!now.some(ours) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await cdp.detach().catch(() => undefined);
  }

  /**
   * Grants an optional permission as a person's "Allow" leaves it: Chromium records it in the
   * profile's Preferences (`extensions.settings.<id>.granted_permissions` and
   * `active_permissions`), read at start-up. Headless Chromium's permission prompt cannot be
   * reached from Playwright (no flag accepts it), so the browser is closed, the record written,
   * and the browser started again on the same profile; `permissions.request` then resolves
   * granted without a prompt, as it does for a permission the person already allowed.
   */
  async grantOptionalPermission(permission: string): Promise<void> {
    await this.context.close();
    const file = path.join(this.userDataDir, 'Default', 'Preferences');
    const prefs = JSON.parse(readFileSync(file, 'utf8'));
    const ours = prefs.extensions?.settings?.[this.extensionId];
    if (!ours) throw new Error(`No settings of extension ${this.extensionId} in ${file}`);
    for (const key of ['granted_permissions', 'active_permissions']) {
      ours[key] ??= {};
      ours[key].api = [...new Set([...(ours[key].api ?? []), permission])];
    }
    writeFileSync(file, JSON.stringify(prefs));
    await this.start();
  }

  /** Closes the browser and starts it again on the same profile (storage survives, session storage does not). */
  async restartBrowser(): Promise<void> {
    await this.context.close();
    await this.start();
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    if (this.ownsSandbox) await this.sandbox.close();
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

/** The widget's shadow-root content for a page (Playwright pierces open shadow roots). */
export const widget = (page: Page) => page.locator('asana-time-log section[aria-label="Time tracking"]');

/**
 * Chooses an option of a <select> as a person does, from the keyboard: the widget acts only on
 * events a person makes (lib/page/person-guard.ts), and Playwright's `selectOption` sets the value
 * from script. `option` is the option's label, or its value (its label is then looked up).
 */
export async function choose(select: Locator, option: string | { label: string }): Promise<void> {
  const label =
    typeof option === 'string'
      ? await select.evaluate((el, value) => [...(el as HTMLSelectElement).options].find((o) => o.value === value || o.label === value)?.label ?? value, option)
      : option.label;
  await select.focus();
  const want = await select.evaluate((el, l) => [...(el as HTMLSelectElement).options].findIndex((o) => o.label === l), label);
  if (want < 0) throw new Error(`no option "${label}" in the select`);
  // Home, then down to it: typing the label would stop at the first option with the same start.
  await select.press('Home');
  for (let i = 0; i < want; i++) await select.press('ArrowDown');
  const chosen = await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.label);
  if (chosen !== label) throw new Error(`chose "${chosen}" instead of "${label}"`);
}

/** Minutes to the text the widget shows ("1 h 30 min"). */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  if (m === 0) return `${h} h`;
  return `${h} h ${m} min`;
}

/**
 * The entry created last on a task (the sandbox hands out increasing gids). Not `.at(-1)` of the
 * list: lists are in date order, and a seeded entry dated later than the new one may follow it.
 */
export function newestEntry(world: Sandbox['world'], taskGid: string) {
  const entries = world.entriesOfTask(taskGid);
  return entries.reduce((a, b) => (compareGids(a.gid, b.gid) >= 0 ? a : b), entries[0]!);
}
