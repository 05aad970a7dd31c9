/**
 * The rest of the widget: its entry list, its notices of waiting and refused changes, and the
 * lines of a budget or an estimate, put into the content script's world by the background when a
 * widget first needs them (components/lazy-part.ts), with their styles (components/styles-more.css).
 * Not declared in the manifest, and not web-accessible: the page can neither load nor probe it.
 */
import { h, render } from 'preact';
import css from '@/components/styles-more.css?inline';
import { GaugeLines } from '@/components/budget-line';
import { EntryList } from '@/components/entry-list';
import { MORE_PARTS } from '@/components/lazy-part';
import { SyncNotice } from '@/components/sync-notice';
import { UndoNotices } from '@/components/undo-notices';
import { TimerRunning } from '@/components/timer-running';
import { IdleQuestion } from '@/components/idle-question';

const PARTS = { entryList: EntryList, syncNotice: SyncNotice, gauges: GaugeLines, undoNotices: UndoNotices, timerRunning: TimerRunning, idleQuestion: IdleQuestion } as const;

export default defineUnlistedScript(() => {
  const store = globalThis as Record<string, unknown>;
  if (store[MORE_PARTS]) return; // already put here (a second load of the same frame)
  store[MORE_PARTS] = {
    mount(name: keyof typeof PARTS, container: HTMLElement, props: object | null) {
      // These parts' styles join the widget's in its shadow root, once per root.
      const root = container.getRootNode() as ShadowRoot | Document;
      if (root !== document && !root.querySelector('style[data-more]')) {
        const style = document.createElement('style');
        style.dataset.more = '';
        style.textContent = css;
        (root as ShadowRoot).append(style);
      }
      render(props ? h(PARTS[name] as never, props) : null, container);
    },
  };
});
