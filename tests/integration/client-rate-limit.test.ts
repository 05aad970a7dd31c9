/**
 * A long read paced by Asana's rate limit (lib/asana/client.ts): a 429 is Asana saying "not yet",
 * so a read waits out Retry-After as often as it takes (up to a bound) instead of giving up after
 * a few tries. Against the sandbox over real HTTP; the client's sleep is the test's, so the minute
 * Asana makes us wait passes at once, and the limit is lifted after the seventh refusal (as if
 * the token's other requests had left the window).
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
    // (Each refusal is waited out where the read is retried, and checked again just before it goes.)
    sleep: async () => {
      waits++;
      if (sb.stats.requests.filter((r) => r.status === 429).length >= 7) sb.limits.perMinute = 1_000;
    },
  });
  const entries = await client.listCategoryEntries(category.gid, {});
  expect(entries).toHaveLength(450);
  expect(sb.stats.requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(6);
  expect(waits).toBeGreaterThanOrEqual(6); // each one waited out
  sb.limits.perMinute = 1_500;
});

it('a write is never retried by the client on a 429 (the outbox decides when to send it again)', async () => {
  sb.limits.perMinute = 0;
  const client = createAsanaClient({ baseURL: sb.apiUrl, getToken: async () => sb.demoToken, sleep: async () => undefined });
  await expect(client.createEntry(sb.seed.tasks.empty.gid, { duration_minutes: 5, entered_on: '2026-03-11' })).rejects.toMatchObject({ code: 'rate_limited' });
  expect(sb.stats.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  sb.limits.perMinute = 1_500;
});

it('a read already on its way when another gets a 429 waits out that Retry-After too, before it goes', async () => {
  const { world, seed, faults, stats } = sb;
  const first = world.addTask({ name: 'Refused first', projects: [seed.projects.website.gid] });
  const second = world.addTask({ name: 'On its way meanwhile', projects: [seed.projects.website.gid] });
  faults.inject({ kind: '429', method: 'GET', path: `/tasks/${first.gid}`, count: 1, retryAfter: 1 });
  // The second read is held in its token look-up until the first has its 429 (the client then
  // sleeps out the Retry-After): it was on its way before the refusal, and goes after it.
  let refusalHeard!: () => void;
  const heard = new Promise<void>((resolve) => (refusalHeard = resolve));
  let firstAsked!: () => void;
  const asked = new Promise<void>((resolve) => (firstAsked = resolve));
  let lookups = 0;
  const client = createAsanaClient({
    baseURL: sb.apiUrl,
    getToken: async () => {
      if (++lookups === 1) firstAsked();
      else if (lookups === 2) await heard;
      return sb.demoToken;
    },
    sleep: (ms) => {
      refusalHeard();
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
  });
  const mark = stats.mark();
  const reads = [client.getTask(first.gid)];
  await asked;
  reads.push(client.getTask(second.gid));
  expect((await Promise.all(reads)).map((t) => t.name)).toEqual([first.name, second.name]);

  const requests = stats.since(mark);
  const refusals = requests.filter((r) => r.status === 429);
  expect(refusals.map((r) => r.path)).toEqual([`/api/1.0/tasks/${first.gid}`]);
  const later = requests.find((r) => r.path === `/api/1.0/tasks/${second.gid}`)!;
  expect(later.status).toBe(200);
  expect(later.start - refusals[0]!.start).toBeGreaterThanOrEqual(1_000 - 5);
});

it('a read waiting out one Retry-After waits out a longer one that comes in meanwhile, before it goes', async () => {
  const { world, seed, faults, stats } = sb;
  const slow = world.addTask({ name: 'Refused late, for longer', projects: [seed.projects.website.gid] });
  const first = world.addTask({ name: 'Refused first', projects: [seed.projects.website.gid] });
  const waiting = world.addTask({ name: 'Waiting meanwhile', projects: [seed.projects.website.gid] });
  // The slow read is on the wire first; Asana answers it 800 ms later: 429, Retry-After 3 s.
  faults.latency(800, { path: `/tasks/${slow.gid}` });
  faults.inject({ kind: '429', method: 'GET', path: `/tasks/${slow.gid}`, count: 1, retryAfter: 3 });
  // The first read's 429 (Retry-After 1 s) comes at once.
  faults.inject({ kind: '429', method: 'GET', path: `/tasks/${first.gid}`, count: 1, retryAfter: 1 });
  // The third read is held in its token look-up until the first 429 is heard: it then sleeps out
  // that second, during which the slow read's 429 asks for 3 s.
  let refusalHeard!: () => void;
  const heard = new Promise<void>((resolve) => (refusalHeard = resolve));
  let lookups = 0;
  const client = createAsanaClient({
    baseURL: sb.apiUrl,
    getToken: async () => {
      if (++lookups === 3) await heard;
      return sb.demoToken;
    },
    sleep: (ms) => {
      refusalHeard();
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
  });
  const mark = stats.mark();
  const names = await Promise.all([client.getTask(slow.gid), client.getTask(first.gid), client.getTask(waiting.gid)].map((p) => p.then((t) => t.name)));
  faults.clear();
  expect(names).toEqual([slow.name, first.name, waiting.name]);

  const requests = stats.since(mark);
  const longer = requests.find((r) => r.status === 429 && r.path === `/api/1.0/tasks/${slow.gid}`)!;
  const third = requests.filter((r) => r.path === `/api/1.0/tasks/${waiting.gid}`);
  expect(third.map((r) => r.status)).toEqual([200]);
  expect(third[0]!.start - (longer.start + longer.durationMs)).toBeGreaterThanOrEqual(3_000 - 5);
}, 20_000);
