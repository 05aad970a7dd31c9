/**
 * The Driver (tests/e2e/driver.ts) for Firefox: the Firefox MV3 build in Debian's firefox-esr,
 * driven by puppeteer-core over WebDriver BiDi (launch and the privileged helpers are in
 * firefox.ts), against the sandbox over HTTPS.
 *
 * Extension APIs are used from one extension page the driver keeps open in a tab of its own (the
 * popup page, as the Chromium harness also uses): messages, storage, tabs.create. The background
 * is an event page: it is stopped with WebExtensionPolicy's terminateBackground(), and a message
 * wakes it again.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, ElementHandle, JSHandle, Page, Target } from 'puppeteer-core';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import { queryEngine, toPattern, type QueryOp, type QueryStep } from './dom-query.ts';
import type { Driver, DriverOptions, Envelope, FilterOptions, RoleOptions, Scope, Tab, TextMatch, TextOptions } from './driver.ts';
import { CHANNEL } from './harness.ts';
import {
  backgroundState,
  chromeEval,
  evaluateInContentScript,
  firefoxRedirectUrl,
  launchFirefox,
  navigate,
  terminateBackground,
  type FirefoxSession,
} from './firefox.ts';

const ACTION_TIMEOUT_MS = 10_000;
/** Errors that mean "the page is between two documents": the query is simply tried again. */
const TRANSIENT = /context|navigat|destroyed|discarded|No target|Target closed|no such frame|cross-origin object|XrayWrapper|dead object/i;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * THE function that resolves the widget's root in Firefox: every widget query starts here. Today
 * the root is the open shadow root of <asana-time-log>. Were it closed, this is the one place to
 * change: a privileged frame script (as in firefox.ts) can read `host.openOrClosedShadowRoot`
 * and hand it to the page's world for the test (see tests/e2e-firefox/firefox-only.test.ts).
 */
export async function widgetRoot(page: Page): Promise<JSHandle<Node | null>> {
  return page.evaluateHandle(() => document.querySelector('asana-time-log')?.shadowRoot ?? null);
}

type RootKind = 'widget' | 'document';

/** Playwright key names ("Shift+Tab", "Control+a") to puppeteer presses. */
async function pressKeys(page: Page, key: string): Promise<void> {
  const parts = key.split('+').filter(Boolean);
  const main = parts.pop() ?? key;
  const modifiers = parts.map((p) => (p === 'Ctrl' ? 'Control' : p === 'Cmd' ? 'Meta' : p));
  for (const m of modifiers) await page.keyboard.down(m as never);
  await page.keyboard.press(main as never);
  for (const m of modifiers.reverse()) await page.keyboard.up(m as never);
}

class FirefoxScope implements Scope {
  constructor(
    private readonly tab: FirefoxTab,
    private readonly root: RootKind,
    readonly steps: QueryStep[],
  ) {}

  private with(step: QueryStep): FirefoxScope {
    return new FirefoxScope(this.tab, this.root, [...this.steps, step]);
  }
  getByRole(role: string, options: RoleOptions = {}) {
    return this.with({ kind: 'role', role, name: options.name === undefined ? undefined : toPattern(options.name), exact: options.exact });
  }
  getByLabel(text: TextMatch, options: TextOptions = {}) {
    return this.with({ kind: 'label', text: toPattern(text), exact: options.exact });
  }
  getByTestId(id: string) {
    return this.with({ kind: 'testid', id });
  }
  getByText(text: TextMatch, options: TextOptions = {}) {
    return this.with({ kind: 'text', text: toPattern(text), exact: options.exact });
  }
  locator(css: string) {
    return this.with({ kind: 'css', selector: css });
  }
  filter(options: FilterOptions) {
    return this.with({
      kind: 'filter',
      hasText: options.hasText === undefined ? undefined : toPattern(options.hasText),
      hasNotText: options.hasNotText === undefined ? undefined : toPattern(options.hasNotText),
      has: options.has ? (options.has as FirefoxScope).steps : undefined,
    });
  }
  nth(index: number) {
    return this.with({ kind: 'nth', index });
  }
  first() {
    return this.nth(0);
  }
  last() {
    return this.nth(-1);
  }

  /** Where the query starts: the widget's root (a handle), or this page's document. */
  private async rootHandle(): Promise<JSHandle<Node | null> | '#document'> {
    return this.root === 'widget' ? widgetRoot(this.tab.raw) : '#document';
  }

  /** Runs the engine from the root; a page in mid-navigation counts as "nothing matches". */
  private async query<T>(op: QueryOp, arg?: unknown): Promise<T> {
    let root: JSHandle<Node | null> | '#document' | undefined;
    try {
      root = await this.rootHandle();
      return (await this.tab.raw.evaluate(queryEngine as never, root, this.steps, op, arg)) as T;
    } catch (error) {
      if (TRANSIENT.test(String(error))) return (op === 'count' ? 0 : op === 'texts' ? [] : null) as T;
      throw error;
    } finally {
      if (root && root !== '#document') void root.dispose().catch(() => undefined);
    }
  }

  private describe(): string {
    return `${this.root} ${JSON.stringify(this.steps)}`;
  }

  /** The single visible match, waited for; strict like Playwright (two matches are an error). */
  private async element(timeoutMs = ACTION_TIMEOUT_MS): Promise<ElementHandle<Element>> {
    const deadline = Date.now() + timeoutMs;
    let last = { count: 0, visible: false, enabled: false };
    for (;;) {
      last = (await this.query<typeof last | null>('probe')) ?? last;
      if (last.count > 1) throw new Error(`${last.count} elements match ${this.describe()}; the test must say which one.`);
      if (last.count === 1 && last.visible) {
        const root = await this.rootHandle();
        try {
          const handle = (await this.tab.raw.evaluateHandle(queryEngine as never, root, this.steps, 'element')) as JSHandle<unknown>;
          const element = handle.asElement() as ElementHandle<Element> | null;
          if (element) return element;
          await handle.dispose();
        } catch (error) {
          if (!TRANSIENT.test(String(error))) throw error;
        } finally {
          if (root !== '#document') void root.dispose().catch(() => undefined);
        }
      }
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for one visible element: ${this.describe()} (${last.count} found${last.count ? ', hidden' : ''}).`);
      await sleep(50);
    }
  }

  private async withElement<T>(use: (element: ElementHandle<Element>) => Promise<T>): Promise<T> {
    const element = await this.element();
    try {
      return await use(element);
    } finally {
      void element.dispose().catch(() => undefined);
    }
  }

  /**
   * Clicks as a person would, where the element is once it has stopped moving and nothing covers
   * it, and (as Playwright does) with a guard that cancels the click if, when it is dispatched,
   * it would land on anything else (a re-render moved another row under the pointer): then it is
   * tried again. A stray click would have pressed some other button.
   */
  async click() {
    const deadline = Date.now() + ACTION_TIMEOUT_MS;
    let el = await this.element();
    try {
      let why = '';
      for (;;) {
        const point = await el.evaluate(async (e) => {
          // Re-rendered away (Preact replaced it): the locator is resolved again, as Playwright's are.
          if (!e.isConnected) return 'detached';
          if ((e as HTMLButtonElement).disabled === true) return 'disabled';
          e.scrollIntoView({ block: 'center', inline: 'center' });
          const box = () => e.getBoundingClientRect();
          const first = box();
          await new Promise((r) => setTimeout(r, 20));
          const second = box();
          if (first.x !== second.x || first.y !== second.y || first.width !== second.width || first.height !== second.height) return 'moving';
          if (second.width === 0 || second.height === 0) return 'no size';
          const x = second.x + second.width / 2;
          const y = second.y + second.height / 2;
          const targets: Element[] = [e, ...Array.from((e as HTMLInputElement).labels ?? [])];
          const hit = (e.getRootNode() as Document | ShadowRoot).elementFromPoint(x, y);
          if (!hit || !targets.some((t) => t.contains(hit) || hit.contains(t))) return `covered by <${hit?.localName ?? 'nothing'}>`;
          // The guard: window capture listeners run before any other listener of the page or the extension.
          const win = e.ownerDocument.defaultView as Window & { __atlClickGuard?: { ours: number; stray: number; remove: () => void } };
          win.__atlClickGuard?.remove();
          const guard = { ours: 0, stray: 0, remove: () => undefined as void };
          const types = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
          const listener = (event: Event) => {
            const path = event.composedPath();
            if (targets.some((t) => path.includes(t))) {
              if (event.type === 'click') guard.ours++;
              return;
            }
            event.preventDefault();
            event.stopImmediatePropagation();
            if (event.type === 'mousedown') guard.stray++;
          };
          for (const type of types) win.addEventListener(type, listener, true);
          guard.remove = () => {
            for (const type of types) win.removeEventListener(type, listener, true);
          };
          win.__atlClickGuard = guard;
          return { x, y };
        });
        if (typeof point === 'object') {
          await this.tab.raw.mouse.click(point.x, point.y);
          const landed = await el.evaluate((e) => {
            const win = e.ownerDocument.defaultView as Window & { __atlClickGuard?: { ours: number; stray: number; remove: () => void } };
            const guard = win.__atlClickGuard;
            guard?.remove();
            delete win.__atlClickGuard;
            return guard ? guard.ours > 0 : false;
          }).catch(() => true); // the click navigated or removed the page: it landed
          if (landed) return;
          why = 'the click would have landed on something else';
        } else why = point;
        if (Date.now() > deadline) throw new Error(`Could not click ${this.describe()}: ${why}.`);
        await sleep(50);
        if (why === 'detached') {
          void el.dispose().catch(() => undefined);
          el = await this.element(Math.max(1, deadline - Date.now()));
        }
      }
    } finally {
      void el.dispose().catch(() => undefined);
    }
  }
  async fill(value: string) {
    await this.withElement(async (el) => {
      await el.evaluate((e) => {
        const field = e as HTMLInputElement;
        field.focus();
        field.select?.();
      });
      if (value === '') await this.tab.raw.keyboard.press('Backspace');
      else await this.tab.raw.keyboard.type(value);
    });
  }
  async press(key: string) {
    await this.withElement(async (el) => {
      await el.focus();
      await pressKeys(this.tab.raw, key);
    });
  }
  async focus() {
    await this.withElement((el) => el.focus());
  }
  /**
   * As a person does, from the keyboard (Home, then down to the option): the widget acts only on
   * events a person makes (lib/page/person-guard.ts), so a value set from script would not count.
   */
  async selectOption(option: string | { label: string }) {
    await this.withElement(async (el) => {
      const index = await el.evaluate((e, wanted) => {
        const options = Array.from((e as HTMLSelectElement).options);
        return typeof wanted === 'string'
          ? Math.max(options.findIndex((o) => o.value === wanted), options.findIndex((o) => o.label.trim() === wanted))
          : options.findIndex((o) => o.label.trim() === wanted.label);
      }, option);
      if (index < 0) throw new Error(`No option ${JSON.stringify(option)} in ${this.describe()}.`);
      await el.focus();
      // Each key is a change the page may save and draw back (the options page saves each one):
      // the next key waits until the select shows the step before it, as a person waits to see it.
      const selected = () => el.evaluate((e) => (e as HTMLSelectElement).selectedIndex);
      // Settled: showing `want`, and still after a quarter of a second (a save's late answer drawn back
      // would otherwise move the base of the next key).
      const settle = async (want: number) => {
        const deadline = Date.now() + 5_000;
        let now = await selected();
        for (let steady = 0; steady < 1 && Date.now() < deadline; ) {
          await sleep(now === want ? 250 : 50);
          const next = await selected();
          steady = next === want && now === want ? steady + 1 : 0;
          now = next;
        }
        return now;
      };
      await this.tab.raw.keyboard.press('Home');
      await settle(0);
      for (let i = 1; i <= index; i++) {
        await this.tab.raw.keyboard.press('ArrowDown');
        await settle(i);
      }
      const chosen = await settle(index);
      if (chosen !== index) throw new Error(`Chose option ${chosen} instead of ${index} in ${this.describe()}.`);
    });
  }
  async check() {
    if (!(await this.isChecked())) await this.click();
  }
  async uncheck() {
    if (await this.isChecked()) await this.click();
  }
  async waitFor(options: { state?: 'attached' | 'detached'; timeout?: number } = {}) {
    const deadline = Date.now() + (options.timeout ?? ACTION_TIMEOUT_MS);
    const wantGone = options.state === 'detached';
    for (;;) {
      const n = await this.count();
      if (wantGone ? n === 0 : n > 0) return;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${this.describe()} to be ${wantGone ? 'gone' : 'there'}.`);
      await sleep(50);
    }
  }

  count() {
    return this.query<number>('count');
  }
  async text() {
    return (await this.query<string[]>('texts'))[0] ?? null;
  }
  allTexts() {
    return this.query<string[]>('texts');
  }
  attribute(name: string) {
    return this.query<string | null>('attribute', name);
  }
  async inputValue() {
    const value = await this.query<string | null>('value');
    if (value === null) throw new Error(`No field matches ${this.describe()}.`);
    return value;
  }
  isChecked() {
    return this.query<boolean>('checked');
  }
  isFocused() {
    return this.query<boolean>('focused');
  }
}

class FirefoxTab implements Tab {
  constructor(
    private readonly driver: FirefoxDriver,
    /** The puppeteer page. */
    readonly raw: Page,
  ) {}

  async url() {
    return (await this.raw.evaluate(() => location.href).catch(() => null)) ?? this.raw.url();
  }
  goto(url: string) {
    return navigate(this.driver.session.browser, this.raw, url);
  }
  async reload() {
    const url = await this.url();
    if (!url.startsWith('moz-extension:')) {
      await this.raw.reload();
      return;
    }
    await this.raw.evaluate(() => ((window as unknown as { __atlBeforeReload: boolean }).__atlBeforeReload = true));
    await this.raw.evaluate(() => setTimeout(() => location.reload(), 0));
    const deadline = Date.now() + 15_000;
    for (;;) {
      const fresh = await this.raw.evaluate(() => !(window as unknown as { __atlBeforeReload?: boolean }).__atlBeforeReload && document.readyState === 'complete').catch(() => false);
      if (fresh) return;
      if (Date.now() > deadline) throw new Error(`Reloading ${url} did not finish.`);
      await sleep(25);
    }
  }
  async close() {
    this.driver.closed.add(this.raw);
    await this.raw.close().catch(() => undefined);
  }
  bringToFront() {
    return this.raw.bringToFront();
  }
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    return this.raw.evaluate(fn as never, arg) as Promise<T>;
  }
  navigateInApp(pathname: string) {
    return this.raw.evaluate((p) => (window as unknown as { __sandboxNavigate: (u: string) => void }).__sandboxNavigate(p), pathname);
  }
  widget(): Scope {
    return new FirefoxScope(this, 'widget', [{ kind: 'css', selector: 'section[aria-label="Time tracking"]' }]);
  }
  page(): Scope {
    return new FirefoxScope(this, 'document', []);
  }
  keyboard = {
    press: (key: string) => pressKeys(this.raw, key),
    type: (text: string) => this.raw.keyboard.type(text),
  };
  async axe(scope: 'page' | 'widget' = 'page') {
    await this.raw.evaluate(axeSource);
    return this.raw.evaluate(async (selector) => {
      type Result = { violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> };
      const axe = (window as unknown as { axe: { run: (context?: unknown) => Promise<Result> } }).axe;
      const result = await axe.run(selector ? { include: [[selector]] } : undefined);
      return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
    }, scope === 'widget' ? 'asana-time-log' : null);
  }
  async screenshot(file: string) {
    await this.raw.screenshot({ path: file as `${string}.png` });
  }
  onDialog(handler: (message: string) => void) {
    this.raw.on('dialog', (dialog) => {
      handler(dialog.message());
      void dialog.dismiss().catch(() => undefined);
    });
  }
}

export class FirefoxDriver implements Driver {
  readonly browser = 'firefox' as const;
  session!: FirefoxSession;
  extensionOrigin = '';
  redirectUrl = '';
  private helper!: Page;
  private ownPages = new Set<Page>();
  /** Pages the test closed: puppeteer may go on listing them (BiDi does not always report the close). */
  readonly closed = new WeakSet<Page>();
  private readonly profileDir = mkdtempSync(path.join(tmpdir(), 'atl-e2e-firefox-'));

  private constructor(
    readonly sandbox: Sandbox,
    private readonly ownsSandbox: boolean,
    private readonly headed: boolean,
  ) {}

  static async launch(options: DriverOptions = {}): Promise<FirefoxDriver> {
    const sandbox = options.useSandbox ?? (await startSandbox({ tls: true, ...options.sandbox }));
    const driver = new FirefoxDriver(sandbox, !options.useSandbox, options.headed ?? false);
    try {
      await driver.start();
      if ((options.widget ?? 'open') === 'open') {
        const opened = await driver.message('ui.setPrefs', { open: true, details: true, entries: true });
        if (!opened.ok) throw new Error(`Opening the widget's sections failed: ${opened.error?.message}`);
      }
      if (options.connect) await driver.connectWithToken(sandbox.demoToken);
    } catch (error) {
      await driver.close();
      throw error;
    }
    return driver;
  }

  private async start(): Promise<void> {
    this.session = await launchFirefox({ sandbox: this.sandbox, headless: !this.headed, profileDir: this.profileDir });
    this.extensionOrigin = this.session.extensionOrigin;
    this.redirectUrl = firefoxRedirectUrl(this.session.geckoId);
    this.ownPages = new Set(await this.session.browser.pages());
    this.helper = await this.session.browser.newPage();
    this.ownPages.add(this.helper);
    await navigate(this.session.browser, this.helper, `${this.extensionOrigin}/popup.html`);
  }

  get extensionId(): string {
    return this.session.geckoId;
  }

  taskUrl(taskGid: string, projectGid?: string): string {
    const ws = this.sandbox.seed.workspaces.main.gid;
    return projectGid ? `https://app.asana.com/1/${ws}/project/${projectGid}/task/${taskGid}` : `https://app.asana.com/1/${ws}/task/${taskGid}`;
  }

  async message(type: string, payload: unknown): Promise<Envelope> {
    return this.helper.evaluate(
      (channel, t, p) => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<Envelope> } } }).browser.runtime.sendMessage({ channel, type: t, payload: p }),
      CHANNEL,
      type,
      payload as never,
    );
  }

  async connectWithToken(token: string): Promise<void> {
    const result = await this.message('session.connectToken', { token });
    if (!result.ok) throw new Error(`Connecting failed: ${result.error?.message}`);
  }

  storage(keys?: string | string[]): Promise<Record<string, any>> {
    return this.helper.evaluate((k) => (globalThis as any).browser.storage.local.get(k ?? null), (keys ?? null) as never);
  }

  async setStorage(items: Record<string, unknown>): Promise<void> {
    await this.helper.evaluate((i) => (globalThis as any).browser.storage.local.set(i), items as never);
  }

  userKey(name: string, userGid = this.sandbox.seed.users.me.gid): string {
    return `u:${userGid}:${name}`;
  }

  async timer(): Promise<{ taskGid: string; taskName: string; startedAt: number } | null> {
    const key = this.userKey('timer');
    return ((await this.storage(key))[key] as { taskGid: string; taskName: string; startedAt: number } | undefined) ?? null;
  }

  async moveTimerStart(startedAt: number): Promise<void> {
    const result = await this.message('timer.adjust', { startedAt: Math.round(startedAt) });
    if (!result.ok || !result.data) throw new Error(`Moving the timer's start failed: ${result.error?.message ?? 'no timer running'}`);
  }

  async inBackground<T>(fn: (global: any, arg: any) => T | Promise<T>, arg?: unknown): Promise<T> {
    return (await this.helper.evaluate(`(async () => {
      const background = await browser.runtime.getBackgroundPage();
      return (${fn.toString()})(background, ${JSON.stringify(arg ?? null)});
    })()`)) as T;
  }

  private wrap(page: Page): FirefoxTab {
    return new FirefoxTab(this, page);
  }

  async openAsana(pathOrUrl: string): Promise<Tab> {
    const page = await this.session.browser.newPage();
    await navigate(this.session.browser, page, pathOrUrl.startsWith('http') ? pathOrUrl : `https://app.asana.com${pathOrUrl}`);
    return this.wrap(page);
  }

  async openOptions(hash = ''): Promise<Tab> {
    const page = await this.session.browser.newPage();
    await navigate(this.session.browser, page, `${this.extensionOrigin}/options.html${hash}`);
    return this.wrap(page);
  }

  async openPopup(): Promise<Tab> {
    const page = await this.session.browser.newPage();
    await navigate(this.session.browser, page, `${this.extensionOrigin}/popup.html`);
    return this.wrap(page);
  }

  /**
   * A new tab, `behind` brought back to the front, then the popup page loaded in the new (now
   * background) tab: it reads `behind` as the active tab, as under the toolbar button. (A tab the
   * extension creates with tabs.create is sometimes never reported over BiDi: about 1 in 20.)
   */
  async openPopupOver(behind: Tab): Promise<Tab> {
    const page = await this.session.browser.newPage();
    await behind.bringToFront();
    await navigate(this.session.browser, page, `${this.extensionOrigin}/popup.html`);
    return this.wrap(page);
  }

  nextTab(timeoutMs = 15_000): Promise<Tab> {
    const browser = this.session.browser;
    return new Promise<Tab>((resolve, reject) => {
      const timer = setTimeout(() => {
        browser.off('targetcreated', onTarget);
        reject(new Error(`No new tab opened within ${timeoutMs} ms.`));
      }, timeoutMs);
      const onTarget = (target: Target) => {
        if (target.type() !== 'page') return;
        browser.off('targetcreated', onTarget);
        clearTimeout(timer);
        void target.page().then((page) => (page ? resolve(this.wrap(page)) : reject(new Error('The new tab has no page.'))), reject);
      };
      browser.on('targetcreated', onTarget);
    });
  }

  async tabs(): Promise<Tab[]> {
    return (await this.session.browser.pages()).filter((p) => !this.ownPages.has(p) && !this.closed.has(p) && !p.isClosed()).map((p) => this.wrap(p));
  }

  async closeTabs(): Promise<void> {
    for (const tab of await this.tabs()) await tab.close();
  }

  stopBackground(): Promise<void> {
    return terminateBackground(this.session.browser, this.session.geckoId);
  }

  async backgroundRunning(): Promise<boolean> {
    return (await backgroundState(this.session.browser, this.session.geckoId)) === 'running';
  }

  /** Firefox forgets a temporary add-on when it closes: it is installed again, with the same uuid (and so the same storage). */
  async restartBrowser(): Promise<void> {
    await this.session.close({ keepProfile: true });
    await this.start();
  }

  inContentScript(tab: Tab, expression: string, timeoutMs = 60_000): Promise<unknown> {
    return evaluateInContentScript(this.session.browser, (tab as FirefoxTab).raw, this.session.geckoId, expression, timeoutMs);
  }

  async setColorScheme(scheme: 'light' | 'dark'): Promise<void> {
    // 0 dark, 1 light: what sites and extension pages see as prefers-color-scheme.
    await chromeEval(this.session.browser, `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1})`);
  }

  async close(): Promise<void> {
    await this.session?.close({ keepProfile: true });
    if (this.ownsSandbox) await this.sandbox.close();
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}
