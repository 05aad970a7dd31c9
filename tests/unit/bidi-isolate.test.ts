/**
 * Asana strings put into our sentences cannot reorder them (issue 13.5): lib/i18n.ts isolates
 * each value that holds right-to-left letters or bidi controls, closing every isolate the value
 * itself opened. (Where the browser then draws the words is checked end to end, tests/e2e/bidi.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { isolate, t } from '@/lib/i18n';

const FSI = '\u2068';
const PDI = '\u2069';
const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

/** The isolates still open at the end of `text` (initiators without their PDI), by the bidi algorithm's rule. */
function openIsolates(text: string): number {
  let open = 0;
  for (const c of text) {
    if (c === '\u2066' || c === '\u2067' || c === '\u2068') open++;
    else if (c === PDI && open > 0) open--;
  }
  return open;
}

describe('isolate', () => {
  it('leaves text of left-to-right letters and neutrals as it is', () => {
    for (const text of ['Website redesign', 'Fix “login” (v2)', '1 h 30 min', '設計レビュー', '']) expect(isolate(text)).toBe(text);
  });

  it('puts right-to-left text between FSI and PDI', () => {
    expect(isolate('שלום')).toBe(`${FSI}שלום${PDI}`);
    expect(isolate('تقرير 2')).toBe(`${FSI}تقرير 2${PDI}`);
  });

  it.each(CONTROLS.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase()}`, c]))('a value holding %s, once or twice, leaves no isolate open after it', (_, control) => {
    for (const text of [`a${control}b`, `${control}x${control}y`, `${control}`]) {
      const out = isolate(text);
      expect(out.startsWith(FSI)).toBe(true);
      expect(out.slice(1)).toContain(text);
      expect(openIsolates(out)).toBe(0);
      // And whatever follows in the sentence is outside every isolate the value opened.
      expect(openIsolates(`${out} starting here stops it.`)).toBe(0);
    }
  });

  it('is applied to every value t() puts into a message', () => {
    const name = 'Fix \u202Ethe login';
    const text = t('timerElsewhere', name, '0:05');
    expect(text).toContain(`“${FSI}${name}${PDI}”`);
    expect(text.endsWith('starting here stops it.')).toBe(true);
    expect(t('timerElsewhere', 'Plain', '0:05')).toBe('Timer running on “Plain” (0:05); starting here stops it.');
  });
});
