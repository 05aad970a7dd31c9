/**
 * Preact hooks over extension storage. Views read what the background wrote and re-render when it
 * changes (one storage.onChanged listener per page), so every open widget, popup and options page
 * shows the same thing.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { today } from '@/lib/dates';

const area = () => browser.storage.local;

/**
 * What this page last read or heard of each storage key, kept current by one onChanged listener.
 * A view mounted for a key already here renders its value in its very first render (a revisited
 * task shows its figures at once, with no storage round trip). Task caches can be large: only the
 * few most recent stay.
 */
const mirror = new Map<string, unknown>();
/** Task caches kept: the most recent ones, up to this many tasks and this many entries in all. */
const MAX_MIRRORED_TASKS = 50;
const MAX_MIRRORED_ENTRIES = 5_000;
let mirroring = false;

const entryCount = (value: unknown) => ((value as { entries?: unknown[] } | undefined)?.entries?.length ?? 0);

function remember(key: string, value: unknown): void {
  mirror.delete(key); // re-insert: Map order is our recency order
  mirror.set(key, value);
  if (!key.startsWith('task:')) return;
  const tasks = [...mirror.keys()].filter((k) => k.startsWith('task:')).reverse(); // newest first
  let entries = 0;
  tasks.forEach((k, i) => {
    entries += entryCount(mirror.get(k));
    // Always keep the newest, even if it alone is over the entry budget.
    if (i > 0 && (i >= MAX_MIRRORED_TASKS || entries > MAX_MIRRORED_ENTRIES)) mirror.delete(k);
  });
}

/** Keys being read: a change that lands while the read is under way wins over what the read returns. */
const reading = new Set<string>();

/** Views listening to a key: one storage listener per page feeds them all. */
const subscribers = new Map<string, Set<(value: unknown) => void>>();

function startMirroring(): void {
  if (mirroring) return;
  mirroring = true;
  browser.storage.onChanged.addListener((changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName !== 'local') return;
    for (const key of Object.keys(changes)) {
      const value = changes[key]!.newValue;
      if (mirror.has(key) || reading.has(key)) remember(key, value);
      for (const notify of subscribers.get(key) ?? []) notify(value);
    }
  });
}

function subscribe(key: string, notify: (value: unknown) => void): () => void {
  let set = subscribers.get(key);
  if (!set) subscribers.set(key, (set = new Set()));
  set.add(notify);
  return () => {
    set.delete(notify);
    if (set.size === 0) subscribers.delete(key);
  };
}

/** What this page already holds for a key (undefined when it has not read it). */
export const mirrored = (key: string): unknown => mirror.get(key);

/** Reads keys into the mirror (those not there yet), so views mounted next render them at once. */
export async function preloadStored(keys: string[]): Promise<void> {
  startMirroring();
  const missing = keys.filter((k) => !mirror.has(k));
  for (const k of keys) if (mirror.has(k)) remember(k, mirror.get(k));
  if (missing.length === 0) return;
  for (const k of missing) reading.add(k);
  try {
    const found = await area().get(missing);
    for (const k of missing) if (!mirror.has(k)) remember(k, found[k]);
  } finally {
    for (const k of missing) reading.delete(k);
  }
}

type Stored<T> = { key: string | null; value: T; loaded: boolean };
const fromMirror = <T,>(key: string | null, fallback: T): Stored<T> =>
  key !== null && mirror.has(key) ? { key, value: (mirror.get(key) as T | undefined) ?? fallback, loaded: true } : { key, value: fallback, loaded: key === null };

/**
 * The value under a raw storage.local key, and `loaded` once it was read. Re-renders on change.
 * Pass null to read nothing.
 */
export function useStored<T>(key: string | null, fallback: T): { value: T; loaded: boolean } {
  const [state, setState] = useState<Stored<T>>(() => fromMirror(key, fallback));
  useEffect(() => {
    let alive = true;
    startMirroring();
    setState(fromMirror(key, fallback));
    if (key === null) return;
    // A change heard while the first read is under way is newer than what the read returns.
    let changed = false;
    const unsubscribe = subscribe(key, (value) => {
      changed = true;
      setState({ key, value: (value as T | undefined) ?? fallback, loaded: true });
    });
    if (!mirror.has(key)) {
      reading.add(key);
      void area()
        .get(key)
        .then((r) => {
          if (!mirror.has(key)) remember(key, r[key]);
          if (alive && !changed) setState({ key, value: (mirror.get(key) as T | undefined) ?? fallback, loaded: true });
        })
        .catch(() => alive && !changed && setState({ key, value: fallback, loaded: true }))
        .finally(() => reading.delete(key));
    }
    return () => {
      alive = false;
      unsubscribe();
    };
    // The fallback is a constant per call site; only the key matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // A key change renders once with the old state before the effect runs: never show another key's value.
  if (state.key === key) return { value: state.value, loaded: state.loaded };
  const now = fromMirror(key, fallback);
  return { value: now.value, loaded: now.loaded };
}

/** The current time, updated every `ms` while `active`. */
export function useNow(ms: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms, active]);
  return now;
}

/** Milliseconds from `now` to the next local midnight (DST-safe: the next day's 00:00 as the zone has it). */
function msToNextMidnight(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 0, 0);
  return Math.max(0, next.getTime() - now.getTime());
}

/**
 * Today's local date (YYYY-MM-DD), re-rendering the view at local midnight, so that "Today",
 * "Yesterday", a form's default date and "this week" follow the user's calendar in a view left
 * open overnight. (A timer to midnight, not polling; a throttled background tab catches up when
 * the timer fires, and when it becomes visible.)
 */
export function useToday(): string {
  const [day, setDay] = useState(() => today());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      setDay(today());
      clearTimeout(timer);
      // A little after midnight: timers can fire a few ms early.
      timer = setTimeout(check, msToNextMidnight(new Date()) + 50);
    };
    check();
    const onVisible = () => document.visibilityState === 'visible' && setDay(today());
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return day;
}
