/**
 * A small Playwright-like query engine that runs inside the page, for browsers driven without
 * Playwright (Firefox over WebDriver BiDi): roles with accessible names, labels, test ids, text,
 * CSS, filters and nth, from a given root (a document or a shadow root). It is plain JavaScript
 * in a string, so no bundler helper can leak into what the page evaluates.
 *
 * The accessible-name rules are the subset the extension's markup needs (aria-labelledby,
 * aria-label, <label>, button/link/option/heading/tab content, legend, caption, alt, title); roles are the
 * explicit `role` or the usual implicit one. Hidden elements (display:none, visibility:hidden,
 * inside aria-hidden="true") never match a role, as in Playwright.
 */

/** One step of a query; a Scope is a list of these applied from the root. */
export type QueryStep =
  | { kind: 'css'; selector: string }
  | { kind: 'role'; role: string; name?: Pattern; exact?: boolean }
  | { kind: 'label'; text: Pattern; exact?: boolean }
  | { kind: 'testid'; id: string }
  | { kind: 'text'; text: Pattern; exact?: boolean }
  | { kind: 'filter'; hasText?: Pattern; hasNotText?: Pattern; has?: QueryStep[] }
  | { kind: 'nth'; index: number };

/** A string or a RegExp, as JSON can carry it. */
export type Pattern = { string: string } | { source: string; flags: string };

export const toPattern = (match: string | RegExp): Pattern => (typeof match === 'string' ? { string: match } : { source: match.source, flags: match.flags });

/** What a query is asked to return. */
export type QueryOp = 'count' | 'texts' | 'probe' | 'element' | 'attribute' | 'value' | 'checked' | 'focused';

/**
 * Body of `function (root, steps, op, arg)`. `probe` returns `{ count, visible, enabled }` of the
 * matches; `element` the single match (or the first, for reads); the rest are reads of the first
 * match (or all, for `texts` and `count`).
 */
const ENGINE_BODY = String.raw`
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const matches = (value, pattern, exact) => {
    const text = norm(value);
    if (pattern.source !== undefined) return new RegExp(pattern.source, pattern.flags).test(text);
    const want = norm(pattern.string);
    return exact ? text === want : text.toLowerCase().includes(want.toLowerCase());
  };
  const descendants = (node) => Array.from(node.querySelectorAll('*'));
  const tag = (el) => el.localName;
  const styleOf = (el) => el.ownerDocument.defaultView.getComputedStyle(el);
  const visible = (el) => {
    if (tag(el) === 'option' || tag(el) === 'optgroup') { const select = el.closest('select'); return select ? visible(select) : false; }
    if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true });
    const style = styleOf(el);
    return style.visibility !== 'hidden' && el.getClientRects().length > 0;
  };
  const ariaHidden = (el) => {
    for (let at = el; at; at = at.parentElement || (at.getRootNode() && at.getRootNode().host) || null) {
      if (at.getAttribute && at.getAttribute('aria-hidden') === 'true') return true;
    }
    return false;
  };
  const byId = (el, id) => { const root = el.getRootNode(); return (root.getElementById ? root.getElementById(id) : null) || el.ownerDocument.getElementById(id); };

  const implicitRole = (el) => {
    const t = tag(el);
    const type = (el.getAttribute('type') || '').toLowerCase();
    switch (t) {
      case 'a': case 'area': return el.hasAttribute('href') ? 'link' : null;
      case 'button': return 'button';
      case 'input':
        if (type === 'checkbox') return 'checkbox';
        if (type === 'radio') return 'radio';
        if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
        if (type === 'range') return 'slider';
        if (type === 'number') return 'spinbutton';
        if (type === 'hidden') return null;
        if (el.hasAttribute('list')) return 'combobox';
        if (type === 'search') return 'searchbox';
        return 'textbox';
      case 'textarea': return 'textbox';
      case 'select': return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
      case 'option': return 'option';
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': return 'heading';
      case 'ul': case 'ol': case 'menu': return 'list';
      case 'li': return 'listitem';
      case 'section': return accessibleName(el) ? 'region' : null;
      case 'form': return accessibleName(el) ? 'form' : null;
      case 'fieldset': case 'details': case 'optgroup': return 'group';
      case 'dialog': return 'dialog';
      case 'output': return 'status';
      case 'table': return 'table';
      case 'tr': return 'row';
      case 'td': return 'cell';
      case 'th': {
        const scope = (el.getAttribute('scope') || '').toLowerCase();
        if (scope === 'row' || scope === 'rowgroup') return 'rowheader';
        if (scope === 'col' || scope === 'colgroup' || el.closest('thead')) return 'columnheader';
        return el.parentElement && el.parentElement.querySelector(':scope > td') ? 'rowheader' : 'columnheader';
      }
      case 'nav': return 'navigation';
      case 'main': return 'main';
      case 'article': return 'article';
      case 'progress': return 'progressbar';
      case 'meter': return 'meter';
      case 'img': return el.getAttribute('alt') === '' ? 'presentation' : 'img';
      case 'hr': return 'separator';
      default: return null;
    }
  };
  const roleOf = (el) => {
    const explicit = norm(el.getAttribute('role')).split(' ')[0];
    return explicit || implicitRole(el);
  };
  const NAME_FROM_CONTENT = new Set(['button', 'cell', 'checkbox', 'columnheader', 'gridcell', 'heading', 'link', 'menuitem', 'menuitemcheckbox',
    'menuitemradio', 'option', 'radio', 'row', 'rowheader', 'switch', 'tab', 'tooltip', 'treeitem', 'listitem']);
  const textOf = (node) => {
    let out = '';
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out += child.data;
      else if (child.nodeType === 1) {
        if (['style', 'script', 'template'].includes(tag(child))) continue;
        if (child.getAttribute('aria-hidden') === 'true' || !visible(child)) continue;
        const label = child.getAttribute('aria-label');
        if (label && norm(label)) { out += ' ' + label + ' '; continue; }
        if (tag(child) === 'input' || tag(child) === 'textarea') { out += ' ' + (child.value || '') + ' '; continue; }
        if (tag(child) === 'img') { out += ' ' + (child.getAttribute('alt') || '') + ' '; continue; }
        const block = !['span', 'b', 'i', 'em', 'strong', 'code', 'a', 'small', 'abbr', 'kbd', 'time', 'mark', 'label', 'bdi', 'sup', 'sub'].includes(tag(child));
        out += (block ? ' ' : '') + textOf(child) + (block ? ' ' : '');
      }
    }
    return out;
  };
  const labelsOf = (el) => {
    const out = [];
    const labelledBy = norm(el.getAttribute('aria-labelledby'));
    if (labelledBy) out.push(labelledBy.split(' ').map((id) => byId(el, id)).filter(Boolean).map(textOf).join(' '));
    const aria = el.getAttribute('aria-label');
    if (aria && norm(aria)) out.push(aria);
    if (el.labels) for (const label of el.labels) out.push(textOf(label));
    return out.map(norm).filter(Boolean);
  };
  function accessibleName(el) {
    const labelledBy = norm(el.getAttribute('aria-labelledby'));
    if (labelledBy) {
      const text = norm(labelledBy.split(' ').map((id) => byId(el, id)).filter(Boolean).map(textOf).join(' '));
      if (text) return text;
    }
    const aria = norm(el.getAttribute('aria-label'));
    if (aria) return aria;
    const t = tag(el);
    if (el.labels && el.labels.length) { const text = norm(Array.from(el.labels).map(textOf).join(' ')); if (text) return text; }
    if (t === 'input') {
      const type = (el.getAttribute('type') || '').toLowerCase();
      if (['button', 'submit', 'reset'].includes(type)) return norm(el.value) || (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '');
      if (type === 'image') return norm(el.getAttribute('alt'));
    }
    if (t === 'fieldset') { const legend = el.querySelector(':scope > legend'); if (legend) return norm(textOf(legend)); }
    if (t === 'img') return norm(el.getAttribute('alt'));
    if (t === 'table') { const caption = el.querySelector(':scope > caption'); if (caption) return norm(textOf(caption)); }
    const explicit = norm(el.getAttribute('role')).split(' ')[0];
    // (section and form take their role from their name: never from content.)
    if (NAME_FROM_CONTENT.has(explicit || (t === 'section' || t === 'form' ? '' : implicitRole(el)) || '')) { const text = norm(textOf(el)); if (text) return text; }
    return norm(el.getAttribute('title'));
  }
  const LABELABLE = 'input, select, textarea, button, meter, output, progress, [aria-label], [aria-labelledby]';

  const unique = (list) => { const seen = new Set(); return list.filter((el) => (seen.has(el) ? false : (seen.add(el), true))); };
  const innermost = (list) => { const set = new Set(list); return list.filter((el) => !descendants(el).some((d) => set.has(d))); };

  const apply = (scopes, step) => {
    switch (step.kind) {
      case 'css': return unique(scopes.flatMap((s) => Array.from(s.querySelectorAll(step.selector))));
      case 'testid': return unique(scopes.flatMap((s) => Array.from(s.querySelectorAll('[data-testid="' + CSS.escape(step.id) + '"]'))));
      case 'role': return unique(scopes.flatMap(descendants)).filter((el) => roleOf(el) === step.role && visible(el) && !ariaHidden(el)
        && (!step.name || matches(accessibleName(el), step.name, step.exact)));
      case 'label': return unique(scopes.flatMap((s) => Array.from(s.querySelectorAll(LABELABLE)))).filter((el) => labelsOf(el).some((l) => matches(l, step.text, step.exact)));
      case 'text': return innermost(unique(scopes.flatMap(descendants)).filter((el) => !['style', 'script', 'template', 'head', 'title'].includes(tag(el)) && matches(el.textContent, step.text, step.exact)));
      case 'filter': return scopes.filter((el) => (!step.hasText || matches(el.textContent, step.hasText, false))
        && (!step.hasNotText || !matches(el.textContent, step.hasNotText, false))
        && (!step.has || step.has.reduce(apply, [el]).length > 0));
      case 'nth': { const at = step.index < 0 ? scopes.length + step.index : step.index; return scopes[at] ? [scopes[at]] : []; }
      default: throw new Error('unknown query step ' + JSON.stringify(step));
    }
  };

  // '#document': this page's document (no handle to pass, so no handle from a page since navigated away).
  const start = root === '#document' ? document : root;
  const found = start ? steps.reduce(apply, [start]) : [];
  const first = found[0];
  switch (op) {
    case 'count': return found.length;
    case 'texts': return found.map((el) => el.textContent);
    case 'probe': return { count: found.length, visible: first ? visible(first) : false, enabled: first ? !(first.disabled || first.getAttribute('aria-disabled') === 'true') : false };
    case 'element': return first || null;
    case 'attribute': return first ? first.getAttribute(arg) : null;
    case 'value': return first ? (first.value === undefined ? null : String(first.value)) : null;
    case 'checked': return first ? Boolean(first.checked || first.getAttribute('aria-checked') === 'true') : false;
    case 'focused': return first ? first === first.getRootNode().activeElement : false;
    default: throw new Error('unknown op ' + op);
  }
`;

/** The engine as a function the page can be asked to evaluate: `(root, steps, op, arg) => …`. */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
export const queryEngine = new Function('root', 'steps', 'op', 'arg', ENGINE_BODY) as (root: unknown, steps: QueryStep[], op: QueryOp, arg?: unknown) => unknown;
