/** The idle-time decisions (lib/idle.ts): when to ask, what is asked, and what each answer does. */
import { describe, expect, it } from 'vitest';
import { answerEffect, DEFAULT_IDLE_MINUTES, idleEnded, idleMinutesOf, idleStarted, isCurrentQuestion, type IdleWatch } from '@/lib/idle';

const MIN = 60_000;
const T0 = Date.UTC(2027, 0, 4, 9, 0);
const run = { taskGid: '1001', taskName: 'Write the report', startedAt: T0 };

describe('idle time', () => {
  it('is 10 minutes unless set, and 0 is off', () => {
    expect(DEFAULT_IDLE_MINUTES).toBe(10);
    expect(idleMinutesOf(undefined)).toBe(10);
    expect(idleMinutesOf(0)).toBe(0);
    expect(idleMinutesOf(25)).toBe(25);
  });

  it("begins N minutes before the browser's 'idle' (its state changes after N minutes without input), and at a lock", () => {
    const now = T0 + 60 * MIN;
    expect(idleStarted('idle', now, 10, '42', run, null)).toEqual({ userGid: '42', startedAt: T0, since: now - 10 * MIN });
    expect(idleStarted('locked', now, 10, '42', run, null)).toEqual({ userGid: '42', startedAt: T0, since: now });
    // Never before the run began.
    expect(idleStarted('idle', T0 + 3 * MIN, 10, '42', run, null)?.since).toBe(T0);
    // 'idle' then 'locked' is one absence: the first watch stays.
    const first: IdleWatch = { userGid: '42', startedAt: T0, since: T0 + 50 * MIN };
    expect(idleStarted('locked', now, 10, '42', run, first)).toBe(first);
  });

  it('watches nothing when off or when no timer runs', () => {
    expect(idleStarted('idle', T0 + 60 * MIN, 0, '42', run, null)).toBeNull();
    expect(idleStarted('idle', T0 + 60 * MIN, 10, '42', null, null)).toBeNull();
  });

  it('asks on return only after at least N minutes away, for the same user and run, once', () => {
    const watch: IdleWatch = { userGid: '42', startedAt: T0, since: T0 + 50 * MIN };
    const back = T0 + 75 * MIN;
    expect(idleEnded(back, 10, '42', run, watch, null)).toEqual({ ...run, idleFrom: T0 + 50 * MIN, idleTo: back });
    expect(idleEnded(T0 + 59 * MIN, 10, '42', run, watch, null)).toBeNull(); // a 9-minute lock asks nothing
    expect(idleEnded(T0 + 60 * MIN, 10, '42', run, watch, null)).not.toBeNull(); // exactly N
    expect(idleEnded(back, 0, '42', run, watch, null)).toBeNull(); // turned off meanwhile
    expect(idleEnded(back, 30, '42', run, watch, null)).toBeNull(); // N raised meanwhile: read at the time
    expect(idleEnded(back, 10, '7', run, watch, null)).toBeNull(); // another user signed in
    expect(idleEnded(back, 10, '42', { ...run, startedAt: T0 + 70 * MIN }, watch, null)).toBeNull(); // another run
    expect(idleEnded(back, 10, '42', null, watch, null)).toBeNull(); // stopped meanwhile
    expect(idleEnded(back, 10, '42', run, null, null)).toBeNull(); // never idle: never asks
    const waiting = { ...run, idleFrom: T0 + 10 * MIN, idleTo: T0 + 30 * MIN };
    expect(idleEnded(back, 10, '42', run, watch, waiting)).toBeNull(); // one question at a time
  });

  it('answers: keep, stop when idling began, or drop the span and run on', () => {
    const q = { ...run, idleFrom: T0 + 50 * MIN, idleTo: T0 + 75 * MIN };
    expect(answerEffect('keep', q)).toEqual({ kind: 'keep' });
    expect(answerEffect('stop', q)).toEqual({ kind: 'stop', at: T0 + 50 * MIN });
    expect(answerEffect('drop', q)).toEqual({ kind: 'move', startedAt: T0 + 25 * MIN });
  });

  it('is about the running run only', () => {
    const q = { ...run, idleFrom: T0 + 50 * MIN, idleTo: T0 + 75 * MIN };
    expect(isCurrentQuestion(q, { startedAt: T0 })).toBe(true);
    expect(isCurrentQuestion(q, { startedAt: T0 + 1 })).toBe(false);
    expect(isCurrentQuestion(q, null)).toBe(false);
    expect(isCurrentQuestion(null, { startedAt: T0 })).toBe(false);
  });
});
