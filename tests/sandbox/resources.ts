/**
 * How each world record looks through the API: the fields of every resource type and their
 * compact/full default sets (from the spec's schemas). Nested objects are built lazily so that a
 * task → created_by → workspaces chain costs nothing unless requested.
 */
import type { FieldValue, Resource } from './fields.ts';
import type { CategoryRecord, EntryRecord, ProjectRecord, TaskRecord, UserRecord, WorkspaceRecord } from './types.ts';
import type { World } from './world.ts';

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
      custom_fields: () => [],
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
