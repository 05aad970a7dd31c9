/**
 * A task's summary (lib/storage/schemas.ts `TaskCache`): its totals and its newest entries, small
 * whatever the task's size, so that every view shows a task's figures at once (issue 20). Pure.
 *
 * The summary's `head` is always the start of the full list (newest first) that the background
 * keeps: `head = full.slice(0, head.length)`. A change keeps it so without the full list, which
 * is what lets the background apply an accepted write to the summary alone.
 */
import type { Entry } from './asana/schemas';
import { byNewest } from './pending';
import { HEAD_ENTRIES } from './storage/keys';
import type { TaskCache } from './storage/schemas';

export type SummaryMeta = Pick<TaskCache, 'fetchedAt' | 'checkedAt' | 'info' | 'error'>;

/** An entry's author key in `authors` ("" when Asana names none). */
const authorOf = (e: Pick<Entry, 'created_by'>) => e.created_by?.gid ?? '';

/** The entries newest first (a new array). */
export const newestFirst = (entries: readonly Entry[]): Entry[] => [...entries].sort(byNewest);

/** The summary of a task whose entries (all of them, newest first) are `entries`. */
export function summaryOf(gid: string, entries: readonly Entry[], meta: SummaryMeta): TaskCache {
  const authors: TaskCache['authors'] = {};
  let totalMinutes = 0;
  for (const e of entries) {
    totalMinutes += e.duration_minutes;
    const a = (authors[authorOf(e)] ??= { count: 0, minutes: 0 });
    a.count++;
    a.minutes += e.duration_minutes;
  }
  return { gid, count: entries.length, totalMinutes, authors, head: entries.slice(0, HEAD_ENTRIES), ...meta };
}

/** A summary with nothing in it (a task never fetched). */
export const emptySummary = (gid: string): TaskCache => summaryOf(gid, [], { fetchedAt: 0, checkedAt: 0, info: null, error: null });

function addTo(authors: TaskCache['authors'], e: Entry, sign: 1 | -1): TaskCache['authors'] {
  const key = authorOf(e);
  const was = authors[key] ?? { count: 0, minutes: 0 };
  const next = { count: was.count + sign, minutes: was.minutes + sign * e.duration_minutes };
  const out = { ...authors };
  if (next.count <= 0) delete out[key];
  else out[key] = next;
  return out;
}

/**
 * The summary after one entry changed on Asana: `before` is the entry as it was (null for a new
 * one), `after` as it is now (null once deleted). Totals follow exactly; the head stays the start
 * of the full list: an entry newer than the head's last, or any entry while the head holds every
 * entry, goes in at its place (the head then keeps its size); one older than the head's last,
 * with more entries beyond the head, is not the summary's to hold.
 */
export function applyToSummary(summary: TaskCache, given: Entry | null, after: Entry | null): TaskCache {
  let { count, totalMinutes, authors, head } = summary;
  // The entry as the summary holds it, when the caller did not find it (in a list that missed it):
  // adding it again would show it twice and count it twice.
  const before = given ?? (after && head.find((e) => e.gid === after.gid)) ?? null;
  if (before) {
    count--;
    totalMinutes -= before.duration_minutes;
    authors = addTo(authors, before, -1);
    head = head.filter((e) => e.gid !== before.gid);
  }
  if (after) {
    const complete = head.length === count;
    const last = head.at(-1);
    if (complete || (last && byNewest(after, last) < 0)) head = newestFirst([...head, after]).slice(0, HEAD_ENTRIES);
    count++;
    totalMinutes += after.duration_minutes;
    authors = addTo(authors, after, 1);
  }
  return { ...summary, count, totalMinutes, authors, head };
}

/** The full list (newest first) after the same change. */
export function applyToList(list: readonly Entry[], before: Entry | null, after: Entry | null): Entry[] {
  const gone = new Set([before?.gid, after?.gid].filter(Boolean));
  const kept = list.filter((e) => !gone.has(e.gid));
  return after ? newestFirst([...kept, after]) : kept;
}
