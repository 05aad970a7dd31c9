/**
 * Asana's limits at team scale, with the sandbox limited to the free plan's 150 requests a minute
 * per token (FACTS §6): a reviewer's week of 20 people × 50 entries, and a year's report of one
 * category over 20,000 entries, each loaded through the background as the options page asks for
 * it. Reported: requests (and how many Asana answered 429), the time, the peak number of requests
 * in flight, and whether every 429 was handled (the load finished with every entry).
 */
import type { Harness } from '../e2e/harness.ts';
import type { Sandbox } from '../sandbox/index.ts';
import { addDays } from '../sandbox/dates.ts';
import { waitForQuiet } from './sandbox-traffic.ts';

export interface LoadFigures {
  what: string;
  entriesExpected: number;
  entriesLoaded: number;
  requests: number;
  rateLimited: number;
  ms: number;
  peakInFlight: number;
  /** The load ended with an error (a 429 left unhandled would be one). */
  error: string | null;
}

export interface TeamScaleFigures {
  perMinute: number;
  reviewerWeek: LoadFigures;
  categoryYear: LoadFigures;
}

/** The Monday of `date`'s week (YYYY-MM-DD). */
function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, day === 0 ? -6 : 1 - day);
}

/** Adds the team: `people` users who each logged `perPerson` entries last week and submitted it, with the demo user as their reviewer; and one category with `reportEntries` entries over the past year. */
export function createTeamWorld(sandbox: Sandbox, counts = { people: 20, perPerson: 50, reportEntries: 20_000 }) {
  const { world, seed } = sandbox;
  const workspace = seed.workspaces.main.gid;
  const project = seed.projects.website.gid;
  const week = mondayOf(addDays(world.today(), -7));
  const people = Array.from({ length: counts.people }, (_, i) => world.addUser({ name: `Team member ${i + 1}` }));
  for (const person of people) {
    const task = world.addTask({ name: `Team: ${person.name}'s work`, projects: [project] });
    for (let i = 0; i < counts.perPerson; i++) {
      world.addEntry({ task: task.gid, created_by: person.gid, entered_on: addDays(week, i % 5), duration_minutes: 15 + (i % 8) * 15 });
    }
    world.addReviewer(person.gid, seed.users.me.gid, workspace);
    world.setWeekStatus(person.gid, week, 'SUBMITTED', { workspace });
  }
  const category = world.addCategory({ name: 'Bench: a year of client work', workspace });
  const tasks = Array.from({ length: 20 }, (_, i) => world.addTask({ name: `Report task ${i + 1}`, projects: [project] }));
  const start = addDays(world.today(), -365);
  for (let i = 0; i < counts.reportEntries; i++) {
    world.addEntry({ task: tasks[i % tasks.length]!.gid, categories: [category.gid], entered_on: addDays(start, i % 365), duration_minutes: 30 });
  }
  return { workspace, week, people, category: category.gid, start, end: world.today(), counts };
}

async function timedLoad(sandbox: Sandbox, what: string, expected: number, load: () => Promise<{ entries: number; error: string | null }>): Promise<LoadFigures> {
  const mark = sandbox.stats.mark();
  sandbox.stats.peakInFlight = { ...sandbox.stats.inFlight };
  const began = performance.now();
  const { entries, error } = await load();
  const ms = performance.now() - began;
  const requests = sandbox.stats.since(mark).filter((r) => r.area === 'api');
  return {
    what,
    entriesExpected: expected,
    entriesLoaded: entries,
    requests: requests.length,
    rateLimited: requests.filter((r) => r.status === 429).length,
    ms,
    peakInFlight: sandbox.stats.peakInFlight.get,
    error,
  };
}

/**
 * Loads both with the sandbox at `perMinute` (then restores its limit). The reviewer's week: the
 * submitted weeks (`timesheet.reviewable`), then every person's entries of that week at once, as
 * the review view shows them side by side.
 */
export async function measureTeamScale(harness: Harness, sandbox: Sandbox, team: ReturnType<typeof createTeamWorld>, perMinute = 150): Promise<TeamScaleFigures> {
  const before = sandbox.limits.perMinute;
  // One extension page for every message (the harness opens a page per message otherwise).
  const page = await harness.context.newPage();
  await page.goto(harness.extensionUrl('popup.html'));
  await waitForQuiet(sandbox, 500);
  sandbox.limits.perMinute = perMinute;
  try {
    const reviewerWeek = await timedLoad(sandbox, `a reviewer's week: ${team.counts.people} people × ${team.counts.perPerson} entries`, team.counts.people * team.counts.perPerson, async () => {
      const weeks = await harness.message('timesheet.reviewable', { workspaceGid: team.workspace, start: team.week });
      if (!weeks.ok) return { entries: 0, error: weeks.error?.message ?? 'refused' };
      const users: string[] = weeks.data.map((w: { user: { gid: string } }) => w.user.gid);
      const lists = await Promise.all(users.map((user) => harness.message('entries.query', { workspace: team.workspace, user, start: team.week, end: addDays(team.week, 6) })));
      const failed = lists.find((l) => !l.ok);
      // The seed's own people may have submitted weeks too: count the team's entries.
      const team_ = new Set(team.people.map((p) => p.gid));
      const loaded = lists.flatMap((l) => (l.ok ? (l.data as Array<{ created_by: { gid: string } | null }>) : [])).filter((e) => e.created_by && team_.has(e.created_by.gid));
      return { entries: loaded.length, error: failed ? (failed.error?.message ?? 'refused') : null };
    });
    const categoryYear = await timedLoad(sandbox, `a year's category report: ${team.counts.reportEntries.toLocaleString('en')} entries`, team.counts.reportEntries, async () => {
      const report = await harness.message('categories.entries', { categoryGid: team.category, start: team.start, end: team.end });
      return report.ok ? { entries: report.data.length, error: null } : { entries: 0, error: report.error?.message ?? 'refused' };
    });
    return { perMinute, reviewerWeek, categoryYear };
  } finally {
    sandbox.limits.perMinute = before;
    await page.close();
  }
}
