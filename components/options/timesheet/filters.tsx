/**
 * The timesheet's filters: project (the entry's `attributable_to`), portfolio, category and
 * person. Each change becomes a new URL hash, so the browser's back button and bookmarks work.
 */
import { t } from '@/lib/i18n';
import type { Category } from '@/lib/asana/schemas';
import { NO_CATEGORY, type TimesheetQuery } from '@/lib/timesheet';
import { SearchPicker } from './search-picker';

export type FilterNames = Partial<Record<'project' | 'portfolio' | 'user', string | null>>;

export interface FiltersProps {
  workspaceGid: string;
  query: TimesheetQuery;
  /** Names of the chosen project, portfolio and person, when known. */
  names: FilterNames;
  /** The workspace's categories, plus any seen on this week's entries (archived ones, say). */
  categories: Category[];
  meGid: string;
  onChange: (patch: Partial<TimesheetQuery>, names?: FilterNames) => void;
}

export function TimesheetFilters(props: FiltersProps) {
  const { query, names } = props;
  const anyFilter = query.project || query.portfolio || query.category || query.user;
  const value = (key: 'project' | 'portfolio' | 'user') => {
    const gid = query[key];
    return gid ? { gid, name: names[key] ?? null } : null;
  };
  return (
    <fieldset class="tl-ts-filters">
      <legend>{t('filters')}</legend>
      <SearchPicker
        id="ts-project"
        label={t('project')}
        resourceType="project"
        workspaceGid={props.workspaceGid}
        value={value('project')}
        emptyLabel={t('allProjects')}
        onPick={(p) => props.onChange({ project: p.gid }, { project: p.name })}
        onClear={() => props.onChange({ project: null })}
      />
      <SearchPicker
        id="ts-portfolio"
        label={t('portfolio')}
        resourceType="portfolio"
        workspaceGid={props.workspaceGid}
        value={value('portfolio')}
        emptyLabel={t('allPortfolios')}
        onPick={(p) => props.onChange({ portfolio: p.gid }, { portfolio: p.name })}
        onClear={() => props.onChange({ portfolio: null })}
      />
      <div class="tl-field tl-ts-filter">
        <label for="ts-category">{t('category')}</label>
        <select id="ts-category" class="tl-in" value={query.category ?? ''} onChange={(e) => props.onChange({ category: e.currentTarget.value || null })}>
          <option value="">{t('allCategories')}</option>
          {props.categories.map((c) => (
            <option key={c.gid} value={c.gid}>
              {c.is_archived ? t('archivedName', c.name) : c.name}
            </option>
          ))}
          <option value={NO_CATEGORY}>{t('noCategory')}</option>
        </select>
      </div>
      <SearchPicker
        id="ts-user"
        label={t('person')}
        resourceType="user"
        workspaceGid={props.workspaceGid}
        value={value('user')}
        emptyLabel={t('me')}
        // Picking myself is the default view: keep the URL short.
        onPick={(u) => props.onChange({ user: u.gid === props.meGid ? null : u.gid }, { user: u.name })}
        onClear={() => props.onChange({ user: null })}
      />
      {anyFilter && (
        <div class="tl-ts-filter tl-ts-clear">
          <button type="button" class="tl-btn" onClick={() => props.onChange({ project: null, portfolio: null, category: null, user: null })}>
            {t('clearFilters')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
