/**
 * The self-check's text (lib/self-check.ts): the place, the theme, the versions, in the
 * messages' language with the fixed names beside, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { browserFromBrands, browserFromUserAgent, diagnosticReport, selfCheckLines } from '@/lib/self-check';
import type { PageReport } from '@/lib/storage/schemas';
import { useUiLanguage } from '../i18n/setup';

const AT = Date.UTC(2026, 2, 11, 13, 5, 0);
const report = (over: Partial<PageReport> = {}): PageReport => ({ at: AT, place: 'fields', theme: 'dark', themeFrom: 'asana', mismatchAt: null, ...over });
const facts = (r: PageReport | null) => ({ extensionVersion: '1.0.0', browser: 'Chromium 156.0.8078.114', language: 'en', uiLanguage: 'en-US', report: r });

describe('the browser', () => {
  it('from Chromium’s brands: the specific one over Chromium, never the made-up brand', () => {
    expect(browserFromBrands([{ brand: 'Not)A;Brand', version: '99.0.0.0' }, { brand: 'Chromium', version: '156.0.8078.114' }, { brand: 'Google Chrome', version: '156.0.8078.114' }])).toBe('Google Chrome 156.0.8078.114');
    expect(browserFromBrands([{ brand: 'Chromium', version: '156.0.8078.114' }, { brand: 'Not_A Brand', version: '24.0.0.0' }])).toBe('Chromium 156.0.8078.114');
    expect(browserFromBrands([{ brand: 'Not A(Brand', version: '8' }])).toBeNull();
  });

  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'Firefox 153.0'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36', 'Chrome 156.0.0.0'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0', 'Microsoft Edge 156.0.0.0'],
    ['SomethingElse/1', 'SomethingElse/1'],
  ])('from the user agent %#', (ua, name) => {
    expect(browserFromUserAgent(ua)).toBe(name);
  });
});

describe('the report', () => {
  it('names the place, the theme and where it was read from, and the versions', () => {
    const text = diagnosticReport(facts(report()));
    expect(text.split('\n')).toEqual([
      'Asana Time Log diagnostic report',
      'Extension: 1.0.0',
      'Browser: Chromium 156.0.8078.114',
      'Language: en (en-US)',
      `Last task page: ${new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' }).format(AT)}`,
      'Widget’s place: among the task’s fields, before the description (the usual place) [fields]',
      'Theme: dark (from Asana’s theme setting) [dark/asana]',
    ]);
  });

  it.each([
    ['after-fields', 'after the task’s fields'],
    ['after-title', 'after the title row'],
    ['after-toolbar', 'after the toolbar'],
    ['floating', 'floating: no known place'],
    ['mismatch', 'floating, read-only'],
  ] as const)('%s is said in words', (place, words) => {
    const line = selfCheckLines(facts(report({ place }))).find(([label]) => label === 'Widget’s place')!;
    expect(line[1]).toMatch(new RegExp(`^${words}.* \\[${place}\\]$`));
  });

  it('says when the pane last named another task, and when no task page was seen', () => {
    expect(diagnosticReport(facts(report({ place: 'floating', theme: 'light', themeFrom: 'system', mismatchAt: AT + 60_000 })))).toContain('\nAsana’s pane last named another task than the address: ');
    expect(diagnosticReport(facts(report({ theme: 'light', themeFrom: 'painted' })))).toContain('Theme: light (from the colours Asana painted) [light/painted]');
    expect(diagnosticReport(facts(null)).split('\n').slice(-1)).toEqual(['Last task page: no Asana task page seen yet']);
  });

  it('in German, with the fixed names beside the words', () => {
    useUiLanguage('de-DE');
    const text = diagnosticReport({ ...facts(report({ place: 'after-title', theme: 'light', themeFrom: 'system' })), language: 'de', uiLanguage: 'de-DE' });
    expect(text).toContain('Asana Time Log – Diagnosebericht\nErweiterung: 1.0.0');
    expect(text).toContain('Platz des Widgets: nach der Titelzeile (keine Feldliste gefunden) [after-title]');
    expect(text).toContain('Design: hell (aus der Systemeinstellung) [light/system]');
  });
});
