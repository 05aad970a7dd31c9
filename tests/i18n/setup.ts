/**
 * Vitest setup for the unit and background projects: WXT's fake browser gets a working
 * `browser.i18n` (the shipped messages, see browser-i18n.ts) in English, as a browser whose UI
 * is in English would have. `useUiLanguage('de')` switches it for one test.
 */
import { afterEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browserI18n } from './browser-i18n';

export function useUiLanguage(uiLanguage: string): void {
  Object.assign(fakeBrowser.i18n, browserI18n(uiLanguage));
}

useUiLanguage('en-US');
afterEach(() => useUiLanguage('en-US'));
