/**
 * My week (issue 6): the chosen week's entries as a task × day grid with totals, a chart of hours
 * per day by category, filters, and a CSV export of exactly what is shown. The week and every
 * filter live in the URL hash (`#timesheet?week=2026-11-16&project=…`), so a view can be
 * bookmarked and a reload restores it. Cells open their entries for editing with the widget's form.
 *
 * The week is Asana's approval week, Monday to Sunday whatever the locale's first weekday, so
 * that what is shown is what is submitted (issue 17): its approval status and actions, the
 * people who submitted it (for reviewers), the project's budget when filtered by one, and each
 * task's estimate.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Category, Entry } from '@/lib/asana/schemas';
import { timesheetCsv, timesheetFileName } from '@/lib/csv';
import { weekOf } from '@/lib/dates';
import { formatClock } from '@/lib/duration';
import { decimalHours, plural, t } from '@/lib/i18n';
import { Msg } from '../msg';
import { errorMessage, send } from '@/lib/messaging/client';
import { overlayEntries, summarize, type ViewEntry } from '@/lib/pending';
import { outboxItem, userItems } from '@/lib/storage/items';
import {
  buildGrid, filterByCategory, readTimesheetQuery, stackByCategory, timesheetQueryParams, weekDays, type TimesheetQuery,
} from '@/lib/timesheet';
import { weekKey } from '@/lib/weeks';
import { BudgetLine } from '../budget-line';
import { changedFields, type EntryValues } from '../entry-form';
import { useItem, useToday } from '../hooks';
import { useSignedIn } from '../use-signed-in';
import { SyncNotice } from '../sync-notice';
import { Live, type Said } from '../live';
import { routeHash, type Route } from './route';
import { CellDialog, type SyncState } from './timesheet/cell-dialog';
import { WeekChart } from './timesheet/chart';
import { downloadText } from './timesheet/download';
import { TimesheetFilters, type FilterNames } from './timesheet/filters';
import { TimesheetGridTable } from './timesheet/grid';
import { SubmittedWeeks } from './timesheet/submitted-weeks';
import { useFilterNames } from './timesheet/use-filter-names';
import { useTaskEstimates } from './timesheet/use-task-estimates';
import { useWeekEntries } from './timesheet/use-week-entries';
import { WeekApproval } from './timesheet/week-approval';
import { WeekNav } from './timesheet/week-nav';
import './timesheet.css';
import { Waiting } from '../waiting';


/** Asana's approval weeks start on a Monday (`Date.getDay()`'s 1). */
const MONDAY = 1;

export function TimesheetPanel(props: { route: Route; navigate: (hash: string, replace?: boolean) => void }) {
  const { route, navigate } = props;
  const signedIn = useSignedIn();
  const account = { loaded: signedIn.loaded, value: signedIn.account };
  const settings = { loaded: signedIn.loaded, value: signedIn.settings };
  const outbox = useItem(outboxItem);
  const firstDay = MONDAY;
  const todayIso = useToday();
  const thisWeek = weekOf(todayIso, firstDay)[0]!;
  const query = useMemo(() => readTimesheetQuery(route.params, todayIso, firstDay), [route, todayIso, firstDay]);
  const days = useMemo(() => weekDays(query.week), [query.week]);
  const me = account.value?.user ?? null;
  const workspaceGid = settings.value.workspaceGid;

  const [categories, setCategories] = useState<Category[]>([]);
  const [said, setSaid] = useState<Said>(null);
  /** Says `text`: a problem (`bad`) in error colours as an alert, anything else as a status. */
  const setMessage = (text: string, bad?: boolean) => setSaid({ text, bad });
  const [open, setOpen] = useState<{ taskGid: string; taskName: string; date: string; from: HTMLElement } | null>(null);
  /** Writes answered "waiting to sync": when they leave the outbox, the week is asked for again. */
  const [waiting, setWaiting] = useState<Record<string, string>>({});

  // The URL always names the week shown (a bare #timesheet becomes this week's URL), so that
  // whatever is on screen can be bookmarked as it is.
  const canonical = routeHash('timesheet', timesheetQueryParams(query));
  useEffect(() => {
    if (location.hash !== canonical) navigate(canonical, true);
  }, [canonical]);

  const setQuery = (patch: Partial<TimesheetQuery>, names?: FilterNames) => {
    if (names) remember(names, patch);
    navigate(routeHash('timesheet', timesheetQueryParams({ ...query, ...patch })));
  };

  const request = me && workspaceGid
    ? { workspace: workspaceGid, start: days[0]!, end: days[6]!, user: query.user ?? me.gid, attributable_to: query.project ?? undefined, portfolio: query.portfolio ?? undefined }
    : null;
  const { state, reload } = useWeekEntries(request);
  const entries = state.status === 'ready' ? state.entries : null;
  const { names, remember } = useFilterNames(workspaceGid, query, entries);

  useEffect(() => {
    if (!workspaceGid || !me) return;
    send('categories.list', { workspaceGid })
      .then(setCategories)
      .catch(() => setCategories([])); // the filter then lists only categories seen on entries
  }, [workspaceGid, me?.gid]);

  // The week's approval status as the background last read it (mine, or the person shown): when it
  // changes (submitted, recalled, approved, rejected, here or in another view), the entries are
  // read again, so that their padlocks show what Asana now has.
  const ownerGid = me ? (query.user ?? me.gid) : null;
  const weeks = useItem(signedIn.mine ? signedIn.mine.weeks : null);
  const weekRecord = ownerGid ? weeks.value?.[weekKey(ownerGid, query.week)] : undefined;
  const weekStatus = weekRecord ? (weekRecord.status?.approval_status ?? 'DRAFT') : '';
  const statusSeen = useRef({ key: '', status: '' });
  useEffect(() => {
    const key = `${ownerGid}:${query.week}`;
    const was = statusSeen.current;
    statusSeen.current = { key, status: weekStatus };
    if (was.key === key && was.status && weekStatus && was.status !== weekStatus) reload();
  }, [ownerGid, query.week, weekStatus]);

  // A write that was waiting to sync has left the outbox (done) or was refused (failed).
  useEffect(() => {
    const ids = Object.keys(waiting);
    if (ids.length === 0) return;
    const ops = new Map(outbox.value.ops.map((o) => [o.id, o]));
    const settled = ids.filter((id) => !ops.has(id) || ops.get(id)!.state === 'failed');
    if (settled.length === 0) return;
    const refused = settled.map((id) => ops.get(id)).find((o) => o?.state === 'failed');
    if (refused) setMessage(t('tsRefused', refused.error?.message ?? t('noReasonGiven')), true);
    else setMessage(t('tsSynced'));
    setWaiting((w) => Object.fromEntries(Object.entries(w).filter(([id]) => !settled.includes(id))));
    reload();
  }, [outbox.value, waiting]);

  // What is shown: the category filter works on the entries themselves. The category endpoint
  // (GET /time_tracking_categories/{gid}/time_tracking_entries) has no user, project or portfolio
  // filter, so it would need a second query to intersect with; the week is already fully loaded.
  const shown = useMemo(() => filterByCategory(entries ?? [], query.category), [entries, query.category]);
  const meOwner = signedIn.me;
  // A week change on its way to Asana locks or unlocks its entries in the grid at once, as in
  // every view (lib/pending.ts); the CSV keeps Asana's figures.
  const gridEntries = useMemo(() => overlayEntries(shown, outbox.value.ops, { me: meOwner, categories: [], projects: [], now: 0 }, () => false).entries, [shown, outbox.value, meOwner?.gid]);
  const grid = useMemo(() => buildGrid(gridEntries, days), [gridEntries, days]);
  const { estimates, forget } = useTaskEstimates(useMemo(() => grid.rows.map((r) => r.taskGid), [grid]));
  const chart = useMemo(() => stackByCategory(shown, days, categories), [shown, days, categories]);
  const categoryChoices = useMemo(() => {
    const list = [...categories];
    for (const e of entries ?? []) {
      const c = e.categories?.[0];
      if (c && !list.some((k) => k.gid === c.gid)) list.push({ ...c, is_archived: true });
    }
    return list;
  }, [categories, entries]);
  // The grid and the CSV show Asana's figures; my waiting changes to the entries on screen are
  // counted here and laid over the entries of an opened cell (lib/pending.ts, as everywhere).
  /** The outbox's changes (mine) to some of the entries on screen. */
  const syncOf = (entryGids: Set<string>): SyncState => summarize(outbox.value.ops, meOwner, (o) => o.kind.startsWith('entry.') && entryGids.has(o.targetGid));

  async function write(kind: 'update' | 'delete', entry: Entry, patch?: Partial<EntryValues>): Promise<string | null> {
    const taskGid = entry.task?.gid;
    if (!taskGid) return t('tsNoTask');
    try {
      const result = kind === 'update'
        ? await send('entries.update', { taskGid, entryGid: entry.gid, patch: patch! })
        : await send('entries.delete', { taskGid, entryGid: entry.gid });
      if (result.state === 'failed') return result.message;
      forget(taskGid); // its time changed: its figures against the estimate are read again
      if (result.state === 'done') {
        setMessage(t(kind === 'update' ? 'entryUpdated' : 'entryDeleted'));
        reload();
      } else {
        setMessage(t(kind === 'update' ? 'tsChangeWaiting' : 'tsDeleteWaiting', result.message));
        setWaiting((w) => ({ ...w, [result.opId]: entry.gid }));
      }
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  const save = (entry: Entry, values: EntryValues) => {
    const patch = changedFields(entry, values);
    return Object.keys(patch).length ? write('update', entry, patch) : Promise.resolve(null);
  };
  const remove = async (entry: Entry) => {
    const problem = await write('delete', entry);
    if (problem) setMessage(problem, true);
  };

  function exportCsv() {
    downloadText(timesheetCsv(shown), timesheetFileName(query.week), 'text/csv;charset=utf-8');
    setMessage(t('downloaded', timesheetFileName(query.week), plural('nEntries', shown.length)));
  }

  if (!account.loaded || !settings.loaded) return null;
  if (!me) {
    return (
      <section class="tl-card" aria-labelledby="ts-h">
        <h2 id="ts-h">{t('tabTimesheet')}</h2>
        <p>{t('tsConnect')}</p>
        <a class="tl-btn tl-pri tl-ts-linkbtn" href={routeHash('account')} onClick={(e) => (e.preventDefault(), navigate(routeHash('account')))}>
          {t('connectYourAccount')}
        </a>
      </section>
    );
  }
  if (!workspaceGid) {
    return (
      <section class="tl-card" aria-labelledby="ts-h">
        <h2 id="ts-h">{t('tabTimesheet')}</h2>
        <p>{t('tsChooseWorkspace')}</p>
        <a class="tl-btn tl-pri tl-ts-linkbtn" href={routeHash('preferences')} onClick={(e) => (e.preventDefault(), navigate(routeHash('preferences')))}>
          {t('chooseWorkspace')}
        </a>
      </section>
    );
  }

  const openCell = open ? grid.rows.find((r) => r.taskGid === open.taskGid)?.cells.find((c) => c.date === open.date) : undefined;
  const cellGids = new Set((openCell?.entries ?? []).map((e) => e.gid));
  const openEntries: ViewEntry[] = overlayEntries(openCell?.entries ?? [], outbox.value.ops, { me: meOwner, categories, projects: [], now: Date.now() }, (o) => o.kind !== 'entry.create' && cellGids.has(o.targetGid)).entries;
  const whose = query.user ? (names.user ?? t('thisPerson')) : null;

  return (
    <section class="tl-ts" aria-labelledby="ts-week-title">
      <WeekNav week={query.week} thisWeek={thisWeek} onWeek={(date) => setQuery({ week: weekOf(date, firstDay)[0]! })} />
      <WeekApproval key={`${ownerGid}:${query.week}`} workspaceGid={workspaceGid} start={query.week} me={meOwner ?? me} owner={query.user ? { gid: query.user, name: names.user ?? null } : me} />
      <TimesheetFilters workspaceGid={workspaceGid} query={query} names={names} categories={categoryChoices} meGid={me.gid} onChange={setQuery} />
      <SubmittedWeeks workspaceGid={workspaceGid} start={query.week} current={query.user} version={weekStatus} onPick={(p) => setQuery({ user: p.gid }, { user: p.name })} />
      {query.project && <BudgetLine item={userItems(me.gid).budget(query.project)} projectGid={query.project} />}
      <Live said={said} />
      {!open && <SyncNotice idPrefix="ts-sync" {...syncOf(new Set(shown.map((e) => e.gid)))} categories={categories} projects={[]} />}
      {state.status === 'loading' && <Waiting label={whose ? t('tsLoadingOf', whose) : t('tsLoading')} onRetry={reload} />}
      {state.status === 'error' && (
        <div class="tl-note tl-bad" role="alert">
          <p>
            {state.code === 'forbidden' && whose ? t('tsForbidden', whose, state.message) : t('couldNotLoad', state.message)}
          </p>
          <div class="tl-acts">
            <button type="button" class="tl-btn tl-sm" onClick={reload}>
              {t('retry')}
            </button>
            {query.user && (
              <button type="button" class="tl-btn tl-sm" onClick={() => setQuery({ user: null })}>
                {t('showMyTime')}
              </button>
            )}
          </div>
        </div>
      )}
      {state.status === 'ready' && shown.length === 0 && (
        <p class="tl-card tl-ts-empty">
          {query.project || query.portfolio || query.category ? (whose ? t('tsEmptyFilteredBy', whose) : t('tsEmptyFiltered')) : whose ? t('tsEmptyBy', whose) : t('tsEmpty')}
        </p>
      )}
      {state.status === 'ready' && shown.length > 0 && (
        <>
          <div class="tl-ts-summary">
            <p>
              <Msg k={whose ? 'tsSummaryOf' : 'tsSummary'} subs={[<strong data-testid="ts-total">{formatClock(grid.total)}</strong>, decimalHours(grid.total), plural('entriesIn', shown.length), whose ?? '']} />
              {state.refreshing && <span class="tl-mute"> · {t('updating')}</span>}
            </p>
            <button type="button" class="tl-btn" onClick={exportCsv}>
              {t('downloadCsv')}
            </button>
          </div>
          <WeekChart series={chart.series} stacks={chart.stacks} />
          <TimesheetGridTable grid={grid} estimates={estimates} onOpen={(row, cell, button) => setOpen({ taskGid: row.taskGid, taskName: row.taskName, date: cell.date, from: button })} />
        </>
      )}
      {open && (
        <CellDialog
          taskGid={open.taskGid}
          taskName={open.taskName}
          date={open.date}
          entries={openEntries}
          meGid={me.gid}
          categories={categories}
          said={said}
          sync={syncOf(new Set(openEntries.map((e) => e.gid)))}
          onSave={save}
          onDelete={remove}
          onClose={() => {
            const from = open.from;
            setOpen(null);
            // The cell may have been re-rendered (or emptied) by a re-query: focus what is there.
            if (from.isConnected) from.focus();
          }}
        />
      )}
    </section>
  );
}
