/** The store screenshots' languages and scenes (store/README.md), shared by the demo that makes them and the test that checks them. */
import path from 'node:path';

export type StoreLanguage = 'en' | 'de' | 'ja';
export const STORE_LANGUAGES: readonly StoreLanguage[] = ['en', 'de', 'ja'];
/** The scenes, in the order the stores show them (Chrome takes the first five). */
export const STORE_SCENES = ['widget-compact', 'widget-timer', 'dark', 'popup', 'timesheet', 'account'] as const;
export type StoreScene = (typeof STORE_SCENES)[number];
export const STORE_SCREENSHOTS_DIR = path.resolve(import.meta.dirname, '../../store/screenshots');
/** `store/screenshots/<lang>/<n>-<scene>.png`'s file name. */
export const storeScreenshotName = (scene: StoreScene) => `${STORE_SCENES.indexOf(scene) + 1}-${scene}.png`;
