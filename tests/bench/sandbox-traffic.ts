/**
 * Reading the sandbox's request log for the benchmark: waiting until the extension has stopped
 * talking to "Asana", and naming requests by their route rather than their gids.
 */
import type { RequestLog, Sandbox } from '../sandbox/index.ts';

/**
 * Resolves once no API request has been in flight or logged for `quietMs` (the extension's work
 * for the last action is over), or rejects after `timeoutMs`.
 */
export async function waitForQuiet(sandbox: Sandbox, quietMs = 300, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = sandbox.stats.requests.length;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    const busy = sandbox.stats.inFlight.get + sandbox.stats.inFlight.write > 0;
    if (busy || sandbox.stats.requests.length !== seen) {
      seen = sandbox.stats.requests.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
  }
  throw new Error(`the extension was still sending requests after ${timeoutMs} ms`);
}

/** "GET /tasks/{gid}/time_tracking_entries": the method and API route, gids replaced. */
export function routeOf(request: RequestLog): string {
  const route = request.path.replace(/^\/api\/1\.0/, '').replace(/\/\d{6,}(?=\/|$)/g, '/{gid}');
  return `${request.method} ${route}`;
}

/** Counts requests by {@link routeOf}, e.g. `{ "GET /tasks/{gid}/time_tracking_entries": 3 }`. */
export function countByRoute(requests: readonly RequestLog[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[routeOf(r)] = (counts[routeOf(r)] ?? 0) + 1;
  return counts;
}

/** The API requests logged since a `stats.mark()` (pages and OAuth left out). */
export const apiRequestsSince = (sandbox: Sandbox, mark: number): RequestLog[] => sandbox.stats.since(mark).filter((r) => r.area === 'api');

/** Where an open's time went; see {@link openPhases}. */
export interface OpenPhases {
  /** Navigation call to the first request's arrival at the sandbox. */
  toFirstRequestMs: number;
  /** First arrival to the last response. */
  requestsMs: number;
  /** Last response to the total in the page. */
  afterLastResponseMs: number;
}

/**
 * Splits an open into phases with the sandbox's log. Both clocks are this machine's epoch ms
 * (the page's performance.timeOrigin + now, the sandbox's Date.now()). Null without requests.
 */
export function openPhases(requests: readonly RequestLog[], startedAt: number, shownAt: number): OpenPhases | null {
  if (requests.length === 0) return null;
  const firstStart = Math.min(...requests.map((r) => r.start));
  const lastEnd = Math.max(...requests.map((r) => r.start + r.durationMs));
  return { toFirstRequestMs: firstStart - startedAt, requestsMs: lastEnd - firstStart, afterLastResponseMs: shownAt - lastEnd };
}
