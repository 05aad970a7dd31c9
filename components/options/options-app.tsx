/** The options page: account, preferences, categories, the timesheet, the self-check and the privacy policy, as tabs in the URL hash. */
import { t, type MessageKey } from '@/lib/i18n';
import type { ComponentType } from 'preact';
import { AccountPanel } from './account-panel';
import { CategoriesPanel } from './categories-panel';
import { PreferencesPanel } from './preferences-panel';
import { PrivacyPanel } from './privacy-panel';
import { routeHash, useRoute, type Route, type Tab } from './route';
import { SelfCheckPanel } from './self-check-panel';
import { TimesheetPanel } from './timesheet-panel';

const LABELS: Record<Tab, MessageKey> = {
  account: 'tabAccount',
  preferences: 'tabPreferences',
  categories: 'tabCategories',
  timesheet: 'tabTimesheet',
  'self-check': 'tabSelfCheck',
  privacy: 'tabPrivacy',
};
const PANELS: Record<Tab, ComponentType<{ route: Route; navigate: (hash: string, replace?: boolean) => void }>> = {
  account: AccountPanel,
  preferences: PreferencesPanel,
  categories: CategoriesPanel,
  timesheet: TimesheetPanel,
  'self-check': SelfCheckPanel,
  privacy: PrivacyPanel,
};

export function OptionsApp() {
  const [route, navigate] = useRoute();
  const Panel = PANELS[route.tab];
  const tabs = Object.keys(LABELS) as Tab[];

  function onKeyDown(event: KeyboardEvent) {
    const at = tabs.indexOf(route.tab);
    const next = event.key === 'ArrowRight' ? tabs[(at + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(at - 1 + tabs.length) % tabs.length] : null;
    if (!next) return;
    event.preventDefault();
    navigate(routeHash(next));
    document.getElementById(`tab-${next}`)?.focus();
  }

  return (
    <div class="tl-root tl-auto tl-options-page">
      <header class="tl-head">
        <h1>{t('extName')}</h1>
      </header>
      {/* One main landmark holds the tabs and the panel, so that all content is in a landmark (axe). */}
      <main>
      <nav role="tablist" aria-label={t('settingsSections')} class="tl-tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <a
            key={tab}
            id={`tab-${tab}`}
            role="tab"
            href={routeHash(tab)}
            aria-selected={route.tab === tab}
            aria-controls="panel"
            tabIndex={route.tab === tab ? 0 : -1}
            class="tl-tab"
            onClick={(e) => {
              e.preventDefault();
              navigate(routeHash(tab));
            }}
          >
            {t(LABELS[tab])}
          </a>
        ))}
      </nav>
      <div id="panel" role="tabpanel" aria-labelledby={`tab-${route.tab}`} class="tl-main-panel">
        <Panel route={route} navigate={navigate} />
      </div>
      </main>
    </div>
  );
}
