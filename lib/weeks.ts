/**
 * A timesheet week as the person sees it (issue 17): Asana's status, a change on its way to
 * Asana or refused by it, and what may be done next. Pure, so the timesheet, the popup and the
 * tests read a week the same way.
 *
 * The rules are Asana's (FACTS §14 and its help pages): the person whose week it is submits it,
 * recalls it while it waits, and submits it again once rejected; a reviewer approves or rejects a
 * submitted week. Whether this person is one of the reviewers only Asana knows: a refusal (403)
 * is shown in its words.
 */
import type { ApprovalStatus, ApprovalTransition } from './asana/constants';
import { ownOps } from './pending';
import type { Owner, OutboxOp, WeekOp, WeekStatus } from './storage/schemas';

/** A week's key in the user's view cache of weeks (`u:<user>:weeks`): `<whose gid>:<monday>`. */
export const weekKey = (user: string, start: string) => `${user}:${start}`;

export type WeekAction = 'submit' | 'resubmit' | 'recall' | 'approve' | 'reject';

/** Where each action takes the week (the request's `to`). */
export const ACTION_TO: Record<WeekAction, ApprovalTransition> = { submit: 'submitted', resubmit: 'submitted', recall: 'draft', approve: 'approved', reject: 'rejected' };

export interface WeekView {
  /** The status Asana has (a week with no record is a draft). */
  status: ApprovalStatus;
  /** A change on its way to Asana (waiting to sync): where it takes the week. */
  pending: ApprovalTransition | null;
  /** A change Asana refused, waiting for Retry or Discard. */
  refused: WeekOp | null;
  /** What may be done now: nothing while a change waits or was refused. */
  actions: WeekAction[];
  /** The entries are read-only (submitted or approved, or on their way to it). */
  locked: boolean;
}

/** My changes to `owner`'s week of `start` in the outbox (newest last). */
export function weekOps(ops: readonly OutboxOp[], me: Owner | null, owner: string, start: string): WeekOp[] {
  return ownOps(ops, me).filter((o): o is WeekOp => o.kind === 'timesheet.transition' && o.data.user === owner && o.data.start === start);
}

/**
 * The week of `start` (a Monday) of `owner`, as `me` sees it: `record` is what the background
 * last read (undefined: not read yet, then null is returned), `ops` the outbox.
 */
export function weekView(record: WeekStatus | undefined, ops: readonly OutboxOp[], me: Owner | null, owner: string, start: string): WeekView | null {
  if (!record) return null;
  const status = record.status?.approval_status ?? 'DRAFT';
  const mine = weekOps(ops, me, owner, start);
  const refused = mine.find((o) => o.state === 'failed') ?? null;
  const waiting = mine.filter((o) => o.state !== 'failed');
  const pending = refused ? null : (waiting[waiting.length - 1]?.data.to ?? null);
  const shown = pending ? pending.toUpperCase() : status;
  const own = me?.gid === owner;
  let actions: WeekAction[] = [];
  if (!pending && !refused) {
    if (own) actions = status === 'DRAFT' ? ['submit'] : status === 'REJECTED' ? ['resubmit'] : status === 'SUBMITTED' ? ['recall'] : [];
    else if (status === 'SUBMITTED') actions = ['approve', 'reject'];
  }
  return { status, pending, refused, actions, locked: shown === 'SUBMITTED' || shown === 'APPROVED' };
}
