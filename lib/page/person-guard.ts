/**
 * Only a person drives the widget (issue 13). Asana's page (and any other extension's content
 * script) shares the widget's DOM, so it can dispatch events at it, call `click()` on its buttons
 * or `requestSubmit()` on its forms, or put it under a transparent layer and let the person click
 * it unawares. Every such event stops at the widget's shadow root, in the capture phase, before
 * any of the widget's handlers:
 * - events the browser did not make from a person's input (`isTrusted` false);
 * - a form submitted without a person's click or key in the widget just before (a page's
 *   `requestSubmit()` is a trusted event of its own);
 * - a pointer event where the widget is not visibly there: faded (opacity below
 *   {@link MIN_OPACITY} up its ancestors, or hidden), or covered or clipped at the pointer.
 * (Chromium's IntersectionObserver v2 could also see filters and transforms, but it calls an
 * element hidden under any transform or opacity below 1 anywhere above it, which Asana's own
 * styles may well have: the widget would stop working on the real page.)
 */

/** Events through which the widget acts or takes input. */
const GUARDED = ['click', 'dblclick', 'auxclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'change', 'paste', 'drop', 'submit'] as const;
/** Below this opacity (all ancestors' multiplied) the widget does not count as visible. */
export const MIN_OPACITY = 0.5;
/** A submit counts as the person's when their click or key in the widget came this recently (it is the same task in practice). */
const SUBMIT_AFTER_INPUT_MS = 300;

/**
 * The opacity the element is drawn with: its own and every ancestor's (across shadow boundaries),
 * `opacity` and `filter: opacity(…)` alike.
 */
export function drawnOpacity(el: Element): number {
  let opacity = 1;
  for (let at: Element | null = el; at; at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host ?? null)) {
    const style = getComputedStyle(at);
    opacity *= Number(style.opacity || 1);
    for (const m of style.filter.matchAll(/opacity\(([\d.]+)(%?)\)/g)) opacity *= Number(m[1]) / (m[2] ? 100 : 1);
  }
  return opacity;
}

/**
 * True when a pointer event at (x, y) hits `target` where the person can see it: the document's
 * topmost element there is our host, the shadow root's topmost there is the target (or inside it).
 * A click from the keyboard (no pointer position) is checked for visibility only.
 */
export function visiblyHit(root: ShadowRoot, target: Element, event: MouseEvent): boolean {
  if (drawnOpacity(target) < MIN_OPACITY || getComputedStyle(target).visibility !== 'visible') return false;
  const fromKeyboard = event.detail === 0 && event.clientX === 0 && event.clientY === 0;
  if (fromKeyboard) return true;
  const doc = root.host.ownerDocument;
  if (doc.elementFromPoint(event.clientX, event.clientY) !== root.host) return false;
  const hit = root.elementFromPoint(event.clientX, event.clientY);
  return hit !== null && (hit === target || target.contains(hit) || hit.contains(target));
}

/** Installs the guard on the widget's shadow root. */
export function guardRoot(root: ShadowRoot): void {
  let lastInput = Number.NEGATIVE_INFINITY;
  const refuse = (event: Event) => {
    event.stopImmediatePropagation();
    event.preventDefault();
  };
  for (const type of GUARDED) {
    root.addEventListener(
      type,
      (event) => {
        if (!event.isTrusted) return refuse(event);
        if (type === 'submit') return void (performance.now() - lastInput > SUBMIT_AFTER_INPUT_MS && refuse(event));
        if (event instanceof MouseEvent && !visiblyHit(root, event.target as Element, event)) return refuse(event);
        if (type === 'click' || type === 'keydown') lastInput = performance.now();
      },
      true,
    );
  }
}
