/**
 * Every shipped language is complete: the same messages as English (plural families with the
 * forms that language's plural rules have, no more), the same placeholders, valid names, and
 * the language it says it is. English is the reference: the code's keys are typed from it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPROVAL_STATUSES, BILLABLE_STATUSES } from '@/lib/asana/constants';
import { shippedLanguages, messagesOf, type MessagesFile } from '../i18n/browser-i18n';

const EN = messagesOf('en');
const LANGUAGES = shippedLanguages();
/** `entries` for `entries_one` / `entries_other`. */
const families = (file: MessagesFile) => new Set(Object.keys(file).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length)));
const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];
const familyOf = (key: string, bases: Set<string>) => {
  const m = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
  return m && bases.has(m[1]!) ? m[1]! : null;
};
const placeholders = (message: string) => new Set([...message.matchAll(/\$([1-9])/g)].map((m) => m[1]!));

describe('shipped languages', () => {
  it('are English, German and Japanese', () => {
    expect(LANGUAGES).toEqual(['de', 'en', 'ja']);
  });

  it.each(LANGUAGES)('%s: says which language it is', (lang) => {
    expect(messagesOf(lang).lang?.message).toBe(lang);
  });

  it.each(LANGUAGES)('%s: has every message, and no other', (lang) => {
    const file = messagesOf(lang);
    const bases = families(EN);
    const rules = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
    const expected = new Set<string>();
    for (const key of Object.keys(EN)) {
      const base = familyOf(key, bases);
      if (base === null) expected.add(key);
      else for (const category of rules) expected.add(`${base}_${category}`);
    }
    const have = new Set(Object.keys(file));
    expect([...expected].filter((k) => !have.has(k)).sort(), 'missing').toEqual([]);
    expect([...have].filter((k) => !expected.has(k)).sort(), 'not in English (or a plural form this language does not have)').toEqual([]);
    for (const [key, entry] of Object.entries(file)) expect(entry.message.trim(), `${lang}/${key} is empty`).not.toBe('');
  });

  it.each(LANGUAGES)('%s: uses the placeholders English uses', (lang) => {
    const file = messagesOf(lang);
    const bases = families(EN);
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(file)) {
      const base = familyOf(key, bases);
      const english = base === null ? [EN[key]?.message ?? ''] : PLURAL_CATEGORIES.map((c) => EN[`${base}_${c}`]?.message).filter((m): m is string => m !== undefined);
      const allowed = new Set(english.flatMap((m) => [...placeholders(m)]));
      const mine = placeholders(entry.message);
      for (const p of mine) if (!allowed.has(p)) problems.push(`${key}: $${p} is not in English`);
      // A plural family's "other" form, and every plain message, must show everything English shows in it.
      const mustHave = base === null ? placeholders(EN[key]?.message ?? '') : key.endsWith('_other') ? placeholders(EN[`${base}_other`]!.message) : new Set<string>();
      for (const p of mustHave) if (!mine.has(p)) problems.push(`${key}: $${p} is missing`);
      // Chrome and Firefox read `$` as the start of a placeholder: a lone one is lost, and
      // `$name$` (even `$2$3`, read as "$2$") must be declared, or Chrome refuses to load the extension.
      const text = entry.message.replace(/\$\$/g, '');
      if (/\$(?![1-9]|[A-Za-z0-9_@]+\$)/.test(text)) problems.push(`${key}: a lone $`);
      for (const [, name] of text.matchAll(/\$([A-Za-z0-9_@]+)\$/g)) if (!Object.keys(entry.placeholders ?? {}).some((p) => p.toLowerCase() === name!.toLowerCase())) problems.push(`${key}: $${name}$ is read as a placeholder that is not declared`);
    }
    expect(problems).toEqual([]);
  });

  it('message names are valid for browsers and differ not only in case', () => {
    const names = Object.keys(EN);
    for (const name of names) expect(name, name).toMatch(/^[A-Za-z0-9_]+$/);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('every fixed value Asana sends has its words, and every manifest string its message', () => {
    for (const b of BILLABLE_STATUSES) expect(EN[`bill_${b}`], b).toBeDefined();
    for (const a of APPROVAL_STATUSES) expect(EN[`appr_${a}`], a).toBeDefined();
    const config = readFileSync(path.resolve(import.meta.dirname, '../../wxt.config.ts'), 'utf8');
    const used = [...config.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThanOrEqual(4);
    for (const key of used) expect(EN[key], key).toBeDefined();
  });
});

describe('the duration box in every language', () => {
  it.each(LANGUAGES)('%s: its placeholder and its examples are durations the parser accepts', async (lang) => {
    const { parseDuration } = await import('@/lib/duration');
    const file = messagesOf(lang);
    expect(parseDuration(file.durationPlaceholder!.message)).toMatchObject({ ok: true });
    // "e.g. 1h 30m, 90m, 1:30 or 1.5h" / "z. B. … oder …" / "例: …、…"
    const examples = file.durationExamples!.message.replace(/^[^:：]*?(e\.g\.|z\. B\.|例:)\s*/, '').split(/,\s|、|\s(?:or|oder)\s/);
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const example of examples) expect(parseDuration(example), `${lang}: “${example}”`).toMatchObject({ ok: true });
  });
});
