/**
 * A generator of malformed and unexpected messages for the background, as a script to evaluate in
 * the content script's world (see content-world.ts). Every message it makes must be refused:
 * each one is a well-formed request with exactly one thing wrong (or several, for the random tail),
 * or not a request at all. Values are chosen per field so that none can be valid by accident
 * (e.g. an optional field never gets `undefined`, an op id never gets a string of 6+ digits).
 */

/**
 * The script: generates the messages, sends them all (in batches, from one evaluate call), and
 * resolves with `{ total, refused, accepted: [...], threw: [...], kinds: {…} }`.
 */
export function hostileMessagesScript(channel: string, seed: number, minimum = 1000): string {
  return `(async () => {
  const CH = ${JSON.stringify(channel)};
  let state = ${seed} >>> 0;
  const rnd = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 4294967296; };
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const clone = (x) => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));

  // Own "__proto__" / "constructor" keys, as JSON.parse (and the messaging layer) create them.
  const protoKey = () => JSON.parse('{"__proto__": {"polluted": "yes", "isAdmin": true}}');
  const ctorKey = () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}');
  const nested = (depth) => { let x = { junk: [1, 'two', null, { three: [] }] }; for (let i = 0; i < depth; i++) x = { a: [x, { b: x.junk }] }; return x; };
  const big = 'x'.repeat(200000);
  const huge = '9'.repeat(5000000);
  const GID = '1209100000000001';
  const GID2 = '1209100000000002';

  const junk = [null, true, false, 0, -1, 1.5, NaN, Infinity, -Infinity, [], {}, [GID], { gid: GID }, big, nested(30)];
  const bad = {
    gid: [...junk, 42, '', ' ', 'abc', '12a', '-5', '1e5', '0x1F', '\\uff11\\uff12\\uff13', ' 123', '123\\n', '9'.repeat(21), '<img src=x onerror=alert(1)>',
      '../123', '123/../../users/me', '123?opt_fields=email', '__proto__', 'constructor', 'local-abcdef', protoKey(), ctorKey(), huge],
    entryRef: [...junk, 42, '', 'abc', '-5', '9'.repeat(21), 'local-', 'local-ABCDEF', 'local-abc', 'local-../../x', 'local-' + 'a'.repeat(41), 'LOCAL-abcdef', '__proto__', protoKey()],
    opId: [...junk.filter((x) => typeof x !== 'string'), 123456, '', 'abc', 'ABCDEFGH', 'abc def ghi', 'abcdef\\n', '__proto__', 'a'.repeat(41), '<script>x</script>', protoKey(), big],
    minutes: [null, true, NaN, Infinity, -Infinity, -30, -0, 0, 0.5, 1.5, 59.999, 1441, 1e9, Number.MAX_VALUE, '30', '1h', '', [], [30], {}, protoKey(), big],
    date: [null, true, 0, 20260301, '', '2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-5', '20260301', '2026/03/01',
      '2026-03-01T00:00:00Z', ' 2026-03-01', 'yesterday', '0000-00-00', '+02026-03-01', [], {}, ['2026-03-01'], protoKey(), big],
    description: [null, 5, true, 'x'.repeat(10001), huge, [], ['text'], {}, protoKey(), nested(10)],
    categories: [null, GID, [GID, GID2], [GID, GID, GID], ['abc'], [42], [null], [[]], [{ gid: GID }], {}, { 0: GID }, protoKey(), big, ['<b>x</b>']],
    billable: [null, '', 'Billable', 'billable ', 'notapplicable', 'free', 1, [], ['billable'], {}, protoKey()],
    bool: [null, 'true', 'false', 1, 0, [], {}, [true], protoKey()],
    // A long name is not refused (it is cut for display, issue 13): only what is not a string is.
    taskName: [null, 5, true, [], ['name'], {}, protoKey()],
    undo: [null, -1, 30001, 1e12, Infinity, NaN, '100', [], {}, true, protoKey()],
    // Not one of any picklist's values (places, themes, where a theme was read from).
    choice: [null, '', 'FIELDS', 'fields ', 'Light', 'dark\\n', 'floating2', 1, true, [], ['fields'], {}, protoKey(), '<b>x</b>', big],
    distance: [null, '16', '', -1, -0.001, 100001, 1e12, NaN, Infinity, true, [], [16], {}, protoKey()],
    // What is typed in the duration box: any string up to 200 characters is read (and answered with a message if it is no duration).
    offset: [null, '0', -1, 1.5, 1_000_001, NaN, Infinity, [], {}, true, protoKey()],
    limit: [null, '10', 0, -1, 1.5, 501, NaN, Infinity, [], {}, true, protoKey()],
    durationText: [null, 5, true, 'x'.repeat(201), huge, [], ['1h'], {}, protoKey()],
    startedAt: [null, '1', 1.5, -1, 1e20, Infinity, NaN, [], {}, true, protoKey(), Date.now() + 86400000, Date.now() - 40 * 86400000],
    // The start of the run a stop's choice was made for (compared with the timer's, not bounded).
    stamp: [null, '1', 1.5, -1, Infinity, NaN, [], {}, true, protoKey()],
  };

  // A timer's notes clear a category or billable status with null (issue 18.4): everything else is refused.
  // (NaN and ±Infinity are sent as null: messages travel as JSON.)
  const notNull = (x) => x !== null && !(typeof x === 'number' && !Number.isFinite(x));
  bad.gidOrNull = bad.gid.filter(notNull);
  bad.billableOrNull = bad.billable.filter(notNull);

  const entryFields = { duration_minutes: 'minutes', entered_on: 'date', description: 'description', categories: 'categories', billable_status: 'billable', attributable_to: 'gid' };
  const goodEntry = { duration_minutes: 30, entered_on: '2026-03-02', description: 'ok', categories: [GID2], billable_status: 'billable', attributable_to: GID };
  // Requests a content script may send: a valid payload, and the kind of each field (nested objects by path).
  const allowed = {
    'task.get': [{ taskGid: GID }, { taskGid: 'gid' }],
    'task.refresh': [{ taskGid: GID, force: true }, { taskGid: 'gid', force: 'bool' }],
    'entries.get': [{ taskGid: GID, entryGid: GID2 }, { taskGid: 'gid', entryGid: 'gid' }],
    'entries.create': [{ taskGid: GID, taskName: 'T', workspaceGid: GID, entry: goodEntry },
      { taskGid: 'gid', taskName: 'taskName', workspaceGid: 'gid', ...Object.fromEntries(Object.entries(entryFields).map(([k, v]) => ['entry.' + k, v])) }],
    'entries.update': [{ taskGid: GID, entryGid: GID2, patch: { duration_minutes: 15, description: 'changed' } },
      { taskGid: 'gid', entryGid: 'entryRef', ...Object.fromEntries(Object.entries(entryFields).map(([k, v]) => ['patch.' + k, v])) }],
    'entries.delete': [{ taskGid: GID, entryGid: GID2, undoWindowMs: 5000 }, { taskGid: 'gid', entryGid: 'entryRef', undoWindowMs: 'undo' }],
    'outbox.cancel': [{ opId: 'abcdef123456' }, { opId: 'opId' }],
    'outbox.retry': [{ opId: 'abcdef123456', entry: { duration_minutes: 20 }, taskGid: GID },
      { opId: 'opId', taskGid: 'gid', ...Object.fromEntries(Object.entries(entryFields).map(([k, v]) => ['entry.' + k, v])) }],
    'typeahead.tasks': [{ workspaceGid: GID, query: 'a' }, { workspaceGid: 'gid', query: 'durationText' }],
    'categories.list': [{ workspaceGid: GID, archived: false, refresh: false }, { workspaceGid: 'gid', archived: 'bool', refresh: 'bool' }],
    'timer.start': [{ taskGid: GID, taskName: 'T', workspaceGid: GID, projectGid: GID, notes: { description: 'Planning', categoryGid: GID2, billable: 'billable' } },
      { taskGid: 'gid', taskName: 'taskName', workspaceGid: 'gid', projectGid: 'gid', 'notes.description': 'description', 'notes.categoryGid': 'gidOrNull', 'notes.billable': 'billableOrNull' }],
    'timer.notes': [{ description: 'Planning', categoryGid: GID2, billable: 'billable' }, { description: 'description', categoryGid: 'gidOrNull', billable: 'billableOrNull' }],
    'timer.adjust': [{ startedAt: Date.now() - 60000 }, { startedAt: 'startedAt' }],
    'timer.stop': [{ log: 'one', minutes: 30, date: '2026-03-02', startedAt: Date.now() - 60000 }, { log: 'choice', minutes: 'minutes', date: 'date', startedAt: 'stamp' }],
    'idle.answer': [{ answer: 'keep', startedAt: Date.now() - 60000 }, { answer: 'choice', startedAt: 'stamp' }],
    'ui.setPrefs': [{ details: true, entries: false }, { details: 'bool', entries: 'bool' }],
    'ui.setFloating': [{ right: 16, bottom: 16, collapsed: false }, { right: 'distance', bottom: 'distance', collapsed: 'bool' }],
    'page.report': [{ place: 'fields', theme: 'light', themeFrom: 'asana', mismatch: false }, { place: 'choice', theme: 'choice', themeFrom: 'choice', mismatch: 'bool' }],
    'budget.get': [{ projectGid: GID }, { projectGid: 'gid' }],
    'duration.read': [{ text: '1h 30m', date: '2026-03-02' }, { text: 'durationText', date: 'date' }],
    'entries.page': [{ taskGid: GID, offset: 50, limit: 100 }, { taskGid: 'gid', offset: 'offset', limit: 'limit' }],
  };
  const emptyTypes = ['session.get', 'timer.discard', 'ui.openOptions', 'page.loadMore'];
  const privileged = {
    'session.connectToken': { token: '0/attacker-token' },
    'session.saveOAuthApp': { clientId: '12345', clientSecret: 'attacker' },
    'session.connectOAuth': {},
    'session.signOut': {},
    'session.signOutPreview': {},
    'session.refreshWorkspaces': {},
    'settings.update': { workspaceGid: GID },
    'storage.discardRecovered': {},
    'storage.removeAllPreview': {},
    'storage.removeAll': {},
    'entries.query': { workspace: GID, start: '2026-03-02', end: '2026-03-08' },
    'categories.create': { workspaceGid: GID, name: 'Injected', color: 'red' },
    'categories.update': { workspaceGid: GID, categoryGid: GID2, patch: { name: 'Renamed' } },
    'categories.delete': { workspaceGid: GID, categoryGid: GID2 },
    'categories.get': { categoryGid: GID2 },
    'categories.entries': { categoryGid: GID2 },
    'typeahead.search': { workspaceGid: GID, query: 'a', resourceType: 'user' },
    'timesheet.week': { workspaceGid: GID, start: '2026-03-02' },
    'timesheet.reviewable': { workspaceGid: GID, start: '2026-03-02' },
    'timesheet.transition': { workspaceGid: GID, start: '2026-03-02', to: 'submitted' },
    'tab.guard': { tabId: 1, taskGid: GID },
    'tasks.estimates': { taskGids: [GID] },
    'day.refresh': {},
  };

  const messages = []; // [kind, message]
  const add = (kind, message) => messages.push([kind, message]);
  const setPath = (obj, path, value) => {
    const keys = path.split('.');
    let at = obj;
    for (const k of keys.slice(0, -1)) at = at[k];
    at[keys.at(-1)] = value;
    return obj;
  };
  const envelope = (type, payload) => ({ channel: CH, type, payload });

  // 1. Every field of every allowed request, given every wrong value of its kind.
  for (const [type, [good, kinds]] of Object.entries(allowed)) {
    for (const [path, kind] of Object.entries(kinds)) {
      for (const value of bad[kind]) add('wrong field ' + kind, envelope(type, setPath(clone(good), path, value)));
    }
    // Required fields missing.
    for (const path of Object.keys(kinds).filter((p) => !p.includes('.') && ['taskGid', 'entryGid', 'opId', 'workspaceGid'].includes(p) && type !== 'outbox.retry' && !(type === 'entries.create' && p === 'workspaceGid') && !(type === 'timer.start' && p === 'workspaceGid'))) {
      const copy = clone(good);
      delete copy[path];
      add('missing field', envelope(type, copy));
    }
  }
  // Required entry fields missing on create; an entry with two categories.
  for (const k of ['duration_minutes', 'entered_on']) { const p = clone(allowed['entries.create'][0]); delete p.entry[k]; add('missing field', envelope('entries.create', p)); }

  // 2. Unknown keys (including prototype keys) on every object of every allowed request.
  const extraKeys = [['extra', 1], ['token', 'x'], ['toString', 'x'], ['then', 'x'], ['valueOf', 1], ['hasOwnProperty', 1], ['data', {}]];
  for (const [type, [good]] of Object.entries(allowed)) {
    const objectPaths = [''].concat(Object.keys(good).filter((k) => good[k] && typeof good[k] === 'object' && !Array.isArray(good[k])));
    for (const path of objectPaths) {
      for (const [key, value] of extraKeys) { const p = clone(good); (path ? p[path] : p)[key] = value; add('unknown key', envelope(type, p)); }
      // defineProperty, not assignment: assigning "__proto__" would change the prototype instead of adding a key.
      const own = (target, key, value) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      const withProto = clone(good); own(path ? withProto[path] : withProto, '__proto__', { polluted: 'yes' }); add('__proto__ key', envelope(type, withProto));
      const withCtor = clone(good); own(path ? withCtor[path] : withCtor, 'constructor', { prototype: { polluted: 'yes' } }); add('constructor key', envelope(type, withCtor));
      // An array where an object belongs.
      if (path) add('array for object', envelope(type, { ...clone(good), [path]: [] }));
      if (path) add('array for object', envelope(type, { ...clone(good), [path]: [clone(good[path])] }));
    }
  }

  // 3. Whole payloads of the wrong type, for every request a content script may send.
  const payloads = [[], [{}], 'payload', '', 42, -1, 0.5, true, big, nested(40), protoKey(), ctorKey()];
  for (const type of Object.keys(allowed)) for (const p of payloads.concat([null, [allowed[type][0]]])) add('wrong payload', envelope(type, p));
  for (const type of emptyTypes) for (const p of payloads.concat([null, { x: 1 }, { taskGid: GID }])) add('wrong payload', envelope(type, p));

  // 4. Privileged requests from a content script (valid payloads: refused for who sent them).
  for (const [type, payload] of Object.entries(privileged)) { add('privileged', envelope(type, payload)); add('privileged', envelope(type, {})); add('privileged', envelope(type, [])); }

  // 5. Unknown types and wrong channels.
  const unknownTypes = ['', ' ', 'session', 'session.get ', 'SESSION.GET', 'session.getToken', 'session.token', 'vault.read', 'entries.list', 'entries.createMany', 'task.delete',
    'timer.set', 'outbox.clear', 'storage.get', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'then', '../session.get', 'session.get\\u0000',
    'x'.repeat(100000), 42, null, true, [], ['session.get'], { type: 'session.get' }, protoKey()];
  for (const type of unknownTypes) add('unknown type', { channel: CH, type, payload: {} });
  const channels = [undefined, null, '', 'asana-time-log/2', 'asana-time-log', 'ASANA-TIME-LOG/1', CH + ' ', ' ' + CH, 1, true, [CH], { channel: CH }, protoKey(), big];
  for (const channel of channels) for (const type of ['session.get', 'task.get', 'entries.create', 'timer.start']) add('wrong channel', { channel, type, payload: allowed[type]?.[0] ?? {} });
  add('wrong channel', { type: 'session.get', payload: {} });

  // 6. Not an envelope at all.
  for (const m of [null, 0, 1, -1, 3.14, NaN, Infinity, true, false, '', 'session.get', CH, big, [], [CH, 'session.get', {}], [{ channel: CH, type: 'session.get', payload: {} }],
    {}, { channel: CH }, protoKey(), ctorKey(), nested(50), { channel: CH, type: 'task.get' }, Object.assign(protoKey(), { channel: CH, type: 'task.get', payload: 'x' })]) add('not an envelope', m);

  // 7. Random combinations: several wrong things at once, until there are at least ${minimum}.
  const types = Object.keys(allowed);
  while (messages.length < ${minimum} + 100) {
    const type = pick(types);
    const [good, kinds] = allowed[type];
    const p = clone(good);
    const paths = Object.entries(kinds);
    const n = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) { const [path, kind] = pick(paths); setPath(p, path, pick(bad[kind])); }
    add('random', envelope(type, p));
  }

  // Send them all, in batches (the background answers each; a dead worker would stop answering).
  const results = new Array(messages.length);
  const BATCH = 40;
  for (let i = 0; i < messages.length; i += BATCH) {
    await Promise.all(messages.slice(i, i + BATCH).map(async ([kind, message], j) => {
      try {
        const response = await chrome.runtime.sendMessage(message);
        results[i + j] = { kind, response };
      } catch (error) {
        results[i + j] = { kind, threw: String(error && error.message || error) };
      }
    }));
  }
  const describe = (m) => { try { return JSON.stringify(m).slice(0, 300); } catch { return String(m); } };
  const refused = results.filter((r) => r.response && r.response.ok === false && r.response.error && r.response.error.code === 'invalid_request' && typeof r.response.error.message === 'string' && r.response.error.message.length > 0);
  const accepted = results.map((r, i) => [r, messages[i][1]]).filter(([r]) => r.response && r.response.ok !== false).map(([r, m]) => ({ kind: r.kind, message: describe(m), response: describe(r.response) }));
  const otherErrors = results.map((r, i) => [r, messages[i][1]]).filter(([r]) => r.response && r.response.ok === false && r.response.error?.code !== 'invalid_request').map(([r, m]) => ({ kind: r.kind, message: describe(m), response: describe(r.response) }));
  const silent = results.map((r, i) => [r, messages[i][1]]).filter(([r]) => !r.threw && !r.response).map(([r, m]) => ({ kind: r.kind, message: describe(m) }));
  const threw = results.map((r, i) => [r, messages[i][1]]).filter(([r]) => r.threw).map(([r, m]) => ({ kind: r.kind, message: describe(m), threw: r.threw }));
  const kinds = {};
  for (const [kind] of messages) kinds[kind] = (kinds[kind] || 0) + 1;
  const sample = refused.slice(0, 3).map((r) => r.response.error.message);
  return { total: messages.length, refused: refused.length, accepted, otherErrors, silent, threw, kinds, sample };
})()`;
}
