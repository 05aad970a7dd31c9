/**
 * The workspace's categories as the manager shows them. Active ones come from the background's
 * cache (`categories:<workspace>` in storage.local), which the background updates when Asana
 * accepts a write, so the list follows changes made here, in another tab, or synced later from
 * the outbox. Archived ones have no cache: they are read again after every write and whenever a
 * category write leaves the outbox.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Category } from '@/lib/asana/schemas';
import { errorMessage, send } from '@/lib/messaging/client';
import { overlayCategories } from '@/lib/pending';
import { outboxItem } from '@/lib/storage/items';
import type { OutboxOp } from '@/lib/storage/schemas';
import { useItem } from '../../hooks';
import { useSignedIn } from '../../use-signed-in';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Alphabetical, as people look for a name; gid breaks ties so the order is stable. */
export const byName = (a: Category, b: Category) => collator.compare(a.name, b.name) || a.gid.localeCompare(b.gid);

export interface WorkspaceCategories {
  /** Active categories, sorted by name; null until first known. */
  active: Category[] | null;
  /** Archived categories, sorted by name; null until first read. */
  archived: Category[] | null;
  /** Why the lists could not be read (Asana's words and what to do). */
  error: string | null;
  loading: boolean;
  /** Re-reads both lists from Asana. */
  reload: () => Promise<void>;
  /** Re-reads the archived list (after a write: the background keeps the active one up to date). */
  reloadArchived: () => Promise<void>;
  /** My category writes for this workspace still in the outbox (waiting or refused). */
  ops: OutboxOp[];
  /** Gids of categories with a change waiting to sync. */
  pendingTargets: Set<string>;
}

/** Loads and follows the categories of one workspace. */
export function useWorkspaceCategories(workspaceGid: string): WorkspaceCategories {
  const { me, mine } = useSignedIn();
  const cache = useItem(mine ? mine.categories(workspaceGid) : null);
  const outbox = useItem(outboxItem);
  const [fetched, setFetched] = useState<{ ws: string; active: Category[]; archived: Category[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      // `refresh`: the manager always shows what Asana has now, not a cache up to 10 minutes old.
      const [active, archived] = await Promise.all([
        send('categories.list', { workspaceGid, refresh: true }),
        send('categories.list', { workspaceGid, archived: true }),
      ]);
      if (mine !== generation.current) return;
      setFetched({ ws: workspaceGid, active, archived });
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(errorMessage(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [workspaceGid]);

  const reloadArchived = useCallback(async () => {
    const mine = generation.current;
    try {
      const archived = await send('categories.list', { workspaceGid, archived: true });
      if (mine !== generation.current) return;
      setFetched((old) => (old?.ws === workspaceGid ? { ...old, archived } : old));
    } catch (e) {
      if (mine === generation.current) setError(errorMessage(e));
    }
  }, [workspaceGid]);

  useEffect(() => {
    setFetched(null);
    void reload();
  }, [reload]);

  // Only my own changes: another account's waiting category writes are not mine to show.
  const ops = useMemo(
    () => outbox.value.ops.filter((op) => me && op.user.gid === me.gid && op.kind.startsWith('category.') && op.workspaceGid === workspaceGid),
    [outbox.value, workspaceGid, me?.gid],
  );

  // A write that waited in the outbox has just been accepted (or discarded): the archived list
  // may have changed, and only the active one is kept up to date by the background.
  const opCount = ops.length;
  const previousOpCount = useRef(opCount);
  useEffect(() => {
    if (opCount < previousOpCount.current) void reloadArchived();
    previousOpCount.current = opCount;
  }, [opCount, reloadArchived]);

  const mineFetched = fetched?.ws === workspaceGid ? fetched : null;
  const activeSource = cache.value?.workspaceGid === workspaceGid ? cache.value.categories : (mineFetched?.active ?? null);
  // The lists as Asana has them, with my waiting changes laid over (lib/pending.ts: the same rules as everywhere).
  const overlaid = useMemo(
    () => (activeSource && mineFetched ? overlayCategories(activeSource, mineFetched.archived, outbox.value.ops, me, workspaceGid) : null),
    [activeSource, mineFetched, outbox.value, me?.gid, workspaceGid],
  );
  const active = useMemo(() => (overlaid ? [...overlaid.active].sort(byName) : activeSource ? [...activeSource].sort(byName) : null), [overlaid, activeSource]);
  const archived = useMemo(() => (overlaid ? [...overlaid.archived].sort(byName) : null), [overlaid]);
  const pendingTargets = useMemo(() => new Set(ops.filter((op) => op.state !== 'failed').map((op) => op.targetGid)), [ops]);

  return { active, archived, error, loading, reload, reloadArchived, ops, pendingTargets };
}
