/**
 * Request log and counters. Every request except /_sandbox admin calls is logged when it ends
 * (status 0 = connection dropped). In-flight counts cover authenticated API requests admitted by
 * the rate limiter, in two pools (GET and writes), with their peaks.
 */
import type { FaultKind } from './faults.ts';

export interface RequestLog {
  /** Increasing sequence number (see `mark()`). */
  seq: number;
  method: string;
  /** URL path, e.g. `/api/1.0/tasks/123/time_tracking_entries`. */
  path: string;
  /** Raw query string without `?` ('' when none). */
  query: string;
  /** HTTP status sent; 0 when the connection was dropped. */
  status: number;
  /** gid of the authenticated user, or null. */
  user: string | null;
  tokenKind: 'pat' | 'oauth' | null;
  /** Which surface: the REST API, the OAuth endpoints, or a web page. */
  area: 'api' | 'oauth' | 'page' | 'other';
  /** Epoch ms when the request arrived. */
  start: number;
  durationMs: number;
  /** Injected fault, if any; `rate-limit` when the real limiter refused it. */
  fault: FaultKind | 'rate-limit' | null;
  /** For the limiter's refusals: why (the minute's quota, or too many at once), and the Retry-After sent, in seconds. */
  limited?: { reason: 'minute' | 'concurrency'; retryAfter: number };
}

export interface RequestFilter {
  method?: string;
  /** Substring of the path, or a RegExp tested on it. */
  path?: string | RegExp;
  status?: number;
  user?: string;
  /** Only requests logged at or after this mark. */
  since?: number;
}

export interface TokenCounters {
  user: string;
  kind: 'pat' | 'oauth';
  requests: number;
  rateLimited: number;
}

const MAX_LOG = 200_000;

export class Stats {
  /** The log, oldest first (capped at the last 200,000 requests). */
  requests: RequestLog[] = [];
  /** Per bearer token (only valid tokens). */
  byToken = new Map<string, TokenCounters>();
  inFlight = { get: 0, write: 0 };
  peakInFlight = { get: 0, write: 0 };
  private seq = 0;

  /** A mark to count from: `const m = stats.mark(); …; stats.count({ method: 'POST', since: m })`. */
  mark(): number {
    return this.seq;
  }

  nextSeq(): number {
    return this.seq++;
  }

  log(entry: RequestLog): void {
    this.requests.push(entry);
    if (this.requests.length > MAX_LOG) this.requests.splice(0, this.requests.length - MAX_LOG);
  }

  countToken(token: string, user: string, kind: 'pat' | 'oauth', rateLimited: boolean): void {
    let c = this.byToken.get(token);
    if (!c) this.byToken.set(token, (c = { user, kind, requests: 0, rateLimited: 0 }));
    c.requests++;
    if (rateLimited) c.rateLimited++;
  }

  enter(isWrite: boolean): void {
    const pool = isWrite ? 'write' : 'get';
    this.inFlight[pool]++;
    if (this.inFlight[pool] > this.peakInFlight[pool]) this.peakInFlight[pool] = this.inFlight[pool];
  }

  leave(isWrite: boolean): void {
    this.inFlight[isWrite ? 'write' : 'get']--;
  }

  /** Logged requests matching the filter. */
  find(filter: RequestFilter = {}): RequestLog[] {
    return this.requests.filter((r) =>
      (filter.since === undefined || r.seq >= filter.since)
      && (!filter.method || r.method === filter.method.toUpperCase())
      && (filter.status === undefined || r.status === filter.status)
      && (filter.user === undefined || r.user === filter.user)
      && (filter.path === undefined || (typeof filter.path === 'string' ? r.path.includes(filter.path) : filter.path.test(r.path))));
  }

  /** Number of logged requests matching the filter. */
  count(filter: RequestFilter = {}): number {
    return this.find(filter).length;
  }

  /** Requests logged since a mark. */
  since(mark: number): RequestLog[] {
    return this.find({ since: mark });
  }

  /** Per-token request counts keyed by token. */
  perToken(): Record<string, TokenCounters> {
    return Object.fromEntries([...this.byToken].map(([k, v]) => [k, { ...v }]));
  }

  /** Clears the log, token counters and peaks (current in-flight counts are kept). */
  reset(): void {
    this.requests = [];
    this.byToken.clear();
    this.peakInFlight = { ...this.inFlight };
  }

  /** JSON view for GET /_sandbox/stats. */
  summary(includeRequests: boolean): unknown {
    const byStatus: Record<string, number> = {};
    for (const r of this.requests) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    return {
      total: this.requests.length, byStatus, inFlight: this.inFlight, peakInFlight: this.peakInFlight,
      perToken: this.perToken(), mark: this.mark(), ...(includeRequests ? { requests: this.requests } : {}),
    };
  }
}
