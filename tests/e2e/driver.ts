/**
 * One harness API for both browsers: what an end-to-end test needs from "the built extension in a
 * real browser against the sandbox", whichever browser that is. `launchDriver()` starts Chromium
 * (playwright-core, over tests/e2e/harness.ts) or Firefox (puppeteer-core over WebDriver BiDi,
 * tests/e2e/firefox-driver.ts); E2E_BROWSER chooses when the options do not.
 *
 * Queries are Playwright-like and lazy: `tab.widget().getByRole('button', { name: 'Log time' })`
 * finds nothing until it is acted on or read, and is found again every time (so it survives
 * re-renders). Actions wait (up to 10 s) for exactly one visible match; reads do not wait:
 * poll them with `expect.poll`. Text and name matching follow Playwright: a string matches a
 * case-insensitive substring (whitespace collapsed) unless `exact`, a RegExp is tested as is.
 *
 * Every access to the widget's DOM goes through `Tab.widget()`, which each implementation builds
 * on ONE function resolving the widget's (shadow) root: harness.ts `widget()` for Chromium,
 * `widgetRoot()` in firefox-driver.ts for Firefox.
 */
import type { Sandbox, SandboxOptions } from '../sandbox/index.ts';

export type BrowserName = 'chromium' | 'firefox';
export type TextMatch = string | RegExp;

export interface DriverOptions {
  /** Default: E2E_BROWSER, else chromium. */
  browser?: BrowserName;
  sandbox?: SandboxOptions;
  /** Reuse a running sandbox instead of starting one. */
  useSandbox?: Sandbox;
  /** Connect the demo user's token through the background before the test starts. */
  connect?: boolean;
  /** Show a browser window (needs a display). Default: headless. */
  headed?: boolean;
  /** `'open'` (default): the widget's sections open, as tests want; `'defaults'`: a new user's compact widget. */
  widget?: 'open' | 'defaults';
}

/** A protocol response envelope, as the background sends it. */
export interface Envelope {
  ok: boolean;
  data?: any;
  error?: { code: string; message: string };
}

export interface Driver {
  readonly browser: BrowserName;
  readonly sandbox: Sandbox;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>` (no trailing slash). */
  readonly extensionOrigin: string;
  /** The OAuth redirect URL this browser gives the extension (what the Account tab must show). */
  readonly redirectUrl: string;

  /** A task's V1 URL in the main workspace. */
  taskUrl(taskGid: string, projectGid?: string): string;
  /** One protocol message from an extension page (a trusted sender); the raw envelope. */
  message(type: string, payload: unknown): Promise<Envelope>;
  connectWithToken(token: string): Promise<void>;
  /** storage.local as the extension sees it. */
  storage(keys?: string | string[]): Promise<Record<string, any>>;
  /** Writes storage.local items (e.g. a timer started earlier than it was). */
  setStorage(items: Record<string, unknown>): Promise<void>;
  /** A signed-in user's storage key (`u:<gid>:<name>`); the demo user's by default. */
  userKey(name: string, userGid?: string): string;
  /** The demo user's running timer as storage.local shows it (null when none runs). */
  timer(): Promise<{ taskGid: string; taskName: string; startedAt: number } | null>;
  /** Moves the running timer's start, as the person can (the background undoes direct writes to it). */
  moveTimerStart(startedAt: number): Promise<void>;
  /**
   * Runs `fn(global, arg)` in the background (Chromium: the service worker; Firefox: the event
   * page's window, through runtime.getBackgroundPage) and returns its JSON-able result. `fn` is
   * sent as source: it sees only `global` and `arg` (use `new global.Object()`, not `{}`, to
   * look at the background's own objects).
   */
  inBackground<T>(fn: (global: any, arg: any) => T | Promise<T>, arg?: unknown): Promise<T>;

  /** Opens an Asana page (served by the sandbox) in a new tab: a path or a full URL. */
  openAsana(pathOrUrl: string): Promise<Tab>;
  /** The options page (`#account`, `#categories?…`) in a new tab. */
  openOptions(hash?: string): Promise<Tab>;
  /** The popup page in a tab of its own (its "current tab" is then itself). */
  openPopup(): Promise<Tab>;
  /** The popup as the toolbar button opens it over `behind`: `behind` stays the active tab. */
  openPopupOver(behind: Tab): Promise<Tab>;
  /**
   * Resolves with the next tab that opens after this call (e.g. the OAuth consent window):
   * call it before the action that opens the tab.
   */
  nextTab(timeoutMs?: number): Promise<Tab>;
  /** Tabs the test opened that are still open (not the driver's own). */
  tabs(): Promise<Tab[]>;
  /** Closes every tab the test opened. */
  closeTabs(): Promise<void>;

  /** Stops the background as the browser does when it is idle (service worker stop / event page termination). */
  stopBackground(): Promise<void>;
  /** Whether the background is running now (without waking it). */
  backgroundRunning(): Promise<boolean>;
  /** Closes the browser and starts it again on the same profile; every tab is gone. */
  restartBrowser(): Promise<void>;
  /**
   * Evaluates `expression` (awaited, returned by value) in the content script's isolated world on
   * `tab`: what a compromised or confused content script could do. A throw comes back as `{ thrown }`.
   */
  inContentScript(tab: Tab, expression: string, timeoutMs?: number): Promise<unknown>;
  /** Prefers-color-scheme for extension pages and sites. */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  close(): Promise<void>;
}

export interface Tab {
  url(): Promise<string>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  close(): Promise<void>;
  bringToFront(): Promise<void>;
  /** Evaluates in the page's main world (never the extension's). */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Asana's own navigation (pushState), as the sandbox's app does when a task row is clicked. */
  navigateInApp(path: string): Promise<void>;
  /** The widget's section (`section[aria-label="Time tracking"]`), through the widget-root function. */
  widget(): Scope;
  /** The whole document (extension pages, Asana's own markup, the consent page). */
  page(): Scope;
  keyboard: {
    press(key: string): Promise<void>;
    type(text: string): Promise<void>;
  };
  /** axe-core's violations (one line each) in the page, or in the widget when `scope` is 'widget'. */
  axe(scope?: 'page' | 'widget'): Promise<string[]>;
  screenshot(file: string): Promise<void>;
  /** Calls `handler(message)` for each alert/confirm/prompt the page opens, and dismisses it. */
  onDialog(handler: (message: string) => void): void;
}

export interface RoleOptions {
  name?: TextMatch;
  exact?: boolean;
}
export interface TextOptions {
  exact?: boolean;
}
export interface FilterOptions {
  hasText?: TextMatch;
  hasNotText?: TextMatch;
  /**
   * Keeps the elements that contain a match of this scope, which is applied inside each of them:
   * build it from `tab.page()` (e.g. `tab.page().locator('p.tl-desc')`), not from `tab.widget()`.
   */
  has?: Scope;
}

/** A lazy query (see the file comment). */
export interface Scope {
  getByRole(role: string, options?: RoleOptions): Scope;
  getByLabel(text: TextMatch, options?: TextOptions): Scope;
  getByTestId(id: string): Scope;
  getByText(text: TextMatch, options?: TextOptions): Scope;
  locator(css: string): Scope;
  filter(options: FilterOptions): Scope;
  nth(index: number): Scope;
  first(): Scope;
  last(): Scope;

  click(): Promise<void>;
  /** Replaces the field's value with `value`, typed. */
  fill(value: string): Promise<void>;
  /** Focuses the element, then presses `key` (Playwright names: Enter, ArrowDown, Shift+Tab…). */
  press(key: string): Promise<void>;
  focus(): Promise<void>;
  selectOption(option: string | { label: string }): Promise<void>;
  check(): Promise<void>;
  uncheck(): Promise<void>;
  /** Waits until at least one element matches (or `state: 'detached'`: none does). */
  waitFor(options?: { state?: 'attached' | 'detached'; timeout?: number }): Promise<void>;

  count(): Promise<number>;
  /** textContent of the first match, or null when nothing matches. */
  text(): Promise<string | null>;
  allTexts(): Promise<string[]>;
  attribute(name: string): Promise<string | null>;
  inputValue(): Promise<string>;
  isChecked(): Promise<boolean>;
  /** Whether the first match is the focused element (inside its own shadow root, if any). */
  isFocused(): Promise<boolean>;
}

/** The browser the e2e tests run in when nothing says otherwise. */
export function defaultBrowser(): BrowserName {
  const chosen = (process.env.E2E_BROWSER ?? 'chromium').toLowerCase();
  if (chosen !== 'chromium' && chosen !== 'firefox') throw new Error(`E2E_BROWSER must be chromium or firefox, not “${process.env.E2E_BROWSER}”.`);
  return chosen;
}

/** Starts the built extension in a browser against the sandbox. */
export async function launchDriver(options: DriverOptions = {}): Promise<Driver> {
  const browser = options.browser ?? defaultBrowser();
  if (browser === 'firefox') {
    const { FirefoxDriver } = await import('./firefox-driver.ts');
    return FirefoxDriver.launch(options);
  }
  const { ChromiumDriver } = await import('./chromium-driver.ts');
  return ChromiumDriver.launch(options);
}

/** Minutes to the text the widget shows ("1 h 30 min"). */
export { formatMinutes } from './harness.ts';
