/**
 * How the widget was left: the quick form's extra fields and the entry list, open or not.
 * In storage.local under {@link UI_PREFS_KEY}; kept apart from store.ts so that the content
 * script does not pull in WXT's storage wrapper for two constants.
 */
export interface UiPrefs {
  details: boolean;
  entries: boolean;
}
export const UI_PREFS_KEY = 'ui';
export const DEFAULT_UI_PREFS: UiPrefs = { details: false, entries: false };
