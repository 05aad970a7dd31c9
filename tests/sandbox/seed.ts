/**
 * The default seeded world. Deterministic: the same `today` always yields a byte-identical
 * snapshot, and every gid and token that does not depend on dates (users, tokens, workspaces,
 * projects, portfolios, categories, tasks, the estimate field, budgets) is the same whatever
 * `today` is, because those are created before any date-dependent randomness. Entries come next,
 * and the weeks' timesheet approval statuses last (they are made for the weeks that have entries).
 * Objects added since the first version come after the ones before them, so that no older gid moved.
 */
import { addDays, isoWeekday, mondayOf } from './dates.ts';
import { Prng } from './prng.ts';
import type {
  BillableStatus, CategoryColor, EntryRecord, SeedCategoryKey, SeedRefGids, TaskRecord, WorldSnapshot,
} from './types.ts';
import { compareGids, World } from './world.ts';

/** First gid handed out minus a bit: ~16 digits like Asana's, safely below 2^53. */
const GID_START = 1209173527104000;
const SEED = 0x5eed_a5a5;

/** An empty world, the starting point of the seed and of hand-built worlds in tests. */
export function emptySnapshot(today: string): WorldSnapshot {
  return {
    format: 'asana-sandbox-world/1', today, gidCounter: GID_START, users: [], workspaces: [], projects: [],
    portfolios: [], tasks: [], categories: [], entries: [], tokens: [],
    oauthApp: { clientId: '', clientSecret: '', name: '', redirectUris: [] },
  };
}

const CATEGORIES: Array<[SeedCategoryKey, string, CategoryColor, boolean]> = [
  ['development', 'Development', 'blue', false],
  ['design', 'Design', 'purple', false],
  ['meetings', 'Meetings', 'yellow', false],
  ['codeReview', 'Code review', 'indigo', false],
  ['testing', 'Testing & QA', 'green', false],
  ['research', 'Research', 'aqua', false],
  ['documentation', 'Documentation', 'cool-gray', false],
  ['support', 'Customer support', 'orange', false],
  ['planning', 'Planning', 'yellow-green', false],
  ['projectManagement', 'Project management', 'blue-green', false],
  ['marketing', 'Marketing', 'magenta', false],
  ['sales', 'Sales', 'hot-pink', false],
  ['training', 'Training', 'pink', false],
  ['travel', 'Travel', 'red', false],
  ['admin', 'Admin', 'none', false],
  ['hostile', '<b>Overtime</b> & "après-ski" <script>alert(\'cat\')</script> 🎿', 'yellow-orange', false],
  ['archived', 'Legacy consulting', 'cool-gray', true],
];

/** The reviewer's message on the demo user's rejected week. */
export const REJECTION_MESSAGE = 'Some of this week’s time is on the wrong project: please check each entry’s project and resubmit.';

const HOSTILE_TASK_NAME = '<img src=x onerror=alert(1)>Launch <script>alert("xss")</script>';

const DESCRIPTIONS = [
  'Pairing session with Alex', 'Reviewed pull requests', 'Client call — agreed next steps',
  'Fixed flaky end-to-end test', 'Wrote acceptance criteria', 'Prepared slides for the demo',
  'Investigated slow query on reports page', 'Sprint planning', 'Updated the style guide',
  'Answered support tickets', 'Refactored settings form', 'Design critique', 'Onboarding call',
  'Résumé of the workshop for the team', 'Встреча с клиентом', 'デザインの確認', '☕ Quick sync, then deep work 🚀',
  'Fixed <b>bold</b> bug & "quoted" <script>alert("entry")</script> text',
];

/** Builds the default world for `today` (YYYY-MM-DD). */
export function createSeedSnapshot(today: string): WorldSnapshot {
  const w = new World(emptySnapshot(today), { today });
  const rng = new Prng(SEED);
  const refs: SeedRefGids = {
    users: {}, workspaces: {}, projects: {}, portfolios: {}, tasks: {}, ordinaryTasks: [], categories: {}, budgets: {},
  };

  // Workspaces -------------------------------------------------------------------------------
  const main = w.addWorkspace({
    name: 'Acme Studio', is_organization: true, email_domains: ['acme.example'], time_tracking: true, timesheets_addon: true, currency: 'EUR',
  });
  const noTracking = w.addWorkspace({
    name: 'Weekend Volunteers', is_organization: false, email_domains: [], time_tracking: false, timesheets_addon: false,
  });
  refs.workspaces = { main: main.gid, noTracking: noTracking.gid };

  // Users (the demo user first) ----------------------------------------------------------------
  const people: Array<[string, string, string, string[]]> = [
    ['me', 'Morgan Avery', 'morgan@acme.example', [main.gid, noTracking.gid]],
    ['alex', 'Alex Chen', 'alex@acme.example', [main.gid, noTracking.gid]],
    ['sam', 'Sam Okafor', 'sam@acme.example', [main.gid]],
    ['priya', 'Priya Natarajan', 'priya@acme.example', [main.gid]],
    ['dmitri', 'Дмитрий Соколов', 'dmitri@acme.example', [main.gid]],
    ['hanako', '山田 花子', 'hanako@acme.example', [main.gid]],
  ];
  for (const [key, name, email, workspaces] of people) refs.users[key] = w.addUser({ name, email, workspaces }).gid;
  const u = refs.users as Record<string, string>;
  const me = u.me as string;
  const everyone = Object.values(u);

  w.oauthApp = {
    clientId: w.nextGid(),
    clientSecret: rng.hex(32),
    name: 'Time Log Sandbox App',
    redirectUris: ['http://localhost:8765/oauth/callback', 'urn:ietf:wg:oauth:2.0:oob'],
  };

  // Projects and portfolios --------------------------------------------------------------------
  const projectDefs: Array<[string, string, string, string]> = [
    ['website', 'Website Redesign', main.gid, 'light-blue'],
    ['mobile', 'Mobile App 2.0', main.gid, 'light-purple'],
    ['marketing', 'Q3 Marketing Campaign', main.gid, 'light-orange'],
    ['internal', 'Internal Tools', main.gid, 'light-green'],
    ['northwind', 'Northwind Traders — Onboarding', main.gid, 'dark-teal'],
    ['garden', 'Community Garden', noTracking.gid, 'light-green'],
  ];
  for (const [key, name, workspace, color] of projectDefs) {
    refs.projects[key] = w.addProject({ name, workspace, color, section: { gid: w.nextGid(), name: 'To do' } }).gid;
  }
  const p = refs.projects as Record<string, string>;
  refs.portfolios.clientWork = w.addPortfolio({ name: 'Client Work', projects: [p.website!, p.mobile!, p.northwind!] }).gid;
  refs.portfolios.operations = w.addPortfolio({ name: 'Operations', projects: [p.marketing!, p.internal!] }).gid;

  // Categories -----------------------------------------------------------------------------------
  for (const [key, name, color, archived] of CATEGORIES) {
    refs.categories[key] = w.addCategory({ name, color, is_archived: archived, workspace: main.gid }).gid;
  }
  const activeCategories = CATEGORIES.filter((c) => !c[3]).map((c) => refs.categories[c[0]] as string);

  // Tasks ----------------------------------------------------------------------------------------
  const created = (daysAgo: number) => `${addDays(today, -daysAgo)}T10:15:00.000Z`;
  const task = (key: string | null, input: Partial<TaskRecord> & { name: string }): TaskRecord => {
    const t = w.addTask({
      created_by: me, created_at: created(200), modified_at: created(3), assignee: null, ...input,
    });
    if (key) refs.tasks[key] = t.gid;
    return t;
  };
  task('big', {
    name: 'Weekly client sync & status reports', projects: [p.northwind!], assignee: me,
    notes: 'Recurring: every Monday. Log the time of the call and of the written report.',
  });
  task('empty', { name: 'Draft Q4 roadmap', projects: [p.internal!], assignee: me, due_on: addDays(today, 21) });
  task('twoProjects', {
    name: 'Design system: shared color tokens', projects: [p.website!, p.mobile!], assignee: u.alex!,
    notes: 'One set of tokens for web and mobile. Time goes to whichever project the work was for.',
  });
  const parent = task('subtaskParent', {
    name: 'Homepage hero redesign', projects: [p.website!], assignee: u.priya!, due_on: addDays(today, 10),
  });
  task('subtask', { name: 'Export hero illustrations @2x', parent: parent.gid, workspace: main.gid, assignee: me });
  task('milestone', {
    name: 'Public beta launch', projects: [p.mobile!], resource_subtype: 'milestone', due_on: addDays(today, 30),
  });
  task('hostile', {
    name: HOSTILE_TASK_NAME, projects: [p.marketing!], assignee: me,
    notes: 'Notes with markup: <b>not bold</b> <a href="javascript:alert(1)">link</a> & "quotes" \u2028 end.',
  });
  task('noTracking', {
    name: 'Plan spring planting', projects: [p.garden!], assignee: me, workspace: noTracking.gid, due_on: addDays(today, 40),
  });
  task('emoji', { name: '🚀 Ship release notes for v2.0 ✨', projects: [p.mobile!], assignee: me, due_on: addDays(today, 5) });
  task('cyrillic', { name: 'Подготовить отчёт для клиента', projects: [p.northwind!], assignee: u.dmitri! });
  task('japanese', { name: 'デザインレビューの準備', projects: [p.website!], assignee: u.hanako! });

  const ordinary: Array<[string, string]> = [
    ['website', 'Audit site accessibility (WCAG 2.2)'], ['website', 'Migrate blog to the new CMS'],
    ['website', 'Write copy for the pricing page'], ['website', 'Fix broken links on the careers page'],
    ['mobile', 'Implement push notification opt-in'], ['mobile', 'Crash on Android 14 when rotating the editor'],
    ['mobile', 'Add dark mode to the settings screen'], ['mobile', 'Prepare App Store screenshots'],
    ['marketing', 'Plan webinar with partner agency'], ['marketing', 'Newsletter — September issue'],
    ['marketing', 'Social media calendar for October'], ['marketing', 'Brief agency on the video ad'],
    ['internal', 'Set up CI cache for the monorepo'], ['internal', 'Rotate staging database credentials'],
    ['internal', 'Update the onboarding checklist'], ['internal', 'Evaluate expense tools'],
    ['northwind', 'Kickoff workshop agenda'], ['northwind', 'Import legacy customer data'],
    ['northwind', 'Configure SSO for Northwind'], ['northwind', 'Training session for the support team'],
  ];
  ordinary.forEach(([projectKey, name], i) => {
    const completed = i % 7 === 3;
    const t = task(null, {
      name, projects: [p[projectKey]!], assignee: i % 3 === 0 ? me : everyone[i % everyone.length]!,
      due_on: i % 4 === 1 ? null : addDays(today, (i % 9) * 3 - 6), completed,
      completed_at: completed ? created(2) : null, created_at: created(120 - i), notes: i % 2 ? '' : `Context for “${name}”.`,
    });
    refs.ordinaryTasks.push(t.gid);
  });

  // Timesheet reviewers: Alex reviews everyone else's weeks, Priya reviews Alex's. Sam (and the
  // demo user) review nobody.
  for (const key of ['me', 'sam', 'priya', 'dmitri', 'hanako']) w.addReviewer(u[key]!, u.alex!, main.gid);
  w.addReviewer(u.alex!, u.priya!, main.gid);

  // Estimates: Asana's "Estimated time" custom field, on some tasks with a value, on some empty,
  // and not on others (marketing tasks, the milestone, the subtask, the other workspace).
  w.estimatedTimeField(main.gid);
  const estimates: Array<[string, number | null]> = [
    ['big', 3000], ['empty', 480], ['twoProjects', 900], ['subtaskParent', null], ['emoji', 90], ['cyrillic', null], ['japanese', 240],
  ];
  for (const [key, minutes] of estimates) w.tasks.get(refs.tasks[key]!)!.estimated_minutes = minutes;
  refs.ordinaryTasks.forEach((gid, i) => {
    const t = w.tasks.get(gid)!;
    if (t.projects[0] === p.marketing || i % 3 === 2) return;
    t.estimated_minutes = i % 3 === 0 ? 60 * (1 + (i % 8)) : null;
  });

  // Budgets and rates: a time budget, a cost budget, and one with its estimate and total off.
  const hourly: Record<string, number> = { me: 120, alex: 135, sam: 95, priya: 110, dmitri: 100, hanako: 105 };
  for (const project of [p.website!, p.northwind!]) {
    for (const [key, rate] of Object.entries(hourly)) w.rates.push({ project, user: u[key]!, rate });
  }
  refs.budgets = {
    website: w.addBudget({
      parent: p.website!, budget_type: 'time', total: { enabled: true, time: 12_000, cost: 30_000 },
      actual: { billable_status_filter: 'billable' }, estimate: { enabled: true, source: 'tasks', billable_status_filter: 'billable' },
    }).gid,
    northwind: w.addBudget({
      parent: p.northwind!, budget_type: 'cost', total: { enabled: true, time: 15_000, cost: 25_000 },
      actual: { billable_status_filter: 'any' }, estimate: { enabled: true, source: 'tasks', billable_status_filter: 'any' },
    }).gid,
    internal: w.addBudget({
      parent: p.internal!, budget_type: 'time', total: { enabled: false, time: 0, cost: 0 },
      actual: { billable_status_filter: 'non_billable' }, estimate: { enabled: false, source: 'none', billable_status_filter: 'billable' },
    }).gid,
  };

  // Entries (date-dependent) -------------------------------------------------------------------
  const monday = mondayOf(today);
  const weeksAgo = (date: string) => Math.round((Date.parse(monday) - Date.parse(mondayOf(date))) / (7 * 86_400_000));
  const billableFor = (projectGid: string | null): BillableStatus => {
    if (rng.chance(0.15)) return rng.pick(['billable', 'nonBillable', 'notApplicable'] as const);
    if (projectGid === p.northwind || projectGid === p.website || projectGid === p.mobile) return 'billable';
    if (projectGid === p.internal) return 'nonBillable';
    return 'notApplicable';
  };
  const timeOn = (date: string, slot: number) =>
    `${date}T${String(8 + (slot % 10)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.${String(rng.int(0, 999)).padStart(3, '0')}Z`;
  // Entries start as DRAFT; the weeks' records give them their status at the end.
  const entry = (taskGid: string, by: string, enteredOn: string, slot: number, extra: Partial<EntryRecord> = {}) => {
    const attribution = w.defaultAttribution(taskGid);
    const duration = rng.int(1, 16) * 15;
    const categories = rng.chance(0.75) ? [rng.pick(activeCategories)] : [];
    const billable = billableFor(attribution);
    const description = rng.chance(0.7) ? rng.pick(DESCRIPTIONS) : '';
    // Before weeks had records, each older entry drew its own status here. The draw stays so that
    // every value drawn after it is what it was: tests found their cells in that world.
    if (weeksAgo(enteredOn) >= 2) rng.next();
    return w.addEntry({
      task: taskGid, created_by: by, entered_on: enteredOn, duration_minutes: duration, attributable_to: attribution,
      categories, billable_status: billable, description, approval_status: 'DRAFT', created_at: timeOn(enteredOn, slot), ...extra,
    });
  };

  // The 250-entry task: several users, spread over ~6 months before today (forces pagination).
  for (let i = 0; i < 250; i++) {
    const enteredOn = addDays(today, -(1 + Math.floor((i * 180) / 250)));
    const old = i >= 170;
    entry(refs.tasks.big!, rng.pick(everyone), enteredOn, i, old && i % 5 === 0 ? { categories: [refs.categories.archived!] } : {});
  }

  // The demo user's timesheet: this week (up to today) and the four weeks before.
  const mine = refs.ordinaryTasks.filter((_, i) => i % 2 === 0).concat([refs.tasks.emoji!, refs.tasks.twoProjects!]);
  for (let week = 4; week >= 0; week--) {
    for (let day = 0; day < 5; day++) {
      const date = addDays(monday, -7 * week + day);
      if (date > today) continue;
      const n = rng.int(1, 3);
      for (let k = 0; k < n; k++) {
        const t = rng.pick(mine);
        const extra: Partial<EntryRecord> = {};
        if (t === refs.tasks.twoProjects) extra.attributable_to = rng.pick([p.website!, p.mobile!, null]);
        entry(t, me, date, k, extra);
      }
    }
  }
  // Make sure every billable status is present for the demo user, whatever the day, and an entry in
  // each of the weeks whose status the seed fixes below (rejected three weeks ago, approved two,
  // submitted last week, draft this week).
  const lastWeek = addDays(monday, -7);
  const threeWeeksAgo = addDays(monday, -21);
  entry(refs.ordinaryTasks[0]!, me, threeWeeksAgo, 1, { billable_status: 'billable', description: 'Rejected: wrong project' });
  entry(refs.ordinaryTasks[2]!, me, lastWeek, 2, { billable_status: 'nonBillable' });
  entry(refs.ordinaryTasks[4]!, me, addDays(monday, -14), 3, { billable_status: 'notApplicable' });
  entry(refs.ordinaryTasks[6]!, me, today, 4, { billable_status: 'billable', description: 'Today’s work' });

  // Colleagues' recent entries on ordinary tasks.
  for (const who of everyone.filter((g) => g !== me)) {
    for (let d = 1; d <= 21; d++) {
      const date = addDays(today, -d);
      if (isoWeekday(date) > 5 || !rng.chance(0.5)) continue;
      entry(rng.pick(refs.ordinaryTasks), who, date, d);
    }
  }

  // Special tasks.
  const yesterday = addDays(today, -1);
  entry(refs.tasks.hostile!, me, today, 5, {
    description: '<img src=x onerror=alert("desc")> Reviewed <b>launch</b> copy & "quotes"',
    categories: [refs.categories.hostile!],
  });
  entry(refs.tasks.hostile!, u.alex!, yesterday, 6, { description: '<script>alert(1)</script>' });
  entry(refs.tasks.twoProjects!, u.alex!, yesterday, 7, { attributable_to: p.website! });
  entry(refs.tasks.twoProjects!, u.sam!, yesterday, 8, { attributable_to: p.mobile! });
  entry(refs.tasks.subtask!, me, today, 2, { description: 'Exported 24 assets' });
  entry(refs.tasks.subtask!, u.priya!, yesterday, 3);
  entry(refs.tasks.milestone!, u.sam!, yesterday, 4, { description: 'Go/no-go checklist' });
  entry(refs.tasks.cyrillic!, u.dmitri!, yesterday, 5, { description: 'Сверка данных с клиентом' });
  entry(refs.tasks.japanese!, u.hanako!, yesterday, 6, { description: '色のトークンを確認しました 🎨' });
  entry(refs.tasks.emoji!, me, yesterday, 7, { description: '✍️ First draft 🎉' });

  // Timesheet approval statuses (date-dependent; last) ----------------------------------------
  // A record for every user's past week that has entries: last week submitted (waiting for the
  // reviewer), older weeks approved, except the demo user's week three weeks ago, rejected with a
  // message. This week has no record for the demo user (one is created to submit it, as in
  // Asana); Alex has opened his. Every transition is made as Asana would, so entries follow.
  const weeks = new Map<string, { user: string; workspace: string; monday: string }>();
  for (const e of [...w.entries.values()].sort((a, b) => a.entered_on.localeCompare(b.entered_on) || compareGids(a.gid, b.gid))) {
    if (weeksAgo(e.entered_on) < 1) continue;
    const workspace = w.tasks.get(e.task)!.workspace;
    const key = `${e.created_by}|${workspace}|${mondayOf(e.entered_on)}`;
    if (!weeks.has(key)) weeks.set(key, { user: e.created_by, workspace, monday: mondayOf(e.entered_on) });
  }
  const at = (date: string, time: string) => `${date}T${time}.000Z`;
  for (const { user, workspace, monday: start } of [...weeks.values()].sort((a, b) => a.monday.localeCompare(b.monday) || compareGids(a.user, b.user))) {
    const record = w.addTimesheet({ user, workspace, start_date: start, created_at: at(start, '08:00:00') });
    const friday = addDays(start, 4);
    w.applyTimesheetStatus(record, 'SUBMITTED', user, null, at(friday, '17:05:00'));
    if (weeksAgo(start) < 2) continue;
    const reviewer = w.reviewersOf(user, workspace)[0] ?? user;
    const reviewed = at(addDays(start, 7), '10:30:00');
    if (user === me && start === threeWeeksAgo) {
      w.applyTimesheetStatus(record, 'REJECTED', reviewer, REJECTION_MESSAGE, reviewed);
    } else {
      w.applyTimesheetStatus(record, 'APPROVED', reviewer, null, reviewed);
    }
  }
  w.addTimesheet({ user: u.alex!, workspace: main.gid, start_date: monday, created_at: at(monday, '08:00:00') });

  w.refs = refs;
  const snapshot = w.snapshot();
  snapshot.today = today;
  return snapshot;
}
