/**
 * Shared types of the Asana sandbox: the records the world stores, the JSON snapshot format used by
 * `--seed`, and the public shapes of `startSandbox()` (options, handle, seed references, fault
 * controls, stats). Records use Asana's own field names so that a test reading `world.entries`
 * sees the same vocabulary as the API.
 */

export const APPROVAL_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const BILLABLE_STATUSES = ['billable', 'nonBillable', 'notApplicable'] as const;
export type BillableStatus = (typeof BILLABLE_STATUSES)[number];

/** The 16 colours of `TimeTrackingCategoryCompact.color`, in the spec's order. */
export const CATEGORY_COLORS = [
  'none', 'red', 'orange', 'yellow-orange', 'yellow', 'yellow-green', 'green', 'blue-green',
  'aqua', 'blue', 'indigo', 'purple', 'magenta', 'hot-pink', 'pink', 'cool-gray',
] as const;
export type CategoryColor = (typeof CATEGORY_COLORS)[number];

export type TaskSubtype = 'default_task' | 'milestone' | 'approval';

export interface UserRecord {
  gid: string;
  name: string;
  email: string;
  /** gids of the workspaces the user belongs to (membership drives visibility). */
  workspaces: string[];
}

export interface WorkspaceRecord {
  gid: string;
  name: string;
  is_organization: boolean;
  email_domains: string[];
  /** False = the plan has no time tracking: every time tracking read/write touching it is a 402. */
  time_tracking: boolean;
  /**
   * The "Timesheets & Budgets" add-on (timesheet approvals, budgets). False = every approval or
   * budget request touching the workspace is a 402. Absent in older snapshots: then it follows
   * `time_tracking`.
   */
  timesheets_addon?: boolean;
  /** ISO 4217 code of the workspace's currency (cost budgets). Default USD. */
  currency?: string;
  /**
   * Designated timesheet reviewers: submitter gid → the gids of the users who may approve or reject
   * that submitter's weeks. A user with no entry here has no reviewer.
   */
  timesheet_reviewers?: Record<string, string[]>;
  /** gid of the workspace's "Estimated time" custom field (Asana-created, format duration), if any. */
  estimated_time_field?: string | null;
}

export interface ProjectRecord {
  gid: string;
  name: string;
  workspace: string;
  color: string;
  /** The single section every task of the project sits in (for `memberships`). */
  section: { gid: string; name: string };
}

export interface PortfolioRecord {
  gid: string;
  name: string;
  workspace: string;
  projects: string[];
}

export interface TaskRecord {
  gid: string;
  name: string;
  workspace: string;
  projects: string[];
  /** Parent task gid for subtasks, else null. */
  parent: string | null;
  resource_subtype: TaskSubtype;
  notes: string;
  assignee: string | null;
  due_on: string | null;
  completed: boolean;
  completed_at: string | null;
  created_by: string | null;
  created_at: string;
  modified_at: string;
  /**
   * The task's "Estimated time" custom field value, in minutes: absent = the field is not on the
   * task; null = on the task but empty.
   */
  estimated_minutes?: number | null;
}

export interface CategoryRecord {
  gid: string;
  workspace: string;
  name: string;
  color: CategoryColor;
  is_archived: boolean;
}

export interface EntryRecord {
  gid: string;
  task: string;
  duration_minutes: number;
  /** YYYY-MM-DD */
  entered_on: string;
  /** Project gid, or null when the task is in no project / several and none was chosen. */
  attributable_to: string | null;
  /** User gid of the author (always the token's user for entries made through the API). */
  created_by: string;
  /** Category gids; at most one (Asana's current limit). */
  categories: string[];
  billable_status: BillableStatus;
  description: string;
  approval_status: ApprovalStatus;
  /** ISO date-time with milliseconds, UTC. */
  created_at: string;
}

/** One transition of a timesheet week (kept for tests: the API has no field that returns them). */
export interface TimesheetTransition {
  from: ApprovalStatus;
  to: ApprovalStatus;
  /** User gid of who made the change. */
  by: string;
  message: string | null;
  /** ISO date-time. */
  at: string;
}

/**
 * A timesheet approval status: one user's Monday-to-Sunday week in one workspace. The source of
 * truth for the approval status of the user's entries of that week.
 */
export interface TimesheetRecord {
  gid: string;
  user: string;
  workspace: string;
  /** The Monday, YYYY-MM-DD. */
  start_date: string;
  /** The following Sunday. */
  end_date: string;
  approval_status: ApprovalStatus;
  created_at: string;
  history: TimesheetTransition[];
}

export const BUDGET_TYPES = ['time', 'cost'] as const;
export type BudgetType = (typeof BUDGET_TYPES)[number];
/** Budgets spell it differently from entries (`non_billable`, not `nonBillable`). */
export const BUDGET_BILLABLE_FILTERS = ['billable', 'non_billable', 'any'] as const;
export type BudgetBillableFilter = (typeof BUDGET_BILLABLE_FILTERS)[number];
export const BUDGET_ESTIMATE_SOURCES = ['none', 'tasks', 'capacity_plans'] as const;
export type BudgetEstimateSource = (typeof BUDGET_ESTIMATE_SOURCES)[number];

/** A project's budget. `actual` and `estimate` values are computed when read. */
export interface BudgetRecord {
  gid: string;
  /** Project gid (the only parent Asana allows). */
  parent: string;
  budget_type: BudgetType;
  /** The user-set target, kept per budget type so that switching type keeps each value. */
  total: { enabled: boolean; time: number; cost: number };
  actual: { billable_status_filter: BudgetBillableFilter };
  estimate: { enabled: boolean; source: BudgetEstimateSource; billable_status_filter: BudgetBillableFilter };
}

/** What a user's hour costs on a project, in the workspace currency (cost budgets). */
export interface RateRecord {
  project: string;
  user: string;
  /** Per hour. */
  rate: number;
}

export interface TokenRecord {
  token: string;
  user: string;
  kind: 'pat' | 'oauth';
  /** Epoch ms after which the token is refused; null = never expires (PATs). */
  expiresAt: number | null;
  /** For OAuth access tokens: the refresh token they were issued from. */
  refreshToken: string | null;
  revoked: boolean;
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  name: string;
  /** Exact-match list; tests may replace it (`world.oauthApp.redirectUris = [...]`). */
  redirectUris: string[];
}

/** gids of the seeded objects, by stable name; stored in snapshots so `--seed` files keep them. */
export interface SeedRefGids {
  users: Record<string, string>;
  workspaces: Record<string, string>;
  projects: Record<string, string>;
  portfolios: Record<string, string>;
  tasks: Record<string, string>;
  ordinaryTasks: string[];
  categories: Record<string, string>;
  /** Seeded budgets by name (absent in older snapshots). */
  budgets?: Record<string, string>;
}

/** The JSON world format (`--seed FILE`, `world.snapshot()`, `GET /_sandbox/world`). */
export interface WorldSnapshot {
  format: 'asana-sandbox-world/1';
  /** The date the world was seeded for (informational). */
  today: string;
  /** Last gid handed out; new objects continue from here. */
  gidCounter: number;
  users: UserRecord[];
  workspaces: WorkspaceRecord[];
  projects: ProjectRecord[];
  portfolios: PortfolioRecord[];
  tasks: TaskRecord[];
  categories: CategoryRecord[];
  entries: EntryRecord[];
  /** Timesheet approval statuses (absent in older or hand-written files: none). */
  timesheets?: TimesheetRecord[];
  /** Project budgets (absent: none). */
  budgets?: BudgetRecord[];
  /** Hourly rates for cost budgets (absent: none). */
  rates?: RateRecord[];
  /** Personal access tokens (OAuth tokens are runtime state and are not saved). */
  tokens: TokenRecord[];
  oauthApp: OAuthApp;
  /** Optional in hand-written files; the first user is then the demo user. */
  refs?: SeedRefGids;
}

// ---------------------------------------------------------------------------------------------
// Seed references: names for the seeded objects.

export interface SeedUser { gid: string; name: string; email: string; token: string }
export interface SeedObject { gid: string; name: string }
export interface SeedCategory { gid: string; name: string; color: CategoryColor; is_archived: boolean }

export type SeedUserKey = 'me' | 'alex' | 'sam' | 'priya' | 'dmitri' | 'hanako';
export type SeedWorkspaceKey = 'main' | 'noTracking';
export type SeedProjectKey = 'website' | 'mobile' | 'marketing' | 'internal' | 'northwind' | 'garden';
export type SeedPortfolioKey = 'clientWork' | 'operations';
export type SeedTaskKey =
  | 'big' | 'empty' | 'twoProjects' | 'subtaskParent' | 'subtask' | 'milestone' | 'hostile'
  | 'noTracking' | 'emoji' | 'cyrillic' | 'japanese';
export type SeedCategoryKey =
  | 'development' | 'design' | 'meetings' | 'codeReview' | 'testing' | 'research' | 'documentation'
  | 'support' | 'planning' | 'projectManagement' | 'marketing' | 'sales' | 'training' | 'travel'
  | 'admin' | 'hostile' | 'archived';
export type SeedBudgetKey = 'website' | 'northwind' | 'internal';

/**
 * Stable names for the seeded world. Objects are copies taken at start (names may change later
 * through the API; gids never do), except `oauthApp`, which is the live `world.oauthApp`.
 */
export interface SeedRefs {
  users: Record<SeedUserKey, SeedUser>;
  workspaces: Record<SeedWorkspaceKey, SeedObject>;
  projects: Record<SeedProjectKey, SeedObject>;
  portfolios: Record<SeedPortfolioKey, SeedObject>;
  tasks: Record<SeedTaskKey, SeedObject>;
  /** The ~20 ordinary tasks with realistic names (all in `workspaces.main`). */
  ordinaryTasks: SeedObject[];
  categories: Record<SeedCategoryKey, SeedCategory>;
  /** The seeded project budgets: `website` (time), `northwind` (cost), `internal` (time, estimate and total off). */
  budgets: Record<SeedBudgetKey, { gid: string; parent: string }>;
  oauthApp: OAuthApp;
}
