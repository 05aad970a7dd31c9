/**
 * Checks made before a category form or a date range is sent, with messages that say what to do.
 * Pure functions, so the rules are table-tested (tests/unit/category-validate.test.ts).
 */
import { t } from '@/lib/i18n';
import type { CategoryColor } from '@/lib/asana/constants';
import type { Category } from '@/lib/asana/schemas';
import { isIsoDate } from '@/lib/dates';

/** The longest name the background accepts (lib/messaging/protocol.ts, `CategoryName`). */
export const MAX_CATEGORY_NAME = 200;

export interface CategoryDraft {
  name: string;
  color: CategoryColor | null;
}

/** One message per field; an empty object means the draft can be sent. */
export interface CategoryProblems {
  name?: string;
  color?: string;
}

/** Case- and accent-insensitive comparison, so “Design” and “design ” count as the same name. */
const sameName = (a: string, b: string) => a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'base' }) === 0;

/**
 * Validates a new or edited category. `others` are the workspace's other categories (active and
 * archived): two with the same name could not be told apart in the entry form's category list.
 */
export function validateCategory(draft: CategoryDraft, others: readonly Category[]): CategoryProblems {
  const problems: CategoryProblems = {};
  const name = draft.name.trim();
  if (name === '') problems.name = t('catNameEmpty');
  else if (name.length > MAX_CATEGORY_NAME) {
    problems.name = t('catNameLong', MAX_CATEGORY_NAME, name.length);
  } else {
    const twin = others.find((c) => sameName(c.name, name));
    if (twin) {
      problems.name = t(twin.is_archived ? 'catTwinArchived' : 'catTwin', twin.name);
    }
  }
  if (draft.color === null) problems.color = t('pickColour');
  return problems;
}

export interface RangeProblems {
  start?: string;
  end?: string;
}

/** Validates a from–to date range (both required, real dates, in order). */
export function validateRange(start: string, end: string): RangeProblems {
  const problems: RangeProblems = {};
  if (start === '') problems.start = t('pickFirstDay');
  else if (!isIsoDate(start)) problems.start = t('realDate');
  if (end === '') problems.end = t('pickLastDay');
  else if (!isIsoDate(end)) problems.end = t('realDate');
  if (!problems.start && !problems.end && end < start) problems.end = t('lastBeforeFirst');
  return problems;
}

/** True when a problems object holds no message. */
export const isValid = (problems: object): boolean => Object.values(problems).every((m) => !m);
