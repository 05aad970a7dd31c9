/** The popup's day (issue 18.5): the signed-in user's own recent entries, read afresh after the popup has drawn them. */
import type { Handlers } from '../../messaging/server';
import { userItems } from '../../storage/items';
import type { BackgroundContext } from '../context';
import type { createMyEntries } from '../my-entries';

export function dayHandlers(ctx: BackgroundContext, mine: ReturnType<typeof createMyEntries>): Pick<Handlers, 'day.refresh'> {
  return {
    'day.refresh': async () => {
      const me = await ctx.requireReader();
      const { workspaceGid } = await ctx.store.get(userItems(me.gid).settings);
      if (!workspaceGid) return null;
      return { count: await mine.refresh(me, workspaceGid) };
    },
  };
}
