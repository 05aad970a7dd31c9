/**
 * A small reader for the Markdown our own documents use (PRIVACY.md): headings, paragraphs,
 * bulleted and numbered lists (nested by indentation, wrapped lines continued), pipe tables, and
 * inline code, bold, italics and links. It turns the text into plain data that a view renders
 * as elements holding TEXT: nothing here is ever markup, so a `<script>` in the source shows as
 * those characters (no innerHTML anywhere). Anything it does not know reads as a paragraph.
 */

export type Inline =
  | { kind: 'text' | 'code'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  /** `href` is kept only for an absolute http(s) address; a link to a file of ours reads as its text. */
  | { kind: 'link'; children: Inline[]; href: string | null };

export interface ListItem {
  content: Inline[];
  /** Lists nested under this item. */
  children: Block[];
}

export type Block =
  | { kind: 'heading'; level: number; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; ordered: boolean; items: ListItem[] }
  | { kind: 'table'; head: Inline[][]; rows: Inline[][][] };

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** The inline parts of one line (or a paragraph's joined lines). */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > at) out.push({ kind: 'text', text: text.slice(at, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'strong', children: parseInline(m[2]) });
    else if (m[3] !== undefined) out.push({ kind: 'em', children: parseInline(m[3]) });
    else out.push({ kind: 'link', children: parseInline(m[4]!), href: /^https?:\/\//.test(m[5]!) ? m[5]! : null });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}

const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const TABLE_RULE = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => parseInline(c.trim()));

/** The document as blocks. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  /** Open lists, outermost first, with the indentation of their markers. */
  let lists: Array<{ indent: number; list: Extract<Block, { kind: 'list' }>; into: Block[] }> = [];
  /** The text of the item or paragraph being read, continued by the lines that follow it. */
  let open: { lines: string[]; done: (text: string) => void } | null = null;

  const flush = () => {
    if (open) open.done(open.lines.join(' '));
    open = null;
  };
  const closeLists = () => {
    flush();
    lists = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) {
      // A blank line ends a paragraph; a list goes on if the next line is one of its items.
      flush();
      const next = lines.slice(i + 1).find((l) => l.trim());
      if (!next || !LIST_ITEM.test(next)) lists = [];
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      const indent = item[1]!.length;
      const ordered = /\d/.test(item[2]!);
      while (lists.length && lists.at(-1)!.indent > indent) lists.pop();
      let top = lists.at(-1);
      if (!top || top.indent < indent || top.list.ordered !== ordered) {
        if (top && top.indent === indent) lists.pop();
        const parent = lists.at(-1);
        const into = parent && parent.indent < indent ? parent.list.items.at(-1)!.children : blocks;
        const list: Extract<Block, { kind: 'list' }> = { kind: 'list', ordered, items: [] };
        into.push(list);
        top = { indent, list, into };
        lists.push(top);
      }
      const entry: ListItem = { content: [], children: [] };
      top.list.items.push(entry);
      open = { lines: [item[3]!.trim()], done: (text) => (entry.content = parseInline(text)) };
      continue;
    }
    if (lists.length && /^\s/.test(line) && open) {
      // A wrapped line of the item above.
      open.lines.push(line.trim());
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      closeLists();
      blocks.push({ kind: 'heading', level: heading[1]!.length, content: parseInline(heading[2]!) });
      continue;
    }
    if (line.trimStart().startsWith('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
      closeLists();
      const head = cells(line);
      const rows: Inline[][][] = [];
      for (i += 2; i < lines.length && lines[i]!.trimStart().startsWith('|'); i++) rows.push(cells(lines[i]!));
      i--;
      blocks.push({ kind: 'table', head, rows });
      continue;
    }
    if (open) {
      open.lines.push(line.trim());
      continue;
    }
    closeLists();
    const paragraph: Extract<Block, { kind: 'paragraph' }> = { kind: 'paragraph', content: [] };
    blocks.push(paragraph);
    open = { lines: [line.trim()], done: (text) => (paragraph.content = parseInline(text)) };
  }
  flush();
  return blocks;
}
