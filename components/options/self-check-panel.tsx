/**
 * The self-check for bug reports: what the widget found on the last Asana task page, and the
 * versions, shown and copied as one text (lib/self-check.ts) with no names, ids or entries.
 */
import { lang, t } from '@/lib/i18n';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { pageReportItem } from '@/lib/storage/items';
import { browserFromBrands, browserFromUserAgent, diagnosticReport, selfCheckLines, type Brand, type SelfCheckFacts } from '@/lib/self-check';
import { useItem } from '../hooks';

type UserAgentData = { getHighEntropyValues(hints: string[]): Promise<{ fullVersionList?: Brand[] }> };

/** The browser's name and full version: Firefox says it itself; Chromium browsers through their brand list; else the user agent. */
async function browserVersion(): Promise<string> {
  try {
    const info = await (browser.runtime as { getBrowserInfo?: () => Promise<{ name: string; version: string }> }).getBrowserInfo?.();
    if (info) return `${info.name} ${info.version}`;
    const data = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
    const brands = data ? (await data.getHighEntropyValues(['fullVersionList'])).fullVersionList : undefined;
    const named = brands ? browserFromBrands(brands) : null;
    if (named) return named;
  } catch {
    // The user agent below says enough.
  }
  return browserFromUserAgent(navigator.userAgent);
}

export function SelfCheckPanel() {
  const report = useItem(pageReportItem);
  const [browserName, setBrowserName] = useState(() => browserFromUserAgent(navigator.userAgent));
  const [notice, setNotice] = useState<{ text: string; bad: boolean } | null>(null);
  useEffect(() => {
    void browserVersion().then(setBrowserName);
  }, []);

  const facts: SelfCheckFacts = {
    extensionVersion: browser.runtime.getManifest().version,
    browser: browserName,
    language: lang(),
    uiLanguage: browser.i18n.getUILanguage(),
    report: report.value,
  };
  const text = diagnosticReport(facts);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setNotice({ text: t('reportCopied'), bad: false });
    } catch {
      setNotice({ text: t('reportCopyFailed'), bad: true });
    }
  }

  return (
    <div class="tl-panel">
      <section class="tl-card" aria-labelledby="self-check-h">
        <h2 id="self-check-h">{t('selfCheckH')}</h2>
        <p>{t('selfCheckIntro')}</p>
        {report.loaded && !report.value && <p class="tl-note" data-testid="self-check-none">{t('selfCheckNone')}</p>}
        <dl class="tl-facts" data-testid="self-check">
          {selfCheckLines(facts).map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <div class="tl-acts">
          <button type="button" class="tl-btn tl-pri" onClick={() => void copy()}>
            {t('copyReport')}
          </button>
        </div>
        <p class={notice?.bad ? 'tl-note tl-bad' : 'tl-live'} role="status">
          {notice?.text ?? ''}
        </p>
        <p class="tl-label" id="report-text-label">
          {t('reportShown')}
        </p>
        <pre class="tl-report" aria-labelledby="report-text-label" data-testid="diagnostic-report" tabIndex={0}>
          {text}
        </pre>
      </section>
    </div>
  );
}
