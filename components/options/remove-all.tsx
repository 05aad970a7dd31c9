/**
 * "Remove all data from this browser" (PRIVACY.md): asks first, saying exactly what goes (the
 * sign-in, the settings, the caches, how many changes wait unsynced, a running timer), then asks
 * the background to remove it all (`storage.removeAll`) and says what happened.
 */
import { plural, t } from '@/lib/i18n';
import { useState } from 'preact/hooks';
import type { SessionState } from '@/lib/auth/session';
import { errorMessage, send } from '@/lib/messaging/client';
import type { RemoveAllPreview } from '@/lib/messaging/protocol';

/** What was removed, in words: the removal, then what waiting work was discarded with it. */
export function removedSummary(preview: RemoveAllPreview): string {
  return [t('removeAllDone'), preview.changes > 0 ? plural('removedWaiting', preview.changes) : '', preview.timers > 0 ? plural('removedTimers', preview.timers) : '']
    .filter(Boolean)
    .join(' ');
}

export function RemoveAllData({ disabled, onRemoved }: { disabled: boolean; onRemoved: (state: SessionState, summary: string) => void }) {
  /** The question, with what would be discarded; null while not asking. */
  const [asking, setAsking] = useState<RemoveAllPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  async function ask() {
    setProblem('');
    try {
      setAsking(await send('storage.removeAllPreview'));
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  async function remove() {
    const preview = asking!;
    setBusy(true);
    setProblem('');
    try {
      const state = await send('storage.removeAll');
      setAsking(null);
      onRemoved(state, removedSummary(preview));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="tl-card" aria-labelledby="remove-all-h" data-testid="remove-all">
      <h2 id="remove-all-h">{t('removeAllH')}</h2>
      <p>{t('removeAllIntro')}</p>
      {asking ? (
        <div class="tl-card tl-warn" role="alertdialog" aria-labelledby="remove-all-q" aria-describedby="remove-all-d">
          <h3 id="remove-all-q">{t('removeAllQ')}</h3>
          <div id="remove-all-d">
            <p>{t('removeAllGoes')}</p>
            <ul class="tl-steps" data-testid="remove-all-what">
              <li>{t('removeAllSignIn')}</li>
              <li>{t('removeAllSettings')}</li>
              <li>{t('removeAllCaches')}</li>
              <li data-testid="remove-all-waiting">{asking.changes > 0 ? plural('removeAllWaiting', asking.changes) : t('removeAllNoneWaiting')}</li>
              <li data-testid="remove-all-timers">{asking.timers > 0 ? plural('removeAllTimers', asking.timers) : t('removeAllNoTimer')}</li>
            </ul>
            <p>{t('removeAllAfter')}</p>
          </div>
          <div class="tl-acts">
            <button type="button" class="tl-btn tl-danger" disabled={busy} onClick={() => void remove()}>
              {t('removeAllConfirm')}
            </button>
            {/* Cancel has the focus: Enter or Space on a question this big should not delete anything. */}
            <button type="button" class="tl-btn" autoFocus disabled={busy} onClick={() => setAsking(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="tl-acts">
          <button type="button" class="tl-btn tl-danger" disabled={disabled} onClick={() => void ask()}>
            {t('removeAllData')}
          </button>
        </div>
      )}
      {problem && (
        <p class="tl-note tl-bad" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
