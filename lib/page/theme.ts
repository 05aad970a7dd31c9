/**
 * Asana's light or dark theme. In order:
 * 1. the class Asana puts on `<body>`: `DesignTokenThemeSelectors-theme--lightMode`, `--darkMode`,
 *    `--systemLightMode`, `--systemDarkMode` (clockify, jpbochi 2024-2026; PLAYBOOK §7). Asana
 *    resolves "system" itself, so the system variants say which one it shows;
 * 2. the colours Asana paints, first its own background element (`.ThemeSetter-themeBackground`;
 *    the body and pane may be transparent), innermost first;
 * 3. the OS setting, last: it differs from Asana's when the user picked a theme in Asana.
 */

export type Theme = 'light' | 'dark';

const THEME_CLASS = /(?:^|\s)DesignTokenThemeSelectors-theme--(?:system)?(light|dark)Mode(?:\s|$)/i;

/** The element Asana paints its page background with. */
export const THEME_BACKGROUND = '.ThemeSetter-themeBackground';

/** The theme Asana's body class names, or null when it names none. */
export function themeFromClass(className: string): Theme | null {
  const m = THEME_CLASS.exec(className);
  return m ? (m[1]!.toLowerCase() as Theme) : null;
}

/** True for a dark CSS `rgb()`/`rgba()` colour, false for a light one, null if (mostly) transparent or unreadable. */
export function isDark(color: string): boolean | null {
  const m = /rgba?\(([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+)(%?))?/.exec(color);
  if (!m || (m[4] !== undefined && Number(m[4]) / (m[5] ? 100 : 1) < 0.5)) return null;
  // Perceived brightness (ITU-R BT.601 weights), 0-255.
  return Number(m[1]) * 0.299 + Number(m[2]) * 0.587 + Number(m[3]) * 0.114 < 128;
}

/**
 * Light or dark for the page `doc`: Asana's body class, else the first of `painted` (innermost
 * first; Asana's background element is added last but one, then body and html) with an opaque
 * background, else the OS setting.
 */
export function detectTheme(doc: Document, painted: Array<Element | null | undefined> = []): Theme {
  return readTheme(doc, painted).theme;
}

/** Like {@link detectTheme}, and what it was read from (for the self-check). */
export function readTheme(doc: Document, painted: Array<Element | null | undefined> = []): { theme: Theme; from: 'asana' | 'painted' | 'system' } {
  const fromClass = doc.body ? themeFromClass(doc.body.className) : null;
  if (fromClass) return { theme: fromClass, from: 'asana' };
  const view = doc.defaultView ?? window;
  for (const el of [...painted, doc.querySelector(THEME_BACKGROUND), doc.body, doc.documentElement]) {
    if (!el) continue;
    const dark = isDark(view.getComputedStyle(el).backgroundColor);
    if (dark !== null) return { theme: dark ? 'dark' : 'light', from: 'painted' };
  }
  return { theme: view.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light', from: 'system' };
}
