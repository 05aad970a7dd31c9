/**
 * The signed-in user's own recent entries, kept for the popup's day (issue 18.5): today's and
 * this week's totals and the last entries, drawn at once from storage.local on opening.
 *
 * Why this and not the task caches: those hold only tasks opened in this browser, and only a
 * task's newest entries, so they miss time logged on other tasks, in Asana itself or on another
 * computer. This is Asana's own answer for the person (`GET /time_tracking_entries?user=…`, the
 * timesheet's query) over the last two weeks, read again after each opening of the popup, and
 * changed by each of the person's writes that Asana accepts, in the same commit that takes the
 * write out of the outbox: the popup lays the writes still waiting over it, and counts each once.
 */
import type { AsanaClient } from '../asana/client';
import type { Entry } from '../asana/schemas';
import { addDays, today } from '../dates';
import type { Lock } from '../lock';
import { byNewest } from '../pending';
import type { OpResult } from '../outbox';
import { outboxItem, userItems } from '../storage/items';
import { withoutUnansweredCopies } from '../outbox-policy';
import type { MyEntries, Owner, OutboxOp } from '../storage/schemas';
import type { Store, Write } from '../storage/store';

/** How far back the popup's entries go: this week's Monday is at most six days back, and the last entries may be older. */
export const MY_ENTRIES_DAYS = 14;
/** At most this many are kept (a person logs a few a day). */
const MAX_KEPT = 500;

/** What is kept of an answer: the person's own entries from `from` on, newest first. */
export function keepMine(entries: readonly Entry[], userGid: string): Entry[] {
  return entries.filter((e) => !e.created_by || e.created_by.gid === userGid).sort(byNewest).slice(0, MAX_KEPT);
}

/** `kept` with one entry as Asana now has it (`after`; null once deleted). */
export function withEntry(kept: MyEntries, gid: string, after: Entry | null, userGid: string): MyEntries {
  const others = kept.entries.filter((e) => e.gid !== gid);
  const keep = after && after.entered_on >= kept.from && (!after.created_by || after.created_by.gid === userGid);
  return { ...kept, entries: keep ? keepMine([...others, after], userGid) : others };
}

export function createMyEntries(deps: { client: AsanaClient; store: Store; lock: Lock; now?: () => number }) {
  const now = deps.now ?? Date.now;
  /** Writes accepted while a user's read runs (by user gid): replayed onto its answer, which may predate them. */
  const replay = new Map<string, Array<[string, Entry | null]>>();

  /** Reads the person's entries of the last two weeks (and the rest of this week) in `workspaceGid` from Asana, and keeps them. */
  async function refresh(me: Owner, workspaceGid: string): Promise<number> {
    const day = today(new Date(now()));
    const from = addDays(day, 1 - MY_ENTRIES_DAYS);
    const fetchedAt = now();
    const changes: Array<[string, Entry | null]> = [];
    replay.set(me.gid, changes);
    try {
      const found = await deps.client.listEntries({ workspace: workspaceGid, user: me.gid, entered_on_start_date: from, entered_on_end_date: addDays(day, 7) });
      let kept: MyEntries = { workspaceGid, from, fetchedAt, entries: keepMine(found, me.gid) };
      return await deps.lock(async () => {
        // A write accepted while the read ran may be missing from its answer: laid over it again.
        for (const [gid, after] of changes) kept = withEntry(kept, gid, after, me.gid);
        // A new entry still waiting for its answer is shown from the outbox (lib/outbox-policy.ts).
        kept = { ...kept, entries: withoutUnansweredCopies(kept.entries, await deps.store.get(outboxItem), me.gid, null) };
        // (The store keeps a user's caches only while that user is signed in.)
        await deps.store.set(userItems(me.gid).mine, kept);
        return kept.entries.length;
      });
    } finally {
      if (replay.get(me.gid) === changes) replay.delete(me.gid);
    }
  }

  /** A write Asana accepted (inside the outbox's lock): the person's kept entries follow it. */
  async function applied(op: OutboxOp, result: OpResult): Promise<Write[]> {
    if (op.kind !== 'entry.create' && op.kind !== 'entry.update' && op.kind !== 'entry.delete') return [];
    const saved = op.kind === 'entry.delete' ? null : (result as Entry);
    const gid = saved ? saved.gid : op.targetGid;
    replay.get(op.user.gid)?.push([gid, saved]);
    const item = userItems(op.user.gid).mine;
    const kept = await deps.store.get(item);
    if (!kept || (op.workspaceGid && op.workspaceGid !== kept.workspaceGid)) return [];
    return [[item, withEntry(kept, gid, saved, op.user.gid)]];
  }

  return { refresh, applied };
}
