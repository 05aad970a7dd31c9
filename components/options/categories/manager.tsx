/**
 * The categories manager for one workspace: create, rename, recolour, archive, unarchive and
 * delete categories, and see the time logged in one of them. Writes go through the background's
 * outbox; each answers done, waiting to sync, or refused (shown in Asana's words).
 */
import { t } from '@/lib/i18n';
import { Msg } from '../../msg';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CategoryColor } from '@/lib/asana/constants';
import type { Category } from '@/lib/asana/schemas';
import { isIsoDate } from '@/lib/dates';
import { errorMessage, send } from '@/lib/messaging/client';
import type { OutboxOp, WriteResult } from '@/lib/outbox';
import { SyncNotice } from '../../sync-notice';
import { routeHash, type Route } from '../route';
import { CategoryEntries, defaultRange } from './category-entries';
import { CategoryForm } from './category-form';
import { CategoryRow, rowButtonId } from './category-row';
import { DeleteDialog } from './delete-dialog';
import { useWorkspaceCategories } from './use-categories';
import { runWrite, type Feedback } from './write-feedback';
import { Waiting } from '../../waiting';

export interface ManagerProps {
  workspace: { gid: string; name: string };
  route: Route;
  navigate: (hash: string, replace?: boolean) => void;
  /** Link to another tab of the options page. */
  tabLink: (tab: 'account' | 'preferences', text: string) => JSX.Element;
}

/**
 * Focuses an element once it is rendered. Starts on the next frame: the change that shows it
 * (a closed dialog, a moved row) is not rendered yet, and while a modal dialog is open the rest
 * of the page cannot take focus. Lists update from storage events and a re-read, which may land
 * a few frames after the write's answer, hence the retries.
 */
function focusWhenReady(id: string, fallbackId: string, frames = 30): void {
  requestAnimationFrame(() => {
    const element = document.getElementById(id);
    if (element) element.focus();
    else if (frames <= 0) document.getElementById(fallbackId)?.focus();
    else focusWhenReady(id, fallbackId, frames - 1);
  });
}

export function CategoriesManager(props: ManagerProps) {
  const { workspace, route, navigate } = props;
  const ws = workspace.gid;
  const lists = useWorkspaceCategories(ws);
  const [status, setStatus] = useState<Feedback | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<{ category: Category; busy: boolean; error: string | null } | null>(null);
  const [rowBusy, setRowBusy] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [writing, setWriting] = useState(0);
  /** Refused ops this page already explained next to the form that made them (and discarded). */
  const handledOps = useRef(new Set<string>());

  const showArchived = route.params.get('archived') === '1';
  const selectedGid = route.params.get('category');
  const fallbackRange = defaultRange();
  const rangeStart = isIsoDate(route.params.get('from') ?? '') ? route.params.get('from')! : fallbackRange.start;
  const rangeEnd = isIsoDate(route.params.get('to') ?? '') ? route.params.get('to')! : fallbackRange.end;

  const active = lists.active ?? [];
  const archived = lists.archived ?? [];
  const everything = [...active, ...archived];
  const listed = selectedGid ? (everything.find((c) => c.gid === selectedGid) ?? null) : null;
  const listsLoaded = lists.active !== null && lists.archived !== null;
  // A bookmarked category that is not in this workspace's lists: ask Asana about it directly
  // (GET /time_tracking_categories/{gid}); it may have been deleted, or belong elsewhere.
  const [looked, setLooked] = useState<{ gid: string; category: Category | null; problem: string | null } | null>(null);
  useEffect(() => {
    if (!selectedGid || listed || !listsLoaded || looked?.gid === selectedGid) return;
    send('categories.get', { categoryGid: selectedGid })
      .then((category) => setLooked({ gid: selectedGid, category, problem: null }))
      .catch((error) => setLooked({ gid: selectedGid, category: null, problem: errorMessage(error) }));
  }, [selectedGid, listed, listsLoaded, looked?.gid]);
  const selected = listed ?? (looked?.gid === selectedGid ? looked.category : null);
  const pendingTargets = lists.pendingTargets;

  const go = (params: { archived?: boolean; category?: string | null; from?: string; to?: string }, replace: boolean) => {
    const next = {
      archived: (params.archived ?? showArchived) ? '1' : null,
      category: params.category === undefined ? selectedGid : params.category,
      from: params.from ?? route.params.get('from'),
      to: params.to ?? route.params.get('to'),
    };
    navigate(routeHash('categories', next), replace);
  };

  /** Runs a write and keeps its refusal out of the sync notice (the form shows it already). */
  async function write<T>(run: () => Promise<WriteResult<T>>, what: string, done: string): Promise<Feedback> {
    setWriting((n) => n + 1);
    try {
      const outcome = await runWrite(run, what, done);
      if (outcome.kind === 'failed' && outcome.opId) handledOps.current.add(outcome.opId);
      if (outcome.kind !== 'failed') void lists.reloadArchived();
      return outcome;
    } finally {
      setWriting((n) => n - 1);
    }
  }

  async function create(draft: { name: string; color: CategoryColor }): Promise<Feedback> {
    setStatus(null);
    const outcome = await write(() => send('categories.create', { workspaceGid: ws, name: draft.name, color: draft.color }), t('catWhatNew', draft.name), t('catCreated', draft.name));
    if (outcome.kind !== 'failed') setStatus(outcome);
    return outcome;
  }

  async function save(category: Category, draft: { name: string; color: CategoryColor }): Promise<Feedback> {
    setStatus(null);
    const patch: { name?: string; color?: CategoryColor } = {};
    if (draft.name !== category.name) patch.name = draft.name;
    if (draft.color !== category.color) patch.color = draft.color;
    const done = patch.name !== undefined ? t(patch.color !== undefined ? 'catRenamedRecoloured' : 'catRenamed', category.name, draft.name) : patch.color !== undefined ? t('catRecoloured', category.name) : null;
    const outcome: Feedback = done
      ? await write(() => send('categories.update', { workspaceGid: ws, categoryGid: category.gid, patch }), t('catWhatChange', category.name), done)
      : { kind: 'done', text: t('catNothingToSave') };
    if (outcome.kind === 'failed') return outcome;
    setStatus(outcome);
    setEditing(null);
    focusWhenReady(rowButtonId('edit', category.gid), 'cat-list-h');
    return outcome;
  }

  async function toggleArchived(category: Category) {
    const archive = category.is_archived !== true;
    setStatus(null);
    setRowBusy(category.gid);
    setRowErrors(({ [category.gid]: _, ...rest }) => rest);
    const outcome = await write(
      () => send('categories.update', { workspaceGid: ws, categoryGid: category.gid, patch: { is_archived: archive } }),
      t(archive ? 'catWhatArchiving' : 'catWhatUnarchiving', category.name),
      t(archive ? 'catArchived' : 'catUnarchived', category.name),
    );
    setRowBusy(null);
    if (outcome.kind === 'failed') {
      setRowErrors((errors) => ({ ...errors, [category.gid]: outcome.text }));
      return;
    }
    setStatus(outcome);
    // Focus follows the category into the other list when that list is shown.
    if (outcome.kind === 'done') focusWhenReady(archive && !showArchived ? 'cat-list-h' : rowButtonId('archive', category.gid), 'cat-list-h');
  }

  async function confirmDelete() {
    if (!deleting) return;
    const { category } = deleting;
    setDeleting({ category, busy: true, error: null });
    const outcome = await write(
      () => send('categories.delete', { workspaceGid: ws, categoryGid: category.gid }),
      t('catWhatDeleting', category.name),
      t('catDeleted', category.name),
    );
    if (outcome.kind === 'failed') {
      setDeleting({ category, busy: false, error: outcome.text });
      return;
    }
    setDeleting(null);
    setStatus(outcome);
    if (outcome.kind === 'done') {
      if (selectedGid === category.gid) go({ category: null }, true);
      focusWhenReady('cat-list-h', 'cat-list-h');
    } else {
      focusWhenReady(rowButtonId('delete', category.gid), 'cat-list-h');
    }
  }

  function cancelDelete() {
    const gid = deleting?.category.gid;
    setDeleting(null);
    if (gid) focusWhenReady(rowButtonId('delete', gid), 'cat-list-h');
  }

  const visibleFailed = lists.ops.filter((op) => op.state === 'failed' && !handledOps.current.has(op.id) && !(writing > 0 && isRecent(op)));
  const waiting = lists.ops.filter((op) => op.state !== 'failed');

  const row = (category: Category) => (
    <CategoryRow
      key={category.gid}
      category={category}
      others={everything.filter((c) => c.gid !== category.gid)}
      editing={editing === category.gid}
      pending={pendingTargets.has(category.gid)}
      selected={selectedGid === category.gid}
      busy={rowBusy === category.gid}
      error={rowErrors[category.gid] ?? null}
      onEdit={() => {
        setStatus(null);
        setEditing(category.gid);
      }}
      onCancelEdit={() => {
        setEditing(null);
        focusWhenReady(rowButtonId('edit', category.gid), 'cat-list-h');
      }}
      onSave={(draft) => save(category, draft)}
      onToggleArchived={() => void toggleArchived(category)}
      onAskDelete={() => setDeleting({ category, busy: false, error: null })}
      onShowEntries={() => go({ category: selectedGid === category.gid ? null : category.gid }, false)}
    />
  );

  return (
    <div class={`tl-cats${selected ? ' tl-cats-split' : ''}`}>
      <div class="tl-cats-main">
        <section class="tl-card" aria-labelledby="cat-new-h">
          <div class="tl-head">
            <h2 id="cat-new-h">
              <Msg k="catNewIn" subs={[<span class="tl-cat-name">{workspace.name}</span>]} />
            </h2>
            <span class="tl-mute">{props.tabLink('preferences', t('changeWorkspace'))}</span>
          </div>
          <p class="tl-mute">{t('catIntro')}</p>
          <CategoryForm idPrefix="cat-new" label={t('newCategory')} others={everything} submitLabel={t('createCategory')} busyLabel={t('creating')} onSubmit={create} />
        </section>

        <section class="tl-card" aria-labelledby="cat-list-h" aria-busy={lists.loading}>
          <div class="tl-head">
            <h2 id="cat-list-h" tabIndex={-1}>
              {t('tabCategories')} {lists.active && <span class="tl-mute">({active.length})</span>}
            </h2>
            <button type="button" class="tl-btn tl-sm" onClick={() => !lists.loading && void lists.reload()} aria-disabled={lists.loading}>
              {t(lists.loading ? 'refreshing' : 'refreshFromAsana')}
            </button>
          </div>
          <p class={`tl-cat-status${status?.kind === 'pending' ? ' tl-cat-status-wait' : ''}`} role="status" data-testid="category-status">
            {status?.text ?? ''}
          </p>
          <SyncNotice idPrefix="cat-sync" waiting={waiting.length} waitingReason={waiting.find((op) => op.error)?.error?.message ?? null} failed={visibleFailed} categories={[]} projects={[]} />
          {lists.error && (
            <div class="tl-note tl-bad" role="alert">
              <p>{lists.error}</p>
              <button type="button" class="tl-btn tl-sm" onClick={() => void lists.reload()}>
                {t('tryAgain')}
              </button>
            </div>
          )}
          <label class="tl-cat-toggle">
            <input type="checkbox" checked={showArchived} onChange={(e) => go({ archived: e.currentTarget.checked }, true)} />
            {lists.archived ? t('showArchivedN', archived.length) : t('showArchived')}
          </label>
          {lists.active === null ? (
            !lists.error && <Waiting label={t('loadingCategories')} onRetry={() => void lists.reload()} />
          ) : active.length === 0 ? (
            <p class="tl-mute">{t('noCategoriesYet')}</p>
          ) : (
            <ul class="tl-list tl-cat-list" aria-label={t('activeCategories')} data-testid="active-categories">
              {active.map(row)}
            </ul>
          )}
          {showArchived && (
            <>
              <h3 id="cat-archived-h" class="tl-cat-sub" tabIndex={-1}>
                {t('archivedCategories')}
              </h3>
              <p class="tl-mute">{t('archivedExplained')}</p>
              {lists.archived === null ? (
                !lists.error && <Waiting label={t('loadingArchived')} onRetry={() => void lists.reload()} />
              ) : archived.length === 0 ? (
                <p class="tl-mute">{t('noArchived')}</p>
              ) : (
                <ul class="tl-list tl-cat-list" aria-labelledby="cat-archived-h" data-testid="archived-categories">
                  {archived.map(row)}
                </ul>
              )}
            </>
          )}
        </section>
      </div>

      {selected && (
        <CategoryEntries
          category={selected}
          start={rangeStart}
          end={rangeEnd}
          autoFocus
          onRangeChange={(from, to) => go({ from, to }, true)}
          onClose={() => {
            const gid = selected.gid;
            go({ category: null }, false);
            focusWhenReady(rowButtonId('entries', gid), 'cat-list-h');
          }}
        />
      )}
      {selectedGid && !selected && listsLoaded && looked?.gid === selectedGid && (
        <p class="tl-note tl-bad" role="alert">
          {t('catNotInWorkspace', workspace.name)} {looked.problem}{' '}
          <button type="button" class="tl-btn tl-sm" onClick={() => go({ category: null }, true)}>
            {t('close')}
          </button>
        </p>
      )}

      {deleting && (
        <DeleteDialog
          category={deleting.category}
          busy={deleting.busy}
          error={deleting.error}
          onConfirm={() => void confirmDelete()}
          onArchiveInstead={
            deleting.category.is_archived
              ? undefined
              : () => {
                  const category = deleting.category;
                  setDeleting(null);
                  void toggleArchived(category);
                }
          }
          onCancel={cancelDelete}
        />
      )}
    </div>
  );
}

/** Made in the last minute: possibly by a write this page is still waiting on. */
const isRecent = (op: OutboxOp) => Date.now() - op.createdAt < 60_000;
