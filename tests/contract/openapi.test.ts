import { describe, expect, it } from 'vitest';
import { apiPath, findOperation, operations, toJsonSchema, validateResponse } from './openapi.ts';

// The validator must itself be trustworthy: it has to reject what Asana would never send.
describe('contract validator', () => {
  it('knows every operation of the extract', () => {
    const ids = operations().map((o) => o.operationId).sort();
    expect(ids).toEqual([
      'createTimeTrackingCategory', 'createTimeTrackingEntry', 'deleteTimeTrackingCategory', 'deleteTimeTrackingEntry',
      'getTask', 'getTimeTrackingCategories', 'getTimeTrackingCategory', 'getTimeTrackingEntries',
      'getTimeTrackingEntriesForTask', 'getTimeTrackingEntriesForTimeTrackingCategory', 'getTimeTrackingEntry', 'getUser',
      'getWorkspaces', 'typeaheadForWorkspace', 'updateTimeTrackingCategory', 'updateTimeTrackingEntry',
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
});
