/**
 * The timer: one at a time across all tabs, its state in storage.local (the start time, never a
 * counter), so it is exact to the second across service-worker stops and browser restarts.
 * Stopping it logs an entry for the elapsed time, rounded to the nearest minute (at least 1),
 * through the outbox, in the same storage write that clears the timer: a stop is never lost and
 * never logged twice.
 */
import { browser } from 'wxt/browser';
import { formatClock } from '../duration';
import { toIsoDate } from '../dates';
import { MAX_ENTRY_MINUTES } from '../duration';
import { rawKey, timerItem, type TimerState } from '../store';

export const BADGE_ALARM = 'timer-badge';
const BADGE_COLOR = '#f06a6a';

/** Whole minutes to log for a run: rounded to the nearest minute, at least 1, at most 24 h. */
export function minutesToLog(elapsedSeconds: number): number {
  return Math.min(MAX_ENTRY_MINUTES, Math.max(1, Math.round(elapsedSeconds / 60)));
}

export const elapsedSeconds = (timer: TimerState, at = Date.now()) => Math.max(0, Math.floor((at - timer.startedAt) / 1000));

/** The key to clear in the write that logs the stopped timer. */
export const TIMER_CLEARED = { [rawKey('local:timer')]: null } as const;

/** Shows the running time ("0:25") on the toolbar icon, or nothing. */
export async function updateBadge(timer?: TimerState | null): Promise<void> {
  const state = timer === undefined ? await timerItem.getValue() : timer;
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action) return;
  if (!state) {
    await action.setBadgeText({ text: '' });
    await action.setTitle({ title: 'Asana Time Log' });
    await browser.alarms.clear(BADGE_ALARM);
    return;
  }
  const minutes = Math.floor(elapsedSeconds(state) / 60);
  await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await action.setBadgeText({ text: formatClock(minutes) });
  await action.setTitle({ title: `Timer running: ${state.taskName} (${formatClock(minutes)})` });
  // Chrome fires alarms at most every 30 s for packed extensions; once a minute is what the badge needs.
  const existing = await browser.alarms.get(BADGE_ALARM);
  if (!existing) await browser.alarms.create(BADGE_ALARM, { periodInMinutes: 1, when: state.startedAt + (minutes + 1) * 60_000 });
}

/** The date an entry for a timer run is logged on: the day it started. */
export const timerEntryDate = (timer: TimerState) => toIsoDate(new Date(timer.startedAt));
