/**
 * The tasks the benchmark opens, added to the sandbox's world before any page loads (the
 * sandbox's app embeds its task list in the page, and the widget anchors to a found task's pane).
 */
import type { Sandbox } from '../sandbox/index.ts';
import { formatMinutes } from '../e2e/harness.ts';

export interface BenchTask {
  gid: string;
  /** Entries Asana holds for it. */
  entries: number;
  /** The path the app navigates to (V1 URL with its project). */
  path: string;
  /** The total the widget must show, e.g. "41 h 15 min". */
  total: string;
}

export interface BenchWorld {
  /** Where every page starts (a small task, opened once before any measurement). */
  start: BenchTask;
  /** Distinct small tasks (10-89 entries, one page each) for the cold and revisit timings. */
  navigation: BenchTask[];
  /** One task per entry count of the request budget table (c). */
  budget: BenchTask[];
  /** Tasks with {@link LARGE_TASK_ENTRIES} entries for figure (f). */
  large: BenchTask[];
  /** One task with {@link HUGE_TASK_ENTRIES} entries: a revisit must be as quick as for ten. */
  huge: BenchTask;
}

export const BUDGET_ENTRY_COUNTS = [0, 99, 100, 101, 250, 5000] as const;
export const LARGE_TASK_ENTRIES = 5000;
export const HUGE_TASK_ENTRIES = 50_000;

/** Adds the benchmark's tasks (in the main workspace, project "website", entries by three people). */
export function createBenchWorld(sandbox: Sandbox, counts: { navigation: number; large: number }): BenchWorld {
  const { world, seed } = sandbox;
  const project = seed.projects.website.gid;
  const workspace = seed.workspaces.main.gid;
  const authors = [seed.users.me.gid, seed.users.alex.gid, seed.users.sam.gid];

  const add = (name: string, entries: number): BenchTask => {
    const task = world.addTask({ name, projects: [project] });
    if (entries > 0) world.addEntries(task.gid, entries, authors);
    const minutes = world.entriesOfTask(task.gid).reduce((s, e) => s + e.duration_minutes, 0);
    return { gid: task.gid, entries, path: `/1/${workspace}/project/${project}/task/${task.gid}`, total: formatMinutes(minutes) };
  };

  return {
    start: add('Bench: start here', 12),
    navigation: Array.from({ length: counts.navigation }, (_, i) => add(`Bench: navigation ${i + 1}`, 10 + ((i * 37) % 80))),
    budget: BUDGET_ENTRY_COUNTS.map((n) => add(`Bench: ${n} entries`, n)),
    large: Array.from({ length: counts.large }, (_, i) => add(`Bench: large ${i + 1}`, LARGE_TASK_ENTRIES)),
    huge: add('Bench: huge', HUGE_TASK_ENTRIES),
  };
}
