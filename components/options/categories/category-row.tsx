/**
 * One category in the manager's list: its swatch, its name (always as text: names may contain
 * HTML), its colour's name, and its actions. Editing opens the name-and-colour form in place.
 * Every button's accessible name includes the category's name ("Archive Design"), so a screen
 * reader's list of buttons makes sense out of context.
 */
import { t } from '@/lib/i18n';
import type { CategoryColor } from '@/lib/asana/constants';
import type { Category } from '@/lib/asana/schemas';
import { hexFor } from '../../colors';
import { colorLabel } from '../../labels';
import { CategoryForm } from './category-form';
import type { Feedback } from './write-feedback';

/** Ids of a row's buttons, so the panel can put focus back on them. */
export const rowButtonId = (action: 'edit' | 'delete' | 'entries' | 'archive', gid: string) => `cat-${action}-${gid}`;

export interface CategoryRowProps {
  category: Category;
  /** Other categories of the workspace, for the duplicate-name check while editing. */
  others: readonly Category[];
  editing: boolean;
  /** A change to it is waiting in the outbox. */
  pending: boolean;
  /** Its entries are shown beside the list. */
  selected: boolean;
  /** An archive/unarchive is being sent. */
  busy: boolean;
  /** Asana's refusal of the last archive/unarchive. */
  error: string | null;
  onEdit: () => void;
  onCancelEdit: () => void;
  onSave: (draft: { name: string; color: CategoryColor }) => Promise<Feedback>;
  onToggleArchived: () => void;
  onAskDelete: () => void;
  onShowEntries: () => void;
}

export function CategoryRow(props: CategoryRowProps) {
  const { category } = props;
  const archived = category.is_archived === true;
  /** A button's visible verb, and for screen readers the category it acts on ("Archive Design"). */
  const named = (verb: string, of = false) => (
    <>
      {verb}
      <span class="tl-cat-sr"> {t(of ? 'ofCategory' : 'theCategory', category.name)}</span>
    </>
  );
  return (
    <li class={`tl-cat-row${props.selected ? ' tl-cat-selected' : ''}`} data-category-gid={category.gid}>
      <div class="tl-cat-line">
        <span class="tl-cat-dot" style={{ background: hexFor(category.color) }} aria-hidden="true" data-testid="category-swatch" />
        <span class="tl-cat-name" data-testid="category-name">
          {category.name}
        </span>
        <span class="tl-mute tl-cat-colour" data-testid="category-colour">
          {colorLabel(category.color)}
        </span>
        {props.pending && <span class="tl-tag">{t('waitingToSync')}</span>}
        {!props.editing && (
          <div class="tl-acts tl-cat-acts">
            <button
              type="button"
              id={rowButtonId('entries', category.gid)}
              class="tl-btn tl-sm"
              aria-pressed={props.selected}
              onClick={props.onShowEntries}
            >
              {named(t('entries'), true)}
            </button>
            <button type="button" id={rowButtonId('edit', category.gid)} class="tl-btn tl-sm" onClick={props.onEdit}>
              {named(t('edit'))}
            </button>
            <button
              type="button"
              id={rowButtonId('archive', category.gid)}
              class="tl-btn tl-sm"
              aria-disabled={props.busy}
              onClick={() => !props.busy && props.onToggleArchived()}
            >
              {named(t(props.busy ? (archived ? 'unarchiving' : 'archiving') : archived ? 'unarchive' : 'archive'))}
            </button>
            <button type="button" id={rowButtonId('delete', category.gid)} class="tl-btn tl-sm tl-cat-danger-text" onClick={props.onAskDelete}>
              {named(t('delete'))}
            </button>
          </div>
        )}
      </div>
      {props.error && (
        <p class="tl-note tl-bad" role="alert">
          {props.error}
        </p>
      )}
      {props.editing && (
        <CategoryForm
          idPrefix={`cat-edit-form-${category.gid}`}
          label={t('editWhat', category.name)}
          initial={category}
          others={props.others}
          submitLabel={t('save')}
          busyLabel={t('saving')}
          autoFocus
          onSubmit={props.onSave}
          onCancel={props.onCancelEdit}
        />
      )}
    </li>
  );
}
