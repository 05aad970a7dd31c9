/**
 * Message validation where it lives (lib/messaging/validate.ts, over the schemas of
 * lib/messaging/protocol.ts): who may send what, and that a request with anything wrong in it is
 * refused with a message naming the field. The end-to-end suite sends 1,000+ such messages from
 * the content script's world; here the same rule is a property over every request type.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNEL, CONTENT_SCRIPT_ALLOWED, NAME_DISPLAY_LENGTH, requestSchemas, type RequestType } from '@/lib/messaging/protocol';
import { RefusedMessage, describeSender, validateMessage, type SenderInfo } from '@/lib/messaging/validate';

const PAGE: SenderInfo = { fromExtensionPage: true, tabId: undefined, url: 'chrome-extension://abc/options.html' };
const CONTENT: SenderInfo = { fromExtensionPage: false, tabId: 7, url: 'https://app.asana.com/0/1/2' };
const GID = '1209173527104185';
const GID2 = '1209173527104300';
const DAY = '2027-01-04';
const NOW = Date.now();

/** A valid payload for every request type (the property below breaks one field at a time). */
const VALID: Record<RequestType, Record<string, unknown>> = {
  'session.get': {},
  'session.connectToken': { token: '2/123/456:abc' },
  'session.saveOAuthApp': { clientId: '12345', clientSecret: 'secret' },
  'session.connectOAuth': {},
  'session.signOutPreview': {},
  'session.signOut': { pending: 'keep' },
  'session.refreshWorkspaces': {},
  'settings.update': { workspaceGid: GID, defaultCategoryGid: null, defaultBillable: 'billable' },
  'ui.setPrefs': { open: true, details: false, entries: true },
  'ui.setFloating': { right: 16, bottom: 16, collapsed: false },
  'page.report': { place: 'fields', theme: 'dark', themeFrom: 'asana', mismatch: false },
  'storage.discardRecovered': {},
  'storage.removeAllPreview': {},
  'storage.removeAll': {},
  'task.get': { taskGid: GID, fresh: true },
  'task.refresh': { taskGid: GID, force: false },
  'entries.get': { taskGid: GID, entryGid: GID2 },
  'entries.create': { taskGid: GID, taskName: 'T', workspaceGid: GID, entry: { duration_minutes: 30, entered_on: DAY, description: 'd', categories: [GID2], billable_status: 'billable', attributable_to: GID } },
  'entries.update': { taskGid: GID, entryGid: 'local-abcdef123456', patch: { duration_minutes: 45 } },
  'entries.delete': { taskGid: GID, entryGid: GID2, undoWindowMs: 6000 },
  'entries.query': { workspace: GID, start: DAY, end: '2027-01-10', user: GID2, attributable_to: GID, portfolio: GID, task: GID },
  'outbox.cancel': { opId: 'abcdef123456' },
  'outbox.retry': { opId: 'abcdef123456', entry: { duration_minutes: 20 } },
  'categories.list': { workspaceGid: GID, archived: false, refresh: true },
  'categories.get': { categoryGid: GID },
  'categories.create': { workspaceGid: GID, name: 'Design', color: 'purple' },
  'categories.update': { workspaceGid: GID, categoryGid: GID2, patch: { name: 'UX', is_archived: true } },
  'categories.delete': { workspaceGid: GID, categoryGid: GID2 },
  'categories.entries': { categoryGid: GID, start: DAY, end: DAY },
  'timesheet.week': { workspaceGid: GID, start: DAY, user: GID2 },
  'timesheet.reviewable': { workspaceGid: GID, start: DAY },
  'timesheet.transition': { workspaceGid: GID, start: DAY, user: GID2, to: 'rejected', message: 'wrong project' },
  'budget.get': { projectGid: GID },
  'duration.read': { text: '1h 30m', date: DAY },
  'entries.page': { taskGid: GID, offset: 50, limit: 100 },
  'page.loadMore': {},
  'tab.guard': { tabId: 3, taskGid: GID },
  'tasks.estimates': { taskGids: [GID, GID2] },
  'typeahead.tasks': { workspaceGid: GID, query: 'roadmap' },
  'typeahead.search': { workspaceGid: GID, query: 'a', resourceType: 'user' },
  'timer.start': { taskGid: GID, taskName: 'T', workspaceGid: GID, projectGid: GID2 },
  'timer.stop': {},
  'timer.adjust': { startedAt: NOW - 60_000 },
  'timer.notes': { description: 'Planning', categoryGid: GID2, billable: 'billable' },
  'timer.discard': {},
  'idle.answer': { answer: 'drop', startedAt: 1_700_000_000_000 },
  'day.refresh': {},
  'ui.openOptions': {},
};

const envelope = (type: string, payload: unknown) => ({ channel: CHANNEL, type, payload });
const refusal = (raw: unknown, sender = PAGE): string => {
  try {
    validateMessage(raw, sender);
  } catch (error) {
    expect(error).toBeInstanceOf(RefusedMessage);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(raw)?.slice(0, 200)}`);
};

describe('validateMessage', () => {
  it('knows a valid payload for every request type, and accepts it', () => {
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(requestSchemas).sort());
    for (const [type, payload] of Object.entries(VALID)) expect(validateMessage(envelope(type, payload), PAGE).type, type).toBe(type);
  });

  it.each([
    ['not an object', 'session.get', 'Refused a message that is not an object.'],
    ['an array', ['session.get'], 'Refused a message that is not an object.'],
    ['null', null, 'Refused a message that is not an object.'],
    ['another channel', { channel: 'other/1', type: 'session.get', payload: {} }, 'Refused a message from an unknown channel.'],
    ['an unknown type', { channel: CHANNEL, type: 'vault.read', payload: {} }, 'Refused an unknown request type.'],
    ['a prototype key as type', { channel: CHANNEL, type: '__proto__', payload: {} }, 'Refused an unknown request type.'],
    ['a payload that is an array', envelope('session.get', []), 'Refused “session.get”: the payload must be an object.'],
    ['a payload that is null', envelope('timer.stop', null), 'Refused “timer.stop”: the payload must be an object.'],
    ['a payload that is a string', envelope('task.get', 'x'), 'Refused “task.get”: the payload must be an object.'],
    ['a field too many', envelope('task.get', { taskGid: GID, extra: 1 }), 'Refused “task.get”: extra Invalid key: Expected never but received "extra".'],
    ['a gid with letters', envelope('task.get', { taskGid: '12a' }), 'Refused “task.get”: taskGid must be an Asana id (digits).'],
    ['zero minutes', envelope('entries.create', { taskGid: GID, entry: { duration_minutes: 0, entered_on: DAY } }), 'Refused “entries.create”: entry.duration_minutes must be at least 1 minute.'],
    ['more than a day', envelope('entries.create', { taskGid: GID, entry: { duration_minutes: 1441, entered_on: DAY } }), 'Refused “entries.create”: entry.duration_minutes must be at most 24 h.'],
    ['30 February', envelope('entries.create', { taskGid: GID, entry: { duration_minutes: 5, entered_on: '2027-02-30' } }), 'Refused “entries.create”: entry.entered_on must be a real date.'],
    ['two categories', envelope('entries.update', { taskGid: GID, entryGid: GID2, patch: { categories: [GID, GID2] } }), 'Refused “entries.update”: patch.categories an entry can have one category at most.'],
    ['a patch that is an array', envelope('entries.update', { taskGid: GID, entryGid: GID2, patch: [] }), 'Refused “entries.update”: patch must be an object.'],
    ['a patch that changes nothing', envelope('entries.update', { taskGid: GID, entryGid: GID2, patch: {} }), 'Refused “entries.update”: patch must change at least one field.'],
    ['a timer start in the future', envelope('timer.adjust', { startedAt: NOW + 3_600_000 }), 'Refused “timer.adjust”: startedAt cannot be in the future.'],
    ['a rejection with no week status', envelope('timesheet.transition', { workspaceGid: GID, start: DAY, to: 'gone' }), 'Refused “timesheet.transition”: to must be submitted, draft, approved or rejected.'],
  ])('refuses %s', (_, raw, message) => {
    expect(refusal(raw)).toBe(message);
  });

  it('lets a content script ask only for the task-level requests', () => {
    for (const type of Object.keys(requestSchemas) as RequestType[]) {
      if (CONTENT_SCRIPT_ALLOWED.has(type)) expect(validateMessage(envelope(type, VALID[type]), CONTENT).type).toBe(type);
      else expect(refusal(envelope(type, VALID[type]), CONTENT)).toBe(`“${type}” can only be asked from the extension's own pages.`);
    }
    // The account, settings, categories admin, searches (but the task typeahead a Fix moves an
    // entry with), reports and weeks stay with the extension's pages.
    for (const type of ['session.connectToken', 'session.signOut', 'settings.update', 'categories.delete', 'entries.query', 'timesheet.transition', 'typeahead.search'] as const) {
      expect(CONTENT_SCRIPT_ALLOWED.has(type), type).toBe(false);
    }
  });

  it('gives a content script exactly the task-level requests, and no more', () => {
    // What a page with our content script can cause (README, "What the page can and cannot do"):
    // read and write this person's entries on a task, run the timer, read categories and budgets,
    // answer the idle-time question (which stops or moves the timer, as its own buttons can),
    // and report on itself. A change here changes what Asana's page can make the extension do.
    expect([...CONTENT_SCRIPT_ALLOWED].sort()).toEqual([
      'budget.get', 'categories.list', 'duration.read', 'entries.create', 'entries.delete', 'entries.get', 'entries.page', 'entries.update', 'idle.answer', 'outbox.cancel', 'outbox.retry',
      'page.loadMore', 'page.report', 'session.get', 'task.get', 'task.refresh', 'timer.adjust', 'timer.discard', 'timer.notes', 'timer.start', 'timer.stop',
      'typeahead.tasks', 'ui.openOptions', 'ui.setFloating', 'ui.setPrefs',
    ]);
  });

  it.each([
    ['a short name', 12, 12],
    ['a name of exactly the display length', NAME_DISPLAY_LENGTH, NAME_DISPLAY_LENGTH],
    ['a name one longer', NAME_DISPLAY_LENGTH + 1, NAME_DISPLAY_LENGTH],
  ])('keeps or cuts the task name: %s', (_, length, shown) => {
    const name = 'y'.repeat(length);
    const { payload } = validateMessage(envelope('entries.create', { taskGid: GID, taskName: name, entry: { duration_minutes: 5, entered_on: DAY } }), CONTENT) as { payload: { taskName: string } };
    expect(payload.taskName).toHaveLength(shown);
    expect(payload.taskName === name).toBe(length === shown);
  });

  it('cuts a long task name for display instead of refusing the request', () => {
    const long = 'x'.repeat(2_505);
    const { payload } = validateMessage(envelope('entries.create', { taskGid: GID, taskName: long, entry: { duration_minutes: 5, entered_on: DAY } }), CONTENT) as { payload: { taskName: string } };
    expect(payload.taskName).toHaveLength(NAME_DISPLAY_LENGTH);
    expect(payload.taskName.endsWith('…')).toBe(true);
  });

  it('fills defaults and trims what people type', () => {
    expect(validateMessage(envelope('session.signOut', {}), PAGE).payload).toEqual({ pending: 'keep' });
    expect(validateMessage(envelope('session.connectToken', { token: '  tok  ' }), PAGE).payload).toEqual({ token: 'tok' });
    expect(validateMessage(envelope('timer.stop', undefined), CONTENT).payload).toEqual({});
  });
});

/** Values that are wrong for every field of every request (no field takes all of them). */
const WRONG: unknown[] = [null, true, 0, -1, 1.5, NaN, Infinity, '', ' ', 'x'.repeat(300_000), 'abc', [], [1], {}, { a: 1 }, JSON.parse('{"__proto__":{"x":1}}')];

describe('every request, with any one field made wrong', () => {
  it('is refused, naming that field (property over all request types)', () => {
    const cases = Object.entries(VALID).flatMap(([type, payload]) => Object.keys(payload).map((field) => [type, field] as const));
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.constantFrom(...WRONG), ([type, field], wrong) => {
        const payload = { ...VALID[type as RequestType], [field]: wrong };
        // A few fields legitimately take one of these values (a nullable default, a free-text
        // query or description, a boolean flag): only a value the schema rejects counts.
        let accepted = true;
        try {
          validateMessage(envelope(type, payload), PAGE);
        } catch (error) {
          accepted = false;
          expect(error).toBeInstanceOf(RefusedMessage);
          expect((error as Error).message.startsWith(`Refused “${type}”: ${field}`)).toBe(true);
        }
        if (accepted) expect(ACCEPTABLE[`${type}.${field}`]?.(wrong), `${type}.${field} = ${JSON.stringify(wrong)?.slice(0, 40)}`).toBe(true);
      }),
      { seed: Number(process.env.FC_SEED ?? 20_261_201), numRuns: 2_000 },
    );
  });

  it('(exhaustively, the same over every field and every wrong value)', () => {
    const accepted: string[] = [];
    for (const [type, valid] of Object.entries(VALID)) {
      for (const field of Object.keys(valid)) {
        for (const wrong of WRONG) {
          try {
            validateMessage(envelope(type, { ...valid, [field]: wrong }), PAGE);
            if (!ACCEPTABLE[`${type}.${field}`]?.(wrong)) accepted.push(`${type}.${field} = ${JSON.stringify(wrong)?.slice(0, 30)}`);
          } catch {
            // refused, as it should be
          }
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it('is refused when a field it needs is missing', () => {
    const required: Array<[RequestType, string]> = [['task.get', 'taskGid'], ['entries.create', 'entry'], ['entries.delete', 'entryGid'], ['timesheet.transition', 'to'], ['budget.get', 'projectGid'], ['timer.adjust', 'startedAt'], ['session.connectToken', 'token']];
    for (const [type, field] of required) {
      const { [field]: _, ...rest } = VALID[type];
      expect(refusal(envelope(type, rest))).toMatch(new RegExp(`^Refused “${type.replace('.', '\\.')}”: ${field} `));
    }
  });
});

/** The values a field does take among WRONG (so the property does not demand a refusal for them). */
const ACCEPTABLE: Record<string, (value: unknown) => boolean> = {
  'settings.update.workspaceGid': (x) => x === null,
  'entries.page.offset': (x) => x === 0,
  'tab.guard.tabId': (x) => x === 0,
  // Any text up to 200 characters is read; the answer says when it is no duration.
  'duration.read.text': (x) => typeof x === 'string' && x.length <= 200,
  'settings.update.defaultCategoryGid': (x) => x === null,
  'settings.update.defaultBillable': (x) => x === null,
  // A timer's notes: any description up to 10,000 characters, and null clears a category or billable status.
  'timer.notes.description': (x) => typeof x === 'string' && x.length <= 10_000,
  'timer.notes.categoryGid': (x) => x === null,
  'timer.notes.billable': (x) => x === null,
  'ui.setPrefs.open': (x) => x === true,
  'ui.setPrefs.details': (x) => x === true,
  'ui.setPrefs.entries': (x) => x === true,
  'ui.setFloating.right': (x) => typeof x === 'number' && x >= 0 && x <= 100_000,
  'ui.setFloating.bottom': (x) => typeof x === 'number' && x >= 0 && x <= 100_000,
  'entries.delete.undoWindowMs': (x) => typeof x === 'number' && x >= 0 && x <= 30_000,
  'session.connectToken.token': (x) => typeof x === 'string' && x.trim().length > 0 && x.length <= 500,
  'categories.create.name': (x) => typeof x === 'string' && x.trim().length > 0 && x.length <= 200,
  'ui.setFloating.collapsed': (x) => x === true,
  'page.report.mismatch': (x) => x === true,
  'task.get.fresh': (x) => x === true,
  'task.refresh.force': (x) => x === true,
  'categories.list.archived': (x) => x === true,
  'categories.list.refresh': (x) => x === true,
  'session.saveOAuthApp.clientSecret': (x) => typeof x === 'string' && x.length <= 200,
  'entries.create.taskName': (x) => typeof x === 'string',
  'timer.start.taskName': (x) => typeof x === 'string',
  'typeahead.tasks.query': (x) => typeof x === 'string' && x.length <= 200,
  'typeahead.search.query': (x) => typeof x === 'string' && x.length <= 200,
  'timesheet.transition.message': (x) => typeof x === 'string' && x.length <= 2_000,
};

describe('describeSender', () => {
  const ORIGIN = 'chrome-extension://abc/';
  it.each([
    ['our options page', { id: 'abc', url: 'chrome-extension://abc/options.html' }, { fromExtensionPage: true, tabId: undefined, url: 'chrome-extension://abc/options.html' }],
    ['our content script in a tab', { id: 'abc', url: 'https://app.asana.com/0/1/2', tab: { id: 9 } }, { fromExtensionPage: false, tabId: 9, url: 'https://app.asana.com/0/1/2' }],
    ['our content script in a frame', { id: 'abc', url: 'https://app.asana.com/0/1/2', tab: { id: 9 }, frameId: 3 }, { fromExtensionPage: false, tabId: 9, frameId: 3, url: 'https://app.asana.com/0/1/2' }],
    ['our content script after the page pushed another URL', { id: 'abc', url: 'https://app.asana.com/0/1/2', tab: { id: 9, url: 'https://app.asana.com/0/1/3' }, frameId: 0 }, { fromExtensionPage: false, tabId: 9, frameId: 0, url: 'https://app.asana.com/0/1/2', tabUrl: 'https://app.asana.com/0/1/3' }],
    ['our content script with no URL', { id: 'abc', tab: { id: 9 } }, { fromExtensionPage: false, tabId: 9, url: undefined }],
    ['another extension', { id: 'evil', url: 'chrome-extension://evil/x.html' }, null],
    ['a page pretending to be ours by URL', { id: 'evil', url: 'chrome-extension://abc/options.html' }, null],
    ['nothing', undefined, null],
  ])('%s', (_, sender, info) => {
    expect(describeSender(sender as never, 'abc', ORIGIN)).toEqual(info);
  });
});
