/** The timer: start, stop (logging the time), discard, and the keyboard shortcut. */
import { AsanaError } from '../../asana/errors';
import type { EntryFieldsInput } from '../../asana/input-schemas';
import type { Entry } from '../../asana/schemas';
import { parseTaskUrl } from '../../asana/task-url';
import type { Handlers } from '../../messaging/server';
import { userItems } from '../../storage/items';
import type { Owner, TimerState } from '../../storage/schemas';
import { noTimeReason } from '../../task-state';
import type { BackgroundContext } from '../context';
import { elapsedSeconds, showRefusal, updateBadge } from '../timer';
import { showIdleBadge } from '../idle';
import { timerRunParts, type DayPart } from '../../day-split';
import { formatElapsed } from '../../duration';
import { t } from '../../i18n';
import type { ValidPayload } from '../../messaging/protocol';
import { runByDay, stopNeedsChoice } from '../../timer-run';

type StopChoice = ValidPayload<'timer.stop'>;
type TimerNotes = ValidPayload<'timer.notes'>;

/** The timer with these notes: a field left out stays as it was, null clears it. */
const withNotes = (timer: TimerState, notes: TimerNotes = {}): TimerState => ({
  ...timer,
  description: notes.description ?? timer.description,
  categoryGid: notes.categoryGid === undefined ? timer.categoryGid : notes.categoryGid,
  billable: notes.billable === undefined ? timer.billable : notes.billable,
});

export function timerHandlers(ctx: BackgroundContext) {
  const { store, tasks, outbox } = ctx;

  /**
   * What a stop logs (issue 14.1): a short run within one day, as always, its minutes on its day;
   * a run that needs a choice (long, or past midnight) only what the person chose: all of it, each
   * calendar day's part on its own day, or their corrected minutes on one of the run's days.
   */
  function partsToLog(timer: TimerState, at: number, longMinutes: number, choice: StopChoice): DayPart[] {
    if (!choice.log) {
      if (stopNeedsChoice(timer.startedAt, at, longMinutes)) throw new AsanaError({ code: 'invalid_request', message: t('errTimerChoose', formatElapsed(elapsedSeconds(timer, at))) });
      return timerRunParts(timer.startedAt, at);
    }
    // The choice was made for the run the person saw: not for one started again since (another tab).
    if (choice.startedAt !== undefined && choice.startedAt !== timer.startedAt) throw new AsanaError({ code: 'invalid_request', message: t('errTimerChanged') });
    const days = runByDay(timer.startedAt, at);
    if (choice.log === 'all') return days;
    if (!choice.minutes || !choice.date || !days.some((d) => d.date === choice.date)) throw new AsanaError({ code: 'invalid_request', message: t('errTimerDay') });
    return [{ date: choice.date, minutes: choice.minutes }];
  }

  /**
   * Stops the user's timer and queues its entries (one per day part), in one commit with clearing
   * it: never lost, never logged twice, each part retried on its own. Inside the timer lock.
   */
  async function stopTimer(me: Owner, choice: StopChoice = {}, stopAt?: number): Promise<Awaited<ReturnType<Handlers['timer.stop']>>> {
    const mine = userItems(me.gid);
    const timer = await store.get(mine.timer);
    if (!timer) return null;
    // `stopAt`: an idle-time answer stops the run when idling began (lib/background/idle.ts).
    const at = stopAt ?? Date.now();
    const secs = elapsedSeconds(timer, at);
    const settings = await store.get(mine.settings);
    const parts = partsToLog(timer, at, settings.longTimerMinutes, choice);
    const info = (await tasks.read(me.gid, timer.taskGid))?.info ?? null;
    const sameWorkspace = !timer.workspaceGid || !settings.workspaceGid || timer.workspaceGid === settings.workspaceGid;
    const fields: Omit<EntryFieldsInput, 'duration_minutes' | 'entered_on'> = {};
    // The timer's own notes first (issue 18.4), else the Preferences' defaults, as before.
    if (timer.categoryGid) fields.categories = [timer.categoryGid];
    else if (sameWorkspace && settings.defaultCategoryGid) fields.categories = [settings.defaultCategoryGid];
    const billable = timer.billable ?? settings.defaultBillable;
    if (billable) fields.billable_status = billable;
    if (timer.description.trim()) fields.description = timer.description;
    if (timer.projectGid && info?.projects.some((p) => p.gid === timer.projectGid)) fields.attributable_to = timer.projectGid;
    await ctx.rememberRecent(me, timer.taskGid, timer.taskName, timer.workspaceGid);
    const ops = [];
    for (const part of parts) {
      ops.push({
        kind: 'entry.create' as const,
        user: me,
        taskGid: timer.taskGid,
        taskName: timer.taskName,
        workspaceGid: timer.workspaceGid,
        data: { ...fields, duration_minutes: part.minutes, entered_on: part.date },
        knownGids: await tasks.knownSimilar(me.gid, timer.taskGid, part.minutes, part.date),
      });
    }
    const writes = await outbox.submitAll<Entry>(ops, [[mine.timer, null], [mine.idle, null]]);
    await updateBadge(null);
    // The outcome to tell: a refusal first, then a part still waiting, else the last part's.
    const write = writes.find((w) => w.state === 'failed') ?? writes.find((w) => w.state === 'pending') ?? writes.at(-1)!;
    return { minutes: parts.reduce((sum, p) => sum + p.minutes, 0), elapsedSeconds: secs, write, parts };
  }

  async function startTimer(me: Owner, input: { taskGid: string; taskName?: string; workspaceGid?: string; projectGid?: string; notes?: TimerNotes }) {
    const mine = userItems(me.gid);
    const current = await store.get(mine.timer);
    if (current?.taskGid === input.taskGid) {
      // Already running there: it keeps its start, and takes the notes it was started with now ("Continue").
      if (!input.notes) return { timer: current, stopped: null };
      const noted = withNotes(current, input.notes);
      await store.set(mine.timer, noted);
      return { timer: noted, stopped: null };
    }
    // Starting another task's timer stops this one: not without asking, when its stop must ask.
    if (current && stopNeedsChoice(current.startedAt, Date.now(), (await store.get(mine.settings)).longTimerMinutes)) {
      throw new AsanaError({ code: 'invalid_request', message: t('errTimerChooseFirst', current.taskName) });
    }
    // A task Asana said takes no time (its workspace has no time tracking) gets no timer, and the
    // running one keeps running: its time could never be logged (issue 14).
    const why = noTimeReason((await tasks.read(me.gid, input.taskGid))?.error?.code);
    if (why) throw new AsanaError({ code: 'invalid_request', message: why });
    let stopped: { taskName: string; minutes: number } | null = null;
    if (current) {
      const result = await stopTimer(me);
      if (result) stopped = { taskName: current.taskName, minutes: result.minutes };
    }
    let name = input.taskName;
    let workspaceGid = input.workspaceGid ?? null;
    if (!name || !workspaceGid) {
      const info = await tasks.info(me.gid, input.taskGid).catch(() => null);
      name ||= info?.name ?? 'Untitled task';
      workspaceGid ??= info?.workspace?.gid ?? null;
    }
    const timer: TimerState = withNotes({ taskGid: input.taskGid, taskName: name, workspaceGid, projectGid: input.projectGid ?? null, startedAt: Date.now(), description: '', categoryGid: null, billable: null }, input.notes);
    await store.set(mine.timer, timer);
    await updateBadge(timer);
    return { timer, stopped };
  }

  /** The keyboard shortcut: start the timer on the task in the active tab, or stop the running one. */
  async function toggleForTab(tabUrl: string | undefined, tabId?: number): Promise<void> {
    const target = tabUrl ? parseTaskUrl(tabUrl) : null;
    const me = await ctx.requireWriter();
    // The tab's pane shows another task than its address: nothing is started or stopped for it.
    const refused = target ? await ctx.tabPanes.refusal(tabId, target.taskGid) : null;
    if (refused) return flashRefusal(refused);
    await ctx.timerLock(async () => {
      const current = await store.get(userItems(me.gid).timer);
      if (current && (!target || current.taskGid === target.taskGid)) {
        // A run whose stop must ask is not stopped by a key, which cannot ask: the icon says why.
        await stopTimer(me).catch((error: unknown) => (error instanceof AsanaError && error.code === 'invalid_request' ? flashRefusal(error.message) : Promise.reject(error)));
        return;
      }
      if (!target) return;
      // A refused start is said on the toolbar icon, as the shortcut has nowhere else to say it.
      await startTimer(me, { taskGid: target.taskGid, workspaceGid: target.workspaceGid ?? undefined, projectGid: target.projectGid ?? undefined }).catch((error: unknown) =>
        error instanceof AsanaError && error.code === 'invalid_request' ? flashRefusal(error.message) : Promise.reject(error),
      );
    });
  }

  const flashRefusal = (reason: string) => showRefusal(reason, refreshBadge);

  /** The badge for whoever is signed in now (a signed-out browser shows none). */
  async function refreshBadge(): Promise<void> {
    const me = await ctx.currentUser();
    if (!me) return updateBadge(null);
    const mine = userItems(me.gid);
    const timer = await store.get(mine.timer);
    await updateBadge(timer, (await store.get(mine.settings)).longTimerMinutes);
    await showIdleBadge(await store.get(mine.idle), timer);
  }

  const handlers: Pick<Handlers, 'timer.start' | 'timer.stop' | 'timer.adjust' | 'timer.notes' | 'timer.discard'> = {
    'timer.start': async (input) => {
      const me = await ctx.requireWriter();
      return ctx.timerLock(() => startTimer(me, input));
    },
    'timer.stop': async (choice) => {
      const me = await ctx.requireWriter();
      return ctx.timerLock(() => stopTimer(me, choice));
    },
    'timer.adjust': async ({ startedAt }) => {
      const me = await ctx.requireWriter();
      return ctx.timerLock(async () => {
        const item = userItems(me.gid).timer;
        const timer = await store.get(item);
        if (!timer) return null;
        // Never after now (the message allows a second of clock skew between the views and here).
        const next = { ...timer, startedAt: Math.min(startedAt, Date.now()) };
        await store.set(item, next);
        await refreshBadge();
        return next;
      });
    },
    'timer.notes': async (notes) => {
      const me = await ctx.requireWriter();
      return ctx.timerLock(async () => {
        const item = userItems(me.gid).timer;
        const timer = await store.get(item);
        if (!timer) return null;
        const next = withNotes(timer, notes);
        await store.set(item, next);
        return next;
      });
    },
    'timer.discard': async () => {
      const me = await ctx.requireWriter();
      return ctx.timerLock(async () => {
        await store.set(userItems(me.gid).timer, null);
        await updateBadge(null);
        return null;
      });
    },
  };
  return { handlers, toggleForTab, refreshBadge, stopTimer };
}
