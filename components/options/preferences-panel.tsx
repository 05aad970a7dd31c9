/**
 * Workspace, defaults for new entries, and when a timer counts as forgotten: the signed-in user's
 * settings, changed through the background.
 */
import { duration, t, type MessageKey } from '@/lib/i18n';
import { LONG_TIMER_RANGE } from '@/lib/timer-run';
import { useEffect, useRef, useState } from 'preact/hooks';
import { BILLABLE_STATUSES, type BillableStatus } from '@/lib/asana/constants';
import { errorMessage, send } from '@/lib/messaging/client';
import type { Category } from '@/lib/asana/schemas';
import type { Settings } from '@/lib/storage/schemas';
import { billableLabel } from '../labels';
import { useSignedIn } from '../use-signed-in';
import { IdleReminderPrefs } from './idle-reminder-prefs';

const withoutKeys = <T extends object>(record: T, keys: string[]): T => Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k))) as T;

export function PreferencesPanel() {
  const signedIn = useSignedIn();
  const account = { loaded: signedIn.loaded, value: signedIn.account };
  // What the person chose, shown until every save under way has settled: a re-render meanwhile
  // would otherwise draw the stored (older) value back, and the next arrow key would start from it.
  const [chosen, setChosen] = useState<Partial<Settings>>({});
  const saving = useRef(0);
  const settings = { value: { ...signedIn.settings, ...chosen } };
  const [categories, setCategories] = useState<Category[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const ws = settings.value.workspaceGid;

  useEffect(() => {
    if (!ws || !account.value) return;
    send('categories.list', { workspaceGid: ws })
      .then((list) => {
        setCategories(list);
        setProblem(null);
      })
      .catch((e) => setProblem(errorMessage(e)));
  }, [ws, account.value]);

  const [hours, setHours] = useState<string | null>(null);
  const hoursShown = hours ?? String(settings.value.longTimerMinutes / 60);

  /** The threshold of a forgotten timer, typed in whole hours: saved when it is one. */
  function saveHours(text: string) {
    setHours(text);
    const n = Number(text.trim());
    if (!Number.isInteger(n) || n * 60 < LONG_TIMER_RANGE.min || n * 60 > LONG_TIMER_RANGE.max) return setProblem(t('longTimerRange'));
    void update({ longTimerMinutes: n * 60 }, () => t('savedLongTimer', duration(n * 60)));
  }

  async function update(patch: Partial<Settings>, saved: MessageKey | (() => string)) {
    saving.current += 1;
    setChosen((was) => ({ ...was, ...patch }));
    try {
      await send('settings.update', patch);
      setSaved(typeof saved === 'function' ? saved() : t(saved));
      setProblem(null);
    } catch (error) {
      setProblem(errorMessage(error));
      setChosen((was) => withoutKeys(was, Object.keys(patch))); // the stored value comes back into view, with why
    } finally {
      saving.current -= 1;
    }
  }
  // A choice gives way to the stored value once storage has it (storage's change can reach this
  // page before or after the save's answer).
  useEffect(() => {
    if (saving.current > 0) return;
    const stored = signedIn.settings as unknown as Record<string, unknown>;
    setChosen((was) => {
      const left = withoutKeys(was, Object.keys(was).filter((k) => stored[k] === (was as Record<string, unknown>)[k]));
      return Object.keys(left).length === Object.keys(was).length ? was : left;
    });
  }, [signedIn.settings, saved, problem]);

  if (!account.loaded) return null;
  if (!account.value) return <p>{t('connectFirst')}</p>;

  return (
    <section class="tl-card" aria-labelledby="prefs-h">
      <h2 id="prefs-h">{t('tabPreferences')}</h2>
      <p class="tl-live" role="status">
        {saved}
      </p>
      <div class="tl-form">
        <div class="tl-field">
          <label for="pref-ws">{t('workspace')}</label>
          <select id="pref-ws" class="tl-in" value={ws ?? ''} onChange={(e) => void update({ workspaceGid: e.currentTarget.value || null, defaultCategoryGid: null }, 'savedWorkspace')}>
            {!ws && <option value="">{t('chooseWorkspace')}</option>}
            {account.value.workspaces.map((w) => (
              <option key={w.gid} value={w.gid}>
                {w.name}
              </option>
            ))}
          </select>
          <span class="tl-mute">{t('workspaceUse')}</span>
        </div>
        <div class="tl-field">
          <label for="pref-cat">{t('defaultCategory')}</label>
          <select id="pref-cat" class="tl-in" value={settings.value.defaultCategoryGid ?? ''} onChange={(e) => void update({ defaultCategoryGid: e.currentTarget.value || null }, 'savedDefaultCategory')}>
            <option value="">{t('noCategory')}</option>
            {categories.map((c) => (
              <option key={c.gid} value={c.gid}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div class="tl-field">
          <label for="pref-bill">{t('defaultBillable')}</label>
          <select id="pref-bill" class="tl-in" value={settings.value.defaultBillable ?? ''} onChange={(e) => void update({ defaultBillable: (e.currentTarget.value || null) as BillableStatus | null }, 'savedDefaultBillable')}>
            <option value="">{t('workspaceDefault')}</option>
            {BILLABLE_STATUSES.map((b) => (
              <option key={b} value={b}>
                {billableLabel(b)}
              </option>
            ))}
          </select>
        </div>
        <div class="tl-field">
          <label for="pref-long">{t('longTimerLabel')}</label>
          <input id="pref-long" class="tl-in" type="number" min={1} max={168} step={1} style={{ width: '8em' }} value={hoursShown} onChange={(e) => saveHours(e.currentTarget.value)} />
        </div>
        <IdleReminderPrefs settings={settings.value} onSaved={setSaved} />
        {problem && (
          <p class="tl-note tl-bad" role="alert">
            {problem}
          </p>
        )}
      </div>
    </section>
  );
}
