/**
 * The popup's line on this week's timesheet (issue 17): "Your timesheet this week: Submitted. Its
 * entries are read-only." It follows a submit, recall, approval or rejection made anywhere at
 * once (the background's week cache and the outbox), and reads the week once per opening.
 * Nothing is shown where Asana has no timesheet approvals (the add-on missing).
 */
import { useEffect } from 'preact/hooks';
import { weekOf } from '@/lib/dates';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { outboxItem, userItems } from '@/lib/storage/items';
import type { Owner } from '@/lib/storage/schemas';
import { weekKey, weekView } from '@/lib/weeks';
import { approvalLabel } from '../labels';
import { useItem, useToday } from '../hooks';

export function WeekLine(props: { me: Owner; workspaceGid: string }) {
  const { me, workspaceGid } = props;
  const start = weekOf(useToday(), 1)[0]!; // Asana's approval weeks start on a Monday
  const weeks = useItem(userItems(me.gid).weeks);
  const outbox = useItem(outboxItem);
  useEffect(() => {
    send('timesheet.week', { workspaceGid, start }).catch(() => undefined); // no add-on, offline: no line
  }, [workspaceGid, start]);
  const view = weekView(weeks.loaded ? weeks.value[weekKey(me.gid, start)] : undefined, outbox.value.ops, me, me.gid, start);
  if (!view) return null;
  const status = approvalLabel(view.pending ? view.pending.toUpperCase() : view.status);
  return (
    <p class="tl-mute" data-testid="popup-week">
      {t(view.locked ? 'popupWeekLocked' : 'popupWeek', view.pending ? t('weekWaiting', status) : status)}
    </p>
  );
}
