/**
 * The content script's own lifetime on Asana's page, with nothing the page can forge.
 *
 * WXT's content-script context ends a script when it sees a "script started" event, which it both
 * posts to the page (naming our extension id) and accepts from the page's world as a CustomEvent
 * on `document`: the page could switch the widget off (issue 13). We do not use it. A script is
 * over when its extension is gone: after an update or a removal, `runtime.id` is undefined in the
 * old script, which only the browser can make so.
 *
 * URL changes come from the Navigation API's `navigate` event where the browser has it (it fires
 * in our world for the page's own `history.pushState`), else from `popstate` and a cheap check of
 * `location.href` every {@link POLL_MS} (Firefox ESR has no Navigation API, and a pushState in the
 * page's world cannot be seen from ours any other way).
 */

export const POLL_MS = 250;

interface NavigationLike {
  addEventListener(type: 'navigate', listener: (event: { destination: { url: string } }) => void, options?: { signal?: AbortSignal }): void;
}

/** True while our extension is still installed and enabled for this script. */
export const extensionAlive = (): boolean => {
  const api = (globalThis as { browser?: { runtime?: { id?: string } }; chrome?: { runtime?: { id?: string } } });
  return Boolean(api.browser?.runtime?.id ?? api.chrome?.runtime?.id);
};

/**
 * Calls `onChange(href)` for each new URL of the page (not for the current one). Returns a stop
 * function. `signal` stops it too.
 */
export function watchLocation(onChange: (href: string) => void, signal: AbortSignal, win: Window & typeof globalThis = window): void {
  let last = win.location.href;
  const changed = (href: string) => {
    if (href === last || signal.aborted) return;
    last = href;
    onChange(href);
  };
  const navigation = (win as unknown as { navigation?: NavigationLike }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener('navigate', (event) => changed(new URL(event.destination.url, win.location.href).href), { signal });
    return;
  }
  win.addEventListener('popstate', () => changed(win.location.href), { signal });
  const timer = win.setInterval(() => changed(win.location.href), POLL_MS);
  signal.addEventListener('abort', () => win.clearInterval(timer));
}
