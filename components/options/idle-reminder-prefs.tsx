/**
 * Preferences for idle time and reminders (issue 18.1, 18.2). Reminders are off by default; the
 * `notifications` permission is optional and asked for here, in the click that turns one on (a
 * browser asks only from a person's gesture). Refused, the reminder stays off and this says why.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { duration, locale, t } from '@/lib/i18n';
import { IDLE_RANGE, idleMinutesOf } from '@/lib/idle';
import { errorMessage, send } from '@/lib/messaging/client';
import { DEFAULT_REMINDERS, type ReminderPrefs } from '@/lib/reminders';
import type { Settings } from '@/lib/storage/schemas';

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const fromHhmm = (text: string): number | null => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  return m && Number(m[1]) < 24 && Number(m[2]) < 60 ? Number(m[1]) * 60 + Number(m[2]) : null;
};
/** Monday first; the names in the browser's language (2027-01-04 is a Monday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0].map((day) => ({ day, name: new Date(2027, 0, 3 + day).toLocaleDateString(locale(), { weekday: 'short' }) }));

export function IdleReminderPrefs(props: { settings: Settings; onSaved: (text: string) => void }) {
  const idle = idleMinutesOf(props.settings.idleMinutes);
  const prefs = props.settings.reminders ?? DEFAULT_REMINDERS;
  const [problem, setProblem] = useState<string | null>(null);
  const [idleText, setIdleText] = useState<string | null>(null);
  const [lastIdle, setLastIdle] = useState(idle || 10);

  async function save(patch: Partial<Pick<Settings, 'idleMinutes' | 'reminders'>>, said: string) {
    try {
      await send('settings.update', patch);
      props.onSaved(said);
      setProblem(null);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }
  const saveReminders = (patch: Partial<ReminderPrefs>, said = t('savedReminders')) => void save({ reminders: { ...prefs, ...patch } }, said);

  function saveIdle(text: string) {
    setIdleText(text);
    const n = Number(text.trim());
    if (!Number.isInteger(n) || n < IDLE_RANGE.min || n > IDLE_RANGE.max) return setProblem(t('idleRange'));
    setLastIdle(n);
    void save({ idleMinutes: n }, t('savedIdle', duration(n)));
  }

  /** Turning a reminder on asks for the permission first, in this click; refused, it stays off. */
  function toggle(which: 'daily' | 'long', on: boolean) {
    if (!on) return saveReminders({ [which]: false });
    void browser.permissions.request({ permissions: ['notifications'] }).then(
      (granted) => (granted ? saveReminders({ [which]: true }) : setProblem(t('reminderRefused'))),
      (error: unknown) => setProblem(t('reminderRefusedWhy', errorMessage(error))),
    );
  }

  const time = (id: string, label: string, value: number, set: (m: number) => void) => (
    <div class="tl-field">
      <label for={id}>{label}</label>
      <input id={id} class="tl-in" type="time" style={{ width: '8em' }} value={hhmm(value)} onChange={(e) => { const m = fromHhmm(e.currentTarget.value); if (m === null) setProblem(t('reminderTimeBad')); else set(m); }} />
    </div>
  );

  return (
    <>
      <fieldset class="tl-field">
        <legend>{t('idleHeading')}</legend>
        <label>
          <input type="checkbox" checked={idle > 0} onChange={(e) => void save({ idleMinutes: e.currentTarget.checked ? lastIdle : 0 }, e.currentTarget.checked ? t('savedIdle', duration(lastIdle)) : t('savedIdleOff'))} /> {t('idleOn')}
        </label>
        {idle > 0 && (
          <>
            <label for="pref-idle">{t('idleMinutesLabel')}</label>
            <input id="pref-idle" class="tl-in" type="number" min={IDLE_RANGE.min} max={IDLE_RANGE.max} step={1} style={{ width: '8em' }} value={idleText ?? String(idle)} onChange={(e) => saveIdle(e.currentTarget.value)} />
          </>
        )}
      </fieldset>
      <fieldset class="tl-field">
        <legend>{t('remindersHeading')}</legend>
        <span class="tl-mute">{t('remindersWhy')}</span>
        <label>
          <input type="checkbox" checked={prefs.daily} onChange={(e) => toggle('daily', e.currentTarget.checked)} /> {t('reminderDailyOn')}
        </label>
        <label>
          <input type="checkbox" checked={prefs.long} onChange={(e) => toggle('long', e.currentTarget.checked)} /> {t('reminderLongOn', duration(props.settings.longTimerMinutes))}
        </label>
        <div class="tl-field" role="group" aria-label={t('reminderDays')}>
          <span>{t('reminderDays')}</span>
          <span class="tl-row">
            {WEEK.map(({ day, name }) => (
              <label key={day}>
                <input type="checkbox" checked={prefs.days.includes(day)} onChange={(e) => saveReminders({ days: e.currentTarget.checked ? [...prefs.days, day].sort() : prefs.days.filter((d) => d !== day) })} /> {name}
              </label>
            ))}
          </span>
        </div>
        {time('pref-rem-at', t('reminderAt'), prefs.at, (at) => saveReminders({ at }))}
        <div class="tl-field">
          <label for="pref-rem-target">{t('reminderTarget')}</label>
          <input id="pref-rem-target" class="tl-in" type="number" min={0.5} max={24} step={0.5} style={{ width: '8em' }} value={String(prefs.targetMinutes / 60)} onChange={(e) => { const h = Number(e.currentTarget.value); if (!(h > 0 && h <= 24)) setProblem(t('reminderTargetBad')); else saveReminders({ targetMinutes: Math.round(h * 60) }); }} />
        </div>
        {time('pref-rem-from', t('reminderFrom'), prefs.from, (from) => (from < prefs.to ? saveReminders({ from }) : setProblem(t('vReminderHours'))))}
        {time('pref-rem-to', t('reminderTo'), prefs.to, (to) => (prefs.from < to ? saveReminders({ to }) : setProblem(t('vReminderHours'))))}
        {prefs.daily && (prefs.at < prefs.from || prefs.at >= prefs.to) && <p class="tl-note tl-bad">{t('reminderAtOutside')}</p>}
      </fieldset>
      {problem && (
        <p class="tl-note tl-bad" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
