/**
 * The shape of everything the extension stores, as valibot schemas. Every read from storage is
 * checked against these (lib/storage/read.ts); what fails is kept aside, never silently dropped.
 * Types are inferred from the schemas, so what is stored and what the code expects cannot drift.
 */
import * as v from 'valibot';
import { t } from '../i18n';
import { IDLE_RANGE } from '../idle';
import { APPROVAL_STATUSES, BILLABLE_STATUSES } from '../asana/constants';
import { APPROVAL_TRANSITIONS } from '../asana/constants';
import { CategoryFields, CategoryPatch, Description, EntryFields, EntryPatch, Gid, IsoDate, OpId, TargetRef } from '../asana/input-schemas';
import { BudgetSchema, CategorySchema, EntrySchema, NamedSchema, TimesheetApprovalStatusSchema } from '../asana/schemas';

const Ms = v.pipe(v.number(), v.finite());
const ErrorInfo = v.nullable(v.object({ code: v.string(), message: v.string() }));

/** Who a stored thing belongs to: the Asana user (gid, and the name shown to other accounts). */
export const OwnerSchema = v.object({ gid: Gid, name: v.string() });
export type Owner = v.InferOutput<typeof OwnerSchema>;

// ---- the account ------------------------------------------------------------------------------

/**
 * The connected account as views see it. `refused`: Asana no longer accepts the saved sign-in
 * (a 401 that a refresh could not cure); every view says so and offers to reconnect.
 */
export const AccountSchema = v.object({
  method: v.picklist(['pat', 'oauth']),
  user: v.object({ gid: Gid, name: v.string(), email: v.string() }),
  workspaces: v.array(v.object({ gid: Gid, name: v.string() })),
  connectedAt: Ms,
  status: v.picklist(['connected', 'refused']),
});
export type Account = v.InferOutput<typeof AccountSchema>;

// ---- per-user settings, timer, recent tasks ---------------------------------------------------

const Int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
/** 0 (off) or 1 to 240 minutes. */
export const IdleMinutes = Int(0, IDLE_RANGE.max);
const MinuteOfDay = Int(0, 24 * 60);
/** The reminders' choices (lib/reminders.ts): days 0 (Sunday) to 6, times in minutes after midnight. */
export const ReminderPrefsSchema = v.pipe(
  v.strictObject({
    daily: v.boolean(),
    long: v.boolean(),
    days: v.pipe(v.array(Int(0, 6)), v.maxLength(7)),
    at: Int(0, 24 * 60 - 1),
    targetMinutes: Int(1, 24 * 60),
    from: MinuteOfDay,
    to: MinuteOfDay,
  }),
  v.check((p) => p.from < p.to, () => t('vReminderHours')),
);

export const SettingsSchema = v.object({
  /** The workspace the popup, categories and timesheet use. */
  workspaceGid: v.nullable(Gid),
  defaultCategoryGid: v.nullable(Gid),
  defaultBillable: v.nullable(v.picklist(BILLABLE_STATUSES)),
  /** A timer running longer than this (minutes) asks, on stopping, what to log (issue 14.1); settings stored before it get 8 h. */
  longTimerMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(10_080)), 480),
  /** Minutes without input before a running timer asks about the idle time (issue 18.1); 0: off; absent: 10 (lib/idle.ts). */
  idleMinutes: v.optional(IdleMinutes),
  /** The reminders (issue 18.2; lib/reminders.ts); absent: all off. */
  reminders: v.optional(ReminderPrefsSchema),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { workspaceGid: null, defaultCategoryGid: null, defaultBillable: null, longTimerMinutes: 480 };

export const TimerSchema = v.object({
  taskGid: Gid,
  taskName: v.string(),
  workspaceGid: v.nullable(Gid),
  projectGid: v.nullable(Gid),
  /** ms since epoch. Elapsed time is always derived from it, so it is exact across restarts. */
  startedAt: Ms,
  /**
   * What the run is logged with (issue 18.4), set when it starts or while it runs: the entry's
   * description ('' for none), category and billable status (null: the Preferences' defaults).
   * v2; a v1 timer gets none of them (lib/storage/migrations.ts).
   */
  description: Description,
  categoryGid: v.nullable(Gid),
  billable: v.nullable(v.picklist(BILLABLE_STATUSES)),
});
export type TimerState = v.InferOutput<typeof TimerSchema>;

/** The idle-time question waiting for an answer (lib/idle.ts `IdleQuestion`). */
export const IdleQuestionSchema = v.object({ taskGid: Gid, taskName: v.string(), startedAt: Ms, idleFrom: Ms, idleTo: Ms });
export type IdleQuestionState = v.InferOutput<typeof IdleQuestionSchema>;

export const RecentTaskSchema = v.object({ gid: Gid, name: v.string(), workspaceGid: v.nullable(Gid), at: Ms });
export type RecentTask = v.InferOutput<typeof RecentTaskSchema>;

// ---- caches of Asana's data ---------------------------------------------------------------------

/** What we know of a task beyond its entries (from `GET /tasks/{gid}`). */
export const TaskInfoSchema = v.object({
  gid: Gid,
  name: v.string(),
  projects: v.array(NamedSchema),
  workspace: v.nullable(NamedSchema),
  parent: v.nullable(NamedSchema),
  permalink_url: v.nullable(v.string()),
  resource_subtype: v.nullable(v.string()),
  /** Asana's "Estimated time" in minutes (absent in caches from before estimates were read). */
  estimateMinutes: v.optional(v.nullable(v.number()), null),
});
export type TaskInfo = v.InferOutput<typeof TaskInfoSchema>;

/** A project's budget as the widget and timesheet show it, cached per user and project. */
export const BudgetCacheSchema = v.object({
  projectGid: Gid,
  /** Asana's budget, or null when the project has none. */
  budget: v.nullable(BudgetSchema),
  fetchedAt: Ms,
});
export type BudgetCache = v.InferOutput<typeof BudgetCacheSchema>;

/** One user's Monday-to-Sunday week as Asana's timesheet approvals have it, cached for views. */
export const WeekStatusSchema = v.object({
  /** Whose week, and its Monday. */
  user: Gid,
  start: IsoDate,
  /** Asana's record, or null when it has none yet (a draft week nobody has submitted). */
  status: v.nullable(TimesheetApprovalStatusSchema),
  fetchedAt: Ms,
});
export type WeekStatus = v.InferOutput<typeof WeekStatusSchema>;

/** How many of the task's entries an author logged, and their minutes. */
const AuthorTotals = v.object({ count: v.number(), minutes: v.number() });

/**
 * What views know of a task: its totals as last fetched from Asana (every page), its newest
 * entries, and its details when known. Small whatever the task's size: every view and every Asana
 * tab reads it, and a revisit shows it at once. The full list is the background's
 * (lib/background/entry-store.ts), asked for a page at a time.
 */
export const TaskCacheSchema = v.object({
  gid: Gid,
  /** Entries Asana holds for the task. */
  count: v.number(),
  totalMinutes: v.number(),
  /** By author's gid ("" for an entry without one). */
  authors: v.record(v.string(), AuthorTotals),
  /** The newest entries (HEAD_ENTRIES in ./keys.ts), newest first. */
  head: v.array(EntrySchema),
  /** When the entries were last fetched in full (ms since epoch); 0: never. */
  fetchedAt: Ms,
  /** When Asana last confirmed them (a full fetch, or a matching total on revisit). */
  checkedAt: Ms,
  info: v.nullable(TaskInfoSchema),
  /** The last refresh failed with this message (figures shown are from the cache). */
  error: ErrorInfo,
});
export type TaskCache = v.InferOutput<typeof TaskCacheSchema>;

export const CategoryCacheSchema = v.object({ workspaceGid: Gid, categories: v.array(CategorySchema), fetchedAt: Ms });
export type CategoryCache = v.InferOutput<typeof CategoryCacheSchema>;

/** The most recently opened tasks' caches (task gid → ms), for eviction. */
export const TaskIndexSchema = v.record(Gid, Ms);

/**
 * The user's own entries in their workspace from `from` on (Asana's answer to the timesheet's
 * query, `GET /time_tracking_entries?user=…`), newest first, kept current by every write of
 * theirs Asana accepts: what the popup's day, week and last entries are drawn from (issue 18.5).
 */
export const MyEntriesSchema = v.object({ workspaceGid: Gid, from: IsoDate, fetchedAt: Ms, entries: v.array(EntrySchema) });
export type MyEntries = v.InferOutput<typeof MyEntriesSchema>;

// ---- the outbox -----------------------------------------------------------------------------

const OpCommon = {
  id: OpId,
  /** Whose write it is: it is only ever sent while that account is connected. */
  user: OwnerSchema,
  /** The workspace it belongs to (an entry's: its task's, when known). */
  workspaceGid: v.nullable(Gid),
  createdAt: Ms,
  /** The entry or category: Asana's gid, or `local-<op id>` for one still waiting to be created. */
  targetGid: TargetRef,
  state: v.picklist(['pending', 'sending', 'failed']),
  attempts: v.pipe(v.number(), v.integer(), v.minValue(0)),
  nextAttemptAt: Ms,
  /** Not before this time (ms): the undo window of a delete. */
  notBefore: Ms,
  /** When it was first sent (ms): a create that may have landed is looked for from then on. */
  sentAt: v.nullable(Ms),
  /** A send may have been applied without our knowing (dropped connection, 5xx, unreadable answer). */
  uncertain: v.boolean(),
  /** The last failure: Asana's reason when `failed`, the retry reason when `pending`. */
  error: ErrorInfo,
};
const TaskName = v.nullable(v.string());

/**
 * One waiting write, by kind. The request body (`data`) is validated as strictly as the message
 * that asked for it, so what is read back is what will be sent.
 */
export const OutboxOpSchema = v.variant('kind', [
  v.object({
    kind: v.literal('entry.create'), ...OpCommon, taskGid: Gid, taskName: TaskName, data: EntryFields,
    /** Entries of the same shape that existed when the create was first sent: not ours. */
    knownGids: v.array(Gid),
  }),
  // baseMinutes: the entry's minutes when the change was made, for totals while it waits (the entry may be beyond the views' pages).
  v.object({ kind: v.literal('entry.update'), ...OpCommon, taskGid: Gid, taskName: TaskName, data: EntryPatch, baseMinutes: v.optional(v.number()) }),
  v.object({ kind: v.literal('entry.delete'), ...OpCommon, taskGid: Gid, taskName: TaskName, baseMinutes: v.optional(v.number()) }),
  v.object({ kind: v.literal('category.create'), ...OpCommon, workspaceGid: Gid, data: CategoryFields }),
  v.object({ kind: v.literal('category.update'), ...OpCommon, workspaceGid: Gid, data: CategoryPatch }),
  v.object({ kind: v.literal('category.delete'), ...OpCommon, workspaceGid: Gid }),
  /**
   * A timesheet week's approval status moved (submit, recall, approve, reject). Its target is
   * the week itself (`local-week-<user>-<yyyymmdd>`, then Asana's record gid), so that changes of
   * one week run in order.
   */
  v.object({
    kind: v.literal('timesheet.transition'), ...OpCommon, workspaceGid: Gid,
    data: v.object({
      /** Whose week (the reviewer acts on someone else's). */
      user: Gid,
      /** Its Monday. */
      start: IsoDate,
      to: v.picklist(APPROVAL_TRANSITIONS),
      message: v.optional(v.pipe(v.string(), v.maxLength(2_000))),
    }),
  }),
]);
export type OutboxOp = v.InferOutput<typeof OutboxOpSchema>;
export type OpKind = OutboxOp['kind'];
export type EntryOp = Extract<OutboxOp, { kind: `entry.${string}` }>;
export type CategoryOp = Extract<OutboxOp, { kind: `category.${string}` }>;
export type WeekOp = Extract<OutboxOp, { kind: 'timesheet.transition' }>;

export const OutboxSchema = v.object({
  ops: v.array(OutboxOpSchema),
  /** Entries found by checking after an uncertain create, so two identical creates never claim the same one. */
  claimed: v.array(Gid),
  /**
   * Local ids of creates Asana accepted → Asana's gids (the most recent). A view can still hold
   * the local id for a moment: a change or delete sent with it must reach the entry Asana created.
   */
  renamed: v.record(TargetRef, Gid),
});
export type OutboxState = v.InferOutput<typeof OutboxSchema>;
export const emptyOutbox = (): OutboxState => ({ ops: [], claimed: [], renamed: {} });

/** The user's own Asana app for OAuth (the client id; its secret is in the vault). */
export const OAuthAppSchema = v.object({ clientId: v.pipe(v.string(), v.regex(/^\d{1,30}$/)) });
export type OAuthApp = v.InferOutput<typeof OAuthAppSchema>;

// ---- the widget's remembered layout -----------------------------------------------------------

/**
 * How the widget was left: the "Time tracking" row among Asana's fields opened in place, the
 * quick form's extra fields and the entry list, open or not.
 */
export const UiPrefsSchema = v.object({ open: v.optional(v.boolean(), false), details: v.boolean(), entries: v.boolean() });
export type UiPrefs = v.InferOutput<typeof UiPrefsSchema>;
export const DEFAULT_UI_PREFS: UiPrefs = { open: false, details: false, entries: false };

const Distance = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100_000));
/** Where the floating widget was left (px from the window's right and bottom), and whether collapsed to a pill. */
export const FloatingPrefsSchema = v.object({ right: Distance, bottom: Distance, collapsed: v.boolean() });
export type FloatingPrefs = v.InferOutput<typeof FloatingPrefsSchema>;

/** Where the widget found its place on the last Asana task page, for the options page's self-check. No names or ids. */
export const PAGE_PLACES = ['fields', 'after-fields', 'after-title', 'after-toolbar', 'floating', 'mismatch'] as const;
export const PageReportSchema = v.object({
  at: Ms,
  /** The anchor the widget was placed by, or why it floated (no anchor found; the pane showed another task). */
  place: v.picklist(PAGE_PLACES),
  theme: v.picklist(['light', 'dark']),
  /** What the theme was read from: Asana's body class, painted colours, or the system setting. */
  themeFrom: v.picklist(['asana', 'painted', 'system']),
  /** When the pane last named another task than the URL (epoch ms), or null. */
  mismatchAt: v.nullable(Ms),
});
export type PageReport = v.InferOutput<typeof PageReportSchema>;

// ---- what could not be read ------------------------------------------------------------------

/** Stored data that failed its schema (or was written by something other than the background). */
export const RecoveredSchema = v.object({
  key: v.string(),
  /** The value as it was found. */
  value: v.unknown(),
  reason: v.string(),
  at: Ms,
});
export type Recovered = v.InferOutput<typeof RecoveredSchema>;

export { APPROVAL_STATUSES };
