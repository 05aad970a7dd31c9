/**
 * Asana's theme (lib/page/theme.ts): its body class first, painted colours second, the OS last.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectTheme, isDark, themeFromClass } from '@/lib/page/theme';

afterEach(() => {
  document.body.className = '';
  document.body.replaceChildren();
  document.body.style.backgroundColor = '';
  vi.restoreAllMocks();
});

/** The OS says `dark` (matchMedia). */
function osSays(dark: boolean) {
  vi.spyOn(window, 'matchMedia').mockImplementation((query: string) => ({ matches: dark && query.includes('dark'), media: query }) as MediaQueryList);
}

describe('themeFromClass', () => {
  it.each([
    ['DesignTokenThemeSelectors-theme--lightMode', 'light'],
    ['DesignTokenThemeSelectors-theme--darkMode', 'dark'],
    ['DesignTokenThemeSelectors-theme--systemLightMode', 'light'],
    ['DesignTokenThemeSelectors-theme--systemDarkMode', 'dark'],
    ['Breakpoint--defaultDesktopStyles DesignTokenThemeSelectors-theme--darkMode Other', 'dark'],
    ['DesignTokenThemeSelectors-theme--higherContrastLoadingPlaceholder', null],
    ['ThemeSetter-themeDark', null],
    ['', null],
  ])('%j → %s', (cls, theme) => {
    expect(themeFromClass(cls)).toBe(theme);
  });
});

describe('isDark', () => {
  it.each([
    ['rgb(30, 31, 33)', true],
    ['rgb(255, 255, 255)', false],
    ['rgba(30, 31, 33, 0.9)', true],
    ['rgba(0, 0, 0, 0)', null],
    ['rgb(30 31 33 / 20%)', null],
    ['transparent', null],
  ])('%s → %s', (color, dark) => {
    expect(isDark(color)).toBe(dark);
  });
});

describe('detectTheme', () => {
  it('follows Asana’s body class even when the OS and the painted colours say otherwise', () => {
    osSays(true);
    document.body.className = 'DesignTokenThemeSelectors-theme--lightMode';
    document.body.style.backgroundColor = 'rgb(30, 31, 33)';
    expect(detectTheme(document)).toBe('light');
    osSays(false);
    document.body.className = 'DesignTokenThemeSelectors-theme--systemDarkMode';
    expect(detectTheme(document)).toBe('dark');
  });

  it('without the class, reads Asana’s background element before the OS (the body is transparent)', () => {
    osSays(false);
    const background = document.createElement('div');
    background.className = 'ThemeSetter-themeBackground';
    background.style.backgroundColor = 'rgb(30, 31, 33)';
    document.body.append(background);
    expect(detectTheme(document)).toBe('dark');
    // A painted pane, innermost, comes first.
    const pane = document.createElement('div');
    pane.style.backgroundColor = 'rgb(255, 255, 255)';
    document.body.append(pane);
    expect(detectTheme(document, [pane])).toBe('light');
  });

  it('falls back to the OS setting when nothing is painted', () => {
    osSays(true);
    expect(detectTheme(document)).toBe('dark');
    osSays(false);
    expect(detectTheme(document)).toBe('light');
  });
});
