import { describe, expect, it } from 'vitest';
import { apiPath, findOperation, operations, toJsonSchema, validateRequest, validateResponse } from './openapi.ts';

// The validator must itself be trustworthy: it has to reject what Asana would never send.
describe('contract validator', () => {
  it('knows every operation of both extracts', () => {
    const ids = operations().map((o) => o.operationId).sort();
    expect(ids).toEqual([
      'createBudget', 'createTimeTrackingCategory', 'createTimeTrackingEntry', 'createTimesheetApprovalStatus', 'deleteBudget',
      'deleteTimeTrackingCategory', 'deleteTimeTrackingEntry', 'getBudget', 'getBudgets',
      'getTask', 'getTimeTrackingCategories', 'getTimeTrackingCategory', 'getTimeTrackingEntries',
      'getTimeTrackingEntriesForTask', 'getTimeTrackingEntriesForTimeTrackingCategory', 'getTimeTrackingEntry',
      'getTimesheetApprovalStatus', 'getTimesheetApprovalStatuses', 'getUser',
      'getWorkspaces', 'typeaheadForWorkspace', 'updateBudget', 'updateTimeTrackingCategory', 'updateTimeTrackingEntry',
      'updateTimesheetApprovalStatus',
    ]);
  });

  it('matches path templates from URLs and relative paths', () => {
    expect(apiPath('https://app.asana.com/api/1.0/tasks/1/?opt_pretty')).toBe('/tasks/1');
    expect(findOperation('GET', '/api/1.0/tasks/12/time_tracking_entries')?.operationId).toBe('getTimeTrackingEntriesForTask');
    expect(findOperation('POST', 'http://x/api/1.0/tasks/12/time_tracking_entries')?.operationId).toBe('createTimeTrackingEntry');
    expect(findOperation('GET', '/users/me')?.operationId).toBe('getUser');
    expect(findOperation('PATCH', '/tasks/1')).toBeNull();
  });

  it('converts OpenAPI nullable to JSON Schema', () => {
    expect(toJsonSchema({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(toJsonSchema({ allOf: [{ $ref: '#/components/schemas/X' }, { nullable: true }] })).toEqual({
      anyOf: [{ type: 'null' }, { allOf: [{ $ref: 'asana-openapi.json#/components/schemas/X' }, {}] }],
    });
  });

  const entry = {
    gid: '1', resource_type: 'time_tracking_entry', duration_minutes: 30, entered_on: '2026-03-11',
    attributable_to: { gid: '2', resource_type: 'project', name: 'P' }, created_by: { gid: '3', resource_type: 'user', name: 'U' },
    categories: [{ gid: '4', resource_type: 'time_tracking_category', name: 'Dev', color: 'blue' }],
    task: { gid: '5', resource_type: 'task', name: 'T', resource_subtype: 'default_task' },
    created_at: '2026-03-11T10:00:00.000Z', approval_status: 'DRAFT', billable_status: 'billable', description: 'd',
  };

  it('accepts a well-formed entry and rejects malformed ones', () => {
    expect(validateResponse('GET', '/time_tracking_entries/1', 200, { data: entry }).ok).toBe(true);
    expect(validateResponse('GET', '/time_tracking_entries/1', 200, { data: { ...entry, attributable_to: null } }).ok).toBe(true);
    for (const bad of [
      { duration_minutes: '30' }, { entered_on: '11/03/2026' }, { approval_status: 'PENDING' }, { billable_status: 'yes' },
      { categories: [{ gid: '4', color: 'beige' }] }, { created_at: 'yesterday' }, { gid: 1 },
    ]) {
      expect(validateResponse('GET', '/time_tracking_entries/1', 200, { data: { ...entry, ...bad } }).ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('checks next_page, nullable task fields and error bodies', () => {
    const list = { data: [entry], next_page: { offset: 'x', path: '/p?offset=x', uri: 'https://app.asana.com/api/1.0/p?offset=x' } };
    expect(validateResponse('GET', '/tasks/5/time_tracking_entries', 200, list).ok).toBe(true);
    expect(validateResponse('GET', '/tasks/5/time_tracking_entries', 200, { data: [entry], next_page: null }).ok).toBe(true);
    expect(validateResponse('GET', '/tasks/5/time_tracking_entries', 200, { data: [entry], next_page: { uri: 'not a uri' } }).ok).toBe(false);
    expect(validateResponse('GET', '/tasks/5', 200, { data: { gid: '5', parent: null, assignee: null, due_on: null, actual_time_minutes: null } }).ok).toBe(true);
    expect(validateResponse('GET', '/tasks/5', 200, { data: { gid: '5', completed: 'no' } }).ok).toBe(false);
    expect(validateResponse('GET', '/tasks/5', 400, { errors: [{ message: 'm', help: 'h' }] }).ok).toBe(true);
    expect(validateResponse('GET', '/tasks/5', 429, { errors: [{ message: 'm', help: 'h' }] }).declared).toBe(false);
    expect(validateResponse('GET', '/tasks/5', 500, { errors: 'oops' }).ok).toBe(false);
    expect(validateResponse('GET', '/tasks/5', 201, { data: {} }).ok).toBe(false);
    expect(validateResponse('GET', '/nope', 200, { data: {} }).ok).toBe(false);
    expect(validateResponse('GET', '/nope', 404, { errors: [{ message: 'No matching route for request' }] }).ok).toBe(true);
  });

  const week = {
    gid: '9', resource_type: 'timesheet_approval_status', approval_status: 'SUBMITTED', start_date: '2026-03-09', end_date: '2026-03-15',
    created_at: '2026-03-09T08:00:00.000Z', user: { gid: '3', resource_type: 'user', name: 'U' }, workspace: { gid: '1', resource_type: 'workspace', name: 'W' },
  };

  it('checks timesheet approval statuses: capital statuses, dates, compact references', () => {
    expect(validateResponse('GET', '/timesheet_approval_statuses/9', 200, { data: week }).ok).toBe(true);
    expect(validateResponse('GET', '/timesheet_approval_statuses', 200, { data: [week], next_page: null }).ok).toBe(true);
    for (const bad of [{ approval_status: 'submitted' }, { start_date: '9 March' }, { user: 'me' }, { created_at: 'now' }]) {
      expect(validateResponse('GET', '/timesheet_approval_statuses/9', 200, { data: { ...week, ...bad } }).ok, JSON.stringify(bad)).toBe(false);
    }
    expect(validateResponse('POST', '/timesheet_approval_statuses', 201, { data: week }).ok).toBe(true);
    expect(validateResponse('POST', '/timesheet_approval_statuses', 200, { data: week }).ok).toBe(false);
  });

  const budget = {
    gid: '7', resource_type: 'budget', budget_type: 'time', parent: { gid: '2', resource_type: 'project', name: 'P' },
    actual: { billable_status_filter: 'billable', value: 90, units: 'minutes' },
    estimate: { enabled: false, source: 'none', billable_status_filter: 'billable', value: null, units: null },
    total: { enabled: false, value: null, units: null },
  };

  it('checks budgets, with the documented nulls of a disabled estimate and total', () => {
    expect(validateResponse('GET', '/budgets/7', 200, { data: budget }).ok).toBe(true);
    expect(validateResponse('GET', '/budgets', 200, { data: [budget] }).ok).toBe(true);
    for (const bad of [
      { budget_type: 'money' }, { actual: { ...budget.actual, value: null } }, { actual: { billable_status_filter: 'nonBillable' } },
      { estimate: { ...budget.estimate, source: 'guess' } }, { total: { enabled: 'yes' } },
    ]) {
      expect(validateResponse('GET', '/budgets/7', 200, { data: { ...budget, ...bad } }).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('request contract', () => {
  it('accepts what an operation declares', () => {
    const body = { data: { user: '3', workspace: '1', start_date: '2026-03-09', end_date: '2026-03-15' } };
    expect(validateRequest('POST', '/timesheet_approval_statuses', 'opt_fields=approval_status,start_date', body).errors).toEqual([]);
    expect(validateRequest('PUT', '/timesheet_approval_statuses/9', '', { data: { approval_status: 'submitted', message: 'm' } }).errors).toEqual([]);
    expect(validateRequest('GET', '/timesheet_approval_statuses', 'workspace=1&from_date=2026-03-09&limit=100&offset=x', undefined).errors).toEqual([]);
    expect(validateRequest('GET', '/budgets', 'parent=2', undefined).errors).toEqual([]);
    expect(validateRequest('GET', '/tasks/5', 'opt_fields=custom_fields.number_value,custom_fields.asana_created_field', undefined).errors).toEqual([]);
  });

  it('refuses undeclared paths, parameters, values and body fields', () => {
    const week = { user: '3', workspace: '1', start_date: '2026-03-09', end_date: '2026-03-15' };
    const problems = (m: string, p: string, q: string, b: unknown) => validateRequest(m, p, q, b).errors;
    expect(problems('PATCH', '/timesheet_approval_statuses/9', '', { data: {} })).toHaveLength(1);
    expect(problems('GET', '/timesheet_approval_statuses', 'user=3', undefined)).toEqual(['query workspace: required but missing']);
    expect(problems('GET', '/timesheet_approval_statuses', 'workspace=1&week=2026-03-09', undefined)[0]).toMatch(/^query week: not a parameter/);
    expect(problems('GET', '/timesheet_approval_statuses', 'workspace=1&from_date=09/03/2026', undefined)[0]).toMatch(/^query from_date=/);
    expect(problems('GET', '/timesheet_approval_statuses', 'workspace=1&limit=500', undefined)[0]).toMatch(/^query limit=/);
    expect(problems('GET', '/timesheet_approval_statuses', 'workspace=1&opt_fields=approval_status,message', undefined)[0]).toMatch(/^query opt_fields="message"/);
    expect(problems('PUT', '/timesheet_approval_statuses/9', '', { data: { approval_status: 'SUBMITTED' } })[0]).toMatch(/^body\/data\/approval_status /);
    expect(problems('PUT', '/timesheet_approval_statuses/9', '', { data: {} })[0]).toMatch(/required/);
    expect(problems('POST', '/timesheet_approval_statuses', '', { data: { ...week, week: 1 } })).toEqual([
      "body data.week: not a field of createTimesheetApprovalStatus's request",
    ]);
    expect(problems('POST', '/timesheet_approval_statuses', '', undefined)).toEqual(['createTimesheetApprovalStatus: body required']);
    expect(problems('GET', '/budgets', 'parent=2', { data: {} })).toEqual(['getBudgets takes no body']);
  });

  it('lets entry lists ask for the single entry’s fields (a documented allowance), and nothing more', () => {
    expect(validateRequest('GET', '/time_tracking_entries', 'task=1&opt_fields=approval_status,task.name,duration_minutes', undefined).errors).toEqual([]);
    expect(validateRequest('GET', '/tasks/1/time_tracking_entries', 'opt_fields=description', undefined).errors).toEqual([]);
    expect(validateRequest('GET', '/time_tracking_entries', 'task=1&opt_fields=message', undefined).errors[0]).toMatch(/^query opt_fields="message"/);
    expect(validateRequest('GET', '/timesheet_approval_statuses', 'workspace=1&opt_fields=task.name', undefined).errors[0]).toMatch(/^query opt_fields="task.name"/);
  });
});
