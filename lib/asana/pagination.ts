/**
 * Asana's pagination: `limit` (we always ask for the maximum, 100) and an opaque `offset` token
 * from `next_page`. Tokens expire ("as data may have changed"); Asana then answers 400 with an
 * `offset:` message, and the only safe recovery is to start again from page one.
 */
import { AsanaError } from './errors';

export const PAGE_SIZE = 100;
const MAX_RESTARTS = 2;

export interface PageResult<T> {
  data: T[];
  next_page?: { offset: string } | null;
}

export interface Page<T> {
  items: T[];
  /** True on the first page after a restart: everything yielded before is stale. */
  restarted: boolean;
}

/** True when Asana refused an offset token (expired or invalid). */
export function isOffsetError(error: unknown): boolean {
  return error instanceof AsanaError && error.status === 400 && /^offset\b/i.test(error.asanaMessage ?? '');
}

/**
 * Pages of a list, in order, following `next_page` to the end. On an expired offset it starts
 * again from page one (at most twice) and marks that page `restarted`.
 */
export async function* paginate<T>(fetchPage: (offset: string | undefined) => Promise<PageResult<T>>): AsyncGenerator<Page<T>> {
  let offset: string | undefined;
  let restarts = 0;
  let restarted = false;
  for (;;) {
    let page: PageResult<T>;
    try {
      page = await fetchPage(offset);
    } catch (error) {
      if (offset !== undefined && isOffsetError(error) && restarts < MAX_RESTARTS) {
        restarts++;
        offset = undefined;
        restarted = true;
        continue;
      }
      throw error;
    }
    yield { items: page.data, restarted };
    restarted = false;
    const next = page.next_page?.offset;
    if (!next) return;
    offset = next;
  }
}

/** Every item of a list, all pages. A restart discards what was collected before it. */
export async function collectAll<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  let all: T[] = [];
  for await (const page of pages) {
    if (page.restarted) all = [];
    all.push(...page.items);
  }
  return all;
}
