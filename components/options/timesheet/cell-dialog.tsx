/**
 * The entries of one grid cell (a task on a day) in a modal dialog, with the widget's own list and
 * form to edit or delete them. Read-only entries (someone else's, submitted, approved) say why.
 * The dialog is the native <dialog>: it traps focus, closes on Escape and gives focus back. Its
 * title is an h3 (under the week's h2) because the entry list's day headings are h4.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Category, Entry, Named } from '@/lib/asana/schemas';
import { day, duration, plural, t } from '@/lib/i18n';
import type { ViewEntry } from '@/lib/pending';
import { send } from '@/lib/messaging/client';
import type { OutboxOp } from '@/lib/outbox';
import { EntryList } from '../../entry-list';
import type { EntryValues } from '../../entry-form';
import { SyncNotice } from '../../sync-notice';
import { Live, type Said } from '../../live';

export interface CellDialogProps {
  taskGid: string;
  taskName: string;
  date: string;
  /** The cell's entries as they are now (after a re-query they change under the open dialog). */
  entries: ViewEntry[];
  meGid: string;
  categories: Category[];
  /** What the last change came to ("Entry updated.", or Asana's refusal). */
  said: Said;
  /** Changes to these entries still in the outbox: waiting to sync, or refused by Asana. */
  sync: SyncState;
  onSave: (entry: Entry, values: EntryValues) => Promise<string | null>;
  onDelete: (entry: Entry) => Promise<void>;
  onClose: () => void;
}

export interface SyncState {
  waiting: number;
  waitingReason: string | null;
  failed: OutboxOp[];
}

export function CellDialog(props: CellDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [projects, setProjects] = useState<Named[]>([]);
  const [wantProjects, setWantProjects] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // The task's projects are only needed to change an entry's attribution: fetched on first edit.
  useEffect(() => {
    if (!wantProjects) return;
    let alive = true;
    send('task.get', { taskGid: props.taskGid })
      .then((info) => alive && setProjects(info.projects))
      .catch(() => undefined); // without them the form simply offers no attribution choice
    return () => {
      alive = false;
    };
  }, [wantProjects, props.taskGid]);

  const total = props.entries.reduce((sum, e) => sum + e.duration_minutes, 0);
  const date = day(props.date, 'long');
  return (
    <dialog ref={ref} class="tl-root tl-auto tl-ts-dialog" aria-labelledby="ts-dialog-title" onClose={props.onClose}>
      <header class="tl-head">
        <h3 id="ts-dialog-title">
          {props.taskName} <span class="tl-mute">· {date}</span>
        </h3>
        <button type="button" class="tl-btn tl-sm" onClick={() => ref.current?.close()}>
          {t('close')}
        </button>
      </header>
      <p class="tl-mute">{props.entries.length ? t('durationIn', duration(total), plural('entriesIn', props.entries.length)) : t('noEntriesLeft')}</p>
      <Live said={props.said} />
      <SyncNotice idPrefix={`ts-sync-${props.taskGid}-${props.date}`} {...props.sync} categories={props.categories} projects={projects} />
      <EntryList
        idPrefix={`ts-${props.taskGid}-${props.date}`}
        entries={props.entries}
        meGid={props.meGid}
        categories={props.categories}
        projects={projects}
        onSave={props.onSave}
        onDelete={props.onDelete}
        onEditStart={async () => {
          setWantProjects(true);
          return true;
        }}
        onRead={(e) => send('entries.get', { taskGid: props.taskGid, entryGid: e.gid }).catch(() => null)}
      />
    </dialog>
  );
}
