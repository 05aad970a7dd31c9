/**
 * The Driver (tests/e2e/driver.ts) for Chromium: an adapter over the Playwright harness
 * (harness.ts), which it does not change. Scopes are Playwright locators; the widget's root is
 * harness.ts's `widget()`, the one function the Chromium tests already use.
 */
import type { Locator, Page } from 'playwright-core';
import { inContentScript } from './content-world.ts';
import { axeViolations } from './axe.ts';
import type { Driver, DriverOptions, Envelope, FilterOptions, RoleOptions, Scope, Tab, TextMatch, TextOptions } from './driver.ts';
import { Harness, choose, widget } from './harness.ts';

const ACTION_TIMEOUT_MS = 10_000;

class ChromiumScope implements Scope {
  /** A locator; for a tab's page() the Page itself, so that a query from it is also relative inside `filter({ has })`. */
  private readonly base: Locator | Page;
  constructor(base: Locator | Page) {
    this.base = base;
  }
  get inner(): Locator {
    return 'goto' in this.base ? this.base.locator(':root') : this.base;
  }

  getByRole(role: string, options: RoleOptions = {}) {
    return new ChromiumScope(this.base.getByRole(role as Parameters<Locator['getByRole']>[0], options));
  }
  getByLabel(text: TextMatch, options: TextOptions = {}) {
    return new ChromiumScope(this.base.getByLabel(text, options));
  }
  getByTestId(id: string) {
    return new ChromiumScope(this.base.getByTestId(id));
  }
  getByText(text: TextMatch, options: TextOptions = {}) {
    return new ChromiumScope(this.base.getByText(text, options));
  }
  locator(css: string) {
    return new ChromiumScope(this.base.locator(css));
  }
  filter(options: FilterOptions) {
    return new ChromiumScope(this.inner.filter({ hasText: options.hasText, hasNotText: options.hasNotText, has: options.has ? (options.has as ChromiumScope).inner : undefined }));
  }
  nth(index: number) {
    return new ChromiumScope(this.inner.nth(index));
  }
  first() {
    return new ChromiumScope(this.inner.first());
  }
  last() {
    return new ChromiumScope(this.inner.last());
  }

  click() {
    return this.inner.click({ timeout: ACTION_TIMEOUT_MS });
  }
  fill(value: string) {
    return this.inner.fill(value, { timeout: ACTION_TIMEOUT_MS });
  }
  press(key: string) {
    return this.inner.press(key, { timeout: ACTION_TIMEOUT_MS });
  }
  focus() {
    return this.inner.focus({ timeout: ACTION_TIMEOUT_MS });
  }
  async selectOption(option: string | { label: string }) {
    await this.inner.waitFor({ timeout: ACTION_TIMEOUT_MS });
    await choose(this.inner, option); // from the keyboard, as a person does (lib/page/person-guard.ts)
  }
  check() {
    return this.inner.check({ timeout: ACTION_TIMEOUT_MS });
  }
  uncheck() {
    return this.inner.uncheck({ timeout: ACTION_TIMEOUT_MS });
  }
  async waitFor(options: { state?: 'attached' | 'detached'; timeout?: number } = {}) {
    await this.inner.first().waitFor({ state: options.state ?? 'attached', timeout: options.timeout ?? ACTION_TIMEOUT_MS });
  }

  count() {
    return this.inner.count();
  }
  async text() {
    if ((await this.inner.count()) === 0) return null;
    return this.inner.first().textContent({ timeout: 2_000 }).catch(() => null);
  }
  allTexts() {
    return this.inner.allTextContents();
  }
  async attribute(name: string) {
    if ((await this.inner.count()) === 0) return null;
    return this.inner.first().getAttribute(name, { timeout: 2_000 }).catch(() => null);
  }
  inputValue() {
    return this.inner.first().inputValue({ timeout: ACTION_TIMEOUT_MS });
  }
  async isChecked() {
    if ((await this.inner.count()) === 0) return false;
    return this.inner.first().isChecked({ timeout: 2_000 });
  }
  async isFocused() {
    if ((await this.inner.count()) === 0) return false;
    return this.inner.first().evaluate((el) => el === (el.getRootNode() as Document | ShadowRoot).activeElement, undefined, { timeout: 2_000 });
  }
}

class ChromiumTab implements Tab {
  constructor(readonly raw: Page) {}
  async url() {
    return this.raw.url();
  }
  async goto(url: string) {
    await this.raw.goto(url);
  }
  async reload() {
    await this.raw.reload();
  }
  async close() {
    await this.raw.close().catch(() => undefined);
  }
  bringToFront() {
    return this.raw.bringToFront();
  }
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    return this.raw.evaluate(fn as never, arg) as Promise<T>;
  }
  async navigateInApp(pathname: string) {
    await this.raw.evaluate((p) => (window as unknown as { __sandboxNavigate: (u: string) => void }).__sandboxNavigate(p), pathname);
  }
  widget(): Scope {
    return new ChromiumScope(widget(this.raw));
  }
  page(): Scope {
    return new ChromiumScope(this.raw);
  }
  keyboard = {
    press: (key: string) => this.raw.keyboard.press(key),
    type: (text: string) => this.raw.keyboard.type(text),
  };
  axe(scope: 'page' | 'widget' = 'page') {
    return axeViolations(this.raw, scope === 'widget' ? 'asana-time-log' : undefined);
  }
  async screenshot(file: string) {
    await this.raw.screenshot({ path: file, fullPage: true });
  }
  onDialog(handler: (message: string) => void) {
    this.raw.on('dialog', (dialog) => {
      handler(dialog.message());
      void dialog.dismiss().catch(() => undefined);
    });
  }
}

export class ChromiumDriver implements Driver {
  readonly browser = 'chromium' as const;
  private constructor(readonly harness: Harness) {}

  static async launch(options: DriverOptions = {}): Promise<ChromiumDriver> {
    return new ChromiumDriver(await Harness.launch(options));
  }

  get sandbox() {
    return this.harness.sandbox;
  }
  get extensionOrigin() {
    return `chrome-extension://${this.harness.extensionId}`;
  }
  get redirectUrl() {
    return `https://${this.harness.extensionId}.chromiumapp.org/`;
  }
  taskUrl(taskGid: string, projectGid?: string) {
    return this.harness.taskUrl(taskGid, projectGid);
  }
  message(type: string, payload: unknown): Promise<Envelope> {
    return this.harness.message(type, payload);
  }
  connectWithToken(token: string) {
    return this.harness.connectWithToken(token);
  }
  /**
   * Runs `fn` in an extension page (an open one, or popup.html opened for the call): storage from
   * there needs no service worker, so it works, and wakes nothing, while the worker is stopped
   * (Playwright's stale handle of a stopped worker would hang).
   */
  private async inExtensionPage<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
    const context = this.harness.context;
    let page = context.pages().find((p) => p.url().startsWith(`${this.extensionOrigin}/`));
    const opened = !page;
    if (!page) {
      page = await context.newPage();
      await page.goto(this.harness.extensionUrl('popup.html'));
    }
    try {
      return (await page.evaluate(fn as never, arg)) as T;
    } finally {
      if (opened) await page.close();
    }
  }
  storage(keys?: string | string[]): Promise<Record<string, any>> {
    return this.inExtensionPage((k) => chrome.storage.local.get(k ?? null), keys ?? null);
  }
  async setStorage(items: Record<string, unknown>) {
    await this.inExtensionPage((i) => chrome.storage.local.set(i), items);
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
    const worker = await this.harness.serviceWorker();
    return worker.evaluate(`(async () => (${fn.toString()})(globalThis, ${JSON.stringify(arg ?? null)}))()`) as Promise<T>;
  }

  async openAsana(pathOrUrl: string): Promise<Tab> {
    return new ChromiumTab(await this.harness.openAsana(pathOrUrl));
  }
  async openOptions(hash = ''): Promise<Tab> {
    return new ChromiumTab(await this.harness.openOptions(hash));
  }
  async openPopup(): Promise<Tab> {
    return new ChromiumTab(await this.harness.openPopup());
  }
  async openPopupOver(behind: Tab): Promise<Tab> {
    return new ChromiumTab(await this.harness.openPopupOver((behind as ChromiumTab).raw));
  }
  async nextTab(timeoutMs = 15_000): Promise<Tab> {
    const page = await this.harness.context.waitForEvent('page', { timeout: timeoutMs });
    await page.waitForLoadState();
    return new ChromiumTab(page);
  }
  async tabs(): Promise<Tab[]> {
    return this.harness.context.pages().slice(1).map((p) => new ChromiumTab(p));
  }
  async closeTabs() {
    for (const p of this.harness.context.pages().slice(1)) await p.close().catch(() => undefined);
  }

  stopBackground() {
    return this.harness.stopServiceWorker();
  }
  async backgroundRunning() {
    const browser = this.harness.context.browser();
    if (!browser) return this.harness.context.serviceWorkers().length > 0;
    const cdp = await browser.newBrowserCDPSession();
    try {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };
      return targetInfos.some((t) => t.type === 'service_worker' && t.url.startsWith(`${this.extensionOrigin}/`));
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }
  restartBrowser() {
    return this.harness.restartBrowser();
  }
  inContentScript(tab: Tab, expression: string, timeoutMs?: number) {
    return inContentScript(this.harness, (tab as ChromiumTab).raw, expression, timeoutMs);
  }
  private scheme: 'light' | 'dark' | null = null;
  async setColorScheme(scheme: 'light' | 'dark') {
    if (this.scheme === null) this.harness.context.on('page', (p) => void p.emulateMedia({ colorScheme: this.scheme }).catch(() => undefined));
    this.scheme = scheme;
    for (const p of this.harness.context.pages()) await p.emulateMedia({ colorScheme: scheme });
  }
  close() {
    return this.harness.close();
  }
}
