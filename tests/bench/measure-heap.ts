/**
 * JS heap and DOM nodes after many task switches, with and without the extension: the heap is read
 * after a forced garbage collection (`HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`,
 * which covers the renderer's whole isolate: the page and every content script in it), and the
 * DOM's node count from `Performance.getMetrics` (`Nodes`). Blocks of navigations alternate between
 * the two browsers; both are read at the same navigation counts. A leak shows as growth between
 * the checkpoints that the page without the extension does not have.
 */
import type { CDPSession } from 'playwright-core';
import { navigationBlock, type MeasuredPage } from './measure-main-thread.ts';

export interface HeapPoint {
  navigations: number;
  /** Used JS heap after GC, MB (2^20 bytes). */
  heapMB: number;
  /** DOM nodes alive after GC. */
  nodes: number;
}

export interface HeapFigures {
  settleMs: number;
  none: HeapPoint[];
  ours: HeapPoint[];
}

async function readHeap(cdp: CDPSession, navigations: number): Promise<HeapPoint> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return { navigations, heapMB: usedSize / 2 ** 20, nodes: metrics.find((m) => m.name === 'Nodes')?.value ?? 0 };
}

/**
 * Navigates both pages (fresh, on the same start task) through `paths`, `block` at a time in turn,
 * and reads both at each of `checkpoints` (navigation counts, ascending, multiples of `block`).
 */
export async function measureHeap(ours: MeasuredPage, none: MeasuredPage, paths: readonly string[], checkpoints: readonly number[], block = 50, settleMs = 150): Promise<HeapFigures> {
  const out: HeapFigures = { settleMs, none: [await readHeap(none.cdp, 0)], ours: [await readHeap(ours.cdp, 0)] };
  let done = 0;
  for (const checkpoint of checkpoints) {
    while (done < checkpoint) {
      const n = Math.min(block, checkpoint - done);
      // Order alternates block by block, as everywhere in the bench.
      const pair = (done / block) % 2 === 0 ? [none, ours] : [ours, none];
      for (const m of pair) await navigationBlock(m, paths, n, settleMs, 0);
      done += n;
    }
    out.none.push(await readHeap(none.cdp, done));
    out.ours.push(await readHeap(ours.cdp, done));
  }
  return out;
}
