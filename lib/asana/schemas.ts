/**
 * Asana's responses are untrusted input: every body is parsed with these valibot schemas before
 * use, and a body that does not fit becomes a clear "malformed response" error, not a crash.
 * Field names stay Asana's (snake_case) so that what we cache is what Asana sent.
 * Contract: tests/fixtures/asana/time-tracking.openapi.yaml and approvals-budgets.openapi.yaml.
 */
import * as v from 'valibot';

import { GID_PATTERN } from './constants';

export const GidSchema = v.pipe(v.string(), v.regex(GID_PATTERN, 'gid'));
const IsoDateSchema = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'date'));
const nullableString = v.optional(v.nullable(v.string()));

import { APPROVAL_STATUSES, BILLABLE_STATUSES, BUDGET_TYPES, CATEGORY_COLORS } from './constants';

export * from './constants';
void BILLABLE_STATUSES;

export const NamedSchema = v.object({ gid: GidSchema, name: nullableString });
export type Named = v.InferOutput<typeof NamedSchema>;

export const CategorySchema = v.object({
  gid: GidSchema,
  name: v.optional(v.string(), ''),
  // An unknown colour (Asana may add some) shows as "none" rather than failing the whole list.
  color: v.optional(v.fallback(v.picklist(CATEGORY_COLORS), 'none'), 'none'),
  is_archived: v.optional(v.boolean()),
});
export type Category = v.InferOutput<typeof CategorySchema>;

export const EntrySchema = v.object({
  gid: GidSchema,
  duration_minutes: v.pipe(v.number(), v.integer()),
  entered_on: IsoDateSchema,
  attributable_to: v.optional(v.nullable(NamedSchema), null),
  created_by: v.optional(v.nullable(NamedSchema), null),
  categories: v.optional(v.nullable(v.array(CategorySchema)), []),
  billable_status: v.optional(v.nullable(v.string())),
  description: nullableString,
  approval_status: v.optional(v.nullable(v.string())),
  created_at: nullableString,
  task: v.optional(v.nullable(NamedSchema)),
});
export type Entry = v.InferOutput<typeof EntrySchema>;

export const UserSchema = v.object({
  gid: GidSchema,
  name: v.optional(v.string(), ''),
  email: v.optional(v.string(), ''),
  workspaces: v.optional(v.array(NamedSchema), []),
});
export type User = v.InferOutput<typeof UserSchema>;

export const WorkspaceSchema = v.object({ gid: GidSchema, name: v.optional(v.string(), ''), is_organization: v.optional(v.boolean()) });
export type Workspace = v.InferOutput<typeof WorkspaceSchema>;

export const TaskSchema = v.object({
  gid: GidSchema,
  name: v.optional(v.string(), ''),
  resource_subtype: v.optional(v.string()),
  projects: v.optional(v.array(NamedSchema), []),
  workspace: v.optional(v.nullable(NamedSchema)),
  parent: v.optional(v.nullable(NamedSchema)),
  permalink_url: v.optional(v.string()),
  actual_time_minutes: v.optional(v.nullable(v.number())),
  custom_fields: v.optional(v.nullable(v.array(v.lazy(() => CustomFieldValueSchema))), []),
});
export type Task = v.InferOutput<typeof TaskSchema>;

/**
 * A timesheet approval status: one user's Monday-to-Sunday week. The status is what the week is
 * for, so one Asana does not document yet fails the parse (a clear "malformed response") rather
 * than being guessed at.
 */
export const TimesheetApprovalStatusSchema = v.object({
  gid: GidSchema,
  approval_status: v.picklist(APPROVAL_STATUSES),
  start_date: IsoDateSchema,
  end_date: IsoDateSchema,
  user: v.optional(v.nullable(NamedSchema), null),
  workspace: v.optional(v.nullable(NamedSchema), null),
  created_at: nullableString,
});
export type TimesheetApprovalStatus = v.InferOutput<typeof TimesheetApprovalStatusSchema>;

/** `{value, units}` of a budget part; both null when that part is turned off. */
const budgetAmount = {
  value: v.optional(v.nullable(v.number()), null),
  units: v.optional(v.nullable(v.string()), null),
};

export const BudgetSchema = v.object({
  gid: GidSchema,
  budget_type: v.picklist(BUDGET_TYPES),
  parent: v.optional(v.nullable(NamedSchema), null),
  actual: v.optional(v.nullable(v.object({ ...budgetAmount, billable_status_filter: v.optional(v.string()) })), null),
  estimate: v.optional(v.nullable(v.object({
    ...budgetAmount, enabled: v.optional(v.boolean()), source: v.optional(v.string()), billable_status_filter: v.optional(v.string()),
  })), null),
  total: v.optional(v.nullable(v.object({ ...budgetAmount, enabled: v.optional(v.boolean()) })), null),
});
export type Budget = v.InferOutput<typeof BudgetSchema>;

/** A custom field value on a task, reduced to what reading the estimate needs. */
export const CustomFieldValueSchema = v.object({
  gid: GidSchema,
  name: nullableString,
  asana_created_field: nullableString,
  format: nullableString,
  number_value: v.optional(v.nullable(v.number())),
  display_value: nullableString,
});
export type CustomFieldValue = v.InferOutput<typeof CustomFieldValueSchema>;

export const TaskCustomFieldsSchema = v.object({
  gid: GidSchema,
  custom_fields: v.optional(v.nullable(v.array(CustomFieldValueSchema)), []),
});

export const NextPageSchema = v.optional(v.nullable(v.object({ offset: v.string(), path: v.optional(v.string()), uri: v.optional(v.string()) })));

/** `{data: T}`. */
export const dataOf = <T extends v.GenericSchema>(item: T) => v.object({ data: item });
/** `{data: T[], next_page}`. */
export const pageOf = <T extends v.GenericSchema>(item: T) => v.object({ data: v.array(item), next_page: NextPageSchema });

export const EmptySchema = v.object({ data: v.record(v.string(), v.unknown()) });

export const ErrorBodySchema = v.object({
  errors: v.array(v.object({ message: v.optional(v.string()), help: v.optional(v.string()), phrase: v.optional(v.string()) })),
});

/** The OAuth token endpoint's answer (not wrapped in `data`). */
export const TokenResponseSchema = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  expires_in: v.optional(v.number(), 3600),
  token_type: v.optional(v.string()),
  refresh_token: v.optional(v.string()),
  data: v.optional(v.object({ gid: v.optional(v.string()), id: v.optional(v.union([v.string(), v.number()])), name: v.optional(v.string()), email: v.optional(v.string()) })),
});
export type TokenResponse = v.InferOutput<typeof TokenResponseSchema>;

/** opt_fields we ask for, so lists come back with everything the widget shows. */
export const ENTRY_FIELDS = [
  'duration_minutes', 'entered_on', 'attributable_to', 'attributable_to.name', 'created_by', 'created_by.name',
  'categories', 'categories.name', 'categories.color', 'billable_status', 'description', 'approval_status', 'created_at',
].join(',');
export const ENTRY_FIELDS_WITH_TASK = `${ENTRY_FIELDS},task,task.name`;
export const CATEGORY_FIELDS = 'name,color,is_archived';
/** The task's details, its total, and its "Estimated time" (custom fields), in the one request a revisit costs. */
export const TASK_FIELDS = 'name,resource_subtype,projects,projects.name,workspace,workspace.name,parent,parent.name,permalink_url,actual_time_minutes,custom_fields,custom_fields.name,custom_fields.asana_created_field,custom_fields.format,custom_fields.number_value,custom_fields.display_value';
export const USER_FIELDS = 'name,email,workspaces,workspaces.name';
export const WORKSPACE_FIELDS = 'name,is_organization';
export const TIMESHEET_FIELDS = 'approval_status,start_date,end_date,user,user.name,workspace,workspace.name,created_at';
export const ESTIMATE_FIELDS = [
  'custom_fields', 'custom_fields.name', 'custom_fields.asana_created_field', 'custom_fields.format',
  'custom_fields.number_value', 'custom_fields.display_value',
].join(',');
