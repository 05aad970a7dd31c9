/**
 * What every API handler receives and returns, plus the helpers they share: object lookups with
 * Asana's 404/403/402 rules, the `{data}` envelope, default/opt_fields rendering and paging.
 */
import { ApiError, badRequest, forbidden, paymentRequired, unknownObject } from '../errors.ts';
import { render, type FieldTree, type Resource } from '../fields.ts';
import { paginate, readPageRequest, type OffsetCodec } from '../pagination.ts';
import type { Resources } from '../resources.ts';
import type { TaskRecord, TokenRecord, UserRecord, WorkspaceRecord } from '../types.ts';
import type { World } from '../world.ts';

export interface ApiContext {
  world: World;
  user: UserRecord;
  token: TokenRecord;
  method: string;
  /** Path relative to /api/1.0, e.g. `/tasks/123/time_tracking_entries`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when the request had none). */
  body: unknown;
  /** opt_fields (query and body `options.fields`), or null for the default representation. */
  fields: FieldTree | null;
  res: Resources;
  offsets: OffsetCodec;
  /** Absolute API base as the client addressed it, e.g. `https://app.asana.com:8443/api/1.0`. */
  apiBase: string;
}

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: ApiContext) => ApiResult | Promise<ApiResult>;

/** A single object in its full representation (or projected on opt_fields). */
export function one(ctx: ApiContext, resource: Resource, status = 200, headers?: Record<string, string>): ApiResult {
  return { status, body: { data: render(resource, ctx.fields ?? 'full') }, headers };
}

/**
 * A list in compact representation (or projected), paged. `scopeParams` are the query parameters
 * that define the list (filters) — an offset only works for the same list.
 */
export function list<T>(
  ctx: ApiContext, items: readonly T[], keyOf: (item: T) => string, toResource: (item: T) => Resource,
  scopeParams: readonly string[] = [],
): ApiResult {
  const page = readPageRequest(ctx.query);
  const scope = [ctx.user.gid, ctx.path, ...scopeParams.map((p) => `${p}=${ctx.query.get(p) ?? ''}`)].join('\n');
  const { items: pageItems, nextPage } = paginate(items, keyOf, page, ctx.offsets, scope, ctx.path, ctx.query, ctx.apiBase);
  const data = pageItems.map((item) => render(toResource(item), ctx.fields ?? 'compact'));
  return { status: 200, body: nextPage === undefined ? { data } : { data, next_page: nextPage } };
}

/** The `data` object of a write body; 400 when absent or not an object. */
export function readData(ctx: ApiContext): Record<string, unknown> {
  const body = ctx.body;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('data', 'Missing input');
  }
  const data = (body as { data?: unknown }).data;
  if (data === undefined || data === null) throw badRequest('data', 'Missing input');
  if (typeof data !== 'object' || Array.isArray(data)) throw badRequest('data', 'Must be an object');
  return data as Record<string, unknown>;
}

export function canSeeWorkspace(user: UserRecord, workspaceGid: string): boolean {
  return user.workspaces.includes(workspaceGid);
}

/** A workspace the user belongs to (404 unknown, 403 not a member). */
export function requireWorkspace(ctx: ApiContext, gid: string, param = 'workspace'): WorkspaceRecord {
  const ws = ctx.world.workspaces.get(gid);
  if (!ws) throw unknownObject(param, gid);
  if (!canSeeWorkspace(ctx.user, gid)) throw forbidden('You do not have access to this workspace.');
  return ws;
}

/** A task the user can see (404 unknown, 403 in a workspace the user is not in). */
export function requireTask(ctx: ApiContext, gid: string, param = 'task'): TaskRecord {
  const task = ctx.world.tasks.get(gid);
  if (!task) throw unknownObject(param, gid);
  if (!canSeeWorkspace(ctx.user, task.workspace)) throw forbidden('You do not have access to this task.');
  return task;
}

/** 402 when the workspace's plan has no time tracking. */
export function requireTimeTracking(ctx: ApiContext, workspaceGid: string): void {
  const ws = ctx.world.workspaces.get(workspaceGid);
  if (ws && !ws.time_tracking) throw paymentRequired();
}

/** The user named by a path/query value: `me`, a gid or an email. */
export function findUser(ctx: ApiContext, ref: string): UserRecord | undefined {
  if (ref === 'me') return ctx.user;
  const byGid = ctx.world.users.get(ref);
  if (byGid) return byGid;
  const lower = ref.toLowerCase();
  for (const u of ctx.world.users.values()) if (u.email.toLowerCase() === lower) return u;
  return undefined;
}

export { ApiError };
