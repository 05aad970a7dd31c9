/**
 * When a running timer counts as forgotten (issue 14.1). A module of its own, with no imports:
 * the content script needs only this, not the day arithmetic of lib/timer-run.ts.
 */

/** The threshold when none is set: 8 h. */
export const DEFAULT_LONG_TIMER_MINUTES = 480;

/** True when the run from `startedAt` has lasted longer than `longMinutes` at `at`. */
export const isLongRun = (startedAt: number, at: number, longMinutes = DEFAULT_LONG_TIMER_MINUTES): boolean => at - startedAt > longMinutes * 60_000;
