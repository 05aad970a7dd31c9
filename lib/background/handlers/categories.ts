/** The workspace's time tracking categories. */
import type { Category } from '../../asana/schemas';
import type { Handlers } from '../../messaging/server';
import type { BackgroundContext } from '../context';

export function categoryHandlers(ctx: BackgroundContext): Pick<Handlers, 'categories.list' | 'categories.get' | 'categories.create' | 'categories.update' | 'categories.delete' | 'categories.entries'> {
  const { client, outbox, tasks } = ctx;
  return {
    'categories.list': async ({ workspaceGid, archived, refresh }) => {
      const me = await ctx.requireReader();
      return archived ? client.listCategories(workspaceGid, true) : tasks.categories(me.gid, workspaceGid, refresh);
    },
    'categories.get': async ({ categoryGid }) => {
      await ctx.requireReader();
      return client.getCategory(categoryGid);
    },
    'categories.create': async ({ workspaceGid, name, color }) => {
      const me = await ctx.requireWriter();
      return outbox.submit<Category>({ kind: 'category.create', user: me, workspaceGid, data: { name, color } });
    },
    'categories.update': async ({ workspaceGid, categoryGid, patch }) => {
      const me = await ctx.requireWriter();
      return outbox.submit<Category>({ kind: 'category.update', user: me, workspaceGid, targetGid: categoryGid, data: patch });
    },
    'categories.delete': async ({ workspaceGid, categoryGid }) => {
      const me = await ctx.requireWriter();
      return outbox.submit<null>({ kind: 'category.delete', user: me, workspaceGid, targetGid: categoryGid });
    },
    'categories.entries': async ({ categoryGid, start, end }) => {
      await ctx.requireReader();
      return client.listCategoryEntries(categoryGid, { start_date: start, end_date: end });
    },
  };
}
