/**
 * The supporting read endpoints the extension touches: users, workspaces, a task, typeahead.
 */
import { badRequest, unknownObject } from '../errors.ts';
import { render, type Resource } from '../fields.ts';
import { gidKey } from '../pagination.ts';
import { compareGids } from '../world.ts';
import { canSeeWorkspace, findUser, list, one, requireTask, requireWorkspace, type ApiContext, type ApiResult } from './context.ts';

/** GET /users/{me|gid|email}. Users sharing no workspace with the caller are unknown (404). */
export function getUser(ctx: ApiContext): ApiResult {
  const ref = ctx.params.user_gid as string;
  const user = findUser(ctx, ref);
  if (!user || !user.workspaces.some((w) => canSeeWorkspace(ctx.user, w))) throw unknownObject('user', ref);
  return one(ctx, ctx.res.user(user));
}

/** GET /workspaces: the caller's workspaces, paged. */
export function getWorkspaces(ctx: ApiContext): ApiResult {
  const workspaces = ctx.user.workspaces.flatMap((g) => ctx.world.workspaces.get(g) ?? []).sort((a, b) => compareGids(a.gid, b.gid));
  return list(ctx, workspaces, (w) => gidKey(w.gid), (w) => ctx.res.workspace(w));
}

/** GET /tasks/{gid}: full record; `actual_time_minutes` only via opt_fields (opt-in). */
export function getTask(ctx: ApiContext): ApiResult {
  const task = requireTask(ctx, ctx.params.task_gid as string, 'task_gid');
  return one(ctx, ctx.res.task(task));
}

const TYPEAHEAD_TYPES = ['actor', 'agent', 'custom_field', 'goal', 'project', 'project_template', 'portfolio', 'tag',
  'task', 'team', 'user'];

/**
 * GET /workspaces/{gid}/typeahead. Case-insensitive substring match on the name; names starting
 * with the query come first; a single page of `count` (1..100, default 20). Types the sandbox
 * does not model (tag, team, goal…) return an empty list.
 */
export function typeahead(ctx: ApiContext): ApiResult {
  const ws = requireWorkspace(ctx, ctx.params.workspace_gid as string, 'workspace_gid');
  const type = ctx.query.get('resource_type') || ctx.query.get('type') || 'user';
  if (!TYPEAHEAD_TYPES.includes(type)) {
    throw badRequest('resource_type', `Must be one of ${TYPEAHEAD_TYPES.join(', ')}, got ${JSON.stringify(type)}.`);
  }
  const rawCount = ctx.query.get('count');
  let count = 20;
  if (rawCount !== null && rawCount !== '') {
    if (!/^\d+$/.test(rawCount) || Number(rawCount) < 1 || Number(rawCount) > 100) {
      throw badRequest('count', `Must be an integer between 1 and 100, got ${JSON.stringify(rawCount)}.`);
    }
    count = Number(rawCount);
  }
  const query = (ctx.query.get('query') ?? '').toLowerCase();
  const w = ctx.world;
  let candidates: Array<{ name: string; resource: () => Resource; mine: boolean }> = [];
  if (type === 'task') {
    candidates = [...w.tasks.values()].filter((t) => t.workspace === ws.gid)
      .map((t) => ({ name: t.name, resource: () => ctx.res.task(t), mine: t.assignee === ctx.user.gid && !t.completed }));
  } else if (type === 'project') {
    candidates = [...w.projects.values()].filter((p) => p.workspace === ws.gid)
      .map((p) => ({ name: p.name, resource: () => ctx.res.project(p), mine: false }));
  } else if (type === 'portfolio') {
    candidates = [...w.portfolios.values()].filter((p) => p.workspace === ws.gid)
      .map((p) => ({ name: p.name, resource: () => ctx.res.portfolio(p), mine: false }));
  } else if (type === 'user' || type === 'actor') {
    candidates = [...w.users.values()].filter((u) => u.workspaces.includes(ws.gid))
      .map((u) => ({ name: u.name, resource: () => ctx.res.user(u), mine: u.gid === ctx.user.gid }));
  }
  const rank = (c: { name: string; mine: boolean }) => (c.name.toLowerCase().startsWith(query) ? 0 : 2) + (c.mine ? 0 : 1);
  const hits = candidates.filter((c) => c.name.toLowerCase().includes(query))
    .map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).slice(0, count);
  const data = hits.map(({ c }) => {
    const r = c.resource();
    // Typeahead answers AsanaNamedResource: gid, resource_type, name (or the requested fields).
    return ctx.fields ? render(r, ctx.fields) : { gid: r.gid, resource_type: r.resource_type, name: c.name };
  });
  return { status: 200, body: { data } };
}
