/**
 * Preact hooks over extension storage. Views read what the background wrote and re-render when it
 * changes (storage.onChanged), so every open widget, popup and options page shows the same thing.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

const area = () => browser.storage.local;

/**
 * The value under a raw storage.local key, and `loaded` once it was read. Re-renders on change.
 * Pass null to read nothing.
 */
export function useStored<T>(key: string | null, fallback: T): { value: T; loaded: boolean } {
  const [state, setState] = useState<{ key: string | null; value: T; loaded: boolean }>({ key, value: fallback, loaded: false });
  useEffect(() => {
    let alive = true;
    setState({ key, value: fallback, loaded: key === null });
    if (key === null) return;
    void area()
      .get(key)
      .then((r) => alive && setState({ key, value: (r[key] as T | undefined) ?? fallback, loaded: true }))
      .catch(() => alive && setState({ key, value: fallback, loaded: true }));
    const onChange = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
      if (areaName !== 'local' || !(key in changes)) return;
      const next = changes[key]!.newValue as T | undefined;
      setState({ key, value: next ?? fallback, loaded: true });
    };
    browser.storage.onChanged.addListener(onChange);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChange);
    };
    // The fallback is a constant per call site; only the key matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // A key change renders once with the old state before the effect runs: never show another key's value.
  return state.key === key ? { value: state.value, loaded: state.loaded } : { value: fallback, loaded: false };
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
