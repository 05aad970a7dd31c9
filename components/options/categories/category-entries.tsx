/**
 * The time logged in one category over a date range: the total, and every entry with its date,
 * task, author, duration and description. Asana's category endpoint follows every page; the
 * range lives in the URL so the view can be bookmarked.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TargetedEvent } from 'preact';
import type { Category, Entry } from '@/lib/asana/schemas';
import { addDays, today } from '@/lib/dates';
import { duration as formatDuration, locale, plural, t, type MessageKey } from '@/lib/i18n';
import { Msg } from '../../msg';
import { errorMessage, send } from '@/lib/messaging/client';
import { hexFor } from '../../colors';
import { isValid, validateRange, type RangeProblems } from './validate';
import { Waiting } from '../../waiting';

/** The range shown when the URL names none: the last 30 days, today included. */
export const defaultRange = (): { start: string; end: string } => ({ start: addDays(today(), -29), end: today() });

const PRESETS: Array<{ label: MessageKey; range: () => { start: string; end: string } }> = [
  { label: 'last7Days', range: () => ({ start: addDays(today(), -6), end: today() }) },
  { label: 'last30Days', range: defaultRange },
  { label: 'last90Days', range: () => ({ start: addDays(today(), -89), end: today() }) },
  { label: 'thisYear', range: () => ({ start: `${today().slice(0, 4)}-01-01`, end: today() }) },
];

export interface CategoryEntriesProps {
  category: Category;
  start: string;
  end: string;
  onRangeChange: (start: string, end: string) => void;
  onClose: () => void;
  /** Move focus to the heading when it opens (it was opened from a button). */
  autoFocus?: boolean;
}

let dayFormat: Intl.DateTimeFormat | undefined;
/** "Wed, Nov 18, 2026" (in the user's locale): compact enough for a table column, with the year (a range may span two). */
const formatDate = (date: string) =>
  (dayFormat ??= new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })).format(new Date(`${date}T00:00:00Z`));

type Loaded = { key: string; entries: Entry[] } | { key: string; error: string };

/** Newest first, as people read a log; within a day, the latest logged first. */
const newestFirst = (a: Entry, b: Entry) => b.entered_on.localeCompare(a.entered_on) || (b.created_at ?? '').localeCompare(a.created_at ?? '') || b.gid.localeCompare(a.gid);

export function CategoryEntries(props: CategoryEntriesProps) {
  const { category, start, end } = props;
  const [draftStart, setDraftStart] = useState(start);
  const [draftEnd, setDraftEnd] = useState(end);
  const [problems, setProblems] = useState<RangeProblems>({});
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [asked, setAsked] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const key = `${category.gid}|${start}|${end}`;

  // The URL (back/forward, a bookmark) is the source of truth for the range.
  useEffect(() => {
    setDraftStart(start);
    setDraftEnd(end);
    setProblems({});
  }, [start, end]);

  useEffect(() => {
    if (props.autoFocus) headingRef.current?.focus();
    // Only when a category is opened, not on every range change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [category.gid]);

  useEffect(() => {
    let alive = true;
    send('categories.entries', { categoryGid: category.gid, start, end })
      .then((entries) => alive && setLoaded({ key, entries: [...entries].sort(newestFirst) }))
      .catch((error) => alive && setLoaded({ key, error: errorMessage(error) }));
    return () => {
      alive = false;
    };
  }, [key, asked]);

  const current = loaded?.key === key ? loaded : null;
  const entries = current && 'entries' in current ? current.entries : null;
  const total = useMemo(() => (entries ?? []).reduce((sum, e) => sum + e.duration_minutes, 0), [entries]);
  const rangeText = t('dateRange', formatDate(start), formatDate(end));

  function apply(event: TargetedEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateRange(draftStart, draftEnd);
    setProblems(found);
    if (!isValid(found)) {
      document.getElementById(found.start ? 'cat-range-start' : 'cat-range-end')?.focus();
      return;
    }
    props.onRangeChange(draftStart, draftEnd);
  }

  const describedBy = (field: 'start' | 'end') => (problems[field] ? `cat-range-${field}-msg` : undefined);

  return (
    <section class="tl-card tl-cat-entries" aria-labelledby="cat-entries-h" data-testid="category-entries">
      <div class="tl-head">
        <h2 id="cat-entries-h" ref={headingRef} tabIndex={-1} class="tl-cat-entries-h">
          <span class="tl-cat-dot" style={{ background: hexFor(category.color) }} aria-hidden="true" />
          <span>
            <Msg k="timeIn" subs={[<span class="tl-cat-name">{category.name}</span>]} />
          </span>
        </h2>
        <button type="button" class="tl-btn tl-sm" onClick={props.onClose}>
          {t('close')}
          <span class="tl-cat-sr"> {t('entriesOf', category.name)}</span>
        </button>
      </div>
      <form class="tl-form tl-cat-range" onSubmit={apply} noValidate aria-label={t('dateRangeLabel')}>
        <div class="tl-row">
          <div class="tl-field">
            <label for="cat-range-start">{t('from')}</label>
            <input
              id="cat-range-start"
              type="date"
              class="tl-in"
              value={draftStart}
              aria-invalid={problems.start ? true : undefined}
              aria-describedby={describedBy('start')}
              onInput={(e) => setDraftStart(e.currentTarget.value)}
            />
            {problems.start && (
              <span id="cat-range-start-msg" class="tl-bad tl-cat-msg">
                {problems.start}
              </span>
            )}
          </div>
          <div class="tl-field">
            <label for="cat-range-end">{t('to')}</label>
            <input
              id="cat-range-end"
              type="date"
              class="tl-in"
              value={draftEnd}
              aria-invalid={problems.end ? true : undefined}
              aria-describedby={describedBy('end')}
              onInput={(e) => setDraftEnd(e.currentTarget.value)}
            />
            {problems.end && (
              <span id="cat-range-end-msg" class="tl-bad tl-cat-msg">
                {problems.end}
              </span>
            )}
          </div>
          <div class="tl-cat-range-go">
            <button type="submit" class="tl-btn tl-pri">
              {t('show')}
            </button>
          </div>
        </div>
        <div class="tl-acts" role="group" aria-label={t('quickRanges')}>
          {PRESETS.map((preset) => {
            const range = preset.range();
            return (
              <button
                key={preset.label}
                type="button"
                class="tl-btn tl-sm"
                aria-pressed={range.start === start && range.end === end}
                onClick={() => props.onRangeChange(range.start, range.end)}
              >
                {t(preset.label)}
              </button>
            );
          })}
        </div>
      </form>

      <p role="status" class="tl-cat-total">
        {!current ? (
          <Waiting inline label={t('loadingEntriesShort')} onRetry={() => setAsked((n) => n + 1)} />
        ) : 'error' in current ? (
          ''
        ) : (
          <>
            <Msg k="catTotal" subs={[<strong data-testid="category-total">{formatDuration(total)}</strong>, plural('entriesIn', entries!.length), rangeText]} />
          </>
        )}
      </p>
      {current && 'error' in current && (
        <p class="tl-note tl-bad" role="alert">
          {current.error}
        </p>
      )}
      {entries && entries.length === 0 && <p class="tl-mute">{t('noTimeInRange')}</p>}
      {entries && entries.length > 0 && <EntriesTable entries={entries} total={total} caption={t('catTableCaption', category.name, rangeText)} />}
    </section>
  );
}

function EntriesTable(props: { entries: Entry[]; total: number; caption: string }) {
  return (
    <div class="tl-cat-table-wrap">
      <table class="tl-cat-table" data-testid="category-entries-table">
        <caption class="tl-cat-sr">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('date')}</th>
            <th scope="col">{t('task')}</th>
            <th scope="col">{t('who')}</th>
            <th scope="col" class="tl-cat-num">
              {t('duration')}
            </th>
            <th scope="col">{t('description')}</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr key={entry.gid} data-entry-gid={entry.gid}>
              <td class="tl-cat-nowrap">
                <time dateTime={entry.entered_on}>{formatDate(entry.entered_on)}</time>
              </td>
              <td data-testid="entry-task">
                {entry.task ? (
                  <a href={`https://app.asana.com/0/0/${encodeURIComponent(entry.task.gid)}`} target="_blank" rel="noreferrer">
                    {entry.task.name ?? t('untitledTask')}
                  </a>
                ) : (
                  <span class="tl-mute">{t('unknownTask')}</span>
                )}
              </td>
              <td data-testid="entry-who">{entry.created_by?.name ?? t('someone')}</td>
              <td class="tl-cat-num tl-cat-nowrap" data-testid="entry-duration">
                {formatDuration(entry.duration_minutes)}
              </td>
              <td class="tl-desc" data-testid="entry-description">
                {entry.description ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t('total')}
            </th>
            <td class="tl-cat-num tl-cat-nowrap">{formatDuration(props.total)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
