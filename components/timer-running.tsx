/**
 * A running timer's Stop and Discard (issue 14.1), in the widget (a lazy part: most task pages
 * never show a running timer) and the popup. A run past the person's threshold says so; stopping
 * a long run, or one past midnight, first shows which days would get how much and asks what to
 * log: all of it split by calendar day, a corrected duration on one of its days, or nothing.
 */
import { useContext, useRef, useState } from 'preact/hooks';
import { formatElapsed } from '@/lib/clock';
import type { DayPart } from '@/lib/day-split';
import { dayLabel, duration, durationOn, t } from '@/lib/i18n';
import { errorMessage, send } from '@/lib/messaging/client';
import type { TimerState } from '@/lib/storage/schemas';
import { DEFAULT_LONG_TIMER_MINUTES, isLongRun, runByDay, stopNeedsChoice } from '@/lib/timer-run';
import { DurationReaderContext } from './duration-reader';
import { useNow } from './hooks';
import { TimerDetails } from './timer-details';
import { useAction } from './use-action';

export interface TimerRunningProps {
  idPrefix: string;
  timer: TimerState;
  /** The person's threshold (Preferences), minutes. */
  longMinutes?: number;
  /** The popup's words and layout (else the widget's). */
  popup?: boolean;
  /** Tells the person what happened (`bad` for a problem). */
  onSaid: (text: string, bad?: boolean) => void;
  /** Asked before stopping or discarding; a reason stops it and is shown instead. */
  guard?: () => string | null;
}

/** "20 h on Mon, 30 Nov, 6 h on Today": a run's parts by day. */
const partsInWords = (parts: DayPart[]) => parts.map((p) => durationOn(p.minutes, p.date)).join(', ');

export function TimerRunning(props: TimerRunningProps) {
  const { timer } = props;
  const longMinutes = props.longMinutes ?? DEFAULT_LONG_TIMER_MINUTES;
  const now = useNow(1000, true);
  const { busy, act } = useAction(props.onSaid, props.guard);
  const [asking, setAsking] = useState(false);
  const [corrected, setCorrected] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const read = useContext(DurationReaderContext);
  const elapsed = Math.max(0, Math.floor((now - timer.startedAt) / 1000));
  const long = isLongRun(timer.startedAt, now, longMinutes);
  const days = runByDay(timer.startedAt, now);
  const [day, setDay] = useState<string | null>(null);
  /** Notes typed but not saved yet: a stop saves them first, so they are logged (issue 18.4). */
  const flushNotes = useRef<(() => Promise<void>) | null>(null);
  const chosenDay = day && days.some((d) => d.date === day) ? day : days[days.length - 1]!.date;


  const stop = (choice: { log?: 'all' | 'one'; minutes?: number; date?: string }) =>
    act(async () => {
      await flushNotes.current?.();
      const result = await send('timer.stop', choice.log ? { ...choice, startedAt: timer.startedAt } : {});
      setAsking(false);
      if (!result) return;
      const { write } = result;
      if (result.parts.length > 1 && write.state !== 'failed') return props.onSaid(t(write.state === 'done' ? 'timerLoggedDays' : 'timerSavedDaysWaiting', partsInWords(result.parts)));
      const key = props.popup ? (`popupTimerStop_${write.state}` as const) : (`timerStop_${write.state}` as const);
      props.onSaid(t(key, duration(result.minutes), formatElapsed(result.elapsedSeconds), write.state === 'failed' ? write.message : ''), write.state === 'failed');
    });

  const discard = () =>
    act(async () => {
      await send('timer.discard', {});
      setAsking(false);
      props.onSaid(t('timerDiscarded'));
    });

  async function logCorrected(event: Event) {
    event.preventDefault();
    const reading = await read(corrected, chosenDay).catch((error: unknown) => ({ ok: false as const, error: errorMessage(error) }));
    if (!reading.ok) return setProblem(reading.error);
    setProblem(null);
    await stop({ log: 'one', minutes: reading.minutes, date: chosenDay });
  }

  const id = props.idPrefix;
  const clock = formatElapsed(elapsed);
  return (
    <div>
      <div class="tl-row">
        {props.popup ? (
          <button type="button" class="tl-btn tl-pri" disabled={busy} aria-expanded={asking || undefined} onClick={() => (stopNeedsChoice(timer.startedAt, Date.now(), longMinutes) ? setAsking(true) : void stop({}))}>
            {t('stopAndLog')}
          </button>
        ) : (
          <>
            <span>
              <span class="tl-dot" aria-hidden="true" />
              <span class="tl-clock" role="timer">{clock}</span>
            </span>
            {/* The clock beside the button, not in it: the button's name holds all of its visible words. */}
            <button
              type="button"
              class="tl-btn"
              disabled={busy}
              aria-expanded={asking || undefined}
              onClick={() => (stopNeedsChoice(timer.startedAt, Date.now(), longMinutes) ? setAsking(true) : void stop({}))}
              aria-label={t('stopTimerAt', clock)}
            >
              {t('stop')}
            </button>
          </>
        )}
        <button type="button" class="tl-btn" disabled={busy} onClick={() => void discard()}>
          {t('discard')}
        </button>
        {long && <span class="tl-bad">{t('timerPastThreshold', duration(longMinutes))}</span>}
      </div>
      <TimerDetails idPrefix={`${id}-details`} timer={timer} onSaid={props.onSaid} flush={flushNotes} guard={props.guard} />
      {asking && (
        <div class="tl-note" role="group" aria-labelledby={`${id}-ask`}>
          <p id={`${id}-ask`}>{long ? t('stopAskLong', clock, duration(longMinutes)) : t('stopAskMidnight', clock)}</p>
          <p>{t('stopDays', partsInWords(days))}</p>
          <div class="tl-acts">
            <button type="button" class="tl-btn tl-sm tl-pri" disabled={busy} onClick={() => void stop({ log: 'all' })}>
              {t(days.length > 1 ? 'stopAllByDay' : 'stopAll')}
            </button>
            <button type="button" class="tl-btn tl-sm" disabled={busy} onClick={() => void discard()}>
              {t('stopNothing')}
            </button>
            <button type="button" class="tl-btn tl-sm" onClick={() => setAsking(false)}>
              {t('keepRunning')}
            </button>
          </div>
          <form class="tl-acts" onSubmit={(e) => void logCorrected(e)}>
            <label for={`${id}-corrected`}>{t('stopCorrected')}</label>
            <input id={`${id}-corrected`} class="tl-in" style={{ width: '8em' }} value={corrected} onInput={(e) => setCorrected(e.currentTarget.value)} autoComplete="off" aria-invalid={problem !== null} />
            {days.length > 1 && (
              <select class="tl-in" style={{ width: 'auto' }} aria-label={t('date')} value={chosenDay} onChange={(e) => setDay(e.currentTarget.value)}>
                {days.map((d) => (
                  <option key={d.date} value={d.date}>
                    {dayLabel(d.date)}
                  </option>
                ))}
              </select>
            )}
            <button type="submit" class="tl-btn tl-sm" disabled={busy || !corrected.trim()}>
              {t('stopLogThis')}
            </button>
          </form>
          {problem && (
            <p class="tl-bad" role="alert">
              {problem}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
