/**
 * Timesheet approval statuses: one record per user, workspace and Monday-to-Sunday week, moved
 * between DRAFT, SUBMITTED, APPROVED and REJECTED by PUT. Contract:
 * tests/fixtures/asana/approvals-budgets.openapi.yaml; facts: FACTS.md §14.
 *
 * Choices where Asana's docs are silent (also in README):
 * - Who may do what: the week's owner creates it, submits, recalls and resubmits; one of the
 *   owner's designated reviewers (`WorkspaceRecord.timesheet_reviewers`, never the owner) approves
 *   or rejects. Any other actor is a 403; an invalid transition is a 400 whoever asks.
 * - Every transition gives all the week's entries the new status (a recall: DRAFT).
 * - PUT works on a week with no entries; records are never created implicitly (logging time
 *   does not make one: POST does). A second record for the same week is a 400.
 * - Any member of the workspace may read every record of it (as entries of others are visible).
 * - Requests spell statuses in lower case and only in lower case; responses in capitals.
 * - `message` is kept in the record's history (`world.timesheets`); no API field returns it.
 */
import { addDays, isValidDate } from '../dates.ts';
import { addonRequired, badRequest, forbidden, unknownObject } from '../errors.ts';
import { gidKey } from '../pagination.ts';
import type { ApprovalStatus, TimesheetRecord, WorkspaceRecord } from '../types.ts';
import { weekdayName } from '../world.ts';
import { findUser, list, one, readData, requireWorkspace, type ApiContext, type ApiResult } from './context.ts';

/** The request spelling of each status (the spec's enum for PUT). */
const REQUEST_STATUSES: Record<string, ApprovalStatus> = {
  draft: 'DRAFT', submitted: 'SUBMITTED', approved: 'APPROVED', rejected: 'REJECTED',
};

/** Allowed transitions, and who may make each: the week's owner or one of their reviewers. */
const TRANSITIONS: Record<ApprovalStatus, Partial<Record<ApprovalStatus, 'owner' | 'reviewer'>>> = {
  DRAFT: { SUBMITTED: 'owner' },
  SUBMITTED: { DRAFT: 'owner', APPROVED: 'reviewer', REJECTED: 'reviewer' },
  REJECTED: { SUBMITTED: 'owner' },
  APPROVED: {},
};

/** 402 unless the workspace has the Timesheets & Budgets add-on. */
export function requireAddon(ctx: ApiContext, workspaceGid: string): void {
  if (!ctx.world.hasTimesheetsAddon(workspaceGid)) throw addonRequired();
}

/** A workspace the caller belongs to, with the add-on (404, 403, 402). */
function requireAddonWorkspace(ctx: ApiContext, gid: string): WorkspaceRecord {
  const ws = requireWorkspace(ctx, gid);
  requireAddon(ctx, ws.gid);
  return ws;
}

/** A record the caller can see (404 unknown, 403 not a member of its workspace, 402 no add-on). */
export function requireTimesheet(ctx: ApiContext, gid: string, param = 'timesheet_approval_status'): TimesheetRecord {
  const record = ctx.world.timesheets.get(gid);
  if (!record) throw unknownObject(param, gid);
  if (!ctx.user.workspaces.includes(record.workspace)) throw forbidden('You do not have access to this timesheet approval status.');
  requireAddon(ctx, record.workspace);
  return record;
}

function readDate(value: unknown, name: string): string {
  if (value === undefined || value === null || value === '') throw badRequest(name, 'Missing input');
  if (!isValidDate(value)) throw badRequest(name, `Must be a date in YYYY-MM-DD format, got ${JSON.stringify(value)}.`);
  return value;
}

const timesheetKey = (r: TimesheetRecord) => `${r.start_date}|${gidKey(r.gid)}`;

export function getTimesheets(ctx: ApiContext): ApiResult {
  const wsGid = ctx.query.get('workspace');
  if (!wsGid) throw badRequest('workspace', 'Missing input');
  const ws = requireAddonWorkspace(ctx, wsGid);
  const tests: Array<(r: TimesheetRecord) => boolean> = [(r) => r.workspace === ws.gid];
  const userRef = ctx.query.get('user');
  if (userRef) {
    const user = findUser(ctx, userRef);
    if (!user) throw unknownObject('user', userRef);
    tests.push((r) => r.user === user.gid);
  }
  // A week matches a date range when the two overlap.
  const from = ctx.query.get('from_date') ? readDate(ctx.query.get('from_date'), 'from_date') : null;
  if (from) tests.push((r) => r.end_date >= from);
  const to = ctx.query.get('to_date') ? readDate(ctx.query.get('to_date'), 'to_date') : null;
  if (to) tests.push((r) => r.start_date <= to);
  const statuses = ctx.query.get('approval_statuses');
  if (statuses) {
    const wanted = statuses.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = wanted.find((s) => !Object.hasOwn(REQUEST_STATUSES, s.toLowerCase()));
    if (bad !== undefined || wanted.length === 0) {
      throw badRequest('approval_statuses', `Must be one or more of draft, submitted, approved, rejected (comma-separated), got ${JSON.stringify(statuses)}.`);
    }
    const set = new Set(wanted.map((s) => REQUEST_STATUSES[s.toLowerCase()]));
    tests.push((r) => set.has(r.approval_status));
  }
  const records = [...ctx.world.timesheets.values()].filter((r) => tests.every((t) => t(r)));
  records.sort((a, b) => (timesheetKey(a) < timesheetKey(b) ? -1 : 1));
  return list(ctx, records, timesheetKey, (r) => ctx.res.timesheet(r), ['workspace', 'user', 'from_date', 'to_date', 'approval_statuses']);
}

export function createTimesheet(ctx: ApiContext): ApiResult {
  const data = readData(ctx);
  for (const field of ['user', 'workspace'] as const) {
    if (data[field] === undefined || data[field] === null || data[field] === '') throw badRequest(field, 'Missing input');
    if (typeof data[field] !== 'string') throw badRequest(field, `Must be a gid string, got ${JSON.stringify(data[field])}.`);
  }
  const ws = requireAddonWorkspace(ctx, data.workspace as string);
  const user = findUser(ctx, data.user as string);
  if (!user || !user.workspaces.includes(ws.gid)) throw unknownObject('user', data.user as string);
  const start = readDate(data.start_date, 'start_date');
  if (weekdayName(start) !== 'Monday') throw badRequest('start_date', `Must be a Monday, got ${start} (a ${weekdayName(start)}).`);
  const end = readDate(data.end_date, 'end_date');
  const sunday = addDays(start, 6);
  if (end !== sunday) throw badRequest('end_date', `Must be the Sunday after start_date (${sunday}), got ${end}.`);
  if (user.gid !== ctx.user.gid && !ctx.world.reviewersOf(user.gid, ws.gid).includes(ctx.user.gid)) {
    throw forbidden('You can only create timesheet approval statuses for yourself or for the people whose timesheets you review.');
  }
  const existing = ctx.world.timesheetFor(user.gid, ws.gid, start);
  if (existing) throw badRequest('start_date', `A timesheet approval status already exists for this user and week: ${existing.gid}.`);
  const record = ctx.world.addTimesheet({ user: user.gid, workspace: ws.gid, start_date: start });
  return one(ctx, ctx.res.timesheet(record), 201, { Location: `${ctx.apiBase}/timesheet_approval_statuses/${record.gid}` });
}

export function getTimesheet(ctx: ApiContext): ApiResult {
  return one(ctx, ctx.res.timesheet(requireTimesheet(ctx, ctx.params.timesheet_approval_status_gid as string)));
}

export function updateTimesheet(ctx: ApiContext): ApiResult {
  const record = requireTimesheet(ctx, ctx.params.timesheet_approval_status_gid as string);
  const data = readData(ctx);
  const raw = data.approval_status;
  if (raw === undefined || raw === null || raw === '') throw badRequest('approval_status', 'Missing input');
  if (typeof raw !== 'string' || !Object.hasOwn(REQUEST_STATUSES, raw)) {
    throw badRequest('approval_status', `Must be one of submitted, draft, approved, rejected, got ${JSON.stringify(raw)}.`);
  }
  const message = data.message;
  if (message !== undefined && message !== null && typeof message !== 'string') {
    throw badRequest('message', `Must be a string, got ${JSON.stringify(message)}.`);
  }
  const from = record.approval_status;
  const to = REQUEST_STATUSES[raw] as ApprovalStatus;
  const actor = TRANSITIONS[from][to];
  if (!actor) {
    const allowed = Object.keys(TRANSITIONS[from]).map((s) => s.toLowerCase());
    throw badRequest('approval_status', `Cannot change a ${from} timesheet to ${raw}. ${allowed.length ? `Allowed from ${from}: ${allowed.join(', ')}.` : `A ${from} timesheet cannot change.`}`);
  }
  if (actor === 'owner' && ctx.user.gid !== record.user) {
    throw forbidden(`Only the person whose timesheet this is can ${to === 'DRAFT' ? 'recall' : 'submit'} it.`);
  }
  if (actor === 'reviewer' && (ctx.user.gid === record.user || !ctx.world.reviewersOf(record.user, record.workspace).includes(ctx.user.gid))) {
    throw forbidden(`Only a reviewer of this person's timesheets can ${to === 'APPROVED' ? 'approve' : 'reject'} it.`);
  }
  ctx.world.applyTimesheetStatus(record, to, ctx.user.gid, typeof message === 'string' && message !== '' ? message : null);
  return one(ctx, ctx.res.timesheet(record));
}
