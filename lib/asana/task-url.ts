/**
 * Finding the task from an Asana web-app URL. We read the URL, never Asana's DOM: the URL shapes
 * are documented and stable (V0 "will still be supported indefinitely"), class names are not.
 * Rules and their sources: tests/fixtures/asana/task-urls.json and FACTS.md §12.
 */

const ASANA_HOST = 'app.asana.com';
const GID = /^\d{1,20}$/;

/** What a task URL tells us beyond the task: the project or workspace it was opened in. */
export interface TaskUrlInfo {
  taskGid: string;
  /** The project the task was opened from, when the URL names one (default for attribution). */
  projectGid: string | null;
  /** The workspace, when the URL names it (V1 URLs always do). */
  workspaceGid: string | null;
}

const isGid = (s: string | undefined): s is string => s !== undefined && GID.test(s);

/**
 * The task gid in an Asana task URL, or null when the URL shows no single task (a project, a
 * list, inbox, home, another host, or not a URL at all). Never throws.
 *
 * @example parseTaskGid('https://app.asana.com/0/120/456/f') // '456'
 */
export function parseTaskGid(url: string): string | null {
  return parseTaskUrl(url)?.taskGid ?? null;
}

/** Like {@link parseTaskGid}, plus the project and workspace the URL names. Never throws. */
export function parseTaskUrl(url: string): TaskUrlInfo | null {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return null;
  }
  if (parsed.hostname !== ASANA_HOST) return null;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const seg = parsed.pathname.split('/').filter(Boolean);
  if (seg[0] === '1') return parseV1(seg);
  if (seg[0] === '0') return parseV0(seg, parsed.searchParams);
  return null;
}

/** V1: /1/{workspace}/.../task/{task}[/comment/{story}]; the gid right after `task` is the task. */
function parseV1(seg: string[]): TaskUrlInfo | null {
  const workspaceGid = isGid(seg[1]) ? seg[1] : null;
  if (!workspaceGid) return null;
  const taskAt = seg.indexOf('task', 2);
  const taskGid = taskAt > 0 ? seg[taskAt + 1] : undefined;
  if (!isGid(taskGid)) return null;
  const projectAt = seg.indexOf('project', 2);
  const projectGid = projectAt > 0 && projectAt < taskAt && isGid(seg[projectAt + 1]) ? seg[projectAt + 1]! : null;
  return { taskGid, projectGid, workspaceGid };
}

/** V0: /0/{container}/{task}[/f], /0/search/{x}/{task}, /0/search?child=, /0/inbox/{user}/{task}/{story}, /0/home/{ws}/{task}. */
function parseV0(seg: string[], query: URLSearchParams): TaskUrlInfo | null {
  const kind = seg[1];
  const task = (taskGid: string | undefined, projectGid: string | null = null, workspaceGid: string | null = null) =>
    isGid(taskGid) ? { taskGid, projectGid, workspaceGid } : null;
  switch (kind) {
    case 'search': {
      const fromPath = task(seg[3]);
      if (fromPath) return fromPath;
      return task(query.get('child') ?? undefined);
    }
    case 'inbox':
      // /0/inbox/{user}/{task}/{story}: the middle gid is the task, the last one a story.
      return task(seg[3]);
    case 'home':
      return task(seg[3], null, isGid(seg[2]) ? seg[2] : null);
    default: {
      if (!isGid(kind)) return null; // portfolio, goals, my-apps, ...
      const second = seg[2];
      // /0/{p}/{p} is an old project permalink, not a task.
      if (!isGid(second) || second === kind) return null;
      return task(second, kind === '0' ? null : kind);
    }
  }
}
