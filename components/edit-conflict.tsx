/**
 * An entry that changed in Asana while its edit form was open (issue 14.6): what Asana has now
 * beside what the person's form says, field by field, and their choice. Nothing is overwritten
 * without it.
 */
import type { Category, Entry, Named } from '@/lib/asana/schemas';
import { dayLabel, duration, t } from '@/lib/i18n';
import { billableLabel } from './labels';
import type { EntryValues } from './entry-form';

/** The fields an edit can change, each as text a person reads, from Asana's entry or from a form's values. */
type Shown = Record<'duration' | 'date' | 'description' | 'category' | 'billable' | 'countsToward', string>;

function showEntry(e: Entry): Shown {
  return {
    duration: duration(e.duration_minutes),
    date: dayLabel(e.entered_on),
    description: e.description || t('nothingSet'),
    category: e.categories?.[0]?.name ?? t('noCategory'),
    billable: e.billable_status ? billableLabel(e.billable_status) : t('workspaceDefault'),
    countsToward: e.attributable_to?.name ?? e.attributable_to?.gid ?? t('nothingSet'),
  };
}

function showValues(v: EntryValues, base: Entry, categories: Category[], projects: Named[]): Shown {
  const category = v.categories ? v.categories[0] : base.categories?.[0]?.gid;
  const project = v.attributable_to ?? base.attributable_to?.gid;
  return {
    duration: duration(v.duration_minutes),
    date: dayLabel(v.entered_on),
    description: (v.description ?? base.description) || t('nothingSet'),
    category: category ? (categories.find((c) => c.gid === category)?.name ?? base.categories?.[0]?.name ?? category) : t('noCategory'),
    billable: (v.billable_status ?? base.billable_status) ? billableLabel((v.billable_status ?? base.billable_status)!) : t('workspaceDefault'),
    countsToward: project ? (projects.find((p) => p.gid === project)?.name ?? base.attributable_to?.name ?? project) : t('nothingSet'),
  };
}

/** An entry's editable fields by value (gids, not names: a cached entry may lack a name Asana sends). */
const valuesOf = (e: Entry): Record<keyof Shown, unknown> => ({
  duration: e.duration_minutes,
  date: e.entered_on,
  description: e.description ?? '',
  category: e.categories?.[0]?.gid ?? null,
  billable: e.billable_status ?? null,
  countsToward: e.attributable_to?.gid ?? null,
});

/** The fields of the entry that Asana changed since `base` was read (empty: no conflict). */
export function changedInAsana(base: Entry, fresh: Entry): Array<keyof Shown> {
  const a = valuesOf(base);
  const b = valuesOf(fresh);
  return (Object.keys(a) as Array<keyof Shown>).filter((k) => a[k] !== b[k]);
}

export function EditConflict(props: {
  idPrefix: string;
  /** The entry as the form opened on it, and as Asana has it now. */
  base: Entry;
  fresh: Entry;
  values: EntryValues;
  categories: Category[];
  projects: Named[];
  onKeepMine: () => void;
  onUseAsanas: () => void;
}) {
  const asana = showEntry(props.fresh);
  const mine = showValues(props.values, props.base, props.categories, props.projects);
  const fields = changedInAsana(props.base, props.fresh);
  const title = `${props.idPrefix}-conflict`;
  return (
    <div class="tl-note tl-bad" role="alert" aria-labelledby={title}>
      <p id={title}>{t('editConflict')}</p>
      <table style={{ fontSize: '12px', textAlign: 'start', borderSpacing: '12px 2px' }}>
        <thead>
          <tr>
            <th scope="col">{t('field')}</th>
            <th scope="col">{t('conflictAsana')}</th>
            <th scope="col">{t('conflictYours')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((k) => (
            <tr key={k}>
              <th scope="row">{t(k)}</th>
              <td>{asana[k]}</td>
              <td>{mine[k]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="tl-acts">
        <button type="button" class="tl-btn tl-sm tl-pri" onClick={props.onKeepMine}>
          {t('keepMine')}
        </button>
        <button type="button" class="tl-btn tl-sm" onClick={props.onUseAsanas}>
          {t('useAsanas')}
        </button>
      </div>
    </div>
  );
}
