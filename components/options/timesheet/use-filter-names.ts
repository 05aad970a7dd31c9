/**
 * Names for the project, portfolio and person chosen in the URL, which holds only their gids.
 * A name comes from (1) the pick that put it there, (2) this week's entries, or (3) Asana's
 * typeahead with an empty query (what a bookmark opened later needs); until then the picker
 * shows the gid.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Entry } from '@/lib/asana/schemas';
import { send } from '@/lib/messaging/client';
import type { TimesheetQuery } from '@/lib/timesheet';
import type { FilterNames } from './filters';

type Kind = 'project' | 'portfolio' | 'user';
const KINDS: Kind[] = ['project', 'portfolio', 'user'];

export function useFilterNames(workspaceGid: string | null, query: TimesheetQuery, entries: Entry[] | null): { names: FilterNames; remember: (names: FilterNames, query: Partial<TimesheetQuery>) => void } {
  /** Known names by `kind:gid`. */
  const [known, setKnown] = useState<Record<string, string>>({});

  const fromEntries = (kind: Kind, gid: string): string | undefined => {
    for (const e of entries ?? []) {
      if (kind === 'project' && e.attributable_to?.gid === gid && e.attributable_to.name) return e.attributable_to.name;
      if (kind === 'user' && e.created_by?.gid === gid && e.created_by.name) return e.created_by.name;
    }
    return undefined;
  };

  const missing = KINDS.filter((k) => query[k] && !known[`${k}:${query[k]}`] && !fromEntries(k, query[k]!));
  const missingKey = missing.map((k) => `${k}:${query[k]}`).join(',');

  useEffect(() => {
    if (!workspaceGid || missing.length === 0) return;
    let alive = true;
    for (const kind of missing) {
      const gid = query[kind]!;
      send('typeahead.search', { workspaceGid, query: '', resourceType: kind })
        .then((found) => {
          const hit = found.find((f) => f.gid === gid);
          if (alive && hit?.name) setKnown((k) => ({ ...k, [`${kind}:${gid}`]: hit.name! }));
        })
        .catch(() => undefined); // the gid stays on show: the filter still works
    }
    return () => {
      alive = false;
    };
    // missingKey stands for `missing`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspaceGid, missingKey]);

  const names: FilterNames = {};
  for (const kind of KINDS) {
    const gid = query[kind];
    if (gid) names[kind] = known[`${kind}:${gid}`] ?? fromEntries(kind, gid) ?? null;
  }
  const remember = (picked: FilterNames, patch: Partial<TimesheetQuery>) => {
    const add: Record<string, string> = {};
    for (const kind of KINDS) {
      const gid = patch[kind];
      const name = picked[kind];
      if (gid && name) add[`${kind}:${gid}`] = name;
    }
    if (Object.keys(add).length) setKnown((k) => ({ ...k, ...add }));
  };
  return { names, remember };
}
