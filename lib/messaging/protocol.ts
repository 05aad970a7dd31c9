/**
 * The typed protocol between the extension's contexts and the background. Every request is
 * defined once here: its payload schema (checked in the background with valibot), its response
 * type, and who may send it. UI code imports only types from this file (`import type`), so the
 * schemas never land in the content script's bundle.
 */
import * as v from 'valibot';
import type { Category, Entry, Named, Workspace } from '../asana/schemas';
import { BILLABLE_STATUSES, CATEGORY_COLORS } from '../asana/constants';
import { CHANNEL } from './channel';
import type { OutboxOp, WriteResult } from '../outbox';
import type { SessionState } from '../auth/session';
import type { TaskInfo, TimerState } from '../store';

const Gid = v.pipe(v.string(), v.regex(/^\d{1,20}$/, 'must be an Asana id (digits)'));
/** An entry id: Asana's, or a local id for an entry still waiting in the outbox. */
const EntryRef = v.pipe(v.string(), v.regex(/^(\d{1,20}|local-[a-z0-9-]{6,40})$/, 'must be an entry id'));
const OpId = v.pipe(v.string(), v.regex(/^[a-z0-9-]{6,40}$/, 'must be an operation id'));
const IsoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)'),
  v.check((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'must be a real date'),
);
const Minutes = v.pipe(v.number(), v.integer('must be whole minutes'), v.minValue(1, 'must be at least 1 minute'), v.maxValue(1440, 'must be at most 24 h'));
const Description = v.pipe(v.string(), v.maxLength(10_000, 'is too long (10,000 characters at most)'));
const Billable = v.picklist(BILLABLE_STATUSES, 'must be billable, nonBillable or notApplicable');
const Color = v.picklist(CATEGORY_COLORS, "must be one of Asana's 16 colours");
const CategoryName = v.pipe(v.string(), v.trim(), v.minLength(1, 'needs a name'), v.maxLength(200, 'name is too long'));
const Empty = v.optional(v.strictObject({}), {});
const TaskName = v.optional(v.pipe(v.string(), v.maxLength(2000)));

const EntryFields = v.strictObject({
  duration_minutes: Minutes,
  entered_on: IsoDate,
  description: v.optional(Description),
  categories: v.optional(v.pipe(v.array(Gid), v.maxLength(1, 'an entry can have one category at most'))),
  billable_status: v.optional(Billable),
  attributable_to: v.optional(Gid),
});
/**
 * An object field whose every key is optional. valibot's object schemas accept an array for an
 * object (`typeof [] === 'object'`), which made `patch: []` a valid (empty) change.
 */
const ObjectOnly = <S extends v.GenericSchema>(schema: S) =>
  v.pipe(v.custom<v.InferInput<S>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'must be an object'), schema);
const EntryPatch = ObjectOnly(v.partial(EntryFields));

/** Payload schemas, by request type. */
export const requestSchemas = {
  'session.get': Empty,
  'session.connectToken': v.strictObject({ token: v.pipe(v.string(), v.trim(), v.minLength(1, 'Paste your personal access token first.'), v.maxLength(500, 'That is too long for a personal access token.')) }),
  'session.saveOAuthApp': v.strictObject({
    clientId: v.pipe(v.string(), v.trim(), v.regex(/^\d{1,30}$/, 'The client ID is the number Asana shows for your app.')),
    clientSecret: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  }),
  'session.connectOAuth': Empty,
  'session.signOut': Empty,
  'session.refreshWorkspaces': Empty,

  'task.get': v.strictObject({ taskGid: Gid, fresh: v.optional(v.boolean()) }),
  'task.refresh': v.strictObject({ taskGid: Gid, force: v.optional(v.boolean()) }),

  'entries.get': v.strictObject({ taskGid: Gid, entryGid: Gid }),
  'entries.create': v.strictObject({ taskGid: Gid, taskName: TaskName, workspaceGid: v.optional(Gid), entry: EntryFields }),
  'entries.update': v.strictObject({ taskGid: Gid, entryGid: EntryRef, patch: EntryPatch }),
  'entries.delete': v.strictObject({ taskGid: Gid, entryGid: EntryRef, undoWindowMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(30_000))) }),
  'entries.query': v.strictObject({
    workspace: Gid,
    start: IsoDate,
    end: IsoDate,
    user: v.optional(Gid),
    attributable_to: v.optional(Gid),
    portfolio: v.optional(Gid),
    task: v.optional(Gid),
  }),

  'outbox.cancel': v.strictObject({ opId: OpId }),
  'outbox.retry': v.strictObject({ opId: v.optional(OpId), entry: v.optional(EntryPatch) }),

  'categories.list': v.strictObject({ workspaceGid: Gid, archived: v.optional(v.boolean()), refresh: v.optional(v.boolean()) }),
  'categories.get': v.strictObject({ categoryGid: Gid }),
  'categories.create': v.strictObject({ workspaceGid: Gid, name: CategoryName, color: Color }),
  'categories.update': v.strictObject({
    workspaceGid: Gid,
    categoryGid: EntryRef,
    patch: ObjectOnly(v.strictObject({ name: v.optional(CategoryName), color: v.optional(Color), is_archived: v.optional(v.boolean()) })),
  }),
  'categories.delete': v.strictObject({ workspaceGid: Gid, categoryGid: EntryRef }),
  'categories.entries': v.strictObject({ categoryGid: Gid, start: v.optional(IsoDate), end: v.optional(IsoDate) }),

  'typeahead.tasks': v.strictObject({ workspaceGid: Gid, query: v.pipe(v.string(), v.maxLength(200)) }),
  'typeahead.search': v.strictObject({ workspaceGid: Gid, query: v.pipe(v.string(), v.maxLength(200)), resourceType: v.picklist(['project', 'user', 'portfolio']) }),

  'timer.start': v.strictObject({ taskGid: Gid, taskName: TaskName, workspaceGid: v.optional(Gid), projectGid: v.optional(Gid) }),
  'timer.stop': Empty,
  'timer.discard': Empty,

  'ui.openOptions': Empty,
} as const;

export type RequestType = keyof typeof requestSchemas;
export type RequestPayload<K extends RequestType> = v.InferInput<(typeof requestSchemas)[K]>;
export type ValidPayload<K extends RequestType> = v.InferOutput<(typeof requestSchemas)[K]>;

/** What each request answers. */
export interface Responses {
  'session.get': SessionState;
  'session.connectToken': SessionState;
  'session.saveOAuthApp': SessionState;
  'session.connectOAuth': SessionState;
  'session.signOut': SessionState;
  'session.refreshWorkspaces': SessionState;
  'task.get': TaskInfo;
  'task.refresh': { requests: number };
  'entries.get': Entry;
  'entries.create': WriteResult<Entry>;
  'entries.update': WriteResult<Entry>;
  'entries.delete': WriteResult<null>;
  'entries.query': Entry[];
  'outbox.cancel': { cancelled: boolean };
  'outbox.retry': { queued: number };
  'categories.list': Category[];
  'categories.get': Category;
  'categories.create': WriteResult<Category>;
  'categories.update': WriteResult<Category>;
  'categories.delete': WriteResult<null>;
  'categories.entries': Entry[];
  'typeahead.tasks': TaskInfo[];
  'typeahead.search': Named[];
  'timer.start': { timer: TimerState; stopped: { taskName: string; minutes: number } | null };
  'timer.stop': { minutes: number; elapsedSeconds: number; write: WriteResult<Entry> } | null;
  'timer.discard': null;
  'ui.openOptions': null;
}

/**
 * Requests a content script may send. The content script lives inside Asana's page, so it gets
 * the task-level operations only: account, categories admin, searches and reports need an
 * extension page (popup or options).
 */
export const CONTENT_SCRIPT_ALLOWED: ReadonlySet<RequestType> = new Set<RequestType>([
  'session.get', 'task.get', 'task.refresh', 'entries.get', 'entries.create', 'entries.update', 'entries.delete',
  'outbox.cancel', 'outbox.retry', 'categories.list', 'timer.start', 'timer.stop', 'timer.discard', 'ui.openOptions',
]);

export interface RequestEnvelope<K extends RequestType = RequestType> {
  channel: typeof CHANNEL;
  type: K;
  payload: RequestPayload<K>;
}

export type ResponseEnvelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export type { OutboxOp, Workspace };
export { CHANNEL };
