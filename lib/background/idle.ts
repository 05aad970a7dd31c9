/**
 * Idle time in the background (issue 18.1): `browser.idle`'s state changes, the question they
 * raise, and its answer. The decisions are lib/idle.ts's; this keeps their state where a stopped
 * service worker (or Firefox's event page) finds it again: the absence being watched in
 * storage.session (content scripts cannot read it), the question in the user's guarded `idle`
 * item, which every view shows (badge, popup, the widget on every Asana tab) and which one answer
 * clears everywhere.
 */
import { browser } from 'wxt/browser';
import { AsanaError } from '../asana/errors';
import { duration, t } from '../i18n';
import { answerEffect, idleEnded, idleMinutesOf, idleMinutesSpan, idleStarted, isCurrentQuestion, type IdleAnswer, type IdleQuestion, type IdleWatch } from '../idle';
import { userItems } from '../storage/items';
import type { Owner, TimerState } from '../storage/schemas';
import type { BackgroundContext } from './context';
import { stripBidi } from './timer';

const WATCH_KEY = 'idleWatch';
const IDLE_BADGE_COLOR = '#6a4fd1';

const sessionArea = () => (browser.storage as { session?: typeof browser.storage.local }).session ?? browser.storage.local;
const readWatch = async (): Promise<IdleWatch | null> => ((await sessionArea().get(WATCH_KEY))[WATCH_KEY] as IdleWatch | undefined) ?? null;
const writeWatch = (watch: IdleWatch | null) => (watch ? sessionArea().set({ [WATCH_KEY]: watch }) : sessionArea().remove(WATCH_KEY));

/** The badge while a question waits: "zZ" and the question as its title, over the timer's own. */
export async function showIdleBadge(question: IdleQuestion | null, timer: TimerState | null): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action || !isCurrentQuestion(question, timer)) return;
  await action.setBadgeBackgroundColor({ color: IDLE_BADGE_COLOR });
  await action.setBadgeText({ text: 'zZ' });
  await action.setTitle({ title: stripBidi(t('badgeIdle', question.taskName, duration(idleMinutesSpan(question)))) });
}

export interface IdleDeps {
  ctx: BackgroundContext;
  stopTimer(me: Owner, choice: { log?: 'all'; startedAt?: number }, at: number): Promise<unknown>;
  refreshBadge(): Promise<void>;
}

export function createIdle({ ctx, stopTimer, refreshBadge }: IdleDeps) {
  const { store } = ctx;

  /** Tells the browser the person's N (read each time: a change in Preferences applies at once). */
  async function applyInterval(): Promise<void> {
    const me = await ctx.currentUser();
    const minutes = me ? idleMinutesOf((await store.get(userItems(me.gid).settings)).idleMinutes) : 0;
    // Off: the interval stays at its last value, and every state change is ignored (lib/idle.ts).
    if (minutes > 0) browser.idle.setDetectionInterval(minutes * 60);
  }

  /** One `idle.onStateChanged` event (what the test harness drives too, see tests/e2e/idle.test.ts). */
  async function onState(state: string, now = Date.now()): Promise<void> {
    const me = await ctx.currentUser();
    if (!me) return writeWatch(null);
    const mine = userItems(me.gid);
    const settings = await store.get(mine.settings);
    const minutes = idleMinutesOf(settings.idleMinutes);
    const timer = await store.get(mine.timer);
    if (state === 'idle' || state === 'locked') {
      await writeWatch(idleStarted(state, now, minutes, me.gid, timer, await readWatch()));
      return;
    }
    if (state !== 'active') return;
    const watch = await readWatch();
    if (!watch) return; // active all along: nothing to ask
    await writeWatch(null);
    await ctx.timerLock(async () => {
      const waiting = await store.get(mine.idle);
      const question = idleEnded(now, minutes, me.gid, timer, watch, isCurrentQuestion(waiting, timer) ? waiting : null);
      if (!question) return;
      await store.set(mine.idle, question);
      await refreshBadge();
    });
  }

  /** The answer, from any view: clears the question everywhere, and stops or moves the run it was about. */
  async function answer(answer: IdleAnswer, startedAt: number) {
    const me = await ctx.requireWriter();
    const mine = userItems(me.gid);
    return ctx.timerLock(async () => {
      const question = await store.get(mine.idle);
      const timer = await store.get(mine.timer);
      if (!question || !isCurrentQuestion(question, timer) || question.startedAt !== startedAt) {
        await store.set(mine.idle, null);
        throw new AsanaError({ code: 'invalid_request', message: t('errIdleGone') });
      }
      const effect = answerEffect(answer, question);
      let stopped: unknown = null;
      let next: TimerState | null = timer;
      if (effect.kind === 'stop') {
        // The person saw the span and chose: all of it until idling began, by day if it crossed midnight.
        stopped = await stopTimer(me, { log: 'all', startedAt: timer!.startedAt }, effect.at);
        next = null;
      } else {
        if (effect.kind === 'move') {
          next = { ...timer!, startedAt: Math.min(effect.startedAt, Date.now()) };
          await store.set(mine.timer, next);
        }
        await store.set(mine.idle, null);
      }
      await refreshBadge();
      return { answer, stopped, timer: next };
    });
  }

  return { applyInterval, onState, answer };
}
