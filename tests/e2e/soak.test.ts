/**
 * The fault soak (issues 7 and 12): 200 random user operations through the widget and the popup
 * (log, edit, delete with and without undo, timer start and stop) while the sandbox injects
 * latency, 429s, 5xx, dropped connections and malformed bodies at random, the service worker is
 * stopped at random moments, the browser is restarted twice, and the person signs out and another
 * seeded user signs in (and back) three times, with writes still waiting. Afterwards the sandbox
 * must hold exactly the entries the operations should have produced (per user and task, the
 * multiset of (duration, date, description), kept in a model here), none sent as the wrong user,
 * no view may have shown one user's data as another's, and none may show a stale pending item.
 *
 * Every random choice comes from one seeded PRNG: the seed is printed; SOAK_SEED replays it.
 * (The sandbox's fault sequence is seeded too, but it follows the order requests arrive in,
 * which timing can change: a replay makes the same operations, not necessarily the same faults.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { FAULT_KINDS } from '../sandbox/index.ts';
import { Harness, formatMinutes, widget } from './harness';

const SEED = Number(process.env.SOAK_SEED ?? 7_2026);
const OPERATIONS = Number(process.env.SOAK_OPERATIONS ?? 200);
const WORKER_STOPS = 10;
const RESTARTS = 2;
/** Sign-outs with writes waiting, each followed by the other seeded user signing in. */
const SWITCHES = Number(process.env.SOAK_SWITCHES ?? 3);
const TASKS = 6;
/** A tenth of requests fail: with the outbox's 2 s first retry (doubling), everything converges. */
const FAULT_RATE = Number(process.env.SOAK_FAULT_RATE ?? 0.12);

/** mulberry32: small, fast, good enough, and the same everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

const localDate = (ms = Date.now()) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const yesterday = () => localDate(Date.now() - 86_400_000);
/** The extension's rounding (lib/background/timer.ts minutesToLog), applied to the seconds the UI reports. */
const minutesToLog = (seconds: number) => Math.min(1440, Math.max(1, Math.round(seconds / 60)));
const clockSeconds = (text: string) => text.split(':').map(Number).reduce((s, p) => s * 60 + p, 0);

interface ModelEntry {
  duration: number;
  date: string;
  description: string;
}

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch({ connect: true });
});
afterAll(async () => h?.close());

describe('fault soak', () => {
  it(`${OPERATIONS} random operations through the widget and the popup under faults, worker stops and browser restarts`, async () => {
    const started = Date.now();
    const rng = prng(SEED);
    const { world, seed, faults, stats } = h.sandbox;
    console.log(`soak: seed ${SEED} (replay with SOAK_SEED=${SEED})`);

    // Two people on this browser: the demo user, and Alex signing in when the demo user signs out.
    const people = [
      { ...seed.users.me, prefix: 'm' },
      { ...seed.users.alex, prefix: 'a' },
    ];
    let who = people[0]!;
    const tasks = Array.from({ length: TASKS }, (_, i) => world.addTask({ name: `Soak task ${i + 1}`, projects: [seed.projects.website.gid] }));
    /** Per user, per task: the entries the operations should have produced. */
    const models = new Map(people.map((p) => [p.gid, new Map<string, ModelEntry[]>(tasks.map((t) => [t.gid, []]))]));
    const modelOf = (taskGid: string) => models.get(who.gid)!.get(taskGid)!;
    /** Views that showed another user's entry as this user's (or as waiting for them). */
    let foreignShown = 0;
    /**
     * Rows that showed an entry a second time (Asana's copy beside the waiting one), counted after
     * every operation and printed. Measured, not asserted: four causes are fixed (each with its own
     * test), and a CI run after them still counted 1; see the README.
     */
    let doubledShown = 0;
    const counts: Record<string, number> = {};
    const log: string[] = [];
    const count = (kind: string) => (counts[kind] = (counts[kind] ?? 0) + 1);

    // When to stop the worker, and when to restart the browser: chosen up front from the seed.
    const stopAt = new Set<number>();
    while (stopAt.size < WORKER_STOPS) stopAt.add(rng.int(3, OPERATIONS - 3));
    const restartAt = new Set<number>([rng.int(Math.floor(OPERATIONS * 0.3), Math.floor(OPERATIONS * 0.45)), rng.int(Math.floor(OPERATIONS * 0.65), Math.floor(OPERATIONS * 0.85))]);
    const switchAt = new Set<number>();
    while (switchAt.size < SWITCHES) switchAt.add(rng.int(5, OPERATIONS - 5));
    let workerStops = 0;
    let restarts = 0;
    let switches = 0;

    faults.resetCounts();
    faults.random({ seed: SEED, rate: FAULT_RATE, kinds: [...FAULT_KINDS], retryAfter: 1 });
    faults.latency({ min: 10, max: 150 });

    let page: Page = await h.openAsana(h.taskUrl(tasks[0]!.gid));
    let current = tasks[0]!;
    /** Each person's running timer (one's keeps running while the other is signed in). */
    const timers = new Map<string, { taskGid: string; startedAt: number } | null>(people.map((p) => [p.gid, null]));
    let timer: { taskGid: string; startedAt: number } | null = null;
    let serial = 0;
    const describeOp = (i: number, what: string) => `#${i} ${what}`;

    /** Waits for `condition`, failing with the operation's context (seed, index) when it does not come. */
    async function until(what: string, condition: () => Promise<boolean>, timeout = 20_000): Promise<void> {
      const end = Date.now() + timeout;
      for (;;) {
        if (await condition().catch(() => false)) return;
        if (Date.now() > end) {
          const shown = await w().innerText({ timeout: 2_000 }).catch(() => '(no widget)');
          throw new Error(`soak (seed ${SEED}): timed out waiting for ${what}. Last operations:\n${log.slice(-8).join('\n')}\nThe widget shows:\n${shown}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    const w = () => widget(page);
    async function widgetReady(task: { gid: string }) {
      await until(`the widget of ${task.gid}`, async () => (await w().getAttribute('data-task-gid')) === task.gid);
      // Figures shown (from the cache or Asana); if the load failed after its retries, Retry as a person would.
      await until(`figures for ${task.gid}`, async () => {
        const retry = w().getByRole('alert').filter({ hasText: 'Could not load' }).getByRole('button', { name: 'Retry' });
        if (await retry.count()) await retry.click();
        return (await w().getByTestId('total').textContent()) !== '…';
      }, 40_000);
    }
    async function goTo(task: { gid: string }) {
      if (current.gid !== task.gid || !page.url().includes(task.gid)) {
        await page.evaluate((url) => (window as unknown as { __sandboxNavigate: (u: string) => void }).__sandboxNavigate(url), new URL(h.taskUrl(task.gid)).pathname);
        current = tasks.find((t) => t.gid === task.gid)!;
      }
      await widgetReady(task);
    }
    /** The list shows the latest ten: show more until the row is there (or there is no more to show). */
    const rowShown = async (description: string): Promise<boolean> => {
      for (;;) {
        if ((await rowOf(description).count()) === 1) return true;
        const more = w().getByRole('button', { name: /^Show (\d+ more of )?\d+ older entr(y|ies)$/ });
        if ((await more.count()) === 0) return false;
        // Bounded: a click that cannot land (the list re-rendering under it) is tried again by the caller.
        await more.click({ timeout: 2_000 });
      }
    };
    const rowOf = (description: string): Locator => w().locator('li[data-entry-gid]').filter({ has: page.locator('p.tl-desc', { hasText: new RegExp(`^${description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
    const newForm = () => w().locator('form[aria-label="Log time"]');

    async function fillForm(form: Locator, entry: ModelEntry) {
      await form.getByLabel('Duration').fill(`${entry.duration}m`);
      await form.getByLabel('Description').fill(entry.description);
      await form.getByRole('button', { name: entry.date === localDate() ? 'Today' : 'Yesterday' }).click();
    }
    const freshEntry = (): ModelEntry => ({ duration: rng.int(1, 480), date: rng.chance(0.25) ? yesterday() : localDate(), description: `soak ${SEED} ${who.prefix}${++serial}` });

    async function widgetLog(i: number) {
      const entry = freshEntry();
      await fillForm(newForm(), entry);
      await newForm().getByRole('button', { name: 'Log time' }).click();
      await until(describeOp(i, `the new entry “${entry.description}” in the widget`), () => rowShown(entry.description));
      modelOf(current.gid).push(entry);
      count('widget log');
      return `widget log ${entry.duration} min ${entry.date} “${entry.description}”`;
    }

    async function popupLog(i: number) {
      const entry = freshEntry();
      const popup = await h.openPopupOver(page);
      try {
        await until(describeOp(i, 'the popup on the task'), async () => (await popup.locator('.tl-task').textContent()) === current.name);
        const form = popup.locator('form[aria-label="Log time"]');
        await fillForm(form, entry);
        await form.getByLabel('Duration').press('Enter');
        const status = popup.locator('main > p.tl-live');
        await until(describeOp(i, 'the popup’s confirmation'), async () => /^(Logged|Saved)/.test((await status.textContent()) ?? ''));
      } finally {
        await popup.close();
      }
      modelOf(current.gid).push(entry);
      count('popup log');
      return `popup log ${entry.duration} min ${entry.date} “${entry.description}”`;
    }

    const described = () => modelOf(current.gid).filter((e) => e.description);

    async function widgetEdit(i: number) {
      const entry = rng.pick(described());
      const next: ModelEntry = { duration: rng.chance(0.7) ? rng.int(1, 480) : entry.duration, date: rng.chance(0.2) ? (entry.date === localDate() ? yesterday() : localDate()) : entry.date, description: `soak ${SEED} ${who.prefix}${++serial} edited` };
      await until(describeOp(i, `the row “${entry.description}”`), () => rowShown(entry.description));
      const form = w().locator('form[aria-label="Edit time entry"]');
      // Opening the form reads the entry afresh from Asana; if that fails (after its retries), the
      // widget says why and the person clicks Edit again.
      await until(describeOp(i, 'the edit form'), async () => {
        if ((await form.count()) === 1) return true;
        await rowOf(entry.description).getByRole('button', { name: /^Edit / }).click({ timeout: 2_000 });
        await form.waitFor({ timeout: 10_000 });
        return true;
      }, 40_000);
      await fillForm(form, next);
      await form.getByRole('button', { name: 'Save' }).click();
      await until(describeOp(i, `the edited row “${next.description}”`), async () => (await form.count()) === 0 && (await rowShown(next.description)));
      Object.assign(entry, next);
      count('widget edit');
      return `widget edit → ${next.duration} min ${next.date} “${next.description}”`;
    }

    async function widgetDelete(i: number, undo: boolean) {
      const entry = rng.pick(described());
      await until(describeOp(i, `the row “${entry.description}”`), () => rowShown(entry.description));
      await rowOf(entry.description).getByRole('button', { name: /^Delete / }).click();
      await rowOf(entry.description).getByRole('group', { name: 'Confirm delete' }).getByRole('button', { name: 'Delete', exact: true }).click({ timeout: 10_000 });
      await until(describeOp(i, `“${entry.description}” gone`), async () => (await rowOf(entry.description).count()) === 0);
      if (undo) {
        // Another delete may be waiting out its undo window too: undo this one.
        const button = w().locator(`button[aria-label^="Undo deleting"][aria-label*="“${entry.description}”"]`);
        await until(describeOp(i, 'the Undo button'), async () => (await button.count()) === 1);
        await button.click();
        await until(describeOp(i, `“${entry.description}” back`), () => rowShown(entry.description));
        count('widget delete + undo');
        return `widget delete “${entry.description}”, undone`;
      }
      const list = modelOf(current.gid);
      list.splice(list.indexOf(entry), 1);
      count('widget delete');
      return `widget delete “${entry.description}”`;
    }

    async function timerStart(i: number) {
      const via = rng.chance(0.5) ? 'widget' : 'popup';
      const before = Date.now();
      if (via === 'widget') {
        await w().getByRole('button', { name: /Start timer/ }).click();
        await until(describeOp(i, 'the running clock'), async () => (await w().getByRole('timer').count()) === 1);
      } else {
        const popup = await h.openPopupOver(page);
        try {
          await until(describeOp(i, 'the popup on the task'), async () => (await popup.locator('.tl-task').textContent()) === current.name);
          await popup.getByRole('button', { name: /Start timer on this task/ }).click();
          await until(describeOp(i, 'the popup’s running timer'), async () => (await popup.getByRole('region', { name: 'Running timer' }).count()) === 1);
        } finally {
          await popup.close();
        }
      }
      timer = { taskGid: current.gid, startedAt: before };
      count(`timer start (${via})`);
      return `timer start (${via})`;
    }

    async function timerStop(i: number) {
      const running = timer!;
      const via = rng.chance(0.5) ? 'widget' : 'popup';
      let message = '';
      if (via === 'widget') {
        await goTo({ gid: running.taskGid });
        await w().getByRole('button', { name: /Stop timer/ }).click();
        const status = w().locator('p.tl-live');
        await until(describeOp(i, 'the widget’s timer confirmation'), async () => /rounded to/.test((message = (await status.textContent()) ?? '')));
      } else {
        const popup = await h.openPopupOver(page);
        try {
          await until(describeOp(i, 'the popup’s running timer'), async () => (await popup.getByRole('region', { name: 'Running timer' }).count()) === 1);
          await popup.getByRole('button', { name: 'Stop and log' }).click();
          const status = popup.locator('main > p.tl-live');
          await until(describeOp(i, 'the popup’s timer confirmation'), async () => /rounded\)/.test((message = (await status.textContent()) ?? '')));
        } finally {
          await popup.close();
        }
      }
      expect(message, `soak (seed ${SEED}) #${i}`).toMatch(/^(Logged|Saved)/);
      const seconds = clockSeconds(/\((\d+(?::\d{2}){1,2}) rounded/.exec(message)![1]!);
      // What the wall clock says it should be (the UI rounds the same seconds).
      expect(Math.abs(seconds - (Date.now() - running.startedAt) / 1000), `timer seconds, seed ${SEED} #${i}`).toBeLessThan(30);
      models.get(who.gid)!.get(running.taskGid)!.push({ duration: minutesToLog(seconds), date: localDate(Date.now() - seconds * 1000), description: '' });
      timer = null;
      if (i < OPERATIONS) count(`timer stop (${via})`);
      return `timer stop (${via}): ${message}`;
    }

    /** Signs the current person out (keeping what waits) and the other in, as on a shared computer. */
    let waitingAtSwitches = 0;
    async function switchPerson(i: number) {
      timers.set(who.gid, timer);
      waitingAtSwitches += ((await h.storage('outbox')).outbox?.ops ?? []).filter((o: { user: { gid: string } }) => o.user.gid === who.gid).length;
      const next = people.find((p) => p.gid !== who.gid)!;
      await until(describeOp(i, `${who.name} signed out`), async () => (await h.message('session.signOut', { pending: 'keep' })).ok === true);
      // Signing in asks Asana who the token belongs to; under faults a person tries again.
      await until(describeOp(i, `${next.name} signed in`), async () => (await h.message('session.connectToken', { token: next.token })).ok === true, 60_000);
      who = next;
      timer = timers.get(who.gid) ?? null;
      switches++;
      await page.reload();
    }

    /** One person's entries shown as another's, or as waiting for them: the check after every operation. */
    async function countForeign(): Promise<void> {
      const other = people.find((p) => p.gid !== who.gid)!;
      const rows = await w().locator('li[data-entry-gid]').evaluateAll((els) =>
        els.map((el) => ({ gid: el.getAttribute('data-entry-gid') ?? '', who: el.querySelector('.tl-main > span')?.textContent ?? '', description: el.querySelector('p.tl-desc')?.textContent ?? '', pending: el.classList.contains('tl-pending') })),
      );
      const theirs = rows.filter((r) => r.description.startsWith(`soak ${SEED} ${other.prefix}`));
      const shown = theirs.filter((r) => r.who === 'You' || r.pending).length;
      if (shown) log.push(`  ${shown} of ${other.name}'s entries shown to ${who.name} as theirs or waiting`);
      foreignShown += shown;
      // Every description is unique: two rows of one are one entry shown twice.
      const described = rows.map((r) => r.description).filter((d) => d.startsWith(`soak ${SEED} `));
      const twice = described.length - new Set(described).size;
      if (twice) {
        const seen = described.filter((d, k) => described.indexOf(d) !== k);
        const outbox = ((await h.storage('outbox')).outbox?.ops ?? []) as Array<{ kind: string; state: string; targetGid: string; sentAt: number | null; uncertain: boolean; data?: { description?: string } }>;
        log.push(`  ${twice} entries shown twice: ${JSON.stringify(rows.filter((r) => seen.includes(r.description)))}; outbox ${JSON.stringify(outbox.map((o) => [o.kind, o.state, o.targetGid, o.sentAt, o.uncertain, o.data?.description]))}`);
      }
      doubledShown += twice;
    }

    await widgetReady(current);
    for (let i = 0; i < OPERATIONS; i++) {
      if (switchAt.has(i)) {
        const t0 = Date.now();
        await switchPerson(i);
        log.push(`#${i} now signed in: ${who.name} [${Date.now() - t0} ms]`);
      }
      if (restartAt.has(i)) {
        const t0 = Date.now();
        await h.restartBrowser();
        restarts++;
        page = await h.openAsana(h.taskUrl(current.gid));
        log.push(`#${i} browser restart [${Date.now() - t0} ms]`);
      }
      if (stopAt.has(i)) {
        // A random moment for the background: its sends and refreshes from the last operation may be on the wire.
        await page.waitForTimeout(rng.int(0, 400));
        const t0 = Date.now();
        await h.stopServiceWorker();
        workerStops++;
        log.push(`#${i} worker stop [${Date.now() - t0} ms]`);
      }
      const task = rng.pick(tasks);
      const opStart = Date.now();
      await goTo(task);
      const navMs = Date.now() - opStart;
      const hasDescribed = described().length > 0;
      const roll = rng.next();
      let done: string;
      if (roll < 0.1) done = timer ? await timerStop(i) : await timerStart(i);
      else if (roll < 0.38 || !hasDescribed) done = await widgetLog(i);
      else if (roll < 0.55) done = await popupLog(i);
      else if (roll < 0.75) done = await widgetEdit(i);
      else if (roll < 0.85) done = await widgetDelete(i, true);
      else done = await widgetDelete(i, false);
      log.push(`#${i} ${task.name}: ${done} [${navMs} + ${Date.now() - opStart - navMs} ms]`);
      await countForeign();
    }
    const operationsDone = Object.values(counts).reduce((a, b) => a + b, 0);
    if (timer) log.push(`#${OPERATIONS} ${await timerStop(OPERATIONS)} (to finish the run; not counted)`);
    const opsTime = (Date.now() - started) / 1000;

    // Asana recovers: everything waiting must arrive exactly once, with no user action (reading the
    // outbox's state here wakes the worker, as any event would; retries are the outbox's own).
    const injected = { ...faults.injected };
    faults.clear();
    // Each person's waiting writes go only while that person is signed in: the current one's first,
    // then the other's (whose timer, if one runs, is stopped after they sign in).
    const opsOf = async (gid: string): Promise<number> => ((await h.storage('outbox')).outbox?.ops ?? []).filter((o: { user: { gid: string } }) => o.user.gid === gid).length;
    await until(`${who.name}'s writes to drain`, async () => (await opsOf(who.gid)) === 0, 150_000);
    await switchPerson(OPERATIONS);
    await widgetReady(current);
    if (timer) log.push(`#${OPERATIONS} ${await timerStop(OPERATIONS)} (${who.name}'s, to finish the run; not counted)`);
    await until('the outbox to drain', async () => ((await h.storage('outbox')).outbox?.ops ?? []).length === 0, 150_000);

    const key = (e: ModelEntry) => `${e.duration} min | ${e.date} | ${e.description}`;
    const expected = new Map(people.flatMap((p) => tasks.map((t) => [`${p.prefix}/${t.gid}`, models.get(p.gid)!.get(t.gid)!.map(key).sort()] as const)));
    const stored = new Map(people.flatMap((p) => tasks.map((t) => [`${p.prefix}/${t.gid}`, world.entriesOfTask(t.gid).filter((e) => e.created_by === p.gid).map((e) => key({ duration: e.duration_minutes, date: e.entered_on, description: e.description })).sort()] as const)));
    const expectedCount = [...expected.values()].reduce((s, l) => s + l.length, 0);
    const storedCount = [...stored.values()].reduce((s, l) => s + l.length, 0);
    // Entries the operations made that Asana does not hold under their author.
    let lost = 0;
    for (const [k, list] of expected) {
      const left = [...(stored.get(k) ?? [])];
      for (const e of list) {
        const at = left.indexOf(e);
        if (at >= 0) left.splice(at, 1);
        else lost++;
      }
    }
    // Entries whose description says whose they are, stored under someone else.
    const soakEntries = tasks.flatMap((t) => world.entriesOfTask(t.gid)).filter((e) => e.description.startsWith(`soak ${SEED} `));
    const wrongUser = soakEntries.filter((e) => people.find((p) => e.description.startsWith(`soak ${SEED} ${p.prefix}`))?.gid !== e.created_by).length;
    const faultSummary = Object.entries(injected).filter(([k, n]) => k !== 'latency' && n > 0).map(([k, n]) => `${k}: ${n}`).join(', ');
    const faultTotal = Object.entries(injected).filter(([k]) => k !== 'latency').reduce((s, [, n]) => s + n, 0);
    const drained = (Date.now() - started) / 1000 - opsTime;
    console.log(`soak: seed ${SEED}; operations by kind ${JSON.stringify(counts)}`);
    console.log(`soak: ${stats.requests.filter((r) => r.area === 'api').length} API requests (${injected.latency} delayed); operations took ${opsTime.toFixed(0)} s, the outbox drained ${drained.toFixed(0)} s after the faults stopped`);
    if (process.env.SOAK_LOG) console.log(log.join('\n'));
    try {
      if (JSON.stringify([...expected]) !== JSON.stringify([...stored])) console.log(`soak (seed ${SEED}) last operations:\n${log.slice(-30).join('\n')}`);
      // What a view showed wrongly, with the operations just before it.
      log.forEach((line, k) => /shown twice|shown to .* as theirs/.test(line) && console.log(`soak (seed ${SEED}):\n${log.slice(Math.max(0, k - 4), k + 1).join('\n')}`));
      for (const [k, list] of expected) expect(stored.get(k), `${k} (seed ${SEED})`).toEqual(list);
      expect({ lost, wrongUser, foreignShown }).toEqual({ lost: 0, wrongUser: 0, foreignShown: 0 });

      // No view shows a stale pending item: every task's widget, and the popup.
      for (const t of tasks) {
        await goTo(t);
        const entries = world.entriesOfTask(t.gid);
        await until(`${t.name}'s total to match Asana`, async () => (await w().getByTestId('total').textContent()) === formatMinutes(entries.reduce((s, e) => s + e.duration_minutes, 0)));
        expect(await w().locator('li[data-entry-gid]').count(), `${t.name}: rows`).toBe(Math.min(10, entries.length));
        expect(await w().getByText(/waiting to sync/i).count(), `${t.name}: waiting to sync`).toBe(0);
        expect(await w().getByText(/Not saved/).count(), `${t.name}: Not saved`).toBe(0);
        expect(await w().locator('li[data-entry-gid^="local-"]').count()).toBe(0);
      }
      const popup = await h.openPopupOver(page);
      await until('the popup', async () => (await popup.locator('.tl-task').textContent()) === current.name);
      expect(await popup.getByText(/waiting to sync/i).count()).toBe(0);
      expect(await popup.getByText(/Not saved/).count()).toBe(0);
      await popup.close();

      expect(operationsDone).toBe(OPERATIONS);
      expect(workerStops).toBeGreaterThanOrEqual(WORKER_STOPS);
      expect(restarts).toBe(RESTARTS);
      expect(switches).toBe(SWITCHES + 1);
    } finally {
      console.log(`soak: took ${((Date.now() - started) / 1000).toFixed(0)} s, seed ${SEED}, fault rate ${FAULT_RATE}`);
      console.log(`soak: ${operationsDone} operations, ${faultTotal} faults (${faultSummary}), ${workerStops} worker stops, ${restarts} restarts, ${switches} sign-ins as another user (leaving ${waitingAtSwitches} writes waiting in all), expected ${expectedCount} entries, stored ${storedCount}`);
      console.log(`soak: entries lost: ${lost}, entries sent under the wrong user: ${wrongUser}, views that showed another user's data: ${foreignShown}, entries shown twice: ${doubledShown}`);
    }
  }, 600_000);
});
