/**
 * The sandbox's live data: plain Maps of Asana-shaped records that the HTTP handlers read and
 * write and that tests may read and mutate directly (`sandbox.world.entries.get(gid)!.approval_status
 * = 'APPROVED'`). Helpers add objects with sensible defaults and deterministic gids.
 */
import { addDays, localDate } from './dates.ts';
import { Prng } from './prng.ts';
import type {
  ApprovalStatus, BillableStatus, CategoryColor, CategoryRecord, EntryRecord, OAuthApp, PortfolioRecord,
  ProjectRecord, SeedRefGids, SeedRefs, SeedUser, TaskRecord, TokenRecord, UserRecord, WorkspaceRecord,
  WorldSnapshot,
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

const EMPTY_REFS: SeedRefGids = {
  users: {}, workspaces: {}, projects: {}, portfolios: {}, tasks: {}, ordinaryTasks: [], categories: {},
};

export class World {
  readonly users = new Map<string, UserRecord>();
  readonly workspaces = new Map<string, WorkspaceRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  readonly portfolios = new Map<string, PortfolioRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  readonly categories = new Map<string, CategoryRecord>();
  readonly entries = new Map<string, EntryRecord>();
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
      this.entries, this.tokens, this.oauth.codes, this.oauth.grants] as Map<string, unknown>[]) map.clear();
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
      || this.tasks.has(gid) || this.categories.has(gid) || this.entries.has(gid);
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
    return {
      users, workspaces,
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
