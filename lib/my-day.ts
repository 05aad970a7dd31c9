/**
 * The popup's day (issue 18.5): today's and this week's totals and the last entries of the
 * signed-in user, from their kept entries (lib/background/my-entries.ts) with their writes still
 * waiting in the outbox laid over them (lib/pending.ts), so a time just logged counts at once and
 * once. Pure: the day is given, so the figures do not depend on the machine's date or zone.
 */
import type { Category, Entry } from './asana/schemas';
import { weekOf } from './dates';
import { byNewest, overlayEntries, type ViewEntry } from './pending';
import type { MyEntries, OutboxOp, Owner } from './storage/schemas';

/** How many of the last entries the popup shows. */
export const LAST_ENTRIES = 5;

export interface MyDayView {
  todayMinutes: number;
  /** Monday to Sunday, the week Asana's timesheets approve (as the timesheet tab shows it). */
  weekMinutes: number;
  /** The newest first (by day, then when logged). */
  last: ViewEntry[];
}

/** The day of `day` (YYYY-MM-DD) for `me`, or null before the entries were first read. */
export function myDayView(kept: MyEntries | null, ops: readonly OutboxOp[], me: Owner | null, day: string, now: number, categories: Category[] = []): MyDayView | null {
  if (!kept || !me) return null;
  // Writes of this workspace only (a waiting entry of another workspace is not this week's figure).
  const { entries } = overlayEntries(kept.entries, ops, { me, categories, projects: [], now }, (op) => op.kind !== 'entry.create' || !op.workspaceGid || op.workspaceGid === kept.workspaceGid);
  const mine = entries.filter((e) => e.created_by?.gid === me.gid).sort(byNewest);
  const week = weekOf(day, 1);
  const sum = (list: Entry[]) => list.reduce((total, e) => total + e.duration_minutes, 0);
  return {
    todayMinutes: sum(mine.filter((e) => e.entered_on === day)),
    weekMinutes: sum(mine.filter((e) => e.entered_on >= week[0]! && e.entered_on <= week[6]!)),
    last: mine.slice(0, LAST_ENTRIES),
  };
}
