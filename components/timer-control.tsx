/**
 * Start and stop the timer for a task. The elapsed time is derived from the stored start time,
 * so every open view of the task shows the same running clock. A timer running here shows its
 * Stop and Discard through the widget's lazy part (components/timer-running.tsx): most task
 * pages show only Start.
 */
import { useState } from 'preact/hooks';
import { formatElapsed } from '@/lib/clock';
import { duration, t } from '@/lib/i18n';
import { send, errorMessage } from '@/lib/messaging/client';
import type { TimerState } from '@/lib/storage/schemas';
import { useNow } from './hooks';
import { LazyPart } from './lazy-part';
import { DEFAULT_LONG_TIMER_MINUTES, isLongRun } from '@/lib/timer-threshold';

export interface TimerControlProps {
  taskGid: string;
  taskName?: string;
  workspaceGid?: string | null;
  projectGid?: string | null;
  timer: TimerState | null;
  /** The person's threshold of a forgotten timer (Preferences), minutes. */
  longMinutes?: number;
  /** Something to tell the user (for the view's live region); `bad` for a problem. */
  onMessage: (message: string, bad?: boolean) => void;
  /** Asked before starting or stopping; a reason stops it and is shown instead. */
  guard?: () => string | null;
}

export function TimerControl(props: TimerControlProps) {
  const { timer } = props;
  const runningHere = timer?.taskGid === props.taskGid;
  const now = useNow(1000, timer !== null && !runningHere);
  const [busy, setBusy] = useState(false);

  async function start() {
    const why = props.guard?.();
    if (why) return props.onMessage(why, true);
    setBusy(true);
    try {
      const result = await send('timer.start', {
        taskGid: props.taskGid,
        taskName: props.taskName || undefined,
        workspaceGid: props.workspaceGid ?? undefined,
        projectGid: props.projectGid ?? undefined,
      });
      props.onMessage(result.stopped ? t('timerStartedStopped', result.stopped.taskName, duration(result.stopped.minutes)) : t('timerStarted'));
    } catch (error) {
      props.onMessage(errorMessage(error), true);
    } finally {
      setBusy(false);
    }
  }

  if (runningHere) return <LazyPart name="timerRunning" props={{ idPrefix: `tl-${props.taskGid}-timer`, timer, longMinutes: props.longMinutes, onSaid: props.onMessage, guard: props.guard }} />;
  return (
    <div class="tl-row">
      <button type="button" class="tl-btn" onClick={start} disabled={busy}>
        <span aria-hidden="true">▶ </span>
        {t('startTimer')}
      </button>
      {timer && (
        <span class="tl-mute">
          {t('timerElsewhere', timer.taskName, formatElapsed((now - timer.startedAt) / 1000))}
        </span>
      )}
      {timer && isLongRun(timer.startedAt, now, props.longMinutes) && <span class="tl-bad">{t('timerPastThreshold', duration(props.longMinutes ?? DEFAULT_LONG_TIMER_MINUTES))}</span>}
    </div>
  );
}
