/**
 * The Markdown reader behind the options page's privacy policy (lib/markdown-text.ts): our
 * documents' constructs become plain data, and markup in the source stays text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, type Block, type Inline } from '@/lib/markdown-text';

/** The characters a reader sees, inline parts flattened. */
const plain = (parts: Inline[]): string => parts.map((p) => ('text' in p ? p.text : plain(p.children))).join('');

describe('parseInline', () => {
  it('reads code, bold, italics and links; only an http(s) link keeps its address', () => {
    expect(parseInline('A **bold `code`** and *em* [site](https://app.asana.com/0/my-apps) [file](CHANGELOG.md).')).toEqual([
      { kind: 'text', text: 'A ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'bold ' }, { kind: 'code', text: 'code' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'em', children: [{ kind: 'text', text: 'em' }] },
      { kind: 'text', text: ' ' },
      { kind: 'link', children: [{ kind: 'text', text: 'site' }], href: 'https://app.asana.com/0/my-apps' },
      { kind: 'text', text: ' ' },
      { kind: 'link', children: [{ kind: 'text', text: 'file' }], href: null },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps markup as text, and a javascript: link without its address', () => {
    const parts = parseInline('<img src=x onerror=alert(1)> [x](javascript:alert(1)) <b>b</b>');
    expect(plain(parts)).toBe('<img src=x onerror=alert(1)> x) <b>b</b>');
    expect(parts.some((p) => p.kind === 'link' && p.href !== null)).toBe(false);
  });

  it('a star that opens nothing stays a star', () => {
    expect(parseInline('5 * 3 and a*')).toEqual([{ kind: 'text', text: '5 * 3 and a*' }]);
  });
});

describe('parseMarkdown', () => {
  it('headings, wrapped paragraphs, nested and continued lists, tables', () => {
    const blocks = parseMarkdown(
      [
        '# Title',
        '',
        'One paragraph',
        'on two lines.',
        '',
        '1. **First**: its text',
        '   goes on.',
        '   - `a`: nested',
        '     and wrapped',
        '   - b',
        '2. Second',
        '',
        '- Bullet. Please note:',
        '  - inner',
        '',
        '| kind | sent? |',
        '|---|---|',
        '| `x` | yes |',
        '| y | |',
        '',
        'After.',
      ].join('\n'),
    );
    const shape = (b: Block): unknown =>
      b.kind === 'list'
        ? { list: b.ordered ? 'ol' : 'ul', items: b.items.map((i) => [plain(i.content), ...i.children.map(shape)]) }
        : b.kind === 'table'
          ? { table: [b.head.map(plain), ...b.rows.map((r) => r.map(plain))] }
          : { [b.kind]: plain(b.content), ...(b.kind === 'heading' ? { level: b.level } : {}) };
    expect(blocks.map(shape)).toEqual([
      { heading: 'Title', level: 1 },
      { paragraph: 'One paragraph on two lines.' },
      { list: 'ol', items: [['First: its text goes on.', { list: 'ul', items: [['a: nested and wrapped'], ['b']] }], ['Second']] },
      { list: 'ul', items: [['Bullet. Please note:', { list: 'ul', items: [['inner']] }]] },
      { table: [['kind', 'sent?'], ['x', 'yes'], ['y', '']] },
      { paragraph: 'After.' },
    ]);
  });

  it('reads all of PRIVACY.md: its sections, its tables, and every word of it', () => {
    const source = readFileSync('PRIVACY.md', 'utf8');
    const blocks = parseMarkdown(source);
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => plain(b.content));
    expect(headings).toEqual([...source.matchAll(/^#+ (.*)$/gm)].map((m) => m[1]));
    expect(blocks.filter((b) => b.kind === 'table')).toHaveLength(2);
    // Every word of the source is shown (Markdown's own marks aside).
    const shown = (b: Block): string =>
      b.kind === 'list' ? b.items.map((i) => `${plain(i.content)} ${i.children.map(shown).join(' ')}`).join(' ') : b.kind === 'table' ? [b.head, ...b.rows].flat().map(plain).join(' ') : plain(b.content);
    const words = (s: string) =>
      s
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/[*`]+/g, '')
        .replace(/^#+ |^\s*(\d+\.|-) |\||---/gm, ' ')
        .split(/\s+/)
        .filter(Boolean);
    expect(words(blocks.map(shown).join(' '))).toEqual(words(source));
  });
});
