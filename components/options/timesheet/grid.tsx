/**
 * The week as a table: one row per task, one column per day, totals on the right and at the
 * bottom. A cell with time is a button that opens its entries. A padlock marks cells holding
 * submitted or approved entries (read-only), so the state does not rest on colour alone.
 */
import { taskLink } from '@/lib/csv';
import { day, duration, plural, t } from '@/lib/i18n';
import { formatClock } from '@/lib/duration';
import type { TaskEstimateFigures } from '@/lib/messaging/protocol';
import type { GridCell, GridRow, TimesheetGrid } from '@/lib/timesheet';
import { EstimateLine } from '../../budget-line';

export interface GridProps {
  grid: TimesheetGrid;
  onOpen: (row: GridRow, cell: GridCell, button: HTMLButtonElement) => void;
  /** Each task's estimate and actual time (everyone's, all time), once known. */
  estimates?: Record<string, TaskEstimateFigures | undefined>;
}

/** A small padlock, drawn with currentColor so it follows light and dark themes. */
export function LockIcon() {
  return (
    <svg class="tl-ts-lock" viewBox="0 0 12 14" width="10" height="12" aria-hidden="true" focusable="false">
      <path d="M3 6V4a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
      <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
    </svg>
  );
}

/** The cell's name starts with the text it shows ("1:30"), as speech-input users will say it. */
function cellLabel(row: GridRow, cell: GridCell): string {
  const count = cell.entries.length;
  const entries = plural('nEntries', count);
  const what = cell.locked ? (cell.locked === count ? t('cellAllLocked', entries) : plural('cellSomeLocked', cell.locked, entries)) : entries;
  return t('cellLabel', formatClock(cell.minutes), duration(cell.minutes), row.taskName, day(cell.date, 'long'), what);
}

/** Under the task's name: its time (everyone's, all time) against its estimate, when it has one. */
function RowEstimate(props: { figures: TaskEstimateFigures | undefined }) {
  const f = props.figures;
  return f && f.actualMinutes !== null ? <EstimateLine spent={f.actualMinutes} estimate={f.estimateMinutes} /> : null;
}

export function TimesheetGridTable(props: GridProps) {
  const { grid } = props;
  return (
    <div class="tl-ts-scroll">
      <table class="tl-ts-grid">
        <caption>{t('gridCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('task')}</th>
            {grid.days.map((d) => (
              <th key={d} scope="col">
                <time dateTime={d}>{day(d)}</time>
              </th>
            ))}
            <th scope="col">{t('total')}</th>
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.taskGid}>
              <th scope="row">
                <a href={taskLink(row.taskGid)} target="_blank" rel="noreferrer">
                  {row.taskName}
                </a>
                <RowEstimate figures={props.estimates?.[row.taskGid]} />
              </th>
              {row.cells.map((cell) => (
                <td key={cell.date}>
                  {cell.entries.length > 0 && (
                    <button type="button" class="tl-ts-cell" aria-label={cellLabel(row, cell)} onClick={(e) => props.onOpen(row, cell, e.currentTarget)}>
                      {formatClock(cell.minutes)}
                      {cell.locked > 0 && <LockIcon />}
                    </button>
                  )}
                </td>
              ))}
              <td class="tl-ts-sum">{formatClock(row.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('total')}</th>
            {grid.dayTotals.map((m, i) => (
              <td key={grid.days[i]} class="tl-ts-sum">
                {formatClock(m)}
              </td>
            ))}
            <td class="tl-ts-sum tl-ts-grand">{formatClock(grid.total)}</td>
          </tr>
        </tfoot>
      </table>
      {grid.rows.some((r) => r.cells.some((c) => c.locked > 0)) && (
        <p class="tl-mute tl-ts-legend-lock">
          <LockIcon /> {t('lockLegend')}
        </p>
      )}
    </div>
  );
}
