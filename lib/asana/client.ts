/**
 * The one route to Asana. A single ofetch instance on https://app.asana.com/api/1.0: bearer auth,
 * every response parsed with valibot, typed errors, 429s honoured, safe requests retried with
 * backoff and jitter, and at most 50 GETs and 15 writes in flight. Only the background uses it.
 *
 * Writes are never retried here: a write whose outcome is unknown must be checked against Asana
 * before it is sent again, and that is the outbox's job (lib/outbox.ts), which also survives the
 * service worker stopping.
 */
import { ofetch } from 'ofetch';
import * as v from 'valibot';
import { addDays } from '../dates';
import { AsanaError, errorFromStatus, malformedError, networkError, notConnectedError } from './errors';
import { estimateFromCustomFields, type TaskEstimate } from './estimate';
import { Pool } from './limiter';
import { PAGE_SIZE, collectAll, paginate, type Page } from './pagination';
import {
  BudgetSchema, CATEGORY_FIELDS, CategorySchema, ENTRY_FIELDS, ENTRY_FIELDS_WITH_TASK, ESTIMATE_FIELDS, EmptySchema, EntrySchema,
  ErrorBodySchema, NamedSchema, TASK_FIELDS, TIMESHEET_FIELDS, TaskCustomFieldsSchema, TaskSchema, TimesheetApprovalStatusSchema,
  USER_FIELDS, UserSchema, WORKSPACE_FIELDS, WorkspaceSchema, dataOf, pageOf,
  type ApprovalTransition, type BillableStatus, type Budget, type Category, type CategoryColor, type Entry, type Named, type Task,
  type TimesheetApprovalStatus, type User, type Workspace,
} from './schemas';

export const ASANA_API = 'https://app.asana.com/api/1.0';

type Query = Record<string, string | number | boolean | undefined>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface AsanaClientOptions {
  baseURL?: string;
  /** The current access token, or null when not connected. Called before every attempt. */
  getToken: () => Promise<string | null>;
  /** Called once when Asana answers 401; resolve true if a fresh token is now available. */
  refreshToken?: () => Promise<boolean>;
  /** Asana refused the saved sign-in (401) and no refresh cured it: views must ask to reconnect. */
  onUnauthorized?: () => void;
  maxConcurrentGets?: number;
  maxConcurrentWrites?: number;
  /** Attempts for a GET before giving up (first try included). */
  maxGetAttempts?: number;
  timeoutMs?: number;
  /** Injected for tests of the backoff arithmetic; real timers otherwise. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface CreateEntryInput {
  duration_minutes: number;
  entered_on?: string;
  attributable_to?: string;
  categories?: string[];
  billable_status?: BillableStatus;
  description?: string;
}
export type UpdateEntryInput = Partial<CreateEntryInput>;

export interface EntryFilters {
  task?: string;
  attributable_to?: string;
  portfolio?: string;
  user?: string;
  workspace?: string;
  entered_on_start_date?: string;
  entered_on_end_date?: string;
  timesheet_approval_status?: string;
}

export interface TimesheetFilters {
  workspace: string;
  user?: string;
  /** Weeks from this date on (YYYY-MM-DD). */
  from_date?: string;
  /** Weeks up to this date. */
  to_date?: string;
  /** Only weeks in one of these statuses. */
  approval_statuses?: readonly ApprovalTransition[];
}

/** `POST /timesheet_approval_statuses`: a week is a Monday and the following Sunday. */
export interface CreateTimesheetInput {
  user: string;
  workspace: string;
  start_date: string;
  end_date: string;
}

/** `PUT /timesheet_approval_statuses/{gid}`: submit, recall (draft), approve or reject, with an optional note. */
export interface UpdateTimesheetInput {
  approval_status: ApprovalTransition;
  message?: string;
}

export interface CategoryInput {
  name?: string;
  color?: CategoryColor;
  is_archived?: boolean;
}

/**
 * First retry delay for a GET. Not shorter: after a few 5xx answers Chromium itself holds back an
 * extension's requests to that URL for a growing while (its extension request throttling: the
 * request fails at once, as a network error, without reaching Asana), so retries that come too
 * fast are spent on the browser, not on Asana.
 */
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 8_000;
const MAX_RETRY_AFTER_WAIT_MS = 60_000;
/**
 * How long one read may wait out 429s in all. A 429 is Asana pacing us, not a failure: a long
 * read (a year's report is 200 pages; the free plan allows 150 requests a minute) is paced
 * through many of them, so they are not counted as attempts; only this much waiting in total is.
 */
const MAX_RATE_LIMITED_MS = 5 * 60_000;

export type AsanaClient = ReturnType<typeof createAsanaClient>;

/** Creates the Asana client. One per background; it keeps the concurrency pools and 429 cool-down. */
export function createAsanaClient(options: AsanaClientOptions) {
  const baseURL = options.baseURL ?? ASANA_API;
  const gets = new Pool(options.maxConcurrentGets ?? 50);
  const writes = new Pool(options.maxConcurrentWrites ?? 15);
  const maxGetAttempts = options.maxGetAttempts ?? 5;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  /** Asana's limits are per token: after a 429 every request waits until Retry-After has passed. */
  let coolDownUntil = 0;
  const api = ofetch.create({
    baseURL,
    retry: 0,
    timeout: options.timeoutMs ?? 30_000,
    ignoreResponseError: true,
    responseType: 'text',
    headers: { Accept: 'application/json' },
    // The saved sign-in, read before every attempt (an OAuth token may have been refreshed since).
    // A request that names its own token (checking one before it is saved) keeps it.
    async onRequest({ options: o }) {
      const own = o.headers.has('Authorization');
      let token = own ? null : await options.getToken();
      // A 429 may have come in while this request waited for a slot or for the token: it waits
      // out Retry-After too, checked here, the last moment before it goes (then reads the token
      // again: it may have been refreshed meanwhile).
      if (await waitOutCoolDown() && !own) token = await options.getToken();
      if (own) return;
      if (!token) throw notConnectedError();
      o.headers.set('Authorization', `Bearer ${token}`);
    },
    // 429: every request of this token waits out Retry-After, not only the one that got it.
    onResponse({ response }) {
      if (response.status !== 429) return;
      // Asana sends Retry-After with every 429 (FACTS §6); without it, wait a first backoff step.
      const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
      coolDownUntil = Math.max(coolDownUntil, Date.now() + (Number.isFinite(retryAfter) ? retryAfter * 1000 : backoff(1)));
    },
  });

  /**
   * Sleeps until the cool-down is over, and again if a longer Retry-After came in meanwhile (a
   * request already on the wire when the first 429 came can bring one). At most
   * MAX_RETRY_AFTER_WAIT_MS at a time. True when it slept.
   */
  async function waitOutCoolDown(): Promise<boolean> {
    let slept = false;
    for (let until = coolDownUntil; until > Date.now(); until = coolDownUntil) {
      await sleep(Math.min(until - Date.now(), MAX_RETRY_AFTER_WAIT_MS));
      slept = true;
      if (coolDownUntil <= until) break; // nothing longer came in while this slept
    }
    return slept;
  }

  /** Exponential backoff with "equal jitter": between half and all of 1 s, 2 s, 4 s… (capped). */
  const backoff = (attempt: number) => {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (ceiling / 2) * random());
  };

  async function request<S extends v.GenericSchema>(method: Method, path: string, schema: S, init: { query?: Query; body?: unknown; token?: string } = {}): Promise<v.InferOutput<S>> {
    const isWrite = method !== 'GET';
    let refreshed = false;
    let rateLimitedSince: number | null = null;
    for (let attempt = 1; ; attempt++) {
      await waitOutCoolDown();

      let outcome: { status: number; text: string; retryAfter: string | null } | AsanaError;
      const release = await (isWrite ? writes : gets).acquire();
      try {
        const res = await api.raw<string>(path, {
          method,
          query: cleanQuery(init.query),
          body: init.body === undefined ? undefined : JSON.stringify({ data: init.body }),
          headers: { ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}), ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        });
        outcome = { status: res.status, text: typeof res._data === 'string' ? res._data : '', retryAfter: res.headers.get('retry-after') };
      } catch (error) {
        if (error instanceof AsanaError) throw error;
        outcome = networkError(isWrite, networkProblem(error));
      } finally {
        release();
      }

      let failure: AsanaError;
      if (outcome instanceof AsanaError) {
        failure = outcome;
      } else if (outcome.status >= 200 && outcome.status < 300) {
        const parsed = parseBody(outcome.text, schema);
        if (parsed.ok) return parsed.value;
        failure = malformedError(parsed.problem, isWrite);
      } else {
        const body = parseBody(outcome.text, ErrorBodySchema);
        const first = body.ok ? body.value.errors[0] : undefined;
        const retryAfterMs = outcome.retryAfter !== null && Number.isFinite(Number(outcome.retryAfter)) ? Number(outcome.retryAfter) * 1000 : undefined;
        failure = errorFromStatus(outcome.status, first?.message, { retryAfterMs, phrase: first?.phrase, isWrite });
        if (failure.code === 'unauthorized' && !init.token) {
          if (!refreshed && options.refreshToken) {
            refreshed = true;
            if (await options.refreshToken()) {
              attempt--; // a refreshed token is a fresh start, not a retry
              continue;
            }
          }
          options.onUnauthorized?.();
        }
      }

      if (failure.code === 'rate_limited' && !isWrite) {
        // The cool-down above waits for Retry-After before the next try, which is no new attempt.
        rateLimitedSince ??= Date.now();
        if (Date.now() - rateLimitedSince < MAX_RATE_LIMITED_MS) {
          attempt--;
          continue;
        }
      }
      if (isWrite || !failure.retryable || attempt >= maxGetAttempts) throw failure;
      if (failure.code !== 'rate_limited') await sleep(backoff(attempt));
    }
  }

  const fields = (opt_fields: string) => ({ opt_fields });

  /** Pages of a list endpoint, always `limit=100`, restarting on an expired offset. */
  function pages<S extends v.GenericSchema>(path: string, item: S, query: Query): AsyncGenerator<Page<v.InferOutput<S>>> {
    const pageSchema = pageOf(item);
    return paginate((offset) => request('GET', path, pageSchema, { query: { ...query, limit: PAGE_SIZE, offset } }));
  }

  return {
    /** The concurrency pools, for tests and benchmarks. */
    pools: { gets, writes },
    request,

    /** `GET /users/me`; with `token`, checks that token instead of the saved sign-in (same pools, same cool-down). */
    getMe: (token?: string): Promise<User> => request('GET', '/users/me', dataOf(UserSchema), { query: fields(USER_FIELDS), token }).then((r) => r.data),
    listWorkspaces: (): Promise<Workspace[]> => collectAll(pages('/workspaces', WorkspaceSchema, fields(WORKSPACE_FIELDS))),
    getTask: (taskGid: string): Promise<Task> =>
      request('GET', `/tasks/${enc(taskGid)}`, dataOf(TaskSchema), { query: fields(TASK_FIELDS) }).then((r) => r.data),
    typeahead: (workspaceGid: string, query: string, resourceType: 'task' | 'project' | 'user' | 'portfolio' = 'task', count = 20, optFields = 'name'): Promise<Named[]> =>
      request('GET', `/workspaces/${enc(workspaceGid)}/typeahead`, v.object({ data: v.array(NamedSchema) }), {
        query: { resource_type: resourceType, query, count, opt_fields: optFields },
      }).then((r) => r.data),
    typeaheadTasks: (workspaceGid: string, query: string, count = 20) =>
      request('GET', `/workspaces/${enc(workspaceGid)}/typeahead`, v.object({ data: v.array(TaskSchema) }), {
        query: { resource_type: 'task', query, count, opt_fields: 'name,projects,projects.name,workspace,parent,parent.name' },
      }).then((r) => r.data),

    /** Pages of a task's entries (for progress); see {@link listTaskEntries} for all of them. */
    taskEntryPages: (taskGid: string) => pages(`/tasks/${enc(taskGid)}/time_tracking_entries`, EntrySchema, fields(ENTRY_FIELDS_WITH_TASK)),
    listTaskEntries: (taskGid: string): Promise<Entry[]> => collectAll(pages(`/tasks/${enc(taskGid)}/time_tracking_entries`, EntrySchema, fields(ENTRY_FIELDS))),
    /** `GET /time_tracking_entries`: filtered by task, project, portfolio, user, workspace and dates. */
    listEntries: (filters: EntryFilters): Promise<Entry[]> =>
      collectAll(pages('/time_tracking_entries', EntrySchema, { ...filters, ...fields(ENTRY_FIELDS_WITH_TASK) })),
    getEntry: (entryGid: string): Promise<Entry> =>
      request('GET', `/time_tracking_entries/${enc(entryGid)}`, dataOf(EntrySchema), { query: fields(ENTRY_FIELDS_WITH_TASK) }).then((r) => r.data),
    createEntry: (taskGid: string, input: CreateEntryInput): Promise<Entry> =>
      request('POST', `/tasks/${enc(taskGid)}/time_tracking_entries`, dataOf(EntrySchema), { query: fields(ENTRY_FIELDS_WITH_TASK), body: input }).then((r) => r.data),
    updateEntry: (entryGid: string, input: UpdateEntryInput): Promise<Entry> =>
      request('PUT', `/time_tracking_entries/${enc(entryGid)}`, dataOf(EntrySchema), { query: fields(ENTRY_FIELDS_WITH_TASK), body: input }).then((r) => r.data),
    deleteEntry: (entryGid: string): Promise<void> => request('DELETE', `/time_tracking_entries/${enc(entryGid)}`, EmptySchema).then(() => undefined),

    /** `GET /timesheet_approval_statuses`: the weeks of a workspace, filtered, every page. */
    listTimesheetApprovalStatuses: (filters: TimesheetFilters): Promise<TimesheetApprovalStatus[]> =>
      collectAll(pages('/timesheet_approval_statuses', TimesheetApprovalStatusSchema, {
        ...filters, approval_statuses: filters.approval_statuses?.join(','), ...fields(TIMESHEET_FIELDS),
      })),
    /**
     * One user's week, or null when Asana has no record for it yet (logging time does not create
     * one: {@link createTimesheetApprovalStatus} does). The range is the whole week, so that it
     * matches whether Asana filters by overlap or by containment.
     */
    findTimesheetWeek: async (workspaceGid: string, userGid: string, monday: string): Promise<TimesheetApprovalStatus | null> => {
      const sunday = addDays(monday, 6);
      const weeks = await collectAll(pages('/timesheet_approval_statuses', TimesheetApprovalStatusSchema, {
        workspace: workspaceGid, user: userGid, from_date: monday, to_date: sunday, ...fields(TIMESHEET_FIELDS),
      }));
      return weeks.find((w) => w.start_date === monday) ?? null;
    },
    getTimesheetApprovalStatus: (gid: string): Promise<TimesheetApprovalStatus> =>
      request('GET', `/timesheet_approval_statuses/${enc(gid)}`, dataOf(TimesheetApprovalStatusSchema), { query: fields(TIMESHEET_FIELDS) }).then((r) => r.data),
    createTimesheetApprovalStatus: (input: CreateTimesheetInput): Promise<TimesheetApprovalStatus> =>
      request('POST', '/timesheet_approval_statuses', dataOf(TimesheetApprovalStatusSchema), { query: fields(TIMESHEET_FIELDS), body: input }).then((r) => r.data),
    updateTimesheetApprovalStatus: (gid: string, input: UpdateTimesheetInput): Promise<TimesheetApprovalStatus> =>
      request('PUT', `/timesheet_approval_statuses/${enc(gid)}`, dataOf(TimesheetApprovalStatusSchema), { query: fields(TIMESHEET_FIELDS), body: input }).then((r) => r.data),
    /** The entries of one week: `GET /time_tracking_entries?timesheet_approval_status=<gid>`. */
    listTimesheetEntries: (timesheetGid: string): Promise<Entry[]> =>
      collectAll(pages('/time_tracking_entries', EntrySchema, { timesheet_approval_status: timesheetGid, ...fields(ENTRY_FIELDS_WITH_TASK) })),

    /**
     * The project's budget (Asana allows at most one), or null when it has none. The list is not
     * paged and has no opt_fields in the spec: it answers the full budget.
     */
    getProjectBudget: (projectGid: string): Promise<Budget | null> =>
      request('GET', '/budgets', v.object({ data: v.array(BudgetSchema) }), { query: { parent: projectGid } }).then((r) => r.data[0] ?? null),

    /** The task's "Estimated time" (see lib/asana/estimate.ts). */
    getTaskEstimate: (taskGid: string): Promise<TaskEstimate> =>
      request('GET', `/tasks/${enc(taskGid)}`, dataOf(TaskCustomFieldsSchema), { query: fields(ESTIMATE_FIELDS) }).then((r) => estimateFromCustomFields(r.data.custom_fields)),

    listCategories: (workspaceGid: string, archived = false): Promise<Category[]> =>
      collectAll(pages('/time_tracking_categories', CategorySchema, { workspace: workspaceGid, is_archived: archived, ...fields(CATEGORY_FIELDS) })),
    getCategory: (categoryGid: string): Promise<Category> =>
      request('GET', `/time_tracking_categories/${enc(categoryGid)}`, dataOf(CategorySchema), { query: fields(CATEGORY_FIELDS) }).then((r) => r.data),
    createCategory: (workspaceGid: string, input: Required<Pick<CategoryInput, 'name'>> & CategoryInput): Promise<Category> =>
      request('POST', '/time_tracking_categories', dataOf(CategorySchema), { query: fields(CATEGORY_FIELDS), body: { workspace: workspaceGid, ...input } }).then((r) => r.data),
    updateCategory: (categoryGid: string, input: CategoryInput): Promise<Category> =>
      request('PUT', `/time_tracking_categories/${enc(categoryGid)}`, dataOf(CategorySchema), { query: fields(CATEGORY_FIELDS), body: input }).then((r) => r.data),
    deleteCategory: (categoryGid: string): Promise<void> => request('DELETE', `/time_tracking_categories/${enc(categoryGid)}`, EmptySchema).then(() => undefined),
    /** `GET /time_tracking_categories/{gid}/time_tracking_entries`: note its date filters are `start_date`/`end_date`. */
    listCategoryEntries: (categoryGid: string, range: { start_date?: string; end_date?: string }): Promise<Entry[]> =>
      collectAll(pages(`/time_tracking_categories/${enc(categoryGid)}/time_tracking_entries`, EntrySchema, { ...range, ...fields(ENTRY_FIELDS_WITH_TASK) })),
  };
}

const enc = encodeURIComponent;

/**
 * What went wrong on the wire, in a few words: ofetch's message starts with the method and the
 * whole URL (query included), which is noise for people; the cause says what happened.
 */
function networkProblem(error: unknown): string | undefined {
  const cause = error && typeof error === 'object' && 'cause' in error ? (error as { cause?: unknown }).cause : undefined;
  const text = cause instanceof Error ? cause.message : error instanceof Error ? error.message.replace(/^\[\w+\]\s*"[^"]*":\s*/, '') : '';
  if (/abort|timeout/i.test(text)) return 'no answer in time';
  return text.replace(/<no response>\s*/i, '').trim().slice(0, 80) || undefined;
}

function cleanQuery(query: Query | undefined): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(query)) if (val !== undefined && val !== '') out[k] = String(val);
  return out;
}

function parseBody<S extends v.GenericSchema>(text: string, schema: S): { ok: true; value: v.InferOutput<S> } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: text.trim() === '' ? 'empty body' : 'not JSON' };
  }
  const result = v.safeParse(schema, json);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const where = issue ? v.getDotPath(issue) : null;
  return { ok: false, problem: `unexpected ${where ?? 'shape'}` };
}
