/**
 * The frame of the widget when it cannot sit in Asana's task pane: fixed in the window, moved
 * by dragging its grip (or with the arrow keys on it), collapsible to a small pill that shows
 * the running timer or the task's total. Its place and state are remembered for every tab, and
 * it is kept off Asana's comment box and toolbar (lib/page/floating-place.ts).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatElapsed } from '@/lib/clock';
import { t } from '@/lib/i18n';
import { KEEP_CLEAR } from '@/lib/page/asana-selectors';
import { DEFAULT_PLACE, avoidPlace, clampPlace, type FloatingPlace, type Rect } from '@/lib/page/floating-place';
import { send } from '@/lib/messaging/client';
import { floatingKey } from '@/lib/storage/keys';
import type { FloatingPrefs } from '@/lib/storage/schemas';
import { preloadItems, mirroredItem, useNow } from '../hooks';

/** Read once per page; every floating shell of the page starts from it. */
let remembered: FloatingPrefs | undefined;

/** The remembered place (the background keeps it; every Asana tab uses it the next time it floats). */
async function loadFloatingPrefs(): Promise<FloatingPrefs | null> {
  await preloadItems([floatingKey]);
  return mirroredItem(floatingKey) ?? null;
}

export interface FloatingShellProps {
  theme: 'light' | 'dark';
  /** The task's total ("3 h 20 min"): what the pill shows unless the task's timer runs. */
  total: string;
  /** When this task's timer was started (epoch ms), or null: the pill then shows it running. */
  timerStartedAt: number | null;
  children: ComponentChildren;
}

const STEP = 16;

function keepClearRects(): Rect[] {
  return [...document.querySelectorAll(KEEP_CLEAR)].map((el) => el.getBoundingClientRect());
}

export function FloatingShell(props: FloatingShellProps) {
  const [prefs, setPrefs] = useState<FloatingPrefs | undefined>(remembered);
  const box = useRef<HTMLDivElement>(null);
  /** Where it is now (moves during a drag without re-rendering). */
  const at = useRef<FloatingPlace>(prefs ?? DEFAULT_PLACE);
  /** Where a drag started: the pointer, and the place. */
  const dragging = useRef<{ x: number; y: number; right: number; bottom: number } | null>(null);

  useEffect(() => {
    if (prefs) return;
    void loadFloatingPrefs()
      .catch(() => null)
      .then((p: FloatingPrefs | null) => setPrefs((remembered ??= p ?? { ...DEFAULT_PLACE, collapsed: false })));
  }, []);

  const view = () => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight });
  const size = () => box.current!.getBoundingClientRect();
  const apply = (p: FloatingPlace) => {
    at.current = p;
    box.current!.style.right = `${p.right}px`;
    box.current!.style.bottom = `${p.bottom}px`;
  };
  /** Nearest free place to where the person wants it. */
  const settle = (wanted: FloatingPlace) => apply(avoidPlace(wanted, size(), view(), keepClearRects()));
  const remember = (patch: Partial<FloatingPrefs>) => {
    const next: FloatingPrefs = { collapsed: false, ...remembered, ...at.current, ...patch };
    remembered = next;
    setPrefs(next);
    void send('ui.setFloating', { right: next.right, bottom: next.bottom, collapsed: next.collapsed }).catch(() => undefined);
  };

  // Placed before the first paint, again whenever its size or the window's changes (back
  // towards where the person put it, if that is free again).
  useLayoutEffect(() => {
    if (!prefs || !box.current) return;
    const observer = new ResizeObserver(() => box.current && settle(remembered ?? at.current));
    observer.observe(box.current);
    observer.observe(document.documentElement);
    settle(prefs);
    return () => observer.disconnect();
  }, [prefs?.collapsed, prefs === undefined]);

  function grab(e: PointerEvent) {
    if (e.button) return;
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    dragging.current = { x: e.clientX, y: e.clientY, ...at.current };
    e.preventDefault();
  }
  function drag(e: PointerEvent) {
    const start = dragging.current;
    if (start) apply(clampPlace({ right: start.right - (e.clientX - start.x), bottom: start.bottom - (e.clientY - start.y) }, size(), view()));
  }
  function drop() {
    if (!dragging.current) return;
    dragging.current = null;
    settle(at.current);
    remember({});
  }

  function nudge(e: KeyboardEvent) {
    const step = e.shiftKey ? STEP * 4 : STEP;
    const delta: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const d = delta[e.key];
    if (!d) return;
    e.preventDefault();
    settle({ right: at.current.right + d[0], bottom: at.current.bottom + d[1] });
    remember({});
  }

  const collapsed = prefs?.collapsed ?? false;
  const running = props.timerStartedAt !== null;
  const now = useNow(1000, collapsed && running);
  const pill = running ? formatElapsed((now - props.timerStartedAt!) / 1000) : props.total;
  return (
    <div ref={box} class={`tl-root tl-float tl-${props.theme}${collapsed ? ' tl-collapsed' : ''}`} style={{ visibility: prefs ? 'visible' : 'hidden' }}>
      {collapsed ? (
        <button type="button" class="tl-btn tl-pill" aria-expanded="false" aria-label={t(running ? 'pillRunning' : 'pillTotal', pill)} onClick={() => remember({ collapsed: false })}>
          {running ? <span class="tl-dot" aria-hidden="true" /> : <span aria-hidden="true">⏱ </span>}
          <span role={running ? 'timer' : undefined}>{pill}</span>
        </button>
      ) : (
        <>
          <div class="tl-bar">
            <button type="button" class="tl-plain tl-grip" aria-label={t('moveWidget')} onPointerDown={grab} onPointerMove={drag} onPointerUp={drop} onPointerCancel={drop} onKeyDown={nudge}>
              ⠿
            </button>
            <button type="button" class="tl-plain" aria-expanded="true" aria-label={t('collapseWidget')} onClick={() => remember({ collapsed: true })}>
              –
            </button>
          </div>
          {props.children}
        </>
      )}
    </div>
  );
}
