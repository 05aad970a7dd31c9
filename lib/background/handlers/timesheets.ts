/** Timesheet weeks (submit, recall, review) and project budgets (issue 17). */
import { plural, t } from '../../i18n';
import { AsanaError } from '../../asana/errors';
import type { TimesheetApprovalStatus } from '../../asana/schemas';
import { addDays } from '../../dates';
import type { Handlers } from '../../messaging/server';
import { outboxItem } from '../../storage/items';
import type { BackgroundContext } from '../context';
import { mondayOf, weekTarget } from '../timesheets';

export function timesheetHandlers(ctx: BackgroundContext): Pick<Handlers, 'timesheet.week' | 'timesheet.transition' | 'timesheet.reviewable' | 'budget.get'> {
  const { timesheets, outbox } = ctx;

  const requireMonday = (start: string) => {
    if (mondayOf(start) !== start) throw new AsanaError({ code: 'invalid_request', message: t('errWeekMonday', start) });
  };

  return {
    'timesheet.week': async ({ workspaceGid, start, user }) => {
      const me = await ctx.requireReader();
      requireMonday(start);
      return timesheets.week(me.gid, workspaceGid, user ?? me.gid, start);
    },
    'timesheet.reviewable': async ({ workspaceGid, start }) => {
      const me = await ctx.requireReader();
      requireMonday(start);
      return timesheets.reviewable(me.gid, workspaceGid, start);
    },
    /**
     * Submit or recall my week, or approve or reject someone else's, through the outbox like every
     * write. Submitting waits for nothing: it is refused while my changes to that week are still on
     * their way to Asana, so that Asana gets the week the person sees.
     */
    'timesheet.transition': async ({ workspaceGid, start, user, to, message }) => {
      const me = await ctx.requireWriter();
      requireMonday(start);
      const owner = user ?? me.gid;
      const own = owner === me.gid;
      if ((to === 'submitted' || to === 'draft') && !own) throw new AsanaError({ code: 'invalid_request', message: t('errWeekOwnerOnly') });
      if ((to === 'approved' || to === 'rejected') && own) throw new AsanaError({ code: 'invalid_request', message: t('errWeekReviewerOnly') });
      if (to === 'rejected' && !message?.trim()) throw new AsanaError({ code: 'invalid_request', message: t('errWeekRejectWhy') });
      if (to === 'submitted') {
        const end = addDays(start, 6);
        const waiting = (await ctx.store.get(outboxItem)).ops.filter(
          (o) => o.user.gid === me.gid && (o.kind === 'entry.create' || o.kind === 'entry.update' || o.kind === 'entry.delete') && weekOfOp(o) !== null && weekOfOp(o)! >= start && weekOfOp(o)! <= end,
        );
        if (waiting.length) {
          throw new AsanaError({ code: 'invalid_request', message: plural('errWeekWaiting', waiting.length) });
        }
      }
      return outbox.submit<TimesheetApprovalStatus>({
        kind: 'timesheet.transition',
        user: me,
        workspaceGid,
        targetGid: weekTarget(owner, start),
        data: { user: owner, start, to, ...(message?.trim() ? { message: message.trim() } : {}) },
      });
    },
    'budget.get': async ({ projectGid }) => {
      const me = await ctx.requireReader();
      return timesheets.budget(me.gid, projectGid);
    },
  };
}

/** The day an entry op's time is on, when the op says (a create, or an update that moves it). */
function weekOfOp(op: { kind: string; data?: { entered_on?: string } }): string | null {
  return op.data?.entered_on ?? null;
}
