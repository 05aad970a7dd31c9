/**
 * The outbox wired to the real Asana client and an in-process sandbox, with storage kept in
 * memory: what these tests exercise is the outbox's logic against real HTTP, not extension storage.
 */
import { createAsanaClient } from '@/lib/asana/client';
import { createLock } from '@/lib/lock';
import { createOutbox, emptyOutbox, type OutboxState } from '@/lib/outbox';
import type { Sandbox } from '../sandbox/index.ts';

export interface OutboxFixture {
  outbox: ReturnType<typeof createOutbox>;
  client: ReturnType<typeof createAsanaClient>;
  state: () => OutboxState;
  setState: (s: OutboxState) => void;
}

/**
 * A fresh outbox. Sleeps are shortened to `maxSleepMs` and retries start at `backoffBaseMs`, so
 * that faults resolve in test time; `retryOnWake` runs the outbox again when it asks to be woken.
 */
export function outboxFixture(
  sandbox: Sandbox,
  options: { maxSleepMs: number; backoffBaseMs: number; maxGetAttempts?: number; retryOnWake: boolean; removeReplayedCreates?: boolean },
): OutboxFixture {
  let state: OutboxState = emptyOutbox();
  const client = createAsanaClient({
    baseURL: sandbox.apiUrl,
    getToken: async () => sandbox.demoToken,
    maxGetAttempts: options.maxGetAttempts,
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, options.maxSleepMs))),
  });
  const outbox = createOutbox({
    read: async () => structuredClone(state),
    write: async (next) => {
      state = structuredClone(next);
    },
    client,
    lock: createLock(),
    currentUserGid: async () => sandbox.seed.users.me.gid,
    applied: async () => [],
    wake: (at) => {
      if (options.retryOnWake && at !== null) setTimeout(() => void outbox.kick(), Math.max(0, at - Date.now()));
    },
    backoffBaseMs: options.backoffBaseMs,
    removeReplayedCreates: options.removeReplayedCreates,
  });
  return { outbox, client, state: () => state, setState: (s) => (state = s) };
}
