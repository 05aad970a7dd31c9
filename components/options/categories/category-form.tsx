/**
 * Name and colour of a category: the form for creating one and for renaming / recolouring one.
 * Everything is checked before anything is sent; each message sits under its field and is tied
 * to it (aria-invalid, aria-describedby). Asana's refusal, if it comes, is shown under the form,
 * which keeps what the user typed.
 */
import { t } from '@/lib/i18n';
import { useRef, useState } from 'preact/hooks';
import type { TargetedEvent } from 'preact';
import type { CategoryColor } from '@/lib/asana/constants';
import type { Category } from '@/lib/asana/schemas';
import { ColorPicker } from './color-picker';
import { MAX_CATEGORY_NAME, isValid, validateCategory, type CategoryDraft, type CategoryProblems } from './validate';
import type { Feedback } from './write-feedback';

export interface CategoryFormProps {
  idPrefix: string;
  /** The category being edited; a new one when absent. */
  initial?: Category;
  /** The workspace's other categories, for the duplicate-name check. */
  others: readonly Category[];
  submitLabel: string;
  busyLabel: string;
  /** Sends the draft. A `failed` answer is shown here; anything else is the parent's to show. */
  onSubmit: (draft: { name: string; color: CategoryColor }) => Promise<Feedback>;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** Accessible name of the form. */
  label: string;
}

export function CategoryForm(props: CategoryFormProps) {
  const { idPrefix: id, initial } = props;
  const [name, setName] = useState(initial?.name ?? '');
  const [color, setColor] = useState<CategoryColor | null>(initial?.color ?? null);
  const [problems, setProblems] = useState<CategoryProblems>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // After a first attempt, messages follow the input so they disappear as soon as it is fixed.
  const recheck = (draft: CategoryDraft) => {
    if (tried) setProblems(validateCategory(draft, props.others));
  };

  async function submit(event: TargetedEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setTried(true);
    setRefusal(null);
    const found = validateCategory({ name, color }, props.others);
    setProblems(found);
    if (!isValid(found) || color === null) {
      if (found.name) nameRef.current?.focus();
      else formRef.current?.querySelector<HTMLInputElement>(`input[name="${id}-color"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const outcome = await props.onSubmit({ name: name.trim(), color });
      if (outcome.kind === 'failed') {
        setRefusal(outcome.text);
        return;
      }
      if (!initial) {
        // Ready for the next one.
        setName('');
        setColor(null);
        setTried(false);
        setProblems({});
        nameRef.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  }

  const nameDescribedBy = [problems.name ? `${id}-name-msg` : null, `${id}-name-hint`].filter(Boolean).join(' ');

  return (
    <form
      ref={formRef}
      class="tl-form tl-cat-form"
      onSubmit={submit}
      noValidate
      aria-label={props.label}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && props.onCancel) {
          e.preventDefault();
          props.onCancel();
        }
      }}
    >
      <div class="tl-field">
        <label for={`${id}-name`}>{t('name')}</label>
        <input
          id={`${id}-name`}
          ref={nameRef}
          class="tl-in"
          value={name}
          autoComplete="off"
          autoFocus={props.autoFocus}
          aria-invalid={problems.name ? true : undefined}
          aria-describedby={nameDescribedBy}
          onInput={(e) => {
            setName(e.currentTarget.value);
            recheck({ name: e.currentTarget.value, color });
          }}
        />
        {problems.name && (
          <span id={`${id}-name-msg`} class="tl-bad tl-cat-msg">
            {problems.name}
          </span>
        )}
        <span id={`${id}-name-hint`} class="tl-mute">
          {t('catNameHint', MAX_CATEGORY_NAME)}
        </span>
      </div>
      <ColorPicker
        idPrefix={id}
        value={color}
        error={problems.color}
        onChange={(next) => {
          setColor(next);
          recheck({ name, color: next });
        }}
      />
      {refusal && (
        <p class="tl-note tl-bad" role="alert" data-testid={`${id}-refusal`}>
          {refusal}
        </p>
      )}
      <div class="tl-acts">
        {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus to the page. */}
        <button type="submit" class="tl-btn tl-pri" aria-disabled={busy}>
          {busy ? props.busyLabel : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="tl-btn" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
