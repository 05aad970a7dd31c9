/**
 * Idle time (issue 18.1): what to do when the computer has been idle while a timer ran. Pure
 * functions; the background (lib/background/idle.ts) feeds them `browser.idle`'s state changes
 * and keeps what they return in storage, so a stopped service worker loses nothing.
 *
 * The browser says 'idle' after the detection interval (N minutes) without input, and 'locked'
 * when the screen locks (at any time, even after a few seconds). So idling began N minutes
 * before an 'idle' event, and at a 'locked' event itself (unless an 'idle' came first). On
 * 'active', the person is asked only when they were away at least N minutes: a short lock asks
 * nothing, and nothing is ever asked while they are active.
 */

/** Minutes without input before a running timer asks about the idle time, unless set in Preferences. */
export const DEFAULT_IDLE_MINUTES = 10;
/** What Preferences accepts (0 turns it off). Chrome's shortest detection interval is 15 s. */
export const IDLE_RANGE = { min: 1, max: 240 } as const;

/** The person's setting: undefined (never set) is the default; 0 is off. */
export const idleMinutesOf = (setting: number | undefined): number => setting ?? DEFAULT_IDLE_MINUTES;

/** What the background keeps between an 'idle'/'locked' event and the next 'active' one. */
export interface IdleWatch {
  userGid: string;
  /** The run it was recorded for (the timer's start): another run started since is not asked about. */
  startedAt: number;
  /** When idling began (epoch ms). */
  since: number;
}

/** The question shown on return, everywhere at once, until answered. */
export interface IdleQuestion {
  taskGid: string;
  taskName: string;
  /** The run it is about (the timer's start when the question was asked). */
  startedAt: number;
  /** When idling began and ended (epoch ms). */
  idleFrom: number;
  idleTo: number;
}

export type IdleAnswer = 'keep' | 'stop' | 'drop';

interface Run {
  startedAt: number;
  taskGid: string;
  taskName: string;
}

/**
 * An 'idle' or 'locked' state at `now`: when idling began, or null when nothing is to be watched
 * (the setting is off, no timer runs). An earlier watch of the same run is kept ('idle' then
 * 'locked' is one absence). Idling is never taken to begin before the run itself.
 */
export function idleStarted(state: 'idle' | 'locked', now: number, idleMinutes: number, userGid: string, timer: Run | null, current: IdleWatch | null): IdleWatch | null {
  if (idleMinutes <= 0 || !timer) return null;
  if (current && current.userGid === userGid && current.startedAt === timer.startedAt) return current;
  // Chrome and Firefox report 'idle' once the detection interval has passed without input: the
  // person stopped at (now − interval), not now.
  const since = state === 'idle' ? now - idleMinutes * 60_000 : now;
  return { userGid, startedAt: timer.startedAt, since: Math.max(since, timer.startedAt) };
}

/**
 * An 'active' state at `now`: the question to ask, or null (no watch, the setting turned off
 * meanwhile, another user or run, away for less than N minutes, or a question already waiting,
 * which stays as it was).
 */
export function idleEnded(now: number, idleMinutes: number, userGid: string, timer: Run | null, watch: IdleWatch | null, waiting: IdleQuestion | null): IdleQuestion | null {
  if (!watch || idleMinutes <= 0 || !timer || waiting) return null;
  if (watch.userGid !== userGid || watch.startedAt !== timer.startedAt) return null;
  if (now - watch.since < idleMinutes * 60_000) return null;
  return { taskGid: timer.taskGid, taskName: timer.taskName, startedAt: timer.startedAt, idleFrom: watch.since, idleTo: now };
}

/** True while `question` is about the run that is running now (a stopped or restarted timer makes it moot). */
export const isCurrentQuestion = (question: IdleQuestion | null | undefined, timer: { startedAt: number } | null | undefined): question is IdleQuestion =>
  !!question && !!timer && question.startedAt === timer.startedAt;

/**
 * What an answer does to the run: keep it as it is; stop it at the moment idling began (logging
 * until then); or drop the idle span, moving the start later by it so the timer runs on without it.
 */
export function answerEffect(answer: IdleAnswer, question: IdleQuestion): { kind: 'keep' } | { kind: 'stop'; at: number } | { kind: 'move'; startedAt: number } {
  if (answer === 'stop') return { kind: 'stop', at: question.idleFrom };
  if (answer === 'drop') return { kind: 'move', startedAt: question.startedAt + (question.idleTo - question.idleFrom) };
  return { kind: 'keep' };
}

/** Whole minutes of the idle span (what the question says). */
export const idleMinutesSpan = (question: IdleQuestion): number => Math.round((question.idleTo - question.idleFrom) / 60_000);
