/**
 * The frame of the widget when it cannot sit in Asana's task pane: fixed in the window, moved
 * by dragging its grip (or with the arrow keys on it), collapsible to a small pill that shows
 * the running timer or the task's total. Its place and state are remembered for every tab, and
 * it is kept off Asana's comment box and toolbar (lib/page/floating-place.ts).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatElapsed } from '@/lib/duration';
import { KEEP_CLEAR } from '@/lib/page/asana-selectors';
import { DEFAULT_PLACE, avoidPlace, clampPlace, type FloatingPlace, type Rect } from '@/lib/page/floating-place';
import { loadFloatingPrefs, saveFloatingPrefs, type FloatingPrefs } from '@/lib/ui-prefs';
import { useNow } from '../hooks';

/** Read once per page; every floating shell of the page starts from it. */
let remembered: FloatingPrefs | undefined;

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

  useEffect(() => {
    if (prefs) return;
    void loadFloatingPrefs()
      .catch(() => null)
      .then((p) => setPrefs((remembered ??= p ?? { ...DEFAULT_PLACE, collapsed: false })));
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
    const next = { ...(remembered ?? { ...DEFAULT_PLACE, collapsed: false }), right: at.current.right, bottom: at.current.bottom, ...patch };
    remembered = next;
    setPrefs(next);
    void saveFloatingPrefs(next).catch(() => undefined);
  };

  // Placed before the first paint, again whenever its size or the window changes.
  useLayoutEffect(() => {
    if (!prefs || !box.current) return;
    settle(prefs);
    const again = () => box.current && settle({ right: remembered?.right ?? at.current.right, bottom: remembered?.bottom ?? at.current.bottom });
    const observer = new ResizeObserver(again);
    observer.observe(box.current);
    window.addEventListener('resize', again);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', again);
    };
  }, [prefs?.collapsed, prefs === undefined]);

  function drag(down: PointerEvent) {
    if (down.button !== 0) return;
    const grip = down.currentTarget as HTMLElement;
    grip.setPointerCapture(down.pointerId);
    const start = { x: down.clientX, y: down.clientY, ...at.current };
    const move = (e: PointerEvent) =>
      apply(clampPlace({ right: start.right - (e.clientX - start.x), bottom: start.bottom - (e.clientY - start.y) }, size(), view()));
    const up = () => {
      grip.removeEventListener('pointermove', move);
      grip.removeEventListener('pointerup', up);
      grip.removeEventListener('pointercancel', up);
      settle(at.current);
      remember({});
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up);
    grip.addEventListener('pointercancel', up);
    down.preventDefault();
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
  const pill = running ? formatElapsed(Math.max(0, Math.floor((now - props.timerStartedAt!) / 1000))) : props.total;
  return (
    <div ref={box} class={`tl-root tl-float tl-${props.theme}${collapsed ? ' tl-collapsed' : ''}`} style={{ visibility: prefs ? 'visible' : 'hidden' }}>
      {collapsed ? (
        <button type="button" class="tl-btn tl-pill" aria-expanded="false" aria-label={`Time tracking: ${running ? `timer running, ${pill}` : `${pill} in all`}. Open`} onClick={() => remember({ collapsed: false })}>
          {running ? <span class="tl-dot" aria-hidden="true" /> : <span aria-hidden="true">⏱ </span>}
          <span role={running ? 'timer' : undefined}>{pill}</span>
        </button>
      ) : (
        <>
          <div class="tl-bar">
            <button type="button" class="tl-plain tl-grip" aria-label="Move the time tracking panel (or use the arrow keys)" onPointerDown={drag} onKeyDown={nudge}>
              ⠿
            </button>
            <button type="button" class="tl-plain" aria-expanded="true" aria-label="Collapse time tracking to a small button" onClick={() => remember({ collapsed: true })}>
              –
            </button>
          </div>
          {props.children}
        </>
      )}
    </div>
  );
}
