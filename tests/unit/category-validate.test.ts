import { describe, expect, it } from 'vitest';
import type { Category } from '@/lib/asana/schemas';
import { isValid, validateCategory, validateRange, type CategoryDraft } from '@/components/options/categories/validate';

const existing: Category[] = [
  { gid: '1', name: 'Design', color: 'purple' },
  { gid: '2', name: 'Café', color: 'red' },
  { gid: '3', name: 'Legacy consulting', color: 'cool-gray', is_archived: true },
];

describe('validateCategory', () => {
  it.each<[string, CategoryDraft, { name?: string | RegExp; color?: string }]>([
    ['a good draft', { name: 'Research', color: 'aqua' }, {}],
    ['surrounding spaces are fine', { name: '  Research  ', color: 'none' }, {}],
    ['an empty name', { name: '', color: 'red' }, { name: 'Enter a name for the category.' }],
    ['a blank name', { name: ' \t ', color: 'red' }, { name: 'Enter a name for the category.' }],
    ['no colour', { name: 'Research', color: null }, { color: 'Pick a colour (or “No colour”).' }],
    ['neither', { name: '', color: null }, { name: 'Enter a name for the category.', color: 'Pick a colour (or “No colour”).' }],
    ['200 characters', { name: 'x'.repeat(200), color: 'red' }, {}],
    ['201 characters', { name: 'x'.repeat(201), color: 'red' }, { name: 'Use at most 200 characters (this name has 201).' }],
    ['a duplicate, any case', { name: 'design', color: 'red' }, { name: 'There is already a category called “Design”. Choose another name.' }],
    ['a duplicate, any accent', { name: 'cafe', color: 'red' }, { name: /“Café”/ }],
    ['an archived duplicate', { name: 'Legacy Consulting', color: 'red' }, { name: /already an archived category called “Legacy consulting”\. Unarchive it/ }],
  ])('%s', (_, draft, expected) => {
    const problems = validateCategory(draft, existing);
    expect(Object.keys(problems).sort()).toEqual(Object.keys(expected).sort());
    if (expected.name) expect(problems.name).toMatch(expected.name);
    if (expected.color) expect(problems.color).toBe(expected.color);
    expect(isValid(problems)).toBe(Object.keys(expected).length === 0);
  });
});

describe('validateRange', () => {
  it.each<[string, string, string, { start?: string; end?: string }]>([
    ['a range', '2026-11-01', '2026-11-30', {}],
    ['one day', '2026-11-01', '2026-11-01', {}],
    ['no start', '', '2026-11-30', { start: 'Pick the first day.' }],
    ['no end', '2026-11-01', '', { end: 'Pick the last day.' }],
    ['not a date', '2026-02-30', '2026-03-01', { start: 'Enter a real date (YYYY-MM-DD).' }],
    ['backwards', '2026-11-30', '2026-11-01', { end: 'The last day is before the first day. Pick a later date.' }],
  ])('%s', (_, start, end, expected) => {
    expect(validateRange(start, end)).toEqual(expected);
  });
});
