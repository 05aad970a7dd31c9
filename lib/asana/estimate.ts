/**
 * A task's estimate. Asana has no `estimated_minutes` field: "Estimated time" is a custom field on
 * the task, Asana-created (`asana_created_field: estimated_time`) and of format `duration`
 * (FACTS.md §14). Its `number_value` is read as minutes, as a third-party integration does (the
 * unit is not in Asana's spec); `display_value` is Asana's own human form.
 */
import type { CustomFieldValue } from './schemas';

export interface TaskEstimate {
  /** Minutes, or null when the task has no estimate (field absent, or empty). */
  minutes: number | null;
  /** Asana's text for the value, as it shows it, or null. */
  display: string | null;
  /** gid of the "Estimated time" field when the task has it (to write it later), else null. */
  fieldGid: string | null;
}

/** The estimate among a task's custom field values. Only Asana's own field counts: a user-made "Estimate" number field is not it. */
export function estimateFromCustomFields(fields: readonly CustomFieldValue[] | null | undefined): TaskEstimate {
  const field = (fields ?? []).find((f) => f.asana_created_field === 'estimated_time');
  if (!field) return { minutes: null, display: null, fieldGid: null };
  const n = field.number_value;
  const minutes = typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
  return { minutes, display: minutes === null ? null : (field.display_value ?? null), fieldGid: field.gid };
}
