/**
 * A running timer's notes and start (issue 18.3, 18.4), in the popup and the widget's lazy part:
 * the description, category and billable status it will be logged with, and when it really
 * started (a time typed, or −5 / +5 min). Every change goes through the background
 * (`timer.notes`, `timer.adjust`), which keeps the timer a start time and its notes with it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import { BILLABLE_STATUSES } from '@/lib/asana/constants';
import { addDays, toIsoDate } from '@/lib/dates';
import { day, duration, t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { accountKey, userKeys } from '@/lib/storage/keys';
import type { TimerState } from '@/lib/storage/schemas';
import { formatTimeOfDay } from '@/lib/time-range';
import { NUDGE_MINUTES, nudgeStart, readStartTime } from '@/lib/timer-start';
import { useItem } from './hooks';
import { billableLabel } from './labels';
import { useAction } from './use-action';

export interface TimerDetailsProps {
  idPrefix: string;
  timer: TimerState;
  onSaid: (text: string, bad?: boolean) => void;
  /** Set to a function that saves notes typed but not yet saved (a stop calls it first). */
  flush: RefObject<(() => Promise<void>) | null>;
  /** Asked before each change; a reason stops it and is shown instead (the pane shows another task). */
  guard?: () => string | null;
}

/** The local time of day of an instant, "9:05". */
const timeOfDay = (at: number) => {
  const d = new Date(at);
  return formatTimeOfDay(d.getHours() * 60 + d.getMinutes());
};

/** What the timer's start now is, in words: "… from 9:05 today", "… from 17:40 yesterday", "… from 8:00 on Mon, 7 Jun". */
function startInWords(at: number): string {
  const date = toIsoDate(new Date(at));
  const todayDate = toIsoDate(new Date());
  if (date === todayDate) return t('timerStartToday', timeOfDay(at));
  if (date === addDays(todayDate, -1)) return t('timerStartYesterdayAt', timeOfDay(at));
  return t('timerStartOn', timeOfDay(at), day(date));
}

export function TimerDetails(props: TimerDetailsProps) {
  const { timer } = props;
  const id = props.idPrefix;
  const [open, setOpen] = useState(false);
  const [startText, setStartText] = useState(() => timeOfDay(timer.startedAt));
  const [startProblem, setStartProblem] = useState<string | null>(null);
  const [description, setDescription] = useState(timer.description);
  const [categoryGid, setCategoryGid] = useState(timer.categoryGid ?? '');
  const [billable, setBillable] = useState<string>(timer.billable ?? '');
  const { busy, act } = useAction(props.onSaid, props.guard);
  const account = useItem(accountKey);
  const meGid = account.value?.user.gid;
  const categoryCache = useItem(meGid && timer.workspaceGid ? userKeys(meGid).categories(timer.workspaceGid) : null);
  const categories = (categoryCache.value?.categories ?? []).filter((c) => !c.is_archived || c.gid === timer.categoryGid);

  // What is shown follows the timer (changed here, in another tab, or by the other view).
  useEffect(() => setStartText(timeOfDay(timer.startedAt)), [timer.startedAt]);
  useEffect(() => {
    setDescription(timer.description);
    setCategoryGid(timer.categoryGid ?? '');
    setBillable(timer.billable ?? '');
  }, [timer.description, timer.categoryGid, timer.billable]);
  useEffect(() => {
    if (open && timer.workspaceGid && categoryCache.loaded && !categoryCache.value) send('categories.list', { workspaceGid: timer.workspaceGid }).catch(() => undefined);
  }, [open, timer.workspaceGid, categoryCache.loaded, categoryCache.value]);

  const dirty = description !== timer.description || (categoryGid || null) !== timer.categoryGid || (billable || null) !== timer.billable;
  const saveNotes = async () => {
    await send('timer.notes', { description, categoryGid: categoryGid || null, billable: (billable || null) as TimerState['billable'] });
  };
  props.flush.current = dirty ? saveNotes : null;


  function setStart(event: Event) {
    event.preventDefault();
    const reading = readStartTime(startText, Date.now());
    if (!reading.ok) return setStartProblem(reading.error);
    setStartProblem(null);
    void act(async () => {
      const moved = await send('timer.adjust', { startedAt: reading.startedAt });
      if (moved) props.onSaid(reading.yesterday ? t('timerStartYesterday', timeOfDay(moved.startedAt)) : startInWords(moved.startedAt));
    });
  }

  const nudge = (minutes: number) =>
    act(async () => {
      const moved = await send('timer.adjust', { startedAt: nudgeStart(timer.startedAt, minutes, Date.now()) });
      if (moved) props.onSaid(startInWords(moved.startedAt));
    });

  function submitNotes(event: Event) {
    event.preventDefault();
    void act(async () => {
      await saveNotes();
      props.onSaid(t('timerNotesSaved'));
    });
  }

  const step = duration(NUDGE_MINUTES);
  return (
    <div>
      <button type="button" class="tl-btn tl-sm" aria-expanded={open} aria-controls={`${id}-details`} onClick={() => setOpen(!open)}>
        {t('timerDetails')}
      </button>
      {open && (
        <div id={`${id}-details`} class="tl-note" role="group" aria-label={t('timerDetails')}>
          <form class="tl-acts" onSubmit={setStart}>
            <label for={`${id}-start`}>{t('timerStartedAt')}</label>
            <input id={`${id}-start`} class="tl-in" style={{ width: '5em' }} value={startText} onInput={(e) => setStartText(e.currentTarget.value)} autoComplete="off" aria-invalid={startProblem !== null} />
            <button type="submit" class="tl-btn tl-sm" disabled={busy}>
              {t('timerStartSet')}
            </button>
            <button type="button" class="tl-btn tl-sm" disabled={busy} aria-label={t('startEarlier', step)} onClick={() => void nudge(-NUDGE_MINUTES)}>
              {t('nudgeEarlier', step)}
            </button>
            <button type="button" class="tl-btn tl-sm" disabled={busy || Date.now() - timer.startedAt < NUDGE_MINUTES * 60_000} aria-label={t('startLater', step)} onClick={() => void nudge(NUDGE_MINUTES)}>
              {t('nudgeLater', step)}
            </button>
          </form>
          {startProblem && (
            <p class="tl-bad" role="alert">
              {startProblem}
            </p>
          )}
          <form onSubmit={submitNotes}>
            <div class="tl-field">
              <label for={`${id}-description`}>{t('description')}</label>
              <input id={`${id}-description`} class="tl-in" value={description} maxLength={10_000} onInput={(e) => setDescription(e.currentTarget.value)} placeholder={t('whatDidYouWorkOn')} autoComplete="off" />
            </div>
            <div class="tl-row">
              <div class="tl-field">
                <label for={`${id}-category`}>{t('category')}</label>
                <select id={`${id}-category`} class="tl-in" value={categoryGid} onChange={(e) => setCategoryGid(e.currentTarget.value)}>
                  <option value="">{t('noCategory')}</option>
                  {categories.map((c) => (
                    <option key={c.gid} value={c.gid}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
              <div class="tl-field">
                <label for={`${id}-billable`}>{t('billable')}</label>
                <select id={`${id}-billable`} class="tl-in" value={billable} onChange={(e) => setBillable(e.currentTarget.value)}>
                  <option value="">{t('workspaceDefault')}</option>
                  {BILLABLE_STATUSES.map((b) => (
                    <option key={b} value={b}>
                      {billableLabel(b)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <button type="submit" class="tl-btn tl-sm" disabled={busy || !dirty}>
              {t('timerNotesSave')}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
