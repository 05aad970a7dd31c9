/**
 * Preact hooks over extension storage. Views read what the background wrote (the items of
 * lib/storage/items.ts, through `useItem`) and re-render when it changes (one storage.onChanged
 * listener per page), so every open widget, popup and options page shows the same thing.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { today } from '@/lib/dates';
import { checkShape, type StoredKey } from '@/lib/storage/keys';

/**
 * What views read: an item with its schema (lib/storage/items.ts, in the extension's pages), or
 * only where it lives (lib/storage/keys.ts, in the content script, which checks the shape).
 */
type Readable<T> = StoredKey<T> & { check?: (raw: unknown) => { value: T } };

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

/** A task cache (`u:<user>:task:<gid>`): the large items, of which only the recent stay mirrored. */
const isTaskCacheKey = (key: string) => /:task:\d+$/.test(key);
/** The entries a task summary holds in storage (its newest ones, `head`; lib/task-summary.ts). */
const entryCount = (value: unknown) => ((value as { head?: unknown[] } | undefined)?.head?.length ?? 0);

function remember(key: string, value: unknown): void {
  mirror.delete(key); // re-insert: Map order is our recency order
  mirror.set(key, value);
  if (!isTaskCacheKey(key)) return;
  const tasks = [...mirror.keys()].filter(isTaskCacheKey).reverse(); // newest first
  let entries = 0;
  tasks.forEach((k, i) => {
    entries += entryCount(mirror.get(k));
    // Always keep the newest, even if it alone is over the entry budget.
    if (i > 0 && (i >= MAX_MIRRORED_TASKS || entries > MAX_MIRRORED_ENTRIES)) {
      mirror.delete(k);
      checkedCache.delete(k);
    }
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
      if (mirror.has(key) || reading.has(key) || subscribers.has(key)) remember(key, value);
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

/** Each key's last raw value and what it validated to, so that a render never validates twice. */
const checkedCache = new Map<string, { raw: unknown; value: unknown }>();

/** The item's value from what this page holds, validated (the fallback when absent or unreadable). */
function valueOf<T>(def: Readable<T>): T {
  const raw = mirror.get(def.raw);
  const hit = checkedCache.get(def.raw);
  if (hit && hit.raw === raw) return hit.value as T;
  // Unreadable data is shown as the fallback here; the background keeps the original aside.
  const value = def.check ? def.check(raw).value : checkShape(def, raw);
  checkedCache.set(def.raw, { raw, value });
  return value;
}

/** True when this page has read the item (or heard of it) already. */
export const isMirrored = (def: Readable<unknown>): boolean => mirror.has(def.raw);

/** The item's value if this page holds it (undefined when it has not read it). */
export function mirroredItem<T>(def: Readable<T>): T | undefined {
  return mirror.has(def.raw) ? valueOf(def) : undefined;
}

/** Reads items into the page's mirror (those not there yet), so views mounted next render them at once. */
export async function preloadItems(defs: Array<Readable<any>>): Promise<void> {
  startMirroring();
  const keys = defs.map((d) => d.raw);
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
const fromMirror = <T,>(def: Readable<T> | null): Stored<T | null> =>
  def === null ? { key: null, value: null, loaded: true } : mirror.has(def.raw) ? { key: def.raw, value: valueOf(def), loaded: true } : { key: def.raw, value: def.fallback, loaded: false };

/**
 * The one way views read storage: an item's value (validated against its schema; its fallback
 * when absent or unreadable), and `loaded` once it was read. Re-renders when it changes. Pass
 * null to read nothing. Views never write storage: they ask the background.
 */
export function useItem<T>(def: Readable<T>): { value: T; loaded: boolean };
export function useItem<T>(def: Readable<T> | null): { value: T | null; loaded: boolean };
export function useItem<T>(def: Readable<T> | null): { value: T | null; loaded: boolean } {
  const key = def?.raw ?? null;
  const [state, setState] = useState<Stored<T | null>>(() => fromMirror(def));
  useEffect(() => {
    let alive = true;
    startMirroring();
    setState(fromMirror(def));
    if (def === null) return;
    const k = def.raw;
    // A change heard while the first read is under way is newer than what the read returns.
    let changed = false;
    const unsubscribe = subscribe(k, () => {
      changed = true;
      setState({ key: k, value: valueOf(def), loaded: true });
    });
    if (!mirror.has(k)) {
      reading.add(k);
      void area()
        .get(k)
        .then((r) => {
          if (!mirror.has(k)) remember(k, r[k]);
          if (alive && !changed) setState({ key: k, value: valueOf(def), loaded: true });
        })
        .catch(() => alive && !changed && setState({ key: k, value: def.fallback, loaded: true }))
        .finally(() => reading.delete(k));
    }
    return () => {
      alive = false;
      unsubscribe();
    };
    // The definition is fixed per key; only the key matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // A key change renders once with the old state before the effect runs: never show another key's value.
  if (state.key === key) return { value: state.value, loaded: state.loaded };
  const now = fromMirror(def);
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
