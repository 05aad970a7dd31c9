import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, TODAY } from './helpers.ts';
import { startSandbox, type Sandbox } from './index.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ today: TODAY });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const createPath = () => `/tasks/${sb.seed.tasks.empty.gid}/time_tracking_entries`;
const create = () => api(sb, 'POST', createPath(), { body: { data: { duration_minutes: 15 } } });
const entryCount = () => sb.world.entriesOfTask(sb.seed.tasks.empty.gid).length;
/** A raw POST that may fail at the network level. */
const rawCreate = () => fetch(`${sb.url}/api/1.0${createPath()}`, {
  method: 'POST', headers: { Authorization: `Bearer ${sb.demoToken}`, 'Content-Type': 'application/json' },
  body: JSON.stringify({ data: { duration_minutes: 15 } }),
});

describe('status faults', () => {
  it('500 carries a generated phrase; the request after is normal', async () => {
    sb.faults.failNext(1, '500');
    const r = await api(sb, 'GET', '/users/me');
    expect(r.status).toBe(500);
    expect(r.body.errors[0].phrase).toMatch(/^\d+ [a-z]+ [a-z]+ [a-z]+ [a-z]+$/);
    expect(r.body.errors[0].message).toBeTruthy();
    expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
    expect(sb.faults.injected['500']).toBe(1);
  });

  it('429 with the configured Retry-After; 502 and 503 with error bodies', async () => {
    sb.faults.failNext(1, '429', { retryAfter: 7 });
    const r = await api(sb, 'GET', '/users/me');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    sb.faults.failNext(1, '502');
    sb.faults.failNext(1, '503');
    expect((await api(sb, 'GET', '/users/me')).status).toBe(502);
    expect((await api(sb, 'GET', '/users/me')).status).toBe(503);
    expect(sb.faults.injected).toMatchObject({ 429: 1, 502: 1, 503: 1 });
  });

  it('pre-processing faults do not apply writes', async () => {
    const before = entryCount();
    sb.faults.failNext(2, '503', { method: 'POST' });
    expect((await create()).status).toBe(503);
    expect((await create()).status).toBe(503);
    expect(entryCount()).toBe(before);
    expect((await create()).status).toBe(201);
    expect(entryCount()).toBe(before + 1);
  });

  it('matches on method, path (substring or RegExp) and token', async () => {
    sb.faults.failNext(1, '500', { method: 'POST' });
    expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
    expect((await create()).status).toBe(500);

    sb.faults.failNext(1, '500', { path: /\/workspaces$/ });
    expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
    expect((await api(sb, 'GET', '/workspaces')).status).toBe(500);

    sb.faults.failNext(1, '500', { path: 'time_tracking' });
    expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
    expect((await api(sb, 'GET', createPath())).status).toBe(500);

    sb.faults.failNext(1, '500', { token: sb.seed.users.alex.token });
    expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
    expect((await api(sb, 'GET', '/users/me', { token: sb.seed.users.alex.token })).status).toBe(500);
  });

  it('Infinity count fails until cleared', async () => {
    sb.faults.inject({ kind: '503', count: Infinity, path: '/users/' });
    for (let i = 0; i < 4; i++) expect((await api(sb, 'GET', '/users/me')).status).toBe(503);
    sb.faults.clear();
    expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
  });
});

describe('connection and body faults', () => {
  it('drop-before: no response and nothing written', async () => {
    const before = entryCount();
    sb.faults.failNext(1, 'drop-before', { method: 'POST' });
    await expect(rawCreate()).rejects.toThrow();
    expect(entryCount()).toBe(before);
    expect(sb.stats.find({ method: 'POST' }).at(-1)).toMatchObject({ status: 0, fault: 'drop-before' });
  });

  it('drop-after: no response but the write IS applied', async () => {
    const before = entryCount();
    sb.faults.failNext(1, 'drop-after', { method: 'POST' });
    await expect(rawCreate()).rejects.toThrow();
    expect(entryCount()).toBe(before + 1);
    expect(sb.stats.find({ method: 'POST' }).at(-1)).toMatchObject({ status: 0, fault: 'drop-after' });
    expect(sb.faults.injected['drop-after']).toBe(1);
  });

  it('invalid-json: 200 with an unparsable body (write applied)', async () => {
    const before = entryCount();
    sb.faults.failNext(1, 'invalid-json', { method: 'POST' });
    const r = await api(sb, 'POST', createPath(), { body: { data: { duration_minutes: 15 } }, validate: false });
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text)).toThrow();
    expect(entryCount()).toBe(before + 1);
  });

  it('wrong-shape: 200 with valid JSON that lacks the data envelope', async () => {
    sb.faults.failNext(1, 'wrong-shape');
    const r = await api(sb, 'GET', '/users/me', { validate: false });
    expect(r.status).toBe(200);
    expect(r.body.data).toBeUndefined();
    expect(r.body.result.gid).toBe(sb.seed.users.me.gid);
  });
});

describe('latency and random mode', () => {
  it('adds fixed and ranged latency', async () => {
    sb.faults.latency(120);
    let t = Date.now();
    await api(sb, 'GET', '/users/me');
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
    sb.faults.latency(0);
    sb.faults.latency({ min: 40, max: 80 }, { method: 'GET' });
    t = Date.now();
    await api(sb, 'GET', '/users/me');
    const took = Date.now() - t;
    expect(took).toBeGreaterThanOrEqual(35);
    expect(sb.faults.injected.latency).toBe(2);
    expect(sb.stats.find({ path: '/users/me' }).at(-1)!.durationMs).toBeGreaterThanOrEqual(35);
  });

  it('random mode is seeded and deterministic, filtered, and stops on clear()', async () => {
    const run = async () => {
      sb.faults.random({ seed: 42, rate: 0.4, kinds: ['500', '503'], methods: ['GET'], pathPattern: '/users/' });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await api(sb, 'GET', '/users/me')).status);
      // Not eligible: other paths.
      expect((await api(sb, 'GET', '/workspaces')).status).toBe(200);
      sb.faults.clear();
      return statuses;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a.filter((s) => s !== 200).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(3);
    expect(new Set(a.filter((s) => s !== 200))).toEqual(new Set([500, 503]));
    expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
  });
});

describe('OAuth endpoints are faultable too', () => {
  it('500 on the token endpoint', async () => {
    sb.faults.failNext(1, '500', { path: '/-/oauth_token' });
    const r = await fetch(`${sb.url}/-/oauth_token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token' }) });
    expect(r.status).toBe(500);
  });
});

describe('admin endpoints', () => {
  const admin = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${sb.url}/_sandbox${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as { data: any; errors?: Array<{ message: string }> } };
  };

  it('POST/GET/DELETE /_sandbox/faults', async () => {
    const added = await admin('POST', '/faults', [{ kind: '500', count: 2, method: 'GET', path: '/users/' }, { latency: { ms: 10 } }]);
    expect(added.status).toBe(200);
    expect(added.body.data.rules[0]).toMatchObject({ kind: '500', remaining: 2, method: 'GET', path: '/users/' });
    expect((await api(sb, 'GET', '/users/me')).status).toBe(500);
    expect((await admin('GET', '/faults')).body.data.rules[0].remaining).toBe(1);
    await admin('DELETE', '/faults');
    expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
    expect((await admin('POST', '/faults', { kind: 'explode' })).status).toBe(400);
    await admin('POST', '/faults', { kind: '503', always: true, pathRegex: 'workspaces$' });
    expect((await api(sb, 'GET', '/workspaces')).status).toBe(503);
    expect((await api(sb, 'GET', '/workspaces')).status).toBe(503);
    await admin('POST', '/faults', { random: { seed: 1, rate: 1, kinds: ['502'], methods: ['GET'], pathPattern: 'users' } });
    expect((await api(sb, 'GET', '/users/me')).status).toBe(502);
    await admin('DELETE', '/faults');
  });

  it('expire offsets through the admin API', async () => {
    const p1 = await api(sb, 'GET', `/tasks/${sb.seed.tasks.big.gid}/time_tracking_entries`, { query: { limit: 5 } });
    expect((await admin('POST', '/faults/expire-offsets')).status).toBe(200);
    const r = await api(sb, 'GET', p1.body.next_page.uri);
    expect(r.body.errors[0].message).toBe('offset: Your pagination token has expired.');
    await admin('POST', '/faults', { expireOffsets: true });
  });

  it('stats: log, per-token counts, marks, reset', async () => {
    const mark = sb.stats.mark();
    await api(sb, 'GET', '/users/me', { query: { opt_fields: 'name' } });
    await create();
    await api(sb, 'GET', '/users/me', { token: null });
    const log = sb.stats.since(mark);
    expect(log).toHaveLength(3);
    expect(log[0]).toMatchObject({ method: 'GET', path: '/api/1.0/users/me', query: 'opt_fields=name', status: 200, user: sb.seed.users.me.gid, tokenKind: 'pat', area: 'api' });
    expect(log[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(log[0]!.start).toBeGreaterThan(Date.now() - 60_000);
    expect(log[2]).toMatchObject({ status: 401, user: null, tokenKind: null });
    expect(sb.stats.count({ method: 'POST', path: '/time_tracking_entries', since: mark })).toBe(1);
    const stats = await admin('GET', '/stats?requests=1');
    expect(stats.body.data.total).toBe(3);
    expect(stats.body.data.requests).toHaveLength(3);
    expect(stats.body.data.perToken[sb.demoToken].requests).toBe(2);
    await fetch(`${sb.url}/0/0/1`);
    expect(sb.stats.find({ since: mark }).at(-1)?.area).toBe('page');
    await admin('POST', '/reset-stats');
    expect(sb.stats.requests).toHaveLength(0);
    expect((await admin('GET', '/stats')).body.data.total).toBe(0);
  });

  it('seed, world snapshot, tasks and reset', async () => {
    const seed = await admin('GET', '/seed');
    expect(seed.body.data.users.me.token).toBe(sb.demoToken);
    expect(seed.body.data.tasks.big.gid).toBe(sb.seed.tasks.big.gid);
    const world = await fetch(`${sb.url}/_sandbox/world`).then((r) => r.json() as Promise<{ format: string; entries: unknown[] }>);
    expect(world.format).toBe('asana-sandbox-world/1');
    expect(world.entries.length).toBe(sb.world.entries.size);
    const added = await admin('POST', '/tasks', { gid: '1216679341518745', name: 'From admin', projects: [sb.seed.projects.website.gid], entries: 5 });
    expect(added.body.data.gid).toBe('1216679341518745');
    expect(sb.world.entriesOfTask('1216679341518745')).toHaveLength(5);
    await admin('POST', '/reset');
    expect(sb.world.tasks.has('1216679341518745')).toBe(false);
    expect((await admin('GET', '/nope')).status).toBe(404);
  });
});
