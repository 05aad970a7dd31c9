/** Timesheet weeks (submit, recall, review) and project budgets (issue 17). */
import { plural, t } from '../../i18n';
import { AsanaError } from '../../asana/errors';
import { estimateFromCustomFields } from '../../asana/estimate';
import type { TimesheetApprovalStatus } from '../../asana/schemas';
import { addDays } from '../../dates';
import type { Handlers } from '../../messaging/server';
import { outboxItem } from '../../storage/items';
import type { BackgroundContext } from '../context';
import type { TaskEstimateFigures } from '../../messaging/protocol';
import { FULL_REFRESH_AFTER_MS } from '../task-cache';
import { mondayOf, weekTarget } from '../timesheets';

export function timesheetHandlers(ctx: BackgroundContext): Pick<Handlers, 'timesheet.week' | 'timesheet.transition' | 'timesheet.reviewable' | 'budget.get' | 'tasks.estimates'> {
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
    /**
     * Each task's estimate and actual time: from the user's task cache when Asana confirmed it in
     * the last ten minutes (a task open in the widget costs nothing), else one `GET /tasks/{gid}`
     * (its details hold both). Nothing is stored: a task only seen in a timesheet leaves no cache
     * behind. A task Asana refuses or does not know is left out, the others still answer.
     */
    'tasks.estimates': async ({ taskGids }) => {
      const me = await ctx.requireReader();
      const figures: Record<string, TaskEstimateFigures> = {};
      await Promise.all([...new Set(taskGids)].map(async (gid) => {
        const cache = await ctx.tasks.read(me.gid, gid);
        if (cache?.info && cache.fetchedAt > 0 && Date.now() - cache.checkedAt < FULL_REFRESH_AFTER_MS) {
          figures[gid] = { estimateMinutes: cache.info.estimateMinutes ?? null, actualMinutes: cache.totalMinutes };
          return;
        }
        const task = await ctx.client.getTask(gid).catch(() => null);
        if (task) figures[gid] = { estimateMinutes: estimateFromCustomFields(task.custom_fields).minutes, actualMinutes: task.actual_time_minutes ?? null };
      }));
      return figures;
    },
  };
}

/** The day an entry op's time is on, when the op says (a create, or an update that moves it). */
function weekOfOp(op: { kind: string; data?: { entered_on?: string } }): string | null {
  return op.data?.entered_on ?? null;
}
