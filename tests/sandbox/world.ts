/**
 * The sandbox's live data: plain Maps of Asana-shaped records that the HTTP handlers read and
 * write and that tests may read and mutate directly (`sandbox.world.entries.get(gid)!.approval_status
 * = 'APPROVED'`). Helpers add objects with sensible defaults and deterministic gids.
 *
 * Approval statuses: a user's week (a `TimesheetRecord`, Asana's timesheet approval status) is the
 * source of truth. Every change of a week's status sets the `approval_status` of each of the user's
 * entries of that week (see `applyTimesheetStatus`), and that field is what the API serves and what
 * locks an entry. A test may still set one entry's `approval_status` directly: that override holds
 * until its week next changes status. `setWeekStatus` is the helper that changes a week the way
 * Asana would.
 */
import { addDays, isoWeekday, localDate, mondayOf } from './dates.ts';
import { Prng } from './prng.ts';
import type {
  ApprovalStatus, BillableStatus, BudgetRecord, CategoryColor, CategoryRecord, EntryRecord, OAuthApp, PortfolioRecord,
  ProjectRecord, RateRecord, SeedRefGids, SeedRefs, SeedUser, TaskRecord, TimesheetRecord, TokenRecord, UserRecord,
  WorkspaceRecord, WorldSnapshot,
} from './types.ts';

/** A pending OAuth authorization code (one-time, short-lived). */
export interface OAuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  user: string;
  /** PKCE S256 challenge, or null when the client sent none. */
  codeChallenge: string | null;
  scope: string;
  expiresAt: number;
  used: boolean;
}

/** A refresh token and the authorization it stands for. */
export interface OAuthGrant {
  refreshToken: string;
  clientId: string;
  user: string;
  scope: string;
  revoked: boolean;
}

/** Runtime OAuth state (never part of a snapshot). */
export interface OAuthState {
  codes: Map<string, OAuthCode>;
  grants: Map<string, OAuthGrant>;
}

export interface AddTaskInput extends Partial<TaskRecord> {
  gid?: string;
}

export interface AddUserInput {
  gid?: string;
  name: string;
  email?: string;
  /** Workspace gids; default: the main workspace. */
  workspaces?: string[];
  /** Personal access token to register; default: a generated one. */
  token?: string;
}

/** Orders entries as every list endpoint returns them: entered_on, then created_at, then gid. */
export function compareEntries(a: EntryRecord, b: EntryRecord): number {
  if (a.entered_on !== b.entered_on) return a.entered_on < b.entered_on ? -1 : 1;
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return compareGids(a.gid, b.gid);
}

/** Numeric order of digit-string gids of any length. */
export function compareGids(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Money and minutes to two decimals (cost sums of minutes / 60 × rate are not whole). */
const roundMoney = (n: number) => Math.round(n * 100) / 100;

const EMPTY_REFS: SeedRefGids = {
  users: {}, workspaces: {}, projects: {}, portfolios: {}, tasks: {}, ordinaryTasks: [], categories: {}, budgets: {},
};

/** The ISO weekday names, for messages ("a Tuesday"). */
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const weekdayName = (date: string) => WEEKDAYS[isoWeekday(date) - 1] as string;

/** A computed budget value: `{value, units}` (both null when that part of the budget is off). */
export interface BudgetAmount {
  value: number | null;
  units: string | null;
}

/** "2h 30m", "45m", "3h": how the sandbox writes a duration custom field's `display_value`. */
export function durationDisplay(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

export class World {
  readonly users = new Map<string, UserRecord>();
  readonly workspaces = new Map<string, WorkspaceRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  readonly portfolios = new Map<string, PortfolioRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  readonly categories = new Map<string, CategoryRecord>();
  readonly entries = new Map<string, EntryRecord>();
  /** Timesheet approval statuses (one per user, workspace and week). */
  readonly timesheets = new Map<string, TimesheetRecord>();
  readonly budgets = new Map<string, BudgetRecord>();
  /** Hourly rates for cost budgets. */
  rates: RateRecord[] = [];
  /** Every bearer token the API accepts (PATs and OAuth access tokens), by token string. */
  readonly tokens = new Map<string, TokenRecord>();
  readonly oauth: OAuthState = { codes: new Map(), grants: new Map() };
  oauthApp: OAuthApp;
  refs: SeedRefGids;
  gidCounter: number;
  /** Fixed "today" (YYYY-MM-DD) or null for the real local date, recomputed on every call. */
  fixedToday: string | null;

  constructor(snapshot: WorldSnapshot, options: { today?: string } = {}) {
    this.fixedToday = options.today ?? null;
    this.gidCounter = snapshot.gidCounter;
    this.oauthApp = structuredClone(snapshot.oauthApp);
    this.refs = structuredClone(snapshot.refs ?? EMPTY_REFS);
    this.load(snapshot);
  }

  /** Replaces all data with the snapshot's (OAuth grants and codes are dropped). */
  restore(snapshot: WorldSnapshot): void {
    for (const map of [this.users, this.workspaces, this.projects, this.portfolios, this.tasks, this.categories,
      this.entries, this.timesheets, this.budgets, this.tokens, this.oauth.codes, this.oauth.grants] as Map<string, unknown>[]) map.clear();
    this.gidCounter = snapshot.gidCounter;
    // Mutate in place: tests and SeedRefs hold a reference to world.oauthApp.
    Object.assign(this.oauthApp, structuredClone(snapshot.oauthApp));
    this.refs = structuredClone(snapshot.refs ?? EMPTY_REFS);
    this.load(snapshot);
  }

  private load(s: WorldSnapshot): void {
    for (const r of s.users) this.users.set(r.gid, structuredClone(r));
    for (const r of s.workspaces) this.workspaces.set(r.gid, structuredClone(r));
    for (const r of s.projects) this.projects.set(r.gid, structuredClone(r));
    for (const r of s.portfolios) this.portfolios.set(r.gid, structuredClone(r));
    for (const r of s.tasks) this.tasks.set(r.gid, structuredClone(r));
    for (const r of s.categories) this.categories.set(r.gid, structuredClone(r));
    for (const r of s.entries) this.entries.set(r.gid, structuredClone(r));
    for (const r of s.timesheets ?? []) this.timesheets.set(r.gid, structuredClone(r));
    for (const r of s.budgets ?? []) this.budgets.set(r.gid, structuredClone(r));
    this.rates = structuredClone(s.rates ?? []);
    for (const r of s.tokens) this.tokens.set(r.token, structuredClone(r));
  }

  /** The world as JSON-ready data; `JSON.stringify(world.snapshot())` is a valid `--seed` file. */
  snapshot(): WorldSnapshot {
    const sortGid = <T extends { gid: string }>(xs: Iterable<T>) => [...xs].sort((a, b) => compareGids(a.gid, b.gid));
    return structuredClone({
      format: 'asana-sandbox-world/1',
      today: this.today(),
      gidCounter: this.gidCounter,
      users: [...this.users.values()],
      workspaces: [...this.workspaces.values()],
      projects: [...this.projects.values()],
      portfolios: [...this.portfolios.values()],
      tasks: [...this.tasks.values()],
      categories: [...this.categories.values()],
      entries: sortGid(this.entries.values()),
      timesheets: sortGid(this.timesheets.values()),
      budgets: sortGid(this.budgets.values()),
      rates: this.rates,
      tokens: [...this.tokens.values()].filter((t) => t.kind === 'pat'),
      oauthApp: this.oauthApp,
      refs: this.refs,
    });
  }

  toJSON(): WorldSnapshot {
    return this.snapshot();
  }

  /** Today's date: the fixed `today` option, else the server's local date right now. */
  today(): string {
    return this.fixedToday ?? localDate();
  }

  /** A fresh gid: 16-ish digits, increasing with irregular gaps, deterministic. */
  nextGid(): string {
    // Skip gids a test forced onto an object (addTask({ gid })), so every gid stays unique.
    do this.gidCounter += 1 + (this.gidCounter % 97);
    while (this.isGidTaken(String(this.gidCounter)));
    return String(this.gidCounter);
  }

  private isGidTaken(gid: string): boolean {
    return this.users.has(gid) || this.workspaces.has(gid) || this.projects.has(gid) || this.portfolios.has(gid)
      || this.tasks.has(gid) || this.categories.has(gid) || this.entries.has(gid) || this.timesheets.has(gid)
      || this.budgets.has(gid);
  }

  // -------------------------------------------------------------------------------------------
  // Lookups

  /** The demo user: the seeded "me", else the first user. */
  demoUser(): UserRecord {
    const gid = this.refs.users.me;
    const user = (gid ? this.users.get(gid) : undefined) ?? this.users.values().next().value;
    if (!user) throw new Error('the world has no users');
    return user;
  }

  /** The main workspace: the seeded "main", else the first workspace. */
  mainWorkspace(): WorkspaceRecord {
    const gid = this.refs.workspaces.main;
    const ws = (gid ? this.workspaces.get(gid) : undefined) ?? this.workspaces.values().next().value;
    if (!ws) throw new Error('the world has no workspaces');
    return ws;
  }

  /** A personal access token of the user (the first registered), if any. */
  patOf(userGid: string): string | undefined {
    for (const t of this.tokens.values()) if (t.user === userGid && t.kind === 'pat' && !t.revoked) return t.token;
    return undefined;
  }

  /** The task's entries in list order. */
  entriesOfTask(taskGid: string): EntryRecord[] {
    return [...this.entries.values()].filter((e) => e.task === taskGid).sort(compareEntries);
  }

  /** Sum of the task's entry durations (Asana's `actual_time_minutes`). */
  actualTimeMinutes(taskGid: string): number {
    let sum = 0;
    for (const e of this.entries.values()) if (e.task === taskGid) sum += e.duration_minutes;
    return sum;
  }

  // -------------------------------------------------------------------------------------------
  // Builders (used by the seed and by tests)

  addWorkspace(input: Partial<WorkspaceRecord> & { name: string; members?: string[] }): WorkspaceRecord {
    const { members, ...rest } = input;
    const ws: WorkspaceRecord = {
      gid: rest.gid ?? this.nextGid(), is_organization: true, email_domains: [], time_tracking: true, ...rest,
    };
    this.workspaces.set(ws.gid, ws);
    for (const m of members ?? []) {
      const u = this.users.get(m);
      if (u && !u.workspaces.includes(ws.gid)) u.workspaces.push(ws.gid);
    }
    return ws;
  }

  /** Adds a user with a personal access token; returns the user with its token. */
  addUser(input: AddUserInput): SeedUser {
    const gid = input.gid ?? this.nextGid();
    const email = input.email ?? `${input.name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '') || 'user'}.${gid.slice(-4)}@example.com`;
    const user: UserRecord = {
      gid, name: input.name, email, workspaces: input.workspaces ?? (this.workspaces.size ? [this.mainWorkspace().gid] : []),
    };
    this.users.set(gid, user);
    const token = input.token ?? `2/${gid}/${this.nextGid()}:${new Prng(Number(gid.slice(-9))).hex(32)}`;
    this.tokens.set(token, { token, user: gid, kind: 'pat', expiresAt: null, refreshToken: null, revoked: false });
    return { gid, name: user.name, email, token };
  }

  addProject(input: Partial<ProjectRecord> & { name: string }): ProjectRecord {
    const gid = input.gid ?? this.nextGid();
    const project: ProjectRecord = {
      workspace: this.mainWorkspace().gid, color: 'light-blue',
      section: { gid: this.nextGid(), name: 'Untitled section' }, ...input, gid,
    };
    this.projects.set(gid, project);
    return project;
  }

  addPortfolio(input: Partial<PortfolioRecord> & { name: string }): PortfolioRecord {
    const portfolio: PortfolioRecord = {
      workspace: this.mainWorkspace().gid, projects: [], ...input, gid: input.gid ?? this.nextGid(),
    };
    this.portfolios.set(portfolio.gid, portfolio);
    return portfolio;
  }

  addCategory(input: Partial<CategoryRecord> & { name: string }): CategoryRecord {
    const cat: CategoryRecord = {
      workspace: this.mainWorkspace().gid, color: 'none' as CategoryColor, is_archived: false, ...input,
      gid: input.gid ?? this.nextGid(),
    };
    this.categories.set(cat.gid, cat);
    return cat;
  }

  /**
   * Adds a task. Defaults: workspace = the first project's workspace or the main workspace, no
   * projects, not a subtask, created "now" by the demo user. Any gid may be forced (tests register
   * every gid of task-urls.json this way).
   */
  addTask(input: AddTaskInput = {}): TaskRecord {
    const gid = input.gid ?? this.nextGid();
    const projects = input.projects ?? [];
    const firstProject = projects[0] ? this.projects.get(projects[0]) : undefined;
    const parent = input.parent ? this.tasks.get(input.parent) : undefined;
    const workspace = input.workspace ?? firstProject?.workspace ?? parent?.workspace ?? this.mainWorkspace().gid;
    const createdAt = input.created_at ?? `${addDays(this.today(), -30)}T09:00:00.000Z`;
    const task: TaskRecord = {
      name: `Task ${gid}`, parent: null, resource_subtype: 'default_task', notes: '', assignee: null,
      due_on: null, completed: false, completed_at: null, created_by: this.users.size ? this.demoUser().gid : null,
      created_at: createdAt, modified_at: createdAt, ...input, gid, workspace, projects,
    };
    if (task.estimated_minutes !== undefined) this.estimatedTimeField(workspace);
    this.tasks.set(gid, task);
    return task;
  }

  /** The default `attributable_to` of a new entry: the task's project when it has exactly one. */
  defaultAttribution(taskGid: string): string | null {
    const task = this.tasks.get(taskGid);
    return task && task.projects.length === 1 ? (task.projects[0] ?? null) : null;
  }

  /** Adds one entry with defaults (today, demo user, DRAFT, notApplicable, no category). */
  addEntry(input: Partial<EntryRecord> & { task: string }): EntryRecord {
    const entry: EntryRecord = {
      duration_minutes: 30, entered_on: this.today(), attributable_to: this.defaultAttribution(input.task),
      created_by: this.demoUser().gid, categories: [], billable_status: 'notApplicable', description: '',
      approval_status: 'DRAFT', created_at: new Date().toISOString(), ...input, gid: input.gid ?? this.nextGid(),
    };
    this.entries.set(entry.gid, entry);
    return entry;
  }

  /**
   * Adds `n` entries to a task, deterministic for a given world state: three per day going back
   * from yesterday, durations 15–240 min. `by` = author gid(s), rotated; default the demo user.
   * `overrides` apply to every entry (e.g. `{ approval_status: 'APPROVED' }`).
   */
  addEntries(taskGid: string, n: number, by?: string | string[], overrides: Partial<EntryRecord> = {}): EntryRecord[] {
    if (!this.tasks.has(taskGid)) throw new Error(`addEntries: unknown task ${taskGid}`);
    const authors = by === undefined ? [this.demoUser().gid] : Array.isArray(by) ? by : [by];
    const rng = new Prng(Number(taskGid.slice(-9)) ^ (this.entries.size * 7919) ^ n);
    const today = this.today();
    const out: EntryRecord[] = [];
    for (let i = 0; i < n; i++) {
      const enteredOn = addDays(today, -(1 + Math.floor(i / 3)));
      const createdAt = new Date(Date.parse(`${enteredOn}T09:00:00.000Z`) + (i % 3) * 3_600_000 + i).toISOString();
      out.push(this.addEntry({
        task: taskGid,
        duration_minutes: rng.int(1, 16) * 15,
        entered_on: enteredOn,
        created_by: authors[i % authors.length] as string,
        created_at: createdAt,
        approval_status: 'DRAFT' as ApprovalStatus,
        billable_status: 'notApplicable' as BillableStatus,
        ...overrides,
      }));
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Timesheet approvals

  /** True when the workspace has time tracking and the Timesheets & Budgets add-on. */
  hasTimesheetsAddon(workspaceGid: string): boolean {
    const ws = this.workspaces.get(workspaceGid);
    return !!ws && ws.time_tracking && (ws.timesheets_addon ?? ws.time_tracking);
  }

  /** The user's week record (any day of the week) in the workspace, if one exists. */
  timesheetFor(userGid: string, workspaceGid: string, date: string): TimesheetRecord | undefined {
    const monday = mondayOf(date);
    for (const t of this.timesheets.values()) {
      if (t.user === userGid && t.workspace === workspaceGid && t.start_date === monday) return t;
    }
    return undefined;
  }

  /**
   * Adds a week record (DRAFT unless told), without touching entries. `start_date` may be any day
   * of the week: the record covers its Monday to Sunday.
   */
  addTimesheet(input: { user: string; start_date: string; workspace?: string; approval_status?: ApprovalStatus; created_at?: string; gid?: string }): TimesheetRecord {
    const monday = mondayOf(input.start_date);
    const record: TimesheetRecord = {
      gid: input.gid ?? this.nextGid(), user: input.user, workspace: input.workspace ?? this.mainWorkspace().gid,
      start_date: monday, end_date: addDays(monday, 6), approval_status: input.approval_status ?? 'DRAFT',
      created_at: input.created_at ?? new Date().toISOString(), history: [],
    };
    this.timesheets.set(record.gid, record);
    return record;
  }

  /** The week's entries: the user's entries dated Monday to Sunday on tasks of the workspace, in list order. */
  entriesOfTimesheet(record: TimesheetRecord): EntryRecord[] {
    const out: EntryRecord[] = [];
    for (const e of this.entries.values()) {
      if (e.created_by !== record.user || e.entered_on < record.start_date || e.entered_on > record.end_date) continue;
      if (this.tasks.get(e.task)?.workspace === record.workspace) out.push(e);
    }
    return out.sort(compareEntries);
  }

  /**
   * Moves a week to `status` (no transition rules: the API checks them) and gives every entry of
   * the week that status. Recording the transition keeps who did it and the message.
   */
  applyTimesheetStatus(record: TimesheetRecord, status: ApprovalStatus, by: string, message: string | null = null, at = new Date().toISOString()): void {
    record.history.push({ from: record.approval_status, to: status, by, message, at });
    record.approval_status = status;
    for (const e of this.entriesOfTimesheet(record)) e.approval_status = status;
  }

  /**
   * Test helper: sets the status of the user's week containing `date` (creating the record when
   * there is none), and of its entries, as a transition by `by` (default: the user) would.
   */
  setWeekStatus(userGid: string, date: string, status: ApprovalStatus, options: { workspace?: string; message?: string | null; by?: string } = {}): TimesheetRecord {
    const workspace = options.workspace ?? this.mainWorkspace().gid;
    const record = this.timesheetFor(userGid, workspace, date) ?? this.addTimesheet({ user: userGid, workspace, start_date: date });
    this.applyTimesheetStatus(record, status, options.by ?? userGid, options.message ?? null);
    return record;
  }

  /** The designated reviewers of a submitter in a workspace. */
  reviewersOf(submitterGid: string, workspaceGid: string): string[] {
    return [...(this.workspaces.get(workspaceGid)?.timesheet_reviewers?.[submitterGid] ?? [])];
  }

  /** Makes `reviewerGid` a designated reviewer of `submitterGid` (main workspace by default). */
  addReviewer(submitterGid: string, reviewerGid: string, workspaceGid = this.mainWorkspace().gid): void {
    const ws = this.workspaces.get(workspaceGid);
    if (!ws) throw new Error(`addReviewer: unknown workspace ${workspaceGid}`);
    ws.timesheet_reviewers ??= {};
    const list = (ws.timesheet_reviewers[submitterGid] ??= []);
    if (!list.includes(reviewerGid)) list.push(reviewerGid);
  }

  // -------------------------------------------------------------------------------------------
  // Estimates and budgets

  /** The gid of the workspace's "Estimated time" custom field, created on first use. */
  estimatedTimeField(workspaceGid: string): string {
    const ws = this.workspaces.get(workspaceGid);
    if (!ws) throw new Error(`estimatedTimeField: unknown workspace ${workspaceGid}`);
    ws.estimated_time_field ??= this.nextGid();
    return ws.estimated_time_field;
  }

  /** Adds a budget to a project. Defaults: time, total off, actual and estimate filtered to billable. */
  addBudget(input: { parent: string; budget_type?: BudgetRecord['budget_type']; total?: Partial<BudgetRecord['total']>; actual?: Partial<BudgetRecord['actual']>; estimate?: Partial<BudgetRecord['estimate']>; gid?: string }): BudgetRecord {
    const budget: BudgetRecord = {
      gid: input.gid ?? this.nextGid(), parent: input.parent, budget_type: input.budget_type ?? 'time',
      total: { enabled: false, time: 0, cost: 0, ...input.total },
      actual: { billable_status_filter: 'billable', ...input.actual },
      estimate: { enabled: false, source: 'none', billable_status_filter: 'billable', ...input.estimate },
    };
    this.budgets.set(budget.gid, budget);
    return budget;
  }

  /** The project's budget (Asana allows at most one). */
  budgetOf(projectGid: string): BudgetRecord | undefined {
    for (const b of this.budgets.values()) if (b.parent === projectGid) return b;
    return undefined;
  }

  /** What an hour of the user costs on the project (0 without a rate). */
  rateOf(projectGid: string, userGid: string | null): number {
    return this.rates.find((r) => r.project === projectGid && r.user === userGid)?.rate ?? 0;
  }

  private budgetUnits(budget: BudgetRecord): string {
    if (budget.budget_type === 'time') return 'minutes';
    const workspace = this.projects.get(budget.parent)?.workspace;
    return (workspace ? this.workspaces.get(workspace)?.currency : undefined) ?? 'USD';
  }

  /**
   * The budget's `actual`: the entries attributed to the project whose billable status passes the
   * filter, summed in minutes (time) or in minutes / 60 × the author's rate (cost).
   */
  budgetActual(budget: BudgetRecord): BudgetAmount {
    const filter = budget.actual.billable_status_filter;
    let value = 0;
    for (const e of this.entries.values()) {
      if (e.attributable_to !== budget.parent) continue;
      if (filter === 'billable' && e.billable_status !== 'billable') continue;
      if (filter === 'non_billable' && e.billable_status !== 'nonBillable') continue;
      value += budget.budget_type === 'time' ? e.duration_minutes : (e.duration_minutes / 60) * this.rateOf(budget.parent, e.created_by);
    }
    return { value: roundMoney(value), units: this.budgetUnits(budget) };
  }

  /**
   * The budget's `estimate`: off → nulls; `tasks` → the "Estimated time" of the project's tasks
   * (cost: × the assignee's rate); `capacity_plans` → 0 (the sandbox has no capacity plans).
   */
  budgetEstimate(budget: BudgetRecord): BudgetAmount {
    if (!budget.estimate.enabled) return { value: null, units: null };
    let value = 0;
    if (budget.estimate.source === 'tasks') {
      for (const t of this.tasks.values()) {
        if (!t.projects.includes(budget.parent) || typeof t.estimated_minutes !== 'number') continue;
        value += budget.budget_type === 'time' ? t.estimated_minutes : (t.estimated_minutes / 60) * this.rateOf(budget.parent, t.assignee);
      }
    }
    return { value: roundMoney(value), units: this.budgetUnits(budget) };
  }

  /** The budget's `total` for its current type (nulls when off). */
  budgetTotal(budget: BudgetRecord): BudgetAmount {
    if (!budget.total.enabled) return { value: null, units: null };
    return { value: budget.total[budget.budget_type], units: this.budgetUnits(budget) };
  }

  // -------------------------------------------------------------------------------------------

  /** Named references to the seeded objects (see SeedRefs). */
  seedRefs(): SeedRefs {
    const obj = (map: Map<string, { gid: string; name: string }>, names: Record<string, string>) => {
      const out: Record<string, { gid: string; name: string }> = {};
      for (const [key, gid] of Object.entries(names)) {
        const rec = map.get(gid);
        if (rec) out[key] = { gid, name: rec.name };
      }
      return out;
    };
    const users: Record<string, SeedUser> = {};
    const userNames = Object.keys(this.refs.users).length ? this.refs.users : { me: this.demoUser().gid };
    for (const [key, gid] of Object.entries(userNames)) {
      const u = this.users.get(gid);
      if (u) users[key] = { gid, name: u.name, email: u.email, token: this.patOf(gid) ?? '' };
    }
    const categories: Record<string, { gid: string; name: string; color: CategoryColor; is_archived: boolean }> = {};
    for (const [key, gid] of Object.entries(this.refs.categories)) {
      const c = this.categories.get(gid);
      if (c) categories[key] = { gid, name: c.name, color: c.color, is_archived: c.is_archived };
    }
    const workspaces = Object.keys(this.refs.workspaces).length
      ? obj(this.workspaces, this.refs.workspaces) : { main: { gid: this.mainWorkspace().gid, name: this.mainWorkspace().name } };
    // Hand-written seeds may lack refs: the records then hold only what exists (typed as complete
    // because the default world, which tests use, always has them all).
    const budgets: Record<string, { gid: string; parent: string }> = {};
    for (const [key, gid] of Object.entries(this.refs.budgets ?? {})) {
      const b = this.budgets.get(gid);
      if (b) budgets[key] = { gid, parent: b.parent };
    }
    return {
      users, workspaces, budgets,
      projects: obj(this.projects, this.refs.projects),
      portfolios: obj(this.portfolios, this.refs.portfolios),
      tasks: obj(this.tasks, this.refs.tasks),
      ordinaryTasks: this.refs.ordinaryTasks.flatMap((gid) => {
        const t = this.tasks.get(gid);
        return t ? [{ gid, name: t.name }] : [];
      }),
      categories,
      oauthApp: this.oauthApp,
    } as unknown as SeedRefs;
  }
}
