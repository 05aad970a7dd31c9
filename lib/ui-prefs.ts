/**
 * How the widget was left: the row opened in place or not, the quick form's extra fields and
 * the entry list, open or not. In storage.local under {@link UI_PREFS_KEY}; kept apart from
 * store.ts so that the content script does not pull in WXT's storage wrapper for two constants.
 */
import { browser } from 'wxt/browser';
import type { FloatingPlace } from './page/floating-place';

export interface UiPrefs {
  /** The "Time tracking" row in Asana's task pane, opened in place. */
  open?: boolean;
  details: boolean;
  entries: boolean;
}
export const UI_PREFS_KEY = 'ui';
export const DEFAULT_UI_PREFS: UiPrefs = { open: false, details: false, entries: false };

/** Where the floating widget was left, and whether it was collapsed to a pill. */
export interface FloatingPrefs extends FloatingPlace {
  collapsed: boolean;
}
const FLOATING_KEY = 'ui.floating';

const isDistance = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 100_000;

/** The floating widget's remembered place, or null (never stored, or unreadable). */
export async function loadFloatingPrefs(): Promise<FloatingPrefs | null> {
  const value = (await browser.storage.local.get(FLOATING_KEY))[FLOATING_KEY] as Partial<FloatingPrefs> | undefined;
  if (!value || !isDistance(value.right) || !isDistance(value.bottom)) return null;
  return { right: value.right, bottom: value.bottom, collapsed: value.collapsed === true };
}

/** Remembers the floating widget's place (every Asana tab uses it the next time it floats). */
export async function saveFloatingPrefs(prefs: FloatingPrefs): Promise<void> {
  await browser.storage.local.set({ [FLOATING_KEY]: { right: prefs.right, bottom: prefs.bottom, collapsed: prefs.collapsed } });
}
