import { afterEach, describe, expect, it } from 'vitest';
import { api, TODAY } from './helpers.ts';
import { RATE_LIMIT_MESSAGE, startSandbox, type Sandbox } from './index.ts';

let sb: Sandbox | null = null;
afterEach(async () => {
  await sb?.close();
  sb = null;
});

describe('per-minute limit', () => {
  it('answers 429 + Retry-After past the limit; rejected requests count; tokens are independent', async () => {
    sb = await startSandbox({ today: TODAY, rateLimit: { perMinute: 5 } });
    const s = sb;
    for (let i = 0; i < 5; i++) expect((await api(s, 'GET', '/users/me')).status).toBe(200);
    const limited = await api(s, 'GET', '/users/me');
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].message).toBe(RATE_LIMIT_MESSAGE);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await api(s, 'POST', `/tasks/${s.seed.tasks.empty.gid}/time_tracking_entries`, { body: { data: { duration_minutes: 5 } } })).status).toBe(429);
    // Another token has its own budget.
    expect((await api(s, 'GET', '/users/me', { token: s.seed.users.alex.token })).status).toBe(200);
    const counters = s.stats.perToken()[s.demoToken]!;
    expect(counters).toMatchObject({ user: s.seed.users.me.gid, kind: 'pat', requests: 7, rateLimited: 2 });
    expect(s.stats.count({ status: 429 })).toBe(2);
    expect(s.stats.find({ status: 429 })[0]?.fault).toBe('rate-limit');
  });

  it('the window slides: raising the limit or waiting lets requests through again', async () => {
    sb = await startSandbox({ today: TODAY, rateLimit: { perMinute: 2 } });
    await api(sb, 'GET', '/users/me');
    await api(sb, 'GET', '/users/me');
    expect((await api(sb, 'GET', '/users/me')).status).toBe(429);
    sb.limits.perMinute = 10;
    expect((await api(sb, 'GET', '/users/me')).status).toBe(200);
  });
});

describe('concurrency pools', () => {
  it('limits concurrent GETs and writes separately, 429 with Retry-After: 1', async () => {
    sb = await startSandbox({ today: TODAY, rateLimit: { concurrentGets: 3, concurrentWrites: 2 } });
    const s = sb;
    // Long enough for every request to arrive while the first ones are still in flight.
    s.faults.latency(600);
    const gets = Array.from({ length: 6 }, () => api(s, 'GET', '/users/me'));
    const writes = Array.from({ length: 3 }, () => api(s, 'POST', `/tasks/${s.seed.tasks.empty.gid}/time_tracking_entries`, { body: { data: { duration_minutes: 5 } } }));
    const [g, w] = await Promise.all([Promise.all(gets), Promise.all(writes)]);
    expect(g.filter((r) => r.status === 200)).toHaveLength(3);
    const refused = g.filter((r) => r.status === 429);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.headers.get('retry-after')).toBe('1');
    expect(w.filter((r) => r.status === 201)).toHaveLength(2);
    expect(w.filter((r) => r.status === 429)).toHaveLength(1);
    expect(s.stats.peakInFlight).toEqual({ get: 3, write: 2 });
    expect(s.world.entriesOfTask(s.seed.tasks.empty.gid)).toHaveLength(2);
  });

  it('counts the peak number of requests in flight per pool', async () => {
    sb = await startSandbox({ today: TODAY });
    const s = sb;
    s.faults.latency(600, { method: 'GET' });
    await Promise.all(Array.from({ length: 20 }, () => api(s, 'GET', '/workspaces')));
    expect(s.stats.peakInFlight.get).toBe(20);
    expect(s.stats.inFlight).toEqual({ get: 0, write: 0 });
    s.stats.reset();
    expect(s.stats.peakInFlight).toEqual({ get: 0, write: 0 });
    await Promise.all(Array.from({ length: 4 }, () => api(s, 'POST', `/tasks/${s.seed.tasks.empty.gid}/time_tracking_entries`, { body: { data: { duration_minutes: 5 } } })));
    expect(s.stats.peakInFlight.write).toBeGreaterThanOrEqual(1);
  });
});
