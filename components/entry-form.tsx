/**
 * The one form for logging and editing time, used by the widget, the popup and the timesheet.
 * The duration is read as it is typed and shown back ("= 1 h 30 min") before anything is sent
 * (by the background on Asana's page, see duration-reader.ts). Enter saves from any field.
 */
import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TargetedEvent } from 'preact';
import { BILLABLE_STATUSES, type BillableStatus } from '@/lib/asana/constants';
import type { Category, Entry, Named } from '@/lib/asana/schemas';
import { addDays, isIsoDate, today } from '@/lib/dates';
import type { DurationReading } from '@/lib/duration';
import { duration as formatDuration, t } from '@/lib/i18n';
import { errorMessage } from '@/lib/messaging/client';
import { DurationReaderContext } from './duration-reader';
import { useToday } from './hooks';
import { hexFor } from './colors';
import { billableLabel } from './labels';

export interface EntryValues {
  duration_minutes: number;
  entered_on: string;
  description?: string;
  categories?: string[];
  billable_status?: BillableStatus;
  attributable_to?: string;
}

export interface EntryFormProps {
  idPrefix: string;
  /** Active categories of the workspace. */
  categories: Category[];
  /** The task's projects; the attribution picker shows when there are several. */
  projects: Named[];
  defaultProjectGid?: string | null;
  defaults?: { categoryGid: string | null; billable: BillableStatus | null };
  /** Editing this entry (else a new one). */
  initial?: Entry;
  submitLabel: string;
  /** Saves; resolves with an error message to show, or null on success. */
  onSubmit: (values: EntryValues) => Promise<string | null>;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** Initial duration text (e.g. from a timer). */
  initialDuration?: string;
  /**
   * A quick form: the duration and the submit button, with the other fields behind a "More
   * options" toggle whose state the owner keeps (the widget remembers it across tasks).
   */
  compact?: { open: boolean; onToggle: (open: boolean) => void };
}

/** Minutes as the user would type them back ("1h 30m"). */
const asTyped = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h && m ? `${h}h ${m}m` : h ? `${h}h` : `${m}m`;
};

export function EntryForm(props: EntryFormProps) {
  const { idPrefix: id, initial } = props;
  const [duration, setDuration] = useState(initial ? asTyped(initial.duration_minutes) : (props.initialDuration ?? ''));
  // null: "today", whichever day that is when the entry is saved (a form left open overnight).
  const [pickedDate, setDate] = useState<string | null>(initial?.entered_on ?? null);
  const todayIso = useToday();
  const date = pickedDate ?? todayIso;
  const [description, setDescription] = useState(initial?.description ?? '');
  const [categoryGid, setCategoryGid] = useState(initial ? (initial.categories?.[0]?.gid ?? '') : (props.defaults?.categoryGid ?? ''));
  const [billable, setBillable] = useState<string>(initial ? (initial.billable_status ?? '') : (props.defaults?.billable ?? ''));
  const projectDefault = initial?.attributable_to?.gid ?? (props.projects.some((p) => p.gid === props.defaultProjectGid) ? props.defaultProjectGid! : (props.projects[0]?.gid ?? ''));
  const [projectGid, setProjectGid] = useState(projectDefault);
  // Defaults (from the settings) can arrive after the form is shown: apply them to a new entry
  // until the person picks something themselves.
  // A ref, not state: an effect queued by an earlier render must see a choice made since.
  const picked = useRef({ category: false, billable: false });
  const defaultCategory = props.defaults?.categoryGid ?? '';
  const defaultBillable = props.defaults?.billable ?? '';
  useEffect(() => {
    if (initial) return;
    if (!picked.current.category) setCategoryGid(defaultCategory);
    if (!picked.current.billable) setBillable(defaultBillable);
  }, [initial, defaultCategory, defaultBillable]);
  // The task's projects usually arrive after the form is shown: pick the default then, unless a
  // project is chosen already.
  useEffect(() => {
    if (props.projects.length === 0) return;
    setProjectGid((current) => (props.projects.some((p) => p.gid === current) ? current : projectDefault));
  }, [props.projects, projectDefault]);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  /**
   * Saves in order (issue 14.2): an entry typed while another is saving is taken at once (the box
   * is cleared), shown as waiting, and sent when the one before it is done; never dropped.
   */
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const inFlight = useRef(0);
  /** `typed` when the last save was asked for: Enter again on the same text is no second entry. */
  const sentAt = useRef(-1);
  const [queued, setQueued] = useState<Array<{ minutes: number }>>([]);
  const [error, setError] = useState<string | null>(null);
  const durationRef = useRef<HTMLInputElement>(null);
  /** Counts keystrokes in the text fields (see submit). */
  const typed = useRef(0);

  // What the box says about what is typed: read as it is typed, answers for older text dropped.
  const read = useContext(DurationReaderContext);
  const [reading, setReading] = useState<DurationReading | null>(null);
  const reads = useRef(0);
  const readNow = (text: string, on: string): Promise<DurationReading> => {
    const seq = ++reads.current;
    return read(text, on).then(
      (r) => (seq === reads.current && setReading(r), r),
      (error: unknown) => {
        const failed: DurationReading = { ok: false, error: errorMessage(error) };
        if (seq === reads.current) setReading(failed);
        return failed;
      },
    );
  };
  useEffect(() => {
    if (duration.trim()) void readNow(duration, date);
    else {
      reads.current++;
      setReading(null);
    }
  }, [duration, date]);
  const yesterdayIso = addDays(todayIso, -1);

  // An archived category stays selectable on the entry that already has it.
  const categoryOptions = useMemo(() => {
    const current = initial?.categories?.[0];
    const list = [...props.categories];
    if (current && !list.some((c) => c.gid === current.gid)) list.push({ ...current, name: t('archivedName', current.name) });
    return list;
  }, [props.categories, initial]);
  const selectedColor = categoryOptions.find((c) => c.gid === categoryGid)?.color;

  async function submit(event: TargetedEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    setError(null);
    if (!duration.trim()) {
      durationRef.current?.focus();
      return;
    }
    // "Today" is read now, not when the form was drawn: it may have been drawn yesterday.
    const enteredOn = pickedDate ?? today();
    if (!isIsoDate(enteredOn)) {
      setError(t('pickValidDate'));
      return;
    }
    // An edit is saved once; a new entry typed during a save waits its turn, but Enter pressed
    // again on the text being saved is no second entry.
    if (inFlight.current > 0 && (initial || typed.current === sentAt.current)) return;
    const typedBefore = (sentAt.current = typed.current);
    const later = inFlight.current++ > 0;
    setBusy(true);
    const parsed = await readNow(duration, enteredOn);
    if (!parsed.ok) {
      setBusy(--inFlight.current > 0);
      sentAt.current = -1;
      durationRef.current?.focus();
      return;
    }
    const values: EntryValues = { duration_minutes: parsed.minutes, entered_on: enteredOn };
    if (description.trim()) values.description = description.trim();
    else if (initial?.description) values.description = '';
    if (categoryGid) values.categories = [categoryGid];
    else if (initial?.categories?.length) values.categories = [];
    if (billable) values.billable_status = billable as BillableStatus;
    if (projectGid && props.projects.length > 1) values.attributable_to = projectGid;
    const texts = [duration, description] as const;
    const clear = () => {
      setDuration('');
      setDescription('');
      setTouched(false);
      durationRef.current?.focus();
    };
    const waiting = { minutes: parsed.minutes };
    if (later) {
      setQueued((q) => [...q, waiting]);
      clear();
    }
    const turn = chain.current.then(() => props.onSubmit(values));
    chain.current = turn.catch(() => null);
    try {
      const problem = await turn.catch((e: unknown) => errorMessage(e));
      if (problem) {
        setError(problem);
        // Its text comes back to the box if it left it (a waiting entry's, or one cleared by the
        // next entry queued behind it), unless something else is typed there now.
        if (!durationRef.current?.value.trim()) {
          setDuration(texts[0]);
          setDescription(texts[1]);
        }
      }
      // (Only if nothing was typed while it was being sent: a slow send must not eat the next entry.)
      else if (!later && !initial && typed.current === typedBefore) clear();
    } finally {
      if (later) setQueued((q) => q.filter((w) => w !== waiting));
      setBusy(--inFlight.current > 0);
    }
  }

  // The quick form hides everything but the duration until the person asks for more.
  const showDetails = !props.compact || props.compact.open;
  const empty = !duration.trim();
  const durationHint = empty ? (touched ? t('durEmpty', t('durHelp')) : t('durationExamples')) : reading ? (reading.ok ? reading.hint : reading.error) : '\u00a0';
  const durationInvalid = empty ? touched : reading?.ok === false;
  const submitButton = (
    <button type="submit" class="tl-btn tl-pri" disabled={busy && !!initial}>
      {busy ? t('saving') : props.submitLabel}
    </button>
  );

  return (
    <form class="tl-form" onSubmit={submit} noValidate aria-label={t(initial ? 'editEntry' : 'logTime')}>
      <div class="tl-row">
        <div class="tl-field">
          <label for={`${id}-duration`}>{t('duration')}</label>
          <input
            id={`${id}-duration`}
            ref={durationRef}
            class="tl-in"
            value={duration}
            onInput={(e) => {
              typed.current++;
              setDuration(e.currentTarget.value);
            }}
            placeholder={t('durationPlaceholder')}
            autoComplete="off"
            autoFocus={props.autoFocus}
            aria-invalid={durationInvalid}
            aria-describedby={`${id}-duration-hint`}
          />
          <span id={`${id}-duration-hint`} class={durationInvalid ? 'tl-bad' : 'tl-mute'} role={durationInvalid ? 'alert' : undefined}>
            {durationHint}
          </span>
        </div>
        {showDetails && (
          <div class="tl-field">
            <span class="tl-label" id={`${id}-date-label`}>{t('date')}</span>
            <div class="tl-row" role="group" aria-labelledby={`${id}-date-label`}>
              <button type="button" class="tl-btn tl-sm" aria-pressed={date === todayIso} onClick={() => setDate(null)}>{t('today')}</button>
              <button type="button" class="tl-btn tl-sm" aria-pressed={date === yesterdayIso} onClick={() => setDate(yesterdayIso)}>{t('yesterday')}</button>
              <input type="date" class="tl-in" aria-label={t('date')} value={date} max={addDays(todayIso, 366)} onInput={(e) => setDate(e.currentTarget.value)} />
            </div>
          </div>
        )}
        {props.compact && (
          <div class="tl-acts tl-quick">
            {submitButton}
            <button type="button" class="tl-btn" aria-expanded={showDetails} onClick={() => props.compact!.onToggle(!props.compact!.open)}>
              {t(showDetails ? 'fewerOptions' : 'moreOptions')}
            </button>
          </div>
        )}
      </div>
      {showDetails && (
        <>
          <div class="tl-field">
            <label for={`${id}-description`}>{t('description')}</label>
            <input
              id={`${id}-description`}
              class="tl-in"
              value={description}
              maxLength={10_000}
              onInput={(e) => {
                typed.current++;
                setDescription(e.currentTarget.value);
              }}
              placeholder={t('whatDidYouWorkOn')}
              autoComplete="off"
            />
          </div>
          <div class="tl-row">
            <div class="tl-field">
              <label for={`${id}-category`}>{t('category')}</label>
              <div class="tl-pick">
                {selectedColor && <span class="tl-sw" style={{ background: hexFor(selectedColor) }} aria-hidden="true" />}
                <select id={`${id}-category`} class="tl-in" value={categoryGid} onChange={(e) => {
                    picked.current.category = true;
                    setCategoryGid(e.currentTarget.value);
                  }}>
                  <option value="">{t('noCategory')}</option>
                  {categoryOptions.map((c) => (
                    <option key={c.gid} value={c.gid}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div class="tl-field">
              <label for={`${id}-billable`}>{t('billable')}</label>
              <select id={`${id}-billable`} class="tl-in" value={billable} onChange={(e) => {
                  picked.current.billable = true;
                  setBillable(e.currentTarget.value);
                }}>
                <option value="">{t('workspaceDefault')}</option>
                {BILLABLE_STATUSES.map((b) => (
                  <option key={b} value={b}>
                    {billableLabel(b)}
                  </option>
                ))}
              </select>
            </div>
            {props.projects.length > 1 && (
              <div class="tl-field">
                <label for={`${id}-project`}>{t('countsToward')}</label>
                <select id={`${id}-project`} class="tl-in" value={projectGid} onChange={(e) => setProjectGid(e.currentTarget.value)}>
                  {props.projects.map((p) => (
                    <option key={p.gid} value={p.gid}>
                      {p.name ?? p.gid}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
        </>
      )}
      {queued.length > 0 && (
        <p class="tl-mute" role="status">
          {t('queuedNext', queued.map((w) => formatDuration(w.minutes)).join(', '))}
        </p>
      )}
      {error && (
        <p class="tl-bad" role="alert">
          {error}
        </p>
      )}
      {!props.compact && (
        <div class="tl-acts">
          {submitButton}
          {props.onCancel && (
            <button type="button" class="tl-btn" onClick={props.onCancel}>
              {t('cancel')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}

/** The fields of `values` that differ from `entry`: what an update should send. */
export function changedFields(entry: Entry, values: EntryValues): Partial<EntryValues> {
  const patch: Partial<EntryValues> = {};
  if (values.duration_minutes !== entry.duration_minutes) patch.duration_minutes = values.duration_minutes;
  if (values.entered_on !== entry.entered_on) patch.entered_on = values.entered_on;
  if ((values.description ?? entry.description ?? '') !== (entry.description ?? '')) patch.description = values.description ?? '';
  const before = entry.categories?.[0]?.gid ?? '';
  const after = values.categories?.[0] ?? (values.categories ? '' : before);
  if (after !== before) patch.categories = after ? [after] : [];
  if (values.billable_status && values.billable_status !== entry.billable_status) patch.billable_status = values.billable_status;
  if (values.attributable_to && values.attributable_to !== entry.attributable_to?.gid) patch.attributable_to = values.attributable_to;
  return patch;
}
