/**
 * Time tracking categories. Workspace-scoped; any member may manage them (Asana restricts this to
 * admins — the sandbox has no roles). Deleting a category removes it from the entries that had it
 * (their time stays; `categories` becomes []). Lists are in creation (gid) order.
 */
import { isValidDate } from '../dates.ts';
import { badRequest, forbidden, unknownObject } from '../errors.ts';
import { gidKey } from '../pagination.ts';
import { CATEGORY_COLORS, type CategoryColor, type CategoryRecord, type EntryRecord } from '../types.ts';
import { compareEntries } from '../world.ts';
import {
  canSeeWorkspace, list, one, readData, requireTimeTracking, requireWorkspace, type ApiContext, type ApiResult,
} from './context.ts';
import { entryKey } from './entries.ts';

function requireCategory(ctx: ApiContext): CategoryRecord {
  const gid = ctx.params.time_tracking_category_gid as string;
  const cat = ctx.world.categories.get(gid);
  if (!cat) throw unknownObject('time_tracking_category', gid);
  if (!canSeeWorkspace(ctx.user, cat.workspace)) throw forbidden('You do not have access to this time tracking category.');
  requireTimeTracking(ctx, cat.workspace);
  return cat;
}

function readName(value: unknown): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw badRequest('name', 'Missing input');
  }
  if (typeof value !== 'string') throw badRequest('name', `Must be a string, got ${JSON.stringify(value)}.`);
  return value;
}

function readColor(value: unknown): CategoryColor {
  if (typeof value !== 'string' || !(CATEGORY_COLORS as readonly string[]).includes(value)) {
    throw badRequest('color', `Must be one of ${CATEGORY_COLORS.join(', ')}, got ${JSON.stringify(value)}.`);
  }
  return value as CategoryColor;
}

export function getCategories(ctx: ApiContext): ApiResult {
  const wsGid = ctx.query.get('workspace');
  if (!wsGid) throw badRequest('workspace', 'Missing input');
  const ws = requireWorkspace(ctx, wsGid);
  requireTimeTracking(ctx, ws.gid);
  const raw = ctx.query.get('is_archived');
  let archived = false;
  if (raw !== null && raw !== '') {
    if (raw !== 'true' && raw !== 'false') throw badRequest('is_archived', `Must be true or false, got ${JSON.stringify(raw)}.`);
    archived = raw === 'true';
  }
  const cats = [...ctx.world.categories.values()]
    .filter((c) => c.workspace === ws.gid && c.is_archived === archived)
    .sort((a, b) => (gidKey(a.gid) < gidKey(b.gid) ? -1 : 1));
  return list(ctx, cats, (c) => gidKey(c.gid), (c) => ctx.res.category(c), ['workspace', 'is_archived']);
}

export function createCategory(ctx: ApiContext): ApiResult {
  const data = readData(ctx);
  if (data.workspace === undefined || data.workspace === null || data.workspace === '') throw badRequest('workspace', 'Missing input');
  if (typeof data.workspace !== 'string') throw badRequest('workspace', 'Must be a workspace gid.');
  const ws = requireWorkspace(ctx, data.workspace);
  requireTimeTracking(ctx, ws.gid);
  const name = readName(data.name);
  const color = data.color === undefined ? 'none' : readColor(data.color);
  const cat = ctx.world.addCategory({ workspace: ws.gid, name, color, is_archived: false });
  return one(ctx, ctx.res.category(cat), 201, { Location: `${ctx.apiBase}/time_tracking_categories/${cat.gid}` });
}

export function getCategory(ctx: ApiContext): ApiResult {
  return one(ctx, ctx.res.category(requireCategory(ctx)));
}

export function updateCategory(ctx: ApiContext): ApiResult {
  const cat = requireCategory(ctx);
  const data = readData(ctx);
  const changes: Partial<CategoryRecord> = {};
  if ('name' in data) changes.name = readName(data.name);
  if ('color' in data) changes.color = readColor(data.color);
  if ('is_archived' in data) {
    if (typeof data.is_archived !== 'boolean') throw badRequest('is_archived', `Must be a boolean, got ${JSON.stringify(data.is_archived)}.`);
    changes.is_archived = data.is_archived;
  }
  Object.assign(cat, changes);
  return one(ctx, ctx.res.category(cat));
}

export function deleteCategory(ctx: ApiContext): ApiResult {
  const cat = requireCategory(ctx);
  ctx.world.categories.delete(cat.gid);
  for (const e of ctx.world.entries.values()) {
    if (e.categories.includes(cat.gid)) e.categories = e.categories.filter((g) => g !== cat.gid);
  }
  return { status: 200, body: { data: {} } };
}

export function getCategoryEntries(ctx: ApiContext): ApiResult {
  const cat = requireCategory(ctx);
  const start = ctx.query.get('start_date') || null;
  const end = ctx.query.get('end_date') || null;
  for (const [name, value] of [['start_date', start], ['end_date', end]] as const) {
    if (value !== null && !isValidDate(value)) throw badRequest(name, `Must be a date in YYYY-MM-DD format, got ${JSON.stringify(value)}.`);
  }
  const entries: EntryRecord[] = [];
  for (const e of ctx.world.entries.values()) {
    if (!e.categories.includes(cat.gid)) continue;
    const t = ctx.world.tasks.get(e.task);
    if (!t || !canSeeWorkspace(ctx.user, t.workspace)) continue;
    if ((start && e.entered_on < start) || (end && e.entered_on > end)) continue;
    entries.push(e);
  }
  entries.sort(compareEntries);
  return list(ctx, entries, entryKey, (e) => ctx.res.entry(e), ['start_date', 'end_date']);
}
