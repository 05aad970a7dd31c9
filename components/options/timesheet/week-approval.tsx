/**
 * The week's approval in Asana's timesheets (issue 17): its status (Draft, Submitted, Approved,
 * Rejected; a change on its way to Asana shown as waiting), and what may be done next. My own
 * week: submit it (an optional note, confirmed), recall it while it waits, submit it again once
 * rejected. Someone else's submitted week: approve it, or reject it with a message.
 *
 * Every change goes through the outbox; Asana's refusals are shown in its words. The status the
 * background read is kept in the user's week cache, so every view shows the same at once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApprovalTransition } from '@/lib/asana/constants';
import { t } from '@/lib/i18n';
import { errorMessage, send } from '@/lib/messaging/client';
import { outboxItem, userItems } from '@/lib/storage/items';
import type { Owner } from '@/lib/storage/schemas';
import { ACTION_TO, weekKey, weekView, type WeekAction } from '@/lib/weeks';
import { approvalLabel } from '../../labels';
import { useItem } from '../../hooks';
import { SyncNotice } from '../../sync-notice';
import { weekTitle } from './week-nav';
import { Waiting } from '../../waiting';

export interface WeekApprovalProps {
  workspaceGid: string;
  /** The week's Monday. */
  start: string;
  me: Owner;
  /** Whose week: mine, or the person the filter shows (their name once known). */
  owner: { gid: string; name: string | null };
}

const codeOf = (error: unknown) => (typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : 'internal');

/** The buttons' words, and which open a dialog first (recall does not: submitting again undoes it). */
const BUTTON: Record<WeekAction, 'submitWeek' | 'submitAgain' | 'recallWeek' | 'approveWeek' | 'rejectWeek'> = {
  submit: 'submitWeek', resubmit: 'submitAgain', recall: 'recallWeek', approve: 'approveWeek', reject: 'rejectWeek',
};

export function WeekApproval(props: WeekApprovalProps) {
  const { workspaceGid, start, me, owner } = props;
  const own = owner.gid === me.gid;
  const name = owner.name ?? t('thisPerson');
  const weeks = useItem(userItems(me.gid).weeks);
  const outbox = useItem(outboxItem);
  const [readError, setReadError] = useState<{ code: string; message: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [asking, setAsking] = useState<WeekAction | null>(null);
  const [said, setSaid] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Asana's status of the week, read afresh whenever the week or the person changes (the cached
  // one is shown meanwhile); the background keeps it for every view.
  useEffect(() => {
    let alive = true;
    setReadError(null);
    setSaid('');
    setProblem(null);
    send('timesheet.week', { workspaceGid, start, ...(own ? {} : { user: owner.gid }) }).catch((error) => alive && setReadError({ code: codeOf(error), message: errorMessage(error) }));
    return () => {
      alive = false;
    };
  }, [workspaceGid, start, owner.gid, attempt]);

  const view = weekView(weeks.loaded ? weeks.value[weekKey(owner.gid, start)] : undefined, outbox.value.ops, me, owner.gid, start);

  /** Sends the change; resolves with the problem to show (a refusal in Asana's words), or null. */
  async function move(to: ApprovalTransition, message?: string): Promise<string | null> {
    setBusy(true);
    setProblem(null);
    try {
      const result = await send('timesheet.transition', { workspaceGid, start, ...(own ? {} : { user: owner.gid }), to, ...(message ? { message } : {}) });
      if (result.state === 'failed') return t('tsRefused', result.message);
      setSaid(result.state === 'done' ? t(`weekDone_${to}`) : t('weekSavedWaiting', result.message));
      return null;
    } catch (error) {
      return errorMessage(error);
    } finally {
      setBusy(false);
    }
  }

  const act = async (action: WeekAction) => {
    if (action !== 'recall') return setAsking(action);
    const why = await move('draft');
    if (why) setProblem(why);
  };

  const addonMissing = readError?.code === 'payment_required';
  const shown = view && (view.pending ? view.pending.toUpperCase() : view.status);
  return (
    <section class="tl-card tl-ts-week" aria-labelledby="ts-week-approval">
      <h3 id="ts-week-approval">{t('weekApproval')}</h3>
      {readError && (
        <div class={addonMissing ? 'tl-note' : 'tl-note tl-bad'} role={addonMissing ? undefined : 'alert'}>
          <p>{addonMissing ? readError.message : t('weekCouldNotRead', readError.message)}</p>
          {!addonMissing && (
            <button type="button" class="tl-btn tl-sm" onClick={() => setAttempt((n) => n + 1)}>
              {t('retry')}
            </button>
          )}
        </div>
      )}
      {!view && !readError && <Waiting label={t('weekLoading')} onRetry={() => setAttempt((n) => n + 1)} />}
      {view && !addonMissing && (
        <>
          <p>
            <strong data-testid="week-status">{view.pending ? t('weekWaiting', approvalLabel(shown!)) : approvalLabel(shown!)}</strong>
            {' · '}
            {view.pending ? t('weekPendingNote') : own ? t(`weekStateMine_${view.status}`) : t(`weekStateOf_${view.status}`, name)}
          </p>
          {own && view.status === 'REJECTED' && !view.pending && <p class="tl-mute">{t('weekNoMessage')}</p>}
          {view.actions.length > 0 && (
            <div class="tl-acts">
              {view.actions.map((action) => (
                <button key={action} type="button" class={action === 'reject' || action === 'recall' ? 'tl-btn' : 'tl-btn tl-pri'} disabled={busy} onClick={() => void act(action)}>
                  {t(BUTTON[action])}
                </button>
              ))}
            </div>
          )}
        </>
      )}
      <p class="tl-live" role="status">
        {said}
      </p>
      {problem && (
        <p class="tl-note tl-bad" role="alert">
          {problem}
        </p>
      )}
      {view?.refused && <SyncNotice idPrefix="ts-week-sync" waiting={0} waitingReason={null} failed={[view.refused]} categories={[]} projects={[]} />}
      {asking && (
        <WeekDialog
          action={asking}
          week={weekTitle(start)}
          name={name}
          onConfirm={(message) => move(ACTION_TO[asking], message)}
          onClose={() => setAsking(null)}
        />
      )}
    </section>
  );
}

/**
 * Asks before a week changes hands: submit (an optional note for the reviewer), approve (an
 * optional note), reject (a message is required: it tells the person what to fix).
 */
function WeekDialog(props: { action: WeekAction; week: string; name: string; onConfirm: (message: string) => Promise<string | null>; onClose: () => void }) {
  const { action, name } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const required = action === 'reject';

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function confirm(event: Event) {
    event.preventDefault();
    const message = text.trim();
    if (required && !message) {
      setMissing(true);
      field.current?.focus();
      return;
    }
    setBusy(true);
    const why = await props.onConfirm(message);
    setBusy(false);
    if (why) setProblem(why);
    else ref.current?.close();
  }

  const title = action === 'approve' ? t('approveTitle', name, props.week) : action === 'reject' ? t('rejectTitle', name, props.week) : t(action === 'resubmit' ? 'resubmitTitle' : 'submitTitle', props.week);
  const label = required ? t('rejectWhy', name) : action === 'approve' ? t('noteFor', name) : t('noteForReviewer');
  return (
    <dialog ref={ref} class="tl-root tl-auto tl-ts-dialog" aria-labelledby="ts-week-dialog-title" aria-describedby="ts-week-dialog-body" onClose={props.onClose}>
      <form class="tl-form" onSubmit={(e) => void confirm(e)}>
        <h3 id="ts-week-dialog-title">{title}</h3>
        <p id="ts-week-dialog-body">{action === 'approve' ? t('approveBody') : action === 'reject' ? t('rejectBody', name) : t('submitBody')}</p>
        <div class="tl-field">
          <label for="ts-week-message">{label}</label>
          <textarea
            id="ts-week-message"
            ref={field}
            class="tl-in"
            rows={3}
            maxLength={2000}
            value={text}
            aria-required={required}
            aria-invalid={missing}
            aria-describedby={missing ? 'ts-week-message-error' : undefined}
            onInput={(e) => {
              setText(e.currentTarget.value);
              setMissing(false);
            }}
          />
          {missing && (
            <p id="ts-week-message-error" class="tl-bad" role="alert">
              {t('rejectWhyMissing', name)}
            </p>
          )}
        </div>
        {problem && (
          <p class="tl-note tl-bad" role="alert">
            {problem}
          </p>
        )}
        <div class="tl-acts">
          <button type="submit" class="tl-btn tl-pri" disabled={busy}>
            {t(BUTTON[action])}
          </button>
          <button type="button" class="tl-btn" onClick={() => ref.current?.close()}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
