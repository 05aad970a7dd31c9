/**
 * Asana's enumerations, free of any parsing code so that UI bundles (the content script above
 * all) can use them without pulling in valibot.
 */

/** Asana's 16 category colours, in Asana's order. */
export const CATEGORY_COLORS = [
  'none', 'red', 'orange', 'yellow-orange', 'yellow', 'yellow-green', 'green', 'blue-green',
  'aqua', 'blue', 'indigo', 'purple', 'magenta', 'hot-pink', 'pink', 'cool-gray',
] as const;
export type CategoryColor = (typeof CATEGORY_COLORS)[number];

export const BILLABLE_STATUSES = ['billable', 'nonBillable', 'notApplicable'] as const;
export type BillableStatus = (typeof BILLABLE_STATUSES)[number];

export const APPROVAL_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * An Asana gid as Asana writes them: a string of digits (16 today, room for more). The one
 * pattern for responses, messages and stored data alike.
 */
export const GID_PATTERN = /^\d{1,20}$/;

/**
 * How a timesheet week's status is spelled in a request (`PUT /timesheet_approval_statuses/{gid}`):
 * lower case, where responses use APPROVAL_STATUSES' capitals.
 */
export const APPROVAL_TRANSITIONS = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type ApprovalTransition = (typeof APPROVAL_TRANSITIONS)[number];

export const BUDGET_TYPES = ['time', 'cost'] as const;
export type BudgetType = (typeof BUDGET_TYPES)[number];
