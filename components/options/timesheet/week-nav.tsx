/**
 * Choosing the week: previous, next, this week, or any date (its week is shown). The heading
 * names the week's first and last day in the user's locale.
 */
import { locale, t } from '@/lib/i18n';
import { addDays, isIsoDate } from '@/lib/dates';

export interface WeekNavProps {
  /** First day of the week shown. */
  week: string;
  /** First day of the current week. */
  thisWeek: string;
  onWeek: (anyDateOfWeek: string) => void;
}

/** "Mon, Nov 30 – Sun, Dec 6, 2026" in the user's locale. */
export function weekTitle(week: string): string {
  const last = addDays(week, 6);
  const [y1, m1, d1] = week.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = last.split('-').map(Number) as [number, number, number];
  const format = new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return format.formatRange(new Date(Date.UTC(y1, m1 - 1, d1)), new Date(Date.UTC(y2, m2 - 1, d2)));
}

export function WeekNav(props: WeekNavProps) {
  const { week } = props;
  return (
    <div class="tl-ts-nav">
      <h2 id="ts-week-title">
        <span class="tl-ts-sr">{t('weekOf')} </span>
        {weekTitle(week)}
      </h2>
      <div class="tl-row" role="group" aria-label={t('chooseWeek')}>
        <button type="button" class="tl-btn" onClick={() => props.onWeek(addDays(week, -7))}>
          <span aria-hidden="true">‹ </span>
          {t('previousWeek')}
        </button>
        <button type="button" class="tl-btn" disabled={week === props.thisWeek} onClick={() => props.onWeek(props.thisWeek)}>
          {t('thisWeek')}
        </button>
        <button type="button" class="tl-btn" onClick={() => props.onWeek(addDays(week, 7))}>
          {t('nextWeek')}
          <span aria-hidden="true"> ›</span>
        </button>
        <label class="tl-ts-goto">
          <span class="tl-label">{t('goToDate')}</span>
          <input
            type="date"
            class="tl-in"
            value={week}
            // change, not input: typing a date digit by digit would jump from week to week.
            onChange={(e) => {
              const picked = e.currentTarget.value;
              if (isIsoDate(picked)) props.onWeek(picked);
            }}
          />
        </label>
      </div>
    </div>
  );
}
