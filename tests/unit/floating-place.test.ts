/**
 * Where the floating widget goes (lib/page/floating-place.ts): inside the window, off Asana's
 * comment box and toolbar, as near as possible to where the person put it.
 */
import { describe, expect, it } from 'vitest';
import { avoidPlace, clampPlace, type FloatingPlace, type Rect } from '@/lib/page/floating-place';

const view = { width: 1280, height: 900 };
const size = { width: 420, height: 300 };
/** A docked pane's parts: the toolbar at the top, the comment box at the bottom, 560 px wide on the right. */
const toolbar: Rect = { left: 720, top: 48, width: 560, height: 50 };
const composer: Rect = { left: 720, top: 815, width: 560, height: 85 };

const rectOf = (p: FloatingPlace): Rect => ({ left: view.width - p.right - size.width, top: view.height - p.bottom - size.height, ...size });
const overlaps = (a: Rect, b: Rect) => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
const inside = (r: Rect) => r.left >= 0 && r.top >= 0 && r.left + r.width <= view.width && r.top + r.height <= view.height;

describe('clampPlace', () => {
  it('keeps the widget inside the window', () => {
    expect(clampPlace({ right: -50, bottom: 5000 }, size, view)).toEqual({ right: 8, bottom: 592 });
    expect(clampPlace({ right: 100, bottom: 100 }, size, view)).toEqual({ right: 100, bottom: 100 });
  });
});

describe('avoidPlace', () => {
  it('leaves a free place alone', () => {
    expect(avoidPlace({ right: 900, bottom: 16 }, { width: 300, height: 200 }, view, [toolbar, composer])).toEqual({ right: 900, bottom: 16 });
  });

  it('moves the default corner off the comment box, to its nearest free side', () => {
    const p = avoidPlace({ right: 16, bottom: 16 }, size, view, [toolbar, composer]);
    expect(overlaps(rectOf(p), composer)).toBe(false);
    expect(overlaps(rectOf(p), toolbar)).toBe(false);
    expect(inside(rectOf(p))).toBe(true);
    // Above the comment box is nearer than left of the pane.
    expect(p).toEqual({ right: 16, bottom: 900 - 815 + 8 });
  });

  it('moves a widget dropped on the toolbar below it, never over the comment box', () => {
    const p = avoidPlace({ right: 40, bottom: 560 }, size, view, [toolbar, composer]);
    expect(overlaps(rectOf(p), toolbar) || overlaps(rectOf(p), composer)).toBe(false);
    expect(rectOf(p).top).toBe(98 + 8);
  });

  it('a widget too tall for the space between goes beside the pane', () => {
    const tall = { width: 420, height: 760 };
    const p = avoidPlace({ right: 16, bottom: 16 }, tall, view, [toolbar, composer]);
    const r = { left: view.width - p.right - tall.width, top: view.height - p.bottom - tall.height, ...tall };
    expect(overlaps(r, toolbar) || overlaps(r, composer)).toBe(false);
    expect(r.left + r.width).toBeLessThanOrEqual(720);
  });

  it('ignores rectangles that are not shown (zero size)', () => {
    expect(avoidPlace({ right: 16, bottom: 16 }, size, view, [{ left: 0, top: 0, width: 0, height: 0 }])).toEqual({ right: 16, bottom: 16 });
  });
});
