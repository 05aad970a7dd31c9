/**
 * A promise-chain mutex. The background funnels every read-modify-write of the outbox and the
 * caches through one lock, so that two handlers never overwrite each other's changes and a
 * cache update lands in the same `storage.local.set` as the outbox change that caused it.
 */
export type Lock = <T>(fn: () => Promise<T>) => Promise<T>;

export function createLock(): Lock {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}
