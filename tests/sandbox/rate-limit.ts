/**
 * Asana's per-token limits: a sliding one-minute window of requests (rejected requests count
 * too, as Asana documents) and two separate concurrency pools, GETs and writes
 * (POST/PUT/PATCH/DELETE). Every refusal is a 429 with an integer Retry-After ≥ 1.
 */

export interface RateLimitOptions {
  /** Requests per sliding minute per token (default 1500, Asana's paid plans). */
  perMinute?: number;
  /** Concurrent GETs per token (default 50). */
  concurrentGets?: number;
  /** Concurrent writes per token (default 15). */
  concurrentWrites?: number;
}

export type RateDecision =
  | { ok: true; release: () => void }
  | { ok: false; retryAfter: number; reason: 'minute' | 'concurrency' };

const WINDOW_MS = 60_000;

export class RateLimiter {
  /** Live limits; tests may change them at any time. */
  readonly limits: Required<RateLimitOptions>;
  private readonly hits = new Map<string, number[]>();
  private readonly inFlight = new Map<string, { get: number; write: number }>();

  constructor(options: RateLimitOptions = {}) {
    this.limits = {
      perMinute: options.perMinute ?? 1500,
      concurrentGets: options.concurrentGets ?? 50,
      concurrentWrites: options.concurrentWrites ?? 15,
    };
  }

  /** Admits or refuses one request of `token`. On success call `release()` when it finishes. */
  admit(token: string, isWrite: boolean, now = Date.now()): RateDecision {
    let hits = this.hits.get(token);
    if (!hits) this.hits.set(token, (hits = []));
    while (hits.length > 0 && (hits[0] as number) <= now - WINDOW_MS) hits.shift();
    hits.push(now);
    if (hits.length > this.limits.perMinute) {
      // Allowed again once enough of the oldest requests have left the window.
      const oldestToExpire = hits[hits.length - this.limits.perMinute - 1] ?? now;
      const retryAfter = Math.max(1, Math.ceil((oldestToExpire + WINDOW_MS - now) / 1000));
      return { ok: false, retryAfter, reason: 'minute' };
    }
    let pools = this.inFlight.get(token);
    if (!pools) this.inFlight.set(token, (pools = { get: 0, write: 0 }));
    const pool = isWrite ? 'write' : 'get';
    const max = isWrite ? this.limits.concurrentWrites : this.limits.concurrentGets;
    if (pools[pool] >= max) return { ok: false, retryAfter: 1, reason: 'concurrency' };
    pools[pool]++;
    let released = false;
    const p = pools;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        p[pool]--;
      },
    };
  }

  /** How many requests of `token` (refused ones too) are in its minute window now. */
  used(token: string, now = Date.now()): number {
    return (this.hits.get(token) ?? []).filter((at) => at > now - WINDOW_MS).length;
  }

  /** Forgets the minute windows (in-flight counts stay: those requests are still running). */
  resetWindows(): void {
    this.hits.clear();
  }
}

export const isWriteMethod = (method: string) => method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
