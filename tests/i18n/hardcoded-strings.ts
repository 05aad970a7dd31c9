/**
 * Finds words a person would read that are written in the code instead of coming from the
 * messages (tests/unit/i18n-strings.test.ts runs it over components/ and entrypoints/).
 *
 * Every file is parsed (TypeScript + JSX, @babel/parser) and every piece of text is looked at:
 * - JSX text with a word in it (`<p>Loading…</p>`): always visible;
 * - string and template literals in attributes people read or hear (`aria-label`, `title`,
 *   `placeholder`, `alt`, `label`, and any `*Label` prop);
 * - any other string or template literal that reads as words: two words (`'Pick a date'`),
 *   or a capitalised word (`'Today'`), unless it sits where no one reads it (an import, a type,
 *   a comparison, an object key, a `class`/`id`/`data-*`… attribute, a message key given to
 *   `t`/`plural`/`Msg`, a request type given to `send`, a DOM or Intl call).
 * What is left and is no one's to read is listed in ALLOWED with the reason.
 */
import { parse } from '@babel/parser';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Attributes (and component props) that people read or hear. */
const VISIBLE_ATTRIBUTES = /^(aria-label|aria-description|aria-roledescription|aria-valuetext|aria-placeholder|title|placeholder|alt|label|[a-z]+Label)$/;
/** Attributes that never reach people. */
const TECHNICAL_ATTRIBUTES = /^(class|className|id|for|htmlFor|href|src|rel|target|type|role|key|name|value|style|lang|dir|method|autoComplete|inputMode|tabIndex|viewBox|d|fill|stroke|stroke-width|text-anchor|dominant-baseline|patternUnits|patternTransform|preserveAspectRatio|focusable|dateTime|idPrefix|resourceType|k|aria-[a-z]+|data-[a-z-]+)$/;
/** Calls whose string arguments are for the machine: DOM, events, storage, messaging, Intl, the messages themselves. */
const TECHNICAL_CALLS =
  /^(t|plural|send|querySelector|querySelectorAll|closest|matches|getElementById|createElement|addEventListener|removeEventListener|getAttribute|setAttribute|hasAttribute|removeAttribute|matchMedia|startsWith|endsWith|includes|split|replace|join|padStart|test|exec|RegExp|Intl\.\w+|DateTimeFormat|NumberFormat|PluralRules|toLocaleString|localeCompare|get|set|has|delete|setItem|getItem|postMessage|dispatchEvent|CustomEvent|Error|preventDefault|focusWhenReady|rowButtonId|routeHash|navigate|go|setPointerCapture|scrollIntoView|encodeURIComponent|Date|Symbol|fetch|downloadText|timesheetFileName)$/;

/** Reads as words: two words in a row, or a capitalised word. */
const WORDS = /\p{L}{2,}[ \u00a0]+\p{L}|(?<![\p{L}\p{N}])\p{Lu}\p{Ll}{2,}/u;
const ANY_WORD = /\p{L}{2,}/u;
/** A message key (`tabAccount`, `bill_`) or another identifier: never shown. */
const IDENTIFIER = /^[a-z][A-Za-z0-9_]*$/;
/** Our CSS classes (`tl-btn tl-sm`), whole or in pieces of a template. */
const CLASS_LIST = /^\s*(tl-[\w-]*\s*)+$/;

/** Text that stays in the code, and why. Keyed `file: text`. */
export const ALLOWED: Record<string, string> = {
  'components/page/widget-mount.ts: (prefers-color-scheme: dark)': 'a media query',
  'components/options/categories/category-entries.tsx: T00:00:00Z': 'a date-time suffix',
};

type Node = { type: string; start?: number | null; loc?: { start: { line: number } } | null; [key: string]: unknown };

function calleeName(node: Node): string {
  const callee = node.callee as Node | undefined;
  if (!callee) return '';
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression') {
    const object = callee.object as Node;
    const property = callee.property as Node;
    const prop = property.type === 'Identifier' ? (property.name as string) : '';
    return object.type === 'Identifier' && object.name === 'Intl' ? `Intl.${prop}` : prop;
  }
  return '';
}

function attributeName(node: Node): string {
  const name = node.name as Node;
  return name.type === 'JSXNamespacedName' ? `${(name.namespace as Node).name}:${(name.name as Node).name}` : (name.name as string);
}

/** Every finding in one file's source. */
export function findHardcodedStrings(file: string, source: string): Finding[] {
  const ast = parse(source, { sourceType: 'module', plugins: ['typescript', 'jsx'], errorRecovery: false });
  const findings: Finding[] = [];
  const report = (node: Node, text: string, why: string) => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (ALLOWED[`${file}: ${clean}`]) return;
    findings.push({ file, line: node.loc?.start.line ?? 0, text: clean, why });
  };

  /** `ancestors` runs from the root to the node's parent; `keys` the property each step went through. */
  function visit(node: Node, ancestors: Node[], keys: string[]): void {
    if (!node || typeof node.type !== 'string') return;
    check(node, ancestors, keys);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'start' || key === 'end' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
      if (Array.isArray(value)) for (const child of value) visit(child as Node, [...ancestors, node], [...keys, key]);
      else if (value && typeof value === 'object' && typeof (value as Node).type === 'string') visit(value as Node, [...ancestors, node], [...keys, key]);
    }
  }

  /** Why the literal at this place is for the machine, or null when people may read it. */
  function technicalPlace(ancestors: Node[], keys: string[]): string | null {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i]!;
      const via = keys[i]!;
      switch (a.type) {
        case 'ImportDeclaration':
        case 'ExportNamedDeclaration':
        case 'ExportAllDeclaration':
          if (via === 'source') return 'module';
          break;
        case 'TSLiteralType':
        case 'TSTypeAnnotation':
        case 'TSTypeReference':
        case 'TSAsExpression':
          if (a.type !== 'TSAsExpression' || via === 'typeAnnotation') return 'type';
          break;
        case 'BinaryExpression':
          if (['===', '!==', '==', '!=', 'in'].includes(a.operator as string)) return 'comparison';
          break;
        case 'SwitchCase':
          if (via === 'test') return 'case';
          break;
        case 'ObjectProperty':
          if (via === 'key') return 'key';
          break;
        case 'MemberExpression':
        case 'OptionalMemberExpression':
          if (via === 'property') return 'member';
          break;
        case 'JSXAttribute': {
          const name = attributeName(a);
          if (VISIBLE_ATTRIBUTES.test(name)) return null;
          if (TECHNICAL_ATTRIBUTES.test(name)) return 'attribute';
          return null;
        }
        case 'CallExpression':
        case 'OptionalCallExpression':
        case 'NewExpression':
          if (via === 'arguments' && TECHNICAL_CALLS.test(calleeName(a))) return 'call';
          if (via === 'arguments') return null;
          break;
        case 'JSXElement':
        case 'JSXFragment':
          return null;
        default:
          break;
      }
    }
    return null;
  }

  function inVisibleAttribute(ancestors: Node[]): boolean {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i]!;
      if (a.type === 'JSXAttribute') return VISIBLE_ATTRIBUTES.test(attributeName(a));
      if (a.type === 'JSXElement' || a.type === 'CallExpression') return false;
    }
    return false;
  }

  /** A literal put into a template's text (`${n === 1 ? 'entry' : 'entries'}`): read as part of that text. */
  function inTemplateText(ancestors: Node[], keys: string[]): boolean {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i]!;
      if (a.type === 'TemplateLiteral') return keys[i] === 'expressions';
      if (a.type !== 'ConditionalExpression' && a.type !== 'LogicalExpression') return false;
    }
    return false;
  }

  function checkText(node: Node, text: string, ancestors: Node[], keys: string[]) {
    if (!ANY_WORD.test(text) || CLASS_LIST.test(text)) return;
    const composed = node.type === 'StringLiteral' && inTemplateText(ancestors, keys);
    if (IDENTIFIER.test(text) && !composed) return;
    const visibleAttribute = inVisibleAttribute(ancestors);
    if (!visibleAttribute && !composed && !WORDS.test(text)) return;
    const place = technicalPlace(ancestors, keys);
    if (place) return;
    report(node, text, visibleAttribute ? 'text in an attribute people read' : composed ? 'words put into a text' : 'words in the code');
  }

  function check(node: Node, ancestors: Node[], keys: string[]) {
    switch (node.type) {
      case 'JSXText': {
        const text = node.value as string;
        if (ANY_WORD.test(text)) report(node, text, 'JSX text');
        break;
      }
      case 'StringLiteral':
        checkText(node, node.value as string, ancestors, keys);
        break;
      case 'TemplateLiteral':
        for (const quasi of node.quasis as Node[]) checkText(node, ((quasi.value as { cooked?: string }).cooked ?? '') as string, ancestors, keys);
        break;
      default:
        break;
    }
  }

  visit(ast.program as unknown as Node, [], []);
  return findings;
}

/** Every .ts/.tsx file under `dirs` (relative to `root`), as root-relative paths. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const rel = path.posix.join(dir, name);
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
    }
  };
  dirs.forEach(walk);
  return out.sort();
}

export const readSource = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');
