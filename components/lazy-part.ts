/**
 * Parts of the widget that most task switches never show (the entry list, the notices of
 * waiting and refused changes) are not in the content script every Asana page carries (issue
 * 20): the background puts them into the content script's own world on first use
 * (`page.loadMore`, entrypoints/asana-more.ts), and they render with their own Preact into a
 * container the widget keeps. Props pass straight through (one JavaScript world).
 */
import { h, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { EntryListProps } from './entry-list';
import type { SyncNoticeProps } from './sync-notice';
import type { GaugeLines } from './budget-line';
import type { UndoNoticesProps } from './undo-notices';
import type { TimerRunningProps } from './timer-running';
import type { IdleQuestionProps } from './idle-question';

/** Where entrypoints/asana-more.ts leaves its parts, in the content script's world (never the page's). */
export const MORE_PARTS = 'asanaTimeLogMore';

export interface LazyParts {
  entryList: EntryListProps;
  syncNotice: SyncNoticeProps;
  gauges: Parameters<typeof GaugeLines>[0];
  undoNotices: UndoNoticesProps;
  timerRunning: TimerRunningProps;
  idleQuestion: IdleQuestionProps;
}
export type PartName = keyof LazyParts;
interface Loaded {
  mount<K extends PartName>(name: K, container: HTMLElement, props: LazyParts[K] | null): void;
}

const parts = (): Loaded | undefined => (globalThis as Record<string, unknown>)[MORE_PARTS] as Loaded | undefined;
let loading: Promise<unknown> | null = null;
/** Loads the parts once per page; a failed load is tried again the next time they are needed. */
const load = (): Promise<unknown> =>
  (loading ??= send('page.loadMore', {}).catch((error: unknown) => {
    loading = null;
    throw error;
  }));

/** Renders part `name` with `props`, once the parts are loaded (`fallback` until then). */
export function LazyPart<K extends PartName>(props: { name: K; props: LazyParts[K]; fallback?: ComponentChildren }) {
  const box = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(() => parts() !== undefined);
  // No wait without end (issue 14.8): a load that failed, or has not come in 10 s, says so, and
  // Retry asks the background again (forgetting a load still under way: it may never answer).
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (ready || late) return;
    const id = setTimeout(setLate, 10_000, true);
    void load().then(() => setReady(parts() !== undefined), () => setLate(true));
    return () => clearTimeout(id);
  }, [ready, late]);
  useLayoutEffect(() => {
    if (ready && box.current) parts()!.mount(props.name, box.current, props.props);
  });
  useEffect(() => {
    const el = box.current;
    return () => void (el && parts()?.mount(props.name, el, null));
  }, [props.name]);
  return h(
    'div',
    { ref: box },
    ready ? null : late ? h('p', { class: 'tl-note', role: 'status' }, t('partSlow'), ' ', h('button', { type: 'button', class: 'tl-btn tl-sm', onClick: () => setLate(!!(loading = null)) }, t('retry'))) : props.fallback,
  );
}
