/**
 * Admin endpoints under /_sandbox (no auth, never logged, never faulted), so that a sandbox run
 * from the CLI can be steered from another process (curl, Playwright):
 *
 *   GET    /_sandbox/faults                     active rules, latency, random mode, injected counts
 *   POST   /_sandbox/faults                     add faults (one object or an array, see below)
 *   DELETE /_sandbox/faults                     clear every fault (counts stay)
 *   POST   /_sandbox/faults/expire-offsets      expire every offset token issued so far
 *   GET    /_sandbox/stats[?requests=1]         counters (and the request log)
 *   POST   /_sandbox/reset-stats                clear the log, per-token counts, peaks, injected counts
 *   POST   /_sandbox/oauth/redirect-uris        {"redirectUris":[…]} replaces, {"add":"uri"} appends
 *   GET    /_sandbox/seed                       the SeedRefs (names → gids, tokens, OAuth app)
 *   GET    /_sandbox/world                      the world snapshot (a valid --seed file)
 *   POST   /_sandbox/reset                      restore the initial world, clear faults and stats
 *   POST   /_sandbox/tasks                      {"gid"?, "name"?, "projects"?, …, "entries"?: n} add a task
 *
 * Fault objects: {"kind":"500","count":2,"method":"POST","path":"/time_tracking_entries",
 * "pathRegex":"…","token":"…","retryAfter":3,"always":true} · {"latency":{"ms":300}} or
 * {"latency":{"min":100,"max":500},"method":"GET"} · {"random":{"seed":1,"rate":0.2,"kinds":["500"],
 * "methods":["POST"],"pathPattern":"time_tracking"}} · {"expireOffsets":true}.
 */
import { FAULT_KINDS, type FaultKind, type FaultMatch, type Faults } from './faults.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Stats } from './stats.ts';
import type { SeedRefs, TaskRecord, WorldSnapshot } from './types.ts';
import type { World } from './world.ts';

export interface AdminDeps {
  world: World;
  faults: Faults;
  stats: Stats;
  limiter: RateLimiter;
  initial: WorldSnapshot;
  seed: () => SeedRefs;
  reset: () => void;
}

export interface AdminResponse {
  status: number;
  body: unknown;
}

class AdminError extends Error {}

function str(v: unknown, name: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AdminError(`${name} must be a string`);
  return v;
}

function matchOf(o: Record<string, unknown>): FaultMatch {
  const m: FaultMatch = {};
  const method = str(o.method, 'method');
  const path = str(o.path, 'path');
  const regex = str(o.pathRegex, 'pathRegex');
  const token = str(o.token, 'token');
  if (method) m.method = method;
  if (regex) m.path = new RegExp(regex);
  else if (path) m.path = path;
  if (token) m.token = token;
  return m;
}

function applyFault(faults: Faults, o: unknown): void {
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new AdminError('each fault must be a JSON object');
  const f = o as Record<string, unknown>;
  if (f.expireOffsets) {
    faults.expireOffsets();
    return;
  }
  if (f.latency !== undefined) {
    const l = f.latency as Record<string, unknown>;
    if (typeof l.ms === 'number') faults.latency(l.ms, matchOf(f));
    else if (typeof l.min === 'number' && typeof l.max === 'number') faults.latency({ min: l.min, max: l.max }, matchOf(f));
    else throw new AdminError('latency needs {"ms":N} or {"min":N,"max":N}');
    return;
  }
  if (f.random !== undefined) {
    const r = f.random as Record<string, unknown>;
    if (typeof r.seed !== 'number' || typeof r.rate !== 'number' || !Array.isArray(r.kinds)) {
      throw new AdminError('random needs {"seed":N,"rate":0..1,"kinds":[…]}');
    }
    for (const k of r.kinds) if (!(FAULT_KINDS as readonly unknown[]).includes(k)) throw new AdminError(`unknown fault kind: ${String(k)}`);
    faults.random({
      seed: r.seed, rate: r.rate, kinds: r.kinds as FaultKind[],
      methods: Array.isArray(r.methods) ? (r.methods as string[]) : undefined,
      pathPattern: str(r.pathPattern, 'pathPattern'),
      retryAfter: typeof r.retryAfter === 'number' ? r.retryAfter : undefined,
    });
    return;
  }
  if (!(FAULT_KINDS as readonly unknown[]).includes(f.kind)) {
    throw new AdminError(`kind must be one of ${FAULT_KINDS.join(', ')} (or give latency / random / expireOffsets)`);
  }
  const count = f.always === true ? Infinity : typeof f.count === 'number' ? f.count : 1;
  faults.inject({
    ...matchOf(f), kind: f.kind as FaultKind, count,
    retryAfter: typeof f.retryAfter === 'number' ? f.retryAfter : undefined,
  });
}

/** Handles one admin request; `body` is the parsed JSON body (undefined if none). */
export function handleAdmin(deps: AdminDeps, method: string, path: string, query: URLSearchParams, body: unknown): AdminResponse {
  const ok = (data: unknown): AdminResponse => ({ status: 200, body: { data } });
  try {
    switch (`${method} ${path.replace(/\/+$/, '')}`) {
      case 'GET /_sandbox/faults':
        return ok(deps.faults.describe());
      case 'POST /_sandbox/faults':
        for (const f of Array.isArray(body) ? body : [body]) applyFault(deps.faults, f);
        return ok(deps.faults.describe());
      case 'DELETE /_sandbox/faults':
        deps.faults.clear();
        return ok(deps.faults.describe());
      case 'POST /_sandbox/faults/expire-offsets':
        deps.faults.expireOffsets();
        return ok({});
      case 'GET /_sandbox/stats':
        return ok({ ...(deps.stats.summary(query.get('requests') === '1') as object), injected: deps.faults.injected });
      case 'POST /_sandbox/reset-stats':
        deps.stats.reset();
        deps.faults.resetCounts();
        return ok({});
      case 'POST /_sandbox/oauth/redirect-uris': {
        const b = (body ?? {}) as Record<string, unknown>;
        if (Array.isArray(b.redirectUris) && b.redirectUris.every((u) => typeof u === 'string')) {
          deps.world.oauthApp.redirectUris = [...(b.redirectUris as string[])];
        } else if (typeof b.add === 'string') {
          if (!deps.world.oauthApp.redirectUris.includes(b.add)) deps.world.oauthApp.redirectUris.push(b.add);
        } else throw new AdminError('send {"redirectUris":["…"]} or {"add":"…"}');
        return ok(deps.world.oauthApp);
      }
      case 'GET /_sandbox/seed':
        return ok(deps.seed());
      case 'GET /_sandbox/world':
        return { status: 200, body: deps.world.snapshot() };
      case 'POST /_sandbox/reset':
        deps.reset();
        return ok({});
      case 'POST /_sandbox/tasks': {
        const b = (body ?? {}) as Partial<TaskRecord> & { entries?: number };
        const { entries, ...task } = b;
        const created = deps.world.addTask(task);
        if (typeof entries === 'number' && entries > 0) deps.world.addEntries(created.gid, entries);
        return ok(created);
      }
      default:
        return { status: 404, body: { errors: [{ message: `No admin endpoint ${method} ${path}` }] } };
    }
  } catch (e) {
    return { status: 400, body: { errors: [{ message: e instanceof Error ? e.message : String(e) }] } };
  }
}
