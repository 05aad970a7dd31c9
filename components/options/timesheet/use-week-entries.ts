/**
 * The week's entries from the background (`entries.query`, which follows every page), with
 * loading, error and reload. While a reload for the same week and filters runs, the entries
 * already shown stay on screen; for another week or filter they are never shown as current.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Entry } from '@/lib/asana/schemas';
import { errorMessage, send } from '@/lib/messaging/client';

export interface WeekRequest {
  workspace: string;
  start: string;
  end: string;
  user: string;
  attributable_to?: string;
  portfolio?: string;
}

export type WeekEntries =
  | { status: 'idle' }
  | { status: 'loading'; entries: Entry[] | null }
  | { status: 'ready'; entries: Entry[]; refreshing: boolean }
  | { status: 'error'; code: string; message: string };

interface Loaded {
  key: string;
  entries: Entry[] | null;
  error: { code: string; message: string } | null;
  loading: boolean;
}

const keyOf = (r: WeekRequest | null) => (r ? JSON.stringify([r.workspace, r.start, r.end, r.user, r.attributable_to ?? '', r.portfolio ?? '']) : '');

/** Loads the entries for `request` (null: nothing to load yet); `reload()` asks again. */
export function useWeekEntries(request: WeekRequest | null): { state: WeekEntries; reload: () => void } {
  const key = keyOf(request);
  const [loaded, setLoaded] = useState<Loaded>({ key: '', entries: null, error: null, loading: false });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!request) return;
    let alive = true;
    setLoaded((prev) => ({ key, entries: prev.key === key ? prev.entries : null, error: null, loading: true }));
    send('entries.query', request)
      .then((entries) => alive && setLoaded({ key, entries, error: null, loading: false }))
      .catch((error: unknown) => {
        if (!alive) return;
        const code = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : 'internal';
        setLoaded({ key, entries: null, error: { code, message: errorMessage(error) }, loading: false });
      });
    return () => {
      alive = false;
    };
    // `key` stands for every field of `request`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  let state: WeekEntries;
  if (!request) state = { status: 'idle' };
  else if (loaded.key !== key) state = { status: 'loading', entries: null };
  else if (loaded.error) state = { status: 'error', ...loaded.error };
  else if (loaded.entries && loaded.loading) state = { status: 'ready', entries: loaded.entries, refreshing: true };
  else if (loaded.entries) state = { status: 'ready', entries: loaded.entries, refreshing: false };
  else state = { status: 'loading', entries: null };
  return { state, reload };
}
