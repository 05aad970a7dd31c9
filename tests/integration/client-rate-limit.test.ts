/**
 * A long read paced by Asana's rate limit (lib/asana/client.ts): a 429 is Asana saying "not yet",
 * so a read waits out Retry-After as often as it takes (up to a bound) instead of giving up after
 * a few tries. Against the sandbox over real HTTP; the client's sleep is the test's, so the minute
 * Asana makes us wait passes at once, and the limit is lifted after the seventh wait (as if the
 * token's other requests had left the window).
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createAsanaClient } from '@/lib/asana/client';
import { startSandbox, type Sandbox } from '../sandbox/index.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ today: '2026-03-11' });
});
afterAll(() => sb?.close());
beforeEach(() => sb.reset());

it('reads every page of a report through a run of 429s on one page', async () => {
  const { world, seed } = sb;
  const category = world.addCategory({ name: 'Long report' });
  const task = world.addTask({ name: 'Reported', projects: [seed.projects.website.gid] });
  for (let i = 0; i < 450; i++) world.addEntry({ task: task.gid, categories: [category.gid], entered_on: '2026-03-01', duration_minutes: 15 });
  sb.limits.perMinute = 2;
  let waits = 0;
  const client = createAsanaClient({
    baseURL: sb.apiUrl,
    getToken: async () => sb.demoToken,
    maxGetAttempts: 3,
    sleep: async () => {
      if (++waits === 7) sb.limits.perMinute = 1_000;
    },
  });
  const entries = await client.listCategoryEntries(category.gid, {});
  expect(entries).toHaveLength(450);
  expect(sb.stats.requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(6);
  sb.limits.perMinute = 1_500;
});

it('a write is never retried by the client on a 429 (the outbox decides when to send it again)', async () => {
  sb.limits.perMinute = 0;
  const client = createAsanaClient({ baseURL: sb.apiUrl, getToken: async () => sb.demoToken, sleep: async () => undefined });
  await expect(client.createEntry(sb.seed.tasks.empty.gid, { duration_minutes: 5, entered_on: '2026-03-11' })).rejects.toMatchObject({ code: 'rate_limited' });
  expect(sb.stats.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  sb.limits.perMinute = 1_500;
});
