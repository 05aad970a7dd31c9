/**
 * No words for people in the code: everything shown comes from the messages (issue 19). The
 * check itself is tested on samples, so that it cannot pass by finding nothing.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHardcodedStrings, readSource, sourceFiles } from '../i18n/hardcoded-strings';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('hard-coded strings', () => {
  it('components and entrypoints hold none', () => {
    const files = sourceFiles(ROOT, ['components', 'entrypoints']);
    expect(files.length).toBeGreaterThan(30);
    const found = files.flatMap((file) => findHardcodedStrings(file, readSource(ROOT, file)));
    expect(found.map((f) => `${f.file}:${f.line} ${f.why}: “${f.text}”`)).toEqual([]);
  });

  it.each([
    ['JSX text', 'const A = () => <p>Loading entries…</p>;', 'Loading entries…'],
    ['an aria-label', 'const A = () => <button aria-label="Close the panel" />;', 'Close the panel'],
    ['a placeholder in a template', 'const A = (n: number) => <input placeholder={`${n} left`} />;', 'left'],
    ['a label prop', 'const A = () => <Form submitLabel="Save" />;', 'Save'],
    ['a message set in code', 'function f(setMessage: (s: string) => void) { setMessage(`Logged ${1} min.`); }', 'Logged'],
    ['a capitalised word', "const LABELS = { account: 'Account' };", 'Account'],
    ['a returned sentence', "function f() { return 'Pick a task first.'; }", 'Pick a task first.'],
    ['a word put into a text', "const s = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;", 'entry'],
  ])('finds %s', (_, source, text) => {
    expect(findHardcodedStrings('sample.tsx', source).map((f) => f.text)).toContain(text);
  });

  it.each([
    ['a message key', "const A = () => <p>{t('timeTracking')}</p>;"],
    ['classes', 'const A = (x: boolean) => <p class={x ? "tl-note tl-bad" : "tl-mute"} />;'],
    ['a comparison', "const f = (e: KeyboardEvent) => e.key === 'Escape';"],
    ['a request type', "send('ui.openOptions');"],
    ['an import', "import { t } from '@/lib/i18n';"],
    ['a type', "type Mode = 'Placed' | 'Floating';"],
    ['a test id and a role', 'const A = () => <p data-testid="Total time" role="status" />;'],
    ['symbols', "const A = () => <span aria-hidden=\"true\">{'▸ '}</span>;"],
  ])('passes %s', (_, source) => {
    expect(findHardcodedStrings('sample.tsx', source)).toEqual([]);
  });
});
