/** Tasks, time entries and the outbox's waiting writes. */
import { t } from '../../i18n';
import { AsanaError } from '../../asana/errors';
import type { Entry } from '../../asana/schemas';
import { isLocalGid } from '../../outbox';
import { overlayEntries, readOnlyReason } from '../../pending';
import { readDuration } from '../../duration';
import { outboxItem } from '../../storage/items';
import type { Owner } from '../../storage/schemas';
import type { Handlers, SenderInfo } from '../../messaging/server';
import type { BackgroundContext } from '../context';

export function entryHandlers(ctx: BackgroundContext): Pick<Handlers, 'task.get' | 'task.refresh' | 'entries.page' | 'entries.get' | 'entries.create' | 'entries.update' | 'entries.delete' | 'entries.query' | 'duration.read' | 'outbox.cancel' | 'outbox.retry'> {
  const { tasks, outbox, client } = ctx;

  /** Refuses, before queueing, a change Asana would refuse (the one edit rule, lib/pending.ts). */
  async function checkEditable(me: Owner, taskGid: string, entryGid: string): Promise<number | undefined> {
    if (isLocalGid(entryGid)) return undefined;
    const cached = await tasks.entry(me.gid, taskGid, entryGid);
    if (!cached) return undefined;
    // As the views see it: a week being submitted locks its entries before Asana has it.
    const ops = (await ctx.store.get(outboxItem)).ops;
    const [seen] = overlayEntries([cached], ops, { me, categories: [], projects: [], now: Date.now() }, () => false).entries;
    const reason = readOnlyReason(seen ?? cached, me.gid);
    if (reason) throw new AsanaError({ code: 'forbidden', message: reason });
    return cached.duration_minutes;
  }

  /** The workspace an entry op belongs to: the page's (V1 URLs name it), else the cached task's. */
  async function workspaceOf(me: Owner, taskGid: string, fromPage: string | undefined): Promise<string | null> {
    if (fromPage) return fromPage;
    return (await tasks.read(me.gid, taskGid))?.info?.workspace?.gid ?? null;
  }

  /** An op that `sender` may act on: the signed-in user's own, and from a content script an entry op only. */
  async function ownOp(opId: string, sender: SenderInfo): Promise<void> {
    const me = await ctx.requireWriter();
    const op = (await ctx.store.get(outboxItem)).ops.find((o) => o.id === opId);
    if (!op) return; // already gone: cancel/retry report that themselves
    if (op.user.gid !== me.gid) throw new AsanaError({ code: 'forbidden', message: op.user.name ? t('errOthersOp', op.user.name) : t('errOthersOpAnon') });
    if (!sender.fromExtensionPage && !op.kind.startsWith('entry.')) throw new AsanaError({ code: 'invalid_request', message: t('errCategoryOpHere') });
  }

  return {
    'task.get': async ({ taskGid, fresh }) => {
      const me = await ctx.requireReader();
      return tasks.info(me.gid, taskGid, fresh);
    },
    'task.refresh': async ({ taskGid, force }) => {
      const me = await ctx.requireReader();
      const { requests } = await tasks.refresh(me.gid, taskGid, force);
      const cache = await tasks.read(me.gid, taskGid);
      return { requests, totalMinutes: cache ? cache.totalMinutes : null };
    },
    'entries.page': async ({ taskGid, offset, limit }) => {
      const me = await ctx.requireReader();
      return tasks.page(me.gid, taskGid, offset, limit);
    },
    'entries.get': async ({ taskGid, entryGid }) => {
      const me = await ctx.requireReader();
      const fresh = await client.getEntry(entryGid);
      // Only an entry of the task named goes into that task's cache (a page could name another's).
      if (fresh.task && fresh.task.gid !== taskGid) throw new AsanaError({ code: 'invalid_request', message: t('errOtherTask') });
      await tasks.remember(me.gid, taskGid, fresh);
      return fresh;
    },
    'entries.create': async ({ taskGid, taskName, workspaceGid, entry }) => {
      const me = await ctx.requireWriter();
      await ctx.rememberRecent(me, taskGid, taskName, workspaceGid);
      return outbox.submit<Entry>({
        kind: 'entry.create',
        user: me,
        taskGid,
        taskName: taskName ?? null,
        workspaceGid: await workspaceOf(me, taskGid, workspaceGid),
        data: entry,
        knownGids: await tasks.knownSimilar(me.gid, taskGid, entry.duration_minutes, entry.entered_on),
      });
    },
    'entries.update': async ({ taskGid, entryGid, patch }) => {
      const me = await ctx.requireWriter();
      const baseMinutes = await checkEditable(me, taskGid, entryGid);
      return outbox.submit<Entry>({ kind: 'entry.update', user: me, taskGid, taskName: null, workspaceGid: await workspaceOf(me, taskGid, undefined), targetGid: entryGid, data: patch, ...(baseMinutes === undefined ? {} : { baseMinutes }) });
    },
    'entries.delete': async ({ taskGid, entryGid, undoWindowMs }) => {
      const me = await ctx.requireWriter();
      const baseMinutes = await checkEditable(me, taskGid, entryGid);
      return outbox.submit<null>({
        ...(baseMinutes === undefined ? {} : { baseMinutes }),
        kind: 'entry.delete',
        user: me,
        taskGid,
        taskName: null,
        workspaceGid: await workspaceOf(me, taskGid, undefined),
        targetGid: entryGid,
        notBefore: undoWindowMs ? Date.now() + undoWindowMs : 0,
      });
    },
    'duration.read': async ({ text, date }) => readDuration(text, date),

    'entries.query': async ({ workspace, start, end, user, attributable_to, portfolio, task }) => {
      await ctx.requireReader();
      return client.listEntries({ workspace, user, attributable_to, portfolio, task, entered_on_start_date: start, entered_on_end_date: end });
    },

    'outbox.cancel': async ({ opId }, sender) => {
      await ownOp(opId, sender);
      return { cancelled: await outbox.cancel(opId) };
    },
    'outbox.retry': async ({ opId, entry, taskGid }, sender) => {
      const me = await ctx.requireWriter();
      if (opId) await ownOp(opId, sender);
      else if (!sender.fromExtensionPage) throw new AsanaError({ code: 'invalid_request', message: t('errNameRetry') });
      if (!taskGid) return { queued: await outbox.retry(opId, entry, me.gid) };
      // Moving a refused new entry to another task (its own was deleted, say): only a new entry,
      // and only to a task Asana has and this person sees (asked now, not read from a cache).
      const op = (await ctx.store.get(outboxItem)).ops.find((o) => o.id === opId);
      if (op?.kind !== 'entry.create') throw new AsanaError({ code: 'invalid_request', message: t('errMoveNewOnly') });
      const info = await tasks.info(me.gid, taskGid, true);
      const minutes = entry?.duration_minutes ?? op.data.duration_minutes;
      const date = entry?.entered_on ?? op.data.entered_on;
      await ctx.rememberRecent(me, taskGid, info.name, info.workspace?.gid);
      const moveTo = { taskGid, taskName: info.name, workspaceGid: info.workspace?.gid ?? null, projectGids: info.projects.map((p) => p.gid), knownGids: await tasks.knownSimilar(me.gid, taskGid, minutes, date) };
      return { queued: await outbox.retry(opId, entry, me.gid, moveTo) };
    },
  };
}
