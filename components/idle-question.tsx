/**
 * The idle-time question (issue 18.1), wherever the person is: the popup, and the widget on every
 * Asana tab (as a lazy part: it is seldom shown). The question is the background's (the user's
 * `idle` item); answering here clears it in every view at once.
 */
import { useState } from 'preact/hooks';
import { duration, locale, t } from '@/lib/i18n';
import { idleMinutesSpan, isCurrentQuestion, type IdleAnswer } from '@/lib/idle';
import type { UserItems } from '@/lib/storage/items';
import { useItem } from './hooks';
import { errorMessage, send } from '@/lib/messaging/client';
import type { IdleQuestionState, TimerState } from '@/lib/storage/schemas';

export interface IdleQuestionProps {
  idPrefix: string;
  question: IdleQuestionState;
  /** Tells the person what happened (`bad` for a problem). */
  onSaid: (text: string, bad?: boolean) => void;
}

const clockTime = (at: number) => new Date(at).toLocaleTimeString(locale(), { hour: 'numeric', minute: '2-digit' });

export function IdleQuestion({ idPrefix, question, onSaid }: IdleQuestionProps) {
  const [busy, setBusy] = useState(false);
  const away = duration(idleMinutesSpan(question));
  const untilIdle = duration(Math.max(1, Math.round((question.idleFrom - question.startedAt) / 60_000)));

  async function answer(choice: IdleAnswer) {
    setBusy(true);
    try {
      const result = await send('idle.answer', { answer: choice, startedAt: question.startedAt });
      onSaid(choice === 'keep' ? t('idleKept', away) : choice === 'drop' ? t('idleDropped', away) : t('idleStopped', duration(result.stopped?.minutes ?? 0)));
    } catch (error) {
      onSaid(errorMessage(error), true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="tl-note" role="group" aria-labelledby={`${idPrefix}-idle`}>
      <p id={`${idPrefix}-idle`}>{t('idleQuestion', clockTime(question.idleFrom), clockTime(question.idleTo), away, question.taskName)}</p>
      <div class="tl-row">
        <button type="button" class="tl-btn tl-sm" disabled={busy} onClick={() => void answer('keep')}>
          {t('idleKeep')}
        </button>
        <button type="button" class="tl-btn tl-sm" disabled={busy} onClick={() => void answer('stop')}>
          {t('idleStop', clockTime(question.idleFrom), untilIdle)}
        </button>
        <button type="button" class="tl-btn tl-sm" disabled={busy} onClick={() => void answer('drop')}>
          {t('idleDrop')}
        </button>
      </div>
    </div>
  );
}

/** The question as an extension page shows it: read from the user's item, for the running run only. */
export function IdleQuestionOf(props: { item: UserItems['idle']; timer: TimerState | null; onSaid: IdleQuestionProps['onSaid'] }) {
  const question = useItem(props.item).value;
  return isCurrentQuestion(question, props.timer) ? <IdleQuestion idPrefix="popup" question={question} onSaid={props.onSaid} /> : null;
}
