/**
 * A filter picker over Asana's typeahead (projects, portfolios or people): type to search,
 * arrows to move, Enter to pick, Escape to close. Once picked it shows the choice with a button
 * to clear it. With nothing typed it lists what Asana suggests first.
 */
import { plural, t } from '@/lib/i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Named } from '@/lib/asana/schemas';
import { errorMessage, send } from '@/lib/messaging/client';

export type SearchType = 'project' | 'portfolio' | 'user';

export interface SearchPickerProps {
  id: string;
  label: string;
  resourceType: SearchType;
  workspaceGid: string;
  /** The current choice, with its name when known. */
  value: { gid: string; name: string | null } | null;
  /** What no choice means, shown as the placeholder ("All projects", "Me"). */
  emptyLabel: string;
  onPick: (item: { gid: string; name: string }) => void;
  onClear: () => void;
}

const DEBOUNCE_MS = 200;

export function SearchPicker(props: SearchPickerProps) {
  const { id } = props;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<Named[]>([]);
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState('');
  const seq = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      setStatus(t('searching'));
      send('typeahead.search', { workspaceGid: props.workspaceGid, query: query.trim(), resourceType: props.resourceType })
        .then((found) => {
          if (mine !== seq.current) return; // a newer search is under way
          setResults(found);
          setActive(0);
          setStatus(found.length ? plural('nFound', found.length) : t('nothingMatches'));
        })
        .catch((error) => mine === seq.current && setStatus(errorMessage(error)));
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [open, query, props.workspaceGid, props.resourceType]);

  function pick(item: Named) {
    setOpen(false);
    setQuery('');
    setResults([]);
    props.onPick({ gid: item.gid, name: item.name ?? item.gid });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter') {
      const item = open ? results[active] : undefined;
      if (item) {
        event.preventDefault();
        pick(item);
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  if (props.value) {
    const name = props.value.name ?? `#${props.value.gid}`;
    return (
      <div class="tl-field tl-ts-filter">
        <span class="tl-label" id={`${id}-label`}>
          {props.label}
        </span>
        <div class="tl-ts-chip" role="group" aria-labelledby={`${id}-label`}>
          <span data-testid={`${id}-value`} title={name}>
            {name}
          </span>
          <button
            type="button"
            class="tl-btn tl-sm"
            aria-label={t(`clear_${props.resourceType}`, name)}
            onClick={() => {
              props.onClear();
              // The input replaces the chip: keep the keyboard where it was.
              setTimeout(() => inputRef.current?.focus(), 0);
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      </div>
    );
  }

  const listId = `${id}-list`;
  const shown = open && results.length > 0;
  return (
    <div class="tl-field tl-ts-filter tl-ts-picker">
      <label for={`${id}-q`}>{props.label}</label>
      <input
        id={`${id}-q`}
        ref={inputRef}
        class="tl-in"
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-describedby={`${id}-status`}
        aria-activedescendant={shown && results[active] ? `${id}-opt-${results[active]!.gid}` : undefined}
        value={query}
        placeholder={props.emptyLabel}
        autoComplete="off"
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-status`} class="tl-ts-sr" aria-live="polite">
        {open ? status : ''}
      </span>
      <ul id={listId} role="listbox" aria-label={t('suggestions', props.label)} class="tl-list tl-options tl-ts-options" hidden={!shown}>
        {results.map((item, i) => (
          <li
            key={item.gid}
            id={`${id}-opt-${item.gid}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'tl-option tl-active' : 'tl-option'}
            onMouseEnter={() => setActive(i)}
            // mousedown, not click: the input's blur would close the list before the click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(item);
            }}
          >
            {item.name ?? item.gid}
          </li>
        ))}
      </ul>
    </div>
  );
}
