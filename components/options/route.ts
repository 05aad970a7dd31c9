/**
 * The options page's route lives in the URL hash (`#timesheet?week=2026-11-16&project=123`), so
 * any view, with its filters, can be bookmarked and shared.
 */
import { useEffect, useState } from 'preact/hooks';

export const TABS = ['account', 'preferences', 'categories', 'timesheet', 'self-check', 'privacy'] as const;
export type Tab = (typeof TABS)[number];

export interface Route {
  tab: Tab;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [name = '', query = ''] = raw.split('?', 2);
  const tab = (TABS as readonly string[]).includes(name) ? (name as Tab) : 'account';
  return { tab, params: new URLSearchParams(query) };
}

export function routeHash(tab: Tab, params?: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) q.set(k, v);
  const s = q.toString();
  return `#${tab}${s ? `?${s}` : ''}`;
}

/** The current route, updated on hashchange. */
export function useRoute(): [Route, (hash: string, replace?: boolean) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  const go = (hash: string, replace = false) => {
    if (replace) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
    setRoute(parseRoute(hash));
  };
  return [route, go];
}
