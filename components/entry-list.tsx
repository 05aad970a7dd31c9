/**
 * A task's entries grouped by day: who, how long, category (colour and name), billable status,
 * description and approval status. Mine can be edited and deleted; others', and mine once
 * submitted or approved, are read-only with the reason shown. Long lists are windowed.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { Category, Entry, Named } from '@/lib/asana/schemas';
import { dayLabel, duration, durationOn, plural, t } from '@/lib/i18n';
import { groupByDate, readOnlyReason, type ViewEntry } from '@/lib/pending';
import { hexFor } from './colors';
import { approvalLabel, billableLabel } from './labels';
import { EntryForm, type EntryValues } from './entry-form';
import { EditConflict, changedInAsana } from './edit-conflict';
import { useToday } from './hooks';

export interface EntryListProps {
  idPrefix: string;
  /** The entries at hand, newest first. */
  entries: ViewEntry[];
  /** All of them (default: those at hand); "Show N more" asks `onMore` for those not at hand. */
  total?: number;
  onMore?: (n: number) => Promise<void>;
  meGid: string | null;
  categories: Category[];
  projects: Named[];
  /** Saves an edit; resolves with an error message or null. */
  onSave: (entry: Entry, values: EntryValues) => Promise<string | null>;
  onDelete: (entry: Entry) => Promise<void>;
  /**
   * Called before an edit form opens: loads categories and projects, and reads the entry afresh
   * from Asana. Resolves false when the entry can no longer be edited (the row then says why).
   */
  onEditStart?: (entry: Entry) => Promise<boolean>;
  /**
   * Reads the entry as Asana has it now (null if that fails), on saving an edit: if it changed
   * since the form opened, Asana's values are shown beside the person's and they choose (issue 14.6).
   */
  onRead?: (entry: Entry) => Promise<Entry | null>;
  pageSize?: number;
  /**
   * Local ids of entries Asana has since created → their gids (the outbox's `renamed`). An edit
   * form or delete confirmation opened on a row waiting to sync follows it when it syncs, instead
   * of closing (and losing what was typed).
   */
  renamed?: Record<string, string>;
}

export function EntryList(props: EntryListProps) {
  const pageSize = props.pageSize ?? 25;
  const [shown, setShown] = useState(pageSize);
  const [editing, setEditingGid] = useState<string | null>(null);
  /**
   * The entry as the edit form opened on it (what a change in Asana since is measured against):
   * taken when the form's row is first drawn, which is where the form takes its values from.
   */
  const base = useRef<Entry | null>(null);
  /** Asana's entry, changed since the form opened, and what the person's form said. */
  const [conflict, setConflict] = useState<{ fresh: Entry; values: EntryValues } | null>(null);
  const setEditing = (entry: Entry | null) => {
    setEditingGid(entry?.gid ?? null);
    base.current = null;
    setConflict(null);
  };
  /** Saves the form's values over `over` (the entry they are measured against); closes the form when done. */
  const saveOver = async (over: Entry, values: EntryValues) => {
    const problem = await props.onSave(over, values);
    if (!problem) setEditing(null);
    return problem;
  };
  const [confirming, setConfirming] = useState<string | null>(null);
  // Re-render at midnight: "Today" becomes "Yesterday" in a list left open overnight.
  useToday();

  const renamed = props.renamed;
  /** The entry a held id means now (a local id may have become Asana's gid). */
  const now = (held: string | null) => (held !== null && renamed?.[held]) || held;
  /** Rows keep their key when a local id becomes Asana's gid, so open forms keep their state. */
  const keyOf = useMemo(() => {
    const back = new Map(Object.entries(renamed ?? {}).map(([local, gid]) => [gid, local]));
    return (gid: string) => back.get(gid) ?? gid;
  }, [renamed]);

  const visible = props.entries.slice(0, shown);
  // An open form stays open while its entry is briefly out of the list (the list is re-read
  // beyond the summary when that changes, or the entry moved past the rows shown): what the
  // person typed is not lost, and Save reads the entry afresh from Asana anyway.
  const held = now(editing);
  const keep = held && !visible.some((e) => e.gid === held) ? (props.entries.find((e) => e.gid === held) ?? (base.current?.gid === held ? { pending: null, opId: null, ...base.current } : null)) : null;
  const groups = groupByDate(keep ? [...visible, keep] : visible);
  const hidden = (props.total ?? props.entries.length) - visible.length;
  const showMore = async () => {
    const next = shown + pageSize * 4;
    if (next > props.entries.length && props.onMore) await props.onMore(next - props.entries.length);
    setShown(next);
  };

  return (
    <div>
      {groups.map((group) => {
        const day = dayLabel(group.date);
        const minutes = duration(group.minutes);
        return (
        <section key={group.date} class="tl-day" aria-label={t('dayTotal', day, minutes)}>
          <h3>
            <span>{day}</span>
            <span class="tl-mute">{minutes}</span>
          </h3>
          <ul class="tl-list">
            {group.entries.map((entry) =>
              now(editing) === entry.gid ? (
                <li key={keyOf(entry.gid)} class="tl-entry" ref={() => void (base.current?.gid !== entry.gid && (base.current = entry))}>
                  {conflict && base.current && (
                    <EditConflict
                      idPrefix={`${props.idPrefix}-edit-${entry.gid}`}
                      base={base.current}
                      fresh={conflict.fresh}
                      values={conflict.values}
                      categories={props.categories}
                      projects={props.projects}
                      onKeepMine={() => void saveOver(conflict.fresh, conflict.values)}
                      onUseAsanas={() => setEditing(null)}
                    />
                  )}
                  <EntryForm
                    idPrefix={`${props.idPrefix}-edit-${entry.gid}`}
                    categories={props.categories}
                    projects={props.projects}
                    initial={entry}
                    submitLabel={t('save')}
                    autoFocus
                    onCancel={() => setEditing(null)}
                    onSubmit={async (values) => {
                      const was = base.current ?? entry;
                      // Asana's entry now: changed since the form opened, nothing is saved until the person chooses.
                      const fresh = props.onRead && !entry.pending ? await props.onRead(was) : null;
                      if (fresh && changedInAsana(was, fresh).length > 0) {
                        setConflict({ fresh, values });
                        return null;
                      }
                      setConflict(null);
                      return saveOver(fresh ?? entry, values);
                    }}
                  />
                </li>
              ) : (
                <EntryRow
                  key={keyOf(entry.gid)}
                  entry={entry}
                  meGid={props.meGid}
                  confirming={now(confirming) === entry.gid}
                  onEdit={async () => {
                    setConfirming(null);
                    if (props.onEditStart && !(await props.onEditStart(entry))) return;
                    setEditing(entry);
                  }}
                  onAskDelete={() => setConfirming(entry.gid)}
                  onCancelDelete={() => setConfirming(null)}
                  onDelete={async () => {
                    setConfirming(null);
                    await props.onDelete(entry);
                  }}
                />
              ),
            )}
          </ul>
        </section>
        );
      })}
      {hidden > 0 && (
        <button type="button" class="tl-btn tl-sm" onClick={() => void showMore()}>
          {plural('showMore', hidden, Math.min(hidden, pageSize * 4))}
        </button>
      )}
    </div>
  );
}

function EntryRow(props: {
  entry: ViewEntry;
  meGid: string | null;
  confirming: boolean;
  onEdit: () => void;
  onAskDelete: () => void;
  onCancelDelete: () => void;
  onDelete: () => void;
}) {
  const { entry } = props;
  const lockedReason = readOnlyReason(entry, props.meGid);
  const who = entry.created_by?.gid === props.meGid ? t('you') : (entry.created_by?.name ?? t('someone'));
  const category = entry.categories?.[0];
  const minutes = duration(entry.duration_minutes);
  const label = durationOn(entry.duration_minutes, entry.entered_on);
  return (
    <li class={`tl-entry${entry.pending ? ' tl-pending' : ''}`} data-entry-gid={entry.gid}>
      <div class="tl-main">
        <span>{who}</span>
        <strong>{minutes}</strong>
        {category && (
          <span>
            <span class="tl-sw" style={{ background: hexFor(category.color) }} aria-hidden="true" />
            {category.name}
          </span>
        )}
        {entry.billable_status && entry.billable_status !== 'notApplicable' && <span class="tl-tag">{billableLabel(entry.billable_status)}</span>}
        {entry.approval_status && entry.approval_status !== 'DRAFT' && (
          <span class={`tl-tag${entry.approval_status === 'REJECTED' ? ' tl-bad' : ''}`}>{approvalLabel(entry.approval_status)}</span>
        )}
        {entry.attributable_to?.name && <span class="tl-mute">{entry.attributable_to.name}</span>}
        {entry.pending && <span class="tl-mute">{t('waitingToSync')}</span>}
      </div>
      {entry.description && <p class="tl-desc">{entry.description}</p>}
      {props.confirming ? (
        <div class="tl-acts" role="group" aria-label={t('confirmDelete')}>
          <span>{t('deleteQ', label)}</span>
          <button type="button" class="tl-btn tl-pri" autoFocus onClick={props.onDelete}>
            {t('delete')}
          </button>
          <button type="button" class="tl-btn" onClick={props.onCancelDelete}>
            {t('keep')}
          </button>
        </div>
      ) : lockedReason ? (
        <p class="tl-mute">{lockedReason}</p>
      ) : (
        <div class="tl-acts">
          <button type="button" class="tl-btn tl-sm" onClick={props.onEdit} aria-label={t('editWhat', label)}>
            {t('edit')}
          </button>
          <button type="button" class="tl-btn tl-sm" onClick={props.onAskDelete} aria-label={t('deleteWhat', label)}>
            {t('delete')}
          </button>
        </div>
      )}
    </li>
  );
}
