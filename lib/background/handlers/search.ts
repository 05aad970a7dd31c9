/** Finding tasks, projects, people and portfolios by name; opening the options page. */
import { browser } from 'wxt/browser';
import type { Handlers } from '../../messaging/server';
import type { BackgroundContext } from '../context';
import { taskInfoFrom } from '../task-cache';

export function searchHandlers(ctx: BackgroundContext): Pick<Handlers, 'typeahead.tasks' | 'typeahead.search' | 'ui.openOptions'> {
  return {
    'typeahead.tasks': async ({ workspaceGid, query }) => {
      await ctx.requireReader();
      return (await ctx.client.typeaheadTasks(workspaceGid, query, 20)).map(taskInfoFrom);
    },
    'typeahead.search': async ({ workspaceGid, query, resourceType }) => {
      await ctx.requireReader();
      return ctx.client.typeahead(workspaceGid, query, resourceType, 20);
    },
    'ui.openOptions': async () => {
      await browser.runtime.openOptionsPage();
      return null;
    },
  };
}
