/**
 * The typed protocol between the extension's contexts and the background. Every request is
 * defined once here: its payload schema (checked in the background with valibot), its response
 * type, and who may send it. UI code imports only types from this file (`import type`), so the
 * schemas never land in the content script's bundle.
 */
import { t } from '../i18n';
import * as v from 'valibot';
import { APPROVAL_TRANSITIONS } from '../asana/constants';
import type { Budget, Category, Entry, Named, TimesheetApprovalStatus, Workspace } from '../asana/schemas';
import { Billable, CategoryName, CategoryPatch, Color, Description, EntryFields, EntryPatch, Gid, IsoDate, Minutes, ObjectOnly, OpId, TargetRef } from '../asana/input-schemas';
import { CHANNEL } from './channel';
import type { OutboxOp, WriteResult } from '../outbox';
import type { SessionState } from '../auth/session';
import type { DurationReading } from '../duration';
import { IdleMinutes, PAGE_PLACES, ReminderPrefsSchema, type FloatingPrefs, type Settings, type TaskInfo, type TimerState, type UiPrefs, type WeekStatus } from '../storage/schemas';

/** A task's estimate and its actual time (everyone's), in minutes; null where Asana has none. */
export interface TaskEstimateFigures {
  estimateMinutes: number | null;
  actualMinutes: number | null;
}

/** What signing out would leave behind: the user's waiting changes and running timer. */
export interface SignOutPreview {
  changes: Array<{ opId: string; kind: OutboxOp['kind']; taskName: string | null; description: string }>;
  timer: { taskName: string; startedAt: number } | null;
}

/** What "Remove all data from this browser" would discard, of every account on this browser. */
export interface RemoveAllPreview {
  /** Waiting changes (not yet accepted by Asana), of every account. */
  changes: number;
  /** Running timers, of every account. */
  timers: number;
}

const Empty = v.optional(v.strictObject({}), {});
/** How much of a name we keep for display when a page passes one (never a reason to refuse a request). */
export const NAME_DISPLAY_LENGTH = 300;
/**
 * A task name from a view: only for display (the background reads the real one from Asana when
 * it needs it), so a long one is cut, never refused. (A 2,505-character name once made every log
 * fail.)
 */
const TaskName = v.optional(v.pipe(v.string(), v.transform((s) => (s.length > NAME_DISPLAY_LENGTH ? `${s.slice(0, NAME_DISPLAY_LENGTH - 1)}…` : s))));
const EntryRef = TargetRef;
const Distance = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100_000));
/** What a running timer is logged with (issue 18.4): each field left out stays as it is; null clears it. */
const TimerNotes = ObjectOnly(v.strictObject({ description: v.optional(Description), categoryGid: v.optional(v.nullable(Gid)), billable: v.optional(v.nullable(Billable)) }));

/** Payload schemas, by request type. */
export const requestSchemas = {
  'session.get': Empty,
  'session.connectToken': v.strictObject({ token: v.pipe(v.string(), v.trim(), v.minLength(1, () => t('pasteTokenFirst')), v.maxLength(500, () => t('vTokenLong'))) }),
  'session.saveOAuthApp': v.strictObject({
    clientId: v.pipe(v.string(), v.trim(), v.regex(/^\d{1,30}$/, () => t('vClientId'))),
    clientSecret: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  }),
  'session.connectOAuth': Empty,
  'session.signOutPreview': Empty,
  'session.signOut': v.strictObject({ pending: v.optional(v.picklist(['keep', 'discard'], () => t('vKeepDiscard')), 'keep') }),
  'session.refreshWorkspaces': Empty,
  'settings.update': v.strictObject({
    workspaceGid: v.optional(v.nullable(Gid)),
    defaultCategoryGid: v.optional(v.nullable(Gid)),
    defaultBillable: v.optional(v.nullable(Billable)),
    longTimerMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(10_080))),
    idleMinutes: v.optional(IdleMinutes),
    reminders: v.optional(ReminderPrefsSchema),
  }),
  'ui.setPrefs': v.strictObject({ open: v.optional(v.boolean()), details: v.optional(v.boolean()), entries: v.optional(v.boolean()) }),
  'ui.setFloating': v.strictObject({ right: Distance, bottom: Distance, collapsed: v.boolean() }),
  /** What the widget found on an Asana task page (no names or ids), for the self-check. */
  'page.report': v.strictObject({ place: v.picklist(PAGE_PLACES), theme: v.picklist(['light', 'dark']), themeFrom: v.picklist(['asana', 'painted', 'system']), mismatch: v.boolean() }),
  'storage.discardRecovered': Empty,
  /** What removing everything would discard (extension pages only). */
  'storage.removeAllPreview': Empty,
  /** Removes everything the extension keeps in this browser and signs out (extension pages only). */
  'storage.removeAll': Empty,

  'task.get': v.strictObject({ taskGid: Gid, fresh: v.optional(v.boolean()) }),
  'task.refresh': v.strictObject({ taskGid: Gid, force: v.optional(v.boolean()) }),

  'entries.get': v.strictObject({ taskGid: Gid, entryGid: Gid }),
  'entries.create': v.strictObject({ taskGid: Gid, taskName: TaskName, workspaceGid: v.optional(Gid), entry: EntryFields }),
  'entries.update': v.strictObject({ taskGid: Gid, entryGid: EntryRef, patch: EntryPatch }),
  'entries.delete': v.strictObject({ taskGid: Gid, entryGid: EntryRef, undoWindowMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(30_000))) }),
  /** Whether the popup may act on the task of tab `tabId` (its pane may show another; lib/background/tab-panes.ts). */
  'tab.guard': v.strictObject({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)), taskGid: Gid }),
  /** The rest of the widget (its entry list and sync notices), put into the asking page's world when it first needs them. */
  'page.loadMore': Empty,
  /** More of a task's entries, newest first, beyond its summary's head (lib/task-summary.ts). */
  'entries.page': v.strictObject({ taskGid: Gid, offset: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)), limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)) }),
  /** What the widget's duration box shows for what was typed (the parser lives here, not in the page). */
  'duration.read': v.strictObject({ text: v.pipe(v.string(), v.maxLength(200, () => t('vDurationLong'))), date: v.optional(IsoDate) }),
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
  /** `taskGid` moves a refused new entry (`opId`) to another task, e.g. when its own was deleted (issue 14.3). */
  'outbox.retry': v.strictObject({ opId: v.optional(OpId), entry: v.optional(EntryPatch), taskGid: v.optional(Gid) }),

  'categories.list': v.strictObject({ workspaceGid: Gid, archived: v.optional(v.boolean()), refresh: v.optional(v.boolean()) }),
  'categories.get': v.strictObject({ categoryGid: Gid }),
  'categories.create': v.strictObject({ workspaceGid: Gid, name: CategoryName, color: Color }),
  'categories.update': v.strictObject({
    workspaceGid: Gid,
    categoryGid: EntryRef,
    patch: CategoryPatch,
  }),
  'categories.delete': v.strictObject({ workspaceGid: Gid, categoryGid: EntryRef }),
  'categories.entries': v.strictObject({ categoryGid: Gid, start: v.optional(IsoDate), end: v.optional(IsoDate) }),

  'timesheet.week': v.strictObject({ workspaceGid: Gid, start: IsoDate, user: v.optional(Gid) }),
  'timesheet.reviewable': v.strictObject({ workspaceGid: Gid, start: IsoDate }),
  'timesheet.transition': v.strictObject({
    workspaceGid: Gid,
    start: IsoDate,
    /** Whose week (absent: mine). */
    user: v.optional(Gid),
    to: v.picklist(APPROVAL_TRANSITIONS, () => t('vTransition')),
    message: v.optional(v.pipe(v.string(), v.maxLength(2_000, () => t('vMessageLong')))),
  }),
  'budget.get': v.strictObject({ projectGid: Gid }),
  /** The tasks' estimates beside their actual time, for the timesheet's rows. */
  'tasks.estimates': v.strictObject({ taskGids: v.pipe(v.array(Gid), v.minLength(1), v.maxLength(100)) }),

  'typeahead.tasks': v.strictObject({ workspaceGid: Gid, query: v.pipe(v.string(), v.maxLength(200)) }),
  'typeahead.search': v.strictObject({ workspaceGid: Gid, query: v.pipe(v.string(), v.maxLength(200)), resourceType: v.picklist(['project', 'user', 'portfolio']) }),

  'timer.start': v.strictObject({ taskGid: Gid, taskName: TaskName, workspaceGid: v.optional(Gid), projectGid: v.optional(Gid), notes: v.optional(TimerNotes) }),
  /** Sets what the running timer is logged with (its description, category, billable status). */
  'timer.notes': TimerNotes,
  /**
   * A run that needs a choice (lib/timer-run.ts) is stopped only with one: `log: 'all'` (by day)
   * or `'one'` (`minutes` on `date`, one of the run's days), for the run that started at `startedAt`.
   */
  'timer.stop': v.optional(
    v.strictObject({ log: v.optional(v.picklist(['all', 'one'])), minutes: v.optional(Minutes), date: v.optional(IsoDate), startedAt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))) }),
    {},
  ),
  /** Moves the running timer's start (the time it was really started; never in the future). */
  'timer.adjust': v.strictObject({ startedAt: v.pipe(v.number(), v.integer(), v.check((at) => at <= Date.now() + 1_000, 'cannot be in the future'), v.check((at) => at >= Date.now() - 31 * 86_400_000, 'cannot be more than 31 days ago')) }),
  'timer.discard': Empty,
  /** The answer to the idle-time question (lib/idle.ts), for the run it was asked about. */
  'idle.answer': v.strictObject({ answer: v.picklist(['keep', 'stop', 'drop'], () => t('vIdleAnswer')), startedAt: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
  /** Reads the signed-in user's own recent entries afresh, for the popup's day and week (extension pages only). */
  'day.refresh': Empty,

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
  'session.signOutPreview': SignOutPreview;
  'session.signOut': SessionState;
  'session.refreshWorkspaces': SessionState;
  'settings.update': Settings;
  'ui.setPrefs': UiPrefs;
  'ui.setFloating': FloatingPrefs;
  'page.report': null;
  'storage.discardRecovered': null;
  'storage.removeAllPreview': RemoveAllPreview;
  /** Signed out, with nothing left in the browser. */
  'storage.removeAll': SessionState;
  'task.get': TaskInfo;
  /** `totalMinutes`: the task's total as Asana has it now (null when it could not be read). */
  'task.refresh': { requests: number; totalMinutes: number | null };
  'entries.get': Entry;
  'entries.create': WriteResult<Entry>;
  'entries.update': WriteResult<Entry>;
  'entries.delete': WriteResult<null>;
  'duration.read': DurationReading;
  'page.loadMore': null;
  'tab.guard': { reason: string | null };
  'entries.page': { entries: Entry[]; count: number };
  'entries.query': Entry[];
  'outbox.cancel': { cancelled: boolean };
  'outbox.retry': { queued: number };
  'categories.list': Category[];
  'categories.get': Category;
  'categories.create': WriteResult<Category>;
  'categories.update': WriteResult<Category>;
  'categories.delete': WriteResult<null>;
  'categories.entries': Entry[];
  'timesheet.week': WeekStatus;
  'timesheet.reviewable': TimesheetApprovalStatus[];
  'timesheet.transition': WriteResult<TimesheetApprovalStatus>;
  'budget.get': Budget | null;
  /** By task gid; a task Asana did not answer for is left out. */
  'tasks.estimates': Record<string, TaskEstimateFigures>;
  'typeahead.tasks': TaskInfo[];
  'typeahead.search': Named[];
  'timer.start': { timer: TimerState; stopped: { taskName: string; minutes: number } | null };
  'timer.stop': { minutes: number; elapsedSeconds: number; write: WriteResult<Entry>; parts: Array<{ date: string; minutes: number }> } | null;
  'timer.adjust': TimerState | null;
  'timer.notes': TimerState | null;
  'timer.discard': null;
  /** What the answer did: the entry logged for a stop, the moved timer for a drop. */
  'idle.answer': { answer: 'keep' | 'stop' | 'drop'; stopped: Responses['timer.stop']; timer: TimerState | null };
  /** How many of the user's entries are kept; null without a workspace. */
  'day.refresh': { count: number } | null;
  'ui.openOptions': null;
}

/**
 * Requests a content script may send. The content script lives inside Asana's page, so it gets
 * the task-level operations only: account, categories admin, searches and reports need an
 * extension page (popup or options). The task typeahead is the exception: a refused entry's Fix
 * moves it to another task found by name (issue 14.3), and task names are what Asana's own page,
 * around the widget, already searches and shows.
 */
export const CONTENT_SCRIPT_ALLOWED: ReadonlySet<RequestType> = new Set<RequestType>([
  'session.get', 'task.get', 'task.refresh', 'entries.get', 'entries.create', 'entries.update', 'entries.delete',
  'outbox.cancel', 'outbox.retry', 'typeahead.tasks', 'categories.list', 'timer.start', 'timer.stop', 'timer.adjust', 'timer.notes', 'timer.discard', 'idle.answer', 'ui.openOptions', 'ui.setPrefs', 'ui.setFloating', 'page.report', 'budget.get', 'duration.read', 'entries.page', 'page.loadMore',
]);

export interface RequestEnvelope<K extends RequestType = RequestType> {
  channel: typeof CHANNEL;
  type: K;
  payload: RequestPayload<K>;
}

export type ResponseEnvelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export type { OutboxOp, Workspace };
export { CHANNEL };
