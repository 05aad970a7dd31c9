/**
 * Upgrades of stored shapes, one function per item and version (WXT runs them in order when an
 * item's stored version is older than its definition's). Each keeps everything the old shape held:
 * an upgrade must never cost a user a write that was waiting to sync.
 */
import { browser } from 'wxt/browser';
import type { Entry } from '../asana/schemas';
import { newestFirst, summaryOf } from '../task-summary';
import type { TaskCache } from './schemas';

/** account v1 (before the refused state existed) → v2: it was accepted when it was stored. */
export function migrateAccountV1(old: unknown): unknown {
  if (!old || typeof old !== 'object') return old;
  return { ...(old as object), status: 'connected' };
}

/** One op as version 1 of the outbox stored it (one shape for every kind). */
interface OpV1 {
  id: string;
  kind: string;
  userGid: string;
  createdAt: number;
  taskGid: string | null;
  taskName: string | null;
  workspaceGid: string | null;
  targetGid: string;
  data: Record<string, unknown>;
  state: string;
  attempts: number;
  nextAttemptAt: number;
  notBefore: number;
  sentAt: number | null;
  uncertain: boolean;
  knownGids: string[];
  error: { code: string; message: string } | null;
}

/**
 * outbox v1 → v2: ops become a union by kind, each naming its user (`{gid, name}`; the name from
 * `names`, else empty) and its workspace. Nothing is dropped here: an op that does not fit v2 is
 * kept as it was, and the read that follows sets it aside as unreadable (and reports it).
 */
export function outboxV1ToV2(old: unknown, names: Record<string, string>): unknown {
  if (!old || typeof old !== 'object') return old;
  const state = old as { ops?: unknown; claimed?: unknown; renamed?: unknown };
  const ops = Array.isArray(state.ops) ? state.ops : [];
  return {
    ops: ops.map((raw) => (raw && typeof raw === 'object' && 'userGid' in raw ? opV1ToV2(raw as OpV1, names) : raw)),
    claimed: Array.isArray(state.claimed) ? state.claimed : [],
    renamed: state.renamed && typeof state.renamed === 'object' && !Array.isArray(state.renamed) ? state.renamed : {},
  };
}

function opV1ToV2(op: OpV1, names: Record<string, string>): Record<string, unknown> {
  const common = {
    kind: op.kind,
    id: op.id,
    user: { gid: op.userGid, name: names[op.userGid] ?? '' },
    workspaceGid: op.workspaceGid,
    createdAt: op.createdAt,
    targetGid: op.targetGid,
    state: op.state,
    attempts: op.attempts,
    nextAttemptAt: op.nextAttemptAt,
    notBefore: op.notBefore,
    sentAt: op.sentAt,
    uncertain: op.uncertain,
    error: op.error,
  };
  switch (op.kind) {
    case 'entry.create':
      return { ...common, taskGid: op.taskGid, taskName: op.taskName, data: op.data, knownGids: op.knownGids ?? [] };
    case 'entry.update':
      return { ...common, taskGid: op.taskGid, taskName: op.taskName, data: op.data };
    case 'entry.delete':
      return { ...common, taskGid: op.taskGid, taskName: op.taskName };
    case 'category.create':
    case 'category.update':
      return { ...common, data: op.data };
    default:
      return common;
  }
}

/** The WXT migration: names come from the account stored beside the outbox (then still v1 or v2). */
export async function migrateOutboxV1(old: unknown): Promise<unknown> {
  const { account } = (await browser.storage.local.get('account')) as { account?: { user?: { gid?: unknown; name?: unknown } } };
  const names: Record<string, string> = {};
  if (typeof account?.user?.gid === 'string' && typeof account.user.name === 'string') names[account.user.gid] = account.user.name;
  return outboxV1ToV2(old, names);
}

/**
 * Every item's migrations, by storage key and version (version → from the previous version's
 * value). The store hands them to WXT's `defineItem` and runs them on vault records too.
 */
export const MIGRATIONS: Record<string, Record<number, (old: any) => unknown>> = {
  account: { 2: migrateAccountV1 },
  outbox: { 2: migrateOutboxV1 },
};

/**
 * task cache v1 (every entry of the task in storage.local) → v2 (a summary and the newest
 * entries; lib/task-summary.ts). Its figures stay as they were; its fetch time is cleared, so the
 * next view reads the task afresh and the background's entry store gets the full list.
 */
export function taskCacheV1ToV2(old: unknown): unknown {
  if (!old || typeof old !== 'object' || !Array.isArray((old as { entries?: unknown }).entries)) return old;
  const v1 = old as { gid: string; entries: Entry[]; checkedAt?: number; info?: TaskCache['info']; error?: TaskCache['error'] };
  return summaryOf(v1.gid, newestFirst(v1.entries), { fetchedAt: 0, checkedAt: v1.checkedAt ?? 0, info: v1.info ?? null, error: v1.error ?? null });
}

/**
 * timer v1 (a start time and its task) → v2 (it carries its notes, issue 18.4): a timer running
 * while the extension updates keeps running, from the same start, with no notes, so its stop logs
 * what it always did (the Preferences' defaults).
 */
export function timerV1ToV2(old: unknown): unknown {
  if (!old || typeof old !== 'object') return old;
  return { description: '', categoryGid: null, billable: null, ...(old as object) };
}

/** Per-user items' migrations, by the item's name in its key (`u:<gid>:task:<task gid>` → `task`). */
const PER_USER: Record<string, Record<number, (old: any) => unknown>> = {
  task: { 2: taskCacheV1ToV2 },
  timer: { 2: timerV1ToV2 },
};

/** The migrations of the item stored under `raw`. */
export function migrationsFor(raw: string): Record<number, (old: any) => unknown> | undefined {
  const perUser = /^u:\d{1,20}:([A-Za-z]+)/.exec(raw)?.[1];
  return MIGRATIONS[raw] ?? (perUser ? PER_USER[perUser] : undefined);
}
