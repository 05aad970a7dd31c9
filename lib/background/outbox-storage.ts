/**
 * Reading and writing the outbox in storage.local, validated on read. A damaged op is dropped
 * with a console warning; the rest are kept: one bad record must never cost the others.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { emptyOutbox, isLocalGid, type OutboxOp, type OutboxState } from '../outbox';
import { OUTBOX_KEY, rawKey } from '../store';

const KEY = rawKey(OUTBOX_KEY);

const OpSchema = v.object({
  id: v.string(),
  kind: v.picklist(['entry.create', 'entry.update', 'entry.delete', 'category.create', 'category.update', 'category.delete']),
  userGid: v.string(),
  createdAt: v.number(),
  taskGid: v.nullable(v.string()),
  taskName: v.nullable(v.string()),
  workspaceGid: v.nullable(v.string()),
  targetGid: v.string(),
  data: v.record(v.string(), v.unknown()),
  state: v.picklist(['pending', 'sending', 'failed']),
  attempts: v.number(),
  nextAttemptAt: v.number(),
  notBefore: v.number(),
  sentAt: v.nullable(v.number()),
  uncertain: v.boolean(),
  knownGids: v.array(v.string()),
  error: v.nullable(v.object({ code: v.string(), message: v.string() })),
});

export function parseOutbox(raw: unknown): OutboxState {
  if (!raw || typeof raw !== 'object') return emptyOutbox();
  const value = raw as { ops?: unknown; claimed?: unknown; renamed?: unknown };
  const ops: OutboxOp[] = [];
  for (const op of Array.isArray(value.ops) ? value.ops : []) {
    const parsed = v.safeParse(OpSchema, op);
    if (parsed.success) ops.push(parsed.output as OutboxOp);
    else console.warn('Dropped a damaged outbox record', op);
  }
  const claimed = Array.isArray(value.claimed) ? value.claimed.filter((g): g is string => typeof g === 'string') : [];
  const renamed: Record<string, string> = {};
  if (value.renamed && typeof value.renamed === 'object' && !Array.isArray(value.renamed)) {
    for (const [local, gid] of Object.entries(value.renamed)) if (isLocalGid(local) && typeof gid === 'string' && /^\d+$/.test(gid)) renamed[local] = gid;
  }
  return { ops, claimed, renamed };
}

export async function readOutbox(): Promise<OutboxState> {
  return parseOutbox((await browser.storage.local.get(KEY))[KEY]);
}

export async function writeOutbox(state: OutboxState, extra: Record<string, unknown> = {}): Promise<void> {
  await browser.storage.local.set({ ...extra, [KEY]: state });
}
