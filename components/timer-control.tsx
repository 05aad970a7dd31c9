/**
 * Start and stop the timer for a task. The elapsed time is derived from the stored start time,
 * so every open view of the task shows the same running clock.
 */
import { useState } from 'preact/hooks';
import { formatElapsed } from '@/lib/clock';
import { duration, t } from '@/lib/i18n';
import { send, errorMessage } from '@/lib/messaging/client';
import type { TimerState } from '@/lib/storage/schemas';
import { useNow } from './hooks';

export interface TimerControlProps {
  taskGid: string;
  taskName?: string;
  workspaceGid?: string | null;
  projectGid?: string | null;
  timer: TimerState | null;
  /** Something to tell the user (for the view's live region); `bad` for a problem. */
  onMessage: (message: string, bad?: boolean) => void;
  /** Asked before starting or stopping; a reason stops it and is shown instead. */
  guard?: () => string | null;
}

export function TimerControl(props: TimerControlProps) {
  const { timer } = props;
  const runningHere = timer?.taskGid === props.taskGid;
  const now = useNow(1000, timer !== null);
  const [busy, setBusy] = useState(false);
  const elapsed = timer ? Math.max(0, Math.floor((now - timer.startedAt) / 1000)) : 0;

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

  async function stop() {
    const why = props.guard?.();
    if (why) return props.onMessage(why, true);
    setBusy(true);
    try {
      const result = await send('timer.stop');
      if (result) {
        const { state } = result.write;
        // "Logged 25 min (0:25:10 rounded to 25 min)."
        props.onMessage(t(`timerStop_${state}`, duration(result.minutes), formatElapsed(result.elapsedSeconds), state === 'failed' ? result.write.message : ''), state === 'failed');
      }
    } catch (error) {
      props.onMessage(errorMessage(error), true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="tl-row">
      {runningHere ? (
        <button type="button" class="tl-btn" onClick={stop} disabled={busy} aria-label={t('stopTimerAt', formatElapsed(elapsed))}>
          <span class="tl-dot" aria-hidden="true" />
          <span class="tl-clock" role="timer">{formatElapsed(elapsed)}</span>
          <span>{t('stop')}</span>
        </button>
      ) : (
        <button type="button" class="tl-btn" onClick={start} disabled={busy}>
          <span aria-hidden="true">▶ </span>
          {t('startTimer')}
        </button>
      )}
      {timer && !runningHere && (
        <span class="tl-mute">
          {t('timerElsewhere', timer.taskName, formatElapsed(elapsed))}
        </span>
      )}
    </div>
  );
}
