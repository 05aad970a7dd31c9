/**
 * Hours per day, stacked by category in the categories' own colours, drawn as plain SVG. Axis and
 * labels take the page's CSS colour variables, so the chart reads in light and dark mode. The
 * figure is named by its caption; screen readers get the same figures as a table (visually
 * hidden), and every bar segment has a tooltip (<title>).
 */
import { formatClock } from '@/lib/duration';
import { day as formatDay, duration as formatDuration, locale, t } from '@/lib/i18n';
import { NO_CATEGORY, hourTicks, type ChartSeries, type DayStack } from '@/lib/timesheet';
import { hexFor } from '../../colors';

export interface ChartProps {
  series: ChartSeries[];
  stacks: DayStack[];
}

const WIDTH = 700;
const HEIGHT = 240;
const PAD = { left: 44, right: 8, top: 18, bottom: 36 };

/**
 * Time without a category is striped: Asana's "none" colour is also a category colour (grey), and
 * a pattern keeps the two apart without relying on colour.
 */
const NO_CATEGORY_FILL = 'url(#ts-no-category)';
const fillFor = (s: ChartSeries | undefined) => (s?.key === NO_CATEGORY ? NO_CATEGORY_FILL : hexFor(s?.color));

/** The weekday and day number on two short lines ("Mon" / "30"). */
function dayParts(date: string): [string, string] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d));
  return [new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', weekday: 'short' }).format(at), new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(at)];
}

export function WeekChart(props: ChartProps) {
  const { series, stacks } = props;
  const byKey = new Map(series.map((s) => [s.key, s]));
  /** A series' name: the category's, or "No category" in the user's language. */
  const nameOf = (s: ChartSeries | undefined) => (s?.key === NO_CATEGORY ? t('noCategory') : (s?.name ?? ''));
  const ticks = hourTicks(Math.max(0, ...stacks.map((s) => s.total)));
  const top = ticks[ticks.length - 1]!;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (minutes: number) => PAD.top + plotH - (minutes / top) * plotH;
  const slot = plotW / stacks.length;
  const barW = Math.min(56, slot * 0.6);

  return (
    <figure class="tl-ts-chart">
      <figcaption id="ts-chart-caption">{t('chartCaption')}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="ts-chart-caption" aria-describedby="ts-chart-table-caption" preserveAspectRatio="xMidYMid meet">
        <defs>
          <pattern id="ts-no-category" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={hexFor('none')} />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#6d6e6f" stroke-width="3" />
          </pattern>
        </defs>
        <g class="tl-ts-axis">
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
              <text x={PAD.left - 6} y={y(tick)} text-anchor="end" dominant-baseline="middle">
                {t('durH', tick / 60)}
              </text>
            </g>
          ))}
        </g>
        {stacks.map((day, i) => {
          const x = PAD.left + slot * i + (slot - barW) / 2;
          let base = 0;
          const [weekday, dayMonth] = dayParts(day.date);
          return (
            <g key={day.date} class="tl-ts-bar">
              {day.segments.map((seg) => {
                const s = byKey.get(seg.key);
                const y1 = y(base + seg.minutes);
                const h = y(base) - y1;
                base += seg.minutes;
                return (
                  <rect key={seg.key} x={x} y={y1} width={barW} height={h} fill={fillFor(s)}>
                    <title>{t('chartSegment', formatDay(day.date, 'long'), nameOf(s), formatDuration(seg.minutes))}</title>
                  </rect>
                );
              })}
              {day.total > 0 && (
                <text class="tl-ts-value" x={x + barW / 2} y={y(day.total) - 5} text-anchor="middle">
                  {formatClock(day.total)}
                </text>
              )}
              <text class="tl-ts-day" x={x + barW / 2} y={HEIGHT - PAD.bottom + 14} text-anchor="middle">
                {weekday}
              </text>
              <text class="tl-ts-date" x={x + barW / 2} y={HEIGHT - PAD.bottom + 28} text-anchor="middle">
                {dayMonth}
              </text>
            </g>
          );
        })}
        <line class="tl-ts-baseline" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
      </svg>
      <ul class="tl-ts-legend" aria-label={t('tabCategories')}>
        {series.map((s) => (
          <li key={s.key}>
            <span class={s.key === NO_CATEGORY ? 'tl-sw tl-ts-sw-none' : 'tl-sw'} style={s.key === NO_CATEGORY ? undefined : { background: hexFor(s.color) }} aria-hidden="true" />
            {nameOf(s)} <span class="tl-mute">{formatClock(s.total)}</span>
          </li>
        ))}
      </ul>
      <div class="tl-ts-sr">
        {/* Hidden in a clipped box: a table ignores a 1 px width, and would widen a narrow page. */}
        <table>
        <caption id="ts-chart-table-caption">{t('chartTableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('category')}</th>
            {stacks.map((d) => (
              <th key={d.date} scope="col">
                {formatDay(d.date)}
              </th>
            ))}
            <th scope="col">{t('total')}</th>
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.key}>
              <th scope="row">{nameOf(s)}</th>
              {stacks.map((d) => {
                const seg = d.segments.find((g) => g.key === s.key);
                return <td key={d.date}>{formatDuration(seg ? seg.minutes : 0)}</td>;
              })}
              <td>{formatDuration(s.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
