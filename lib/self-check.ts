/**
 * The options page's self-check for bug reports: what the widget found on the last Asana task
 * page (its place, the theme and where it was read from; the `pageReport` item), and the
 * extension's and browser's versions, as lines a person can read and paste. By construction it
 * holds no names, ids or entries: it is built from the stored report (which has none), the
 * manifest's version and the browser's name and version, nothing else.
 */
import { locale, t, type MessageKey } from './i18n';
import type { PageReport } from './storage/schemas';

/** One brand of `navigator.userAgentData` (Chromium browsers). */
export interface Brand {
  brand: string;
  version: string;
}

/**
 * The browser and its version from Chromium's brand list (`getHighEntropyValues(['fullVersionList'])`):
 * the specific brand (Google Chrome, Microsoft Edge…) over plain Chromium, never the
 * made-up "Not A;Brand" entries. Null when the list names none.
 */
export function browserFromBrands(brands: readonly Brand[]): string | null {
  const real = brands.filter((b) => !/not.?a.?brand/i.test(b.brand));
  const chosen = real.find((b) => b.brand !== 'Chromium') ?? real[0];
  return chosen ? `${chosen.brand} ${chosen.version}` : null;
}

/** The browser and its version from a user-agent string ("Firefox 153.0", "Chrome 156.0.0.0"), or the string itself. */
export function browserFromUserAgent(ua: string): string {
  for (const [name, pattern] of [
    ['Microsoft Edge', /\bEdg\/([\d.]+)/],
    ['Opera', /\bOPR\/([\d.]+)/],
    ['Firefox', /\bFirefox\/([\d.]+)/],
    ['Chrome', /\bChrome\/([\d.]+)/],
  ] as const) {
    const m = pattern.exec(ua);
    if (m) return `${name} ${m[1]}`;
  }
  return ua;
}

export interface SelfCheckFacts {
  /** The manifest's version. */
  extensionVersion: string;
  browser: string;
  /** The messages' language and the browser's UI language ("de", "de-AT"). */
  language: string;
  uiLanguage: string;
  /** The stored report of the last task page, or null when none was seen. */
  report: PageReport | null;
}

const when = (ms: number) => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(ms));

/**
 * The self-check as label/value lines, in the messages' language; each value that names a place
 * or theme also carries its fixed name in brackets (`[fields]`, `[dark/asana]`), so that a report
 * reads the same to the maintainers whatever language it was copied in.
 */
export function selfCheckLines(facts: SelfCheckFacts): Array<[label: string, value: string]> {
  const lines: Array<[string, string]> = [
    [t('scExtension'), facts.extensionVersion],
    [t('scBrowser'), facts.browser],
    [t('scLanguage'), facts.uiLanguage === facts.language ? facts.language : `${facts.language} (${facts.uiLanguage})`],
  ];
  const r = facts.report;
  if (!r) return [...lines, [t('scSeen'), t('reportNoPage')]];
  lines.push(
    [t('scSeen'), when(r.at)],
    [t('scPlace'), `${t(`place_${r.place.replace(/-/g, '_')}` as MessageKey)} [${r.place}]`],
    [t('scTheme'), `${t('scThemeIs', t(`theme_${r.theme}`), t(`themeFrom_${r.themeFrom}`))} [${r.theme}/${r.themeFrom}]`],
  );
  if (r.mismatchAt !== null) lines.push([t('scMismatch'), when(r.mismatchAt)]);
  return lines;
}

/** The text "Copy diagnostic report" copies: a title line, then `label: value` lines. */
export function diagnosticReport(facts: SelfCheckFacts): string {
  return [t('reportTitle'), ...selfCheckLines(facts).map(([label, value]) => `${label}: ${value}`)].join('\n');
}
