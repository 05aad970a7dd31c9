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
 * `keepClear`: moved, rectangle by rectangle, to the nearest side of it that is free.
 * If no side is free, the wanted place, inside the window.
 */
export function avoidPlace(wanted: FloatingPlace, size: Size, view: Size, keepClear: Rect[]): FloatingPlace {
  const start = clampPlace(wanted, size, view);
  const covers = (p: FloatingPlace, r: Rect) => {
    const left = view.width - p.right - size.width;
    const top = view.height - p.bottom - size.height;
    return r.width > 0 && r.height > 0 && left < r.left + r.width && r.left < left + size.width && top < r.top + r.height && r.top < top + size.height;
  };
  let p = start;
  for (let round = 0; round < 4; round++) {
    const hit = keepClear.find((r) => covers(p, r));
    if (!hit) return p;
    const sides = [
      { right: p.right, bottom: view.height - hit.top + GAP }, // above
      { right: p.right, bottom: view.height - hit.top - hit.height - size.height - GAP }, // below
      { right: view.width - hit.left + GAP, bottom: p.bottom }, // left
      { right: view.width - hit.left - hit.width - size.width - GAP, bottom: p.bottom }, // right
    ].filter((s) => clampPlace(s, size, view).right === Math.round(s.right) && clampPlace(s, size, view).bottom === Math.round(s.bottom));
    const distance = (s: FloatingPlace) => Math.abs(s.right - p.right) + Math.abs(s.bottom - p.bottom);
    sides.sort((a, b) => distance(a) - distance(b));
    // Best a side that is free of everything, else one free of this rectangle (the next round moves on).
    const next = sides.find((s) => !keepClear.some((r) => covers(s, r))) ?? sides.find((s) => !covers(s, hit));
    if (!next) return start;
    p = clampPlace(next, size, view);
  }
  return keepClear.some((r) => covers(p, r)) ? start : p;
}
