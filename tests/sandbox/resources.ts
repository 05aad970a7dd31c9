/**
 * How each world record looks through the API: the fields of every resource type and their
 * compact/full default sets (from the spec's schemas). Nested objects are built lazily so that a
 * task → created_by → workspaces chain costs nothing unless requested.
 */
import type { FieldValue, Resource } from './fields.ts';
import type {
  BudgetRecord, CategoryRecord, EntryRecord, ProjectRecord, TaskRecord, TimesheetRecord, UserRecord, WorkspaceRecord,
} from './types.ts';
import { durationDisplay, type BudgetAmount, type World } from './world.ts';

/** Where permalinks point: Asana's web app (the sandbox serves the same paths). */
export const APP_ORIGIN = 'https://app.asana.com';

function resource(
  gid: string, resourceType: string, fields: Record<string, () => FieldValue>,
  compact: readonly string[], full: readonly string[], refOnly?: readonly string[],
): Resource {
  return {
    kind: 'resource', gid, resource_type: resourceType, compact, full, refOnly,
    get(field) {
      if (field === 'gid') return gid;
      if (field === 'resource_type') return resourceType;
      const f = Object.hasOwn(fields, field) ? fields[field] : undefined;
      return f ? f() : undefined;
    },
  };
}

/** Builds API resources from world records, as seen by `viewer`. */
export class Resources {
  constructor(private readonly world: World, private readonly viewer: UserRecord) {}

  workspace(ws: WorkspaceRecord): Resource {
    return resource(ws.gid, 'workspace', {
      name: () => ws.name,
      is_organization: () => ws.is_organization,
      email_domains: () => [...ws.email_domains],
    }, ['gid', 'resource_type', 'name'], ['gid', 'resource_type', 'name', 'is_organization', 'email_domains']);
  }

  workspaceByGid(gid: string): Resource | null {
    const ws = this.world.workspaces.get(gid);
    return ws ? this.workspace(ws) : null;
  }

  user(u: UserRecord): Resource {
    return resource(u.gid, 'user', {
      name: () => u.name,
      email: () => u.email,
      photo: () => null,
      // "The API will only return workspaces … that also contain the authenticated user."
      workspaces: () => u.workspaces.filter((g) => this.viewer.workspaces.includes(g))
        .flatMap((g) => this.workspaceByGid(g) ?? []),
    }, ['gid', 'resource_type', 'name'], ['gid', 'resource_type', 'name', 'email', 'photo', 'workspaces']);
  }

  userByGid(gid: string | null): Resource | null {
    const u = gid ? this.world.users.get(gid) : undefined;
    return u ? this.user(u) : null;
  }

  project(p: ProjectRecord): Resource {
    return resource(p.gid, 'project', {
      name: () => p.name,
      color: () => p.color,
      workspace: () => this.workspaceByGid(p.workspace),
    }, ['gid', 'resource_type', 'name'], ['gid', 'resource_type', 'name', 'color', 'workspace']);
  }

  projectByGid(gid: string | null): Resource | null {
    const p = gid ? this.world.projects.get(gid) : undefined;
    return p ? this.project(p) : null;
  }

  section(s: { gid: string; name: string }): Resource {
    return resource(s.gid, 'section', { name: () => s.name }, ['gid', 'resource_type', 'name'], ['gid', 'resource_type', 'name']);
  }

  category(c: CategoryRecord): Resource {
    return resource(c.gid, 'time_tracking_category', {
      name: () => c.name,
      color: () => c.color,
      is_archived: () => c.is_archived,
      workspace: () => this.workspaceByGid(c.workspace),
    }, ['gid', 'resource_type', 'name', 'color'], ['gid', 'resource_type', 'name', 'color', 'is_archived']);
  }

  /** The V1 permalink: with the task's first project when it has one. */
  permalink(t: TaskRecord): string {
    const project = t.projects[0];
    return project
      ? `${APP_ORIGIN}/1/${t.workspace}/project/${project}/task/${t.gid}`
      : `${APP_ORIGIN}/1/${t.workspace}/task/${t.gid}`;
  }

  task(t: TaskRecord): Resource {
    const ws = this.world.workspaces.get(t.workspace);
    const fields: Record<string, () => FieldValue> = {
      name: () => t.name,
      resource_subtype: () => t.resource_subtype,
      created_by: () => this.userByGid(t.created_by),
      // Opt-in; null where the workspace has no time tracking (the field is nullable).
      actual_time_minutes: () => (ws?.time_tracking ? this.world.actualTimeMinutes(t.gid) : null),
      assignee: () => this.userByGid(t.assignee),
      assignee_status: () => 'upcoming',
      completed: () => t.completed,
      completed_at: () => t.completed_at,
      completed_by: () => (t.completed ? this.userByGid(t.assignee ?? t.created_by) : null),
      created_at: () => t.created_at,
      custom_fields: () => this.customFieldsOf(t),
      dependencies: () => [],
      dependents: () => [],
      due_at: () => null,
      due_on: () => t.due_on,
      followers: () => [t.created_by, t.assignee].filter((g, i, a): g is string => !!g && a.indexOf(g) === i)
        .flatMap((g) => this.userByGid(g) ?? []),
      hearted: () => false,
      hearts: () => [],
      html_notes: () => `<body>${escapeHtml(t.notes)}</body>`,
      liked: () => false,
      likes: () => [],
      memberships: () => t.projects.flatMap((g) => {
        const p = this.world.projects.get(g);
        return p ? [{ project: this.project(p), section: this.section(p.section) }] : [];
      }),
      modified_at: () => t.modified_at,
      notes: () => t.notes,
      num_hearts: () => 0,
      num_likes: () => 0,
      num_subtasks: () => [...this.world.tasks.values()].filter((x) => x.parent === t.gid).length,
      parent: () => {
        const parent = t.parent ? this.world.tasks.get(t.parent) : undefined;
        return parent ? this.task(parent) : null;
      },
      permalink_url: () => this.permalink(t),
      projects: () => t.projects.flatMap((g) => this.projectByGid(g) ?? []),
      start_at: () => null,
      start_on: () => null,
      tags: () => [],
      workspace: () => (ws ? this.workspace(ws) : null),
    };
    if (t.resource_subtype === 'approval') fields.approval_status = () => 'pending';
    const full = [
      'gid', 'resource_type', 'name', 'resource_subtype', 'assignee', 'assignee_status', 'completed', 'completed_at',
      'created_at', 'created_by', 'custom_fields', 'due_at', 'due_on', 'followers', 'hearted', 'hearts', 'liked', 'likes',
      'memberships', 'modified_at', 'notes', 'num_hearts', 'num_likes', 'parent', 'permalink_url', 'projects',
      'start_at', 'start_on', 'tags', 'workspace',
    ];
    return resource(t.gid, 'task', fields, ['gid', 'resource_type', 'name', 'resource_subtype'], full, ['created_by']);
  }

  /**
   * The task's custom field values. The sandbox models one field, Asana's "Estimated time"
   * (`asana_created_field: estimated_time`, a number field of format `duration`): its
   * `number_value` is minutes and `display_value` the human form (both UNCERTAIN, see README).
   */
  customFieldsOf(t: TaskRecord): Resource[] {
    const fieldGid = this.world.workspaces.get(t.workspace)?.estimated_time_field;
    if (t.estimated_minutes === undefined || !fieldGid) return [];
    const minutes = t.estimated_minutes;
    return [resource(fieldGid, 'custom_field', {
      name: () => 'Estimated time',
      type: () => 'number',
      resource_subtype: () => 'number',
      representation_type: () => 'number',
      format: () => 'duration',
      precision: () => 0,
      number_value: () => minutes,
      display_value: () => (minutes === null ? null : durationDisplay(minutes)),
      enabled: () => true,
      asana_created_field: () => 'estimated_time',
      description: () => '',
      currency_code: () => null,
      custom_label: () => null,
      custom_label_position: () => null,
      is_global_to_workspace: () => true,
      has_notifications_enabled: () => false,
      is_formula_field: () => false,
      is_value_read_only: () => false,
      id_prefix: () => null,
      created_by: () => null,
      privacy_setting: () => 'public_with_guests',
      default_access_level: () => 'user',
    },
    ['gid', 'resource_type', 'name', 'type', 'resource_subtype', 'representation_type', 'format', 'precision', 'enabled',
      'number_value', 'display_value', 'asana_created_field'],
    ['gid', 'resource_type', 'name', 'type', 'resource_subtype', 'representation_type', 'format', 'precision', 'enabled',
      'number_value', 'display_value', 'asana_created_field', 'description', 'currency_code', 'custom_label',
      'custom_label_position', 'is_global_to_workspace', 'has_notifications_enabled', 'is_formula_field',
      'is_value_read_only', 'id_prefix', 'created_by', 'privacy_setting', 'default_access_level'])];
  }

  /** A timesheet approval status: compact is gid + resource_type (the spec's opt-in fields are the rest). */
  timesheet(r: TimesheetRecord): Resource {
    return resource(r.gid, 'timesheet_approval_status', {
      approval_status: () => r.approval_status,
      created_at: () => r.created_at,
      start_date: () => r.start_date,
      end_date: () => r.end_date,
      user: () => this.userByGid(r.user),
      workspace: () => this.workspaceByGid(r.workspace),
    },
    ['gid', 'resource_type', 'approval_status', 'start_date', 'end_date', 'user'],
    ['gid', 'resource_type', 'approval_status', 'start_date', 'end_date', 'user', 'workspace', 'created_at']);
  }

  /** A budget with its computed `actual` and `estimate` and its `total` for the current type. */
  budget(b: BudgetRecord): Resource {
    const amount = (a: BudgetAmount) => ({ value: a.value, units: a.units });
    return resource(b.gid, 'budget', {
      budget_type: () => b.budget_type,
      parent: () => this.projectByGid(b.parent),
      actual: () => ({ billable_status_filter: b.actual.billable_status_filter, ...amount(this.world.budgetActual(b)) }),
      estimate: () => ({
        enabled: b.estimate.enabled, source: b.estimate.source, billable_status_filter: b.estimate.billable_status_filter,
        ...amount(this.world.budgetEstimate(b)),
      }),
      total: () => ({ enabled: b.total.enabled, ...amount(this.world.budgetTotal(b)) }),
    },
    ['gid', 'resource_type', 'budget_type'],
    ['gid', 'resource_type', 'budget_type', 'parent', 'actual', 'estimate', 'total']);
  }

  taskByGid(gid: string): Resource | null {
    const t = this.world.tasks.get(gid);
    return t ? this.task(t) : null;
  }

  portfolio(p: { gid: string; name: string }): Resource {
    return resource(p.gid, 'portfolio', { name: () => p.name }, ['gid', 'resource_type', 'name'], ['gid', 'resource_type', 'name']);
  }

  entry(e: EntryRecord): Resource {
    return resource(e.gid, 'time_tracking_entry', {
      duration_minutes: () => e.duration_minutes,
      entered_on: () => e.entered_on,
      attributable_to: () => this.projectByGid(e.attributable_to),
      created_by: () => this.userByGid(e.created_by),
      categories: () => e.categories.flatMap((g) => {
        const c = this.world.categories.get(g);
        return c ? [this.category(c)] : [];
      }),
      task: () => this.taskByGid(e.task),
      created_at: () => e.created_at,
      approval_status: () => e.approval_status,
      billable_status: () => e.billable_status,
      description: () => e.description,
    },
    ['gid', 'resource_type', 'duration_minutes', 'entered_on', 'attributable_to', 'created_by', 'categories'],
    ['gid', 'resource_type', 'duration_minutes', 'entered_on', 'attributable_to', 'created_by', 'categories',
      'task', 'created_at', 'approval_status', 'billable_status', 'description']);
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
