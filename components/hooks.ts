/**
 * Preact hooks over extension storage. Views read what the background wrote and re-render when it
 * changes (storage.onChanged), so every open widget, popup and options page shows the same thing.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

const area = () => browser.storage.local;

/**
 * What this page last read or heard of each storage key, kept current by one onChanged listener.
 * A view mounted for a key already here renders its value in its very first render (a revisited
 * task shows its figures at once, with no storage round trip). Task caches can be large: only the
 * few most recent stay.
 */
const mirror = new Map<string, unknown>();
const MAX_MIRRORED_TASKS = 4;
let mirroring = false;

function remember(key: string, value: unknown): void {
  mirror.delete(key); // re-insert: Map order is our recency order
  mirror.set(key, value);
  if (!key.startsWith('task:')) return;
  const tasks = [...mirror.keys()].filter((k) => k.startsWith('task:'));
  for (const old of tasks.slice(0, Math.max(0, tasks.length - MAX_MIRRORED_TASKS))) mirror.delete(old);
}

function startMirroring(): void {
  if (mirroring) return;
  mirroring = true;
  browser.storage.onChanged.addListener((changes: Record<string, { newValue?: unknown }>, areaName: string) => {
    if (areaName !== 'local') return;
    for (const key of Object.keys(changes)) if (mirror.has(key)) mirror.set(key, changes[key]!.newValue);
  });
}

/** Reads keys into the mirror (those not there yet), so views mounted next render them at once. */
export async function preloadStored(keys: string[]): Promise<void> {
  startMirroring();
  const missing = keys.filter((k) => !mirror.has(k));
  if (missing.length === 0) {
    for (const k of keys) remember(k, mirror.get(k));
    return;
  }
  const found = await area().get(missing);
  for (const k of missing) if (!mirror.has(k)) remember(k, found[k]);
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
    const onChange = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
      if (areaName !== 'local' || !(key in changes)) return;
      setState({ key, value: (changes[key]!.newValue as T | undefined) ?? fallback, loaded: true });
    };
    browser.storage.onChanged.addListener(onChange);
    if (!mirror.has(key)) {
      void area()
        .get(key)
        .then((r) => {
          remember(key, r[key]);
          if (alive) setState({ key, value: (r[key] as T | undefined) ?? fallback, loaded: true });
        })
        .catch(() => alive && setState({ key, value: fallback, loaded: true }));
    }
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChange);
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
