/**
 * Firefox with the built extension against the sandbox (PLAYBOOK §3): Debian's firefox-esr driven
 * by puppeteer-core over WebDriver BiDi, headless or headed, offline. The Firefox MV3 build is
 * installed as a temporary add-on with a pinned moz-extension:// uuid, and Firefox sends every
 * app.asana.com connection to the sandbox's port (its self-signed certificate accepted), so the
 * shipped extension runs unchanged.
 *
 * For a demo: `const ff = await launchFirefox({ sandbox, headless: false })`, then
 * `await openExtensionPage(ff, 'options.html')` or `(await ff.browser.newPage()).goto(taskUrl)`;
 * `await ff.close()` at the end (the profile is kept when you passed `profileDir`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBrowser } from '../support/browsers.ts';
import puppeteer, { type Browser, type JSHandle, type Page } from 'puppeteer-core';
import type { Sandbox } from '../sandbox/index.ts';

/** The Firefox MV3 build; FIREFOX_EXTENSION_DIR overrides (as in manifest.test.ts). */
export const FIREFOX_EXTENSION_DIR =
  process.env.FIREFOX_EXTENSION_DIR ?? path.join(path.dirname(process.env.EXTENSION_DIR ?? path.resolve(import.meta.dirname, '../../.output/chrome-mv3')), 'firefox-mv3');

/** A fixed moz-extension:// host, so that a restarted browser finds the same storage and database. */
export const FIREFOX_EXTENSION_UUID = '7d3c1e52-4b8a-4f0e-9a61-2c5b8e9f0a17';


/** The extension's gecko id, from the build's manifest. */
export function geckoId(extensionDir = FIREFOX_EXTENSION_DIR): string {
  const manifestPath = path.join(extensionDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`The Firefox build is missing (${extensionDir} has no manifest.json). Run \`npm run build\` (or \`npx wxt build -b firefox --mv3\`); \`npm test\` does it for you.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id: is this the Firefox build?`);
  return id;
}

/** What identity.getRedirectURL() gives in Firefox: `https://<sha1 of the gecko id>.extensions.allizom.org/`. */
export const firefoxRedirectUrl = (id: string) => `https://${createHash('sha1').update(id).digest('hex')}.extensions.allizom.org/`;

/**
 * Preferences (PLAYBOOK §3): the pinned uuid; app.asana.com resolved locally and every :443
 * connection sent to the sandbox's port (nothing else is reachable offline anyway); extension
 * console output on stdout (seen with `dumpio`); and no first-run or update noise.
 */
export function firefoxPrefs(sandboxPort: number, id: string, uuid = FIREFOX_EXTENSION_UUID): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }),
    'network.dns.localDomains': 'app.asana.com',
    'network.socket.forcePort': `443=${sandboxPort}`,
    'devtools.console.stdout.chrome': true,
    'devtools.console.stdout.content': true,
    // The harness opens the popup in a background tab (so the Asana tab stays the active one, as
    // under the real toolbar popup). Firefox clamps background tabs' timers to 1 s, which makes
    // every Preact effect there a second late; the real popup is never a background tab.
    'dom.min_background_timeout_value': 4,
    'dom.min_background_timeout_value_without_budget_throttling': 4,
    'dom.timeout.enable_budget_timer_throttling': false,
    'browser.shell.checkDefaultBrowser': false,
    'app.update.auto': false,
    'extensions.update.enabled': false,
  };
}

export interface FirefoxLaunchOptions {
  sandbox: Sandbox;
  /** Default true. */
  headless?: boolean;
  extensionDir?: string;
  /** A profile to (re)use; default a fresh temporary one, removed by close(). */
  profileDir?: string;
  /** Firefox's own output on this process's stdout/stderr (default: FIREFOX_DUMPIO set). */
  dumpio?: boolean;
}

export interface FirefoxSession {
  browser: Browser;
  /** `moz-extension://<uuid>` */
  extensionOrigin: string;
  geckoId: string;
  profileDir: string;
  /** Closes the browser (the temporary add-on goes with it; its storage stays in the profile). */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/** Starts Firefox on `profileDir` and installs the build as a temporary add-on (~3-4 s). */
export async function launchFirefox(options: FirefoxLaunchOptions): Promise<FirefoxSession> {
  const executablePath = ensureBrowser('firefox');
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  const id = geckoId(extensionDir);
  if (!options.sandbox.url.startsWith('https:')) throw new Error('Firefox needs the sandbox in TLS mode (startSandbox({ tls: true })).');
  const ownProfile = !options.profileDir;
  const profileDir = options.profileDir ?? mkdtempSync(path.join(tmpdir(), 'atl-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless ?? true,
    userDataDir: profileDir,
    // Without it BiDi refuses moz-extension:// navigation and the privileged (chrome) scope.
    args: ['--remote-allow-system-access'],
    acceptInsecureCerts: true,
    extraPrefsFirefox: firefoxPrefs(options.sandbox.port, id),
    defaultViewport: { width: 1280, height: 900 },
    dumpio: options.dumpio ?? Boolean(process.env.FIREFOX_DUMPIO),
  });
  try {
    const installed = await browser.installExtension(path.resolve(extensionDir));
    if (installed !== id) throw new Error(`Firefox installed the add-on as ${installed}, expected ${id}.`);
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
  return {
    browser,
    extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    geckoId: id,
    profileDir,
    async close({ keepProfile = !ownProfile } = {}) {
      await browser.close().catch(() => undefined);
      if (!keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** The raw WebDriver BiDi connection under puppeteer (for commands it does not wrap). */
export function bidi(browser: Browser): { send(method: string, params: object): Promise<{ result: any }> } {
  return (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: any }> } }).connection;
}

/** The BiDi browsing-context id of a page. */
export const contextId = (page: Page): string => (page.mainFrame() as unknown as { browsingContext: { id: string } }).browsingContext.id;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Navigates `page` to `url` and waits for the document to be complete. moz-extension:// pages go
 * through BiDi with `wait: 'none'` (page.goto hangs on them: the remote agent loses the events),
 * then the page is polled.
 */
export async function navigate(browser: Browser, page: Page, url: string, timeoutMs = 15_000): Promise<void> {
  if (!url.startsWith('moz-extension:')) {
    await page.goto(url, { timeout: timeoutMs });
    return;
  }
  const target = new URL(url);
  await bidi(browser).send('browsingContext.navigate', { context: contextId(page), url, wait: 'none' });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await page.evaluate(() => [location.href, document.readyState] as const).catch(() => null);
    if (state && new URL(state[0]).pathname === target.pathname && new URL(state[0]).host === target.host && state[1] === 'complete') return;
    if (Date.now() > deadline) throw new Error(`Firefox did not finish loading ${url} within ${timeoutMs} ms (at ${state?.[0] ?? 'unknown'}).`);
    await sleep(25);
  }
}

/** Opens an extension page (`popup.html`, `options.html#account`) in a new tab. */
export async function openExtensionPage(session: FirefoxSession, file: string): Promise<Page> {
  const page = await session.browser.newPage();
  await navigate(session.browser, page, `${session.extensionOrigin}/${file}`);
  return page;
}

/**
 * Evaluates `expression` in Firefox's privileged (chrome) scope, in the browser window, and
 * returns its value (awaited; strings, numbers, booleans, or JSON text). This is where
 * WebExtensionPolicy, the add-on manager and the tabs' <browser> elements are.
 */
export async function chromeEval(browser: Browser, expression: string): Promise<unknown> {
  const connection = bidi(browser);
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = (tree.result.contexts as Array<{ context: string; url: string }>).find((c) => c.url.startsWith('chrome://browser/'))?.context ?? tree.result.contexts[0]?.context;
  if (!context) throw new Error('No chrome browsing context (is --remote-allow-system-access set?).');
  const { result } = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true, resultOwnership: 'none' });
  if (result.type === 'exception') throw new Error(`chrome scope: ${result.exceptionDetails?.text ?? 'exception'}`);
  return result.result?.value;
}

/**
 * A frame script (privileged, in the tab's content process) that evaluates expressions in our
 * content script's own sandbox, found through ExtensionContent, and answers by message: Firefox's
 * counterpart of CDP's isolated-world evaluation (tests/e2e/content-world.ts). It can also hand a
 * closed shadow root to the page's world (`openOrClosedShadowRoot` is privileged), for a test.
 */
const FRAME_SCRIPT = String.raw`
const { ExtensionContent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionContent.sys.mjs');
addMessageListener('atl-e2e:run', (message) => {
  const { id, kind } = message.data;
  const reply = (result) => sendAsyncMessage('atl-e2e:result', { id, ...result });
  try {
    if (kind === 'reveal-shadow-root') {
      const host = content.document.querySelector(message.data.selector);
      const root = host ? host.openOrClosedShadowRoot : null;
      Cu.waiveXrays(content)[message.data.key] = root ? Cu.waiveXrays(root) : null;
      return reply({ json: JSON.stringify({ value: root ? root.mode : null }) });
    }
    const context = ExtensionContent.getContextByExtensionId(message.data.extensionId, content);
    if (!context) return reply({ error: 'no content script of ' + message.data.extensionId + ' in ' + content.location.href });
    // The content script's CSP forbids eval(), but not evalInSandbox: the expression is compiled here.
    const settled = Cu.evalInSandbox('(async () => (' + message.data.expression + '\n))().then((v) => JSON.stringify({ value: v === undefined ? null : v }), (e) => JSON.stringify({ thrown: String((e && e.message) || e) }))',
      context.sandbox, null, 'atl-e2e-content-world.js', 1);
    settled.then((json) => reply({ json }), (e) => reply({ error: String(e) }));
  } catch (e) {
    reply({ error: String(e) });
  }
});
`;

/** Sends one request to the frame script in `page`'s tab (loading it first), and returns its answer. */
async function runInFrameScript(browser: Browser, page: Page, request: Record<string, unknown>, timeoutMs: number): Promise<{ value?: unknown; thrown?: string }> {
  const json = await chromeEval(
    browser,
    `(async () => {
      const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
      const tab = NavigableManager.getBrowsingContextById(${JSON.stringify(contextId(page))});
      if (!tab) throw new Error('no such tab');
      const element = tab.embedderElement;
      const mm = element.messageManager;
      const loaded = (window.__atlE2eFrameScripts ??= new WeakSet());
      if (!loaded.has(element.frameLoader)) {
        mm.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(FRAME_SCRIPT)}), false);
        loaded.add(element.frameLoader);
      }
      const id = Math.random().toString(36).slice(2);
      const answer = await new Promise((resolve) => {
        const timer = setTimeout(() => { mm.removeMessageListener('atl-e2e:result', on); resolve({ error: 'timed out after ${timeoutMs} ms' }); }, ${timeoutMs});
        function on(m) { if (m.data.id !== id) return; clearTimeout(timer); mm.removeMessageListener('atl-e2e:result', on); resolve(m.data); }
        mm.addMessageListener('atl-e2e:result', on);
        mm.sendAsyncMessage('atl-e2e:run', { ...${JSON.stringify(request)}, id });
      });
      return JSON.stringify(answer);
    })()`,
  );
  const answer = JSON.parse(String(json)) as { json?: string; error?: string };
  if (answer.error) throw new Error(`frame script: ${answer.error}`);
  return JSON.parse(answer.json!) as { value?: unknown; thrown?: string };
}

/**
 * Evaluates `expression` (awaited, returned by value) in the extension's content-script world on
 * `page`. A throw inside comes back as `{ thrown: message }`.
 */
export async function evaluateInContentScript(browser: Browser, page: Page, extensionId: string, expression: string, timeoutMs = 60_000): Promise<unknown> {
  const result = await runInFrameScript(browser, page, { kind: 'content-script', extensionId, expression }, timeoutMs);
  return 'thrown' in result ? { thrown: result.thrown } : result.value;
}

/**
 * The shadow root of the element matching `hostSelector`, open or closed, as a handle in the
 * page's world: the privileged frame script reads `openOrClosedShadowRoot` and puts the root on
 * the page's window under a one-time name (so the page could see it too: for tests only).
 * Resolves with null when there is no such element or it has no shadow root.
 */
export async function revealShadowRoot(browser: Browser, page: Page, hostSelector: string): Promise<JSHandle<ShadowRoot | null>> {
  const key = `__atlE2eRoot${Math.random().toString(36).slice(2)}`;
  await runInFrameScript(browser, page, { kind: 'reveal-shadow-root', selector: hostSelector, key }, 10_000);
  return page.evaluateHandle((k) => {
    const w = window as unknown as Record<string, ShadowRoot | null>;
    const root = w[k] ?? null;
    delete w[k];
    return root;
  }, key);
}

/** The background event page's state (`running`, `stopped`, …) from WebExtensionPolicy, without waking it. */
export async function backgroundState(browser: Browser, extensionId: string): Promise<string> {
  return String(await chromeEval(browser, `String(WebExtensionPolicy.getByID(${JSON.stringify(extensionId)})?.extension?.backgroundState)`));
}

/**
 * Terminates the event page as Firefox does when it is idle, and waits until it has stopped. A
 * page may wake it again at once (a message from a widget): what counts is that the background
 * that ran is gone.
 */
export async function terminateBackground(browser: Browser, extensionId: string): Promise<void> {
  const outcome = await chromeEval(
    browser,
    `(async () => {
      const extension = WebExtensionPolicy.getByID(${JSON.stringify(extensionId)}).extension;
      const background = () => [...extension.views].find((view) => view.viewType === 'background') ?? null;
      const before = background();
      await extension.terminateBackground();
      const started = Date.now();
      let again = false;
      for (;;) {
        const now = background();
        const state = String(extension.backgroundState);
        if (state === 'stopped' || (before && now !== before)) return 'stopped';
        // Busy (a request under way): ask once more, as Firefox does again when idle.
        if (!again && Date.now() - started > 2500) {
          again = true;
          await extension.terminateBackground();
        }
        if (Date.now() - started > 10000) return state;
        await new Promise((r) => setTimeout(r, 20));
      }
    })()`,
  );
  if (outcome !== 'stopped') throw new Error(`The event page did not stop within 10 s (${outcome}).`);
}

/**
 * Runs one of the extension's keyboard shortcuts the way Firefox does when it is pressed in the
 * browser window: the command of the <key> Firefox registered for it (synthesized key events in
 * a page never reach the browser's own shortcuts).
 */
export async function pressExtensionShortcut(browser: Browser, extensionId: string, shortcut: string): Promise<void> {
  const parts = shortcut.split('+');
  const key = parts.pop()!;
  const modifiers = parts.map((p) => p.toLowerCase()).sort().join(',');
  const found = await chromeEval(
    browser,
    `(() => {
      const keyset = WebExtensionPolicy.getByID(${JSON.stringify(extensionId)}).extension.shortcuts.keysetsMap.get(window);
      const key = keyset && [...keyset.children].find((k) => k.getAttribute('key') === ${JSON.stringify(key)} && (k.getAttribute('modifiers') || '').split(',').sort().join(',') === ${JSON.stringify(modifiers)});
      if (!key) return false;
      key.doCommand();
      return true;
    })()`,
  );
  if (!found) throw new Error(`The extension has no shortcut ${shortcut} in this window.`);
}
