/**
 * Faults on demand. Rules answer the next N matching requests with a failure; latency rules slow
 * matching requests down; the random mode fails a seeded fraction of requests until cleared.
 * Faults apply to the API (/api/1.0/…) and OAuth (/-/…) requests, never to pages or /_sandbox.
 *
 * Kinds:
 * - `429`          429 + Retry-After (rule's retryAfter, default 1) and Asana's rate-limit message
 * - `500`          500 with an error phrase
 * - `502`, `503`   Asana-shaped error bodies
 * - `drop-before`  connection dropped before processing (nothing applied)
 * - `drop-after`   request fully processed (a write IS applied), then the connection dropped
 *                  without a response: the client cannot know the outcome
 * - `invalid-json` processed, then answered 200 with a truncated, unparsable JSON body
 * - `wrong-shape`  processed, then answered 200 with valid JSON lacking the `data` envelope
 */
import type { OffsetCodec } from './pagination.ts';
import { Prng } from './prng.ts';

export const FAULT_KINDS = ['429', '500', '502', '503', 'drop-before', 'drop-after', 'invalid-json', 'wrong-shape'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Which requests a rule applies to; every given criterion must match. */
export interface FaultMatch {
  /** HTTP method, case-insensitive. */
  method?: string;
  /** Substring of the URL path (e.g. `/time_tracking_entries`), or a RegExp tested on the path. */
  path?: string | RegExp;
  /** Only requests bearing this token. */
  token?: string;
}

export interface FaultRuleInput extends FaultMatch {
  kind: FaultKind;
  /** How many matching requests to fail (default 1; Infinity = until cleared). */
  count?: number;
  /** Retry-After seconds for kind 429 (default 1). */
  retryAfter?: number;
}

export interface RandomFaultOptions {
  seed: number;
  /** Probability 0..1 that an eligible request fails. */
  rate: number;
  kinds: FaultKind[];
  /** Only these methods (default: all). */
  methods?: string[];
  /** Only paths matching this RegExp (a string is compiled as a RegExp). */
  pathPattern?: string | RegExp;
  retryAfter?: number;
}

export interface FaultDecision {
  kind: FaultKind;
  retryAfter: number;
}

interface RequestInfo {
  method: string;
  path: string;
  token: string | null;
}

/** The `sandbox.faults` API. */
export interface FaultControls {
  /** Fails the next `count` (default 1) requests matching the rule. Rules are consumed in order. */
  inject(rule: FaultRuleInput): void;
  /** Shorthand: `failNext(3, '500', { method: 'POST' })`. */
  failNext(count: number, kind: FaultKind, match?: FaultMatch & { retryAfter?: number }): void;
  /** Adds latency to matching requests until cleared: fixed ms or uniform in [min, max]. 0 removes all latency. */
  latency(ms: number | { min: number; max: number }, match?: FaultMatch): void;
  /** Seeded random failures until `clear()`. */
  random(options: RandomFaultOptions): void;
  /** Every offset token issued so far is now expired. */
  expireOffsets(): void;
  /** Removes rules, latency and random mode (counters stay; see resetCounts). */
  clear(): void;
  /** Zeroes `injected`. */
  resetCounts(): void;
  /** How many faults of each kind were injected (plus `latency`: delayed requests). */
  readonly injected: Record<FaultKind | 'latency', number>;
}

const zeroCounts = (): Record<FaultKind | 'latency', number> =>
  Object.fromEntries([...FAULT_KINDS, 'latency'].map((k) => [k, 0])) as Record<FaultKind | 'latency', number>;

function matches(m: FaultMatch, req: RequestInfo): boolean {
  if (m.method && m.method.toUpperCase() !== req.method) return false;
  if (m.token && m.token !== req.token) return false;
  if (m.path !== undefined) {
    if (typeof m.path === 'string' ? !req.path.includes(m.path) : !m.path.test(req.path)) return false;
  }
  return true;
}

export class Faults implements FaultControls {
  private rules: Array<FaultRuleInput & { remaining: number }> = [];
  private latencies: Array<FaultMatch & { min: number; max: number }> = [];
  private randomMode: (RandomFaultOptions & { rng: Prng; pattern: RegExp | null }) | null = null;
  private readonly latencyRng = new Prng(0x1a7e);
  injected = zeroCounts();

  constructor(private readonly offsets: OffsetCodec) {}

  inject(rule: FaultRuleInput): void {
    if (!(FAULT_KINDS as readonly string[]).includes(rule.kind)) throw new Error(`unknown fault kind: ${String(rule.kind)}`);
    this.rules.push({ ...rule, remaining: rule.count ?? 1 });
  }

  failNext(count: number, kind: FaultKind, match: FaultMatch & { retryAfter?: number } = {}): void {
    this.inject({ ...match, kind, count });
  }

  latency(ms: number | { min: number; max: number }, match: FaultMatch = {}): void {
    if (ms === 0) {
      this.latencies = [];
      return;
    }
    const [min, max] = typeof ms === 'number' ? [ms, ms] : [ms.min, ms.max];
    this.latencies.push({ ...match, min, max });
  }

  random(options: RandomFaultOptions): void {
    for (const k of options.kinds) if (!(FAULT_KINDS as readonly string[]).includes(k)) throw new Error(`unknown fault kind: ${k}`);
    const pattern = options.pathPattern === undefined ? null
      : typeof options.pathPattern === 'string' ? new RegExp(options.pathPattern) : options.pathPattern;
    this.randomMode = { ...options, rng: new Prng(options.seed), pattern };
  }

  expireOffsets(): void {
    this.offsets.expireAll();
  }

  clear(): void {
    this.rules = [];
    this.latencies = [];
    this.randomMode = null;
  }

  resetCounts(): void {
    this.injected = zeroCounts();
  }

  /** Server side: the latency (ms) to add to this request. */
  latencyFor(req: RequestInfo): number {
    let total = 0;
    for (const l of this.latencies) {
      if (matches(l, req)) total += l.min + Math.round(this.latencyRng.next() * (l.max - l.min));
    }
    if (total > 0) this.injected.latency++;
    return total;
  }

  /** Server side: the fault for this request, if any (consumes rule counts). */
  decide(req: RequestInfo): FaultDecision | null {
    const i = this.rules.findIndex((r) => matches(r, req));
    if (i >= 0) {
      const rule = this.rules[i]!;
      if (--rule.remaining <= 0) this.rules.splice(i, 1);
      this.injected[rule.kind]++;
      return { kind: rule.kind, retryAfter: rule.retryAfter ?? 1 };
    }
    const r = this.randomMode;
    if (r && r.kinds.length > 0) {
      if (r.methods && !r.methods.map((m) => m.toUpperCase()).includes(req.method)) return null;
      if (r.pattern && !r.pattern.test(req.path)) return null;
      if (r.rng.next() < r.rate) {
        const kind = r.rng.pick(r.kinds);
        this.injected[kind]++;
        return { kind, retryAfter: r.retryAfter ?? 1 };
      }
    }
    return null;
  }

  /** JSON view for GET /_sandbox/faults. */
  describe(): unknown {
    const show = (p: string | RegExp | undefined) => (p instanceof RegExp ? p.toString() : p);
    return {
      rules: this.rules.map((r) => ({
        kind: r.kind, remaining: Number.isFinite(r.remaining) ? r.remaining : 'always', method: r.method,
        path: show(r.path), token: r.token, retryAfter: r.retryAfter,
      })),
      latency: this.latencies.map((l) => ({ min: l.min, max: l.max, method: l.method, path: show(l.path), token: l.token })),
      random: this.randomMode && {
        seed: this.randomMode.seed, rate: this.randomMode.rate, kinds: this.randomMode.kinds,
        methods: this.randomMode.methods, pathPattern: this.randomMode.pattern?.source,
      },
      injected: this.injected,
    };
  }
}
