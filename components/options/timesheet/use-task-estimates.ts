/**
 * The estimates of the tasks on screen, beside their actual time (issue 17), asked for once per
 * task while the page is open (a task open in the widget costs Asana nothing: the background
 * answers from its cache). `forget` drops a task's figures after a change to its time, so that
 * they are read again.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { send } from '@/lib/messaging/client';
import type { TaskEstimateFigures } from '@/lib/messaging/protocol';

/** Asana's list limit, and the request's. */
const BATCH = 100;

export function useTaskEstimates(taskGids: readonly string[]): { estimates: Record<string, TaskEstimateFigures | undefined>; forget: (taskGid: string) => void } {
  const [known, setKnown] = useState<Record<string, TaskEstimateFigures | null>>({});
  const missing = taskGids.filter((gid) => /^\d+$/.test(gid) && !(gid in known));
  const missingKey = missing.join(',');

  useEffect(() => {
    if (missing.length === 0) return;
    // Marked as asked at once, so a re-render does not ask again; a task Asana did not answer for stays null.
    setKnown((k) => ({ ...k, ...Object.fromEntries(missing.map((gid) => [gid, null])) }));
    for (let i = 0; i < missing.length; i += BATCH) {
      const batch = missing.slice(i, i + BATCH);
      send('tasks.estimates', { taskGids: batch })
        .then((found) => setKnown((k) => ({ ...k, ...found })))
        .catch(() => undefined); // the rows then show no estimate: the time is all there
    }
    // missingKey stands for `missing`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [missingKey]);

  const forget = useCallback((taskGid: string) => setKnown(({ [taskGid]: _dropped, ...rest }) => rest), []);
  const estimates: Record<string, TaskEstimateFigures | undefined> = {};
  for (const gid of taskGids) estimates[gid] = known[gid] ?? undefined;
  return { estimates, forget };
}
