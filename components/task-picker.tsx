/**
 * Find a task by name: Asana's typeahead (debounced), navigable with the arrow keys, Enter to
 * pick, Escape to close. With nothing typed it offers the last tasks I logged to.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { plural, t } from '@/lib/i18n';
import { errorMessage, send } from '@/lib/messaging/client';
import type { RecentTask, TaskInfo } from '@/lib/storage/schemas';

export interface PickedTask {
  gid: string;
  name: string;
  workspaceGid: string | null;
  projects: Array<{ gid: string; name?: string | null }>;
}

const DEBOUNCE_MS = 200;

export function TaskPicker(props: { idPrefix: string; workspaceGid: string | null; recent: RecentTask[]; onPick: (task: PickedTask) => void; autoFocus?: boolean }) {
  const id = props.idPrefix;
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<TaskInfo[] | null>(null);
  const [active, setActive] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (!q || !props.workspaceGid) {
      setResults(null);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      setSearching(true);
      send('typeahead.tasks', { workspaceGid: props.workspaceGid!, query: q })
        .then((found) => {
          if (mine !== seq.current) return; // a newer search is under way
          setResults(found);
          setActive(0);
          setProblem(null);
        })
        .catch((error) => mine === seq.current && setProblem(errorMessage(error)))
        .finally(() => mine === seq.current && setSearching(false));
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, props.workspaceGid]);

  const options: PickedTask[] = results
    ? results.map((t) => ({ gid: t.gid, name: t.name, workspaceGid: t.workspace?.gid ?? props.workspaceGid, projects: t.projects }))
    : props.recent.map((t) => ({ gid: t.gid, name: t.name, workspaceGid: t.workspaceGid, projects: [] }));
  const listId = `${id}-list`;

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(options.length - 1, a + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter') {
      const picked = options[active];
      if (picked) {
        event.preventDefault();
        props.onPick(picked);
      }
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
    }
  }

  return (
    <div class="tl-picker">
      <label for={`${id}-q`} class="tl-label">
        {t('findTask')}
      </label>
      <input
        id={`${id}-q`}
        class="tl-in"
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={options[active] ? `${id}-opt-${options[active]!.gid}` : undefined}
        value={query}
        placeholder={t(props.workspaceGid ? 'typeTaskName' : 'chooseWorkspaceFirst')}
        disabled={!props.workspaceGid}
        autoFocus={props.autoFocus}
        autoComplete="off"
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <p class="tl-mute" aria-live="polite">
        {problem ?? (searching ? t('searching') : results ? (results.length ? plural('tasksFound', results.length) : t('noTaskMatches')) : props.recent.length ? t('recentTasks') : '')}
      </p>
      <ul id={listId} role="listbox" class="tl-list tl-options" aria-label={t(results ? 'matchingTasks' : 'recentTasks')}>
        {options.map((t, i) => (
          <li
            key={t.gid}
            id={`${id}-opt-${t.gid}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'tl-option tl-active' : 'tl-option'}
            onMouseEnter={() => setActive(i)}
            onClick={() => props.onPick(t)}
          >
            {t.name}
            {t.projects[0]?.name && <span class="tl-mute"> · {t.projects.map((p) => p.name).join(', ')}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
