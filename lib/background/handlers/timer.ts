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
import { elapsedSeconds, minutesToLog, showRefusal, timerEntryDate, updateBadge } from '../timer';

export function timerHandlers(ctx: BackgroundContext) {
  const { store, tasks, outbox } = ctx;

  /** Stops the user's timer and queues its entry, in one commit with clearing it. Inside the timer lock. */
  async function stopTimer(me: Owner): Promise<Awaited<ReturnType<Handlers['timer.stop']>>> {
    const mine = userItems(me.gid);
    const timer = await store.get(mine.timer);
    if (!timer) return null;
    const secs = elapsedSeconds(timer);
    const minutes = minutesToLog(secs);
    const settings = await store.get(mine.settings);
    const info = (await tasks.read(me.gid, timer.taskGid))?.info ?? null;
    const sameWorkspace = !timer.workspaceGid || !settings.workspaceGid || timer.workspaceGid === settings.workspaceGid;
    const data: EntryFieldsInput = { duration_minutes: minutes, entered_on: timerEntryDate(timer) };
    if (sameWorkspace && settings.defaultCategoryGid) data.categories = [settings.defaultCategoryGid];
    if (settings.defaultBillable) data.billable_status = settings.defaultBillable;
    if (timer.projectGid && info?.projects.some((p) => p.gid === timer.projectGid)) data.attributable_to = timer.projectGid;
    await ctx.rememberRecent(me, timer.taskGid, timer.taskName, timer.workspaceGid);
    const write = await outbox.submit<Entry>({
      kind: 'entry.create',
      user: me,
      taskGid: timer.taskGid,
      taskName: timer.taskName,
      workspaceGid: timer.workspaceGid,
      data,
      knownGids: await tasks.knownSimilar(me.gid, timer.taskGid, minutes, data.entered_on),
      extra: [[mine.timer, null]],
    });
    await updateBadge(null);
    return { minutes, elapsedSeconds: secs, write };
  }

  async function startTimer(me: Owner, input: { taskGid: string; taskName?: string; workspaceGid?: string; projectGid?: string }) {
    const mine = userItems(me.gid);
    const current = await store.get(mine.timer);
    if (current?.taskGid === input.taskGid) return { timer: current, stopped: null };
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
    const timer: TimerState = { taskGid: input.taskGid, taskName: name, workspaceGid, projectGid: input.projectGid ?? null, startedAt: Date.now() };
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
        await stopTimer(me);
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
    await updateBadge(me ? await store.get(userItems(me.gid).timer) : null);
  }

  const handlers: Pick<Handlers, 'timer.start' | 'timer.stop' | 'timer.adjust' | 'timer.discard'> = {
    'timer.start': async (input) => {
      const me = await ctx.requireWriter();
      return ctx.timerLock(() => startTimer(me, input));
    },
    'timer.stop': async () => {
      const me = await ctx.requireWriter();
      return ctx.timerLock(() => stopTimer(me));
    },
    'timer.adjust': async ({ startedAt }) => {
      const me = await ctx.requireWriter();
      return ctx.timerLock(async () => {
        const item = userItems(me.gid).timer;
        const timer = await store.get(item);
        if (!timer) return null;
        const next = { ...timer, startedAt };
        await store.set(item, next);
        await updateBadge(next);
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
  return { handlers, toggleForTab, refreshBadge };
}
