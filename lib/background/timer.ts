/**
 * The timer: one at a time per user across all tabs, its state a guarded item (the start time,
 * never a counter), so it is exact to the second across service-worker stops and browser
 * restarts. Stopping it logs an entry for the elapsed time through the outbox, in the same commit
 * that clears the timer: a stop is never lost and never logged twice.
 */
import { duration, t } from '../i18n';
import { browser } from 'wxt/browser';
import { toIsoDate } from '../dates';
import { formatClock } from '../duration';
import type { TimerState } from '../storage/schemas';
import { DEFAULT_LONG_TIMER_MINUTES, isLongRun } from '../timer-run';

export const BADGE_ALARM = 'timer-badge';
const BADGE_COLOR = '#f06a6a';
/** A timer past the person's threshold (issue 14.1): darker, reading "26h!". */
const LONG_BADGE_COLOR = '#a3122d';

export { minutesToLog } from '../day-split';

export const elapsedSeconds = (timer: TimerState, at = Date.now()) => Math.max(0, Math.floor((at - timer.startedAt) / 1000));

/** Strips bidirectional-text controls, so that a task name cannot reorder the badge's own words. */
export const stripBidi = (text: string) => text.replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');

/**
 * Shows the running time ("0:25") on the toolbar icon, or nothing; a timer running longer than
 * `longMinutes` shows its hours and "!" ("26h!"), and the tooltip says it is past the threshold.
 */
export async function updateBadge(timer: TimerState | null, longMinutes = DEFAULT_LONG_TIMER_MINUTES): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action) return;
  if (!timer) {
    await action.setBadgeText({ text: '' });
    await action.setTitle({ title: t('extName') });
    await browser.alarms.clear(BADGE_ALARM);
    return;
  }
  const minutes = Math.floor(elapsedSeconds(timer) / 60);
  const long = isLongRun(timer.startedAt, Date.now(), longMinutes);
  const name = timer.taskName;
  await action.setBadgeBackgroundColor({ color: long ? LONG_BADGE_COLOR : BADGE_COLOR });
  await action.setBadgeText({ text: long ? `${Math.floor(minutes / 60)}h!` : formatClock(minutes) });
  // Stripped once put together: the sentence's isolates around the name are controls too.
  await action.setTitle({ title: stripBidi(long ? t('badgeLong', name, formatClock(minutes), duration(longMinutes)) : t('badgeRunning', name, formatClock(minutes))) });
  // Chrome fires alarms at most every 30 s for packed extensions; once a minute is what the badge needs.
  const existing = await browser.alarms.get(BADGE_ALARM);
  if (!existing) await browser.alarms.create(BADGE_ALARM, { periodInMinutes: 1, when: timer.startedAt + (minutes + 1) * 60_000 });
}

/**
 * Says on the toolbar icon why a shortcut did nothing ("!" and the reason as its title), until the
 * badge is next drawn for the timer (`restore`, a few seconds later).
 */
export async function showRefusal(reason: string, restore: () => Promise<void>, forMs = 6_000): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action) return;
  await action.setBadgeBackgroundColor({ color: '#c92f54' });
  await action.setBadgeText({ text: '!' });
  await action.setTitle({ title: stripBidi(reason) });
  setTimeout(() => void restore().catch(() => undefined), forMs);
}

/** The date an entry for a timer run is logged on: the day it started. */
export const timerEntryDate = (timer: TimerState) => toIsoDate(new Date(timer.startedAt));
