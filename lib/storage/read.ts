/**
 * Reading a stored value back: every read is checked against its item's schema. What does not
 * fit is never used and never silently dropped: the caller keeps it aside (recovery) and shows
 * the fallback. Used by the background's store and by views alike.
 */
import * as v from 'valibot';
import { OutboxOpSchema, OutboxSchema, emptyOutbox, type OutboxOp, type OutboxState } from './schemas';

export type Checked<T> = { ok: true; value: T } | { ok: false; value: T; reason: string };

/** Why a value failed its schema, in a few words ("ops.3.data.duration_minutes: must be at least 1 minute"). */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'does not have the expected shape';
  const where = v.getDotPath(first);
  return `${where ? `${where}: ` : ''}${first.message}`;
}

/** `raw` checked against the item: the value, or the fallback with the reason. Absent (undefined/null) is the fallback, not a failure. */
export function checkItem<T>(def: { schema: v.GenericSchema<unknown, T>; fallback: T }, raw: unknown): Checked<T> {
  if (raw === undefined || raw === null) return { ok: true, value: def.fallback };
  const parsed = v.safeParse(def.schema, raw);
  if (parsed.success) return { ok: true, value: parsed.output as T };
  return { ok: false, value: def.fallback, reason: describeIssues(parsed.issues) };
}

/**
 * The outbox, op by op: one unreadable op must never cost the others. Returns the readable state
 * and the ops that could not be read (for the recovery list), each with why.
 */
export function checkOutbox(raw: unknown): { state: OutboxState; rejected: Array<{ value: unknown; reason: string }> } {
  if (raw === undefined || raw === null) return { state: emptyOutbox(), rejected: [] };
  const whole = v.safeParse(OutboxSchema, raw);
  if (whole.success) return { state: whole.output, rejected: [] };
  const value = (typeof raw === 'object' ? raw : {}) as { ops?: unknown; claimed?: unknown; renamed?: unknown };
  const ops: OutboxOp[] = [];
  const rejected: Array<{ value: unknown; reason: string }> = [];
  if (!Array.isArray(value.ops)) rejected.push({ value: raw, reason: describeIssues(whole.issues) });
  for (const op of Array.isArray(value.ops) ? value.ops : []) {
    const parsed = v.safeParse(OutboxOpSchema, op);
    if (parsed.success) ops.push(parsed.output);
    else rejected.push({ value: op, reason: describeIssues(parsed.issues) });
  }
  const rest = v.safeParse(v.object({ claimed: OutboxSchema.entries.claimed, renamed: OutboxSchema.entries.renamed }), { claimed: value.claimed ?? [], renamed: value.renamed ?? {} });
  const { claimed, renamed } = rest.success ? rest.output : { claimed: [], renamed: {} };
  if (!rest.success) rejected.push({ value: { claimed: value.claimed, renamed: value.renamed }, reason: describeIssues(rest.issues) });
  return { state: { ops, claimed, renamed }, rejected };
}
