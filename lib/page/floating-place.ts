/**
 * Where the floating widget goes: as close as possible to where the person put it, inside the
 * window, and off what it must leave clear (Asana's comment box and its toolbar). Pure:
 * rectangles in, a place out.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}
type Size = { width: number; height: number };

/** The floating widget's place, as distances from the window's right and bottom edges (it grows up and left). */
export interface FloatingPlace {
  right: number;
  bottom: number;
}

export const DEFAULT_PLACE: FloatingPlace = { right: 16, bottom: 16 };
/** Kept between the widget and the window's edges, and what it must leave clear. */
const GAP = 8;

/** `place` moved so that a widget of `size` lies inside a `view`-sized window. */
export function clampPlace(place: FloatingPlace, size: Size, view: Size): FloatingPlace {
  const clamp = (v: number, max: number) => Math.round(Math.max(GAP, Math.min(v, max)));
  return { right: clamp(place.right, view.width - size.width - GAP), bottom: clamp(place.bottom, view.height - size.height - GAP) };
}

/**
 * The place near `wanted` (inside the window) where a widget of `size` covers none of
 * `keepClear`: beside the first rectangle it covers (above, below, left or right of it, the
 * nearest that is free of them all). If there is none, the wanted place, inside the window.
 */
export function avoidPlace(wanted: FloatingPlace, size: Size, view: Size, keepClear: Rect[]): FloatingPlace {
  const covers = (p: FloatingPlace, r: Rect) => {
    const left = view.width - p.right - size.width;
    const top = view.height - p.bottom - size.height;
    return r.width > 0 && r.height > 0 && left < r.left + r.width && r.left < left + size.width && top < r.top + r.height && r.top < top + size.height;
  };
  const free = (p: FloatingPlace) => !keepClear.some((r) => covers(p, r));
  const start = clampPlace(wanted, size, view);
  const hit = keepClear.find((r) => covers(start, r));
  if (!hit) return start;
  const distance = (p: FloatingPlace) => Math.abs(p.right - start.right) + Math.abs(p.bottom - start.bottom);
  const sides = [
    { right: start.right, bottom: view.height - hit.top + GAP }, // above
    { right: start.right, bottom: view.height - hit.top - hit.height - size.height - GAP }, // below
    { right: view.width - hit.left + GAP, bottom: start.bottom }, // left
    { right: view.width - hit.left - hit.width - size.width - GAP, bottom: start.bottom }, // right
  ]
    .map((p) => clampPlace(p, size, view))
    .filter(free)
    .sort((a, b) => distance(a) - distance(b));
  return sides[0] ?? start;
}
